"""The progress maths against hand-computed values (docs/method.md defines every figure)."""

from __future__ import annotations

import math

import pytest

from goaltrack.domain import progress
from goaltrack.domain.progress import GoalSpec, Point, assess

approx = pytest.approx

# Homelessness: at most 4,000 by 2020, from 5,290 in 2011; lower is better.
HOMELESS = GoalSpec(direction=-1, baseline=Point(2011, 5290), target_year=2020, target_value=4000, minimum=0)
# Youth education: at least 50 % by 2020, from 30 % in 2009; higher is better.
YOUTH = GoalSpec(direction=+1, baseline=Point(2009, 30), target_year=2020, target_value=50, minimum=0, maximum=100)


def test_homelessness_moving_away_from_target():
    a = assess(HOMELESS, [Point(2013, 5820)], as_of=2015)
    assert a.latest == Point(2013, 5820)
    assert a.achieved is False
    assert a.distance == 1820  # 5,820 − 4,000
    assert a.distance_share == approx(1820 / 1290)  # of the original gap 5,290 − 4,000
    assert a.progress_pct == approx(-41.0852713)  # 100 · 530 / −1,290
    assert a.required == approx(5003.333333)  # 5,290 − 1,290 · 2/9
    assert a.on_path is False
    # The road reaches 5,820 in 2011 + 530 / (−1,290/9) = 2007.30: 5.70 years behind in 2013.
    assert a.years_ahead == approx(-5.6976744)
    # observed CAGR (5820/5290)^(1/2) − 1 = +4.890 %; required (4000/5290)^(1/9) − 1 = −3.058 %
    assert a.growth_ratio == approx(0.0488988 / -0.0305810, rel=1e-4)
    assert a.category == progress.DETERIORATION
    # Least squares through (2011, 5290) and (2013, 5820): 265 a year, 5,290 + 9 · 265 in 2020.
    assert a.projection == Point(2020, approx(7675))
    assert a.projected_to_meet is False
    assert a.verdict is None  # 2015 is before the deadline


def test_homelessness_missed_after_deadline():
    a = assess(HOMELESS, [Point(2013, 5820), Point(2019, 6431)], as_of=2026)
    assert a.latest.value == 6431
    assert a.distance == 2431
    assert a.required == approx(4143.333333)  # the path at 2019, the year of the latest value
    # three points: x̄ = 2014.33, ȳ = 5847, slope 4618 / 34.667 = 133.21 a year
    assert a.projection.value == approx(6601.865385)
    assert a.verdict == progress.MISSED
    assert a.verdict_basis == Point(2019, 6431)


def test_higher_is_better_goal():
    a = assess(YOUTH, [Point(2014, 35)], as_of=2014)
    assert a.achieved is False
    assert a.distance == 15
    assert a.distance_share == approx(0.75)
    assert a.progress_pct == approx(25.0)
    assert a.required == approx(30 + 20 * 5 / 11)  # 39.09
    assert a.on_path is False
    assert a.years_ahead == approx(-2.25)  # 35 is reached by the road in 2011.75
    # (35/30)^(1/5) − 1 = 3.131 %; (50/30)^(1/11) − 1 = 4.753 %: ratio 0.659, moderate
    assert a.growth_ratio == approx(0.658695, rel=1e-5)
    assert a.category == progress.MODERATE
    assert a.projection == Point(2020, approx(41.0))


def test_on_path_and_ahead():
    a = assess(YOUTH, [Point(2015, 45)], as_of=2015)
    assert a.required == approx(30 + 20 * 6 / 11)
    assert a.on_path is True
    assert a.years_ahead == approx(2009 + 15 / (20 / 11) - 2015)  # 2017.25 − 2015 = +2.25
    assert a.category == progress.SUBSTANTIAL


def test_achieved_overrides_the_ratio():
    a = assess(HOMELESS, [Point(2019, 3900)], as_of=2019)
    assert a.achieved is True
    assert a.distance == 0
    assert a.category == progress.ACHIEVED
    assert a.progress_pct == approx(100 * (3900 - 5290) / (4000 - 5290))


