"""The catalogue: the shipped one is complete and valid; a bad one is refused with line numbers."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from goaltrack.catalogue import ScopeDef, load_catalogue, parse_catalogue
from goaltrack.errors import GoaltrackError
from tests.conftest import ROOT

DOMAIN_IDS = [
    "youth-education", "school-reading", "school-maths", "youth-crime", "placement-breakdown", "homelessness",
    "shelter-return", "crisis-centre-repeat", "drug-treatment-effect", "drug-deaths", "psychiatry-coercion",
    "eating-disorder-readmissions", "excess-mortality-women", "excess-mortality-men",
]


def test_shipped_catalogue_has_every_domain_goal():
    catalogue = load_catalogue(ROOT / "goals.yaml")
    ids = [g.id for g in catalogue.goals]
    assert ids[: len(DOMAIN_IDS)] == DOMAIN_IDS
    assert catalogue.warnings == []
    goals = {g.id: g for g in catalogue.goals}
    h = goals["homelessness"]
    assert (h.unit, h.direction, h.baseline_year, h.baseline_value, h.target_year, h.target_value) == \
        ("persons", "decrease", 2011, 5290, 2020, 4000)
    assert h.title_da == "Hjemløse personer"
    assert [(m.year, m.value) for m in h.measurements][2:4] == [(2013, 5820), (2015, 6138)]  # tests/test_published.py
    assert [(m.year, m.value) for m in goals["drug-deaths"].measurements][:2] == [(2012, 210), (2013, 213)]
    assert [(m.year, m.value) for m in goals["psychiatry-coercion"].measurements] == [(2012, 21.8)]
    assert goals["psychiatry-coercion"].target_level == pytest.approx(11.35)  # halve 22.7
    assert goals["eating-disorder-readmissions"].target_level is None  # relative, no baseline yet
    assert goals["school-reading"].target_value is None and goals["school-reading"].target_year == 2020
    assert goals["crisis-centre-repeat"].target_level == 25  # the stated level, not 24.5


def test_shipped_catalogue_has_the_nation_regions_and_98_municipalities():
    scopes = load_catalogue(ROOT / "goals.yaml").scopes
    kinds = [s.kind for s in scopes]
    assert (kinds.count("nation"), kinds.count("region"), kinds.count("municipality")) == (1, 5, 98)
    by_code = {s.code: s for s in scopes}
    assert by_code["101"] == ScopeDef("101", "København", "municipality", "1084")
    assert by_code["751"] == ScopeDef("751", "Aarhus", "municipality", "1082")
    assert by_code["851"].name == "Aalborg" and by_code["461"].name == "Odense"
    assert by_code["1084"] == ScopeDef("1084", "Region Hovedstaden", "region")
    assert all(by_code[s.parent].kind == "region" for s in scopes if s.kind == "municipality")
    assert len({s.name for s in scopes}) == len(scopes)


def test_scope_problems():
    text = GOOD_GOAL.replace("goals:", "scopes:\n  - {code: '101', name: X, kind: city}\n"
                             "  - {code: '102', name: Y, parent: '999'}\n  - {code: 'a/b', name: Z}\ngoals:")
    found = problems(text)
    assert found == ["c.yaml:2: scope 101: kind must be one of nation, region, municipality, other, not 'city'",
                     "c.yaml:4: scope code 'a/b' must be 1-32 letters, digits, '-' or '_'",
                     "c.yaml:3: scope 102: parent '999' is not a scope of this catalogue"]


GOOD_GOAL = """\
goals:
  - id: homelessness
    title: {en: Homeless persons, da: Hjemløse}
    unit: persons
    direction: decrease
    baseline: {year: 2011, value: 5290}
    target: {year: 2020, value: 4000, change_pct: -25}
"""


def problems(text: str) -> list[str]:
    with pytest.raises(GoaltrackError) as caught:
        parse_catalogue(text, "c.yaml")
    return [p.where("c.yaml") for p in caught.value.problems] or [caught.value.message]


def test_minimal_catalogue():
    catalogue = parse_catalogue(GOOD_GOAL, "c.yaml")
    assert [g.id for g in catalogue.goals] == ["homelessness"]
    assert catalogue.scopes == [ScopeDef("DK", "Danmark", "nation")]


def test_every_problem_is_listed_with_its_line():
    text = """\
goals:
  - id: Bad_Id
    title: {en: X}
    unit: furlongs
    direction: sideways
  - id: ok
    title: {en: Y}
    unit: percent
    direction: increase
    baseline: {year: 2011, value: 120}
    target: {year: 2010, value: 50}
