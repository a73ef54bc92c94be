"""Chart layout decisions, tested as decisions (which labels, where, how titles wrap), not pixels; see
test_chart_layout.py for the axes' range and ticks."""

from __future__ import annotations

import re

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import judge
from goaltrack.present.charts import layout as chartlayout
from goaltrack.present.charts.data import chart_data, legend_labels
from goaltrack.present.charts.draw import chart_layout, measure_text
from goaltrack.present.charts.files import undrawable, write_charts
from goaltrack.present.charts.layout import Scene, legend_keys, place, wrap
from goaltrack.storage.models import Goal


def mono(text: str, size: float, bold: bool) -> float:  # a simple font: every character 0.6 em
    return len(text) * size * 0.6


class M:
    def __init__(self, year, value, source=None):
        self.year, self.value, self.source = year, value, source


def goal(**kw) -> Goal:
    base = dict(id="g", title_en="G", title_da="G", unit="persons", direction="decrease")
    return Goal(**{**base, **kw})


def test_wrap_keeps_every_word_and_breaks_only_what_cannot_fit():
    assert wrap("Homeless persons · Denmark (DK)", 100, 10, False, mono) == ["Homeless persons", "· Denmark (DK)"]
    assert wrap("a b c", 1000, 10, False, mono) == ["a b c"]
    # a word wider than the line (a URL in a source) is broken, never cut off
    assert wrap("see https://example.org/x", 60, 10, False, mono) == ["see", "https://ex", "ample.org/", "x"]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_shipped_title_wraps_whole_within_the_chart(lang):
    from goaltrack.catalogue import load_catalogue
    from tests.conftest import ROOT

    width = (chartlayout.WIDTH_IN - chartlayout.LEFT_IN - chartlayout.RIGHT_IN) * 72
    for g in load_catalogue(ROOT / "goals.yaml").goals:
        title = f"{g.title_da if lang == 'da' else g.title_en} · {'Danmark' if lang == 'da' else 'Denmark'} (DK)"
        plan = chartlayout.frame(title, "Deterioration · 2,431 from the target · missed", "Source: x", ["Target"],
                                 measure_text)
        assert " ".join(plan.title) == title  # every word, none cut
        assert all(measure_text(line, plan.title_size, True) <= width for line in plan.title)
        assert len(plan.title) <= 2
    long = chartlayout.frame("Stofmisbrugere der afslutter behandling stoffri eller med reduceret misbrug · "
                             "Danmark (DK)", "", "", [], measure_text)
    assert long.title == ["Stofmisbrugere der afslutter behandling stoffri eller med",
                          "reduceret misbrug · Danmark (DK)"]
    huge = chartlayout.frame("word " * 60, "", "", [], measure_text)  # smaller type, still whole
    assert huge.title_size == 12 and " ".join(huge.title) == ("word " * 60).strip()
    assert huge.axes[3] > 0.2  # the axes keep room


def test_legend_lists_only_what_is_drawn():
    base = Point(2013, 35)
    assert legend_keys([base], base, [], Point(2020, 25), [base, Point(2020, 25)], []) == ["baseline", "target",
                                                                                          "path"]
    assert legend_keys([base, Point(2015, 30)], base, [], None, [], []) == ["measured", "baseline"]
    assert legend_keys([Point(2018, 23)], None, [], Point(2020, 20), [], []) == ["measured", "target"]
    assert legend_keys([], None, [], None, [], []) == []
    data = chart_data(judge(goal(baseline_year=2013, baseline_value=35, target_year=2020, target_value=25,
                                        unit="percent"), [], as_of=2026), 2026, "da")
    assert legend_labels(data, "da") == ["Udgangspunkt", "Målsætning", "Nødvendig udvikling"]


def test_labels_avoid_points_lines_and_each_other():
    scene = Scene(lambda x, y: (x * 10, y), (0, 0, 500, 300))
    scene.add_points([Point(10, 100), Point(10, 115)])
    scene.add_line([Point(0, 100), Point(10, 100)])
    labels = place(scene, [("latest", "5,290", (10, 100)), ("target", "4,000", (10, 115))], mono)
    first, second = labels
    assert (first.kind, first.ha, first.va) == ("latest", "left", "bottom")  # N crosses the point above: NE
    assert first.clear and second.clear
    assert not chartlayout._overlaps(first.box, second.box)
    for label in labels:
        x0, y0, x1, y1 = label.box
        assert 0 <= x0 and x1 <= 500 and 0 <= y0 and y1 <= 300
    # at the right edge, a label goes left rather than off the axes
    edge = place(Scene(lambda x, y: (x, y), (0, 0, 100, 100)), [("projection", "6,885", (98, 50))], mono)[0]
    assert edge.ha == "right" and edge.box[2] <= 100


