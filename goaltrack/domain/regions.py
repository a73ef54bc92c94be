"""A region's figure as the sum of its municipalities' (pure: plain points in, plain points out).

For goals counted in persons or counts, a region's figure for a year is the sum of its
municipalities' figures when every municipality of the region has one for that year and none was
recorded for the region itself; a recorded regional figure always wins. Percent, score and years
are never summed: a share of a region is not the sum of its municipalities' shares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from goaltrack.domain.progress import Point

WORDS = {"en": "sum of {n} municipalities", "da": "sum af {n} kommuner"}


def members_by_region(scopes: Iterable[Any]) -> dict[str, list[str]]:
    """Region code → the codes of its municipalities (the scopes whose parent is a region), in the
    order ``scopes`` gives them; ``scopes`` are anything with ``code``, ``kind`` and ``parent``."""
    scopes = list(scopes)
    kinds = {s.code: s.kind for s in scopes}
    members: dict[str, list[str]] = {}
    for s in scopes:
        if kinds.get(s.parent) == "region":
            members.setdefault(s.parent, []).append(s.code)
    return members


def sums(own: Sequence[Point], members: Mapping[str, Sequence[Point]], count: int) -> dict[int, float]:
    """Year → the sum of the members' figures, for each year in which all ``count`` members have a
    figure (``members`` holds those with any) and ``own`` (the region's recorded figures) has none."""
    if count <= 0 or len(members) < count:
        return {}
    by_year: dict[int, list[float]] = {}
    for points in members.values():
        for point in points:
            by_year.setdefault(point.year, []).append(point.value)
    recorded = {point.year for point in own}
    return {year: sum(values) for year, values in sorted(by_year.items())
            if len(values) == count and year not in recorded}


def with_sums(own: Sequence[Point], summed: Mapping[int, float]) -> list[Point]:
    """The recorded figures and the derived ones together, oldest first."""
    return sorted([*own, *(Point(year, value) for year, value in summed.items())], key=lambda p: p.year)


def derived_text(count: int, lang: str = "en") -> str:
    """'sum of 11 municipalities'."""
    return WORDS.get(lang, WORDS["en"]).format(n=count)
