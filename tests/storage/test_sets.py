"""Goal sets: several catalogues in one database, SET/ID names, --set, each set's own scope."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from alembic import command

from goaltrack.storage import database as db
from tests.conftest import Runner

AARHUS = """\
id: aarhus-2030
name: "Aarhus' egne mål"
scope: "751"
goals:
  - id: homelessness
    title: {en: Homeless persons in Aarhus, da: Hjemløse i Aarhus}
    unit: persons
    direction: decrease
    baseline: {year: 2015, value: 600}
    target: {year: 2030, value: 400}
    measurements:
      - {year: 2019, value: 560, source: "Aarhus Kommune 2019"}
  - id: youth-jobs
    title: {en: Young people in a job or education, da: Unge i job eller uddannelse}
    unit: percent
    direction: increase
    baseline: {year: 2015, value: 80}
    target: {year: 2030, value: 90}
"""


@pytest.fixture
def two_sets(run, tmp_path) -> Runner:
    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    run("goals")  # the shipped set first
    result = run("catalogue", "sync", str(path))
    assert "into goal set aarhus-2030: 2 added" in result.stderr
    return run


def test_a_bare_id_is_the_shipped_sets_goal_and_set_picks_another(two_sets, db_path):
    """Method v3: a bare id resolves to the default (shipped) set's goal; --set or SET/ID picks another."""
    dk = two_sets.json("status", "homelessness", "--format", "json")["goals"]
    assert [(g["set"], g["scope"]) for g in dk] == [("dk-2020", "DK")]
    aarhus = two_sets.json("status", "homelessness", "--set", "aarhus-2030", "--format", "json")["goals"]
    assert [(g["set"], g["scope"], g["latest"]["value"]) for g in aarhus] == [("aarhus-2030", "751", 560)]
    out = two_sets("record", "homelessness", "500", "--year", "2020", "--set", "aarhus-2030", "--force")
    assert out.stderr.startswith("Recorded homelessness 751 2020: 500")
    assert "unknown goal 'nope'" in two_sets.fails("status", "nope", "--set", "aarhus-2030").stderr


def test_two_sets_tracking_one_indicator_share_its_figures(two_sets):
    """The Aarhus set's homelessness goal and the national one read the same record: a figure recorded
    through one is seen through the other, in every scope."""
    two_sets("record", "homelessness", "530", "--year", "2021", "--scope", "751", "--source", "VIVE 2021")
    g = two_sets.json("status", "aarhus-2030/homelessness", "--format", "json")["goals"][0]
    assert g["latest"] == {"year": 2021, "value": 530, "source": "VIVE 2021", "flag": None}
    national_in_aarhus = two_sets.json("status", "homelessness", "--scope", "751", "--format", "json")["goals"][0]
    assert national_in_aarhus["latest"]["value"] == 530
    two_sets("record", "aarhus-2030/homelessness", "6431", "--year", "2019", "--scope", "DK")
    assert two_sets.json("status", "homelessness", "--format", "json")["goals"][0]["latest"]["value"] == 6431


def test_set_id_names_a_goal_exactly(two_sets):
    dk = two_sets.json("status", "dk-2020/homelessness", "--format", "json")["goals"]
    assert [(g["id"], g["set"], g["scope"]) for g in dk] == [("homelessness", "dk-2020", "DK")]
    assert dk[0]["baseline"] == {"year": 2011, "value": 5290}
    # In its own scope (751) the Aarhus set is judged on its catalogue's baseline and target
    aarhus = two_sets.json("status", "aarhus-2030/homelessness", "--format", "json")
    assert aarhus["scope"] == "751"
    g = aarhus["goals"][0]
    assert (g["id"], g["set"], g["scope"]) == ("homelessness", "aarhus-2030", "751")
    assert g["baseline"] == {"year": 2015, "value": 600}
    assert g["target"] == {"year": 2030, "value": 400, "rule": "catalogue"}
    assert g["latest"] == {"year": 2019, "value": 560, "source": "Aarhus Kommune 2019", "flag": None}
    assert g["progress_pct"] == pytest.approx(100 * 40 / 200)  # 600 → 560 of the way to 400: 20 %
    # a bare id only one set has works
    assert two_sets.json("status", "youth-jobs", "--format", "json")["goals"][0]["set"] == "aarhus-2030"
    assert "unknown goal 'aarhus-2030/nope'" in two_sets.fails("status", "aarhus-2030/nope").stderr


