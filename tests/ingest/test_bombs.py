"""Spreadsheet bombs (the third red team's cases): one Error line each, in bounded time and memory,
the database unchanged. Each import runs as its own process, so that what it costs is measured by
the kernel (getrusage of the children), never with a timer, under an address-space limit."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from goaltrack.ingest import bounded
from goaltrack.ingest.sheet_bounds import MAX_CELLS, column_number
from tests.conftest import dump
from tests.ingest import bombs

LIMIT = 1536 * 1024 * 1024  # the address space the whole import may take (the reader's child inherits it)
# Runs a command under LIMIT and writes what it took (its children included: the reader's) to a file:
# the kernel's count of CPU seconds and of the largest resident set, in kB.
MEASURE = """
import resource, subprocess, sys
def limited():
    resource.setrlimit(resource.RLIMIT_AS, ({limit}, {limit}))
code = subprocess.run(sys.argv[2:], preexec_fn=limited).returncode
used = resource.getrusage(resource.RUSAGE_CHILDREN)
open(sys.argv[1], "w").write(f"{{used.ru_utime + used.ru_stime}} {{used.ru_maxrss}}")
sys.exit(code)
""".format(limit=LIMIT)


def import_measured(path, db_path, tmp_path):
    """`goaltrack import PATH` in a process of its own: its result, and the CPU seconds and peak MB it took."""
    env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{db_path}"}
    env.pop("GOALTRACK_DEBUG", None)
    usage = tmp_path / "usage.txt"
    result = subprocess.run([sys.executable, "-c", MEASURE, str(usage), sys.executable, "-m", "goaltrack", "import",
                             str(path), "--goal", "homelessness"], env=env, capture_output=True, text=True,
                            timeout=120)
    cpu, peak = usage.read_text().split()
    return result, float(cpu), int(peak) / 1024


CASES = {
    "far-cell.xlsx": (bombs.far_cell, "the sheet reaches row 1,048,576 and column 16,384 (17,179,869,184 cells); "
                                      f"goaltrack reads at most {MAX_CELLS:,}"),
    "az-cell.xlsx": (lambda p: bombs.far_cell(p, "AZ1048576"), "the sheet reaches row 1,048,576 and column 52"),
    "shared-strings.xlsx": (bombs.shared_strings_bomb, "its part 'xl/sharedStrings.xml' would unpack to "
                                                       "314,572,915 bytes, more than goaltrack reads (209,715,200)"),
    "many-strings.xlsx": (bombs.many_shared_strings, "its part 'xl/sharedStrings.xml' would unpack to"),
    "repeated.ods": (bombs.ods_repeated, "the sheet reaches row 1,048,576 and column 16,384"),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_a_spreadsheet_bomb_is_one_error_line_in_bounded_time_and_memory(run, db_path, tmp_path, name):
    make, expected = CASES[name]
    path = make(tmp_path / name)
    assert path.stat().st_size < 2_000_000  # small on disk: what it unpacks to is the bomb
    run("goals")
    before = dump(db_path)
    result, cpu, peak_mb = import_measured(path, db_path, tmp_path)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: {expected}"), result.stderr
    assert "Traceback" not in result.stderr and "unexpected" not in result.stderr and "panicked" not in result.stderr
    assert cpu < 5, f"{cpu:.1f} s of CPU"
    assert peak_mb < 500, f"{peak_mb:.0f} MB at its peak"
    assert dump(db_path) == before


def test_the_reader_runs_where_an_abort_cannot_end_goaltrack():
    """What the spreadsheet reader did on a cell at XFD1048576 (a Rust allocation failure: abort),
    on a bomb (MemoryError), or on a sheet that never ends: each one Error line."""
    with pytest.raises(bounded.GoaltrackError) as caught:
        bounded.run_bounded("x.xlsx", os.abort)
    assert caught.value.message == ("x.xlsx cannot be read: it needs more than the 1,024 MB of memory goaltrack "
                                    "gives it, or is damaged")
    with pytest.raises(bounded.GoaltrackError) as caught:
        bounded.run_bounded("y.xlsx", bytearray, 4 * 1024**3)
    assert caught.value.message == "y.xlsx cannot be read: it needs more than the 1,024 MB of memory goaltrack gives it"
    assert bounded.run_bounded("z.xlsx", sorted, [3, 1, 2]) == [1, 2, 3]  # and a result comes back whole
    with pytest.raises(bounded.GoaltrackError) as caught:
        bounded.run_bounded("w.xlsx", _refuse)
    assert caught.value.message == "w.xlsx: refused in the child"


def test_a_reader_that_never_ends_is_stopped_by_its_processor_time(monkeypatch):
    monkeypatch.setattr(bounded, "CPU_SECONDS", 1)
    with pytest.raises(bounded.GoaltrackError) as caught:
        bounded.run_bounded("v.xlsx", _spin)
    assert caught.value.message == "v.xlsx cannot be read: it ran out of the 1 s of processor time goaltrack gives it"


def test_what_the_reader_prints_as_it_dies_is_not_shown(capfd):
    """A Rust panic prints a backtrace on stderr before the abort: the user sees one Error line only."""
    with pytest.raises(bounded.GoaltrackError):
        bounded.run_bounded("p.xlsx", _panic)
    assert capfd.readouterr() == ("", "")


def _panic() -> None:
    os.write(2, b"thread '<unnamed>' panicked at src/lib.rs: capacity overflow\nstack backtrace: ...\n")
    os.abort()


def _refuse() -> None:
    raise bounded.GoaltrackError("w.xlsx: refused in the child")


def _spin() -> None:
    while True:
        pass


def test_column_letters_are_numbered_like_a_spreadsheets():
    assert [column_number(c) for c in (b"A", b"Z", b"AA", b"AZ", b"XFD")] == [1, 26, 27, 52, 16384]


def test_a_hidden_first_sheet_is_read_only_when_named(run, tmp_path):
    """The red team's hidden first sheet was imported in place of the visible one; the dry run names
    the sheet it read."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title, hidden.sheet_state = "Gammel", "hidden"
    hidden.append(["goal", "scope", "year", "value"])
    hidden.append(["homelessness", "101", 2014, 1400])
    shown = book.create_sheet("Ny")
    shown.append(["goal", "scope", "year", "value"])
    shown.append(["homelessness", "101", 2015, 1500])
    path = tmp_path / "two.xlsx"
    book.save(path)
    out = run("import", str(path), "--dry-run")
    assert out.stderr == (f"Would import {path} (sheet 'Ny'): 1 row; 1 new, 0 replaced, 0 unchanged "
                          "(dry run: nothing written).\n")
    run("import", str(path))
    assert [r["value"] for r in run.json("export", "homelessness", "--scope", "101", "--format", "json")] == [1500]
    assert run("import", str(path), "--sheet", "Gammel", "--dry-run").stderr.startswith(
        f"Would import {path} (sheet 'Gammel'): 1 row; 1 new")
