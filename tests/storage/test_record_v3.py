"""Method v3 with figures worked by hand: vintages, a verdict that a revision changes, a provisional
basis, series breaks with and without a bridged baseline, and the record's round trip."""

from __future__ import annotations

import csv
import io
import json
from contextlib import ExitStack

import pytest

from tests.conftest import Runner, dump, postgres_database


def latest_by_year(run, goal: str, *args: str) -> dict[int, float]:
    return {r["year"]: r["value"] for r in run.json("history", goal, "--format", "json", *args) if r["current"]}


@pytest.mark.shipped
def test_the_drug_death_revisions_seen_before_and_after_them(run):
    """goals.yaml: 2018 first released as 252 (2019-12-31), revised to 256 (2020-12-31); 2019 first
    265 (2020-12-31), revised to 268 (2021-12-31); 2020: 256 (2021-12-31)."""
    before = latest_by_year(run, "drug-deaths", "--known-at", "2020-06-30")
    assert (before[2018], 2019 in before) == (252, False)
    middle = latest_by_year(run, "drug-deaths", "--known-at", "2021-06-30")
    assert (middle[2018], middle[2019], 2020 in middle) == (256, 265, False)
    after = latest_by_year(run, "drug-deaths", "--known-at", "2022-06-30")
    assert (after[2018], after[2019], after[2020]) == (256, 268, 256)
    assert latest_by_year(run, "drug-deaths")[2019] == 268  # today's record
    # status as known then: the verdict's basis is what was known, and JSON says when
    then = run.json("status", "drug-deaths", "--known-at", "2021-06-30", "--format", "json")
    g = then["goals"][0]
    assert then["known_at"] == "2021-06-30"
    assert (g["verdict"], g["verdict_basis"]["year"], g["verdict_basis"]["value"]) == ("missed", 2019, 265)
    assert g["latest"]["value"] == 265
    now = run.json("status", "drug-deaths", "--format", "json")
    assert now["known_at"] is None and now["goals"][0]["verdict_basis"]["value"] == 256  # 2020's figure
    table = run("status", "drug-deaths", "--known-at", "2021-06-30").stdout
    assert "as known at 2021-06-30" in table
    bad = run("status", "--known-at", "2021-02-30", ok=False)  # no such day: a usage error, as click's
    assert bad.exit_code == 2 and "'--known-at': '2021-02-30' is not a date (YYYY-MM-DD)" in bad.stderr
    future = run("status", "--known-at", "2999-01-01", ok=False)
    assert future.exit_code == 2 and "is in the future" in future.stderr


def test_a_verdict_a_revision_changes_and_what_changed_it(run):
    """Drug deaths ≤ 200 by 2020: 199 first (met), revised to 203 a year later (missed)."""
    run("record", "drug-deaths", "199", "--year", "2020", "--published", "2021-03-15", "--source", "SST first",
        "--force")
    run("record", "drug-deaths", "203", "--year", "2020", "--published", "2022-03-15", "--source", "SST revised",
        "--replace")
    early = run.json("status", "drug-deaths", "--known-at", "2021-12-31", "--format", "json")["goals"][0]
    late = run.json("status", "drug-deaths", "--known-at", "2022-03-15", "--format", "json")["goals"][0]
    assert (early["verdict"], early["verdict_basis"]["value"], early["achieved"]) == ("met", 199, True)
    assert (late["verdict"], late["verdict_basis"]["value"], late["distance"]) == ("missed", 203, 3)
    assert run.json("status", "drug-deaths", "--known-at", "2021-03-14", "--format", "json")["goals"][0][
        "verdict_basis"] is None  # nothing for 2017-2020 known yet: the 2012 figure is too old
    found = run.json("changes", "--since", "2021-12-31", "--until", "2022-06-30", "--format", "json")
    assert [(g["id"], g["changed"]) for g in found["goals"]] == [("drug-deaths", ["verdict", "category", "latest"])]
    (entry,) = found["goals"][0]["entries"]
    assert (entry["year"], entry["replaced"], entry["value"], entry["published"], entry["source"]) == (
        2020, 199, 203, "2022-03-15", "SST revised")
    assert found["goals"][0]["before"]["verdict"] == "met" and found["goals"][0]["after"]["verdict"] == "missed"
    text = run("changes", "--since", "2021-12-31", "--until", "2022-06-30").stdout
    assert "2020: 199 → 203, 2022-03-15" in text
    quiet = run("changes", "--since", "2022-06-30", "--until", "2023-06-30")
    assert quiet.stdout == "" and "No goal's verdict, category or latest figure changed" in quiet.stderr
    backwards = run("changes", "--since", "2022-01-01", "--until", "2021-01-01", ok=False)
    assert backwards.exit_code == 2 and "2021-01-01 is before --since 2022-01-01" in backwards.stderr


