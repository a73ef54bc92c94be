"""Does `goaltrack history` slow down with a huge source? A 10 MB source against a 20-character one.

    python benchmarks/long_text.py [--megabytes 10] [--runs 5]

Text is bounded at 2,000 characters where it enters now, but a database written by an older
goaltrack may hold a 10 MB source (one took `history` 44 s: rich splits a long cell line by line,
copying the rest of the text each time, so the time grew with the square of the length). Two
databases, the same but for that one source, written straight into SQLite as an older goaltrack
could have; `goaltrack history homelessness` is timed on each, alternately. The aim is a ratio of
at most 1.5: the table shows the first 2,000 characters and says how long the text was.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run

AIM = 1.5


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=10)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    long_source = "word " * int(args.megabytes * 1_000_000 / 5)
    with tempfile.TemporaryDirectory() as folder:
        commands = {}
        for name, source in (("short", "VIVE, Hjemløshed 2015"), ("long", long_source)):
            database = Path(folder) / f"{name}.db"
            env = environment(database)
            run(goaltrack("goals"), env)
            with sqlite3.connect(database) as conn:
                conn.execute("INSERT INTO measurement (goal_id, scope, year, value, source, recorded_at) "
                             "VALUES ('homelessness', 'DK', 2015, 6138, ?, '2024-01-01 00:00:00')", (source,))
            commands[name] = (goaltrack("history", "homelessness"), env)
        times = medians(commands, args.runs, warm=1)
    ratio = times["long"] / times["short"]
    print(f"history with a 20-character source: {times['short'] * 1000:7.1f} ms (median of {args.runs})")
    print(f"history with a {args.megabytes:g} MB source:       {times['long'] * 1000:7.1f} ms")
    print(f"ratio: {ratio:.2f} (aim: at most {AIM})")
    return 0 if ratio <= AIM else 1


if __name__ == "__main__":
    sys.exit(main())