@pytest.mark.parametrize(
    ("ratio", "category"),
    [(None, "insufficient_data"), (1.2, "substantial_progress"), (0.95, "substantial_progress"),
     (0.9499, "moderate_progress"), (0.60, "moderate_progress"), (0.5999, "limited_progress"),
     (0.0, "limited_progress"), (-0.0001, "deterioration")],
)
def test_category_thresholds(ratio, category):
    assert progress.category_from_ratio(ratio) == category


@pytest.mark.parametrize(
    ("d", "cagr", "category"),
    [(1, 0.015, "substantial_progress"), (1, 0.0149, "moderate_progress"), (1, 0.005, "moderate_progress"),
     (1, 0.0049, "limited_progress"), (1, 0.0, "limited_progress"), (1, -0.001, "deterioration"),
     (-1, -0.02, "substantial_progress"), (-1, 0.02, "deterioration"), (1, None, "insufficient_data")],
)
def test_trend_thresholds(d, cagr, category):
    assert progress.category_from_trend(d, cagr) == category


def test_goal_without_numeric_target_judged_by_trend():
    reading = GoalSpec(direction=1, baseline=Point(2015, 100), target_year=2020)
    a = assess(reading, [Point(2018, 106)], as_of=2019)
    # (106/100)^(1/3) − 1 = 1.961 % a year ≥ 1.5 %: substantial
    for name in ("achieved", "distance", "distance_share", "progress_pct", "required", "on_path",
                 "years_ahead", "growth_ratio", "projected_to_meet"):
        assert getattr(a, name) is None, name
    assert a.category == progress.SUBSTANTIAL
    assert a.projection == Point(2020, approx(110))  # 2 a year from 100 in 2015
    assert a.verdict is None
    assert assess(reading, [Point(2018, 106)], as_of=2021).verdict == progress.MET
    assert assess(reading, [Point(2018, 99)], as_of=2021).verdict == progress.MISSED
    assert assess(reading, [Point(2018, 100.4)], as_of=2019).category == progress.LIMITED  # 0.13 % a year


def test_goal_without_baseline():
    shelter = GoalSpec(direction=-1, target_year=2020, target_value=20, minimum=0, maximum=100)
    a = assess(shelter, [Point(2016, 25), Point(2018, 22)], as_of=2019)
    assert a.latest == Point(2018, 22)
    assert a.achieved is False
    assert a.distance == 2
    for name in ("distance_share", "progress_pct", "required", "on_path", "years_ahead", "growth_ratio"):
        assert getattr(a, name) is None, name
    assert a.category == progress.INSUFFICIENT
    assert a.projection == Point(2020, approx(19))  # −1.5 a year from 22 in 2018
    assert a.projected_to_meet is True
    assert assess(shelter, [Point(2016, 25), Point(2018, 22)], as_of=2021).verdict == progress.MISSED
    assert assess(shelter, [Point(2019, 18)], as_of=2019).category == progress.ACHIEVED
    nothing = assess(shelter, [], as_of=2021)
    assert nothing.latest is None and nothing.achieved is None and nothing.verdict == progress.UNKNOWN


def test_measurements_before_the_baseline_are_history():
    a = assess(HOMELESS, [Point(2009, 4998)], as_of=2015)
    assert a.latest == Point(2011, 5290)  # the baseline itself: the 2009 count enters no figure
    assert a.progress_pct is None  # no movement yet: not "0 %"
    assert a.growth_ratio is None  # no second year of data
    assert a.category == progress.INSUFFICIENT
    assert a.projection is None  # one year only
    with_later = assess(HOMELESS, [Point(2009, 4998), Point(2013, 5820)], as_of=2015)
    assert with_later.projection.value == approx(7675)  # the 2009 count is not in the fit


def test_as_of_before_the_baseline_knows_nothing():
    a = assess(HOMELESS, [Point(2009, 4998), Point(2013, 5820)], as_of=2010)
    assert a.latest is None
    assert a.achieved is None and a.distance is None and a.projection is None
    assert a.category == progress.INSUFFICIENT
    assert a.verdict is None


