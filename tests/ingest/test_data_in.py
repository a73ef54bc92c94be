"""Issue 9, figures by hand: scopes by name or code, sources on revisions, plausibility, delete with
history, and SQLite paths that must exist."""

from __future__ import annotations

import datetime

import pytest

from goaltrack.domain import plausible
from goaltrack.domain.scopes import ScopeNames
from goaltrack.errors import GoaltrackError
from tests.conftest import dump


@pytest.fixture
def ready(run, db_path):
    run("goals")
    return db_path


NAMES = ScopeNames([("DK", "Danmark"), ("101", "København"), ("169", "Høje-Taastrup"), ("400", "Bornholm"),
                    ("1084", "Region Hovedstaden"), ("820", "Vesthimmerlands")])


@pytest.mark.parametrize(("written", "code"), [
    ("København", "101"), ("københavn", "101"), ("KØBENHAVN", "101"), ("Københavns Kommune", "101"),
    ("København Kommune", "101"), ("101", "101"), ("0101", "101"), (" 101 ", "101"),
    ("Høje-Taastrup", "169"), ("høje-taastrup kommune", "169"), ("Bornholms Regionskommune", "400"),
    ("Region Hovedstaden", "1084"), ("Hovedstaden", "1084"), ("region hovedstaden", "1084"),
    ("Hele landet", "DK"), ("Danmark", "DK"), ("dk", "DK"), ("Vesthimmerlands Kommune", "820"),
    # StatBank's codes: 000 all of Denmark, 084 Region Hovedstaden, labels "101 København"
    ("000", "DK"), ("084", "1084"), ("101 København", "101"), ("0101 Københavns Kommune", "101"),
    ("1084 Region Hovedstaden", "1084"), ("101 Ukendt", "101"),
])
def test_scope_names_and_codes(written, code):
    assert NAMES.resolve(written) == code


@pytest.mark.parametrize("written", ["101 Høje-Taastrup", "085", "169 København"])
def test_a_code_and_a_name_that_disagree_or_an_unknown_region_code_are_unknown(written):
    """A label whose code and name name two scopes is refused, not guessed; 085 is Region Sjælland,
    which this list does not hold."""
    with pytest.raises(GoaltrackError, match="unknown scope"):
        NAMES.resolve(written)


def test_unknown_scope_suggests_the_closest():
    assert NAMES.unknown("Kobenhavn") == "unknown scope 'Kobenhavn' (did you mean 'København' (101)?)"
    assert NAMES.find("Atlantis") is None and NAMES.find("") is None


def test_every_command_takes_a_scope_by_name(run, ready, tmp_path):
    run("record", "homelessness", "1400", "--year", "2011", "--scope", "Københavns Kommune", "--source", "KK")
    run("record", "homelessness", "1500", "--year", "2013", "--scope", "0101", "--source", "KK")
    status = run.json("status", "homelessness", "--scope", "københavn", "--format", "json")
    assert status["scope"] == "101" and status["goals"][0]["latest"]["value"] == 1500
    assert [r["value"] for r in run.json("history", "homelessness", "--scope", "København", "--format", "json")] \
        == [1400, 1500]
    assert run("export", "--scope", "KØBENHAVN").stdout.count("\n") == 3  # header and two figures
    out = run("chart", "homelessness", "--scope", "København", "--out", str(tmp_path / "c"))
    assert out.stdout.strip().endswith("homelessness.png")
    assert "DK" in run.json("status", "--scope", "Hele landet", "--format", "json")["scope"]