"""
    found = problems(text)
    assert any(p.startswith("c.yaml:2:") and "Bad_Id" in p for p in found)
    assert any(p.startswith("c.yaml:4:") and "furlongs" in p for p in found)
    assert any(p.startswith("c.yaml:5:") and "sideways" in p for p in found)
    assert any(p.startswith("c.yaml:10:") and "above 100" in p for p in found)
    # the check between fields comes in the same pass (a target year before its baseline year)
    assert "c.yaml:11: goal 'ok': target year 2010 must come after baseline year 2011" in found
    assert len(found) == 5


def test_error_message_counts_problems():
    with pytest.raises(GoaltrackError) as caught:
        parse_catalogue(GOOD_GOAL.replace("decrease", "down").replace("persons", "people"), "c.yaml")
    assert caught.value.message == "2 problems in c.yaml"


@pytest.mark.parametrize("bad_id", ["../../x", "a/b", "-lead", "trail-", "dou--ble", "UPPER", "", "a" * 65, "x.yaml"])
def test_ids_that_could_escape_a_folder_are_refused(bad_id):
    found = problems(GOOD_GOAL.replace("id: homelessness", f"id: {bad_id!r}"))
    assert any("goal id" in p for p in found)


def test_duplicate_ids():
    text = GOOD_GOAL + GOOD_GOAL.split("goals:\n", 1)[1]
    found = problems(text)
    assert found == ["c.yaml:8: duplicate goal id 'homelessness' (first on line 2)"]


def test_target_year_must_follow_baseline():
    found = problems(GOOD_GOAL.replace("year: 2020", "year: 2011"))
    assert found == ["c.yaml:7: goal 'homelessness': target year 2011 must come after baseline year 2011"]


def test_years_outside_range():
    found = problems(GOOD_GOAL.replace("year: 2011", "year: 1850"))
    assert any("1850 is outside 1900..2100" in p for p in found)


def test_target_on_the_wrong_side_of_the_baseline():
    found = problems(GOOD_GOAL.replace("value: 4000, change_pct: -25", "value: 6000"))
    assert any("worse than the baseline" in p for p in found)
    found = problems(GOOD_GOAL.replace("value: 4000, change_pct: -25", "change_pct: 25"))
    assert any("wrong way" in p for p in found)


def test_level_and_change_that_disagree_warn_but_pass():
    ok = parse_catalogue(GOOD_GOAL.replace("change_pct: -25", "change_pct: -24"), "c.yaml")  # 4,020: 0.5 %
    assert ok.warnings == []
    off = parse_catalogue(GOOD_GOAL.replace("change_pct: -25", "change_pct: -10"), "c.yaml")  # 4,761: 19 %
    assert len(off.warnings) == 1 and off.warnings[0].line == 7
    assert off.goals[0].target_level == 4000  # the stated level is authoritative


def test_unknown_keys_are_refused():
    found = problems(GOOD_GOAL.replace("unit: persons", "unit: persons\n    colour: red"))
    assert found == ["c.yaml:5: unknown key 'colour' in a goal (allowed: baseline, breaks, direction, id, "
                     "indicator, measurements, source, statbank, target, title, unit, verdict_window)"]


def test_duplicate_keys_are_refused():
    found = problems(GOOD_GOAL.replace("unit: persons", "unit: persons\n    unit: count"))
    assert found == ["c.yaml:5: duplicate key 'unit'"]


def test_yaml_syntax_error_names_line():
    with pytest.raises(GoaltrackError) as caught:
        parse_catalogue("goals:\n  - id: x\n    title: [unclosed\n", "c.yaml")
    assert caught.value.message == ("c.yaml:4: YAML error: expected ',' or ']', but got '<stream end>' "
                                    "(while parsing a flow sequence on line 3)")


def test_python_tags_are_never_constructed(tmp_path: Path):
    marker = tmp_path / "pwned"
    text = f"goals: !!python/object/apply:os.system ['touch {marker}']\n"
    with pytest.raises(GoaltrackError, match="YAML error"):
        parse_catalogue(text, "c.yaml")
    assert not marker.exists()


def test_alias_bomb_fails_fast():
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 30):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append("goals: *a29")
    started = time.process_time()
    found = problems("\n".join(lines) + "\n")
    assert any("aliases" in p for p in found)
    assert time.process_time() - started < 5  # 9^30 nodes if expanded: it must never get that far


def test_measurements_are_checked():
    text = GOOD_GOAL + """\
    measurements:
      - {year: 2013, value: 5820}
      - {year: 2013, value: 5821}
      - {year: 2014, value: -3}
      - {year: 2015, value: 1, scope: XX}
