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


def _many_blocks(monkeypatch) -> None:
    """Blocks of 256 bytes, the first handed on as a piece of 64: a small file is many blocks."""
    from goaltrack.ingest import decode

    monkeypatch.setattr(decode, "BLOCK_BYTES", 256)
    monkeypatch.setattr(decode, "FIRST_PIECE", 64)


def test_many_blocks_read_ahead_end_as_read_here(run, db_path, tmp_path, monkeypatch):
    """Dozens of blocks through the pipe, the parent slower than the child (so the child waits for room),
    and a problem near the end: the same figures, summary and problems as read in one process."""
    import time

    from goaltrack.ingest import loader

    _many_blocks(monkeypatch)
    rows = "".join(f"homelessness,{scope},{year},{1000 + year}\n" for scope in ("101", "147", "751")
                   for year in range(1990, 2021))
    good, bad = "goal,scope,year,value\n" + rows, "goal,scope,year,value\n" + rows + "homelessness,101,2021,x\n"
    taken: list[int] = []
    take = loader.Loader.take
    monkeypatch.setattr(loader.Loader, "take",
                        lambda self, f: (taken.append(len(f)), time.sleep(0.01), take(self, f))[-1])
    run("goals")
    start = figures(db_path)
    outcomes = []
    for min_bytes in (10**9, 0):  # read here, then read ahead by a child
        monkeypatch.setattr(prefetch, "MIN_BYTES", min_bytes)
        os.remove(db_path)
        run("goals")
        taken.clear()
        bad_run = _import(run, tmp_path, "bad", bad)
        assert figures(db_path) == start
        good_run = _import(run, tmp_path, "good", good)
        outcomes.append((bad_run, good_run, figures(db_path), list(taken)))
    assert outcomes[0] == outcomes[1]
    bad_run, good_run, stored, blocks = outcomes[1]
    assert bad_run[0] == 1 and "figures.csv:95: value 'x' is not a number" in bad_run[2]
    assert good_run[0] == 0 and "93 rows; 93 new" in good_run[2]
    assert len(stored) == len(start) + 93 and len(blocks) > 10 and blocks[0] < blocks[1]  # the first a piece


def test_a_failure_while_writing_ends_the_child_and_the_reading_thread(run, db_path, tmp_path, monkeypatch):
    import threading

    from goaltrack.errors import GoaltrackError
    from goaltrack.ingest import loader

    _many_blocks(monkeypatch)
    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    run("goals")
    before = dump(db_path)
    take = loader.Loader.take
    calls = []

    def failing(self, f):
        calls.append(1)
        if len(calls) == 3:
            raise GoaltrackError("the disk is full")
        take(self, f)

    monkeypatch.setattr(loader.Loader, "take", failing)
    path = tmp_path / "figures.csv"
    path.write_text("goal,scope,year,value\n" + "".join(f"homelessness,101,{y},{1000 + y}\n" for y in range(1950, 2021)))
    assert run.fails("import", str(path)).stderr == "Error: the disk is full\n"
    assert dump(db_path) == before
    assert not [t for t in threading.enumerate() if t.name == "goaltrack-read-ahead"]
    with pytest.raises(ChildProcessError):  # the child was reaped: no zombie is left
        os.waitpid(-1, os.WNOHANG)


def test_the_first_block_is_handed_on_in_a_piece_its_encoding_read_from_the_whole_block(tmp_path, monkeypatch):
    """The first piece ends at a line end outside quotes; the pieces make up the file; a Windows-1252
    byte after the piece, but in the first block, still makes the file Windows-1252."""
    from goaltrack.ingest import decode, load

    monkeypatch.setattr(decode, "FIRST_PIECE", 64)
    text = "goal,scope,year,value,note\n" + 'homelessness,101,2015,1400,"two\nlines"\n' + \
        "".join(f"homelessness,101,{y},{1000 + y},Kø\n" for y in range(1990, 2000))
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("cp1252"))
    result = load.ImportResult()
    pieces = list(decode.text_blocks(path, None, result))
    assert "".join(pieces) == text and result.encoding == "Windows-1252"
    assert pieces[0] == "goal,scope,year,value,note\n"  # the quoted line break at 56–63 is not a line end
    assert len(pieces) == 2
    path.write_bytes(text.replace('"two\nlines"', "one").encode("cp1252"))
    first, *_ = decode.text_blocks(path, None, load.ImportResult())
    assert first == "goal,scope,year,value,note\nhomelessness,101,2015,1400,one\n"


