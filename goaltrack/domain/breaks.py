"""Series breaks (docs/method.md#series-breaks): which figures of a goal are one comparable series.

A figure flagged B starts a new segment. The movement figures (progress, required path, time distance,
growth ratio, projection) use only the baseline and the figures of the latest figure's segment: where
the baseline lies before that segment, they need the catalogue's bridged baseline for the break (the
baseline expressed in the new series), and without one they are null.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goaltrack.domain.progress import Point

BREAK = "B"


@dataclass(frozen=True)
class Segment:
    """The break the movement figures must not cross, and what to do about it."""

    year: int  # the year the latest figure's series starts (a figure flagged B)
    bridged: float | None  # the baseline expressed in that series (catalogue ``breaks:``), or None


def latest_segment(baseline: Point | None, points: Sequence[Point], bridges: Sequence[tuple[int, float]]
                   ) -> Segment | None:
    """The segment of the latest of ``points`` (oldest first), where the baseline lies before it; None
    where baseline and latest figure are of one series (or there is no baseline)."""
    if baseline is None or not points:
        return None
    latest = points[-1]
    starts = [p.year for p in points if p.flag == BREAK and baseline.year < p.year <= latest.year]
    if not starts:
        return None
    year = max(starts)
    return Segment(year, dict(bridges).get(year))


def break_between(earlier: int, later: Point, points: Sequence[Point]) -> int | None:
    """The year of the latest break after year ``earlier`` up to ``later`` (a verdict's basis lies across
    it from the baseline), or None."""
    starts = [p.year for p in points if p.flag == BREAK and earlier < p.year <= later.year]
    return max(starts) if starts else None


def one_series(baseline: Point | None, points: Sequence[Point], bridges: Sequence[tuple[int, float]]
               ) -> tuple[Segment | None, Point | None, list[Point] | None]:
    """(the break, the baseline the movement figures use, the points they use): the baseline and every
    point where there is no break; the bridged baseline and the segment's points across a bridged one;
    no points at all (None) across a break without a bridge."""
    segment = latest_segment(baseline, points, bridges)
    if segment is None:
        return None, baseline, list(points)
    if segment.bridged is None:
        return segment, baseline, None
    bridged = dataclasses.replace(baseline, value=segment.bridged, flag=None)
    return segment, bridged, [bridged] + [p for p in points if p.year >= segment.year]
