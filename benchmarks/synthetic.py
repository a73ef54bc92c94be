"""A synthetic catalogue and figures for the benchmarks: many goals, hundreds of scopes, a century."""

from __future__ import annotations

import csv
import random
from pathlib import Path

YEARS = range(1921, 2021)


def write_catalogue(path: Path, goals: int, scopes: int) -> None:
    lines = ["scopes:"]
    lines += [f'  - {{code: "s{s:03d}", name: "Scope {s}", kind: municipality}}' for s in range(scopes)]
    lines.append("goals:")
    for g in range(goals):
        lines += [f"  - id: g{g:02d}", f"    title: {{en: Goal {g}, da: Mål {g}}}", "    unit: percent",
                  "    direction: decrease", "    baseline: {year: 2011, value: 60}",
                  "    target: {year: 2030, value: 30}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_figures(path: Path, goals: int, scopes: int, rows: int, seed: int = 1) -> int:
    """Up to ``rows`` figures: goal by goal, scope by scope, year by year; returns how many."""
    rng = random.Random(seed)
    written = 0
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["goal", "scope", "year", "value", "source"])
        for g in range(goals):
            for s in range(scopes):
                value = rng.uniform(20, 80)
                for year in YEARS:  # a random walk, as real series go (plausible to goaltrack's check)
                    if written == rows:
                        return written
                    value = min(95.0, max(5.0, value + rng.uniform(-2, 2)))
                    writer.writerow([f"g{g:02d}", f"s{s:03d}", year, f"{value:.1f}", "benchmark"])
                    written += 1
    return written