def test_only_the_first_block_is_handed_on_in_a_piece_and_crlf_becomes_lf(tmp_path, monkeypatch):
    """Blocks of 256 bytes, a first piece of 64 characters: the first block comes in two, every later
    one whole; CRLF line ends (a CR at a block's end too) come out as LF, so the fast path reads them."""
    from goaltrack.ingest import decode, load

    monkeypatch.setattr(decode, "FIRST_PIECE", 64)
    lines = ["goal,scope,year,value"] + [f"homelessness,101,{y},{1000 + y}" for y in range(1950, 2000)]
    path = tmp_path / "f.csv"
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    for size in (256, 246):  # 246: the first block (and others) ends between a CR and its LF
        monkeypatch.setattr(decode, "BLOCK_BYTES", size)
        assert path.read_bytes()[size - 1:size + 1] == b"\r\n" or size == 256
        pieces = list(decode.text_blocks(path, None, load.ImportResult()))
        assert "".join(pieces) == "\n".join(lines) + "\n"
        assert len(pieces[0]) <= 64 and all(len(piece) > 190 for piece in pieces[2:-1])
        assert len(pieces) == -(-path.stat().st_size // size) + 1  # one more than the blocks read


def test_a_plain_block_repeats_one_text_per_goal_scope_and_source(run):
    """The child pickles each distinct text once: a plain block of a thousand rows is a few bytes a row."""
    import pickle

    from goaltrack.domain.scopes import ScopeNames
    from goaltrack.ingest import checks, shapes

    layout = shapes.TableShape("long", 5, {"goal": 0, "scope": 1, "year": 2, "value": 3, "source": 4})
    text = "".join(f"homelessness,København,{2000 + i % 20},{i},Danmarks Statistik, tabel HJEM1\n" for i in range(1000))
    block = checks.fast_block(text.replace(", tabel", " tabel"), ",", layout, 2, {"homelessness": "persons"},
                              ScopeNames([("101", "København")]), None, {"homelessness": "DK"})
    assert block is not None and block.scope[0] == "101"
    assert {len({id(cell) for cell in column}) for column in (block.goal, block.scope, block.source)} == {1}
    assert len(pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL)) < 20 * 1000


@pytest.mark.parametrize("cut", range(40, 130, 7))
def test_a_quoted_note_with_escaped_quotes_and_line_breaks_is_never_cut(run, tmp_path, monkeypatch, cut):
    """Wherever a piece or block ends, a note holding "" between its line breaks stays whole: a quote
    before the cut can be an escaped one, not the one that opened the field."""
    from goaltrack.ingest import decode

    monkeypatch.setattr(decode, "FIRST_PIECE", cut)
    monkeypatch.setattr(decode, "BLOCK_BYTES", cut + 50)
    note = 'line one\nhe said ""hi""\nline three'
    path = tmp_path / "quoted.csv"
    path.write_text("goal,scope,year,value,note\n" + "".join(
        f'homelessness,101,{year},{1000 + year},"{note}"\n' for year in range(2010, 2016)), encoding="utf-8")
    assert "6 rows; 6 new" in run("import", str(path)).stderr
    stored = {r["year"]: r["note"] for r in run.json("export", "homelessness", "--scope", "101", "--format", "json")}
    assert stored == {year: 'line one\nhe said "hi"\nline three' for year in range(2010, 2016)}


def _open_fds() -> list[str]:
    """The files this process holds open, but the database's (a failed command's engine may hold it)."""
    import gc

    gc.collect()
    held = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            held.append(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:  # the listing's own
            continue
    return sorted(h for h in held if ".db" not in h)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="counts open files in /proc")
def test_no_child_thread_or_pipe_is_left_when_the_thread_cannot_start_or_the_reaping_is_cut_short(
        run, tmp_path, monkeypatch):
    import threading

    monkeypatch.setattr(prefetch, "MIN_BYTES", 0)
    run("goals")
    path = tmp_path / "figures.csv"
    path.write_text("goal,scope,year,value\n" + "".join(f"homelessness,101,{y},{1000 + y}\n" for y in range(1950, 2021)))
    start = threading.Thread.start

    def no_thread(self):
        if self.name == "goaltrack-read-ahead":
            raise RuntimeError("can't start new thread")
        start(self)

    before = _open_fds()
    monkeypatch.setattr(threading.Thread, "start", no_thread)
    with pytest.raises(RuntimeError):
        run("import", str(path), "--dry-run", ok=False)
    monkeypatch.setattr(threading.Thread, "start", start)
    assert _open_fds() == before
    with pytest.raises(ChildProcessError):  # killed and reaped
        os.waitpid(-1, os.WNOHANG)

    reap = os.waitpid
    cut_short = []

    def interrupted(pid, options):
        if not cut_short:
            cut_short.append(pid)
            raise KeyboardInterrupt
        return reap(pid, options)

    monkeypatch.setattr(prefetch.os, "waitpid", interrupted)
    result = run("import", str(path), "--dry-run", ok=False)
    assert result.exit_code != 0
    assert not [t for t in threading.enumerate() if t.name == "goaltrack-read-ahead"]
    reap(cut_short[0], 0)  # the child was killed; only its reaping was cut short
    assert _open_fds() == before
