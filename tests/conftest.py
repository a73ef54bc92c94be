"""Shared fixtures: every test gets its own database under tmp_path, never the user's."""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from goaltrack.cli import cli

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def db_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "goaltrack.db"
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.setenv("GOALTRACK_DEBUG", "1")  # an unexpected exception fails the test loudly
    monkeypatch.delenv("GOALTRACK_LANG", raising=False)
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
