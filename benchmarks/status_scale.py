"""Does `goaltrack status` slow down as measurements grow? 500 figures against 1,000,000, in one run.

    python benchmarks/status_scale.py [--rows 1000000] [--runs 9]

Two databases with the same synthetic catalogue (20 goals, 500 scopes): one holding 500 figures,
one holding a million. `goaltrack status --scope s000` (a scope with figures in both) is timed on
each, alternately; the aim is a ratio of at most 1.1 (issue 19), since the database selects the few entries a
status needs through the record's key index (indicator, scope, year), newest entry by id.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run
from synthetic import write_catalogue, write_figures

AIM = 1.1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_catalogue(work / "goals.yaml", goals=20, scopes=500)
        commands = {}
        for name, rows in (("small", 500), ("large", args.rows)):
            write_figures(work / f"{name}.csv", goals=20, scopes=500, rows=rows)
            env = environment(work / f"{name}.db")
            run(goaltrack("catalogue", "sync", str(work / "goals.yaml")), env)
            run(goaltrack("import", str(work / f"{name}.csv")), env)
            commands[name] = (goaltrack("status", "--scope", "s000", "--format", "json"), env)
        times = medians(commands, args.runs)
    ratio = times["large"] / times["small"]
    print(f"status with 500 figures:          {times['small'] * 1000:7.1f} ms (median of {args.runs})")
    print(f"status with {args.rows:,} figures: {times['large'] * 1000:7.1f} ms")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
