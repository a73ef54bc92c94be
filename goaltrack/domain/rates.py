"""Rates per 100,000 inhabitants (method v3): a scope's persons or counts over its population that year.

Pure: plain points and population figures in, plain points out. A figure becomes a rate only with a
population figure of the same scope and year; the others are left out and counted, never guessed
from another year.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

from goaltrack.domain.progress import Point

PER = 100_000  # inhabitants a rate is given per
RATE = "rate"  # the unit of a rate (goaltrack.domain.units: "per 100,000")


def rate(value: float, population: float) -> float:
    """``value`` per 100,000 of ``population``: 900 of 600,000 → 150.0."""
    return value * PER / population


def per_inhabitants(points: Sequence[Point], population: Mapping[int, float]) -> tuple[list[Point], int]:
    """The points as rates of the scope's population in their year (flag and source kept), and how
    many were left out for want of a population figure of their year (or one of 0)."""
    rated = [dataclasses.replace(p, value=rate(p.value, population[p.year])) for p in points
             if population.get(p.year)]
    return rated, len(points) - len(rated)


def national_rates(baseline: tuple[int | None, float | None], target: tuple[int | None, float | None],
                   population: Mapping[int, float]) -> tuple[float | None, float | None] | None:
    """The catalogue's baseline and target (year, value) as rates of the home scope's population in
    their own years; a part without a value stays None; None where a year with a value has no population."""
    out: list[float | None] = []
    for year, value in (baseline, target):
        if value is None:
            out.append(None)
        elif year is None or not population.get(year):
            return None
        else:
            out.append(rate(value, population[year]))
    return out[0], out[1]
