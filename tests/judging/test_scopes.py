"""Status per scope and `compare`: a municipality judged on its own baseline, against hand-computed values."""

from __future__ import annotations

import json

import pytest

from goaltrack.domain.progress import Point
from goaltrack.judging.status import scope_definition
from goaltrack.storage.models import Goal

approx = pytest.approx


@pytest.fixture
def municipal(run, db_path, tmp_path):
    path = tmp_path / "kommuner.csv"
    path.write_text(
        "goal;scope;year;value;source\n"
        "homelessness;101;2011;1400;København 2011\n"
        "homelessness;101;2017;1700;København 2017\n"
        "homelessness;751;2011;600;Aarhus 2011\n"
        "homelessness;751;2017;450;Aarhus 2017\n"
        "homelessness;461;2013;300;Odense 2013\n"
        "placement-breakdown;751;2011;6,0;\n"
        "placement-breakdown;751;2016;4,5;\n", encoding="utf-8")
    run("import", str(path))
    return run


def goal_status(run, scope: str, goal: str, as_of: str = "2026") -> dict:
    return run.json("status", goal, "--scope", scope, "--as-of", as_of, "--format", "json")["goals"][0]


def test_persons_target_is_scaled_by_the_scope_baseline(municipal):
    g = goal_status(municipal, "101", "homelessness")
    # København: baseline 1,400 in 2011; target 1,400 × 4,000 / 5,290 = 1,058.60
    assert g["baseline"] == {"year": 2011, "value": 1400}
    assert g["target"] == {"year": 2020, "value": approx(1058.601134), "rule": "scaled"}
    assert g["latest"] == {"year": 2017, "value": 1700, "source": "København 2017", "flag": None}
    assert g["distance"] == approx(1700 - 1058.601134)
    assert g["progress_pct"] == approx(100 * 300 / (1058.601134 - 1400))  # −87.87 %
    # the path at 2017: 1,400 − 341.40 × 6/9
    assert g["required"] == approx(1400 + (1058.601134 - 1400) * 6 / 9)
    assert g["category"] == "deterioration" and g["verdict"] == "missed"


def test_aarhus_on_track(municipal):
    g = goal_status(municipal, "751", "homelessness")
    target = 600 * 4000 / 5290  # 453.69
    assert g["target"]["value"] == approx(target)
    assert g["achieved"] is True and g["category"] == "achieved"
    assert g["verdict"] == "met"  # 450 in 2017 was the last figure by the deadline


def test_percent_target_is_the_national_level(municipal):
    g = goal_status(municipal, "751", "placement-breakdown", as_of="2018")
    # Aarhus: 6.0 % in 2011 to 4.5 % in 2016, against the national 4 %
    assert g["baseline"] == {"year": 2011, "value": 6}
    assert g["target"] == {"year": 2020, "value": 4, "rule": "national"}
    assert g["progress_pct"] == approx(75.0)
    assert g["required"] == approx(6 - 2 * 5 / 9)  # 4.889 on the road in 2016
    assert g["on_path"] is True
    assert g["verdict"] is None


def test_scope_without_a_baseline_year_figure_starts_from_its_first_later_one(municipal):
    g = goal_status(municipal, "461", "homelessness")
    # Odense has a figure for 2013 but none for 2011: method v3 takes 2013 as its baseline ("baseline
    # 2013"), and scales the national target by it: 300 × 4,000 / 5,290 = 226.8
    assert (g["baseline"], g["baseline_later"]) == ({"year": 2013, "value": 300}, True)
    assert g["target"] == {"year": 2020, "value": approx(300 * 4000 / 5290), "rule": "scaled"}
    assert g["latest"] == {"year": 2013, "value": 300, "source": "Odense 2013", "flag": None}
    # its latest figure is its baseline: no movement yet
    assert g["progress_pct"] is None and g["category"] == "insufficient_data"
    assert goal_status(municipal, "101", "homelessness")["baseline_later"] is False  # København has 2011's
    table = municipal("status", "homelessness", "--scope", "461", "--wide").stdout
    assert "Homeless persons, Odense: baseline 2013, its first figure after 2011" in table


