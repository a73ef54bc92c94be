"""Invariants of the progress maths (docs/method.md, #achieved to #verdict), for random goals.

Each test draws baselines, targets, directions and series and checks a property that every figure
must obey, whatever the numbers: these catch the mistakes a hand-computed example happens to miss
(a sign, a ``>`` for a ``>=``, a swapped baseline and target). Values are whole numbers or tenths,
as published figures are.
"""

from __future__ import annotations

import math

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from goaltrack.domain import progress
from goaltrack.domain.progress import GoalSpec, Point, assess

FAST = settings(max_examples=300, deadline=None)
MIRROR = 10_000  # values mirror around half of this: v -> MIRROR - v keeps a value in 0..MIRROR

values = st.integers(0, 100_000).map(lambda n: n / 10)  # 0.0 .. 10,000.0 in tenths


@st.composite
def goals(draw, with_target: bool = True, with_range: bool = False):
    """A goal with a baseline and (usually) a target on its good side, and figures around them."""
    d = draw(st.sampled_from([1, -1]))
    yb = draw(st.integers(1990, 2015))
    yt = yb + draw(st.integers(1, 15))
    b = draw(values)
    t = draw(values) if with_target else None
    if t is not None:
        assume(d * (t - b) > 0)  # the catalogue refuses a target on the wrong side; equal: see below
    lo = hi = None
    if with_range:
        lo = draw(st.sampled_from([None, 0.0]))
        hi = draw(st.sampled_from([None, float(MIRROR)]))
    years = draw(st.lists(st.integers(yb - 3, yt + 3), unique=True, max_size=6))
    series = [Point(y, draw(values)) for y in sorted(years)]
    goal = GoalSpec(d, Point(yb, b), yt, t, lo, hi)
    as_of = draw(st.integers(yb, yt + 5))
    return goal, series, as_of


def mirrored(goal: GoalSpec, series: list[Point]) -> tuple[GoalSpec, list[Point]]:
    """The same goal seen from the other side: direction swapped, every value v as MIRROR − v."""
    def m(v):
        return None if v is None else MIRROR - v

    base = Point(goal.baseline.year, m(goal.baseline.value)) if goal.baseline else None
    return (GoalSpec(-goal.direction, base, goal.target_year, m(goal.target_value),
                 m(goal.maximum), m(goal.minimum)),
            [Point(p.year, m(p.value)) for p in series])


@FAST
@given(goals())
def test_achieved_exactly_when_the_distance_is_zero(case):
    goal, series, as_of = case
    a = assess(goal, series, as_of)
    assert a.achieved is not None and a.distance is not None
    assert a.achieved == (a.distance == 0)
    assert a.distance >= 0
    assert a.distance == pytest.approx(max(0.0, goal.direction * (goal.target_value - a.latest.value)))
    if a.achieved:
        assert a.category == progress.ACHIEVED
    else:
        assert a.category != progress.ACHIEVED
    if a.distance_share is not None:
        assert a.distance_share == pytest.approx(a.distance / abs(goal.target_value - goal.baseline.value))


@FAST
@given(goals())
def test_progress_is_100_at_the_target_and_0_at_the_baseline(case):
    goal, series, as_of = case
    b, t = goal.baseline.value, goal.target_value
    assert progress.progress_pct(b, t, t) == pytest.approx(100)
    assert progress.progress_pct(b, t, b) == 0
    # Halfway there is 50 %, and a figure on the far side of the baseline is negative.
    assert progress.progress_pct(b, t, (b + t) / 2) == pytest.approx(50)
    assert progress.progress_pct(b, t, b - (t - b)) == pytest.approx(-100)
    a = assess(goal, series, as_of)
    if a.progress_pct is not None:
        assert a.progress_pct == pytest.approx(100 * (a.latest.value - b) / (t - b))
        assert (a.progress_pct >= 100 - 1e-9) == a.achieved or math.isclose(a.progress_pct, 100)
    # Reaching the target in a later year: 100 %, achieved, distance 0.
    at_target = assess(goal, [Point(goal.target_year, t)], goal.target_year)
    assert at_target.achieved is True and at_target.distance == 0
    assert at_target.progress_pct == pytest.approx(100)


@FAST
@given(goals(), st.integers(-5, 25))
def test_required_path_runs_from_baseline_to_target(case, offset):
    goal, series, as_of = case
    b, t, yb, yt = goal.baseline, goal.target_value, goal.baseline.year, goal.target_year
    assert progress.required_path(b, yt, t, yb) == b.value
    assert progress.required_path(b, yt, t, yt) == t
    year = yb + offset
    path = progress.required_path(b, yt, t, year)
    if year >= yt:
        assert path == t  # the target, once its year has come
    elif year >= yb:
        assert min(b.value, t) - 1e-9 <= path <= max(b.value, t) + 1e-9
        assert path == pytest.approx(b.value + (t - b.value) * (year - yb) / (yt - yb))
        if year > yb:  # every year of the road is a step towards the target
            before = progress.required_path(b, yt, t, year - 1)
            assert goal.direction * (path - before) > 0
    a = assess(goal, series, as_of)
    if a.required is not None:
        assert a.required == pytest.approx(progress.required_path(b, yt, t, a.latest.year))
        assert min(b.value, t) - 1e-9 <= a.required <= max(b.value, t) + 1e-9
        assert a.on_path == (goal.direction * (a.latest.value - a.required) >= 0)


