"""A shared SQLite file that some users may only read: they can look, and leave nothing behind that
would lock its owner out; and every goaltrack SQLite file is in WAL mode, whoever created it."""

from __future__ import annotations

import os
import shutil
import site
import sqlite3
import stat
import subprocess
import sys
import sysconfig
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from goaltrack.storage import database as db
from tests.conftest import ROOT

OWNER, READER = 4242, 4343  # two users without a login; root can become either
NOT_NEEDED = ("test", "idlelib", "tkinter", "turtledemo", "ensurepip")  # of the standard library, to link


def reachable(path: Path) -> bool:
    """Whether a user with no claim on ``path`` (not its owner, not in its group) can read it: every
    folder on the way there lets others through. A clone or a Python in a home folder (0700) does not."""
    path = path.resolve()
    folders = [path, *path.parents] if path.is_dir() else list(path.parents)
    return path.stat().st_mode & stat.S_IROTH != 0 and all(f.stat().st_mode & stat.S_IXOTH for f in folders)


def link_or_copy(source: str | Path, target: str | Path) -> None:
    """A hard link where the file system allows one (no data copied), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def link_tree(source: Path, target: Path, skip: tuple[str, ...] = ()) -> None:
    """``source`` again at ``target`` (linked or copied file by file), every folder open to others."""
    shutil.copytree(source, target, symlinks=True, ignore=shutil.ignore_patterns(*skip), copy_function=link_or_copy,
                    dirs_exist_ok=True)
    for folder, _, _ in os.walk(target):
        os.chmod(folder, 0o755)


def reachable_python(top: Path) -> tuple[str, dict[str, str]]:
    """This test run's Python, standard library and installed packages, as a program another user can
    start: in place where others can reach them already, else linked into ``top`` (a base Python and
    a virtual environment over it, as ``python -m venv`` makes them)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    libdir = Path(sysconfig.get_config_var("LIBDIR") or stdlib.parent)
    shared_lib = bool(sysconfig.get_config_var("Py_ENABLE_SHARED"))
    needed = [Path(sys.executable), stdlib, *map(Path, site.getsitepackages())] + ([libdir] if shared_lib else [])
    if all(reachable(p) for p in needed if p.exists()):
        return sys.executable, {}
    base, venv = top / "python", top / "venv"
    interpreter = Path(sys._base_executable).resolve()
    (base / "bin").mkdir(parents=True)
    link_or_copy(interpreter, base / "bin" / interpreter.name)
    link_tree(stdlib, base / "lib" / version, NOT_NEEDED + ("site-packages",))  # packages: below
    if shared_lib:
        for library in libdir.glob("libpython*.so*"):
            link_or_copy(library, base / "lib" / library.name)
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").symlink_to(base / "bin" / interpreter.name)
    (venv / "pyvenv.cfg").write_text(f"home = {base / 'bin'}\ninclude-system-site-packages = false\n"
                                     f"version = {'.'.join(map(str, sys.version_info[:3]))}\n")
    packages = venv / "lib" / version / "site-packages"
    folders = [Path(folder) for folder in site.getsitepackages() if Path(folder).is_dir()]
    if len(folders) == 1 and reachable(folders[0]):  # a virtual environment outside any home folder
        packages.parent.mkdir(parents=True)
        packages.symlink_to(folders[0])
    for folder in folders if not packages.exists() else []:
        link_tree(folder, packages)
    for folder, _, _ in os.walk(top):
        os.chmod(folder, 0o755)
    return str(venv / "bin" / "python"), {"LD_LIBRARY_PATH": str(base / "lib")} if shared_lib else {}


def reachable_source(top: Path) -> Path:
    """goaltrack's source tree (the package, its migrations and the shipped catalogue) where other
    users can read it: the clone itself, or a linked copy of what the program reads from it."""
    if reachable(ROOT / "goaltrack"):
        return ROOT
    (top / "source").mkdir()
    for name in ("goaltrack", "migrations", "goals.yaml"):
        if (ROOT / name).is_dir():
            link_tree(ROOT / name, top / "source" / name)
        elif (ROOT / name).is_file():
            link_or_copy(ROOT / name, top / "source" / name)
    return top / "source"


def temp_root() -> Path:
    """A temporary folder other users can reach: the usual one (TMPDIR), else /tmp."""
    for candidate in (Path(tempfile.gettempdir()), Path("/tmp")):
        if candidate.is_dir() and reachable(candidate):
            return candidate
    pytest.skip(f"no temporary folder other users can reach ({tempfile.gettempdir()} and /tmp are not)")