def test_a_provisional_basis_says_so_everywhere(run, tmp_path):
    run("record", "drug-deaths", "256", "--year", "2020", "--flag", "P", "--published", "2021-09-14",
        "--source", "SST", "--force")
    g = run.json("status", "drug-deaths", "--format", "json")["goals"][0]
    assert (g["verdict"], g["verdict_provisional"]) == ("missed", True)
    assert g["verdict_basis"] == {"year": 2020, "value": 256, "source": "SST", "flag": "P"}
    table = run("status", "drug-deaths", "--wide").stdout
    assert "missed, provisional · 256 (2020) P" in table and "P provisional" in table
    assert "ikke nået, foreløbigt · 256 (2020) P" in run("status", "drug-deaths", "--wide", "--lang", "da").stdout
    row = next(csv.DictReader(io.StringIO(run("status", "drug-deaths", "--format", "csv").stdout)))
    assert (row["verdict_provisional"], row["verdict_basis_flag"]) == ("true", "P")
    run("report", "--out", str(tmp_path / "report"), "--set", "dk-2020")
    report = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert "missed, provisional; 256 in 2020 (provisional) against the target of 200 by 2020" in report
    assert "\nP provisional" in report
    # the final figure, the same value, published later, its flag cleared: no longer provisional
    run("record", "drug-deaths", "256", "--year", "2020", "--published", "2022-09-14", "--source", "SST final",
        "--flag", "none")
    g = run.json("status", "drug-deaths", "--format", "json")["goals"][0]
    assert (g["verdict_provisional"], g["verdict_basis"]["flag"], g["verdict_basis"]["source"]) == (
        False, None, "SST final")
    assert run.json("status", "drug-deaths", "--known-at", "2022-01-01", "--format", "json")["goals"][0][
        "verdict_provisional"] is True
    assert "flag 'X' is not one of P" in run.fails("record", "drug-deaths", "1", "--year", "2019",
                                                   "--flag", "X").stderr


BREAK_CATALOGUE = """\
id: breaks
name: Series breaks
goals:
  - id: placements
    indicator: placement-breakdown-series
    title: Placements that break down
    unit: percent
    direction: decrease
    baseline: {year: 2011, value: 5.7}
    target: {year: 2020, value: 4}
    measurements:
      - {year: 2013, value: 4.7}
      - {year: 2019, value: 5.2, flag: B, published: 2020-11-01}
      - {year: 2020, value: 5.0, published: 2021-11-01}
"""


