"""How long `goaltrack status` takes next to importing its three big libraries, in the same run.

    python benchmarks/startup.py [--runs 15]

Prints the median wall time of each and their ratio; the aim is a ratio of at most 1.5
(`goaltrack status` does little more than import click, rich and sqlmodel and read a few rows).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run

AIM = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        env = environment(Path(folder) / "bench.db")
        run(goaltrack("status"), env)  # create the database once
        times = medians({"status": (goaltrack("status"), env),
                         "imports": ([sys.executable, "-c", "import click, rich, sqlmodel"], env)}, args.runs)
    ratio = times["status"] / times["imports"]
    print(f"goaltrack status:                          {times['status'] * 1000:7.1f} ms (median of {args.runs})")
    print(f"python -c 'import click, rich, sqlmodel':  {times['imports'] * 1000:7.1f} ms")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
