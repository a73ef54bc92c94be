"""The store: what record, history and the figure queries keep and return, value by value."""

from __future__ import annotations

import datetime

import pytest

from goaltrack.catalogue import parse_catalogue
from goaltrack.domain.progress import Point
from goaltrack.errors import GoaltrackError
from goaltrack.storage import database as db
from goaltrack.storage import store

THIS_YEAR = datetime.date.today().year


@pytest.fixture
def engine(tmp_path, template_databases):
    """A new database with the seed catalogue loaded (the session's copy of one; test_bootstrap-like
    tests of the load itself are in tests/cli/test_app.py)."""
    template_databases.copy_to(tmp_path / "store.db", "seed")
    engine = db.open_database(f"sqlite:///{tmp_path / 'store.db'}")
    assert store.ensure_catalogue(engine) is None  # loaded already
    return engine


def rows(engine, goal="drug-deaths", year=2015, scope=None):
    return [(r.scope, r.year, r.value, r.source, r.note, r.replaced_at is None, r.replaces)
            for r in store.history(engine, goal, scope) if year is None or r.year == year]


def test_the_same_figure_again_changes_nothing(engine):
    first = store.record(engine, "drug-deaths", 250, 2015, source="DST", note="first")
    assert (first.outcome, first.entry.value, first.unit, first.replaced) == ("recorded", 250, "persons", None)
    for replace in (False, True):  # with --replace too: the identical figure is no correction
        again = store.record(engine, "drug-deaths", 250, 2015, source="DST", note="first", replace=replace)
        assert (again.outcome, again.entry.value, again.replaced) == ("unchanged", 250, None)
        again = store.record(engine, "drug-deaths", 250, 2015, replace=replace)  # no source given: the same
        assert again.outcome == "unchanged"
    assert rows(engine) == [("DK", 2015, 250, "DST", "first", True, None)]


def test_the_same_value_with_a_new_source(engine):
    store.record(engine, "drug-deaths", 250, 2015, source="DST 2016")
    # The same figure with a new source takes the source; the old row is kept in the history.
    result = store.record(engine, "drug-deaths", 250, 2015, source="DST 2017")
    assert (result.outcome, result.replaced, result.entry.source) == ("resourced", 250, "DST 2017")
    assert rows(engine) == [("DK", 2015, 250, "DST 2016", None, False, None),
                            ("DK", 2015, 250, "DST 2017", None, True, 250)]
    assert store.record(engine, "drug-deaths", 250, 2015, source="DST 2017").outcome == "unchanged"
    # A new note alone, with --replace, is a correction.
    assert store.record(engine, "drug-deaths", 250, 2015, source="DST 2017", note="checked",
                        replace=True).outcome == "replaced"


def test_a_correction_keeps_the_old_figure_and_says_what_it_replaced(engine):
    store.record(engine, "homelessness", 6431, 2019, source="first release")
    with pytest.raises(GoaltrackError, match="already has 6431 for DK 2019 \\(source: first release\\); "
                                             "use --replace with --source to correct it to 6500"):
        store.record(engine, "homelessness", 6500, 2019)
    with pytest.raises(GoaltrackError, match="a revised figure needs its source"):
        store.record(engine, "homelessness", 6500, 2019, replace=True, note="revised")
    result = store.record(engine, "homelessness", 6500, 2019, source="revision", replace=True, note="revised")
    assert (result.outcome, result.replaced, result.entry.value) == ("replaced", 6431, 6500)
    assert result.entry.source == "revision" and result.entry.note == "revised"
    store.record(engine, "homelessness", 6600, 2019, source="second revision", replace=True)
    assert rows(engine, "homelessness", 2019) == [
        ("DK", 2019, 6431, "first release", None, False, None),
        ("DK", 2019, 6500, "revision", "revised", False, 6431),
        ("DK", 2019, 6600, "second revision", None, True, 6500),
    ]
    assert store.current_measurements(engine, ["homelessness"])["homelessness"][-1] == \
        Point(2019, 6600, "second revision")


def test_a_correction_without_a_source_names_none(engine):
    store.record(engine, "homelessness", 6431, 2019)
    with pytest.raises(GoaltrackError) as caught:
        store.record(engine, "homelessness", 6500, 2019)
    assert caught.value.message == ("homelessness already has 6431 for DK 2019; "
                                    "use --replace with --source to correct it to 6500")


