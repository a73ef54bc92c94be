"""Method v2, told honestly: a figure too old to decide is not drawn as the one that decided; the
verdict's own source is named beside the latest's; Danish says "at or before"; names, footnote
marks and minus signs are the same wherever they appear."""

from __future__ import annotations

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import judge
from goaltrack.present.charts.data import VERDICT_COLOUR, chart_data
from goaltrack.present.charts.draw import INK, draw_goal
from goaltrack.present.numbers import number, progress_text
from goaltrack.present.report import sentence
from goaltrack.present.status_text import (
    derived_marks,
    footnotes,
    sources_text,
    target_text,
)
from goaltrack.storage.models import Goal

MINUS = "\u2212"

HOMELESS = Goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer", unit="persons",
                direction="decrease", baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000,
                source="catalogue")
PLACEMENTS = Goal(id="placement-breakdown", title_en="Placements that break down",
                  title_da="Anbringelser der bryder sammen", unit="percent", direction="decrease",
                  baseline_year=2011, baseline_value=5.7, target_year=2020, target_value=4)
COUNTS = [Point(2013, 5820, "SFI 2013"), Point(2015, 6138), Point(2017, 6635),
          Point(2019, 6431, "VIVE, Hjemløshed i Danmark 2019"), Point(2022, 5789, "VIVE, Hjemløshed i Danmark 2022")]


def _lines(fig, label):
    return [line for line in fig.axes[0].get_lines() if line.get_label() == label]


# --- 1. a figure too old to decide is marked as such, not as "Decided the verdict" -------------------


@pytest.mark.parametrize(("lang", "legend", "label", "decided"), [
    ("en", "Last figure by the deadline (too old)", "2013: too old to decide", "Decided the verdict"),
    ("da", "Sidste tal til og med fristen (for gammelt)", "2013: for gammelt til at afgøre det",
     "Afgjorde resultatet"),
])
def test_a_basis_too_old_is_ringed_grey_and_said_to_be_too_old(lang, legend, label, decided):
    status = judge(PLACEMENTS, [Point(2013, 5.2)], as_of=2026)
    data = chart_data(status, 2026, lang)
    assert data.verdict == "unknown" and data.verdict_basis == Point(2013, 5.2)
    assert data.basis_too_old is True
    fig = draw_goal(data, lang)
    assert _lines(fig, decided) == []  # it decided nothing
    rings = _lines(fig, legend)
    assert len(rings) == 1 and list(rings[0].get_xdata()) == [2013] and list(rings[0].get_ydata()) == [5.2]
    assert rings[0].get_markeredgecolor() == VERDICT_COLOUR["unknown"]  # grey, not the ink of a decision
    texts = [t.get_text() for t in fig.axes[0].texts]
    assert label in texts and not any(t.endswith("(2013)") for t in texts)
    legend_texts = [t.get_text() for legend_box in fig.legends for t in legend_box.get_texts()]
    assert legend in legend_texts and decided not in legend_texts


def test_a_basis_that_decided_keeps_its_ring_and_label():
    data = chart_data(judge(HOMELESS, COUNTS, as_of=2023), 2023)
    assert data.basis_too_old is False
    fig = draw_goal(data)
    assert len(_lines(fig, "Decided the verdict")) == 1 and _lines(fig, "Last figure by the deadline (too old)") == []
    assert _lines(fig, "Decided the verdict")[0].get_markeredgecolor() == INK
    assert "6,431 (2019)" in [t.get_text() for t in fig.axes[0].texts]


def test_drug_deaths_and_coercion_with_only_early_figures_are_not_decided():
    deaths = Goal(id="drug-deaths", title_en="Drug deaths", title_da="Narkodødsfald", unit="persons",
                  direction="decrease", baseline_year=2011, baseline_value=285, target_year=2020, target_value=200)
    data = chart_data(judge(deaths, [Point(2012, 210)], as_of=2026), 2026)
    fig = draw_goal(data)
    assert _lines(fig, "Decided the verdict") == [] and len(_lines(fig, "Last figure by the deadline (too old)")) == 1
    assert "2012: too old to decide" in [t.get_text() for t in fig.axes[0].texts]


# --- 2. the verdict's source beside the latest's ----------------------------------------------------


