"""Series breaks (method v3), as pure functions: where a segment starts, and what the maths may use."""

from __future__ import annotations

import pytest

from goaltrack.domain import breaks, progress
from goaltrack.domain.progress import GoalSpec, Point

BASE = Point(2011, 5.7)
FIGURES = [Point(2013, 4.7), Point(2019, 5.2, flag="B"), Point(2020, 5.0)]


def test_the_latest_figure_may_start_the_series_itself():
    """As of 2019 the latest figure is the B figure: the break lies between it and the baseline."""
    upto_2019 = [BASE, *FIGURES[:2]]
    assert breaks.latest_segment(BASE, upto_2019, ()) == breaks.Segment(2019, None)
    assert breaks.break_between(2011, FIGURES[1], upto_2019) == 2019  # a basis that is the B figure itself
    spec = GoalSpec(-1, BASE, 2020, 4.0)
    a = progress.assess(spec, FIGURES[:2], 2019)
    assert (a.series_break, a.progress_pct, a.growth_ratio, a.projection) == (2019, None, None, None)


def test_a_break_in_the_baseline_year_is_no_break_from_the_baseline():
    """A scope's own baseline may itself be a B figure (the series starts there): one series."""
    own = Point(2011, 6.0, flag="B")
    points = [own, Point(2013, 5.0)]
    assert breaks.latest_segment(own, points, ()) is None
    assert breaks.break_between(2011, points[-1], points) is None
    a = progress.assess(GoalSpec(-1, own, 2020, 4.0), [Point(2013, 5.0)], 2026)
    assert a.series_break is None and a.progress_pct == pytest.approx(50.0)  # 6 → 5 of the way to 4


def test_before_the_break_the_series_is_one_and_a_bridge_is_per_break():
    assert breaks.latest_segment(BASE, [BASE, FIGURES[0]], ((2019, 5.1),)) is None
    assert breaks.latest_segment(BASE, [BASE, *FIGURES], ((2018, 5.1),)) == breaks.Segment(2019, None)
    segment, baseline, series = breaks.one_series(BASE, [BASE, *FIGURES], ((2019, 5.1),))
    assert segment == breaks.Segment(2019, 5.1)
    assert baseline == Point(2011, 5.1)
    assert series == [Point(2011, 5.1), FIGURES[1], FIGURES[2]]  # the 2013 figure is of the old series
    assert breaks.one_series(BASE, [BASE, *FIGURES], ())[2] is None
    assert breaks.one_series(None, FIGURES, ()) == (None, None, FIGURES)


def test_the_latest_of_two_breaks_decides():
    points = [BASE, Point(2015, 5.0, flag="B"), Point(2017, 4.9), Point(2019, 5.2, flag="B"), Point(2020, 5.0)]
    assert breaks.latest_segment(BASE, points, ((2015, 5.5), (2019, 5.1))) == breaks.Segment(2019, 5.1)
    assert breaks.break_between(2011, Point(2017, 4.9), points) == 2015
