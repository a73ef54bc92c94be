"""`compare` ranks scopes best first, never by name: the expected orders here are not alphabetical."""

from __future__ import annotations

import pytest

approx = pytest.approx
# Every scope starts from 1,000 homeless in 2011; its target is 1,000 × 4,000 / 5,290 = 756.14 by 2020.
TARGET = 1000 * 4000 / 5290


@pytest.fixture
def ranked(run, tmp_path):
    path = tmp_path / "kommuner.csv"
    rows = {"461": 800, "101": 870, "751": 950, "851": 1050}  # Odense, København, Aarhus, Aalborg
    path.write_text("goal,scope,year,value\n" + "".join(
        f"homelessness,{code},2011,1000\nhomelessness,{code},2017,{value}\n" for code, value in rows.items()))
    run("import", str(path))
    return run


def test_compare_ranks_the_best_first_not_by_name(ranked):
    data = ranked.json("compare", "homelessness", "--as-of", "2018", "--format", "json")
    scopes = [s["scope"] for s in data["scopes"]]
    # Odense 82 % of the way (substantial), København 53 % (moderate), Aarhus 20.5 % (limited),
    # Aalborg −20.5 % (deterioration); the nation (5,820 in 2013: −41 %, and an older year) comes last.
    # By name it would be Aalborg, Aarhus, Danmark, København, Odense.
    assert scopes == ["461", "101", "751", "851", "DK"]
    by_scope = {s["scope"]: s for s in data["scopes"]}
    assert by_scope["461"]["progress_pct"] == approx(100 * 200 / (1000 - TARGET))
    assert by_scope["461"]["distance_share"] == approx((800 - TARGET) / (1000 - TARGET))
    assert by_scope["851"]["progress_pct"] == approx(-100 * 50 / (1000 - TARGET))
    assert [by_scope[c]["category"] for c in scopes[:4]] == [
        "substantial_progress", "moderate_progress", "limited_progress", "deterioration"]
    table = ranked("compare", "homelessness", "--as-of", "2018").stdout
    assert table.index("Odense") < table.index("København") < table.index("Aarhus") < table.index("Aalborg")


def test_a_scopes_projection_stays_in_its_units_range(run, tmp_path):
    """A scope is judged with its goal's unit range: no negative persons, no percent above 100."""
    path = tmp_path / "fast.csv"
    path.write_text("goal;scope;year;value\n"
                    "homelessness;101;2011;100\nhomelessness;101;2013;40\n"  # −30 a year: −170 by 2020
                    "placement-breakdown;751;2011;50\nplacement-breakdown;751;2016;90\n")  # +8 a year: 122 %
    run("import", str(path))
    persons = run.json("status", "homelessness", "--scope", "101", "--as-of", "2014", "--format", "json")["goals"][0]
    assert persons["projection"] == {"year": 2020, "value": 0}
    assert persons["projected_to_meet"] is True
    percent = run.json("status", "placement-breakdown", "--scope", "751", "--as-of", "2017",
                       "--format", "json")["goals"][0]
    assert percent["projection"] == {"year": 2020, "value": 100}
    assert percent["projected_to_meet"] is False
    # Inside the range the line is read as it is.
    path.write_text("goal;scope;year;value\nhomelessness;751;2011;600\nhomelessness;751;2017;450\n")
    run("import", str(path))
    slow = run.json("status", "homelessness", "--scope", "751", "--as-of", "2018", "--format", "json")["goals"][0]
    assert slow["projection"] == {"year": 2020, "value": 375}  # 600 − 25 a year