def test_replace_needs_a_source_and_a_new_source_is_kept_with_the_old_in_history(run, ready):
    before = dump(ready)
    refused = run.fails("record", "homelessness", "5900", "--year", "2013", "--replace")
    assert "a revised figure needs its source: homelessness DK 2013 5820 → 5900; add --source TEXT" in refused.stderr
    assert dump(ready) == before
    out = run("record", "homelessness", "5820", "--year", "2013", "--source", "SFI, Hjemløshed i Danmark 2013")
    assert "Recorded a new release of homelessness DK 2013" in out.stderr
    rows = [(r["value"], r["source"], r["current"]) for r in run.json("history", "homelessness", "--format", "json")
            if r["year"] == 2013]
    assert rows == [(5820, "SFI national count 2013, quoted in Socialpædagogerne's input (2013)", False),
                    (5820, "SFI, Hjemløshed i Danmark 2013", True)]
    again = run("record", "homelessness", "5820", "--year", "2013", "--source", "SFI, Hjemløshed i Danmark 2013")
    assert "Unchanged" in again.stderr


def test_a_fraction_for_a_percent_is_caught_and_force_records_it(run, ready):
    run("record", "placement-breakdown", "5.5", "--year", "2012", "--source", "A")
    before = dump(ready)
    refused = run.fails("record", "placement-breakdown", "0.047", "--year", "2013")
    assert refused.stderr == ("Error: placement-breakdown DK 2013: 0.047 is far out of line with the figures "
                              "beside it (5.7 in 2011, 5.5 in 2012); check the figure, or use --force to record "
                              "it anyway\n")
    assert dump(ready) == before
    run.fails("record", "placement-breakdown", "47", "--year", "2013")  # ten times its neighbours
    run("record", "placement-breakdown", "4.7", "--year", "2013")  # in line
    run("record", "placement-breakdown", "0.047", "--year", "2014", "--force")
    assert run.json("history", "placement-breakdown", "--format", "json")[-1]["value"] == 0.047
    # a correction is checked like a new figure; a new source for the same figure is not checked again
    before = dump(ready)
    refused = run.fails("record", "placement-breakdown", "47", "--year", "2013", "--replace", "--source", "B")
    assert refused.stderr == ("Error: placement-breakdown DK 2013: 47 is far out of line with the figures beside it "
                              "(5.7 in 2011, 5.5 in 2012, 0.047 in 2014); check the figure, or use --force to "
                              "record it anyway\n")
    assert dump(ready) == before
    run("record", "placement-breakdown", "0.047", "--year", "2014", "--replace", "--source", "C")
    assert [(r["value"], r["source"]) for r in run.json("history", "placement-breakdown", "--format", "json")
            if r["year"] == 2014 and r["current"]] == [(0.047, "C")]


def test_small_counts_swing_by_nature(run, ready):
    run("record", "drug-deaths", "1", "--year", "2015", "--scope", "Læsø")
    run("record", "drug-deaths", "6", "--year", "2016", "--scope", "Læsø")  # 1 → 6: let through
    run("record", "drug-deaths", "0", "--year", "2017", "--scope", "Læsø")  # 6 → 0: let through
    refused = run.fails("record", "drug-deaths", "60", "--year", "2018", "--scope", "Læsø")
    assert "60 is far out of line with the figures beside it (6 in 2016, 0 in 2017)" in refused.stderr


@pytest.mark.parametrize(("value", "near", "whole", "out"), [
    (0.047, [5.7, 5.5], False, True), (47, [4.7, 5.5], False, True), (4.7, [5.7, 5.5], False, False),
    (1.2, [5.7], False, False),  # a fifth and a bit: in line
    (1.1, [5.5], False, True),  # exactly a fifth: out
    (6, [1], True, False), (15, [1], True, False), (16, [1], True, True),  # 10 + 4·√1 = 14 apart at most
    (2850, [285, 210], True, True), (28, [285, 210], True, True), (150, [285, 210], True, False),
    (0, [0, 0], True, False), (0, [3.0], False, True), (-3, [4.0], False, False),
])
def test_plausibility_rule_by_hand(value, near, whole, out):
    figures = [(2000 + i, v) for i, v in enumerate(near)]
    assert (plausible.check(value, 2010, figures, whole) is not None) is out