def test_relative_only_target_applies_to_the_scope_baseline():
    goal = Goal(id="readmissions", title_en="R", title_da="R", unit="count", direction="decrease",
                baseline_year=2015, target_year=2020, target_change_pct=-30)
    spec = scope_definition(goal, "101", [Point(2015, 40), Point(2017, 35)])
    assert spec.baseline == Point(2015, 40)
    assert spec.target_value == approx(28)  # 40 − 30 %
    percent = Goal(id="p", title_en="P", title_da="P", unit="percent", direction="decrease", baseline_year=2011,
                   baseline_value=22.7, target_year=2020, target_change_pct=-50)
    assert scope_definition(percent, "101", [Point(2011, 30)]).target_value == approx(11.35)  # the national level


def test_compare_ranks_only_figures_of_one_year(municipal):
    data = municipal.json("compare", "homelessness", "--format", "json")
    assert data["goal"] == "homelessness" and data["as_of"] == 2026
    # Latest figures: Aarhus and København 2017, Odense 2013 (the nation, 2013, is the reference and
    # counts for no comparison year): 2017.
    assert data["year"] == 2017 and data["years"] == {"municipality": 2017}
    order = [(s["scope"], s["name"], s["ranked"], s["rank"], s["group"]) for s in data["scopes"]]
    assert order == [("751", "Aarhus", True, 1, "municipality"),  # achieved,
                     ("101", "København", True, 2, "municipality"),  # then deterioration
                     ("461", "Odense", False, None, "municipality"),  # 2013: listed, not ranked
                     ("DK", "Denmark", False, None, "reference")]  # the nation: the reference, last
    first = data["scopes"][0]
    assert list(first)[:6] == ["scope", "name", "ranked", "rank", "group", "id"]
    assert first["progress_pct"] == approx(100 * 150 / (600 - 600 * 4000 / 5290), abs=1e-6)
    assert data["scopes"][2]["latest"]["year"] == 2013
    table = municipal("compare", "homelessness").stdout
    assert "compared on figures from 2017" in table
    lines = table.splitlines()
    aarhus, kbh, danmark = (next(i for i, line in enumerate(lines) if name in line)
                            for name in ("Aarhus", "København", "Denmark (DK)"))
    assert lines[aarhus].split()[0] == "1" and lines[kbh].split()[0] == "2"
    rule = next(i for i, line in enumerate(lines) if i > kbh and line.strip().startswith("╌"))  # the section rule
    assert rule < danmark
    assert "Below the line: not ranked, their latest figure is not from 2017." in table
    assert "5,820 (2013)" in lines[danmark] and lines[danmark].split()[0] == "Denmark"  # no rank number


def test_compare_with_latest_figures_in_different_years(run, tmp_path):
    path = tmp_path / "counts.csv"
    path.write_text(
        "goal;scope;year;value\n"
        "homelessness;DK;2019;6431\nhomelessness;DK;2022;5789\n"
        "homelessness;101;2011;1400\nhomelessness;101;2019;1500\n"
        "homelessness;751;2011;600\nhomelessness;751;2019;500\n"
        "homelessness;147;2011;200\nhomelessness;147;2019;150\n"
        "homelessness;461;2011;300\nhomelessness;461;2022;280\n", encoding="utf-8")
    run("import", str(path))
    data = run.json("compare", "homelessness", "--as-of", "2023", "--format", "json")
    assert data["year"] == 2019  # three scopes' latest figure; two have 2022's
    by_code = {s["scope"]: s for s in data["scopes"]}
    # Frederiksberg: 150 against 200 × 4,000/5,290 = 151.23: achieved.
    assert by_code["147"]["achieved"] is True
    # Aarhus: 500 against 453.69; gap left 46.31 of 146.31 = 0.3165; (500/600)^(1/8) − 1 = −2.253 %
    # a year over the required −3.058 %: ratio 0.737, moderate.
    assert by_code["751"]["distance_share"] == approx((500 - 600 * 4000 / 5290) / (600 - 600 * 4000 / 5290), abs=1e-6)
    assert by_code["751"]["category"] == "moderate_progress"
    assert by_code["101"]["category"] == "deterioration"  # 1,400 → 1,500
    # Odense (2022): (280/300)^(1/11) − 1 = −0.625 % over −3.058 %: 0.204, limited; the nation (2022's
    # 5,789 against 5,290) is deteriorating: both listed after the ranked scopes, Odense first.
    assert by_code["461"]["category"] == "limited_progress"
    assert [(s["scope"], s["ranked"], s["latest"]["year"]) for s in data["scopes"]] == [
        ("147", True, 2019), ("751", True, 2019), ("101", True, 2019), ("461", False, 2022), ("DK", False, 2022)]
    # After the deadline every scope carries its verdict with the figure that decided it.
    assert by_code["DK"]["verdict"] == "missed" and by_code["DK"]["verdict_basis"]["year"] == 2019
    assert by_code["461"]["verdict"] == "unknown" and by_code["461"]["verdict_basis"] is None
    table = run("compare", "homelessness", "--as-of", "2023").stdout
    assert "missed · 6,431 (2019)" in table and "unknown · no figure" in table