def test_a_series_break_without_and_with_a_bridged_baseline(run, tmp_path):
    """Baseline 5.7 (2011), target 4 (2020); 4.7 in 2013, then a new series from 2019: 5.2, 5.0 (2020)."""
    path = tmp_path / "breaks.yaml"
    path.write_text(BREAK_CATALOGUE, encoding="utf-8")
    run("catalogue", "sync", str(path))
    g = run.json("status", "breaks/placements", "--format", "json", "--as-of", "2020")["goals"][0]
    # across the break without a bridge: no movement figures; distance and verdict still given
    assert (g["series_break"], g["bridged_baseline"]) == (2019, None)
    assert g["progress_pct"] is None and g["required"] is None and g["years_ahead"] is None
    assert g["growth_ratio"] is None and g["projection"] is None and g["on_path"] is None
    assert (g["category"], g["distance"]) == ("insufficient_data", 1)
    assert g["latest"] == {"year": 2020, "value": 5, "source": None, "flag": None}
    assert (g["verdict"], g["verdict_basis_across_break"]) == (None, None)  # as of 2020: no verdict yet
    after = run.json("status", "breaks/placements", "--format", "json")["goals"][0]
    assert (after["verdict"], after["verdict_basis_across_break"]) == ("missed", 2019)
    table = run("status", "--set", "breaks", "--wide").stdout
    assert "missed · 5 % (2020) across the 2019 break" in table
    assert "series break in 2019; progress, path, trend and projection not computed across it" in table
    # before the break the series is one: 4.7 in 2013 against 5.7 → 4
    early = run.json("status", "breaks/placements", "--format", "json", "--as-of", "2018")["goals"][0]
    assert early["series_break"] is None and early["progress_pct"] == pytest.approx(100 * 1.0 / 1.7)
    # bridged: the 2011 baseline is 5.1 in the new series
    path.write_text(BREAK_CATALOGUE.replace("    measurements:", "    breaks: [{year: 2019, baseline: 5.1}]\n"
                                                                "    measurements:"), encoding="utf-8")
    run("catalogue", "sync", str(path))
    b = run.json("status", "breaks/placements", "--format", "json", "--as-of", "2020")["goals"][0]
    assert (b["series_break"], b["bridged_baseline"]) == (2019, 5.1)
    assert b["progress_pct"] == pytest.approx(100 * (5.0 - 5.1) / (4 - 5.1))  # 9.09 %
    assert b["distance_share"] == pytest.approx(1.0 / 1.1)
    assert b["required"] == pytest.approx(4.0) and b["on_path"] is False
    # the projection through (2011, 5.1), (2019, 5.2), (2020, 5.0): slope -0.1 / 48.667 per year
    assert b["projection"]["value"] == pytest.approx(5.1 - 0.1 / (146 / 3) * (10 / 3))
    assert b["baseline"] == {"year": 2011, "value": 5.7}  # the catalogue's, as published
    assert "series break in 2019; progress measured from the baseline bridged" in run(
        "status", "--set", "breaks", "--wide", "--as-of", "2020").stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text(BREAK_CATALOGUE.replace("    measurements:", "    breaks: [{year: 2019}]\n    measurements:"))
    assert "'baseline'" in run.fails("catalogue", "check", str(bad)).stderr


BRIDGED = BREAK_CATALOGUE.replace("    measurements:", "    breaks: [{year: 2019, baseline: 5.1}]\n    measurements:")


def judged_with_breaks(run, tmp_path, catalogue: str, as_of: int):
    """The break catalogue synced (``catalogue``: BREAK_CATALOGUE or BRIDGED), its goal judged as of ``as_of``."""
    import os

    from goaltrack.judging.status import build_status
    from goaltrack.storage.database import open_database

    path = tmp_path / "breaks.yaml"
    path.write_text(catalogue, encoding="utf-8")
    run("catalogue", "sync", str(path))
    (status,) = build_status(open_database(os.environ["GOALTRACK_DATABASE_URL"]), as_of, ["breaks/placements"])
    return status


def test_a_chart_draws_the_break_as_a_gap(run, tmp_path):
    from goaltrack.present.charts.data import chart_data, legend_keys

    status = judged_with_breaks(run, tmp_path, BREAK_CATALOGUE, 2026)
    data = chart_data(status, 2026)
    assert [[p.year for p in s] for s in data.segments] == [[2011, 2013], [2019, 2020]]
    assert data.breaks == [2019] and "break" in legend_keys(data)
    out = tmp_path / "charts"
    run("chart", "breaks/placements", "--out", str(out))
    assert (out / "breaks" / "placements.png").stat().st_size > 10_000


