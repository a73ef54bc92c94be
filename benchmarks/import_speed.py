"""How long `goaltrack import` takes for a million rows next to sqlite3's own `.import`, in one run.

    python benchmarks/import_speed.py [--rows 1000000]

The baseline is the sqlite3 command-line shell importing the same CSV into a table with the same
unique key (goal, scope, year). goaltrack does more (checks every row against the catalogue and
the unit, finds duplicates, keeps corrections), so the aim is at most 2.5 times, the limit 5.
Also prints where goaltrack's time goes: reading and checking, then writing.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import environment, goaltrack, run
from synthetic import write_catalogue, write_figures

LIMIT, AIM = 5.0, 2.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    if not shutil.which("sqlite3"):
        print("the sqlite3 shell is needed for the baseline: apt-get install sqlite3")
        return 2
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        write_catalogue(work / "goals.yaml", goals=20, scopes=500)
        rows = write_figures(work / "figures.csv", goals=20, scopes=500, rows=args.rows)
        (work / "base.sql").write_text(
            "CREATE TABLE measurement (goal TEXT NOT NULL, scope TEXT NOT NULL, year INTEGER NOT NULL,"
            " value REAL NOT NULL, source TEXT, UNIQUE (goal, scope, year));\n"
            f".mode csv\n.import --skip 1 {work / 'figures.csv'} measurement\n")
        start = time.perf_counter()
        subprocess.run(["sqlite3", str(work / "base.db")], stdin=(work / "base.sql").open(), check=True)
        theirs = time.perf_counter() - start

        env = environment(work / "goaltrack.db")
        run(goaltrack("catalogue", "sync", str(work / "goals.yaml")), env)
        start = time.perf_counter()
        done = run(goaltrack("import", str(work / "figures.csv")), env)
        ours = time.perf_counter() - start
    ratio = ours / theirs
    print(f"rows: {rows:,}")
    print(f"sqlite3 .import:  {theirs:6.2f} s")
    print(f"goaltrack import: {ours:6.2f} s   ({done.stderr.strip()})")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM}, limit {LIMIT})")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