@pytest.mark.parametrize(("year", "ok"), [(1899, False), (1900, True), (THIS_YEAR, True), (THIS_YEAR + 1, False)])
def test_years_from_1900_to_this_year(engine, year, ok):
    if ok:
        assert store.record(engine, "drug-deaths", 1, year, force=True).outcome == "recorded"
    else:
        with pytest.raises(GoaltrackError, match=f"year {year} is outside 1900..{THIS_YEAR}"):
            store.record(engine, "drug-deaths", 1, year)


def test_refusals_name_the_goal_scope_and_value(engine):
    with pytest.raises(GoaltrackError, match="unknown goal 'drug-death' \\(did you mean 'drug-deaths'\\?\\)"):
        store.record(engine, "drug-death", 1, 2015)
    with pytest.raises(GoaltrackError, match="unknown goal 'zzz' \\(see goaltrack goals\\)"):
        store.record(engine, "zzz", 1, 2015)
    with pytest.raises(GoaltrackError, match="unknown scope 'XX'"):
        store.record(engine, "drug-deaths", 1, 2015, scope="XX")
    with pytest.raises(GoaltrackError, match="^drug-deaths: -1 is below 0"):
        store.record(engine, "drug-deaths", -1, 2015)
    assert store.record(engine, "drug-deaths", 0, 2015, force=True).outcome == "recorded"  # a real zero
    assert store.history(engine, "drug-deaths")[-1].value == 0


def test_history_order_and_what_each_figure_replaced(engine):
    store.record(engine, "homelessness", 1700, 2017, scope="101")
    store.record(engine, "homelessness", 1400, 2011, scope="101")
    store.record(engine, "homelessness", 450, 2017, scope="751")
    store.record(engine, "homelessness", 1750, 2017, scope="101", replace=True, source="KK revised")
    store.record(engine, "homelessness", 6431, 2019)
    got = [(r.scope, r.year, r.value, r.replaced_at is None, r.replaces) for r in store.history(engine, "homelessness")]
    assert got == [("DK", 2013, 5820, True, None), ("DK", 2019, 6431, True, None),  # the nation first
                   ("101", 2011, 1400, True, None), ("101", 2017, 1700, False, None),
                   ("101", 2017, 1750, True, 1700), ("751", 2017, 450, True, None)]
    assert [r.value for r in store.history(engine, "homelessness", scope="751")] == [450]
    with pytest.raises(GoaltrackError, match="unknown goal"):
        store.history(engine, "nope")


def test_figure_queries_stop_at_the_year_asked(engine):
    for year, value in ((2011, 1400), (2015, 1500), (2017, 1700)):
        store.record(engine, "homelessness", value, year, scope="101", source=f"KK {year}")
    current = store.current_measurements(engine, ["homelessness", "drug-deaths"], "101", up_to=2015)
    assert current == {"homelessness": [Point(2011, 1400, "KK 2011"), Point(2015, 1500, "KK 2015")],
                       "drug-deaths": []}
    assert store.current_measurements(engine, []) == {}
    by_scope = store.figures_by_scope(engine, "homelessness", up_to=2015)
    assert list(by_scope) == ["101", "DK"]
    assert by_scope["101"] == [Point(2011, 1400, "KK 2011"), Point(2015, 1500, "KK 2015")]
    assert by_scope["DK"] == [Point(2013, 5820, by_scope["DK"][0].source)]
    assert [p.year for p in store.figures_by_scope(engine, "homelessness")["101"]] == [2011, 2015, 2017]


def test_goals_in_the_order_asked(engine):
    assert [g.id for g in store.get_goals(engine, ["drug-deaths", "homelessness", "drug-deaths"])] == [
        "drug-deaths", "homelessness"]
    ids = [g.id for g in store.list_goals(engine)]
    assert ids[:3] == ["youth-education", "school-reading", "school-maths"] and len(ids) == 16
    assert store.get_scope(engine, "101").name == "København"
    with pytest.raises(GoaltrackError, match="unknown scope 'XX'"):
        store.get_scope(engine, "XX")