def test_status_per_set_and_grouped(two_sets):
    data = two_sets.json("status", "--set", "aarhus-2030", "--format", "json")
    assert [(g["id"], g["scope"]) for g in data["goals"]] == [("homelessness", "751"), ("youth-jobs", "751")]
    every = two_sets.json("status", "--format", "json")
    assert len(every["goals"]) == 16 + 2 and every["scope"] is None  # the sets are judged in different scopes
    assert [g["set"] for g in every["goals"]][-3:] == ["dk-2020", "aarhus-2030", "aarhus-2030"]
    table = two_sets("status").stdout
    first = table.index("goaltrack · Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK) · as of")
    second = table.index("goaltrack · Aarhus' egne mål · Aarhus (751) · as of")
    assert first < second
    assert "Homeless persons in Aarhus" in table[second:]
    # --scope judges every set there: Aarhus' goals in the nation are derived from its catalogue
    dk = two_sets.json("status", "--set", "aarhus-2030", "--scope", "DK", "--format", "json")
    assert {g["scope"] for g in dk["goals"]} == {"DK"}
    assert two_sets.fails("status", "--set", "nope").stderr == \
        "Error: unknown goal set 'nope' (known: dk-2020, aarhus-2030)\n"
    goals = two_sets.json("goals", "--set", "aarhus-2030", "--format", "json")
    assert [(g["set"], g["id"]) for g in goals] == [("aarhus-2030", "homelessness"), ("aarhus-2030", "youth-jobs")]
    listing = two_sets("goals").stdout
    assert "Aarhus' egne mål (aarhus-2030)" in listing and "Sociale 2020-mål" in listing


def test_record_uses_the_sets_scope(two_sets):
    result = two_sets("record", "aarhus-2030/homelessness", "540", "--year", "2021")
    assert "751 2021" in result.stderr
    rows = two_sets.json("history", "aarhus-2030/homelessness", "--scope", "751", "--format", "json")
    assert [(r["scope"], r["year"], r["value"]) for r in rows] == [("751", 2019, 560), ("751", 2021, 540)]
    two_sets("record", "dk-2020/homelessness", "6431", "--year", "2019")
    assert two_sets.json("history", "dk-2020/homelessness", "--scope", "DK", "--format", "json")[-1]["value"] == 6431


def test_sync_follows_its_own_set_and_leaves_the_others(two_sets, tmp_path):
    two_sets("record", "aarhus-2030/youth-jobs", "84", "--year", "2020")
    assert "into goal set dk-2020" in two_sets("catalogue", "sync").stderr  # the shipped one, again
    assert len(two_sets.json("goals", "--set", "aarhus-2030", "--format", "json")) == 2
    smaller = tmp_path / "aarhus-smaller.yaml"
    smaller.write_text(AARHUS.split("  - id: youth-jobs")[0], encoding="utf-8")
    error = two_sets.fails("catalogue", "sync", str(smaller)).stderr
    assert "leaves out 1 goal(s) of set aarhus-2030 that have measurements: aarhus-2030/youth-jobs" in error
    two_sets("catalogue", "sync", str(smaller), "--archive")
    assert len(two_sets.json("goals", "--format", "json")) == 16 + 1  # the shipped 16 untouched
    unknown = tmp_path / "bad-scope.yaml"
    unknown.write_text(AARHUS.replace('scope: "751"', 'scope: "9999"'), encoding="utf-8")
    assert "scope '9999' is not a known scope" in two_sets.fails("catalogue", "sync", str(unknown)).stderr


