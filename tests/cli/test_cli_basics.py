"""What every command owes a user: help with an example, fast start, `python -m goaltrack`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import click
import pytest

from goaltrack.cli import cli
from tests.conftest import ROOT


def all_commands(group: click.Group = cli, prefix: tuple[str, ...] = ()):
    yield prefix
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))
        else:
            yield prefix + (name,)


@pytest.mark.parametrize("path", list(all_commands()), ids=lambda p: " ".join(p) or "goaltrack")
def test_every_command_has_help_with_an_example(run, path):
    out = run(*path, "--help").stdout
    assert "Example" in out
    assert "goaltrack " + " ".join(path) in out.split("Example", 1)[1]


def _python(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})}, timeout=120)


LOADED = "import sys, json; print(json.dumps(sorted(m for m in ('sqlalchemy', 'matplotlib', 'alembic', 'yaml', 'sqlmodel', 'rich') if m in sys.modules)))"


def test_help_loads_nothing_heavy():
    code = ("import sys\nfrom goaltrack.cli import main\ntry:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            + LOADED.replace("print(", "print('LOADED', "))
    out = _python(code).stdout
    loaded = json.loads(out.split("LOADED ", 1)[1])
    assert loaded == []


def test_status_loads_no_matplotlib_nor_alembic(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    subprocess.run([sys.executable, "-m", "goaltrack", "--db", url, "goals"], check=True, capture_output=True, cwd=ROOT)
    code = ("import sys\nfrom goaltrack.cli import main\ntry:\n    main(['--db', %r, 'status'])\nexcept SystemExit:\n    pass\n"
            % url) + LOADED.replace("print(", "print('LOADED', ")
    result = _python(code)
    loaded = json.loads(result.stdout.split("LOADED ", 1)[1])
    assert "sqlalchemy" in loaded  # it did reach the database
    assert "matplotlib" not in loaded
    assert "alembic" not in loaded  # an up-to-date database needs no migration machinery


def test_python_dash_m(tmp_path):
    result = subprocess.run([sys.executable, "-m", "goaltrack", "--db", f"sqlite:///{tmp_path / 'x.db'}", "status",
                             "--format", "json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["goals"]) == 16


def test_version(run):
    assert run("--version").stdout.startswith("goaltrack, version ")


def test_unexpected_errors_are_one_line_without_debug(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from goaltrack.judging import status as status_module

    def boom(*args, **kwargs):
        raise RuntimeError("kaput")

    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'x.db'}")
    monkeypatch.delenv("GOALTRACK_DEBUG", raising=False)
    monkeypatch.setattr(status_module, "build_status", boom)
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ("Error: unexpected RuntimeError: kaput "
                                              "(set GOALTRACK_DEBUG=1 to see where; please report it)")
    assert "Traceback" not in result.stderr
