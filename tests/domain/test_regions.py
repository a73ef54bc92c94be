"""Regions add up: a region's persons or counts are the sum of its municipalities' where every one of
them has a figure and the region has none of its own; marked derived everywhere it is shown."""

from __future__ import annotations

import os

import pytest

from goaltrack.domain import regions
from goaltrack.domain.progress import Point
from goaltrack.judging.status import build_status
from goaltrack.present.charts.data import chart_data
from goaltrack.storage.database import open_database

approx = pytest.approx
# Region Nordjylland (1081) and its 11 municipalities
NORTH = ["773", "787", "810", "813", "820", "825", "840", "846", "849", "851", "860"]


def test_sums_pure():
    members = {code: [Point(2011, 10 * i), Point(2019, i)] for i, code in enumerate(NORTH, start=1)}
    members["860"] = [Point(2019, 11)]  # Hjørring has no 2011 figure: 2011 is incomplete
    assert regions.sums([], members, len(NORTH)) == {2019: sum(range(1, 12))}
    assert regions.sums([Point(2019, 70)], members, len(NORTH)) == {}  # a recorded figure wins
    assert regions.sums([], dict(list(members.items())[:10]), len(NORTH)) == {}  # one municipality missing
    assert regions.sums([], {}, 0) == {}
    assert regions.with_sums([Point(2011, 5)], {2019: 66}) == [Point(2011, 5), Point(2019, 66)]
    assert regions.derived_text(11) == "sum of 11 municipalities"
    assert regions.derived_text(11, "da") == "sum af 11 kommuner"


@pytest.fixture
def north(run, tmp_path):
    """Homelessness in all 11 municipalities for 2011 and 2019 and in 10 of them for 2017; placement
    breakdown (percent) in all 11 for 2019."""
    lines = ["goal,scope,year,value"]
    for i, code in enumerate(NORTH, start=1):
        lines += [f"homelessness,{code},2011,{20 * i}", f"homelessness,{code},2019,{10 * i}",
                  f"placement-breakdown,{code},2019,5"]
        if code != "825":  # Læsø has no 2017 figure
            lines.append(f"homelessness,{code},2017,{15 * i}")
    path = tmp_path / "north.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    run("import", str(path))
    return run


def test_complete_years_are_summed_and_marked(north):
    g = north.json("status", "homelessness", "--scope", "1081", "--format", "json")["goals"][0]
    # 2011: 20 × (1 + … + 11) = 1,320; 2019: 10 × 66 = 660; 2017 is incomplete (Læsø): no figure
    assert g["baseline"] == {"year": 2011, "value": 1320, "derived": "sum of 11 municipalities"}
    assert g["latest"] == {"year": 2019, "value": 660, "source": None, "flag": None, "derived": "sum of 11 municipalities"}
    assert g["target"] == {"year": 2020, "value": approx(1320 * 4000 / 5290), "rule": "scaled"}
    assert g["achieved"] is True
    da = north.json("status", "homelessness", "--scope", "1081", "--format", "json", "--lang", "da")["goals"][0]
    assert da["latest"]["derived"] == "sum af 11 kommuner"
    table = north("status", "homelessness", "--scope", "1081").stdout
    assert "660 (2019)Σ" in table and "Σ sum of 11 municipalities" in table
    assert "Region Nordjylland (1081)" in table


def test_recorded_regional_figure_wins(north):
    north("record", "homelessness", "700", "--year", "2019", "--scope", "1081", "--source", "region count")
    g = north.json("status", "homelessness", "--scope", "1081", "--format", "json")["goals"][0]
    assert g["latest"] == {"year": 2019, "value": 700, "source": "region count", "flag": None}  # no "derived"
    assert g["baseline"]["derived"] == "sum of 11 municipalities"  # 2011 is still summed


def test_percent_is_never_summed(north):
    g = north.json("status", "placement-breakdown", "--scope", "1081", "--format", "json")["goals"][0]
    assert g["latest"] is None and g["baseline"] is None