def test_export_then_import_reproduces_the_record(backend_url, tmp_path, monkeypatch):
    """States, notes (a deletion's reason), first releases, publication days and flags: the whole
    record of a goal, exported with history and imported into a new database, is the same record."""
    run = Runner()
    run("record", "drug-deaths", "199", "--year", "2020", "--published", "2021-03-15", "--source", "SST",
        "--flag", "P", "--note", "first count", "--force")
    run("record", "drug-deaths", "203", "--year", "2020", "--published", "2022-03-15", "--source", "SST rev",
        "--replace")
    run("record", "drug-deaths", "2300", "--year", "2019", "--source", "typo", "--force")
    run("delete", "drug-deaths", "--year", "2019", "--note", "a 0 too many")
    run("record", "drug-deaths", "230", "--year", "2019", "--flag", "E", "--source", "estimate", "--force")
    run("record", "drug-deaths", "9", "--year", "2019", "--scope", "101", "--flag", "U", "--force")
    exported = run("export", "drug-deaths", "--history").stdout
    lines = exported.splitlines()
    assert lines[0] == "goal,scope,year,value,source,note,published,flag,state,recorded_at"
    body = [line.rsplit(",", 1)[0] for line in lines[1:]]  # without recorded_at
    today = __import__("datetime").date.today().isoformat()
    assert body[0] == f"drug-deaths,101,2019,9,,,{today},U,current"
    assert body[1].startswith("drug-deaths,DK,2012,210,")  # the catalogue's
    assert body[2:] == [
        f"drug-deaths,DK,2019,2300,typo,,{today},,replaced",
        f"drug-deaths,DK,2019,2300,typo,a 0 too many,{today},,deleted",
        f"drug-deaths,DK,2019,230,estimate,,{today},E,current",
        "drug-deaths,DK,2020,199,SST,first count,2021-03-15,P,replaced",
        "drug-deaths,DK,2020,203,SST rev,,2022-03-15,,current",
    ]
    path = tmp_path / "record.csv"
    path.write_text(exported, encoding="utf-8")
    as_json = run("export", "drug-deaths", "--history", "--format", "json").stdout
    with ExitStack() as stack:
        copy = (f"sqlite:///{tmp_path / 'copy.db'}" if backend_url.startswith("sqlite")
                else stack.enter_context(postgres_database()))
        monkeypatch.setenv("GOALTRACK_DATABASE_URL", copy)
        run("goals")  # the new database loads its own catalogue figures (the 2012 one)
        out = run("import", str(path)).stderr
        assert "3 new, 0 replaced, 1 unchanged, 3 earlier figures" in out, out
        # every entry, its recording time too; the catalogue's 2012 figure the new database loaded itself
        def same(text: str) -> list[str]:
            return [line.rsplit(",", 1)[0] if ",2012,210," in line else line for line in text.splitlines()]

        assert same(run("export", "drug-deaths", "--history").stdout) == same(exported)
        assert [r for r in json.loads(run("export", "drug-deaths", "--history", "--format", "json").stdout)
                if r["year"] != 2012] == [r for r in json.loads(as_json) if r["year"] != 2012]
        again = run("import", str(path)).stderr  # a second time adds nothing
        assert "0 new" in again and same(run("export", "drug-deaths", "--history").stdout) == same(exported)
        g = run.json("status", "drug-deaths", "--format", "json", "--known-at", "2021-06-30")["goals"][0]
        assert (g["verdict_basis"]["value"], g["verdict_provisional"]) == (199, True)
        rows = run.json("history", "drug-deaths", "--format", "json")
        gone = next(r for r in rows if r["value"] == 2300)
        assert (gone["deleted"], gone["reason"], gone["current"]) == (True, "a 0 too many", False)
        # each restored entry names the one before it of its key, as the original record does
        from sqlalchemy import create_engine, text

        engine = create_engine(copy)
        with engine.connect() as conn:
            entries = list(conn.execute(text(
                "SELECT id, scope, year, value, replaces FROM figure WHERE indicator = 'drug-deaths' "
                "ORDER BY scope, year, id")))
        engine.dispose()
        chains = [(e.year, e.value, next((p.value for p in entries if p.id == e.replaces), None))
                  for e in entries if e.scope == "DK" and e.year in (2019, 2020)]
        assert chains == [(2019, 2300, None), (2019, 2300, 2300), (2019, 230, 2300), (2020, 199, None),
                          (2020, 203, 199)]