@FAST
@given(goals(with_range=True))
def test_a_projection_stays_in_the_units_range(case):
    goal, series, as_of = case
    a = assess(goal, series, as_of)
    if a.projection is None:
        return
    assert a.projection.year == goal.target_year
    if goal.minimum is not None:
        assert a.projection.value >= goal.minimum
    if goal.maximum is not None:
        assert a.projection.value <= goal.maximum
    assert a.projected_to_meet == progress.is_achieved(goal.direction, a.projection.value, goal.target_value)


@FAST
@given(st.lists(st.tuples(st.integers(1990, 2030), values), min_size=2, max_size=8, unique_by=lambda p: p[0]),
       st.integers(2000, 2040))
def test_a_projection_through_points_on_a_line_reads_that_line(pairs, year):
    """Points on a straight line give exactly that line, read at any year."""
    slope = 1.5
    points = [Point(y, 100 + slope * (y - 1990)) for y, _ in pairs]
    line = progress.least_squares(points)
    assert line is not None
    assert line[0] == pytest.approx(slope)
    assert line[0] * year + line[1] == pytest.approx(100 + slope * (year - 1990))


@FAST
@given(goals(with_range=True))
def test_swapping_the_direction_and_mirroring_the_values_mirrors_every_figure(case):
    goal, series, as_of = case
    a = assess(goal, series, as_of)
    mgoal, mseries = mirrored(goal, series)
    m = assess(mgoal, mseries, as_of)

    def near(x, y):
        return x is None and y is None or x is not None and y is not None and x == pytest.approx(y, rel=1e-9, abs=1e-6)

    assert (a.latest is None) == (m.latest is None)
    if a.latest is not None:
        assert m.latest.year == a.latest.year and m.latest.value == MIRROR - a.latest.value
    # Figures that say how well a goal does are the same from either side.
    assert m.achieved == a.achieved
    assert near(m.distance, a.distance)
    assert near(m.distance_share, a.distance_share)
    assert near(m.progress_pct, a.progress_pct)
    assert near(m.years_ahead, a.years_ahead)
    assert m.verdict == a.verdict
    # Figures in the goal's unit are mirrored.
    assert near(m.required, None if a.required is None else MIRROR - a.required)
    assert (m.projection is None) == (a.projection is None)
    if a.projection is not None:
        assert m.projection.year == a.projection.year
        assert m.projection.value == pytest.approx(MIRROR - a.projection.value, rel=1e-9, abs=1e-6)
    # Booleans judged against a computed line may differ only where the figure lies on that line.
    if a.on_path is not None and abs(a.latest.value - a.required) > 1e-6:
        assert m.on_path == a.on_path
    if a.projected_to_meet is not None and abs(a.projection.value - goal.target_value) > 1e-6:
        assert m.projected_to_meet == a.projected_to_meet


@FAST
@given(goals(), st.integers(-3, 0))
def test_figures_from_before_the_baseline_year_enter_no_figure(case, before):
    """History (measurements up to and including the baseline year) changes nothing."""
    goal, series, as_of = case
    later = [p for p in series if p.year > goal.baseline.year]
    history = [Point(goal.baseline.year + before, 1234.5)]
    assert assess(goal, later + history, as_of) == assess(goal, later, as_of)


@FAST
@given(goals())
def test_a_target_equal_to_the_baseline_has_no_progress_figure(case):
    goal, series, as_of = case
    flat = GoalSpec(goal.direction, goal.baseline, goal.target_year, goal.baseline.value)
    a = assess(flat, series, as_of)
    assert a.progress_pct is None and a.distance_share is None and a.years_ahead is None
    assert a.achieved == (goal.direction * (a.latest.value - goal.baseline.value) >= 0)


# --- edges that a random draw rarely hits ---------------------------------------------------------


def test_no_growth_rate_over_no_time():
    assert progress.cagr(100, 120, 0) is None
    assert progress.cagr(100, 121, 2) == pytest.approx(0.1)
    assert progress.cagr(0, 0.001, 1) == pytest.approx(0)  # a zero counts as 0.001
    assert progress.cagr(-1, 5, 2) is None


def test_in_the_baseline_year_the_baseline_is_the_latest_figure():
    goal = GoalSpec(-1, Point(2011, 5290), 2020, 4000)
    a = assess(goal, [Point(2011, 5300), Point(2013, 5820)], 2011)
    assert a.latest == Point(2011, 5290) and a.distance == 1290
    assert assess(goal, [Point(2013, 5820)], 2010).latest is None  # before it, nothing is known