def _foot(fig):
    """The footnote: the figure's texts below the axes."""
    bottom = fig.axes[0].get_position().y0
    return "\n".join(t.get_text() for t in fig.texts if t.get_position()[1] < bottom)


@pytest.mark.parametrize(("lang", "verdict", "latest"), [
    ("en", "Source of the verdict", "of the latest figure"), ("da", "Kilde til resultatet", "til det seneste tal")])
def test_the_chart_names_the_verdicts_source_and_the_latests_once_each(lang, verdict, latest):
    data = chart_data(judge(HOMELESS, COUNTS, as_of=2023), 2023, lang)
    text = sources_text(data.basis_source, data.source, lang)
    assert f"{verdict}: VIVE, Hjemløshed i Danmark 2019" in text
    assert f"{latest}: VIVE, Hjemløshed i Danmark 2022" in text
    fig = draw_goal(data, lang)
    foot = " ".join(_foot(fig).split())  # wrapped or not
    assert foot.count("VIVE, Hjemløshed i Danmark 2019") == 1
    assert foot.count("VIVE, Hjemløshed i Danmark 2022") == 1
    assert "…" not in foot  # shortened would hide a source: it wraps instead


def test_the_footnote_stays_inside_the_figure_however_long_the_sources():
    long = [Point(2019, 6431, "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd, Hjemløshed i "
                              "Danmark 2019. National kortlægning, tabel 2.1"),
            Point(2022, 5789, "VIVE – Det Nationale Forsknings- og Analysecenter for Velfærd, Hjemløshed i "
                              "Danmark 2022. National kortlægning, tabel 2.1")]
    fig = draw_goal(chart_data(judge(HOMELESS, long, as_of=2023), 2023))
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    width = fig.bbox.width
    foot = [t for t in fig.texts if t.get_position()[1] < fig.axes[0].get_position().y0]
    assert foot
    for text in foot:
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.x1 <= width and box.y0 >= 0, text.get_text()
    joined = " ".join(" ".join(t.get_text() for t in foot).split())
    assert "tabel 2.1" in joined and joined.count("Hjemløshed i Danmark 2019") == 1  # nothing cut off


def test_one_source_when_the_basis_is_the_latest_or_shares_its_source():
    assert sources_text(None, "VIVE 2019", "en") == "Source: VIVE 2019"
    assert sources_text("VIVE", "VIVE", "en") == "Source: VIVE"
    assert sources_text("VIVE 2019", "VIVE 2022", "en") == \
        "Source of the verdict: VIVE 2019 · of the latest figure: VIVE 2022"
    assert sources_text("VIVE 2019", "VIVE 2022", "da") == \
        "Kilde til resultatet: VIVE 2019 · til det seneste tal: VIVE 2022"
    assert sources_text("VIVE 2019", None, "en") == "Source of the verdict: VIVE 2019"
    assert sources_text(None, None, "en") == ""
    same = chart_data(judge(HOMELESS, COUNTS[:4], as_of=2026), 2026)  # 2019 is basis and latest
    assert same.basis_source is None and same.source == "VIVE, Hjemløshed i Danmark 2019"