def test_an_export_from_before_method_v3_comes_back_with_its_deletions(run, db_path, tmp_path):
    """An export with history from before: a deleted figure is one row with replaced_at; it comes back
    as the figure and its deletion, not as a current figure."""
    old = tmp_path / "old.csv"
    old.write_text("goal,scope,year,value,source,note,status,recorded_at,replaced_at\n"
                   "drug-deaths,DK,2015,2450,typo,,deleted,2024-01-01T10:00:00Z,2024-01-02T10:00:00Z\n"
                   "drug-deaths,DK,2016,270,first,,replaced,2024-01-01T10:00:00Z,2024-02-01T10:00:00Z\n"
                   "drug-deaths,DK,2016,279,revised,,current,2024-02-01T10:00:00Z,\n", encoding="utf-8")
    run("import", str(old), "--force")
    current = latest_by_year(run, "drug-deaths")
    assert 2015 not in current and current[2016] == 279
    rows = [(r["year"], r["value"], r["current"], r["deleted"]) for r in
            run.json("history", "drug-deaths", "--format", "json") if r["year"] in (2015, 2016)]
    assert rows == [(2015, 2450, False, True), (2016, 270, False, False), (2016, 279, True, False)]


def test_a_bad_flag_or_date_in_a_file_names_its_line_and_writes_nothing(run, db_path, tmp_path):
    before = dump(db_path)
    bad = tmp_path / "bad.csv"
    bad.write_text("goal,year,value,published,markering\ndrug-deaths,2015,245,2016-13-01,P\n"
                   "drug-deaths,2016,279,2017-01-01,Z\n", encoding="utf-8")
    err = run.fails("import", str(bad)).stderr
    assert ":2: published '2016-13-01' is not a date (YYYY-MM-DD)" in err
    assert ":3: flag 'Z' is not one of P" in err
    assert dump(db_path) == before
    good = tmp_path / "good.csv"
    good.write_text("mål;år;værdi;offentliggjort;markering\ndrug-deaths;2021*;248;2022-09-01;\n"
                    "drug-deaths;2015;245;2016-10-01;E\n", encoding="utf-8")
    run("import", str(good), "--force")
    exported = {(r["year"], r["flag"], r["published"]) for r in
                json.loads(run("export", "drug-deaths", "--format", "json").stdout)}
    assert {(2021, "P", "2022-09-01"), (2015, "E", "2016-10-01")} <= exported


def test_a_sync_dates_the_figures_a_database_held_undated(run, seed_catalogue, tmp_path):
    """A database from before publication dates holds the catalogue's figures dated the day they were
    recorded; a catalogue that dates them adds a dated release of each, once, so --known-at sees it."""
    import yaml

    assert 2012 not in latest_by_year(run, "drug-deaths", "--known-at", "2015-06-30")
    catalogue = yaml.safe_load(seed_catalogue.read_text(encoding="utf-8"))
    deaths = next(g for g in catalogue["goals"] if g["id"] == "drug-deaths")
    deaths["measurements"][0]["published"] = "2014-12-31"
    dated = tmp_path / "dated.yaml"
    dated.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert "1 figure dated from the catalogue." in run("catalogue", "sync", str(dated)).stderr
    assert latest_by_year(run, "drug-deaths", "--known-at", "2015-06-30")[2012] == 210
    assert latest_by_year(run, "drug-deaths", "--known-at", "2014-12-30") == {}
    assert "dated from" not in run("catalogue", "sync", str(dated)).stderr  # once
    rows = [(r["value"], r["published"], r["current"]) for r in run.json("history", "drug-deaths", "--format", "json")]
    today = __import__("datetime").date.today().isoformat()
    assert rows == [(210, today, False), (210, "2014-12-31", True)]


