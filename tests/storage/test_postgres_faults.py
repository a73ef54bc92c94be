"""PostgreSQL faults that once ended in "unexpected …": a role that may only read, a NUL in a text,
and psycopg's own log line when a server goes away mid-COPY."""

from __future__ import annotations

import logging
import uuid

import pytest
from click.testing import CliRunner

from goaltrack.cli import cli
from tests.conftest import postgres_database


def invoke(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def one_error(result, expected: str) -> None:
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and expected in result.stderr, result.stderr
    assert "unexpected" not in result.stderr and "Traceback" not in result.stderr


@pytest.fixture
def pg(monkeypatch):
    monkeypatch.delenv("GOALTRACK_DEBUG", raising=False)
    with postgres_database() as url:
        monkeypatch.setenv("GOALTRACK_DATABASE_URL", url)
        assert invoke("goals").exit_code == 0
        yield url


def figures(engine_url: str) -> list[tuple]:
    from sqlalchemy import create_engine, text

    engine = create_engine(engine_url)
    with engine.connect() as conn:
        rows = list(conn.execute(text("SELECT indicator, scope, year, value, source FROM figure ORDER BY id")))
    engine.dispose()
    return rows


def test_a_select_only_role_reads_and_is_refused_writes_in_one_line(pg, tmp_path):
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    role = f"goaltrack_reader_{uuid.uuid4().hex[:8]}"
    admin = create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        conn.execute(text(f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{role}"'))
    reader = make_url(pg).set(username=role, password=None).render_as_string(hide_password=False)
    try:
        before = figures(pg)
        assert invoke("--db", reader, "status", "homelessness", "--format", "json").exit_code == 0
        one_error(invoke("--db", reader, "record", "homelessness", "6431", "--year", "2019"), "permission denied")
        csv_file = tmp_path / "f.csv"
        csv_file.write_text("goal,year,value\nhomelessness,2019,6431\n")
        one_error(invoke("--db", reader, "import", str(csv_file)), "permission denied")  # by COPY
        assert figures(pg) == before
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP OWNED BY "{role}"'))
            conn.execute(text(f'DROP ROLE "{role}"'))
        admin.dispose()


def test_a_nul_in_a_text_is_one_error_line(pg, tmp_path):
    before = figures(pg)
    nul = tmp_path / "nul.json"
    nul.write_text('[{"goal": "homelessness", "year": 2019, "value": 6431, "source": "VIVE\\u0000 2019"}]')
    one_error(invoke("import", str(nul)), "control character \\x00")  # refused before the server sees it
    assert figures(pg) == before
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text('goals:\n  - id: x\n    title: t\n    unit: count\n    direction: increase\n'
                         '    source: "a\\0b"\n')
    one_error(invoke("catalogue", "sync", str(catalogue)), "control character \\x00")


def test_psycopgs_own_log_line_stays_off_stderr(pg, capfd):
    assert invoke("status", "homelessness").exit_code == 0
    logging.getLogger("psycopg").warning("error ignored terminating <psycopg.Copy>: server closed the connection")
    assert "error ignored" not in capfd.readouterr().err
