"""Does `goaltrack status` slow down as measurements grow? 500 figures against 1,000,000, in one run.

    python benchmarks/status_scale.py [--rows 1000000] [--runs 9]

Two databases with the same synthetic catalogue (20 goals, 500 scopes): one holding 500 figures,
one holding a million. `goaltrack status --scope s000` (a scope with figures in both) is timed on
each, alternately; the aim is a ratio of at most 1.5, since the database selects the few rows a
status needs through its unique index (goal, scope, year).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import write_catalogue, write_figures  # noqa: E402

AIM = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    goaltrack = shutil.which("goaltrack")
    base = [goaltrack] if goaltrack else [sys.executable, "-m", "goaltrack"]
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_catalogue(work / "goals.yaml", goals=20, scopes=500)
        envs = {}
        for name, rows in (("small", 500), ("large", args.rows)):
            figures = work / f"{name}.csv"
            write_figures(figures, goals=20, scopes=500, rows=rows)
            env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{work / name}.db"}
            env.pop("GOALTRACK_DEBUG", None)
            subprocess.run(base + ["catalogue", "sync", str(work / "goals.yaml")], env=env, check=True,
                           capture_output=True)
            subprocess.run(base + ["import", str(figures)], env=env, check=True, capture_output=True)
            envs[name] = env
        command = base + ["status", "--scope", "s000", "--format", "json"]
        times: dict[str, list[float]] = {"small": [], "large": []}
        for _ in range(2):  # warm the caches
            for env in envs.values():
                subprocess.run(command, env=env, check=True, capture_output=True)
        for _ in range(args.runs):
            for name, env in envs.items():
                start = time.perf_counter()
                subprocess.run(command, env=env, check=True, capture_output=True)
                times[name].append(time.perf_counter() - start)
    small, large = statistics.median(times["small"]), statistics.median(times["large"])
    print(f"status with 500 figures:        {small * 1000:7.1f} ms (median of {args.runs})")
    print(f"status with {args.rows:,} figures: {large * 1000:7.1f} ms")
    print(f"ratio: {large / small:.2f} (aim: at most {AIM})")
    return 0 if large / small <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
