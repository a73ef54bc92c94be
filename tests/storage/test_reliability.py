"""Faults and concurrency: nothing is lost, nothing half-written, on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from goaltrack.storage import database as db
from goaltrack.storage import store
from tests.conftest import ROOT, postgres_database

PROCESSES, FIGURES_EACH = 8, 15


def goaltrack(env: dict, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "goaltrack", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def first_command(url: str) -> None:
    """The database at ``url`` made by goaltrack's first command, in a process of its own (an SQLite
    test copies the session's template instead: the same file, without starting a process)."""
    env = {**os.environ, "GOALTRACK_DATABASE_URL": url}
    env.pop("GOALTRACK_DEBUG", None)
    subprocess.run([sys.executable, "-m", "goaltrack", "goals"], cwd=ROOT, env=env, check=True, capture_output=True)


def recorders(url: str) -> tuple[list[tuple[int, str]], float]:
    """Eight processes, each recording its own figures one command at a time, all at once, on a
    database that holds the starting catalogue."""
    env = {**os.environ, "GOALTRACK_DATABASE_URL": url}
    env.pop("GOALTRACK_DEBUG", None)
    script = (
        "import sys\nfrom goaltrack.cli import main\n"
        "worker = int(sys.argv[1])\n"
        f"for i in range({FIGURES_EACH}):\n"
        "    try:\n"
        "        main(['record', 'youth-crime', str(worker + i / 100), '--year', str(1900 + worker * 15 + i),"
        " '--scope', '101', '--force'])\n"  # figures of a test, not of the world: no plausibility

        "    except SystemExit as done:\n"
        "        if done.code:\n"
        "            raise\n"
    )
    started = time.perf_counter()
    procs = [subprocess.Popen([sys.executable, "-c", script, str(w)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for w in range(PROCESSES)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    return results, time.perf_counter() - started


def assert_nothing_lost(url: str) -> None:
    engine = db.open_database(url)
    rows = store.history(engine, "youth-crime", "101")
    expected = sorted((1900 + w * 15 + i, w + i / 100) for w in range(PROCESSES) for i in range(FIGURES_EACH))
    assert sorted((r.year, r.value) for r in rows) == expected


@pytest.mark.slow
def test_eight_processes_recording_at_once_on_sqlite(tmp_path, template_databases):
    template_databases.copy_to(tmp_path / "busy.db", "seed")
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    results, seconds = recorders(url)
    assert [code for code, _ in results] == [0] * PROCESSES, results
    assert all("Error" not in err for _, err in results)
    assert_nothing_lost(url)
    print(f"\nSQLite: {PROCESSES * FIGURES_EACH} figures by {PROCESSES} processes in {seconds:.1f} s")


@pytest.mark.slow
def test_eight_processes_recording_at_once_on_postgresql():
    with postgres_database() as url:
        first_command(url)
        results, seconds = recorders(url)
        assert [code for code, _ in results] == [0] * PROCESSES, results
        assert_nothing_lost(url)
        print(f"\nPostgreSQL: {PROCESSES * FIGURES_EACH} figures by {PROCESSES} processes in {seconds:.1f} s")


@pytest.mark.slow
def test_the_same_figure_from_two_processes_is_recorded_once(tmp_path, template_databases):
    """Check-then-insert cannot race: writers take turns on both backends."""
    template_databases.copy_to(tmp_path / "same.db", "seed")
    url = f"sqlite:///{tmp_path / 'same.db'}"
    env = {**os.environ, "GOALTRACK_DATABASE_URL": url}
    procs = [goaltrack(env, "record", "drug-deaths", "250", "--year", "2015") for _ in range(4)]
    outcomes = sorted(p.communicate(timeout=120)[1].strip() for p in procs)
    assert all(p.returncode == 0 for p in procs), outcomes
    assert outcomes == ["Recorded drug-deaths DK 2015: 250."] + ["Unchanged: drug-deaths DK 2015 is already 250."] * 3


def test_a_writer_that_finds_sqlite_busy_waits_and_retries(tmp_path, monkeypatch, template_databases):
    template_databases.copy_to(tmp_path / "locked.db", "seed")
    url = f"sqlite:///{tmp_path / 'locked.db'}"
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 50)  # so that the busy answer comes, and the retry is seen
    engine = db.connect(url)
    blocker = sqlite3.connect(tmp_path / "locked.db", isolation_level=None, check_same_thread=False)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the write lock…
    threading.Timer(0.4, blocker.execute, args=("COMMIT",)).start()  # …for 0.4 s
    started = time.perf_counter()
    result = store.record(engine, "drug-deaths", 250, 2015)
    assert result.outcome == "recorded"
    assert time.perf_counter() - started >= 0.35  # it waited for the lock rather than failing
    blocker.close()


def test_a_lock_held_too_long_is_a_clear_error(tmp_path, monkeypatch, run, template_databases):
    path = tmp_path / "held.db"
    template_databases.copy_to(path, "seed")
    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 20)
    monkeypatch.setattr(db, "BUSY_RETRIES", 1)
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        result = run.fails("--db", f"sqlite:///{path}", "record", "drug-deaths", "250", "--year", "2015")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert result.stderr == f"Error: cannot use database sqlite:///{path}: database is locked\n"


def _figures_file(path: Path, rows: int) -> None:
    lines = ["goal,scope,year,value,source"]
    codes = [f"s{i:03d}" for i in range(rows // 100 + 1)]
    lines += [f"g00,{codes[n // 100]},{1920 + n % 100},{40 + n % 7}.5,kill test" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _catalogue(path: Path, scopes: int) -> None:
    lines = ["scopes:"] + [f'  - {{code: "s{i:03d}", name: "S{i}"}}' for i in range(scopes)]
    lines += ["goals:", "  - {id: g00, title: G, unit: percent, direction: decrease}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_import_killed_at_any_moment_leaves_all_or_none(tmp_path, backend):
    rows = 100_000  # about a second of work: killed at eighth-of-a-second steps, in every phase of it
    _catalogue(tmp_path / "goals.yaml", rows // 100 + 1)
    _figures_file(tmp_path / "figures.csv", rows)

    def attempt(url: str, delay: float) -> int:
        env = {**os.environ, "GOALTRACK_DATABASE_URL": url}
        proc = goaltrack(env, "import", str(tmp_path / "figures.csv"))
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
        return proc.returncode

    def check(url: str) -> int:
        engine = db.open_database(url)
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
            count = conn.exec_driver_sql("SELECT count(*) FROM figure").scalar()
        engine.dispose()
        assert count in (0, rows), count  # all of the import, or none of it
        return count

    def run_all(url: str) -> list[int]:
        env = {**os.environ, "GOALTRACK_DATABASE_URL": url}
        subprocess.run([sys.executable, "-m", "goaltrack", "catalogue", "sync", str(tmp_path / "goals.yaml")],
                       cwd=ROOT, env=env, check=True, capture_output=True)
        seen = []
        for delay in [0.125 * step for step in range(1, 32)] + [30.0]:
            code = attempt(url, delay)
            seen.append(check(url))
            if seen[-1] == rows:
                assert code in (0, -signal.SIGKILL)
                break
        return seen

    if backend == "sqlite":
        seen = run_all(f"sqlite:///{tmp_path / 'killed.db'}")
    else:
        with postgres_database() as url:
            seen = run_all(url)
    assert seen[0] == 0  # killed early: nothing of it
    assert seen[-1] == rows  # and the last attempt finished: all of it
    print(f"\n{backend}: rows after each kill: {seen}")