"""
    found = problems(text)
    assert any(":10:" in p and "two measurements for DK 2013" in p for p in found)
    assert any(":11:" in p and "below 0" in p for p in found)
    assert any(":12:" in p and "unknown scope 'XX'" in p for p in found)


def test_scopes_and_danish_decimal_in_text():
    text = "scopes:\n  - {code: 101, name: København}\n" + GOOD_GOAL + \
        "    measurements:\n      - {year: 2013, value: '5820', scope: '101'}\n"
    catalogue = parse_catalogue(text.replace("persons", "percent").replace("5290", "'5,7'")
                                .replace("4000", "4").replace("'5820'", "'5,1'"), "c.yaml")
    assert catalogue.scopes == [ScopeDef("DK", "Danmark", "nation"), ScopeDef("101", "København")]
    assert catalogue.goals[0].baseline_value == 5.7
    assert catalogue.goals[0].measurements[0].value == 5.1


def test_empty_and_non_mapping_catalogues():
    with pytest.raises(GoaltrackError, match="empty"):
        parse_catalogue("", "c.yaml")
    assert problems("- 1\n- 2\n") == ["c.yaml:1: the catalogue must be a mapping of keys to values"]
    assert problems("goals: []\n") == ["c.yaml:1: 'goals' must be a list with at least one goal"]


def test_unreadable_file(tmp_path: Path):
    with pytest.raises(GoaltrackError, match="cannot read catalogue"):
        load_catalogue(tmp_path / "missing.yaml")
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(GoaltrackError, match="not UTF-8"):
        load_catalogue(binary)


def test_every_problem_in_one_pass_with_a_decimal_comma_hint():
    text = """goals:
  - id: a
    title: A
    unit: percent
    direction: decrease
    baseline: {year: 2011, value: 6,4}
    target: {year: 2010, value: 4}
  - id: a
    title: B
    unit: percent
    direction: decrease
    direction: increase
"""
    found = problems(text)
    assert found[0].startswith("c.yaml:6: unknown key '4' in the baseline of goal 'a'") and \
        found[0].endswith("a decimal comma inside { } splits the number (value: 6,4 reads as 6 and a key 4): "
                          "write a point, 6.4")
    assert "c.yaml:7: goal 'a': target year 2010 must come after baseline year 2011" in found
    assert "c.yaml:12: duplicate key 'direction'" in found  # structure and content, one pass


def test_first_release_of_a_revised_figure():
    text = GOOD_GOAL + """    measurements:
      - {year: 2018, value: 5600, source: revised, first_release: {value: 5200, source: first}}
      - {year: 2019, value: 5700, first_release: {value: 5700}}
"""
    found = problems(text)
    assert found == ["c.yaml:10: goal 'homelessness': the first release of 2019 equals the revised figure 5700; "
                     "leave first_release out"]
    good = parse_catalogue(text.replace(", first_release: {value: 5700}", ""), "c.yaml")
    seed = good.goals[0].measurements[0]
    assert (seed.value, seed.source, seed.first_value, seed.first_source) == (5600, "revised", 5200, "first")


def test_short_titles_are_optional_and_never_longer_than_the_title():
    text = GOOD_GOAL.replace("title: {en: Homeless persons, da: Hjemløse}",
                             "title: {en: Homeless persons, da: Hjemløse personer, short_en: Homeless, short_da: Hjemløse}")
    goal = parse_catalogue(text, "c.yaml").goals[0]
    assert (goal.short_en, goal.short_da) == ("Homeless", "Hjemløse")
    assert parse_catalogue(GOOD_GOAL, "c.yaml").goals[0].short_en is None
    english_only = parse_catalogue(GOOD_GOAL.replace("da: Hjemløse", "short_en: Homeless"), "c.yaml").goals[0]
    assert (english_only.title_da, english_only.short_da) == ("Homeless persons", "Homeless")
    found = problems(GOOD_GOAL.replace("da: Hjemløse}", "da: Hjemløse, short_da: Hjemløse i Danmark, short_en: 7}"))
    assert found == ["c.yaml:3: goal 'homelessness': short English title must be a non-empty text, not 7",
                     "c.yaml:3: goal 'homelessness': the short Danish title 'Hjemløse i Danmark' is longer than "
                     "the title"]
    found = problems(GOOD_GOAL.replace("da: Hjemløse}", "da: Hjemløse, short: H}"))
    assert found == ["c.yaml:3: unknown key 'short' in the title of goal 'homelessness' "
                     "(allowed: da, en, short_da, short_en)"]


def test_every_shipped_goal_has_short_titles_in_both_languages():
    for goal in load_catalogue(ROOT / "goals.yaml").goals:
        assert goal.short_en and goal.short_da, goal.id
        assert len(goal.short_en) <= 30 and len(goal.short_da) <= 38, goal.id