def test_every_view_takes_known_at_and_says_it(run, tmp_path):
    """show, compare, export and report read the record as known at the day too, and say so."""
    run("record", "homelessness", "1500", "--year", "2013", "--scope", "101", "--published", "2014-02-01",
        "--source", "KK", "--force")
    run("record", "homelessness", "1450", "--year", "2013", "--scope", "101", "--published", "2015-02-01",
        "--source", "KK rev", "--replace")
    shown = run("show", "homelessness", "--known-at", "2014-06-30").stdout
    assert "1,500" in shown and "1,450" not in shown
    compared = run.json("compare", "homelessness", "--known-at", "2014-06-30", "--format", "json")
    assert compared["known_at"] == "2014-06-30"
    assert next(s for s in compared["scopes"] if s["scope"] == "101")["latest"]["value"] == 1500
    assert run.json("compare", "homelessness", "--format", "json")["known_at"] is None
    exported = json.loads(run("export", "homelessness", "--scope", "101", "--known-at", "2014-06-30",
                              "--format", "json").stdout)
    assert [(r["value"], r["published"]) for r in exported] == [(1500, "2014-02-01")]
    run("report", "--out", str(tmp_path / "r"), "--known-at", "2014-06-30", "--as-of", "2014")
    assert "as known at 2014-06-30" in (tmp_path / "r" / "report.md").read_text(encoding="utf-8")


def test_an_xlsx_export_with_history_comes_back_as_the_same_record(run, tmp_path, monkeypatch):
    run("record", "drug-deaths", "199", "--year", "2020", "--published", "2021-03-15", "--source", "SST",
        "--flag", "P", "--force")
    run("record", "drug-deaths", "203", "--year", "2020", "--published", "2022-03-15", "--source", "SST rev",
        "--replace")
    book = tmp_path / "record.xlsx"
    run("export", "drug-deaths", "--history", "--format", "xlsx", "--output", str(book))
    before = run("export", "drug-deaths", "--history").stdout
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    run("goals")
    assert "1 earlier figure" in run("import", str(book)).stderr
    after = run("export", "drug-deaths", "--history").stdout

    def without_catalogue_time(text: str) -> list[str]:
        return [line.rsplit(",", 1)[0] if ",2012,210," in line else line for line in text.splitlines()]

    assert without_catalogue_time(after) == without_catalogue_time(before)


def test_a_flag_is_kept_cleared_or_changed_on_purpose_and_dates_fit_the_year(run):
    run("record", "youth-crime", "11", "--year", "2018", "--flag", "P", "--published", "2019-06-01", "--source",
        "DST")
    again = run("record", "youth-crime", "11", "--year", "2018", "--source", "DST")
    assert again.stderr == "Unchanged: youth-crime DK 2018 is already 11 % P.\n"  # the flag is named
    kept = run("record", "youth-crime", "11", "--year", "2018", "--published", "2019-09-01", "--source", "DST 2")
    assert "11 % P" in kept.stderr  # a new release of the same figure keeps its flag
    final = run("record", "youth-crime", "11", "--year", "2018", "--flag", "none", "--published", "2020-06-01")
    assert final.stderr.startswith("Recorded a new release of youth-crime DK 2018 (11 %)")
    flags_now = [(r["published"], r["flag"]) for r in run.json("history", "youth-crime", "--format", "json")]
    assert flags_now == [("2019-06-01", "P"), ("2019-09-01", "P"), ("2020-06-01", None)]
    assert run("record", "youth-crime", "11", "--year", "2018", "--flag", "none").stderr.startswith("Unchanged")
    early = run.fails("record", "drug-deaths", "250", "--year", "2023", "--published", "2020-01-01", "--force")
    assert early.stderr == "Error: published 2020-01-01 is before 2023, the year the figure is for\n"