def test_as_of_hides_later_figures():
    a = assess(HOMELESS, [Point(2013, 5820), Point(2019, 6431)], as_of=2018)
    assert a.latest == Point(2013, 5820)


def test_verdict_uses_the_last_figure_by_the_deadline():
    figures = [Point(2019, 6431), Point(2022, 3900)]
    a = assess(HOMELESS, figures, as_of=2026)
    assert a.achieved is True  # the latest figure, 2022, is under 4,000
    assert a.verdict == progress.MISSED  # but 2019's 6,431 is what stood at the deadline
    assert a.verdict_basis == Point(2019, 6431)
    after_only = assess(HOMELESS, [Point(2022, 3900)], as_of=2026)
    assert after_only.verdict == progress.UNKNOWN and after_only.verdict_basis is None
    assert assess(HOMELESS, [Point(2020, 4000)], as_of=2021).verdict == progress.MET  # exactly on target
    assert assess(HOMELESS, [Point(2020, 4000)], as_of=2020).verdict is None  # not past the deadline yet


def test_zero_values_count_as_a_thousandth():
    assert progress.cagr(0, 5, 2) == approx((5 / 0.001) ** 0.5 - 1)
    assert progress.cagr(5, 0, 2) == approx((0.001 / 5) ** 0.5 - 1)
    g = GoalSpec(direction=1, baseline=Point(2010, 0), target_year=2020, target_value=10)
    a = assess(g, [Point(2015, 2)], as_of=2015)
    # (2/0.001)^(1/5) − 1 = 3.5731; (10/0.001)^(1/10) − 1 = 1.5119
    assert a.growth_ratio == approx((2000 ** 0.2 - 1) / (10000 ** 0.1 - 1))
    assert a.category == progress.SUBSTANTIAL
    falling_to_zero = assess(GoalSpec(-1, Point(2010, 8), 2020, 4), [Point(2012, 0)], as_of=2012)
    assert falling_to_zero.category == progress.ACHIEVED


def test_target_equal_to_baseline_has_no_relative_figures():
    hold = GoalSpec(direction=1, baseline=Point(2010, 50), target_year=2020, target_value=50)
    a = assess(hold, [Point(2012, 49)], as_of=2012)
    assert a.achieved is False and a.distance == 1
    assert a.distance_share is None and a.progress_pct is None
    assert a.years_ahead is None and a.growth_ratio is None
    assert a.category == progress.INSUFFICIENT


def test_projection_stays_inside_the_unit_range():
    falling = GoalSpec(direction=-1, baseline=Point(2011, 5), target_year=2030, target_value=4, minimum=0, maximum=100)
    assert assess(falling, [Point(2013, 1)], as_of=2013).projection == Point(2030, 0)  # not −33
    rising = GoalSpec(direction=1, baseline=Point(2011, 60), target_year=2030, target_value=90, minimum=0, maximum=100)
    assert assess(rising, [Point(2013, 80)], as_of=2013).projection == Point(2030, 100)  # not 250
    persons = GoalSpec(direction=-1, baseline=Point(2011, 300), target_year=2040, target_value=200, minimum=0)
    assert assess(persons, [Point(2012, 100)], as_of=2012).projection.value == 0


def test_projection_needs_two_distinct_years_and_a_target_year():
    assert progress.least_squares([Point(2011, 1), Point(2011, 2)]) is None
    assert progress.least_squares([Point(2011, 1), Point(2013, 5)]) == (approx(2.0), approx(1 - 2 * 2011))
    context = GoalSpec(direction=1, baseline=Point(2015, 6312))
    a = assess(context, [Point(2018, 5888)], as_of=2020)
    assert a.projection is None and a.verdict is None
    # (5888/6312)^(1/3) − 1 = −2.29 % a year, and more is better: deterioration
    assert a.category == progress.DETERIORATION


def test_required_path_is_the_target_after_the_deadline():
    assert progress.required_path(Point(2011, 5290), 2020, 4000, 2011) == 5290
    assert progress.required_path(Point(2011, 5290), 2020, 4000, 2020) == 4000
    assert progress.required_path(Point(2011, 5290), 2020, 4000, 2024) == 4000