def test_compare_near_target_baseline_progress_explodes_but_never_ranks(run, tmp_path):
    path = tmp_path / "breakdowns.csv"
    path.write_text(
        "goal;scope;year;value\n"
        "placement-breakdown;101;2011;4,2\nplacement-breakdown;101;2016;6,4\n"
        "placement-breakdown;461;2011;5,0\nplacement-breakdown;461;2016;5,6\n"
        "placement-breakdown;751;2011;6,0\nplacement-breakdown;751;2016;5,5\n"
        "placement-breakdown;147;2011;4,1\nplacement-breakdown;147;2016;3,9\n"
        "placement-breakdown;157;2011;4,01\nplacement-breakdown;157;2016;2,5\n", encoding="utf-8")
    run("import", str(path))
    data = run.json("compare", "placement-breakdown", "--as-of", "2018", "--format", "json")
    assert data["year"] == 2016
    by_code = {s["scope"]: s for s in data["scopes"]}
    # København sat at 4.2 %, near the national 4 %: 100 · 2.2 / −0.2 = −1,100 %, reported exactly.
    assert by_code["101"]["progress_pct"] == approx(-1100)
    assert by_code["157"]["progress_pct"] == approx(15100)  # 100 · −1.51 / −0.01
    # The rank: the achieved (Frederiksberg 3.9, Gentofte 2.5) by name; Aarhus limited (ratio 0.39);
    # then the two deteriorating by the share of the gap left: Odense 1.6/1.0 = 1.6, København 2.4/0.2 = 12.
    assert by_code["461"]["distance_share"] == approx(1.6) and by_code["101"]["distance_share"] == approx(12)
    assert [s["scope"] for s in data["scopes"]] == ["147", "157", "751", "461", "101", "DK"]
    assert by_code["DK"]["ranked"] is False  # the nation has only its 2011 baseline
    assert by_code["DK"]["progress_pct"] is None
    lines = run("compare", "placement-breakdown", "--as-of", "2018").stdout.splitlines()
    assert "< −999 %" in next(line for line in lines if "København" in line)
    assert "> 999 %" in next(line for line in lines if "Gentofte" in line)
    assert "-1100" not in "".join(lines) and "–" in next(line for line in lines if "Denmark (DK)" in line)


@pytest.mark.fresh_database
def test_status_reads_through_the_key_index(run, db_path):
    """The database does the selecting: a million figures of other scopes are never scanned
    (benchmarks/status_scale.py measures it; this guards the plan)."""
    from goaltrack.storage import store
    from goaltrack.storage.database import open_database

    engine = open_database(f"sqlite:///{db_path}")
    from goaltrack.storage.queries import ENTRY

    query = store.current_query(["homelessness", "drug-deaths"], ENTRY.c.scope == "101", up_to=2026)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    # the record's key index, on all three of its columns, and each newest entry by its id
    assert "SEARCH figure USING COVERING INDEX ix_figure_key (indicator=? AND scope=? AND year<?)" in plan, plan
    assert "SEARCH figure USING INTEGER PRIMARY KEY (rowid=?)" in plan and "SCAN figure" not in plan, plan


