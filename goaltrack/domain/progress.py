"""The progress maths: how far a goal is from its target, and whether it is on track.

Pure functions over plain values (years, numbers, a direction). No database, no click, no rich.
The method and every edge case are defined in docs/method.md; each function below names the figure it
computes and the section that defines it. ``d`` is the direction: +1 when higher is better, -1 when lower
is better (docs/method.md#notation).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from goaltrack.domain import breaks
from goaltrack.domain.units import clamp

ZERO_STAND_IN = 0.001  # a zero value counts as this in growth rates
# Two levels closer than this share of their size (or than this, near zero) are the same level: a
# target that far from its baseline sets no gap to make progress on, only rounding noise to divide by.
LEVEL_NOISE = 1e-9

ACHIEVED = "achieved"
SUBSTANTIAL = "substantial_progress"
MODERATE = "moderate_progress"
LIMITED = "limited_progress"
DETERIORATION = "deterioration"
INSUFFICIENT = "insufficient_data"
CATEGORIES = (ACHIEVED, SUBSTANTIAL, MODERATE, LIMITED, DETERIORATION, INSUFFICIENT)

MET, MISSED, UNKNOWN = "met", "missed", "unknown"
VERDICT_WINDOW = 3  # a verdict basis more than this many years older than the target year decides nothing


@dataclass(frozen=True)
class Point:
    year: int
    value: float
    source: str | None = None
    flag: str | None = None  # P E B D U: see goaltrack.domain.flags


@dataclass(frozen=True)
class GoalSpec:
    """What the maths needs to know of a goal."""

    direction: int  # +1 higher is better, -1 lower is better
    baseline: Point | None = None
    target_year: int | None = None
    target_value: float | None = None  # None: a target by direction only, or no target at all
    minimum: float | None = None  # the unit's range, for the projection
    maximum: float | None = None
    verdict_window: int = VERDICT_WINDOW  # years a verdict basis may lie before the target year
    bridges: tuple[tuple[int, float], ...] = ()  # (year a series break starts, the baseline bridged into it)


@dataclass(frozen=True)
class Assessment:
    latest: Point | None
    achieved: bool | None
    distance: float | None
    distance_share: float | None
    progress_pct: float | None
    required: float | None
    on_path: bool | None
    years_ahead: float | None
    growth_ratio: float | None
    category: str
    projection: Point | None
    projected_to_meet: bool | None
    verdict: str | None
    verdict_basis: Point | None  # the figure the verdict rests on (None before the deadline, or none)
    series_break: int | None = None  # the break between baseline and latest figure (method v3), if any
    bridged: float | None = None  # the baseline bridged across it, which the movement figures used
    basis_break: int | None = None  # the break between baseline and verdict basis, if any


def target_level(value: float | None, change_pct: float | None, baseline: float | None) -> float | None:
    """The target as a level: the stated one, else the relative change applied to the baseline."""
    if value is not None:
        return value
    if change_pct is not None and baseline is not None:
        return finite(baseline * (1 + change_pct / 100))
    return None


def same_level(a: float, b: float) -> bool:
    """Whether two levels differ by no more than float noise (LEVEL_NOISE of their size, or of 1)."""
    return abs(a - b) <= LEVEL_NOISE * max(1.0, abs(a), abs(b))


def finite(value: float | None) -> float | None:
    """The value, or None where it is no finite number. Every figure passes through here, so a
    stored figure as extreme as 1e308 makes the figures it breaks null, never inf or NaN."""
    return value if value is not None and math.isfinite(value) else None


# --- single figures -------------------------------------------------------------------------------


def is_achieved(d: int, value: float, target: float) -> bool:
    """achieved: d·(v − t) ≥ 0 (docs/method.md#achieved)."""
    return d * (value - target) >= 0


def distance_to_target(d: int, value: float, target: float) -> float:
    """distance: max(0, d·(t − v)), in the goal's unit (inf for an overflow: see ``finite``);
    docs/method.md#distance-and-distance-share."""
    return max(0.0, d * (target - value))


def progress_pct(baseline: float, target: float, value: float) -> float | None:
    """progress: 100·(v − b)/(t − b); negative when moving away; None when t = b (docs/method.md#progress)."""
    if same_level(target, baseline):
        return None
    return finite(100.0 * ((value - baseline) / (target - baseline)))


def required_path(baseline: Point, target_year: int, target: float, year: int) -> float:
    """The straight road from (yb, b) to (yt, t), and t after yt (docs/method.md#required-path-and-on-path)."""
    if year >= target_year:
        return target
    share = (year - baseline.year) / (target_year - baseline.year)
    return finite(baseline.value + (target - baseline.value) * share)


def time_distance(baseline: Point, target_year: int, target: float, latest: Point) -> float | None:
    """The year at which the line through baseline and target reaches v, minus yv.

    Positive: that many years ahead of the road; negative: behind. None when t = b
    (docs/method.md#time-distance).
    """
    if same_level(target, baseline.value):
        return None
    slope = (target - baseline.value) / (target_year - baseline.year)
    if not slope or not math.isfinite(slope):
        return None
    year_reached = baseline.year + (latest.value - baseline.value) / slope
    return finite(year_reached - latest.year)


def cagr(start: float, end: float, years: float) -> float | None:
    """Compound annual growth rate; a zero value counts as ZERO_STAND_IN; None for negatives."""
    start = ZERO_STAND_IN if start == 0 else start
    end = ZERO_STAND_IN if end == 0 else end
    if start < 0 or end < 0 or years <= 0:
        return None
    try:
        return finite((end / start) ** (1.0 / years) - 1.0)
    except (OverflowError, ZeroDivisionError):  # a ratio beyond floats, from extreme stored figures
        return None


def growth_ratio(baseline: Point, target_year: int, target: float, latest: Point) -> float | None:
    """Observed CAGR over required CAGR (Eurostat); None before a second year of data
    (docs/method.md#growth-ratio-and-category)."""
    if latest.year == baseline.year:
        return None
    observed = cagr(baseline.value, latest.value, latest.year - baseline.year)
    required = cagr(baseline.value, target, target_year - baseline.year)
    if observed is None or required is None or required == 0 or same_level(target, baseline.value):
        return None
    return finite(observed / required)


def category_from_ratio(ratio: float | None) -> str:
    if ratio is None:
        return INSUFFICIENT
    if ratio >= 0.95:
        return SUBSTANTIAL
    if ratio >= 0.60:
        return MODERATE
    if ratio >= 0:
        return LIMITED
    return DETERIORATION


def category_from_trend(d: int, observed_cagr: float | None) -> str:
    """For a goal without a numeric target: d·observed CAGR ≥ 1.5 %, 0.5 %, 0, or below
    (docs/method.md#goals-by-direction-only)."""
    if observed_cagr is None:
        return INSUFFICIENT
    signed = d * observed_cagr
    if signed >= 0.015:
        return SUBSTANTIAL
    if signed >= 0.005:
        return MODERATE
    if signed >= 0:
        return LIMITED
    return DETERIORATION


def least_squares(points: Sequence[Point]) -> tuple[float, float] | None:
    """(slope, intercept) of the least-squares line through the points; None under two distinct years."""
    if len({p.year for p in points}) < 2:
        return None
    n = len(points)
    mean_x = sum(p.year for p in points) / n
    mean_y = sum(p.value for p in points) / n
    sxx = sum((p.year - mean_x) ** 2 for p in points)
    sxy = sum((p.year - mean_x) * (p.value - mean_y) for p in points)
    slope = sxy / sxx
    intercept = mean_y - slope * mean_x
    if finite(slope) is None or finite(intercept) is None:
        return None  # figures too extreme to fit a line through
    return slope, intercept


# --- the whole assessment -------------------------------------------------------------------------


def counted(goal: GoalSpec, measurements: Sequence[Point], as_of: int) -> list[Point]:
    """The points the figures use: the baseline, then measurements after the baseline year, to as_of.

    Measurements from before (or in) the baseline year are history and enter no figure. Before the
    baseline year itself nothing is known yet.
    """
    ordered = sorted((m for m in measurements if m.year <= as_of), key=lambda m: m.year)
    if goal.baseline is None:
        return ordered
    if as_of < goal.baseline.year:
        return []
    return [goal.baseline] + [m for m in ordered if m.year > goal.baseline.year]


def assess(goal: GoalSpec, measurements: Sequence[Point], as_of: int) -> Assessment:
    """Every figure of the method (docs/method.md, v2 and v3's series breaks) for one goal, as it stood
    in ``as_of``."""
    d, b, t = goal.direction, goal.baseline, goal.target_value
    points = counted(goal, measurements, as_of)
    latest = points[-1] if points else None
    # Movement figures need movement: none while the latest value is the baseline itself.
    moved = latest is not None and b is not None and latest.year > b.year
    segment, b, series = breaks.one_series(b, points, goal.bridges)  # method v3: one series only
    moved = moved and series is not None

    achieved = distance = share = pct = required = on_path = ahead = ratio = None
    if latest is not None and t is not None:
        achieved = is_achieved(d, latest.value, t)
        distance = finite(distance_to_target(d, latest.value, t))
        if b is not None and distance is not None and not same_level(t, b.value):
            share = finite(distance / abs(t - b.value))
        if moved and goal.target_year is not None:
            pct = progress_pct(b.value, t, latest.value)
            required = required_path(b, goal.target_year, t, latest.year)
            on_path = None if required is None else d * (latest.value - required) >= 0
            ahead = time_distance(b, goal.target_year, t, latest)
            ratio = growth_ratio(b, goal.target_year, t, latest)

    if achieved:
        category = ACHIEVED
    elif t is not None:
        category = category_from_ratio(ratio)
    elif moved:
        category = category_from_trend(d, cagr(b.value, latest.value, latest.year - b.year))
    else:
        category = INSUFFICIENT

    projection = project(goal, series or [])
    projected_to_meet = None
    if projection is not None and t is not None:
        projected_to_meet = is_achieved(d, projection.value, t)

    basis = verdict_basis(goal, points, as_of)
    return Assessment(
        latest=latest,
        achieved=achieved,
        distance=distance,
        distance_share=share,
        progress_pct=pct,
        required=required,
        on_path=on_path,
        years_ahead=ahead,
        growth_ratio=ratio,
        category=category,
        projection=projection,
        projected_to_meet=projected_to_meet,
        verdict=verdict(goal, basis, as_of),
        verdict_basis=basis,
        series_break=None if segment is None else segment.year,
        bridged=None if segment is None else segment.bridged,
        basis_break=None if basis is None or goal.baseline is None else
        breaks.break_between(goal.baseline.year, basis, points),
    )


def project(goal: GoalSpec, points: Sequence[Point]) -> Point | None:
    """The least-squares line through the counted points up to the target year, read at the target
    year and kept in the unit's range. A figure from after the deadline never enters a projection
    to the deadline (docs/method.md#projection)."""
    if goal.target_year is None:
        return None
    line = least_squares(projection_points(goal, points))
    if line is None:
        return None
    slope, intercept = line
    value = finite(slope * goal.target_year + intercept)
    if value is None:
        return None
    return Point(goal.target_year, clamp(value, goal.minimum, goal.maximum))


def projection_points(goal: GoalSpec, points: Sequence[Point]) -> list[Point]:
    """The counted points that enter the projection: none later than the target year."""
    if goal.target_year is None:
        return []
    return [p for p in points if p.year <= goal.target_year]


def verdict_basis(goal: GoalSpec, points: Sequence[Point], as_of: int) -> Point | None:
    """The figure a verdict rests on, once as_of is past the target year: the latest measurement after
    the baseline year at or before the target year (the baseline itself is no measurement). None
    before the deadline and where there is no such figure (docs/method.md#verdict-basis)."""
    if goal.target_year is None or as_of <= goal.target_year:
        return None
    b = goal.baseline
    judged = [p for p in points if p.year <= goal.target_year and (b is None or p.year > b.year)]
    return judged[-1] if judged else None


def basis_too_old(goal: GoalSpec, basis: Point) -> bool:
    """A basis more than the verdict window older than the target year decides nothing
    (docs/method.md#verdict)."""
    return goal.target_year is not None and goal.target_year - basis.year > goal.verdict_window


def verdict(goal: GoalSpec, basis: Point | None, as_of: int) -> str | None:
    """met, missed or unknown once as_of is past the target year; None before.

    unknown without a basis, or where the basis is older than the verdict window allows. A goal by
    direction only is met when its basis is better than its baseline, and unknown without a baseline.
    """
    if goal.target_year is None or as_of <= goal.target_year:
        return None
    if basis is None or basis_too_old(goal, basis):
        return UNKNOWN
    if goal.target_value is not None:
        return MET if is_achieved(goal.direction, basis.value, goal.target_value) else MISSED
    b = goal.baseline
    if b is None:
        return UNKNOWN
    return MET if goal.direction * (basis.value - b.value) > 0 else MISSED
