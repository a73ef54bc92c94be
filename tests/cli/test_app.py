"""The run's application object and the one error path: the database opened once through the library's
bootstrap, and a Ctrl-C told truthfully (after the write, or before it)."""

from __future__ import annotations

import pytest

from goaltrack.storage import store


def test_a_library_caller_gets_the_starting_catalogue(tmp_path, db_path):
    """The bootstrap lives in the library: a notebook that opens a new database finds the goals in it,
    as the command line does (it used to live in the CLI, and a library caller got an empty database)."""
    from goaltrack.storage.bootstrap import open_goaltrack

    url = f"sqlite:///{tmp_path / 'notebook.db'}"
    first = open_goaltrack(url)
    assert first.loaded is not None
    assert len(first.loaded.added) == 16
    assert first.loaded.measurements_added == 5  # the seed figures of tests/conftest.py
    assert first.catalogue.endswith("seed-goals.yaml (GOALTRACK_CATALOGUE)")
    goals = store.list_goals(first.engine)
    assert [g.id for g in goals][:3] == ["youth-education", "school-reading", "school-maths"]
    again = open_goaltrack(url)
    assert again.loaded is None  # loaded once, never twice
    assert len(store.list_goals(again.engine)) == 16
    bare = open_goaltrack(f"sqlite:///{tmp_path / 'bare.db'}", load_catalogue=False)
    assert bare.loaded is None and store.list_goals(bare.engine) == []


@pytest.mark.fresh_database
def test_the_cli_says_what_the_first_open_loaded(run):
    result = run("goals")
    assert result.stderr.startswith("Loaded ")
    assert "into a new database: 16 goals, 5 published figures." in result.stderr
    assert "Loaded" not in run("goals").stderr


@pytest.mark.parametrize("when, said", [
    ("after", "Error: interrupted after the write was done: it is complete"),
    ("before", "Error: interrupted; nothing was written by the interrupted step"),
])
def test_ctrl_c_is_told_truthfully(run, monkeypatch, when, said):
    """A Ctrl-C that lands after a command's write committed says so; one that lands before says
    nothing was written (the error path finds the write count in goaltrack.storage.database)."""
    run("goals")
    real = store.record

    def interrupted(*args, **kwargs):
        if when == "after":
            real(*args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr(store, "record", interrupted)
    result = run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019", ok=False)
    assert result.exit_code == 130
    assert result.stderr.strip().splitlines()[-1] == said
    monkeypatch.setattr(store, "record", real)
    figures = run.json("history", "homelessness", "--format", "json")
    assert any(f["year"] == 2019 for f in figures) is (when == "after")


UNRAISABLE = """
import signal, sys, time
from goaltrack import entry
sys.unraisablehook = entry._unraisable
signal.signal(signal.SIGINT, signal.default_int_handler)
class Interrupted:
    def __del__(self):
        raise KeyboardInterrupt  # where Python cannot raise it, as in the import machinery's callbacks
try:
    Interrupted()
    for _ in range(1000):
        time.sleep(0.001)
    print("lost")
except KeyboardInterrupt:
    print("raised again")
"""


def test_a_ctrl_c_python_cannot_raise_is_sent_again_not_printed_and_lost():
    """A Ctrl-C inside a weakref callback of an import printed "Exception ignored in …" and a traceback,
    and the command carried on (seen once in test_ctrl_c_at_any_moment_of_an_import_tells_the_truth)."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    result = subprocess.run([sys.executable, "-c", UNRAISABLE], capture_output=True, text=True, timeout=60,
                            env={**__import__("os").environ, "PYTHONPATH": str(ROOT)})
    assert (result.stdout, result.stderr) == ("raised again\n", "")
