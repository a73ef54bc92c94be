"""Chart legends within a quarter of the picture (measured after drawing), the mark of a year without a
figure, and the goal set named in an overview's title."""

from __future__ import annotations

import os
import re
from dataclasses import replace

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import Place, build_status, judge
from goaltrack.present.charts import draw, layout
from goaltrack.present.charts.data import CATEGORY_COLOUR, VERDICT_COLOUR, chart_data, gap_years, legend_keys
from goaltrack.present.charts.files import overview_title, write_charts
from goaltrack.storage.models import Goal
from tests.storage.test_sets import AARHUS

QUARTER = 0.25


class M:
    def __init__(self, year, value, source="src", flag=None):
        self.year, self.value, self.source, self.flag = year, value, source, flag


HOMELESS = Goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer", unit="persons",
                direction="decrease", baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000)


def rendered(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    return renderer


def legend_share(fig) -> float:
    """The legends' boxes, as drawn, over the figure's area."""
    renderer = rendered(fig)
    boxes = [legend.get_window_extent(renderer) for legend in fig.legends]
    return sum(box.width * box.height for box in boxes) / (fig.bbox.width * fig.bbox.height)


def every_entry(lang: str):
    """The worst goal chart there is: every legend entry (measured, a region's sums, baseline, history,
    a target derived for a scope with its long words, path, projection, the too-old basis, a series
    break, years without a figure), in a municipality with a long name."""
    goal = HOMELESS.model_copy(update={"target_value": None, "target_change_pct": -25})
    figures = [M(2009, 900), M(2011, 1000), M(2013, 1100), M(2015, 1150, flag="P"), M(2016, 1180)]
    status = judge(goal, figures, 2026, Place("760", "Ringkøbing-Skjern", "municipality"), sums={2013: 11, 2015: 11})
    data = chart_data(status, 2026, lang)
    data = replace(data, measured=data.measured + [Point(2022, 1200, "x", "B"), Point(2024, 1190)],
                   required_path=[data.baseline, data.target], projection=[Point(2011, 1000), Point(2020, 1300)])
    assert legend_keys(data) == list(layout.LEGEND_ORDER) and data.derived_label and data.basis_too_old
    assert "den nationale ændring" in data.target_label or "the national change" in data.target_label
    return data


@pytest.mark.parametrize("lang", ["en", "da"])
@pytest.mark.parametrize("width", [layout.WIDTH_IN, 6.0, 5.0])
def test_a_legend_with_every_entry_takes_at_most_a_quarter(lang, width, monkeypatch):
    """Before, such a legend stood in one column under the axes: a third of the picture's height
    (19.8 % of its area in Danish, 16.2 % in English), and 26.4 % of the area at 6 in wide."""
    monkeypatch.setattr(layout, "WIDTH_IN", width)  # a narrow figure: read at each call
    data = every_entry(lang)
    fig = draw.draw_goal(data, lang)
    assert fig.get_figwidth() == width
    assert legend_share(fig) <= QUARTER
    renderer = rendered(fig)
    (legend,) = fig.legends
    box, axes = legend.get_window_extent(renderer), fig.axes[0].get_tightbbox(renderer)
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y0 >= 0  # whole, nothing clipped
    assert box.y1 <= axes.y0 + 1  # below the axes and their year labels, never on them
    texts = [t.get_text() for t in legend.get_texts()]
    assert len(texts) == len(layout.LEGEND_ORDER) + 1  # each entry once (the sums besides)
    assert all(t.count("\n") <= 2 for t in texts)
    assert fig.axes[0].get_position().height > 0.2  # the axes keep room


def test_long_entries_go_onto_two_lines_between_words_never_inside_brackets():
    labels = ["Målte tal", "Sum af 11 kommuner", "Udgangspunkt", "Før udgangspunktet",
              "Målsætning ≤ 750, den nationale ændring anvendt på udgangspunktet", "Nødvendig udvikling",
              "Fremskrivning (lineær trend)", "Sidste tal til og med fristen (for gammelt)", "Databrud", "Intet tal"]
    width = (layout.WIDTH_IN - layout.LEFT_IN - layout.RIGHT_IN) * 72
    plan = layout.legend_plan(labels, width, draw.measure_text)
    assert [t.replace("\n", " ") for t in plan.texts] == labels  # every word, in order
    assert plan.width <= width and plan.columns >= 2 and plan.rows <= 5
    for text in plan.texts:
        assert text.count("\n") <= 1
        assert all(line.count("(") == line.count(")") for line in text.split("\n")), text
    short = layout.legend_plan(["Measured figures", "Baseline", "Target"], width, draw.measure_text)
    assert (short.columns, short.rows, short.broken) == (3, 1, 0)  # three short entries on one line


@pytest.mark.parametrize("lang", ["en", "da"])
def test_overviews_legends_fit_even_the_narrowest(lang):
    """Eight inches wide with four panels: the verdict's legend and three categories side by side ran
    into each other (Danish); they stand one above the other now, each whole."""
    base = chart_data(judge(HOMELESS, [M(2013, 5820), M(2019, 6431)], 2026), 2026, lang)
    categories = [replace(base, verdict=None, verdict_basis=None, category=c) for c in CATEGORY_COLOUR]
    verdicts = [replace(base, verdict=v) for v in VERDICT_COLOUR]
    for items in ([verdicts[0], *categories[:3]], verdicts[:2] + categories[:2], [base], verdicts + categories):
        fig = draw.draw_overview(items, lang, title="Sociale 2020-mål (Alle skal med, 2013) · Danmark (DK)")
        assert legend_share(fig) <= QUARTER
        renderer = rendered(fig)
        boxes = [legend.get_window_extent(renderer) for legend in fig.legends]
        assert all(box.x0 >= 0 and box.x1 <= fig.bbox.width and box.y0 >= 0 for box in boxes)
        assert not (len(boxes) == 2 and boxes[0].overlaps(boxes[1]))
        panels = min(ax.get_tightbbox(renderer).y0 for ax in fig.axes)
        assert max(box.y1 for box in boxes) <= panels  # under the panels and their year labels
        shown = [t.get_text() for legend in fig.legends for t in legend.get_texts()]
        assert len(shown) == len({(d.verdict, d.verdict is None and d.category) for d in items})  # every colour


@pytest.mark.shipped
def test_every_chart_of_the_shipped_record_keeps_its_legend_within_a_quarter(run):
    engine_url = os.environ["GOALTRACK_DATABASE_URL"]
    from goaltrack.storage.database import open_database

    statuses = build_status(open_database(engine_url), 2026)
    for lang in ("en", "da"):
        items = [chart_data(s, 2026, lang) for s in statuses]
        shares = {d.goal_id: legend_share(draw.draw_goal(d, lang)) for d in items if d.drawable}
        assert len(shares) == 12 and max(shares.values()) <= QUARTER, shares
        assert legend_share(draw.draw_overview(items, lang, title="x")) <= QUARTER


# --- years without a figure ------------------------------------------------------------------------

def test_gap_years_are_the_years_the_series_rhythm_expected():
    annual = [Point(2011, 1), Point(2012, 2), Point(2013, 2), Point(2015, 3), Point(2018, 3)]
    assert gap_years(annual) == (2014, 2016, 2017)
    assert gap_years([Point(y, 1) for y in range(2011, 2016)]) == ()
    assert gap_years([Point(2015, 1)]) == () and gap_years([]) == ()
    # a count every other year has no gap in its odd years; one count skipped is one gap
    assert gap_years([Point(2011, 1), Point(2013, 2), Point(2015, 3)]) == ()
    assert gap_years([Point(2011, 1), Point(2013, 2), Point(2017, 3), Point(2019, 1)]) == (2015,)
    assert gap_years([Point(2011, 1), Point(2015, 2), Point(2017, 3)]) == (2013,)  # tie: the smaller step
    # the span is the whole series, history before the baseline too (2010 is a gap)
    data = chart_data(judge(HOMELESS, [M(2009, 5000), M(2012, 5820), M(2013, 6138)], 2026), 2026)
    assert data.gaps == (2010,)  # 2011 is the baseline
    complete = chart_data(judge(HOMELESS, [M(y, 5300) for y in range(2012, 2020)], 2026), 2026)
    assert complete.gaps == () and "gap" not in legend_keys(complete)
    before = chart_data(judge(HOMELESS, [M(2013, 5820), M(2014, 6138), M(2016, 6000)], 2014), 2014)
    assert before.gaps == (2012,)  # only what is known as of 2014: 2011, 2013, 2014


@pytest.mark.parametrize(("lang", "word"), [("en", "No figure"), ("da", "Intet tal")])
def test_a_year_without_a_figure_is_marked_at_the_axis_with_one_legend_entry(lang, word):
    """Figures for every year from 2011 but 2012 and 2014 (withheld): a hollow mark on the x axis at
    each, and one legend entry for both."""
    goal = HOMELESS.model_copy(update={"baseline_value": 5300})
    figures = [M(2011, 5300), M(2013, 5820), M(2015, 6138), M(2016, 6100), M(2017, 6000), M(2018, 5900)]
    data = chart_data(judge(goal, figures, 2018), 2018, lang)
    assert data.gaps == (2012, 2014) and legend_keys(data)[-1] == "gap"
    fig = draw.draw_goal(data, lang)
    ax = fig.axes[0]
    (marks,) = [line for line in ax.get_lines() if line.get_label() == word]
    assert list(marks.get_xdata()) == [2012, 2014]
    assert marks.get_marker() == "^" and marks.get_markerfacecolor() == "white"  # hollow
    assert marks.get_ydata().tolist() == [0.0, 0.0]  # at the axis: y in the axes' fraction
    low, high = ax.get_xlim()
    assert low < 2012 and high > 2014  # the years stay on the axis
    texts = [t.get_text() for t in fig.legends[0].get_texts()]
    assert texts.count(word) == 1
    panel = draw.draw_overview([data], lang).axes[0]  # the overview's small panels stay quiet
    assert not [line for line in panel.get_lines() if line.get_label() == word]


# --- the set in an overview's title ----------------------------------------------------------------

def test_an_overview_names_the_set_it_charts():
    nation = replace(judge(HOMELESS, [M(2019, 6431)], 2026), set_name="Sociale 2020-mål (Alle skal med, 2013)")
    assert overview_title([nation], "en") == "Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)"
    assert overview_title([nation], "da") == "Sociale 2020-mål (Alle skal med, 2013) · Danmark (DK)"
    unnamed = judge(HOMELESS, [M(2019, 6431)], 2026)  # judged in code: no set's name to give
    assert overview_title([unnamed], "en") == "Goals at a glance · Denmark (DK)"
    other = replace(nation, set_name="Aarhus' egne mål")
    both = overview_title([nation, other, nation], "en")  # both, each once
    assert both == "Sociale 2020-mål (Alle skal med, 2013), Aarhus' egne mål · Denmark (DK)"


def test_two_sets_in_one_run_each_overview_names_its_own(tmp_path, monkeypatch):
    titles = {}
    real = draw.draw_overview

    def spy(items, lang="en", dpi=100, title="", summary=""):
        titles[items[0].goal_id.split("/")[0]] = title
        return real(items, lang, 50, title, summary)

    monkeypatch.setattr(draw, "draw_overview", spy)
    dk = replace(judge(HOMELESS, [M(2019, 6431)], 2026), set_name="Sociale 2020-mål (Alle skal med, 2013)")
    aarhus_goal = HOMELESS.model_copy(update={"id": "aarhus-2030/homelessness", "set_id": "aarhus-2030"})
    aarhus = replace(judge(aarhus_goal, [M(2011, 600), M(2019, 560)], 2026, Place("751", "Aarhus", "municipality"),
                           home="751"), set_name="Aarhus' egne mål")
    written = write_charts([dk, aarhus], tmp_path, 2026, overview=True, workers=1, dpi=50)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written if p.stem == "overview") == [
        "aarhus-2030/overview.png", "overview.png"]
    assert titles == {"homelessness": "Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)",
                      "aarhus-2030": "Aarhus' egne mål · Aarhus (751)"}


def test_the_chart_command_names_each_set_in_its_overview(run, tmp_path):
    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    run("goals")
    run("catalogue", "sync", str(path))
    out = tmp_path / "charts"
    written = run("chart", "--all", "--out", str(out), "--format", "svg").stdout.splitlines()
    assert sorted(line for line in written if line.endswith("overview.svg")) == [
        str(out / "aarhus-2030" / "overview.svg"), str(out / "overview.svg")]  # one overview a set

    def texts(name):
        return re.findall(r"<!-- (.*?) -->", (out / name).read_text(encoding="utf-8"))

    assert "Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)" in texts("overview.svg")
    assert "Aarhus' egne mål · Aarhus (751)" in texts("aarhus-2030/overview.svg")
    assert not any("Goals at a glance" in t for t in texts("overview.svg") + texts("aarhus-2030/overview.svg"))