CATALOGUE = """\
goals:
  - id: a-goal
    title: {en: A goal, da: Et mål}
    unit: count
    direction: decrease
    baseline: {year: 2011, value: 100}
    target: {year: 2020, value: 80}
    measurements:
      - {year: 2012, value: 95}
      - {year: 2013, value: 90, scope: DK}
  - id: b-goal
    title: B goal
    unit: percent
    direction: increase
"""


def test_sync_adds_updates_archives_removes_and_restores(tmp_path):
    engine = db.open_database(f"sqlite:///{tmp_path / 'sync.db'}")
    first = store.sync_catalogue(engine, parse_catalogue(CATALOGUE, "one.yaml"))
    assert (first.added, first.updated, first.removed, first.measurements_added) == (["a-goal", "b-goal"], [], [], 2)
    assert store.sync_catalogue(engine, parse_catalogue(CATALOGUE, "one.yaml"), first_load=True) is None
    store.record(engine, "a-goal", 70, 2014)
    changed = CATALOGUE.replace("title: B goal", "title: B goal, renamed").replace("value: 80", "value: 75")
    second = store.sync_catalogue(engine, parse_catalogue(changed, "two.yaml"))
    assert (second.added, second.updated, second.measurements_added) == ([], ["a-goal", "b-goal"], 0)
    assert store.get_goals(engine, ["a-goal"])[0].target_value == 75
    only_b = "goals:\n" + changed.split("  - id: b-goal\n")[1].join(["  - id: b-goal\n", ""])
    with pytest.raises(GoaltrackError, match="leaves out 1 goal\\(s\\) that have measurements: a-goal"):
        store.sync_catalogue(engine, parse_catalogue(only_b, "three.yaml"))
    third = store.sync_catalogue(engine, parse_catalogue(only_b, "three.yaml"), archive=True)
    assert (third.archived, third.removed, third.updated) == (["a-goal"], [], [])
    assert [g.id for g in store.list_goals(engine)] == ["b-goal"]
    assert [g.id for g in store.list_goals(engine, include_archived=True)] == ["b-goal", "a-goal"]
    with pytest.raises(GoaltrackError, match="goal 'a-goal' is archived"):
        store.record(engine, "a-goal", 60, 2015)
    back = store.sync_catalogue(engine, parse_catalogue(changed, "two.yaml"))
    assert (back.restored, back.updated, back.added) == (["a-goal"], [], [])
    assert [p.value for p in store.current_measurements(engine, ["a-goal"])["a-goal"]] == [95, 90, 70]
    without_b = CATALOGUE.split("  - id: b-goal")[0]
    assert store.sync_catalogue(engine, parse_catalogue(without_b, "four.yaml")).removed == ["b-goal"]


def test_the_first_figure_of_a_year_replaced_nothing(engine):
    """With one scope and one year only, the first figure still replaced nothing."""
    store.record(engine, "shelter-return", 25, 2018, source="first")
    store.record(engine, "shelter-return", 23, 2018, source="second", replace=True)
    assert rows(engine, "shelter-return", 2018) == [("DK", 2018, 25, "first", None, False, None),
                                                    ("DK", 2018, 23, "second", None, True, 25)]


def test_a_new_source_keeps_the_note_unless_a_new_one_is_given(engine):
    """Re-sourcing a figure (same value, new source) keeps its note, or takes the new note given; the
    same figure again is unchanged, and says its unit (the CLI formats the value by it)."""
    first = store.record(engine, "drug-deaths", 250, 2015, source="A", note="first note")
    assert (first.outcome, first.unit) == ("recorded", "persons")
    again = store.record(engine, "drug-deaths", 250, 2015, source="B")
    assert (again.outcome, again.entry.source, again.entry.note) == ("resourced", "B", "first note")
    retold = store.record(engine, "drug-deaths", 250, 2015, source="C", note="second note")
    assert (retold.outcome, retold.entry.source, retold.entry.note) == ("resourced", "C", "second note")
    same = store.record(engine, "drug-deaths", 250, 2015)
    assert (same.outcome, same.unit, same.entry.note) == ("unchanged", "persons", "second note")
    assert rows(engine) == [("DK", 2015, 250, "A", "first note", False, None),  # each source kept
                            ("DK", 2015, 250, "B", "first note", False, 250),
                            ("DK", 2015, 250, "C", "second note", True, 250)]
