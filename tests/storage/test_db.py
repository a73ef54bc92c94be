"""The database: migrations without drift, opening only what is ours, passwords never printed."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from alembic.script import ScriptDirectory

from goaltrack.errors import GoaltrackError
from goaltrack.storage import database as db
from goaltrack.storage import urls
from tests.conftest import needs_psycopg


def test_head_constant_is_alembic_head():
    assert ScriptDirectory.from_config(db.alembic_config()).get_current_head() == db.HEAD


def test_empty_database_upgrades_to_head_without_drift(tmp_path):
    engine = db.open_database(f"sqlite:///{tmp_path / 'x.db'}")
    with engine.connect() as conn:
        assert db.current_revision(conn) == db.HEAD
        command.check(db.alembic_config(conn))  # raises if models and migrations differ
    with sqlite3.connect(tmp_path / "x.db") as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize(("url", "shown"), [
    ("postgresql+psycopg://ana:s3cret@db.example:5432/goals", "postgresql+psycopg://ana:***@db.example:5432/goals"),
    ("postgresql://ana:p@ss:w0rd@host/goals", "postgresql://ana:***@host/goals"),
    ("postgresql://ana@host/goals", "postgresql://ana@host/goals"),
    ("sqlite:////tmp/x.db", "sqlite:////tmp/x.db"),
])
def test_mask_url(url, shown):
    assert urls.mask_url(url) == shown


@needs_psycopg
def test_unreachable_server_is_one_line_without_password(run):
    result = run.fails("--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/goals", "status")
    assert "s3cret" not in result.stderr
    assert result.stderr.startswith("Error: cannot use database postgresql+psycopg://ana:***@127.0.0.1:1/goals: ")
    assert len(result.stderr.splitlines()) == 1


@needs_psycopg
def test_db_current_masks_password(run):
    result = run.fails("db", "current", "--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/goals")
    assert "s3cret" not in result.stderr and "***" in result.stderr


def test_bad_url(run):
    assert run.fails("--db", "not a url", "status").stderr.startswith("Error: not a database URL: 'not a url'")
    assert "no driver" in run.fails("--db", "nosuchdb://x/y", "status").stderr


@pytest.mark.fresh_database
def test_db_current_and_upgrade(run, db_path):
    assert "revision: none" in run("db", "current").stdout
    assert "Upgraded" in run("db", "upgrade").stderr
    assert "already at the newest" in run("db", "upgrade").stderr
    assert run("db", "current").stdout == f"sqlite:///{db_path}\nrevision: {db.HEAD} (newest)\n"


def test_a_file_that_is_not_a_database_is_never_written(run, tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 100)
    before = path.read_bytes()
    result = run.fails("--db", f"sqlite:///{path}", "status")
    assert result.stderr.startswith(f"Error: cannot use database sqlite:///{path}: file is not a database")
    assert path.read_bytes() == before


def test_another_programs_database_is_never_written(run, tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        conn.execute("INSERT INTO invoices VALUES (1, 99.5)")
    before = path.read_bytes()
    result = run.fails("--db", f"sqlite:///{path}", "status")
    assert result.stderr == (f"Error: sqlite:///{path} is not a goaltrack database (it holds other tables: "
                             "invoices); nothing was written\n")
    assert path.read_bytes() == before
    assert not (tmp_path / "other.db-wal").exists()


@pytest.mark.fresh_database
def test_db_option_after_the_command_wins_over_the_variable(run, tmp_path, db_path):
    other = tmp_path / "other.db"
    run("status", "--db", f"sqlite:///{other}")
    assert other.exists() and not db_path.exists()
    run("--db", f"sqlite:///{other}", "record", "drug-deaths", "250", "--year", "2015")
    assert run.json("--db", f"sqlite:///{other}", "history", "drug-deaths", "--format", "json")[-1]["value"] == 250


def test_library_errors_are_plain_exceptions(tmp_path):
    with pytest.raises(GoaltrackError):
        db.connect("::")


def test_upgrade_from_the_first_revision_keeps_every_row(backend_url):
    from datetime import datetime

    from sqlalchemy import MetaData, Table, text

    def table(conn, name: str) -> Table:  # as the database has it at this revision, with its types
        return Table(name, MetaData(), autoload_with=conn)

    engine = db.connect(backend_url)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), "0001")
    t1, t2, t3 = datetime(2025, 1, 1, 10), datetime(2026, 1, 1, 10), datetime(2026, 1, 2, 10, 30, 15, 123456)
    rows = {
        "goal": [("homelessness", 0, "Homeless", "Hjemløse", "persons", "decrease", 2011, 5290.0, 2020, 4000.0,
                  -25.0, "src", False)],
        "scope": [("101", "København", 1), ("DK", "Danmark", 0)],
        "measurement": [(1, "homelessness", "DK", 2013, 5820.0, "SFI", None, t2),
                        (2, "homelessness", "101", 2013, 1500.0, None, "note", t3)],
        "replaced_measurement": [(1, "homelessness", "DK", 2013, 5800.0, "first", None, t1, t2)],
        "meta": [("catalogue", "goals.yaml")],
    }
    with engine.begin() as conn:
        for name, values in rows.items():
            target = table(conn, name)
            conn.execute(target.insert(), [dict(zip(target.c.keys(), row, strict=True)) for row in values])
    engine.dispose()
    engine = db.open_database(backend_url)  # upgrades to the newest revision on first use
    with engine.connect() as conn:
        assert db.current_revision(conn) == db.HEAD
        for name in ("goal", "scope", "meta"):
            values = rows[name]
            columns = len(values[0])
            got = sorted(tuple(row)[:columns] for row in conn.execute(table(conn, name).select()))
            assert got == sorted(values), name
        # both figure tables are one record now: the replaced figure first, then the one that replaced it
        figure = table(conn, "figure")
        assert [tuple(r) for r in conn.execute(figure.select().with_only_columns(
            *[figure.c[n] for n in ("id", "indicator", "scope", "year", "value", "source", "note", "recorded_at",
                                    "deleted", "replaces")]).order_by(figure.c.id))] == [
            (1, "homelessness", "101", 2013, 1500.0, None, "note", t3, False, None),
            (2, "homelessness", "DK", 2013, 5800.0, "first", None, t1, False, None),
            (3, "homelessness", "DK", 2013, 5820.0, "SFI", None, t2, False, 2)]
        assert sorted(conn.execute(text("SELECT code, kind, parent FROM scope"))) == [
            ("101", "other", None), ("DK", "nation", None)]
    engine.dispose()


def test_upgrade_to_the_record_keeps_every_row_and_every_history_entry(backend_url):
    """0006 → 0007 with data: current figures, corrections, a deletion with its reason, a figure deleted
    and recorded again, and two sets' goals of one id (now one indicator) — every row an entry, in the
    order it was recorded; and back down, the same two tables again."""
    from datetime import date, datetime

    from sqlalchemy import MetaData, Table, text

    engine = db.connect(backend_url)
    with engine.begin() as conn:
        command.upgrade(db.alembic_config(conn), "0006")
    t = [datetime(2020 + i, 1, 1, 12) for i in range(6)]
    with engine.begin() as conn:
        meta = MetaData()
        goal, goal_set, scope, current, old = (Table(n, meta, autoload_with=conn) for n in (
            "goal", "goal_set", "scope", "measurement", "replaced_measurement"))
        conn.execute(scope.insert(), [{"code": "DK", "name": "Danmark", "position": 0, "kind": "nation"},
                                      {"code": "751", "name": "Aarhus", "position": 1, "kind": "municipality"}])
        conn.execute(goal_set.insert(), [{"id": "aarhus", "name": "Aarhus", "scope": "751", "position": 1}])
        base = {"title_en": "t", "title_da": "t", "unit": "persons", "direction": "decrease", "archived": False}
        conn.execute(goal.insert(), [{"id": "drug-deaths", "set_id": "dk-2020", "position": 0, **base},
                                     {"id": "aarhus/drug-deaths", "set_id": "aarhus", "position": 0, **base}])
        conn.execute(current.insert(), [
            {"goal_id": "drug-deaths", "scope": "DK", "year": 2018, "value": 248.0, "source": "SST rev",
             "note": None, "recorded_at": t[2]},
            {"goal_id": "drug-deaths", "scope": "DK", "year": 2019, "value": 230.0, "source": "again",
             "note": "re-entered", "recorded_at": t[5]},
            {"goal_id": "aarhus/drug-deaths", "scope": "751", "year": 2019, "value": 12.0, "source": "Aarhus",
             "note": None, "recorded_at": t[1]}])
        conn.execute(old.insert(), [
            {"goal_id": "drug-deaths", "scope": "DK", "year": 2018, "value": 252.0, "source": "SST first",
             "note": "first", "recorded_at": t[0], "replaced_at": t[2], "deleted": False, "reason": None},
            {"goal_id": "drug-deaths", "scope": "DK", "year": 2019, "value": 2300.0, "source": "typo",
             "note": None, "recorded_at": t[3], "replaced_at": t[4], "deleted": True, "reason": "typed a 0 too many"}])
    engine.dispose()
    engine = db.open_database(backend_url)
    with engine.connect() as conn:
        figure = Table("figure", MetaData(), autoload_with=conn)
        entries = [tuple(r) for r in conn.execute(figure.select().with_only_columns(*[figure.c[n] for n in (
            "indicator", "scope", "year", "value", "source", "note", "published", "recorded_at", "deleted", "replaces",
            "id")]).order_by(figure.c.id))]
        assert sorted(conn.execute(text("SELECT id, indicator FROM goal"))) == [
            ("aarhus/drug-deaths", "drug-deaths"), ("drug-deaths", "drug-deaths")]
    ids = {e[-1]: e for e in entries}
    assert [e[:10] for e in entries] == [
        ("drug-deaths", "751", 2019, 12.0, "Aarhus", None, date(2021, 1, 1), t[1], False, None),
        ("drug-deaths", "DK", 2018, 252.0, "SST first", "first", date(2020, 1, 1), t[0], False, None),
        ("drug-deaths", "DK", 2018, 248.0, "SST rev", None, date(2022, 1, 1), t[2], False, 2),
        ("drug-deaths", "DK", 2019, 2300.0, "typo", None, date(2023, 1, 1), t[3], False, None),
        ("drug-deaths", "DK", 2019, 2300.0, "typo", "typed a 0 too many", date(2024, 1, 1), t[4], True, 4),
        ("drug-deaths", "DK", 2019, 230.0, "again", "re-entered", date(2025, 1, 1), t[5], False, 5)]
    assert len(ids) == 6
    from goaltrack.domain.progress import Point
    from goaltrack.storage import store

    assert store.current_measurements(engine, ["drug-deaths"], "DK")["drug-deaths"] == [
        Point(2018, 248.0, "SST rev"), Point(2019, 230.0, "again")]
    with engine.begin() as conn:  # and back: the same two tables, the reason where it was
        command.downgrade(db.alembic_config(conn), "0006")
    with engine.connect() as conn:
        meta = MetaData()
        current, old = (Table(n, meta, autoload_with=conn) for n in ("measurement", "replaced_measurement"))
        assert sorted(tuple(r)[1:] for r in conn.execute(current.select())) == [
            ("drug-deaths", "751", 2019, 12.0, "Aarhus", None, t[1]),
            ("drug-deaths", "DK", 2018, 248.0, "SST rev", None, t[2]),
            ("drug-deaths", "DK", 2019, 230.0, "again", "re-entered", t[5])]
        assert sorted(tuple(r)[1:] for r in conn.execute(old.select())) == [
            ("drug-deaths", "DK", 2018, 252.0, "SST first", "first", t[0], t[2], False, None),
            ("drug-deaths", "DK", 2019, 2300.0, "typo", None, t[3], t[4], True, "typed a 0 too many")]
    engine.dispose()
