"""How long `goaltrack import` takes for a million rows next to sqlite3's own `.import`, in one run.

    python benchmarks/import_speed.py [--rows 1000000]

The baseline is the sqlite3 command-line shell importing the same CSV into a table with the same
unique key (goal, scope, year); the two alternate (``--runs`` each, medians compared), each goaltrack
run into a fresh copy of a database holding the catalogue, so that machine load weighs on both alike. goaltrack does more (checks every row against the catalogue and
the unit, finds duplicates, keeps corrections), so the aim is at most 2.5 times, the limit 5.
Also prints where goaltrack's time goes: reading and checking, then writing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run
from synthetic import write_catalogue, write_figures

LIMIT, AIM = 5.0, 2.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=3, help="alternating runs of each; the medians are compared")
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
        env = environment(work / "goaltrack.db")
        run(goaltrack("catalogue", "sync", str(work / "goals.yaml")), env)
        (work / "goaltrack.db").rename(work / "template.db")  # each run imports into a fresh copy
        db = work / "goaltrack.db"
        base = work / "base.db"
        command = " ".join(goaltrack("import", str(work / "figures.csv")))
        times = medians({
            "sqlite3": (["sh", "-c", f"rm -f {base} && exec sqlite3 {base} < {work / 'base.sql'}"], env),
            "goaltrack": (["sh", "-c", f"rm -f {db} {db}-wal {db}-shm && cp {work / 'template.db'} {db} && "
                                       f"exec {command}"], env),
        }, args.runs, warm=1)
        theirs, ours = times["sqlite3"], times["goaltrack"]
        done = run(["sh", "-c", f"rm -f {db} {db}-wal {db}-shm && cp {work / 'template.db'} {db} && exec {command}"],
                   env)
    ratio = ours / theirs
    print(f"rows: {rows:,}")
    print(f"sqlite3 .import:  {theirs:6.2f} s (median of {args.runs})")
    print(f"goaltrack import: {ours:6.2f} s (median of {args.runs})   ({done.stderr.strip()})")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM}, limit {LIMIT})")
    return 0 if ratio <= LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
