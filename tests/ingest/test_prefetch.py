"""A CSV file read ahead by a forked child (goaltrack.ingest.prefetch) ends exactly as one read here: the
same rows written, the same summary, the same problems in the same order, the same errors; a child that
dies is one Error line with nothing written."""

from __future__ import annotations

import os
import signal
import sqlite3

import pytest

from goaltrack.ingest import prefetch
from goaltrack.ingest.files import FigureFile
from tests.conftest import dump

FILES = {
    "good, with a title, a note, withheld cells and a wide part": (
        "Hjemløse efter kommune\n\nKommune;2015;2017;2019\nKøbenhavn;1400;1500;1450\nAarhus Kommune;500;-;520\n"
        "Høje-Taastrup;12;.;\n\nKilde: VIVE\n"),
    "problems of the reader and of the loader, in the order found": (
        "goal,scope,year,value\nhomelessness,DK,2015,6138\nhomelessness,101,2015,many\nhomelessness,DK,2015,6138\n"
        "homelessness,DK,2013,5821\nhomeles,DK,2016,5\nplacement-breakdown,DK,2015,104\n"),
    "a problem of the reader only": "goal,scope,year,value\nhomelessness,101,2015,1400\nhomelessness,147,2015,x\n",
    "malformed in the middle": 'goal,scope,year,value\nhomelessness,101,2015,1400\nhomelessness,147,"2015,300\n',
    "empty": "",
}


def _import(run, tmp_path, name: str, text: str, *extra: str):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    result = run("import", str(path), "--goal", "homelessness", *extra, ok=False) if "Kommune" in text else \
        run("import", str(path), *extra, ok=False)
    return result.exit_code, result.stdout, result.stderr


def figures(path) -> list[tuple]:
    """Every entry of the record but the moment it was recorded."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT id, indicator, scope, year, value, source, note, published, deleted, flag, "
                            "replaces FROM figure ORDER BY id").fetchall()


@pytest.mark.parametrize("name", sorted(FILES))
def test_read_ahead_ends_as_read_here(run, db_path, tmp_path, monkeypatch, name):
    run("goals")
    start = figures(db_path)
    here = _import(run, tmp_path, name, FILES[name])
    after_here = figures(db_path)
    # the same again, into the database as it was, with every file read ahead by a child
    db_path.write_bytes(b"")
    os.remove(db_path)
    run("goals")
    assert figures(db_path) == start
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    ahead = _import(run, tmp_path, name, FILES[name])
    assert ahead == here
    assert figures(db_path) == after_here


def test_the_child_reads_a_large_file_and_only_that(tmp_path, monkeypatch):
    """Read ahead only for a CSV file of MIN_BYTES or more, never a spreadsheet or JSON."""
    seen = []
    monkeypatch.setattr(prefetch.os, "fork", lambda: seen.append("fork") or (_ for _ in ()).throw(OSError("no")))
    small = tmp_path / "small.csv"
    small.write_text("goal,scope,year,value\n", encoding="utf-8")
    for path in (small, tmp_path / "x.json", tmp_path / "x.xlsx"):
        path.touch()
        assert not prefetch._worth_it(FigureFile(path, None, None, None, {}))
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * prefetch.MIN_BYTES)
    assert prefetch._worth_it(FigureFile(big, None, None, None, {}))
    assert seen == []


def test_a_child_that_dies_is_one_error_line_and_writes_nothing(run, db_path, tmp_path, monkeypatch):
    run("goals")
    path = tmp_path / "figures.csv"
    path.write_text("goal,scope,year,value\nhomelessness,101,2015,1400\n", encoding="utf-8")
    before = dump(db_path)
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    parent = os.getpid()

    def killed(self):
        if os.getpid() != parent:  # in the child: as the kernel's out-of-memory killer would
            os.kill(os.getpid(), signal.SIGKILL)
        yield from ()

    monkeypatch.setattr(FigureFile, "blocks", killed)
    assert run.fails("import", str(path)).stderr == (
        f"Error: {path} cannot be read: the reader ended unexpectedly\n")
    assert dump(db_path) == before