def test_a_scaled_target_keeps_the_decimals_that_tell_it_apart(run, tmp_path):
    """Lyngby-Taarbæk: 1 drug death in 2011 and in 2020. The national target 200 of 285, scaled by its
    baseline: 1 × 200 / 285 = 0.70 deaths; 1 in 2020 missed it by 0.30 (never "≤ 1" and "distance 0")."""
    import os

    from goaltrack.judging.status import build_status
    from goaltrack.present.charts.data import chart_data, value_labels
    from goaltrack.storage.database import open_database

    run("record", "drug-deaths", "1", "--year", "2011", "--scope", "Lyngby-Taarbæk", "--force")
    run("record", "drug-deaths", "1", "--year", "2020", "--scope", "Lyngby-Taarbæk", "--force")
    g = run.json("status", "drug-deaths", "--scope", "173", "--format", "json")["goals"][0]
    assert g["target"] == {"year": 2020, "value": approx(200 / 285), "rule": "scaled"}
    assert (g["distance"], g["verdict"]) == (approx(1 - 200 / 285, abs=1e-6), "missed")  # JSON: 6 decimals
    table = run("status", "drug-deaths", "--scope", "173", "--wide").stdout
    assert "≤ 0.70 (2020)¹" in table and " 0.30 " in table and "missed · 1 (2020)" in table
    assert "≤ 0,70 (2020)¹" in run("status", "drug-deaths", "--scope", "173", "--wide", "--lang", "da").stdout
    run("report", "--out", str(tmp_path / "r"), "--scope", "173")
    report = (tmp_path / "r" / "report.md").read_text(encoding="utf-8")
    assert "against the target of 0.70 (scaled from the national target) by 2020" in report
    (status,) = build_status(open_database(os.environ["GOALTRACK_DATABASE_URL"]), 2026, ["drug-deaths"], "173")
    labels = {kind: text for kind, text, _ in value_labels(chart_data(status, 2026), "en")}
    assert labels["target"] == "0.70"


def test_status_with_figures_shows_only_the_goals_a_scope_has_figures_for(run):
    run("record", "homelessness", "150", "--year", "2019", "--scope", "Tårnby", "--force")
    out = run("status", "--scope", "Tårnby", "--with-figures", "--format", "json")
    assert [g["id"] for g in json.loads(out.stdout)["goals"]] == ["homelessness"]
    assert out.stderr == "Left out 15 goals without a figure for Tårnby (185) up to 2026.\n"
    danish = run("status", "--scope", "Tårnby", "--with-figures", "--format", "json", "--lang", "da")
    assert danish.stderr == "Udeladt: 15 mål uden tal for Tårnby (185) til og med 2026.\n"
    tomorrow = run("status", "--scope", "Tårnby", "--with-figures", "--format", "json", "--as-of", "2018")
    assert tomorrow.stderr == "Left out 16 goals without a figure for Tårnby (185) up to 2018.\n"
    assert len(run.json("status", "--scope", "Tårnby", "--format", "json")["goals"]) == 16  # without it: all
    assert "Left out" not in run("status", "homelessness", "--with-figures").stderr  # the nation has one


def test_a_flagged_scope_baseline_says_its_flag(run):
    run("record", "homelessness", "600", "--year", "2011", "--scope", "751", "--flag", "E", "--force")
    run("record", "homelessness", "560", "--year", "2019", "--scope", "751", "--force")
    g = run.json("status", "homelessness", "--scope", "751", "--format", "json")["goals"][0]
    assert g["baseline"] == {"year": 2011, "value": 600, "flag": "E"}
    assert run.json("status", "homelessness", "--format", "json")["goals"][0]["baseline"] == {
        "year": 2011, "value": 5290}  # the catalogue's: no flag, no key
