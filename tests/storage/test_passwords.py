"""No password from a database URL is ever printed, nor left in the process list for other users."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from goaltrack.storage.urls import mask_url, parse_url, redact, secrets
from tests.conftest import ROOT, needs_psycopg

# Each URL as a user might type it, and the password in it. Port 1: nothing listens, so the command
# fails at once with an error that names the (masked) URL.
URLS = [
    ("postgresql+psycopg://ana:Pl41nPass@127.0.0.1:1/goals", "Pl41nPass"),
    ("postgresql+psycopg://ana@127.0.0.1:1/goals?password=Pl41nPass", "Pl41nPass"),
    ("postgresql+psycopg://ana@127.0.0.1:1/goals?sslmode=disable&PASSWORD=Pl41nPass", "Pl41nPass"),
    ("postgresql+psycopg://slash:Top/Secret@127.0.0.1:1/goals", "Top/Secret"),
    ("postgresql+psycopg://ana:p@ss:LeakedPart@127.0.0.1:1/goals", "p@ss:LeakedPart"),
    ("postgresql+psycopg://ana:pct%40Enc0ded@127.0.0.1:1/goals", "pct@Enc0ded"),
    # a query value is masked as written too, which is what ps shows: '+' and %41 are not what it decodes to
    ("postgresql+psycopg://ana@127.0.0.1:1/goals?password=ab+cd+Secret", "ab cd Secret"),
    ("postgresql+psycopg://ana@127.0.0.1:1/goals?password=p%41ss%2BLeakedPart", "pAss+LeakedPart"),
]


@pytest.mark.parametrize(("url", "password"), URLS)
def test_every_form_of_password_is_masked(url, password):
    shown = mask_url(url)
    assert "***" in shown
    for piece in (password, "Secret", "LeakedPart", "Enc0ded"):
        assert piece not in shown
    # the password alone in a driver's message, or a piece of it where a parser cut it up
    message = redact(f"password {password} rejected; bad port {password.split(':')[-1]}@127.0.0.1 ({url})", url)
    assert password not in message and password.split(":")[-1] not in message and "***" in message


@pytest.mark.parametrize(("url", "password"), URLS)
def test_a_password_is_read_as_typed(url, password):
    """"@", ":" and "/" in a password belong to it: the host is still 127.0.0.1, port 1."""
    parsed = parse_url(url)
    assert (parsed.host, parsed.port, parsed.database) == ("127.0.0.1", 1, "goals")
    assert parsed.password == password or parsed.query.get("password", parsed.query.get("PASSWORD")) == password


def test_paths_are_not_passwords():
    assert mask_url("sqlite:////tmp/a@b:c.db") == "sqlite:////tmp/a@b:c.db"
    assert secrets("sqlite:////tmp/x:y@z.db") == []
    assert parse_url("sqlite:////tmp/a@b:c.db").database == "/tmp/a@b:c.db"


@needs_psycopg  # the failure whose message is checked is the driver's own (port 1: nothing listens)
@pytest.mark.parametrize(("url", "password"), URLS)
def test_no_command_prints_a_password(run, url, password):
    for args in (["--db", url, "status"], ["status", "--db", url], ["--db", url, "db", "current"],
                 ["--db", url, "db", "upgrade"], ["--db", url, "record", "homelessness", "1", "--year", "2015"]):
        result = run(*args, ok=False)
        out = result.stdout + result.stderr
        assert result.exit_code == 1, out
        errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
        assert len(errors) == 1 and "cannot use database" in errors[0] and "unexpected" not in out, out
        for piece in (password, "Secret", "LeakedPart", "Enc0ded", "Pl41n"):
            assert piece not in out, out


@needs_psycopg
def test_the_environment_variable_is_masked_too(run, monkeypatch):
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", "postgresql+psycopg://ana:p@ss:LeakedPart@127.0.0.1:1/goals")
    result = run("status", ok=False)
    assert "LeakedPart" not in result.stderr and "ana:***@127.0.0.1:1/goals" in result.stderr


@pytest.mark.filterwarnings("ignore:Query string argument")
def test_db_current_masks_a_query_password(run, tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}?password=Pl41nPass"
    out = run("--db", url, "db", "current").stdout
    assert "Pl41nPass" not in out and "password=***" in out


SCRIPT = """
import os, sys
from goaltrack.cli import hide_passwords_in_process_list

print(hide_passwords_in_process_list())
print(sys.argv[2])  # Python's own copy is kept: goaltrack still connects with the password
pid = os.fork()  # a chart worker: forked, it inherits the command line
if pid == 0:
    with open("/proc/self/cmdline", "rb") as f:
        sys.stdout.write(f.read().decode().replace("\\0", " ") + "\\n")
    sys.stdout.flush()
    os._exit(0)
os.waitpid(pid, 0)
with open("/proc/self/cmdline", "rb") as f:
    print(f.read().decode().replace("\\0", " "))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the process list is read from /proc")
@pytest.mark.parametrize(("url", "password"), [*URLS, ("postgresql+psycopg://ana@127.0.0.1:1/goals?p%41ssword=LeakedPart",
                                                     "LeakedPart")])
def test_the_process_list_shows_no_password(tmp_path, url, password):
    script = tmp_path / "worker.py"
    script.write_text(SCRIPT)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, str(script), "--db", url], capture_output=True, text=True,
                            env=env, timeout=60, check=True)
    blanked, kept, worker, parent = result.stdout.splitlines()
    assert blanked == "True" and kept == url
    for shown in (worker, parent):
        assert "--db postgresql+psycopg://" in shown and "127.0.0.1:1/goals" in shown
        for piece in (password, "Secret", "LeakedPart", "Pl41n", "Enc0ded", "p%41ss%2B"):
            assert piece not in shown, shown


def test_nothing_to_hide_changes_nothing(tmp_path):
    script = tmp_path / "worker.py"
    script.write_text(SCRIPT)
    result = subprocess.run([sys.executable, str(script), "--db", "sqlite:///x.db"], capture_output=True,
                            text=True, env={**os.environ, "PYTHONPATH": str(ROOT)}, timeout=60, check=True)
    assert result.stdout.splitlines()[0] == "False"
