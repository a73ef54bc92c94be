"""How long `goaltrack status` takes next to importing its three big libraries, in the same run.

    python benchmarks/startup.py [--runs 15]

Prints the median wall time of each and their ratio; the aim is a ratio of at most 1.5
(`goaltrack status` does little more than import click, rich and sqlmodel and read a few rows).
The two commands are run alternately so that machine load hits both alike.
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

AIM = 1.5


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()

    goaltrack = shutil.which("goaltrack")
    status = [goaltrack, "status"] if goaltrack else [sys.executable, "-m", "goaltrack", "status"]
    baseline = [sys.executable, "-c", "import click, rich, sqlmodel"]
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{Path(folder) / 'bench.db'}"}
        env.pop("GOALTRACK_DEBUG", None)
        subprocess.run(status, env=env, check=True, capture_output=True)  # create the database once
        for _ in range(2):  # warm the file cache
            timed(status, env), timed(baseline, env)
        ours, theirs = [], []
        for _ in range(args.runs):
            ours.append(timed(status, env))
            theirs.append(timed(baseline, env))
    a, b = statistics.median(ours), statistics.median(theirs)
    ratio = a / b
    print(f"goaltrack status:                   {a * 1000:7.1f} ms (median of {args.runs})")
    print(f"python -c 'import click, rich, sqlmodel': {b * 1000:7.1f} ms")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
