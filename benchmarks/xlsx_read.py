"""Reading .xlsx: which reader, and what an .xlsx import costs next to the same figures as CSV.

    python benchmarks/xlsx_read.py [--runs 7]

The figures: 98 municipalities × 30 years, a wide table (a row per municipality, a column per year)
with a title row and a note, as a spreadsheet and as CSV. Printed:

1. each reader's start-up (``import``) and its time to read the sheet, python-calamine against
   openpyxl (read-only mode), medians of alternating runs;
2. ``goaltrack import --dry-run`` of the .xlsx against the same figures as CSV, medians of alternating
   runs: the difference should be no more than the reader's own cost (start-up plus reading).
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import environment, goaltrack, medians, run

YEARS = list(range(1995, 2025))


def municipalities() -> list[str]:
    import yaml

    root = Path(__file__).resolve().parent.parent
    scopes = yaml.safe_load((root / "goals.yaml").read_text(encoding="utf-8"))["scopes"]
    return [s["name"] for s in scopes if s.get("kind") == "municipality"]


def write_files(folder: Path) -> tuple[Path, Path]:
    import openpyxl

    rng = random.Random(3)
    names = municipalities()
    rows = []
    for name in names:
        value = rng.randint(20, 1500)
        row = [name]
        for _ in YEARS:
            value = max(1, value + rng.randint(-value // 20 - 1, value // 20 + 1))
            row.append(value)
        rows.append(row)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Hjemløse efter kommune (benchmark figures)"])
    sheet.append(["Kommune"] + YEARS)
    for row in rows:
        sheet.append(row)
    sheet.append([])
    sheet.append(["Kilde: benchmark"])
    xlsx = folder / "kommuner.xlsx"
    book.save(xlsx)
    csv_path = folder / "kommuner.csv"
    lines = ["Hjemløse efter kommune (benchmark figures)", ";".join(["Kommune"] + [str(y) for y in YEARS])]
    lines += [";".join(map(str, row)) for row in rows] + ["", "Kilde: benchmark"]
    csv_path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return xlsx, csv_path


def startup(module: str, runs: int) -> float:
    """The median time to import ``module`` in a fresh interpreter, less that of an empty one."""
    def once(code: str) -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    empty, loaded = [], []
    for _ in range(runs):
        empty.append(once("pass"))
        loaded.append(once(f"import {module}"))
    return statistics.median(loaded) - statistics.median(empty)


def read_times(xlsx: Path, runs: int) -> dict[str, float]:
    from openpyxl import load_workbook
    from python_calamine import CalamineWorkbook

    def calamine() -> int:
        book = CalamineWorkbook.from_path(str(xlsx))
        return len(book.get_sheet_by_name(book.sheet_names[0]).to_python())

    def openpyxl_read() -> int:
        book = load_workbook(xlsx, read_only=True, data_only=True)
        count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
        book.close()
        return count

    times: dict[str, list[float]] = {"python-calamine": [], "openpyxl": []}
    for _ in range(runs):
        for name, reader in (("python-calamine", calamine), ("openpyxl", openpyxl_read)):
            start = time.perf_counter()
            reader()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        xlsx, csv_path = write_files(work)
        print(f"figures: {len(municipalities())} municipalities × {len(YEARS)} years "
              f"({xlsx.stat().st_size:,} bytes .xlsx, {csv_path.stat().st_size:,} bytes CSV)")
        reads = read_times(xlsx, args.runs * 3)
        for module, name in (("python_calamine", "python-calamine"), ("openpyxl", "openpyxl")):
            print(f"{name:16} start-up {startup(module, args.runs) * 1000:6.1f} ms, "
                  f"reading the sheet {reads[name] * 1000:6.1f} ms")
        env = environment(work / "goaltrack.db")
        run(goaltrack("goals"), env)
        times = medians({
            "csv": (goaltrack("import", str(csv_path), "--goal", "homelessness", "--dry-run"), env),
            "xlsx": (goaltrack("import", str(xlsx), "--goal", "homelessness", "--dry-run"), env),
        }, args.runs)
        cost = startup("python_calamine", args.runs) + reads["python-calamine"]
    extra = times["xlsx"] - times["csv"]
    print(f"goaltrack import --dry-run: CSV {times['csv']:.3f} s, xlsx {times['xlsx']:.3f} s "
          f"(+{extra * 1000:.0f} ms; the reader's own cost: {cost * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