def test_history_chart_and_compare_show_the_sums(north, tmp_path):
    rows = north.json("history", "homelessness", "--scope", "1081", "--format", "json")
    assert [(r["year"], r["value"], r["derived"], r["recorded_at"]) for r in rows] == [
        (2011, 1320, "sum of 11 municipalities", None), (2019, 660, "sum of 11 municipalities", None)]
    assert "derived: sum of 11 municipalities" in north("history", "homelessness", "--scope", "1081").stdout
    assert north.json("history", "placement-breakdown", "--scope", "1081", "--format", "json") == []

    status = build_status(open_database(os.environ["GOALTRACK_DATABASE_URL"]), 2026, ["homelessness"], "1081")[0]
    data = chart_data(status, 2026)
    assert data.derived == [Point(2011, 1320), Point(2019, 660)]
    assert data.derived_label == "Sum of 11 municipalities"
    assert data.source == "sum of 11 municipalities"
    assert data.title == "Homeless persons · Region Nordjylland (1081)"
    danish = chart_data(status, 2026, lang="da")  # the legend and the source line in the chart's language
    assert (danish.derived_label, danish.source) == ("Sum af 11 kommuner", "sum af 11 kommuner")
    out = tmp_path / "charts"
    north("chart", "homelessness", "--scope", "1081", "--out", str(out))
    assert (out / "1081" / "homelessness.png").exists()

    ranked = north.json("compare", "homelessness", "--format", "json")["scopes"]
    region = next(s for s in ranked if s["scope"] == "1081")
    assert region["latest"]["derived"] == "sum of 11 municipalities"


def test_a_region_is_never_ranked_among_its_municipalities(north):
    """Method v3: municipalities ranked among themselves, the region apart (its figure, 660, is the sum
    of the eleven), the nation the reference, last and unranked."""
    data = north.json("compare", "homelessness", "--format", "json")
    groups = [(s["group"], s["rank"]) for s in data["scopes"]]
    assert groups == [("municipality", n) for n in range(1, 12)] + [("region", 1), ("reference", None)]
    assert data["years"] == {"municipality": 2019, "region": 2019}
    assert [s["scope"] for s in data["scopes"]][-2:] == ["1081", "DK"]
    table = north("compare", "homelessness", "--wide").stdout
    assert "Each kind ranked apart, on figures from its own year: municipalities 2019, regions 2019." in table
    assert "Denmark (DK), last: the reference, never ranked." in table
    assert "Counts, not rates: scopes of different populations are not like for like." in table
    only = north.json("compare", "homelessness", "--kind", "region", "--format", "json")["scopes"]
    assert [(s["scope"], s["rank"]) for s in only] == [("1081", 1), ("DK", None)]
    theirs = north.json("compare", "homelessness", "--region", "Region Nordjylland", "--format", "json")["scopes"]
    assert sorted(s["scope"] for s in theirs if s["group"] == "municipality") == sorted(NORTH)
    assert not any(s["group"] == "region" for s in theirs)
    assert "is not a region" in north.fails("compare", "homelessness", "--region", "Aalborg").stderr
    in_2011 = north.json("compare", "homelessness", "--year", "2011", "--format", "json")
    assert in_2011["year"] == 2011 and not any(s["ranked"] for s in in_2011["scopes"])  # no latest figure is 2011
    csv_text = north("compare", "homelessness", "--kind", "region", "--format", "csv").stdout.splitlines()
    assert csv_text[0].startswith("rank,scope_code,name,group,ranked,id,set,scope,title")
    assert csv_text[1].startswith("1,1081,Region Nordjylland,region,true,homelessness")
    markdown = north("compare", "homelessness", "--kind", "region", "--format", "markdown").stdout
    assert markdown.startswith("**Homeless persons · as of 2026 · compared on figures from 2019**")
    assert "| 1 | Region Nordjylland (1081) |" in markdown


def test_compare_as_a_workbook(north, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "compare.xlsx"
    assert "Wrote" in north("compare", "homelessness", "--kind", "region", "--format", "xlsx", "--output",
                            str(out)).stderr
    rows = list(load_workbook(out, read_only=True)["compare"].iter_rows(values_only=True))
    assert rows[0][:5] == ("rank", "scope_code", "name", "group", "ranked")
    assert rows[1][:5] == (1, "1081", "Region Nordjylland", "region", True) and len(rows) == 3
    assert north("compare", "homelessness", "--format", "xlsx", ok=False).exit_code == 2  # needs --output
