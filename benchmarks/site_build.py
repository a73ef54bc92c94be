"""How long `goaltrack site` takes for 16 goals × 104 scopes, next to `goaltrack report` on the same data.

    python benchmarks/site_build.py [--runs 3] [--lang en|da|both]

The database is the shipped catalogue with its published record (16 goals) plus figures for every
goal in each of the 98 municipalities (six years from 2011 to 2022, in line with the nation's), so
that the 5 regions sum their municipalities' persons and counts: 104 scopes with figures (the
nation, the regions, the municipalities). `goaltrack site` writes a page per goal (with its chart
and the comparison of the 104 scopes), a page per scope (its status and a chart per goal) and the
front page; `goaltrack report` writes the national report of the same goals (13 charts). Both are
timed alternately in the same run and the ratio of the medians printed, with the pages and charts
the site holds. There is no aim yet: the figure says what a site of every scope costs next to the
report a user runs today.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import sys
import tempfile
from pathlib import Path

from harness import environment, goaltrack, medians, run

YEARS = (2011, 2013, 2015, 2017, 2019, 2022)


def _start(goal: dict, national: dict[str, list[tuple[int, float]]]) -> float:
    """A goal's national level to scatter the municipalities around: its baseline, else its first figure."""
    if goal["baseline"]:
        return float(goal["baseline"]["value"])
    figures = sorted(national.get(goal["id"], []))
    return float(figures[0][1]) if figures else {"score": 50.0, "percent": 30.0}.get(goal["unit"], 100.0)


def _value(unit: str, level: float, share: float, rng: random.Random) -> str:
    """A municipality's figure: persons and counts a share of the nation's, the rest near its level."""
    if unit in ("persons", "count"):
        return str(max(0, round(level * share)))
    scattered = level * rng.uniform(0.85, 1.15)
    return f"{min(99.0, scattered):.1f}" if unit == "percent" else f"{scattered:.1f}"


def write_municipal_figures(path: Path, goals: list[dict], scopes: list[dict], national: dict, seed: int = 7) -> int:
    """Figures for every goal in every municipality (scope codes below 1000: the regions are 1081..1085),
    a gentle random walk from each goal's national level; returns how many rows were written."""
    rng = random.Random(seed)
    municipalities = [s["code"] for s in scopes if s["code"].isdigit() and int(s["code"]) < 1000]
    rows = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["goal", "scope", "year", "value", "source"])
        for goal in goals:
            start = _start(goal, national)
            for code in municipalities:
                share, level = rng.uniform(0.3, 2.0) / len(municipalities), start
                for year in YEARS:
                    level *= rng.uniform(0.95, 1.05)
                    writer.writerow([goal["id"], code, year, _value(goal["unit"], level, share, rng),
                                     f"Benchmark figures {year}"])
                    rows += 1
    return rows


def prepare(work: Path) -> dict[str, str]:
    """A database at ``work``: the shipped catalogue, its published record and the municipal figures."""
    env = environment(work / "bench.db")
    env.pop("GOALTRACK_CATALOGUE", None)
    goals = json.loads(run(goaltrack("goals", "--format", "json"), env).stdout)
    scopes = json.loads(run(goaltrack("scopes", "--format", "json"), env).stdout)
    national: dict[str, list[tuple[int, float]]] = {}
    for row in json.loads(run(goaltrack("export", "--format", "json"), env).stdout):
        national.setdefault(row["goal"], []).append((row["year"], row["value"]))
    rows = write_municipal_figures(work / "municipal.csv", goals, scopes, national)
    run(goaltrack("import", str(work / "municipal.csv"), "--force"), env)
    print(f"{len(goals)} goals, {len(scopes)} scopes, {rows:,} municipal figures imported", file=sys.stderr)
    return env


def _count(folder: Path, suffix: str) -> int:
    return sum(1 for _ in folder.rglob(f"*{suffix}"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--lang", choices=["en", "da", "both"], default="en")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        env = prepare(work)
        site = work / "site"
        times = medians({"site": (goaltrack("site", "--out", str(site), "--lang", args.lang, "--force",
                                            "--as-of", "2026"), env),
                         "report": (goaltrack("report", "--out", str(work / "report"), "--as-of", "2026"), env)},
                        args.runs, warm=1)
        pages, charts = _count(site, ".html"), _count(site, ".png")
        reported = _count(work / "report", ".png")
        shutil.rmtree(site, ignore_errors=True)
    ratio = times["site"] / times["report"]
    print(f"goaltrack site --lang {args.lang} ({pages} pages, {charts} charts): {times['site']:6.2f} s "
          f"(median of {args.runs})")
    print(f"goaltrack report, same database (national, {reported} charts): {times['report']:6.2f} s")
    print(f"ratio: {ratio:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