def test_neighbours_are_two_each_side_by_year():
    figures = [(y, float(y)) for y in (2001, 2003, 2005, 2007, 2009, 2011)]
    assert plausible.neighbours(2006, figures) == [(2003, 2003.0), (2005, 2005.0), (2007, 2007.0), (2009, 2009.0)]


def test_delete_keeps_the_figure_in_history_marked_deleted(run, ready):
    run("record", "placement-breakdown", "47", "--year", "2015", "--force", "--source", "typo")
    before = dump(ready)
    run.fails("delete", "placement-breakdown", "--year", "2016")
    assert dump(ready) == before
    out = run("delete", "placement-breakdown", "--year", "2015", "--note", "typed 47 for 4.7")
    assert out.stderr == "Deleted placement-breakdown DK 2015: 47 % (it stays in the history, marked deleted).\n"
    assert run.json("status", "placement-breakdown", "--format", "json")["goals"][0]["latest"]["year"] == 2011
    rows = run.json("history", "placement-breakdown", "--format", "json")
    assert [(r["value"], r["current"], r["deleted"], r["reason"], r["source"]) for r in rows] == \
        [(47, False, True, "typed 47 for 4.7", "typo")]
    assert rows[0]["replaced_at"] is not None
    assert "deleted" in run("history", "placement-breakdown").stdout
    run("record", "placement-breakdown", "4.7", "--year", "2015")
    rows = run.json("history", "placement-breakdown", "--format", "json")
    assert [(r["value"], r["current"], r["replaces"]) for r in rows] == [(47, False, None), (4.7, True, None)]
    exported = run("export", "placement-breakdown", "--history").stdout.splitlines()
    today = datetime.date.today().isoformat()
    # the record: the figure, its deletion (the reason its note), the figure recorded again
    assert [line.rsplit(",", 1)[0] for line in exported[1:4]] == [
        f"placement-breakdown,DK,2015,47,typo,,{today},,replaced",
        f"placement-breakdown,DK,2015,47,typo,typed 47 for 4.7,{today},,deleted",
        f"placement-breakdown,DK,2015,4.7,,,{today},,current"]


def test_a_mistyped_sqlite_path_creates_nothing(run, tmp_path):
    result = run.fails("--db", f"sqlite:///{tmp_path}/typo/goals.db", "status")
    assert "the folder" in result.stderr and "does not exist" in result.stderr
    assert not (tmp_path / "typo").exists()


def test_the_importer_judges_as_record_does():
    """The importer's column-wise pre-selection never lets through a figure the rule refuses."""
    import random

    from goaltrack.ingest import load
    from goaltrack.ingest.checks import RowChecker
    from goaltrack.ingest.load import Loader

    rng = random.Random(7)
    for _ in range(300):
        whole = rng.random() < 0.5
        years = sorted(rng.sample(range(2000, 2020), rng.randint(1, 6)))
        values = [float(rng.choice([0, 1, 2, 5, 6, 20, 50, 300, 0.05, 4.7])) for _ in years]
        expected = [plausible.check(v, y, list(zip(years, values, strict=True)), whole) is not None
                    for y, v in zip(years, values, strict=True)]
        checker = RowChecker({"g": "count" if whole else "years"}, None, None, "DK")
        writer = Loader.__new__(Loader)
        writer.checker, writer.existing = checker, {}
        writer.goal_number, writer.scope_number = {}, {}
        import numpy as np

        keys = writer._keys(["g"] * len(years), ["DK"] * len(years), years)
        writer.keys, writer.values = [keys], [np.array(values)]
        writer.line_of = [np.arange(2, 2 + len(years))]
        writer.plausibility({}, {"g": whole}, {"g": "DK"})
        assert sorted(p.line for p in checker.problems) == [2 + i for i, bad in enumerate(expected) if bad], \
            (years, values, whole)
    assert load  # the module under test
