"""Running and timing commands for the benchmarks: each figure is a ratio of two medians taken in
the same run, the two commands alternating, so that machine load weighs on both alike."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path


def goaltrack(*args: str) -> list[str]:
    """The installed goaltrack command (as a user runs it), else ``python -m goaltrack``."""
    found = shutil.which("goaltrack")
    return ([found] if found else [sys.executable, "-m", "goaltrack"]) + list(args)


def environment(database: Path) -> dict[str, str]:
    env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{database}"}
    env.pop("GOALTRACK_DEBUG", None)
    return env


def run(cmd: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, env=env, check=True, capture_output=True, text=True)


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def medians(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int, warm: int = 2) -> dict[str, float]:
    """The median time of each named (command, environment), run alternately ``runs`` times."""
    for _ in range(warm):
        for cmd, env in commands.values():
            timed(cmd, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (cmd, env) in commands.items():
            times[name].append(timed(cmd, env))
    return {name: statistics.median(values) for name, values in times.items()}
