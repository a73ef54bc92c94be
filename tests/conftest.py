"""Shared fixtures: every test gets its own database under tmp_path, never the user's."""

from __future__ import annotations

import gc
import json
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from goaltrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent

# The national figures the seed documents give (the catalogue as first released). Tests of the
# mechanics (record, import, status, charts) start from these, so that they keep their hand-computed
# figures when goals.yaml ships more of the published record; tests of the published record itself
# are marked `shipped` and start from goals.yaml as it is (tests/test_published.py).
SEED_FIGURES = {
    "homelessness": [{"year": 2013, "value": 5820,
                      "source": "SFI national count 2013, quoted in Socialpædagogerne's input (2013)"}],
    "drug-deaths": [{"year": 2012, "value": 210, "source": "Socialpædagogerne's input to the 2020 goals (2013)"}],
    "psychiatry-coercion": [{"year": 2012, "value": 21.8, "source": "Danske Regioner status report, quoted in "
                                                                   "Socialpædagogerne's input (2013)"}],
    "foster-families": [{"year": 2018, "value": 5888, "source": "Socialpædagogerne, Et liv med muligheder (2019)"}],
    "social-support-recipients": [{"year": 2017, "value": 183400,
                                   "source": "Socialpædagogerne, Et liv med muligheder (2019)"}],
}


