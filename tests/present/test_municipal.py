"""Every picture names its scope: status, tables, charts, reports and compare say "København (101)";
a scope's charts live in a folder of their own; derived targets say how they were derived."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import Place, judge
from goaltrack.present.charts.data import chart_data
from goaltrack.present.charts.files import chart_name
from goaltrack.storage.models import Goal
from tests.present.test_charts import png_size

approx = pytest.approx
KBH = Place("101", "København", "municipality")
HOMELESS = Goal(id="homelessness", title_en="Homeless persons", title_da="Hjemløse personer", unit="persons",
                direction="decrease", baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000,
                source="catalogue")


@pytest.fixture
def kbh(run, tmp_path):
    path = tmp_path / "kbh.csv"
    path.write_text("goal,scope,year,value,source\n"
                    "homelessness,101,2011,1400,København 2011\n"
                    "homelessness,101,2017,1700,København 2017\n"
                    "placement-breakdown,101,2011,6.5,\n"
                    "placement-breakdown,101,2016,5.0,\n", encoding="utf-8")
    run("import", str(path))
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    return run


def test_chart_data_names_the_scope_and_the_derived_target():
    status = judge(HOMELESS, [Point(2011, 1400), Point(2017, 1700)], as_of=2026, scope=KBH)
    data = chart_data(status, 2026)
    assert data.title == "Homeless persons · København (101)"
    # 1,400 × 4,000 / 5,290 = 1,058.6: the national target scaled by København's baseline
    assert data.target == Point(2020, approx(1058.601134))
    assert data.target_label == "Target ≤ 1,059, scaled from the national target"
    assert chart_data(status, 2026, "da").target_label == "Målsætning ≤ 1.059, skaleret fra det nationale mål"
    national = chart_data(judge(HOMELESS, [Point(2019, 6431)], as_of=2026), 2026)
    assert national.title == "Homeless persons · Denmark (DK)" and national.target_label == "Target"
    assert chart_data(judge(HOMELESS, [], as_of=2026), 2026, "da").title == "Hjemløse personer · Danmark (DK)"
    assert chart_name(status) == "101/homelessness.png"
    assert chart_name(judge(HOMELESS, [], as_of=2026)) == "homelessness.png"


def test_status_names_the_scope(kbh):
    table = kbh("status", "--scope", "101", "--as-of", "2026").stdout
    assert table.splitlines()[0].strip() == "goaltrack · København (101) · as of 2026"
    assert "¹ scaled from the national target" in table
    assert "² the national target" in table  # numbered by what is shown: scaled ¹, then the national level ²
    assert "≤ 4 % (2020)²" in table and "³" not in table
    assert "≤ 1,059 (2020)¹" in table
    da = kbh("status", "--scope", "101", "--lang", "da", "--format", "markdown").stdout
    assert da.startswith("**goaltrack · København (101) · pr. ")
    assert "¹ skaleret fra det nationale mål" in da
    assert kbh("status").stdout.splitlines()[0].strip().startswith("goaltrack · Denmark (DK) · as of")
    data = kbh.json("status", "homelessness", "placement-breakdown", "--scope", "101", "--format", "json")
    assert data["scope"] == "101" and data["scope_name"] == "København"
    placements, home = data["goals"]  # catalogue order
    assert home["scope"] == "101" and home["target"]["rule"] == "scaled"
    assert placements["target"] == {"year": 2020, "value": 4, "rule": "national"}
    national = kbh.json("status", "homelessness", "--format", "json")["goals"][0]
    assert national["scope"] == "DK" and national["target"]["rule"] == "catalogue"


def test_compare_names_each_scope(kbh):
    table = kbh("compare", "homelessness").stdout
    assert "København (101)" in table and "Denmark (DK)" in table
    assert "¹ scaled from the national target" in table


def test_municipal_charts_beside_the_nations(kbh, tmp_path):
    out = tmp_path / "charts"
    national = [Path(p) for p in kbh("chart", "homelessness", "--out", str(out)).stdout.splitlines()]
    assert national == [(out / "homelessness.png").resolve()]
    before = national[0].read_bytes()
    municipal = [Path(p) for p in kbh("chart", "homelessness", "--scope", "101", "--out", str(out)).stdout.splitlines()]
    assert municipal == [(out / "101" / "homelessness.png").resolve()]
    assert national[0].read_bytes() == before  # the nation's chart is untouched
    assert png_size(municipal[0]) == (1200, 750)


def test_chart_scope_without_a_goal_draws_the_goals_with_figures(kbh, tmp_path):
    out = tmp_path / "charts"
    written = kbh("chart", "--scope", "101", "--out", str(out)).stdout.splitlines()
    assert sorted(Path(p).name for p in written) == ["homelessness.png", "placement-breakdown.png"]
    assert {p.name for p in (out / "101").iterdir()} == {"homelessness.png", "placement-breakdown.png"}
    assert not (out / "homelessness.png").exists()
    kbh.fails("chart", "--scope", "147", "--out", str(out))  # Frederiksberg: nothing recorded


def test_municipal_report(kbh, tmp_path):
    national, municipal = tmp_path / "dk", tmp_path / "kbh"
    kbh("report", "--out", str(national), "--as-of", "2026")
    kbh("report", "--out", str(municipal), "--scope", "101", "--as-of", "2026")
    md = (municipal / "report.md").read_text()
    page = (municipal / "report.html").read_text()
    assert md.startswith("# Sociale 2020-mål (Alle skal med, 2013) · København (101)\n")  # the catalogue's name
    assert "<title>Sociale 2020-mål (Alle skal med, 2013) · København (101) · 2026</title>" in page
    assert ("Homeless persons, København (101): missed; 1,700 in 2017 against the target of 1,059 "
            "(scaled from the national target) by 2020. No figure since: still 641 above it.") in md
    images = re.findall(r'\]\((charts/[^)]+)', md)  # report.html embeds them
    assert sorted(set(images)) == ["charts/101/homelessness.png", "charts/101/overview.png",
                                   "charts/101/placement-breakdown.png"]
    for image in images:
        assert png_size(municipal / image)[0] >= 1200
    assert "- Drug-related deaths per year: no figures for København yet" in md
    assert md.count("no figures for København yet") == 14
    da = tmp_path / "da"
    kbh("report", "--out", str(da), "--scope", "101", "--lang", "da")
    assert "ingen tal for København endnu" in (da / "report.md").read_text()
    # the nation's report is the nation's
    assert (national / "charts" / "homelessness.png").exists()
    assert "København" not in (national / "report.md").read_text()