def test_export_writes_an_indicator_once_under_its_first_goal(two_sets, tmp_path, monkeypatch):
    two_sets("record", "dk-2020/homelessness", "6431", "--year", "2019")
    two_sets("record", "youth-jobs", "84", "--year", "2020")
    text = two_sets("export").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    names = {row["goal"] for row in rows}
    assert {"homelessness", "youth-jobs", "drug-deaths"} <= names  # the shipped set's goal: a bare id
    assert "aarhus-2030/homelessness" not in names and "dk-2020/homelessness" not in names
    assert ("homelessness", "751", "2019", "560") in {(r["goal"], r["scope"], r["year"], r["value"]) for r in rows}
    only = two_sets("export", "--set", "aarhus-2030").stdout
    assert {row["goal"] for row in csv.DictReader(io.StringIO(only))} == {"aarhus-2030/homelessness", "youth-jobs"}
    # into another database with both sets: the same figures
    exported = tmp_path / "all.csv"
    exported.write_text(text, encoding="utf-8")
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    two_sets("goals")
    two_sets("catalogue", "sync", str(tmp_path / "aarhus.yaml"))
    two_sets("import", str(exported))
    assert two_sets("export").stdout == text
    bare = tmp_path / "bare.csv"
    bare.write_text("goal,year,value\nhomelessness,2021,5500\n", encoding="utf-8")
    two_sets("import", str(bare))  # the shipped set's goal, in its scope
    assert two_sets.json("status", "homelessness", "--format", "json")["goals"][0]["latest"]["value"] == 5500


def test_charts_and_report_per_set(two_sets, tmp_path):
    out = tmp_path / "charts"
    written = [Path(p) for p in two_sets("chart", "--set", "aarhus-2030", "--out", str(out)).stdout.splitlines()]
    assert written == [(out / "aarhus-2030" / "homelessness.png").resolve(),
                       (out / "aarhus-2030" / "youth-jobs.png").resolve()]
    none = two_sets("chart", "aarhus-2030/homelessness", "--scope", "101", "--out", str(out))
    assert none.stdout == "" and "No chart for aarhus-2030/homelessness" in none.stderr  # no figure in 101 yet
    two_sets("record", "aarhus-2030/homelessness", "90", "--year", "2021", "--scope", "101")
    elsewhere = two_sets("chart", "aarhus-2030/homelessness", "--scope", "101", "--out", str(out)).stdout
    assert Path(elsewhere.strip()) == (out / "aarhus-2030" / "101" / "homelessness.png").resolve()
    two_sets("chart", "dk-2020/homelessness", "--out", str(out))
    assert (out / "homelessness.png").exists()
    report = tmp_path / "report"
    two_sets("report", "--out", str(report))
    md = (report / "report.md").read_text()
    assert "## Aarhus' egne mål · Aarhus (751)" in md and "## Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)" in md
    assert "![Homeless persons in Aarhus](charts/aarhus-2030/homelessness.png)" in md
    assert "](charts/homelessness.png)" in md
    assert (report / "charts" / "aarhus-2030" / "overview.png").exists()
    assert (report / "charts" / "overview.png").exists()


