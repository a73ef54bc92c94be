"""Charts and the report: the numbers drawn are the progress module's; the files are real images."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from goaltrack.domain import progress
from goaltrack.domain.progress import Point
from goaltrack.judging.status import judge
from goaltrack.present.charts.data import (
    CATEGORY_COLOUR,
    VERDICT_COLOUR,
    axis_limits,
    chart_data,
)
from goaltrack.present.charts.draw import draw_goal, draw_overview
from goaltrack.present.charts.files import chart_path, default_workers, write_charts
from goaltrack.present.report import sentence
from goaltrack.storage.models import Goal


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


class M:  # a measurement row as the store returns it
    def __init__(self, year, value, source=None):
        self.year, self.value, self.source = year, value, source


HOMELESS = Goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer", unit="persons",
                direction="decrease", baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000,
                source="catalogue")
FIGURES = [M(2009, 4998, "SFI 2009"), M(2013, 5820), M(2015, 6138), M(2017, 6635), M(2019, 6431, "VIVE 2019")]


def test_chart_data_is_the_progress_module():
    status = judge(HOMELESS, FIGURES, as_of=2026)
    data = chart_data(status, 2026)
    assert data.history == [Point(2009, 4998, "SFI 2009")]
    assert [p.year for p in data.measured] == [2011, 2013, 2015, 2017, 2019]
    assert data.baseline == Point(2011, 5290, "catalogue")
    assert data.target == Point(2020, 4000)
    assert data.required_path == [Point(2011, 5290, "catalogue"), Point(2020, 4000)]
    # The road at the latest year is the "required" figure of status.
    road = data.required_path
    at_2019 = road[0].value + (road[1].value - road[0].value) * (2019 - 2011) / (2020 - 2011)
    assert at_2019 == pytest.approx(status.assessment.required)
    # The projection line ends exactly at the projection status reports: 6,837.05 in 2020.
    assert data.projection[-1] == Point(2020, pytest.approx(status.assessment.projection.value))
    assert data.projection[-1].value == pytest.approx(6837.05)
    assert [p.year for p in data.projection] == list(range(2011, 2021))
    assert data.source == "VIVE 2019"
    assert data.subtitle == "Missed: 6,431 in 2019 against ≤ 4,000 · no figure since"
    assert data.category == progress.DETERIORATION
    assert data.verdict_basis == Point(2019, 6431, "VIVE 2019") and data.colour == VERDICT_COLOUR["missed"]


def test_the_deciding_point_is_marked_and_the_projection_stops_at_the_deadline():
    counts = FIGURES + [M(2022, 5789, "VIVE 2022")]
    status = judge(HOMELESS, counts, as_of=2023)
    data = chart_data(status, 2023)
    assert data.subtitle == "Missed: 6,431 in 2019 against ≤ 4,000 · 5,789 in 2022"
    assert chart_data(status, 2023, "da").subtitle == "Ikke nået: 6.431 i 2019 mod ≤ 4.000 · 5.789 i 2022"
    assert data.verdict_basis == Point(2019, 6431, "VIVE 2019")  # ringed and labelled "6,431 (2019)"
    assert data.verdict_label == "missed · 6,431 (2019)"
    assert data.measured[-1] == Point(2022, 5789, "VIVE 2022")  # the 2022 count is drawn ...
    # ... but the projection line is fitted through 2011-2019 only: it ends at 6,837.05, as status says
    assert data.projection[-1] == Point(2020, pytest.approx(6837.05))
    assert data.projection[-1].value == pytest.approx(status.assessment.projection.value)
    assert data.projection[0].value == pytest.approx(6062.8 - 4 * 154.85)  # the same line, read at 2011
    before = chart_data(judge(HOMELESS, counts, as_of=2016), 2016)
    assert before.verdict is None and before.verdict_basis is None
    assert before.colour == CATEGORY_COLOUR[progress.DETERIORATION]  # by category before the deadline
    old = chart_data(judge(HOMELESS, [M(2013, 5820)], as_of=2026), 2026)
    assert old.subtitle == "Unknown: 5,820 in 2013 is too old to decide it · no figure since"
    assert old.colour == VERDICT_COLOUR["unknown"] and old.verdict_basis == Point(2013, 5820)
    none = chart_data(judge(HOMELESS, [], as_of=2026), 2026)
    assert none.subtitle == "Unknown: no figure by 2020 · 5,290 in 2011, the baseline"
    assert none.verdict_basis is None


def test_basis_label_and_ring_are_drawn(tmp_path):
    counts = FIGURES + [M(2022, 5789, "VIVE 2022")]
    data = chart_data(judge(HOMELESS, counts, as_of=2023), 2023)
    fig = draw_goal(data)
    ax = fig.axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "6,431 (2019)" in texts and "5,789" in texts  # the basis with its year, the latest beside it
    rings = [line for line in ax.get_lines() if line.get_label() == "Decided the verdict"]
    assert len(rings) == 1 and list(rings[0].get_xdata()) == [2019] and list(rings[0].get_ydata()) == [6431]
    assert any(t.get_text() == data.subtitle for t in fig.texts)


def test_projection_line_stays_in_the_unit_range():
    deaths = Goal(id="drug-deaths", title_en="Drug deaths", title_da="Narkodødsfald", unit="persons",
                  direction="decrease", baseline_year=2011, baseline_value=285, target_year=2020, target_value=200)
    data = chart_data(judge(deaths, [M(2012, 210)], as_of=2026), 2026)
    assert data.projection[-1] == Point(2020, 0)  # 285 − 75 a year would be −390: no negative persons
    assert min(p.value for p in data.projection) == 0
    bottom, top, cut = axis_limits(data)
    assert cut == Point(2020, 0)  # far below the figures: cut at the edge and labelled
    assert bottom > 100 and top > 285


def test_as_of_limits_what_is_drawn():
    data = chart_data(judge(HOMELESS, FIGURES, as_of=2014), 2014)
    assert [p.year for p in data.measured] == [2011, 2013]
    assert data.subtitle == "Deterioration · 1,820 from the target"  # no verdict before the deadline
    assert data.verdict_basis is None and data.verdict_label == ""


def test_goal_without_target_or_data():
    context = Goal(id="foster-families", title_en="Foster families", title_da="Plejefamilier", unit="count",
                   direction="increase", baseline_year=2015, baseline_value=6312)
    data = chart_data(judge(context, [M(2018, 5888)], as_of=2026), 2026)
    assert data.target is None and data.required_path == [] and data.projection == []
    empty = Goal(id="school-reading", title_en="Reading", title_da="Læsning", unit="score", direction="increase",
                 target_year=2020)
    data = chart_data(judge(empty, [], as_of=2026), 2026)
    assert data.measured == [] and data.baseline is None and data.subtitle == "Unknown: no figure by 2020"


def test_chart_files_for_every_goal(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    run("record", "shelter-return", "23", "--year", "2018")  # a single point, no baseline
    out = tmp_path / "charts"
    result = run("chart", "--all", "--out", str(out))
    written = [Path(line) for line in result.stdout.splitlines()]
    # 16 goals, three of them without a single figure: no chart of their own, a panel in the overview
    assert len(written) == 14 and written[-1].name == "overview.png"
    assert result.stderr == ("No chart for school-reading, school-maths, eating-disorder-readmissions: no figures "
                             "yet (a panel in the overview says so).\n")
    empty = {"school-reading", "school-maths", "eating-disorder-readmissions"}
    assert [p.stem for p in written[:-1]] == [g["id"] for g in run.json("goals", "--format", "json")
                                              if g["id"] not in empty]
    for path in written[:-1]:
        assert png_size(path) == (1200, 750), path
    width, height = png_size(written[-1])
    assert width >= 1200 and height >= 750
    assert {p.stem for p in out.iterdir()} == {p.stem for p in written}


def test_chart_options(run, tmp_path):
    out = tmp_path / "c"
    run("chart", "homelessness", "--out", str(out), "--dpi", "100")
    assert png_size(out / "homelessness.png") == (800, 500)
    run("chart", "homelessness", "--out", str(out), "--format", "svg", "--lang", "da", "--as-of", "2026")
    svg = (out / "homelessness.svg").read_text()
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    # matplotlib writes each text it draws as a comment beside its glyphs: the words and numbers shown
    import re

    texts = re.findall(r"<!-- (.*?) -->", svg)
    assert "Hjemløse personer · Danmark (DK)" in texts and "personer" in texts  # title and axis, in Danish
    # 5,820 (2013): too old to decide a 2020 goal
    assert "Ukendt: 5.820 i 2013 er for gammelt til at afgøre det · intet tal siden" in texts
    # too old to have decided anything: ringed grey and said so, never "Afgjorde resultatet"
    assert "2013: for gammelt til at afgøre det" in texts and "5.820 (2013)" not in texts
    assert "Sidste tal til og med fristen (for gammelt)" in texts and "Afgjorde resultatet" not in texts
    assert {"Målte tal", "Udgangspunkt", "Målsætning", "Nødvendig udvikling"} <= set(texts)
    assert {"4.000", "5.000", "6.000"} <= set(texts) and "4,000" not in texts  # Danish thousands on the axis
    assert not any(t.endswith("%") for t in texts)  # persons, not percent
    assert not (out / "overview.png").exists()  # only with --all


def test_chart_errors(run, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run.fails("chart", "homelessness", "--out", str(blocker))
    assert result.stderr == f"Error: cannot write charts to {blocker}: it is a file, not a folder\n"
    assert blocker.read_text() == "not a folder"
    assert run("chart", ok=False).exit_code == 2
    run("goals")  # the database exists from here on
    assert "unknown goal" in run.fails("chart", "nope", "--out", str(tmp_path / "x")).stderr


def test_chart_path_never_leaves_its_folder(tmp_path):
    assert chart_path(tmp_path, "homelessness", "png") == (tmp_path / "homelessness.png").resolve()
    with pytest.raises(Exception, match="outside"):
        chart_path(tmp_path, "../../x", "png")


def test_sentences_before_the_deadline():
    assert sentence(judge(HOMELESS, FIGURES, as_of=2019)) == (
        "Homeless persons, Denmark (DK): 6,431 in 2019, 2,431 above the target of 4,000; moving away from it.")
    assert sentence(judge(HOMELESS, FIGURES, as_of=2019), "da") == (
        "Hjemløse personer, Danmark (DK): 6.431 i 2019, 2.431 over målsætningen på 4.000; bevæger sig væk fra den.")
    on_track = judge(HOMELESS, [M(2015, 4700)], as_of=2016)
    assert sentence(on_track) == "Homeless persons, Denmark (DK): 4,700 in 2015, 700 above the target of 4,000; on track."
    behind = judge(HOMELESS, [M(2015, 5200)], as_of=2016)
    assert sentence(behind).endswith("moving towards it, but behind the required path.")
    nothing = judge(HOMELESS, [], as_of=2016)
    assert sentence(nothing) == ("Homeless persons, Denmark (DK): 5,290 in 2011 (the baseline; no figure since), 1,290 above "
                                 "the target of 4,000.")  # no "on track" without movement


def test_sentences_after_the_deadline_state_the_verdict_with_its_basis_then_the_latest():
    counts = FIGURES + [M(2022, 5789, "VIVE 2022")]
    assert sentence(judge(HOMELESS, counts, as_of=2023)) == (
        "Homeless persons, Denmark (DK): missed; 6,431 in 2019 against the target of 4,000 by 2020. "
        "Latest: 5,789 in 2022, 1,789 above it.")
    assert sentence(judge(HOMELESS, counts, as_of=2023), "da") == (
        "Hjemløse personer, Danmark (DK): ikke nået; 6.431 i 2019 mod målsætningen på 4.000 i 2020. "
        "Seneste: 5.789 i 2022, 1.789 over den.")
    # A later figure under the target does not turn a missed goal into "at or better than ... missed".
    assert sentence(judge(HOMELESS, FIGURES + [M(2022, 3900)], as_of=2023)) == (
        "Homeless persons, Denmark (DK): missed; 6,431 in 2019 against the target of 4,000 by 2020. "
        "Latest: 3,900 in 2022, at or better than it.")
    assert sentence(judge(HOMELESS, FIGURES, as_of=2026)) == (
        "Homeless persons, Denmark (DK): missed; 6,431 in 2019 against the target of 4,000 by 2020. "
        "No figure since: still 2,431 above it.")
    assert sentence(judge(HOMELESS, [M(2020, 3900)], as_of=2021)) == (
        "Homeless persons, Denmark (DK): met; 3,900 in 2020 against the target of 4,000 by 2020. "
        "No figure since: still at or better than it.")
    assert sentence(judge(HOMELESS, [M(2013, 5820)], as_of=2026)) == (
        "Homeless persons, Denmark (DK): unknown; the last figure by 2020, 5,820 in 2013, is more than 3 years older than "
        "the deadline and decides nothing. No figure since: still 1,820 above the target of 4,000.")
    assert sentence(judge(HOMELESS, [], as_of=2026)) == (
        "Homeless persons, Denmark (DK): unknown; no figure between the baseline and the 2020 deadline. "
        "Latest: 5,290 in 2011 (the baseline; no figure since), 1,290 above the target of 4,000.")
    reading = Goal(id="school-reading", title_en="Reading", title_da="Læsning", unit="score",
                   direction="increase", baseline_year=2015, baseline_value=100, target_year=2020)
    assert sentence(judge(reading, [M(2019, 103), M(2022, 95)], as_of=2023)) == (
        "Reading, Denmark (DK): met; 103 in 2019 against the baseline of 100 in 2015. Latest: 95 in 2022, worse than the baseline.")
    no_baseline = Goal(id="school-maths", title_en="Maths", title_da="Matematik", unit="score",
                       direction="increase", target_year=2020)
    assert sentence(judge(no_baseline, [M(2019, 103)], as_of=2023)) == (
        "Maths, Denmark (DK): unknown; 103 in 2019, but no baseline to judge it against. No figure since.")
    assert sentence(judge(no_baseline, [], as_of=2023)) == (
        "Maths, Denmark (DK): unknown; no figure by the 2020 deadline. Latest: no figures recorded yet.")


def test_report_folder(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    out = tmp_path / "report"
    result = run("report", "--out", str(out), "--as-of", "2026")
    assert result.stdout.splitlines() == [str(out / "report.md"), str(out / "report.html")]
    md = (out / "report.md").read_text()
    assert ("Homeless persons, Denmark (DK): missed; 6,431 in 2019 against the target of 4,000 by 2020. "
            "No figure since: still 2,431 above it.") in md
    assert ("| Homeless persons | 5,290 (2011) | 6,431 (2019) | ≤ 4,000 (2020) | 2,431 | −88 % | ⛈ deterioration "
            "| missed · 6,431 (2019) |") in md
    assert "<td>missed · 6,431 (2019)</td>" in (out / "report.html").read_text()
    page = (out / "report.html").read_text()
    assert page.count("<tr>") == 16 + 1
    import re

    images = re.findall(r'\]\((charts/[^)]+)', md)  # report.md keeps its charts folder
    # 12 goals have figures in the nation (a catalogue baseline counts), plus the overview; the
    # other four are listed by name instead of drawn empty
    assert len(images) == 13
    for title in ("Reading level of vulnerable children improves", "Maths level of vulnerable children improves",
                  "Returns to a shelter within a year of moving to own home"):
        assert f"- {title}: no figures for Denmark yet" in md
        assert f"<li>{title}: no figures for Denmark yet</li>" in page
    for image in images:  # every picture the report shows is in the folder
        assert png_size(out / image)[0] >= 1200


def test_drawing_in_worker_processes_gives_the_same_files(tmp_path):
    statuses = [judge(HOMELESS, FIGURES, as_of=2026)]
    alone = write_charts(statuses, tmp_path / "one", 2026, workers=1, overview=True)
    steps: list[str] = []
    forked = write_charts(statuses, tmp_path / "two", 2026, workers=2, overview=True, step=steps.append)
    assert [p.name for p in alone] == [p.name for p in forked] == ["homelessness.png", "overview.png"]
    assert sorted(steps) == ["homelessness", "overview"]
    for a, b in zip(alone, forked, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert default_workers(2) == 1  # a couple of charts are not worth a process


def test_overview_colours_a_panel_by_its_verdict_after_the_deadline():
    from matplotlib.colors import to_hex

    context = Goal(id="foster-families", title_en="Foster families", title_da="Plejefamilier", unit="count",
                   direction="increase", baseline_year=2015, baseline_value=6312)
    items = [chart_data(judge(HOMELESS, FIGURES, as_of=2026), 2026),  # missed
             chart_data(judge(HOMELESS, [M(2013, 5820)], as_of=2026), 2026),  # unknown: too old
             chart_data(judge(context, [M(2018, 5888)], as_of=2026), 2026)]  # no deadline: its category
    fig = draw_overview(items)
    edges = [to_hex(ax.spines["left"].get_edgecolor()) for ax in fig.axes]
    assert edges == [VERDICT_COLOUR["missed"].lower(), VERDICT_COLOUR["unknown"].lower(),
                     CATEGORY_COLOUR[progress.DETERIORATION].lower()]
    labels = [[t.get_text() for t in ax.texts] for ax in fig.axes]
    assert "missed · 6,431 (2019)" in labels[0] and "unknown · 2013 too old" in labels[1]
    assert "deterioration" in labels[2]
    legends = {lg.get_title().get_text(): [t.get_text() for t in lg.get_texts()] for lg in fig.legends}
    assert legends == {"Verdict, the deadline passed": ["missed", "unknown"],
                       "Category, before a deadline or without one": ["deterioration"]}
    before = draw_overview([chart_data(judge(HOMELESS, FIGURES, as_of=2016), 2016)])
    assert [[t.get_text() for t in lg.get_texts()] for lg in before.legends] == [["deterioration"]]


def test_a_danish_chart_names_its_scope_in_danish():
    status = judge(HOMELESS, [M(2013, 5820)], as_of=2026)
    assert chart_data(status, 2026, "da").scope_label == "Danmark (DK)"
    assert chart_data(status, 2026).scope_label == "Denmark (DK)"


def test_a_flat_series_at_zero_gets_a_small_axis_above_zero():
    flat = Goal(id="flat", title_en="Flat", title_da="Flad", unit="count", direction="decrease",
                baseline_year=2015, baseline_value=0)
    data = chart_data(judge(flat, [M(2016, 0), M(2017, 0)], as_of=2026), 2026)
    # no spread: a count's axis spans two whole numbers at least, 0 and 1 (0 to 0.06 labelled its ticks
    # 0, 0, 0), padded by 0.15; a count never goes below 0
    assert axis_limits(data) == (0.0, pytest.approx(1.15), None)


def test_a_goal_whose_baseline_year_is_after_as_of_has_nothing_to_draw(run, tmp_path):
    """Social support recipients: baseline 168,600 in 2015. As of 2014 nothing is known yet: no chart
    (a panel in the overview says so), where drawing the 2015 baseline in a 2014 chart crashed the
    whole report (FreeType's raster overflow) before."""
    out = tmp_path / "report"
    run("report", "--out", str(out), "--as-of", "2014")
    assert not (out / "charts" / "social-support-recipients.png").exists()
    assert (out / "charts" / "drug-deaths.png").exists() and (out / "charts" / "overview.png").exists()
    import os

    from goaltrack.judging.status import build_status
    from goaltrack.present.charts.data import chart_data
    from goaltrack.storage.database import open_database

    (status,) = build_status(open_database(os.environ["GOALTRACK_DATABASE_URL"]), 2014, ["social-support-recipients"])
    data = chart_data(status, 2014)
    assert (data.baseline, data.required_path, data.drawable) == (None, [], False)
    assert chart_data(status, 2015).baseline.value == 168600


def test_a_chart_of_a_few_persons_has_whole_distinct_ticks(run, tmp_path):
    """Lyngby-Taarbæk's drug deaths (1 in 2011 and 2020, a target of 0.70): whole ticks on the y axis,
    each label once, where the default locator gave 0, 0, 0, 1, 1, 1, 2, 2, 2."""
    import os

    from goaltrack.judging.status import build_status
    from goaltrack.present.charts import draw
    from goaltrack.present.charts.data import chart_data
    from goaltrack.storage.database import open_database

    run("record", "drug-deaths", "1", "--year", "2011", "--scope", "173", "--force")
    run("record", "drug-deaths", "1", "--year", "2020", "--scope", "173", "--force")
    engine = open_database(os.environ["GOALTRACK_DATABASE_URL"])
    for latest in (1, 2):  # a flat 1 (a range of 0.70 to 1), then 1 → 2
        if latest == 2:
            run("record", "drug-deaths", "2", "--year", "2020", "--scope", "173", "--replace", "--source", "rev")
        (status,) = build_status(engine, 2026, ["drug-deaths"], "173")
        fig = draw.draw_goal(chart_data(status, 2026))
        ax = fig.axes[0]
        fig.canvas.draw()
        bottom, top = ax.get_ylim()
        ticks = [t for t in ax.get_yticks() if bottom <= t <= top]
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert len(ticks) >= 2 and all(float(t).is_integer() for t in ticks), (latest, ticks)
        assert len(labels) == len(set(labels)), labels
        assert bottom <= 200 / 285 and top >= latest  # the 0.70 target and the figures are on the chart
