"""Charts and the report: the numbers drawn are the progress module's; the files are real images."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from goaltrack import charts, progress
from goaltrack.models import Goal
from goaltrack.progress import Point
from goaltrack.report import sentence
from goaltrack.status import judge


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
    data = charts.chart_data(status, 2026)
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
    assert data.subtitle == "Deterioration · 2,431 from the target · missed"
    assert data.category == progress.DETERIORATION


def test_projection_line_stays_in_the_unit_range():
    deaths = Goal(id="drug-deaths", title_en="Drug deaths", title_da="Narkodødsfald", unit="persons",
                  direction="decrease", baseline_year=2011, baseline_value=285, target_year=2020, target_value=200)
    data = charts.chart_data(judge(deaths, [M(2012, 210)], as_of=2026), 2026)
    assert data.projection[-1] == Point(2020, 0)  # 285 − 75 a year would be −390: no negative persons
    assert min(p.value for p in data.projection) == 0
    bottom, top, cut = charts.axis_limits(data)
    assert cut == Point(2020, 0)  # far below the figures: cut at the edge and labelled
    assert bottom > 100 and top > 285


def test_as_of_limits_what_is_drawn():
    data = charts.chart_data(judge(HOMELESS, FIGURES, as_of=2014), 2014)
    assert [p.year for p in data.measured] == [2011, 2013]
    assert data.subtitle == "Deterioration · 1,820 from the target"  # no verdict before the deadline


def test_goal_without_target_or_data():
    context = Goal(id="foster-families", title_en="Foster families", title_da="Plejefamilier", unit="count",
                   direction="increase", baseline_year=2015, baseline_value=6312)
    data = charts.chart_data(judge(context, [M(2018, 5888)], as_of=2026), 2026)
    assert data.target is None and data.required_path == [] and data.projection == []
    empty = Goal(id="school-reading", title_en="Reading", title_da="Læsning", unit="score", direction="increase",
                 target_year=2020)
    data = charts.chart_data(judge(empty, [], as_of=2026), 2026)
    assert data.measured == [] and data.baseline is None and data.subtitle == "Insufficient data · goal: improve · unknown"


def test_chart_files_for_every_goal(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    run("record", "shelter-return", "23", "--year", "2018")  # a single point, no baseline
    out = tmp_path / "charts"
    result = run("chart", "--all", "--out", str(out))
    written = [Path(line) for line in result.stdout.splitlines()]
    assert len(written) == 17 and written[-1].name == "overview.png"
    assert [p.stem for p in written[:-1]] == [g["id"] for g in run.json("goals", "--format", "json")]
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
    assert "Tilbagegang · 1.820 fra målsætningen · ukendt" in texts  # 5,820 (2013): too old to decide 2020
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
    assert charts.chart_path(tmp_path, "homelessness", "png") == (tmp_path / "homelessness.png").resolve()
    with pytest.raises(Exception, match="outside"):
        charts.chart_path(tmp_path, "../../x", "png")


def test_sentences():
    assert sentence(judge(HOMELESS, FIGURES, as_of=2026)) == (
        "Homeless persons, Denmark (DK): 6,431 in 2019, 2,431 above the target of 4,000; moving away from it; missed.")
    assert sentence(judge(HOMELESS, FIGURES, as_of=2026), "da") == (
        "Hjemløse personer, Danmark (DK): 6.431 i 2019, 2.431 over målsætningen på 4.000; bevæger sig væk fra den; "
        "ikke nået.")
    on_track = judge(HOMELESS, [M(2015, 4700)], as_of=2016)
    assert sentence(on_track) == "Homeless persons, Denmark (DK): 4,700 in 2015, 700 above the target of 4,000; on track."
    behind = judge(HOMELESS, [M(2015, 5200)], as_of=2016)
    assert sentence(behind).endswith("moving towards it, but behind the required path.")
    met = judge(HOMELESS, [M(2020, 3900)], as_of=2021)
    assert sentence(met) == "Homeless persons, Denmark (DK): 3,900 in 2020, at or better than the target of 4,000; met."
    nothing = judge(HOMELESS, [], as_of=2026)
    assert sentence(nothing) == ("Homeless persons, Denmark (DK): 5,290 in 2011 (the baseline; no figure since), 1,290 above "
                                 "the target of 4,000; no figure by the deadline.")


def test_report_folder(run, tmp_path):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    out = tmp_path / "report"
    result = run("report", "--out", str(out), "--as-of", "2026")
    assert result.stdout.splitlines() == [str(out / "report.md"), str(out / "report.html")]
    md = (out / "report.md").read_text()
    assert "Homeless persons, Denmark (DK): 6,431 in 2019, 2,431 above the target of 4,000; moving away from it; missed." in md
    assert "| Homeless persons | 5,290 (2011) | 6,431 (2019) | ≤ 4,000 (2020) | 2,431 | -88 % |" in md
    page = (out / "report.html").read_text()
    assert page.count("<tr>") == 16 + 1
    import re

    images = re.findall(r'(?:src="|\]\()(charts/[^")]+)', md + page)
    # 12 goals have figures in the nation (a catalogue baseline counts), plus the overview; the
    # other four are listed by name instead of drawn empty
    assert len(images) == 2 * 13
    for title in ("Reading level of vulnerable children improves", "Maths level of vulnerable children improves",
                  "Returns to a shelter within a year of moving to own home"):
        assert f"- {title}: no figures for Denmark yet" in md
        assert f"<li>{title}: no figures for Denmark yet</li>" in page
    for image in images:  # every picture the report shows is in the folder
        assert png_size(out / image)[0] >= 1200


def test_drawing_in_worker_processes_gives_the_same_files(tmp_path):
    statuses = [judge(HOMELESS, FIGURES, as_of=2026)]
    alone = charts.write_charts(statuses, tmp_path / "one", 2026, workers=1, overview=True)
    steps: list[str] = []
    forked = charts.write_charts(statuses, tmp_path / "two", 2026, workers=2, overview=True, step=steps.append)
    assert [p.name for p in alone] == [p.name for p in forked] == ["homelessness.png", "overview.png"]
    assert sorted(steps) == ["homelessness", "overview"]
    for a, b in zip(alone, forked, strict=True):
        assert a.read_bytes() == b.read_bytes()
    assert charts.default_workers(2) == 1  # a couple of charts are not worth a process