def test_negative_values_have_no_growth_rate():
    assert progress.cagr(-1, 5, 2) is None
    assert math.isclose(progress.cagr(4, 9, 2), 0.5)


# --- method v2 ------------------------------------------------------------------------------------

# The published national counts (VIVE): 2013–2022, after the 2011 baseline of 5,290.
COUNTS = [Point(2013, 5820), Point(2015, 6138), Point(2017, 6635), Point(2019, 6431, "VIVE 2019"),
          Point(2022, 5789, "VIVE 2022")]


def test_homelessness_after_the_deadline_basis_2019_latest_2022():
    a = assess(HOMELESS, COUNTS, as_of=2023)
    # Was it met? The verdict rests on 2019's 6,431, the last count at or before 2020.
    assert a.verdict_basis == Point(2019, 6431, "VIVE 2019")
    assert a.verdict == progress.MISSED
    # Where does it stand now? On 2022's 5,789.
    assert a.latest == Point(2022, 5789, "VIVE 2022")
    assert a.achieved is False
    assert a.distance == 1789  # 5,789 − 4,000
    assert a.distance_share == approx(1789 / 1290)  # 1.3868
    assert a.progress_pct == approx(-38.6821705)  # 100 · 499 / −1,290
    assert a.required == 4000  # the path is the target after 2020
    assert a.on_path is False
    # The road falls 1,290/9 = 143.33 a year; it stood at 5,789 in 2011 − 499/143.33 = 2007.52.
    assert a.years_ahead == approx(2011 - 499 / (1290 / 9) - 2022)  # −14.48
    # observed (5789/5290)^(1/11) − 1 = +0.823 %; required −3.058 %: deterioration
    assert a.growth_ratio == approx(((5789 / 5290) ** (1 / 11) - 1) / ((4000 / 5290) ** (1 / 9) - 1))
    assert a.growth_ratio == approx(-0.26913, rel=1e-3)
    assert a.category == progress.DETERIORATION
    # The projection to 2020 uses 2011–2019 only: x̄ = 2015, ȳ = 30,314/5 = 6,062.8, Sxx = 40,
    # Sxy = 3,091.2 + 485.6 + 0 + 1,144.4 + 1,472.8 = 6,194: slope 154.85; 6,062.8 + 5 · 154.85.
    assert a.projection == Point(2020, approx(6837.05))
    assert a.projected_to_meet is False


def test_a_figure_after_the_deadline_never_enters_the_projection():
    # Through (2011, 5,290) and (2013, 5,820) only: 265 a year, 7,675 in 2020; the 2022 count of
    # 3,000 would pull the line down to 3,582 (x̄ 2015.33, slope −240.3) and "meet" the target.
    a = assess(HOMELESS, [Point(2013, 5820), Point(2022, 3000)], as_of=2023)
    assert a.projection == Point(2020, approx(7675))
    assert a.latest == Point(2022, 3000) and a.achieved is True
    assert a.verdict == progress.UNKNOWN  # 2013 is 7 years before 2020
    # With the baseline and a post-deadline figure only, one year is left: no projection at all.
    assert assess(HOMELESS, [Point(2022, 3000)], as_of=2023).projection is None
    # Before the deadline the projection runs through every counted figure, as before.
    assert assess(HOMELESS, [Point(2013, 5820), Point(2019, 6431)], as_of=2019).projection.value \
        == approx(6601.865385)


def test_a_goal_without_movement_has_no_movement_figures():
    a = assess(HOMELESS, [], as_of=2015)
    assert a.latest == Point(2011, 5290)  # the baseline is the latest value
    assert a.achieved is False
    assert a.distance == 1290  # 5,290 − 4,000: still given
    assert a.distance_share == 1.0  # the whole gap
    for name in ("progress_pct", "required", "on_path", "years_ahead", "growth_ratio"):
        assert getattr(a, name) is None, name
    assert a.category == progress.INSUFFICIENT
    assert a.projection is None
    after = assess(HOMELESS, [], as_of=2021)
    assert after.verdict == progress.UNKNOWN and after.verdict_basis is None  # the baseline decides nothing
    # A baseline already at the target is achieved, still without movement figures.
    reached = assess(GoalSpec(-1, Point(2011, 3900), 2020, 4000), [], as_of=2015)
    assert reached.achieved is True and reached.category == progress.ACHIEVED
    assert reached.progress_pct is None and reached.on_path is None