def test_a_file_or_catalogue_dating_a_figure_before_its_year_is_refused(run, db_path, tmp_path):
    before = dump(db_path)
    bad = tmp_path / "early.csv"
    bad.write_text("goal,year,value,published\ndrug-deaths,2020,250,2019-01-01\n", encoding="utf-8")
    assert ":2: published 2019-01-01 is before 2020, the year the figure is for" in run.fails(
        "import", str(bad)).stderr
    assert dump(db_path) == before
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text(BREAK_CATALOGUE.replace("published: 2021-11-01", "published: 2019-11-01"), encoding="utf-8")
    assert "published 2019-11-01 is before 2020, the year the figure is for" in run.fails(
        "catalogue", "check", str(catalogue)).stderr


@pytest.mark.fresh_database
def test_review_findings_stay_fixed(run, tmp_path):
    """What a new user's trial found: another set's catalogue synced into a new database (the shipped
    scopes first), compare saying its vintage, a goal asked of the wrong set, a verdict that stayed,
    and a bridged break drawn as the tables compute it."""
    from tests.storage.test_sets import AARHUS

    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    assert "into goal set aarhus-2030: 2 added" in run("catalogue", "sync", str(path)).stderr  # 751 is known
    assert "as known at 2021-06-30" in run("compare", "drug-deaths", "--known-at", "2021-06-30").stdout
    assert run.fails("status", "youth-jobs", "--set", "dk-2020").stderr == (
        "Error: goal 'youth-jobs' is not in set dk-2020 (it is: aarhus-2030/youth-jobs)\n")
    run("record", "drug-deaths", "250", "--year", "2019", "--published", "2020-03-01", "--source", "a", "--force")
    run("record", "drug-deaths", "240", "--year", "2020", "--published", "2021-03-01", "--source", "b", "--force")
    found = run.json("changes", "--since", "2020-06-30", "--until", "2021-06-30", "--format", "json")["goals"]
    assert [g["changed"] for g in found if g["id"] == "drug-deaths"] == [["basis", "latest"]]  # missed both times


def test_a_bridged_break_is_drawn_as_the_tables_compute_it(run, tmp_path):
    from goaltrack.present.charts.data import chart_data
    from goaltrack.present.table import trend

    plain = judged_with_breaks(run, tmp_path, BREAK_CATALOGUE, 2020)
    data = chart_data(plain, 2020)
    assert (data.required_path, data.projection) == ([], [])  # no bridge: no road, no projection
    assert trend(plain)[0].split()[0] == "█▁"  # 5.2 → 5.0, the new series only
    bridged = judged_with_breaks(run, tmp_path, BRIDGED, 2020)
    data = chart_data(bridged, 2020)
    assert [(p.year, p.value) for p in data.required_path] == [(2011, 5.1), (2020, 4.0)]
    assert data.projection[-1].value == pytest.approx(bridged.assessment.projection.value)


def test_a_wide_statbank_table_with_a_provisional_year(run, tmp_path):
    wide = tmp_path / "wide.csv"
    wide.write_text("Kommune;2019;2020;2021*\nKøbenhavn;1500;1450;1400\n", encoding="utf-8")
    run("import", str(wide), "--goal", "homelessness", "--force")
    rows = {r["year"]: r["flag"] for r in json.loads(run("export", "homelessness", "--scope", "101",
                                                         "--format", "json").stdout)}
    assert rows == {2019: None, 2020: None, 2021: "P"}
