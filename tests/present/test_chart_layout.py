"""What a chart's axes show, computed before anything is drawn: the y range (pinned to the unit's
range), the years, the tick labels in each language, and the words around the picture."""

from __future__ import annotations

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import judge
from goaltrack.present.charts.data import (
    CATEGORY_COLOUR,
    VERDICT_COLOUR,
    ChartData,
    axis_limits,
    chart_data,
    subtitle,
    value_formatter,
    year_range,
)
from goaltrack.present.charts.draw import chart_layout
from goaltrack.present.charts.files import chart_folder, chart_name
from goaltrack.storage.models import Goal

approx = pytest.approx


def data(unit="persons", measured=(), target=None, path=(), projection=(), history=(), deadline=None,
         as_of=2026) -> ChartData:
    return ChartData("g", "G", "", unit, "limited_progress", list(history), list(measured),
                     measured[0] if measured else None, target, list(path), list(projection),
                     deadline, None, as_of)


def test_the_y_range_holds_every_figure_with_12_percent_to_spare():
    d = data(measured=[Point(2011, 5290), Point(2019, 6635)], history=[Point(2009, 4998)],
             target=Point(2020, 4000), path=[Point(2011, 5290), Point(2020, 4000)],
             projection=[Point(2011, 5300), Point(2020, 6600)])
    # figures from 4,000 to 6,635: a span of 2,635, and 316.2 (12 %) above and below
    assert axis_limits(d) == (approx(4000 - 316.2), approx(6635 + 316.2), None)


def test_a_projection_widens_the_range_by_half_at_most_and_is_cut_beyond():
    base = dict(measured=[Point(2011, 100), Point(2013, 200)], target=Point(2020, 300))
    within = data(**base, projection=[Point(2011, 100), Point(2020, 350)])
    assert axis_limits(within) == (approx(100 - 0.12 * 250), approx(350 + 0.12 * 250), None)
    beyond = data(**base, projection=[Point(2011, 100), Point(2020, 600)])
    # 600 lies past 300 + half the span (100): the range stops at 400, and the end is returned to label
    assert axis_limits(beyond) == (approx(100 - 0.12 * 300), approx(400 + 0.12 * 300), Point(2020, 600))
    inside = data(**base, projection=[Point(2011, 100), Point(2020, 150)])  # ends inside: nothing to cut
    assert axis_limits(inside) == (approx(100 - 0.12 * 200), approx(300 + 0.12 * 200), None)
    below = data(**base, projection=[Point(2011, 100), Point(2020, -500)])
    assert axis_limits(below) == (approx(0), approx(300 + 0.12 * 300), Point(2020, -500))


def test_the_range_is_pinned_to_the_units_range():
    percent = data("percent", measured=[Point(2011, 90), Point(2015, 99)], target=Point(2020, 100),
                   projection=[Point(2011, 90), Point(2020, 100)])
    # 90..100 with 1.2 to spare, but never below 0 nor far above 100: the top keeps 30 % of its spare
    assert axis_limits(percent) == (approx(88.8), approx(100 + 1.2 * 0.3), None)
    persons = data("persons", measured=[Point(2011, 10), Point(2015, 5)], target=Point(2020, 0))
    assert axis_limits(persons) == (0, approx(11.2), None)  # no negative persons on the axis
    score = data("score", measured=[Point(2011, 10), Point(2015, 5)], target=Point(2020, 0))
    assert axis_limits(score) == (approx(-1.2), approx(11.2), None)  # a score may go below zero


def test_a_single_value_or_none_still_has_a_range():
    assert axis_limits(data("score", measured=[Point(2015, 5)])) == (approx(4.7), approx(5.3), None)
    assert axis_limits(data("score", measured=[Point(2015, -40)])) == (approx(-42.4), approx(-37.6), None)
    assert axis_limits(data("score")) == (approx(-0.12), approx(1.12), None)
    assert axis_limits(data("score", projection=[Point(2019, 3), Point(2020, 5)])) == (
        approx(3 - 0.24), approx(5 + 0.24), None)


def test_the_year_axis_shows_at_least_five_years():
    years = year_range
    assert years(data(measured=[Point(2011, 1), Point(2019, 2)], target=Point(2020, 0), deadline=2020)) == (2011, 2020)
    assert years(data(measured=[Point(2018, 1)], history=[Point(2009, 1)])) == (2009, 2018)
    assert years(data(measured=[Point(2018, 1)])) == (2014, 2018)
    assert years(data(deadline=2030)) == (2026, 2030)
    assert years(data(as_of=2024)) == (2020, 2024)
    assert years(data(measured=[Point(2011, 1)], projection=[Point(2011, 1), Point(2022, 2)])) == (2011, 2022)


@pytest.mark.parametrize(("unit", "lang", "value", "text"), [
    ("percent", "en", 12.5, "12.5 %"), ("percent", "da", 12.5, "12,5 %"), ("percent", "en", 100, "100 %"),
    ("persons", "en", 6431, "6,431"), ("persons", "da", 6431, "6.431"), ("count", "da", 1234.4, "1.234"),
    ("persons", "en", 1234.4, "1,234"),
    ("years", "en", 15, "15"), ("years", "da", 2.5, "2,5"), ("score", "da", 2.25, "2,25"),
    ("score", "en", -3, "−3"),
])
def test_tick_labels_carry_the_unit_and_the_language(unit, lang, value, text):
    assert value_formatter(unit, lang)(value, 0) == text


