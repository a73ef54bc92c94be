"""Which library writes goaltrack's workbooks: XlsxWriter or openpyxl, by start-up and per-row cost.

    python benchmarks/xlsx_writers.py [--rows 100000] [--runs 7]

For each library, in the same run and alternating: the time of a Python that only imports it (the
start-up a user pays on every `export --format xlsx`), next to a bare `python -c pass`; and the time
to write a sheet of ``--rows`` figures shaped like `goaltrack export` (goal, scope, year, value,
source, note), less the start-up, divided by the rows. Both write in their streaming mode
(XlsxWriter's constant_memory, openpyxl's write_only), as goaltrack would.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from harness import medians

WRITE = {
    "xlsxwriter": """
import sys, xlsxwriter
book = xlsxwriter.Workbook(sys.argv[1], {{"constant_memory": True}})
sheet = book.add_worksheet("figures")
sheet.write_row(0, 0, ["goal", "scope", "year", "value", "source", "note"])
for i in range({rows}):
    sheet.write_row(i + 1, 0, ["homelessness", str(100 + i % 98), 2000 + i % 20, 5290.5 + i, "VIVE 2019", ""])
book.close()
""",
    "openpyxl": """
import sys, openpyxl
book = openpyxl.Workbook(write_only=True)
sheet = book.create_sheet("figures")
sheet.append(["goal", "scope", "year", "value", "source", "note"])
for i in range({rows}):
    sheet.append(["homelessness", str(100 + i % 98), 2000 + i % 20, 5290.5 + i, "VIVE 2019", ""])
book.save(sys.argv[1])
""",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        out = str(Path(folder) / "book.xlsx")
        commands = {"python": ([sys.executable, "-c", "pass"], None)}
        for name, code in WRITE.items():
            commands[f"import {name}"] = ([sys.executable, "-c", f"import {name}"], None)
            commands[f"write {name}"] = ([sys.executable, "-c", code.format(rows=args.rows), out], None)
        times = medians(commands, args.runs, warm=1)
    print(f"python alone: {times['python'] * 1000:.0f} ms")
    for name in WRITE:
        start = times[f"import {name}"] - times["python"]
        per_row = (times[f"write {name}"] - times[f"import {name}"]) / args.rows
        print(f"{name:>10}: start-up {start * 1000:6.1f} ms; {per_row * 1e6:5.2f} µs a row "
              f"({args.rows:,} rows in {times[f'write {name}']:.2f} s)")
    ratio_start = (times["import openpyxl"] - times["python"]) / (times["import xlsxwriter"] - times["python"])
    ratio_row = ((times["write openpyxl"] - times["import openpyxl"])
                 / (times["write xlsxwriter"] - times["import xlsxwriter"]))
    print(f"openpyxl / xlsxwriter: start-up × {ratio_start:.1f}, per row × {ratio_row:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
