"""A shared SQLite file that some users may only read: they can look, and leave nothing behind that
would lock its owner out; and every goaltrack SQLite file is in WAL mode, whoever created it."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from goaltrack.storage import database as db

from tests.conftest import ROOT

OWNER, READER = 4242, 4343  # two users without a login; root can become either

# Runs goaltrack as another user. Everything goaltrack imports is loaded first, as root (the reader
# could not read the interpreter's folder), by a status on a scratch database; then the process
# drops to the user and runs the command.
AS_USER = """
import os, sys
from goaltrack.cli import main

uid, warm, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
for warming in (["--db", warm, "status"], ["--db", warm, "record", "drug-deaths", "250", "--year", "2015"]):
    try:
        main(warming)
    except SystemExit:
        pass
os.setgid(uid)
os.setuid(uid)
main(args)
"""


def as_user(uid: int, folder: Path, *args: str) -> subprocess.CompletedProcess:
    script = folder / "as_user.py"
    script.write_text(AS_USER)
    env = {k: v for k, v in os.environ.items() if k not in ("GOALTRACK_DATABASE_URL", "GOALTRACK_DEBUG")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run([sys.executable, str(script), str(uid), f"sqlite:///{folder / 'warm' / 'warm.db'}", *args],
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def shared():
    """A folder other users can reach (pytest's tmp_path is root's alone)."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as two other users")
    top = Path(tempfile.mkdtemp(prefix="goaltrack-shared-"))
    top.chmod(0o755)
    (top / "warm").mkdir()
    yield top
    shutil.rmtree(top)


def owned_by(uid: int, folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.stat().st_uid == uid)


@pytest.mark.parametrize("folder_mode", [0o777, 0o755])
def test_a_reader_leaves_nothing_that_locks_the_owner_out(shared, folder_mode):
    data = shared / "data"
    data.mkdir()
    os.chown(data, OWNER, OWNER)
    url = f"sqlite:///{data / 'goals.db'}"
    done = as_user(OWNER, shared, "--db", url, "record", "homelessness", "6431", "--year", "2019")
    assert done.returncode == 0, done.stderr
    data.chmod(folder_mode)  # 0777: the reader may write the folder, not the file (0644)
    assert (data / "goals.db").stat().st_mode & 0o777 == 0o644

    seen = as_user(READER, shared, "--db", url, "status", "homelessness", "--format", "json")
    assert seen.returncode == 0, seen.stderr
    assert '"value": 6431' in seen.stdout
    assert owned_by(READER, data) == []  # no -wal, no -shm: nothing of the reader's
    assert sorted(p.name for p in data.iterdir()) == ["goals.db"]

    refused = as_user(READER, shared, "--db", url, "record", "homelessness", "6635", "--year", "2017")
    assert refused.returncode == 1 and refused.stderr.count("Error: ") == 1, refused.stderr
    assert "read-only for you" in refused.stderr and "Traceback" not in refused.stderr

    again = as_user(OWNER, shared, "--db", url, "record", "homelessness", "6635", "--year", "2017")
    assert again.returncode == 0, again.stderr  # the owner still writes


def test_a_reader_reads_through_a_writer_at_work(shared):
    data = shared / "data"
    data.mkdir()
    os.chown(data, OWNER, OWNER)
    url = f"sqlite:///{data / 'goals.db'}"
    assert as_user(OWNER, shared, "--db", url, "record", "homelessness", "6431", "--year", "2019").returncode == 0
    writer = sqlite3.connect(data / "goals.db")  # a writer at work: its -wal and -shm are there
    writer.execute("UPDATE measurement SET value = 6432 WHERE year = 2019 AND goal_id = 'homelessness'")
    writer.commit()  # committed to the WAL, not yet to the file
    try:
        assert (data / "goals.db-wal").exists() and (data / "goals.db-shm").exists()
        seen = as_user(READER, shared, "--db", url, "status", "homelessness", "--format", "json")
        assert seen.returncode == 0, seen.stderr
        assert '"value": 6432' in seen.stdout  # the newest commit, read through the WAL
        assert owned_by(READER, data) == []
    finally:
        writer.close()


def test_the_decision_writes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "goals.db"
    assert db.sqlite_access(path) == "write"  # still to be created
    path.write_bytes(b"")
    assert db.sqlite_access(path) == "write"
    before = path.stat()

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode))
    assert db.sqlite_access(path) == "immutable"
    (tmp_path / "goals.db-wal").write_bytes(b"")
    assert db.sqlite_access(path) == "immutable"  # a -wal without its -shm: the reader would create one
    (tmp_path / "goals.db-shm").write_bytes(b"")
    assert db.sqlite_access(path) == "read"
    monkeypatch.undo()
    assert path.stat().st_mtime_ns == before.st_mtime_ns and path.read_bytes() == b""


def journal_mode(path: Path) -> str:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA journal_mode").fetchone()[0]


def test_db_upgrade_sets_wal(run, db_path):
    run("db", "upgrade")
    assert journal_mode(db_path) == "wal"


def test_first_use_sets_wal_on_a_file_in_another_mode(run, db_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    subprocess.run([sys.executable, "-m", "goaltrack", "db", "upgrade"], env=env, check=True, capture_output=True)
    with sqlite3.connect(db_path) as conn:  # as a goaltrack before WAL left it
        conn.execute("PRAGMA journal_mode = DELETE")
    assert journal_mode(db_path) == "delete"
    run("status")
    assert journal_mode(db_path) == "wal"


def test_wal_is_never_set_on_a_file_that_is_not_ours(run, tmp_path):
    other = tmp_path / "other.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE precious (x)")
    run.fails("--db", f"sqlite:///{other}", "db", "upgrade")
    assert journal_mode(other) == "delete"
