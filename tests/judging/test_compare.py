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


def test_before_the_baseline_year_the_nation_has_nothing_to_compare(run, tmp_path):
    path = tmp_path / "early.csv"
    path.write_text("goal,scope,year,value\nhomelessness,101,2009,1300\n")
    run("import", str(path))
    assert [s["scope"] for s in run.json("compare", "homelessness", "--as-of", "2010", "--format", "json")["scopes"]] \
        == ["101"]
    assert "DK" in [s["scope"] for s in run.json("compare", "homelessness", "--as-of", "2011",
                                                 "--format", "json")["scopes"]]

    # no scope has a figure before 2009: the table view says so on stderr, not an empty table
    empty = run("compare", "homelessness", "--as-of", "2008")
    assert (empty.stdout, empty.stderr) == ("", "No scope has a figure for homelessness up to 2008: nothing to "
                                                "compare.\n")
    assert run.json("compare", "homelessness", "--as-of", "2008", "--format", "json")["scopes"] == []


def test_a_figure_before_the_baseline_is_listed_but_never_ranked(run):
    """The nation's only figure up to 2010 is from 2009, before its 2011 baseline: no latest figure, no
    comparison year, so nothing is ranked (it was ranked #1 against nobody)."""
    run("record", "homelessness", "5000", "--year", "2009", "--source", "an earlier count")
    data = run.json("compare", "homelessness", "--as-of", "2010", "--format", "json")
    assert data["year"] is None
    assert [(s["scope"], s["ranked"], s["latest"]) for s in data["scopes"]] == [("DK", False, None)]
    table = run("compare", "homelessness", "--as-of", "2010").stdout.splitlines()
    assert table[3].split()[:2] == ["Denmark", "(DK)"]  # no rank number in front
    # the nation is the reference, never ranked (method v3), and there is no other scope to rank
    assert table[-1].strip() == "Denmark (DK), last: the reference, never ranked."
    danish = run("compare", "homelessness", "--as-of", "2010", "--lang", "da").stdout.splitlines()
    assert danish[-1].strip() == "Danmark (DK), sidst: referencen, aldrig rangeret."


def test_a_scope_is_judged_with_its_goals_verdict_window():
    """A catalogue's wider verdict window holds for every scope, not only for the nation."""
    from goaltrack.domain.progress import Point
    from goaltrack.judging.status import judge
    from goaltrack.storage.models import Goal

    goal = Goal(id="homelessness", title_en="H", title_da="H", unit="persons", direction="decrease",
                baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000, verdict_window=5)
    figures = [Point(2011, 1400), Point(2016, 1000)]  # 2016 is 4 years before the deadline
    judged = judge(goal, figures, 2026, "101")
    assert judged.spec.baseline == Point(2011, 1400) and judged.assessment.verdict == "met"
    narrow = goal.model_copy(update={"verdict_window": 3})
    assert judge(narrow, figures, 2026, "101").assessment.verdict == "unknown"


def test_the_comparison_year_is_the_one_most_scopes_share():
    from goaltrack.judging.compare import comparison_year

    assert comparison_year([2017, 2017, 2013, None]) == 2017
    assert comparison_year([2013, 2013, 2017]) == 2013  # most scopes, though not the latest
    assert comparison_year([2013, 2017]) == 2017 and comparison_year([2017, 2013, None, None]) == 2017  # a tie: later
    assert comparison_year([None]) is None and comparison_year([]) is None


def test_rank_achieved_then_category_then_distance_share_then_name():
    from goaltrack.domain.progress import Point
    from goaltrack.judging.compare import rank_scopes
    from goaltrack.judging.status import judge
    from goaltrack.storage.models import Goal, Scope

    goal = Goal(id="homelessness", title_en="H", title_da="H", unit="persons", direction="decrease",
                baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000)
    rows = {  # code: (name, figures) — every scope starts from 1,000 (target 756.14)
        "1": ("Zeta", [Point(2011, 1000), Point(2017, 700)]),  # achieved
        "2": ("Alpha", [Point(2011, 1000), Point(2017, 950)]),  # limited, share 0.795
        "3": ("Beta", [Point(2011, 1000), Point(2017, 800)]),  # substantial, share 0.18
        "4": ("Gamma", [Point(2011, 1000), Point(2017, 960)]),  # limited, share 0.836
        "5": ("Delta", [Point(2011, 1000), Point(2017, 960)]),  # the same figures as Gamma: by name
        "6": ("Eta", [Point(2011, 1000), Point(2015, 700)]),  # achieved, but 2015: not ranked
        "7": ("Theta", [Point(2011, 1000), Point(2016, 1100)]),  # 2016: not ranked, listed before 2015
    }
    judged = [(Scope(code=code, name=name), judge(goal, figures, 2018, code)) for code, (name, figures) in rows.items()]
    result = rank_scopes(judged, "homelessness", 2018)
    assert result.year == 2017 and result.as_of == 2018 and result.goal_id == "homelessness"
    assert [(e.scope.name, e.ranked) for e in result.entries] == [
        ("Zeta", True), ("Beta", True), ("Alpha", True), ("Delta", True), ("Gamma", True),
        ("Theta", False), ("Eta", False)]


def test_how_a_scopes_target_came_about():
    from goaltrack.domain.progress import Point
    from goaltrack.judging.status import Place, judge
    from goaltrack.storage.models import Goal

    persons = Goal(id="homelessness", title_en="H", title_da="H", unit="persons", direction="decrease",
                   baseline_year=2011, baseline_value=5290, target_year=2020, target_value=4000)
    relative = Goal(id="readmissions", title_en="R", title_da="R", unit="count", direction="decrease",
                    baseline_year=2015, target_year=2020, target_change_pct=-30)
    percent = Goal(id="placement-breakdown", title_en="P", title_da="P", unit="percent", direction="decrease",
                   baseline_year=2011, baseline_value=5.7, target_year=2020, target_value=4)
    assert judge(persons, [], 2026).rule == "catalogue"
    scaled = judge(persons, [Point(2011, 1400)], 2026, "101")
    assert scaled.rule == "scaled" and scaled.spec.target_value == pytest.approx(1400 * 4000 / 5290)
    by_change = judge(relative, [Point(2015, 40)], 2026, "101")
    assert by_change.rule == "relative" and by_change.spec.target_value == pytest.approx(28)
    national = judge(percent, [Point(2011, 6.0)], 2026, "751")
    assert national.rule == "national" and national.spec.target_value == 4
    later = judge(persons, [Point(2013, 300), Point(2017, 280)], 2026, "461")  # its first figure after 2011
    assert later.rule == "scaled" and later.spec.baseline == Point(2013, 300) and later.later_baseline
    assert later.spec.target_value == pytest.approx(300 * 4000 / 5290)
    assert judge(persons, [Point(2021, 300)], 2026, "461").rule is None  # after the target year: no baseline
    assert judge(persons, [], 2026, "101", home="101").rule == "catalogue"  # a set judged in its own scope
    assert Place("DK", "Danmark").label("en") == "Denmark (DK)" and Place("DK", "Danmark").label("da") == "Danmark (DK)"
    assert Place("101", "København").label("da") == "København (101)"