@pytest.fixture(scope="session")
def seed_catalogue() -> Iterator[Path]:
    """The shipped catalogue with the national figures of the seed documents only, readable by every
    user (tests/storage/test_readonly.py runs goaltrack as other users)."""
    catalogue = yaml.safe_load((ROOT / "goals.yaml").read_text(encoding="utf-8"))
    for goal in catalogue["goals"]:
        goal.pop("measurements", None)
        if goal["id"] in SEED_FIGURES:
            goal["measurements"] = SEED_FIGURES[goal["id"]]
    folder = Path(tempfile.mkdtemp(prefix="goaltrack-seed-"))
    folder.chmod(0o755)
    path = folder / "seed-goals.yaml"
    path.write_text(yaml.safe_dump(catalogue, allow_unicode=True, sort_keys=False), encoding="utf-8")
    path.chmod(0o644)
    yield path
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def start_from_the_seed_figures(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new database starts from the seed figures, unless the test is about the shipped record."""
    if request.node.get_closest_marker("shipped") is None:
        monkeypatch.setenv("GOALTRACK_CATALOGUE", str(request.getfixturevalue("seed_catalogue")))
    else:
        monkeypatch.delenv("GOALTRACK_CATALOGUE", raising=False)
    # No terminal width from outside (a shell's COLUMNS, a pytest-xdist worker's): a test that cares sets it.
    monkeypatch.delenv("COLUMNS", raising=False)


class TemplateDatabases:
    """A new database as a test's first command leaves it, made once per session for each starting
    catalogue (the seed figures, or goals.yaml as shipped) and copied into each test that starts from
    it: loading the catalogue costs a few tenths of a second, a copy about a millisecond."""

    def __init__(self, folder: Path, seed_catalogue: Path) -> None:
        self.folder = folder
        self.catalogues = {"seed": str(seed_catalogue), "shipped": None}
        self.made: dict[str, Path] = {}

    def copy_to(self, path: Path, kind: str) -> None:
        """The template copied to ``path``, with the mode SQLite gives a file it creates (the
        template's own: it was created under the same umask)."""
        if kind not in self.made:
            self.made[kind] = self._make(kind)
        shutil.copy(self.made[kind], path)

    def _make(self, kind: str) -> Path:
        path = self.folder / f"{kind}.db"
        catalogue = self.catalogues[kind]
        env = {"GOALTRACK_DATABASE_URL": f"sqlite:///{path}", "GOALTRACK_CATALOGUE": catalogue,
               "GOALTRACK_DEBUG": "1", "GOALTRACK_LANG": None}
        result = CliRunner().invoke(cli, ["goals"], env=env, catch_exceptions=False)
        loaded = f"Loaded {catalogue} (GOALTRACK_CATALOGUE)" if catalogue else "Loaded the shipped catalogue"
        assert result.exit_code == 0 and result.stderr.startswith(f"{loaded} into a new database"), result.output
        gc.collect()  # the command's engine and its pooled connection go
        with closing(sqlite3.connect(path)) as conn:  # everything in the file itself, nothing left in its -wal
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        assert busy == 0, f"the template {path} could not be checkpointed"
        return path


@pytest.fixture(scope="session")
def template_databases(tmp_path_factory: pytest.TempPathFactory, seed_catalogue: Path) -> TemplateDatabases:
    return TemplateDatabases(tmp_path_factory.mktemp("templates"), seed_catalogue)


@pytest.fixture
def db_path(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test's SQLite file (GOALTRACK_DATABASE_URL): a copy of the session's new database, or, for
    a test marked ``fresh_database``, no file yet (its first command creates it). Mark a test so when
    its first command must find no database: it reads the first-use message or the file's absence,
    sets its own GOALTRACK_CATALOGUE, or starts with ``db upgrade``/``db current``/``catalogue sync``
    or the library rather than a command that loads the catalogue."""
    path = tmp_path / "goaltrack.db"
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("GOALTRACK_DEBUG", "1")  # an unexpected exception fails the test loudly
    monkeypatch.delenv("GOALTRACK_LANG", raising=False)
    if request.node.get_closest_marker("fresh_database") is None:
        kind = "seed" if request.node.get_closest_marker("shipped") is None else "shipped"
        request.getfixturevalue("template_databases").copy_to(path, kind)
    return path


class Runner:
    """Calls the CLI as a shell would, and reads what it printed."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str, ok: bool = True):
        result = self.runner.invoke(cli, list(args), catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    def json(self, *args: str):
        return json.loads(self(*args).stdout)

    def fails(self, *args: str, code: int = 1):
        """Runs a command that must fail with one ``Error: …`` line first on stderr, no traceback."""
        result = self(*args, ok=False)
        assert result.exit_code == code, result.output
        assert result.stderr.startswith("Error: "), result.stderr
        assert "Traceback" not in result.stderr
        assert result.stdout == ""
        return result


@pytest.fixture
def run(db_path: Path) -> Runner:
    return Runner()


def dump(path: Path) -> list[str]:
    """Everything in an SQLite database, to compare before and after a failed command."""
    with sqlite3.connect(path) as conn:
        return list(conn.iterdump())


PG_ENV = "GOALTRACK_TEST_POSTGRES_URL"


def _has_psycopg() -> bool:
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False
    return True


# Tests that talk to PostgreSQL (or expect its driver's own errors) skip cleanly with only `.[test]`.
needs_psycopg = pytest.mark.skipif(not _has_psycopg(), reason="psycopg is not installed (pip install '.[postgres]')")


@contextmanager
def postgres_database() -> Iterator[str]:
    admin_url = os.environ.get(PG_ENV)
    if not admin_url:
        pytest.skip(f"{PG_ENV} is not set")
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install '.[postgres]')")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"goaltrack_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend_url(request, tmp_path, monkeypatch) -> Iterator[str]:
    monkeypatch.setenv("GOALTRACK_DEBUG", "1")
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'goaltrack.db'}"
        monkeypatch.setenv("GOALTRACK_DATABASE_URL", url)
        yield url
    else:
        with postgres_database() as url:
            monkeypatch.setenv("GOALTRACK_DATABASE_URL", url)
            yield url


def pytest_make_parametrize_id(config, val, argname):
    """Parameters that are whole files (YAML, CSV) get short ids on one line, so that a test's node id
    can be given back to pytest (mutmut runs tests by node id)."""
    if isinstance(val, str) and "\n" in val:
        first = val.split("\n", 1)[0]
        return f"{first[:30]}…{len(val)}"
    return None


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (tests/browser.py), one per test process; skips cleanly where none is installed."""
    from tests.browser import chromium

    with chromium() as launched:
        yield launched