def test_catalogue_set_id_is_checked(run, tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(AARHUS.replace("id: aarhus-2030", "id: Aarhus 2030"), encoding="utf-8")
    error = run.fails("catalogue", "check", str(path)).stderr
    assert "the catalogue's id 'Aarhus 2030' must be lowercase letters, digits and '-'" in error


def test_upgrade_from_the_previous_release_keeps_every_row_and_syncs(backend_url):
    """A database made by the release before goal sets (revision 0004), with figures: every row stays,
    every goal lands in the shipped set, and syncing the shipped catalogue still works."""
    from datetime import datetime

    from sqlalchemy import MetaData, Table, text

    WHEN = datetime(2026, 1, 1, 12)  # noqa: N806

    engine = db.connect(backend_url)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), "0004")
    with engine.begin() as conn:
        meta = MetaData()
        goal, scope, measurement, info = (Table(n, meta, autoload_with=conn)
                                          for n in ("goal", "scope", "measurement", "meta"))
        conn.execute(scope.insert(), [{"code": "DK", "name": "Danmark", "position": 0, "kind": "nation"}])
        conn.execute(goal.insert(), [{"id": "homelessness", "position": 0, "title_en": "Homeless", "title_da": "Hjemløse",
                                      "unit": "persons", "direction": "decrease", "baseline_year": 2011,
                                      "baseline_value": 5290.0, "target_year": 2020, "target_value": 4000.0,
                                      "archived": False},
                                     {"id": "old-goal", "position": 1, "title_en": "Old", "title_da": "Gammel",
                                      "unit": "count", "direction": "decrease", "baseline_year": None,
                                      "baseline_value": None, "target_year": None, "target_value": None,
                                      "archived": True}])
        conn.execute(measurement.insert(), [
            {"goal_id": "homelessness", "scope": "DK", "year": 2019, "value": 6431.0, "recorded_at": WHEN},
            {"goal_id": "old-goal", "scope": "DK", "year": 2015, "value": 7.0, "recorded_at": WHEN}])
        conn.execute(info.insert(), [{"key": "catalogue", "value": "goals.yaml"},
                                     {"key": "catalogue_name", "value": "Sociale 2020-mål"}])
    engine.dispose()
    engine = db.open_database(backend_url)
    with engine.connect() as conn:
        assert db.current_revision(conn) == db.HEAD
        assert sorted(conn.execute(text("SELECT id, set_id, archived FROM goal"))) == [
            ("homelessness", "dk-2020", False), ("old-goal", "dk-2020", True)]
        assert list(conn.execute(text("SELECT id, name, scope FROM goal_set"))) == [
            ("dk-2020", "Sociale 2020-mål", "DK")]
        assert sorted(conn.execute(text("SELECT indicator, year, value FROM figure"))) == [
            ("homelessness", 2019, 6431.0), ("old-goal", 2015, 7.0)]
    engine.dispose()
    run = Runner()
    run("catalogue", "sync")  # the shipped catalogue after the upgrade, as before
    data = run.json("status", "homelessness", "--format", "json")["goals"][0]
    assert (data["set"], data["latest"]["value"]) == ("dk-2020", 6431)
    assert len(run.json("goals", "--format", "json")) == 16


def test_delete_without_a_scope_takes_the_goal_sets_own_scope(two_sets):
    """Aarhus' goals are judged in Aarhus (751): a delete without --scope removes Aarhus' figure."""
    out = two_sets("delete", "aarhus-2030/homelessness", "--year", "2019", "--note", "typed twice")
    assert out.stderr.startswith("Deleted aarhus-2030/homelessness 751 2019: 560")
    rows = two_sets.json("history", "aarhus-2030/homelessness", "--scope", "751", "--format", "json")
    assert [(r["year"], r["value"], r["deleted"]) for r in rows] == [(2019, 560, True)]


def test_import_set_names_the_set_of_a_bare_id(two_sets, tmp_path):
    """import --set: a bare goal ID in the file is that set's goal, in that set's scope (Aarhus, 751)."""
    path = tmp_path / "aarhus.csv"
    path.write_text("goal,year,value\nhomelessness,2023,520\nyouth-jobs,2023,86\n", encoding="utf-8")
    two_sets("import", str(path), "--set", "aarhus-2030", "--force")
    g = two_sets.json("status", "homelessness", "--set", "aarhus-2030", "--format", "json")["goals"][0]
    assert (g["scope"], g["latest"]["year"], g["latest"]["value"]) == ("751", 2023, 520)
    national = two_sets.json("history", "homelessness", "--scope", "DK", "--format", "json")
    assert 2023 not in [r["year"] for r in national]
    assert "unknown goal set 'nope'" in two_sets.fails("import", str(path), "--set", "nope").stderr