def test_long_titles_are_wrapped_never_cut():
    from goaltrack.present.charts.layout import wrap

    def mono(text, size, bold):
        return len(text) * size * 0.6

    assert wrap("short", 60, 10, False, mono) == ["short"]
    assert wrap("one two three four five six", 60, 10, False, mono) == ["one two", "three four", "five six"]
    assert "".join(wrap("a-very-long-word", 60, 10, False, mono)) == "a-very-long-word"  # broken, not cut


class M:
    def __init__(self, year, value, source=None):
        self.year, self.value, self.source = year, value, source


HOMELESS = Goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer", unit="persons",
                direction="decrease", baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000,
                source="catalogue")


def test_chart_words_in_danish():
    status = judge(HOMELESS, [M(2013, 5820), M(2019, 6431, "VIVE 2019")], as_of=2026)
    d = chart_data(status, 2026, "da")
    assert d.title == "Hjemløse personer · Danmark (DK)"
    assert d.subtitle == "Ikke nået: 6.431 i 2019 mod ≤ 4.000 · intet tal siden"  # the verdict with its basis
    assert chart_data(status, 2026).title == "Homeless persons · Denmark (DK)"
    assert chart_data(status, 2026).subtitle == "Missed: 6,431 in 2019 against ≤ 4,000 · no figure since"
    before = judge(HOMELESS, [M(2013, 5820), M(2019, 6431, "VIVE 2019")], as_of=2019)
    assert chart_data(before, 2019, "da").subtitle == "Tilbagegang · 2.431 fra målsætningen"
    assert chart_data(before, 2019).subtitle == "Deterioration · 2,431 from the target"
    met = judge(HOMELESS, [M(2019, 3900)], as_of=2026)
    assert chart_data(met, 2026).subtitle == "Met: 3,900 in 2019 against ≤ 4,000 · no figure since"
    assert chart_data(judge(HOMELESS, [M(2019, 3900)], as_of=2019), 2019).subtitle == "Achieved"


def test_the_projection_line_runs_year_by_year_to_the_target_year():
    status = judge(HOMELESS, [M(2013, 5820), M(2019, 6431)], as_of=2026)
    line = chart_data(status, 2026).projection
    assert [p.year for p in line] == list(range(2011, 2021))
    slope = (line[-1].value - line[0].value) / 9
    assert all(b.value - a.value == approx(slope) for a, b in zip(line, line[1:]))
    assert line[-1].value == approx(status.assessment.projection.value)


def subtitle_of(figures, as_of, goal=HOMELESS, lang="en", scope="DK"):
    return subtitle(judge(goal, figures, as_of, scope), lang)


def test_subtitles_after_the_deadline_name_the_verdict_and_its_basis():
    assert subtitle_of([M(2019, 6431)], 2026) == "Missed: 6,431 in 2019 against ≤ 4,000 · no figure since"
    assert subtitle_of([M(2019, 6431), M(2022, 5789)], 2026) == "Missed: 6,431 in 2019 against ≤ 4,000 · 5,789 in 2022"
    assert subtitle_of([M(2013, 5820)], 2026) == "Unknown: 5,820 in 2013 is too old to decide it · no figure since"
    assert subtitle_of([], 2026) == "Unknown: no figure by 2020 · 5,290 in 2011, the baseline"
    assert subtitle_of([M(2019, 3900)], 2026, lang="da") == "Nået: 3.900 i 2019 mod ≤ 4.000 · intet tal siden"
    reading = Goal(id="school-reading", title_en="Reading", title_da="Læsning", unit="score", direction="increase",
                   baseline_year=2015, baseline_value=50, target_year=2020)
    assert subtitle_of([M(2019, 52)], 2026, reading) == "Met: 52 in 2019 against the baseline 50 · no figure since"
    no_baseline = reading.model_copy(update={"baseline_year": None, "baseline_value": None})
    assert subtitle_of([M(2019, 52)], 2026, no_baseline) == (
        "Unknown: 52 in 2019, no baseline to judge it against · no figure since")
    assert subtitle_of([M(2015, 4700)], 2016) == "Substantial progress · 700 from the target"


def test_chart_files_per_scope_and_colours_per_verdict():
    nation = judge(HOMELESS, [M(2019, 6431)], 2026)
    local = judge(HOMELESS, [M(2011, 1400), M(2019, 1500)], 2026, "101")
    assert (chart_folder(nation), chart_name(nation, "svg")) == ("", "homelessness.svg")
    assert (chart_folder(local), chart_name(local)) == ("101", "101/homelessness.png")
    d = chart_data(local, 2026)
    assert d.title == "Homeless persons · 101 (101)" and d.goal_title == "Homeless persons"
    assert d.verdict == "missed" and d.colour == VERDICT_COLOUR["missed"] == "#D55E00"
    before = chart_data(judge(HOMELESS, [M(2015, 4700)], 2016), 2016)
    assert before.verdict is None and before.colour == CATEGORY_COLOUR["substantial_progress"]
    assert chart_layout(d, "en").title == ["Homeless persons · 101 (101)"]  # whole: titles wrap, never cut
    untitled = ChartData(**{**d.__dict__, "scope_label": ""})
    assert untitled.goal_title == d.title


def test_history_is_what_came_before_the_baseline_year():
    figures = [M(2009, 4998), M(2011, 5300), M(2013, 5820)]
    d = chart_data(judge(HOMELESS, figures, 2026), 2026)
    assert d.history == [Point(2009, 4998)]  # the nation's own 2011 figure is neither history nor counted
    assert [(p.year, p.value) for p in d.measured] == [(2011, 5290), (2013, 5820)]
    early = chart_data(judge(HOMELESS, figures, 2009), 2009)
    assert early.history == [Point(2009, 4998)] and early.measured == []
