"""Store paths that mutation testing found unguarded: deleting a municipality's figure by the
scope's name with a note of several lines, and a region's sum taking its own municipalities only."""

from __future__ import annotations

import os

from goaltrack.storage import store
from goaltrack.storage.database import open_database
from tests.domain.test_regions import NORTH, north  # noqa: F401  (a fixture: Nordjylland's 11 municipalities)


def test_delete_by_scope_name_with_a_note_of_two_lines(run):
    run("record", "homelessness", "712", "--year", "2019", "--scope", "101", "--source", "count 2019")
    engine = open_database(os.environ["GOALTRACK_DATABASE_URL"])
    done = store.delete(engine, "homelessness", 2019, "København", "typed 712 for 721\n\tsee the count")
    assert (done.outcome, done.entry.scope, done.entry.value, done.replaced) == \
        ("deleted", "101", 712, 712)
    rows = run.json("history", "homelessness", "--scope", "101", "--format", "json")
    assert [(r["value"], r["current"], r["deleted"], r["reason"]) for r in rows] == \
        [(712, False, True, "typed 712 for 721\n\tsee the count")]
    # the nation's figure is untouched
    assert run.json("status", "homelessness", "--format", "json")["goals"][0]["latest"]["value"] == 5820


def test_a_regions_sum_counts_its_own_municipalities_only(north):  # noqa: F811
    # a 2019 figure in København (Region Hovedstaden) and one for the nation: neither is Nordjylland's
    north("record", "homelessness", "700", "--year", "2019", "--scope", "101")
    north("record", "homelessness", "6431", "--year", "2019")
    g = north.json("status", "homelessness", "--scope", "1081", "--format", "json")["goals"][0]
    assert g["latest"] == {"year": 2019, "value": 660, "source": None, "flag": None, "derived": "sum of 11 municipalities"}
    assert g["baseline"]["value"] == 1320


def test_the_catalogue_name_is_the_shipped_sets_and_another_set_leaves_it(run, tmp_path):
    from tests.storage.test_sets import AARHUS

    run("goals")
    engine = open_database(os.environ["GOALTRACK_DATABASE_URL"])
    assert store.catalogue_name(engine) == "Sociale 2020-mål (Alle skal med, 2013)"
    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    run("catalogue", "sync", str(path))
    assert store.catalogue_name(engine) == "Sociale 2020-mål (Alle skal med, 2013)"


def test_a_regions_sum_as_of_a_year_leaves_out_later_years(north):  # noqa: F811
    """As of 2018 the 2019 counts are in the future: the region's latest sum is 2011's 1,320, not 2019's 660."""
    g = north.json("status", "homelessness", "--scope", "1081", "--as-of", "2018", "--format", "json")["goals"][0]
    assert (g["latest"]["year"], g["latest"]["value"]) == (2011, 1320)


def test_scopes_and_sets_in_the_same_place_are_listed_by_code(run):
    """Two scopes can share a position (a later catalogue puts one where another set's scope already
    stands), and two sets synced at once: the code decides, not the order they were written in."""
    from sqlmodel import Session

    from goaltrack.storage.models import GoalSet, Scope

    run("goals")
    engine = open_database(os.environ["GOALTRACK_DATABASE_URL"])
    with Session(engine) as session:
        session.add(Scope(code="Z9", name="Zed", position=-1))
        session.add(Scope(code="A9", name="Ay", position=-1))
        session.add(GoalSet(id="zz-2030", name="Zed", position=5))
        session.add(GoalSet(id="aa-2030", name="Ay", position=5))
        session.commit()
    assert [s.code for s in store.list_scopes(engine)][:3] == ["A9", "Z9", "DK"]
    assert [s.id for s in store.list_sets(engine)] == ["dk-2020", "aa-2030", "zz-2030"]