def test_the_issues_charts_label_clear_of_points_and_lines():
    """The cases of the issue: the projection's label sat on a measured point; 168,600 was crossed by
    the line; a Danish title was cut off. Every label now lands clear and inside the axes."""
    support = goal(id="social-support-recipients", title_en="Citizens receiving social support",
                   title_da="Borgere der modtager social støtte", baseline_year=2015, baseline_value=168600)
    homeless = goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer",
                    baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000)
    deaths = goal(id="drug-deaths", title_en="Drug-related deaths per year", title_da="Narkorelaterede dødsfald",
                  baseline_year=2011, baseline_value=285, target_year=2020, target_value=200)
    cases = [(support, [M(2017, 183400)]), (homeless, [M(2013, 5820), M(2015, 6138), M(2017, 6635), M(2019, 6431)]),
             (homeless, [M(2013, 5820)]), (deaths, [M(2012, 210)])]
    for lang in ("en", "da"):
        for g, figures in cases:
            data = chart_data(judge(g, figures, as_of=2026), 2026, lang)
            plan = chart_layout(data, lang)
            assert plan.labels and all(label.clear for label in plan.labels), (g.id, lang, plan.labels)
    data = chart_data(judge(support, [M(2017, 183400)], as_of=2026), 2026)
    labels = {label.kind: label for label in chart_layout(data, "en").labels}
    assert labels["baseline"].text == "168,600" and labels["baseline"].ha == "right"  # left of the rising line
    assert labels["latest"].text == "183,400"
    assert set(labels) == {"baseline", "latest"}  # no target, no projection: no label for them
    deaths_data = chart_data(judge(deaths, [M(2012, 210)], as_of=2026), 2026, "da")
    off = next(label for label in chart_layout(deaths_data, "da").labels if label.kind == "off_chart")
    assert off.text == "Fremskrivning 0 (2020), uden for grafen"


def test_goal_without_figures_gets_no_chart_file(tmp_path):
    empty = judge(goal(id="school-reading", unit="score", direction="increase", target_year=2020), [], as_of=2026)
    homeless = judge(goal(id="homelessness", baseline_year=2011, baseline_value=5290, target_year=2020,
                          target_value=4000), [M(2019, 6431)], as_of=2026)
    written = write_charts([empty, homeless], tmp_path, 2026, overview=True, workers=1)
    assert sorted(p.name for p in written) == ["homelessness.png", "overview.png"]
    assert undrawable([empty, homeless], 2026) == [empty]
    assert not chart_data(empty, 2026).drawable


def test_report_html_is_one_file_that_fetches_nothing(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    out = tmp_path / "report"
    run("report", "--out", str(out), "--as-of", "2026")
    page = (out / "report.html").read_text()
    references = re.findall(r'(?:src|href)\s*=\s*["\']?([^"\'\s>]+)', page, flags=re.I)
    assert references and all(ref.startswith("data:image/png;base64,") for ref in references)
    assert not re.search(r"url\(|@import|https?://", page)
    assert "<title>Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK) · 2026</title>" in page
    assert "<h1>Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)</h1>" in page
    # printing keeps a goal's parts together and starts each set's part on a new page (report_style.py)
    assert "@media print" in page and "break-inside: avoid" in page and ".part + .part { break-before: page; }" in page
    assert page.count("VIVE 2019") == 1  # each source once: beside its chart, not in the chart too
    assert len(references) == 1 + 12  # the overview and the goals with figures
    md = (out / "report.md").read_text()
    assert md.count("VIVE 2019") == 1
    danish = tmp_path / "rapport"
    run("report", "--out", str(danish), "--lang", "da")
    page = (danish / "report.html").read_text()
    assert '<html lang="da">' in page and "Målene ét for ét" in page and "Kilde til det seneste tal" in page
