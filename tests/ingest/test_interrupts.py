"""Ctrl-C at any moment of an import: one Error line that tells the truth (nothing written, or the
write complete), never "unexpected …", never a half-written import."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from goaltrack.storage import database as db
from tests.conftest import ROOT

GOALS = ["youth-education", "youth-crime", "placement-breakdown", "homelessness", "drug-deaths"]


def test_an_interrupt_waits_for_the_commit():
    with pytest.raises(KeyboardInterrupt):
        with db._interrupt_deferred():
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
            reached = True  # the interrupt did not cut the block short
    assert reached


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
def test_ctrl_c_at_any_moment_of_an_import_tells_the_truth(tmp_path, template_databases):
    figures = tmp_path / "figures.csv"
    with figures.open("w") as f:
        f.write("goal,scope,year,value\n")
        for goal in GOALS:
            for scope in range(101, 200):
                if scope in (101, 147, 151, 153, 155, 157, 159, 161, 163, 165, 167, 169, 173, 175, 183, 185, 187, 190):
                    for year in range(1900, 2020):  # a sawtooth, out of line by design: --force below
                        f.write(f"{goal},{scope},{year},{year % 50 + 1}\n")
    rows = sum(1 for _ in figures.open()) - 1
    env = {k: v for k, v in os.environ.items() if k != "GOALTRACK_DEBUG"}
    env["PYTHONPATH"] = str(ROOT)
    database = tmp_path / "goals.db"
    env["GOALTRACK_DATABASE_URL"] = f"sqlite:///{database}"

    def fresh() -> None:  # a new database as the first command leaves it (the session's copy of one)
        for suffix in ("", "-wal", "-shm"):
            (tmp_path / f"goals.db{suffix}").unlink(missing_ok=True)
        template_databases.copy_to(database, "seed")

    fresh()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "goaltrack", "import", str(figures), "--force"], env=env, check=True,
                   capture_output=True)
    whole = time.perf_counter() - started
    outcomes = set()
    for step in range(12):
        fresh()
        with sqlite3.connect(database) as conn:
            before = conn.execute("SELECT count(*) FROM figure").fetchone()[0]
        proc = subprocess.Popen([sys.executable, "-m", "goaltrack", "import", str(figures), "--force"], env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        time.sleep(whole * (0.3 + step * 0.07))
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=120)
        with sqlite3.connect(database) as conn:
            after = conn.execute("SELECT count(*) FROM figure").fetchone()[0]
        lines = err.strip().splitlines()
        assert "Traceback" not in err and "unexpected" not in err and "cannot use" not in err, err
        assert sum(line.startswith("Error: ") for line in lines) <= 1, err
        if after == before:
            assert lines in (["Error: interrupted; nothing was written by the interrupted step"],
                             ["Error: interrupted before the command started; nothing was written"]), err
            outcomes.add("nothing")
        else:
            assert after == before + rows, (before, after, rows)  # all of it, never part
            # "Imported …", then (Ctrl-C after that line) perhaps "interrupted after the write was done"
            assert all(line.startswith(("Imported", "Error: interrupted after the write was done"))
                       for line in lines) and lines, err
            outcomes.add("all")
    print(f"\n{rows:,} rows, {whole:.1f} s an import; outcomes: {sorted(outcomes)}")


# The child runs goaltrack as the installed command does (goaltrack.entry), and sends itself SIGINT at
# a chosen moment: when a module is first imported, or just after the command has returned.
CHILD = """
import os, signal, sys
moment, database, figures = sys.argv[1:4]
sys.argv = ["goaltrack", "--db", database, "import", figures, "--force"]

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == moment:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

if moment == "finished":
    import click
    exit = click.Context.exit
    def late(self, code=0):
        os.kill(os.getpid(), signal.SIGINT)
        exit(self, code)
    click.Context.exit = late
else:
    sys.meta_path.insert(0, Interrupt())
from goaltrack.entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
@pytest.mark.parametrize(("moment", "code", "said", "written", "new"), [
    ("click", 130, "Error: interrupted before the command started; nothing was written", False, False),  # starting
    ("sqlalchemy", 130, "Error: interrupted; nothing was written by the interrupted step", False, False),  # started
    ("finished", 0, "Imported", True, False),  # the work is done: a late Ctrl-C changes nothing
    # A new database: migrating it and loading the catalogue are done, but the import's own write is not.
    ("numpy", 130, "Error: interrupted; nothing was written by the interrupted step", False, True),
])
def test_ctrl_c_from_start_to_finish_is_one_true_line(tmp_path, moment, code, said, written, new):
    database = tmp_path / "goals.db"
    url = f"sqlite:///{database}"
    env = {k: v for k, v in os.environ.items() if k != "GOALTRACK_DEBUG"}
    env["PYTHONPATH"] = str(ROOT)
    if not new:
        subprocess.run([sys.executable, "-m", "goaltrack", "--db", url, "goals"], env=env, check=True,
                       capture_output=True)
    figures = tmp_path / "figures.csv"
    figures.write_text("goal,year,value\ndrug-deaths,2015,250\n")
    done = subprocess.run([sys.executable, "-c", CHILD, moment, url, str(figures)], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines()[-1].startswith(said), done.stderr
    with sqlite3.connect(database) as conn:
        stored = conn.execute("SELECT count(*) FROM figure WHERE year = 2015 AND value = 250").fetchone()[0]
    assert stored == (1 if written else 0)


CHART_CHILD = """
import os, signal, sys
import goaltrack.present.charts.files as chart_files
save, saved = chart_files.save, []
def interrupting_save(fig, path, fmt):
    save(fig, path, fmt)
    saved.append(path)
    if len(saved) == 2:  # as a terminal does: the whole process group (the workers too)
        os.killpg(os.getpgid(0), signal.SIGINT)
chart_files.save = interrupting_save
sys.argv = ["goaltrack", "--db", sys.argv[1], "chart", "--all", "--out", sys.argv[2]]
from goaltrack.entry import main
main()
"""


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT")
@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_while_drawing_says_some_files_were_written_and_no_worker_speaks(tmp_path, workers):
    url = f"sqlite:///{tmp_path / 'goals.db'}"
    env = {k: v for k, v in os.environ.items() if k != "GOALTRACK_DEBUG"}
    env.update(PYTHONPATH=str(ROOT), GOALTRACK_CHART_WORKERS=workers)
    subprocess.run([sys.executable, "-m", "goaltrack", "--db", url, "goals"], env=env, check=True, capture_output=True)
    out = tmp_path / "charts"
    done = subprocess.run([sys.executable, "-c", CHART_CHILD, url, str(out)], env=env, capture_output=True, text=True,
                          timeout=300, start_new_session=True)  # its own process group, for killpg
    assert done.returncode == 130, done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: interrupted while writing files: some were written, the others not (run the command again to "
        "write them all)"], done.stderr
    written = sorted(p.name for p in out.glob("*.png"))
    assert 2 <= len(written) < 13, written  # 12 goals with figures and the overview: not all of them