@pytest.fixture(scope="module")
def other_users_python():
    """The program as another user starts it: a Python, the packages and goaltrack's source that
    user can read, wherever the clone, the virtual environment and HOME live."""
    if os.geteuid() != 0:
        pytest.skip("needs root, to act as two other users")
    top = Path(tempfile.mkdtemp(prefix="goaltrack-python-", dir=temp_root()))
    top.chmod(0o755)
    python, env = reachable_python(top)
    env["PYTHONPATH"] = str(reachable_source(top))
    yield python, env
    shutil.rmtree(top)


@dataclass(frozen=True)
class SharedFolder:
    """A folder other users can reach (pytest's tmp_path is root's alone), and goaltrack as they run it."""

    path: Path
    python: str
    env: dict[str, str]

    def as_user(self, uid: int, *args: str) -> subprocess.CompletedProcess:
        """``goaltrack ARGS`` run by the user ``uid`` from start to finish (root only starts it), with
        a home folder of its own; a new database starts from the seed catalogue."""
        home = self.path / f"home-{uid}"
        if not home.exists():
            home.mkdir()
            os.chown(home, uid, uid)
        # MUTANT_UNDER_TEST: mutmut's, for this process only; the child runs elsewhere (README, "Mutation testing")
        env = {k: v for k, v in os.environ.items()
               if k not in ("GOALTRACK_DATABASE_URL", "GOALTRACK_DEBUG", "MUTANT_UNDER_TEST")}
        env.update(self.env, HOME=str(home), GOALTRACK_CATALOGUE=str(self.path / "seed-goals.yaml"))
        return subprocess.run([self.python, "-m", "goaltrack", *args], cwd=self.path, env=env, user=uid, group=uid,
                              extra_groups=[], capture_output=True, text=True, timeout=120)


@pytest.fixture
def shared(other_users_python, seed_catalogue):
    """A folder of the test's own that other users can reach, holding the catalogue a new database
    starts from."""
    top = Path(tempfile.mkdtemp(prefix="goaltrack-shared-", dir=temp_root()))
    top.chmod(0o755)
    shutil.copy2(seed_catalogue, top / "seed-goals.yaml")
    yield SharedFolder(top, *other_users_python)
    shutil.rmtree(top)


def owned_by(uid: int, folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.stat().st_uid == uid)


@pytest.mark.parametrize("folder_mode", [0o777, 0o755])
def test_a_reader_leaves_nothing_that_locks_the_owner_out(shared, folder_mode):
    data = shared.path / "data"
    data.mkdir()
    os.chown(data, OWNER, OWNER)
    url = f"sqlite:///{data / 'goals.db'}"
    done = shared.as_user(OWNER, "--db", url, "record", "homelessness", "6431", "--year", "2019")
    assert done.returncode == 0, done.stderr
    data.chmod(folder_mode)  # 0777: the reader may write the folder, not the file (0644)
    assert (data / "goals.db").stat().st_mode & 0o777 == 0o644

    seen = shared.as_user(READER, "--db", url, "status", "homelessness", "--format", "json")
    assert seen.returncode == 0, seen.stderr
    assert '"value": 6431' in seen.stdout
    assert owned_by(READER, data) == []  # no -wal, no -shm: nothing of the reader's
    assert sorted(p.name for p in data.iterdir()) == ["goals.db"]

    refused = shared.as_user(READER, "--db", url, "record", "homelessness", "6635", "--year", "2017")
    assert refused.returncode == 1 and refused.stderr.count("Error: ") == 1, refused.stderr
    assert "read-only for you" in refused.stderr and "Traceback" not in refused.stderr

    again = shared.as_user(OWNER, "--db", url, "record", "homelessness", "6635", "--year", "2017")
    assert again.returncode == 0, again.stderr  # the owner still writes


def test_a_reader_reads_through_a_writer_at_work(shared):
    data = shared.path / "data"
    data.mkdir()
    os.chown(data, OWNER, OWNER)
    url = f"sqlite:///{data / 'goals.db'}"
    assert shared.as_user(OWNER, "--db", url, "record", "homelessness", "6431", "--year", "2019").returncode == 0
    writer = sqlite3.connect(data / "goals.db")  # a writer at work: its -wal and -shm are there
    writer.execute("INSERT INTO figure (indicator, scope, year, value, published, recorded_at, deleted) "
                   "VALUES ('homelessness', 'DK', 2019, 6432, '2026-01-01', '2026-01-01 00:00:00', 0)")
    writer.commit()  # committed to the WAL, not yet to the file
    try:
        assert (data / "goals.db-wal").exists() and (data / "goals.db-shm").exists()
        seen = shared.as_user(READER, "--db", url, "status", "homelessness", "--format", "json")
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


@pytest.mark.fresh_database
def test_db_upgrade_sets_wal(run, db_path):
    run("db", "upgrade")
    assert journal_mode(db_path) == "wal"


@pytest.mark.fresh_database
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