def test_the_report_names_both_sources_once_each(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE, Hjemløshed i Danmark 2019")
    run("record", "homelessness", "5789", "--year", "2022", "--source", "VIVE, Hjemløshed i Danmark 2022")
    for lang, line in (("en", "*Source of the verdict: VIVE, Hjemløshed i Danmark 2019 · of the latest figure: "
                              "VIVE, Hjemløshed i Danmark 2022*"),
                       ("da", "*Kilde til resultatet: VIVE, Hjemløshed i Danmark 2019 · til det seneste tal: "
                              "VIVE, Hjemløshed i Danmark 2022*")):
        out = tmp_path / lang
        run("report", "--out", str(out), "--lang", lang)
        md = (out / "report.md").read_text()
        assert line in md
        assert md.count("VIVE, Hjemløshed i Danmark 2019") == 1 and md.count("VIVE, Hjemløshed i Danmark 2022") == 1
        page = (out / "report.html").read_text()
        assert page.count("VIVE, Hjemløshed i Danmark 2019") == 1 and page.count("VIVE, Hjemløshed i Danmark 2022") == 1


# --- 3. Danish: at or before the deadline -----------------------------------------------------------


def test_danish_says_at_or_before_the_deadline():
    old = judge(HOMELESS, [Point(2013, 5820)], as_of=2026)
    text = sentence(old, "da")
    assert "det sidste tal til og med 2020, 5.820 i 2013," in text and "inden" not in text
    reading = Goal(id="school-maths", title_en="Maths", title_da="Matematik", unit="score", direction="increase",
                   target_year=2020)
    none = judge(reading, [], as_of=2026)
    assert "intet tal til og med fristen i 2020" in sentence(none, "da")
    assert chart_data(none, 2026, "da").subtitle == "Ukendt: intet tal til og med 2020"
    from goaltrack.present.i18n import CHART_WORDS, REPORT_WORDS

    for words in (CHART_WORDS["da"], REPORT_WORDS["da"]):
        assert not any(" inden " in f" {w} " for w in words.values())


# --- 4. scope names follow --lang -------------------------------------------------------------------


def test_the_nation_is_named_in_the_language_asked_in_every_command(run):
    for lang, name in (("en", "Denmark"), ("da", "Danmark")):
        status = run.json("status", "homelessness", "--format", "json", "--lang", lang)
        compared = run.json("compare", "homelessness", "--format", "json", "--lang", lang)
        scopes = run.json("scopes", "--format", "json", "--lang", lang)
        assert status["scope_name"] == name
        assert [s["name"] for s in compared["scopes"] if s["scope"] == "DK"] == [name]
        assert scopes[0] == {"code": "DK", "name": name}
    assert ["DK", "Denmark", "nation"] in [line.split() for line in run("scopes").stdout.splitlines()]


# --- 5. footnote marks numbered by what is shown ----------------------------------------------------


def test_compare_numbers_its_footnote_marks_by_what_it_shows(run, tmp_path):
    path = tmp_path / "k.csv"
    path.write_text("goal,scope,year,value\nplacement-breakdown,101,2011,6\nplacement-breakdown,101,2017,5\n"
                    "placement-breakdown,751,2011,5\nplacement-breakdown,751,2017,4.5\n")
    run("import", str(path))
    table = run("compare", "placement-breakdown").stdout
    assert "¹ the national target" in table
    assert "³" not in table and "²" not in table
    assert table.count("(2020)¹") == 2  # København and Aarhus: the national level


def test_status_numbers_marks_in_order_of_what_is_shown():
    scaled = judge(HOMELESS, [Point(2011, 1400)], 2026, "101")
    national = judge(PLACEMENTS, [Point(2011, 6.0)], 2026, "751")
    assert derived_marks([national]) == {"national": "¹"}
    assert derived_marks([national, scaled]) == {"scaled": "¹", "national": "²"}
    marks = derived_marks([national, scaled])
    assert target_text(national, "en", marks) == "≤ 4 % (2020)²"
    assert footnotes([national, scaled], "en") == ["¹ scaled from the national target", "² the national target"]
    assert footnotes([national], "en") == ["¹ the national target"]


# --- 6. one minus sign ------------------------------------------------------------------------------


def test_negative_figures_use_the_typographic_minus_everywhere_people_read():
    status = judge(HOMELESS, COUNTS, as_of=2026)
    assert progress_text(status, "en") == f"{MINUS}39 %"  # 100 · 499 / −1,290 = −38.7
    assert number(-3, "score", "en") == f"{MINUS}3" and number(-2.5, "percent", "da") == f"{MINUS}2,5 %"
    assert number(-0.001, "persons", "en") == "0"  # no "−0"
    near = Goal(id="p", title_en="P", title_da="P", unit="percent", direction="decrease", baseline_year=2011,
                baseline_value=4.2, target_year=2020, target_value=4)
    assert progress_text(judge(near, [Point(2016, 6.4)], 2018), "en") == f"< {MINUS}999 %"
    assert "-" not in progress_text(status, "da")


def test_the_status_table_and_show_print_one_minus_sign(run):
    run("record", "homelessness", "6431", "--year", "2019")
    run("record", "homelessness", "5789", "--year", "2022")
    out = run("status", "homelessness", "--wide").stdout
    assert f"{MINUS}39 %" in out and "-39 %" not in out
    md = run("status", "homelessness", "--format", "markdown").stdout
    assert f"| {MINUS}39 % |" in md
    assert f"≤ 4,000, {MINUS}25 % (2020)" in run("show", "homelessness").stdout
