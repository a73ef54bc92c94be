"""Status per scope and `compare`: a municipality judged on its own baseline, against hand-computed values."""

from __future__ import annotations

import pytest

from goaltrack.models import Goal
from goaltrack.progress import Point
from goaltrack.status import scope_definition

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
    assert g["latest"] == {"year": 2017, "value": 1700, "source": "København 2017"}
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


def test_scope_without_a_baseline_year_figure(municipal):
    g = goal_status(municipal, "461", "homelessness")
    # Odense has a figure for 2013 but none for 2011: no baseline, so no scaled target either
    assert g["baseline"] is None and g["target"] is None
    assert g["latest"] == {"year": 2013, "value": 300, "source": "Odense 2013"}
    assert g["progress_pct"] is None and g["category"] == "insufficient_data"


def test_relative_only_target_applies_to_the_scope_baseline():
    goal = Goal(id="readmissions", title_en="R", title_da="R", unit="count", direction="decrease",
                baseline_year=2015, target_year=2020, target_change_pct=-30)
    spec = scope_definition(goal, "101", [Point(2015, 40), Point(2017, 35)])
    assert spec.baseline == Point(2015, 40)
    assert spec.target_value == approx(28)  # 40 − 30 %
    percent = Goal(id="p", title_en="P", title_da="P", unit="percent", direction="decrease", baseline_year=2011,
                   baseline_value=22.7, target_year=2020, target_change_pct=-50)
    assert scope_definition(percent, "101", [Point(2011, 30)]).target_value == approx(11.35)  # the national level


def test_compare_ranks_by_progress(municipal):
    data = municipal.json("compare", "homelessness", "--format", "json")
    assert data["goal"] == "homelessness" and data["as_of"] == 2026
    ranked = [(s["scope"], s["name"]) for s in data["scopes"]]
    # Aarhus +103 %, then the nation (5,820 in 2013: −41 %), København (−88 %), Odense (no progress figure)
    assert ranked == [("751", "Aarhus"), ("DK", "Danmark"), ("101", "København"), ("461", "Odense")]
    first = data["scopes"][0]
    assert list(first)[:3] == ["scope", "name", "id"]
    assert first["progress_pct"] == approx(100 * 150 / (600 - 600 * 4000 / 5290))
    table = municipal("compare", "homelessness").stdout
    assert table.index("Aarhus") < table.index("København") < table.index("Odense")


def test_compare_as_of_and_unknown_goal(municipal):
    data = municipal.json("compare", "homelessness", "--as-of", "2012", "--format", "json")
    # By 2012 only the baselines are known: no movement, so no progress, and by name. The nation
    # counts, by its catalogue baseline, though its first recorded figure is from 2013.
    assert [s["scope"] for s in data["scopes"]] == ["751", "DK", "101"]
    assert {s["progress_pct"] for s in data["scopes"]} == {None}
    assert "unknown goal" in municipal.fails("compare", "nope").stderr


def test_status_reads_through_the_unique_index(run, db_path):
    """The database does the selecting: a million figures of other scopes are never scanned
    (benchmarks/status_scale.py measures it; this guards the plan)."""
    from goaltrack import store
    from goaltrack.db import open_database

    engine = open_database(f"sqlite:///{db_path}")
    query = store.current_query(["homelessness", "drug-deaths"], "101", 2026)
    sql = str(query.compile(engine, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        plan = " ".join(row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}"))
    # the unique constraint's index, on all three of its columns
    assert "SEARCH measurement USING INDEX" in plan and "(goal_id=? AND scope=? AND year<?)" in plan, plan