PLACEMENT = GoalSpec(direction=-1, baseline=Point(2011, 5.7), target_year=2020, target_value=4.0, minimum=0, maximum=100)


def test_a_basis_outside_the_verdict_window_decides_nothing():
    a = assess(PLACEMENT, [Point(2013, 5.1)], as_of=2024)
    assert a.verdict_basis == Point(2013, 5.1)  # shown, so a reader sees why
    assert a.verdict == progress.UNKNOWN  # 2020 − 2013 = 7 years > 3
    # The window's edge: 2017 is 3 years before 2020 and decides; 2016 is 4 and does not.
    assert assess(PLACEMENT, [Point(2017, 4.4)], as_of=2021).verdict == progress.MISSED
    assert assess(PLACEMENT, [Point(2017, 3.9)], as_of=2021).verdict == progress.MET
    assert assess(PLACEMENT, [Point(2016, 3.9)], as_of=2021).verdict == progress.UNKNOWN
    # A catalogue may widen the window: with 7 years the 2013 figure decides.
    wide = GoalSpec(-1, Point(2011, 5.7), 2020, 4.0, 0, 100, verdict_window=7)
    assert assess(wide, [Point(2013, 5.1)], as_of=2024).verdict == progress.MISSED
    assert progress.basis_too_old(PLACEMENT, Point(2013, 5.1)) is True


def test_a_direction_only_goal_is_judged_against_its_baseline():
    reading = GoalSpec(direction=1, baseline=Point(2015, 100), target_year=2020)
    better = assess(reading, [Point(2017, 101), Point(2019, 103), Point(2022, 95)], as_of=2023)
    assert better.verdict_basis == Point(2019, 103)  # not 2022's 95
    assert better.verdict == progress.MET  # 103 > 100
    assert better.latest == Point(2022, 95)
    assert better.category == progress.DETERIORATION  # now: (95/100)^(1/7) − 1 = −0.73 % a year
    same = assess(reading, [Point(2019, 100)], as_of=2023)
    assert same.verdict == progress.MISSED  # not better than its baseline
    lower = GoalSpec(direction=-1, baseline=Point(2015, 10), target_year=2020)
    assert assess(lower, [Point(2020, 9.5)], as_of=2021).verdict == progress.MET
    assert assess(lower, [Point(2016, 9.5)], as_of=2021).verdict == progress.UNKNOWN  # 4 years old
    # Without a baseline there is nothing to be better than: unknown, but the basis is still shown.
    no_baseline = GoalSpec(direction=1, target_year=2020)
    a = assess(no_baseline, [Point(2016, 100), Point(2019, 104)], as_of=2021)
    assert a.verdict_basis == Point(2019, 104)
    assert a.verdict == progress.UNKNOWN
    assert a.category == progress.INSUFFICIENT
    assert a.progress_pct is None and a.growth_ratio is None


def test_no_verdict_basis_before_the_deadline():
    a = assess(HOMELESS, COUNTS, as_of=2020)  # in the target year itself: not yet past it
    assert a.verdict is None and a.verdict_basis is None
    assert assess(HOMELESS, COUNTS, as_of=2021).verdict_basis == Point(2019, 6431, "VIVE 2019")


def test_a_required_growth_of_exactly_100_percent_a_year_still_gives_a_ratio():
    """Doubling every year is a steep target, not a missing one: 10 in 2018 to 40 in 2020 needs
    (40/10)^(1/2) − 1 = 100 % a year; 15 in 2019 is 50 % growth, a ratio of 0.5 (limited progress)."""
    goal = GoalSpec(direction=+1, baseline=Point(2018, 10), target_year=2020, target_value=40, minimum=0)
    assert progress.growth_ratio(goal.baseline, 2020, 40, Point(2019, 15)) == 0.5
    a = assess(goal, [Point(2019, 15)], as_of=2019)
    assert a.growth_ratio == 0.5 and a.category == progress.LIMITED
