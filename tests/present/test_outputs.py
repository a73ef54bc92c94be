"""Charts and reports are written whole, never through a symbolic link, and never over a file
goaltrack did not write unless --force says so."""

from __future__ import annotations

import sqlite3

import pytest

from goaltrack.errors import GoaltrackError
from goaltrack.present.outputs import MANIFEST, write_file


@pytest.fixture(autouse=True)
def database(run):
    run("goals")  # the shipped catalogue, loaded before the command under test


def files(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_a_report_writes_over_its_own_files(run, tmp_path):
    out = tmp_path / "report"
    run("report", "--out", str(out))
    first = files(out)
    assert MANIFEST in first and "report.md" in first and "charts/homelessness.png" in first
    run("report", "--out", str(out), "--as-of", "2015")  # again: its own files, no --force needed
    assert files(out) == first
    assert not [name for name in first if name.endswith(".part")]


def test_a_report_leaves_a_file_it_did_not_write(run, tmp_path):
    out = tmp_path / "report"
    out.mkdir()
    (out / "report.md").write_text("my own notes")
    result = run.fails("report", "--out", str(out))
    assert "report.md was not written by goaltrack" in result.stderr and "--force" in result.stderr
    assert (out / "report.md").read_text() == "my own notes"
    assert [name for name in files(out) if (out / name).is_file()] == ["report.md"]  # nothing drawn or written
    run("report", "--out", str(out), "--force")
    assert (out / "report.md").read_text().startswith("# ")


def test_a_report_file_changed_since_is_someone_elses(run, tmp_path):
    out = tmp_path / "report"
    run("report", "--out", str(out))
    (out / "report.html").write_text("edited by hand")
    run.fails("report", "--out", str(out))
    assert (out / "report.html").read_text() == "edited by hand"


def test_no_chart_is_written_through_a_symbolic_link(run, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "homelessness.png").symlink_to(victim)
    result = run.fails("chart", "homelessness", "--out", str(charts))
    assert "is a symbolic link; goaltrack never writes through a link (remove it)" in result.stderr
    out = tmp_path / "report"
    (out / "charts").mkdir(parents=True)
    (out / "charts" / "drug-deaths.png").symlink_to(victim)
    run.fails("report", "--out", str(out))
    run("report", "--out", str(out), "--force")  # the link itself is replaced, never followed
    assert victim.read_text() == "precious"
    assert not (out / "charts" / "drug-deaths.png").is_symlink()
    assert (out / "charts" / "drug-deaths.png").read_bytes().startswith(b"\x89PNG")


def test_a_charts_folder_that_is_a_link_is_refused(run, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "report"
    out.mkdir()
    (out / "charts").symlink_to(elsewhere)
    run.fails("report", "--out", str(out), "--force")
    assert list(elsewhere.iterdir()) == []


def test_a_folder_in_place_of_the_report_is_refused(run, tmp_path):
    out = tmp_path / "report"
    (out / "report.md").mkdir(parents=True)
    for extra in ([], ["--force"]):
        result = run.fails("report", "--out", str(out), *extra)
        assert "cannot write" in result.stderr and "report.md" in result.stderr
    assert [name for name in files(out) if (out / name).is_file()] == []


def test_writing_fails_in_one_line(tmp_path):
    with pytest.raises(GoaltrackError, match="cannot write .*: No such file or directory"):
        write_file(tmp_path / "no-such-folder" / "report.md", "text")


def test_the_goal_id_overview_is_reserved(run, db_path, tmp_path):
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text("goals:\n  - id: overview\n    title: t\n    unit: count\n    direction: increase\n")
    assert "goal id 'overview' is reserved" in run.fails("catalogue", "check", str(catalogue)).stderr
    with sqlite3.connect(db_path) as conn:  # a database synced before the id was reserved
        conn.execute("INSERT INTO goal (id, position, title_en, title_da, unit, direction, archived, indicator) "
                     "VALUES ('overview', 99, 'Overview', 'Overblik', 'count', 'increase', 0, 'overview')")
        conn.execute("INSERT INTO figure (indicator, scope, year, value, published, recorded_at, deleted) "
                     "VALUES ('overview', 'DK', 2015, 3, '2024-01-01', '2024-01-01 00:00:00', 0)")
    result = run.fails("chart", "--all", "--out", str(tmp_path / "charts"))
    assert "two charts would be written to" in result.stderr and "overview.png" in result.stderr
    assert not list((tmp_path / "charts").glob("*.png"))


@pytest.mark.parametrize("kind", ["link to /dev/zero", "fifo", "too large"])
def test_the_file_list_is_read_only_as_a_small_regular_file(run, tmp_path, kind):
    """A list that is a link to /dev/zero read until memory ran out; a FIFO hung report for ever."""
    import os

    out = tmp_path / "report"
    out.mkdir()
    listed = out / MANIFEST
    if kind == "fifo":
        os.mkfifo(listed)
        why = f"Error: {listed} is not a regular file, not goaltrack's list of the files it wrote; remove it"
    elif kind == "too large":
        with open(listed, "wb") as f:
            f.truncate(16 * 1024 * 1024 + 1)  # sparse: no disk used
        why = f"Error: {listed} is larger than 16 MB, not goaltrack's list of the files it wrote; remove it"
    else:
        listed.symlink_to("/dev/zero")
        why = f"Error: cannot read {listed}: it is a symbolic link; remove it"
    result = run.fails("report", "--out", str(out))
    assert result.stderr.splitlines()[0] == why
    assert [name for name in files(out) if name != "charts"] == [MANIFEST]  # nothing drawn or written


def test_an_interrupted_report_is_finished_without_force(run, tmp_path, monkeypatch):
    """Interrupted after two charts (Ctrl-C, a closed terminal): the next run replaces what the first
    left, since the list named those files before they were written."""
    import json

    from goaltrack.present import outputs

    monkeypatch.setenv("GOALTRACK_CHART_WORKERS", "1")
    real, calls = outputs.write_file, []

    def interrupted(path, data, counted=True):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        real(path, data, counted)

    monkeypatch.setattr(outputs, "write_file", interrupted)
    out = tmp_path / "report"
    result = run("report", "--out", str(out), ok=False)
    assert result.exit_code == 130
    assert "interrupted while writing files: some were written" in result.stderr
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert listed["report.md"] == outputs.PENDING and listed["charts/homelessness.png"] == outputs.PENDING
    left = [name for name in files(out) if name.endswith(".png")]
    assert len(left) == 1  # the list itself was the first file written, then one chart
    monkeypatch.setattr(outputs, "write_file", real)
    run("report", "--out", str(out))  # no --force needed
    listed = json.loads((out / MANIFEST).read_text())["files"]
    assert outputs.PENDING not in listed.values() and "report.md" in listed
    # A file someone else put where a chart will go is still theirs: only pending files are ours.
    (out / "charts" / "homelessness.png").write_bytes(b"mine")
    assert "was not written by goaltrack" in run.fails("report", "--out", str(out)).stderr


@pytest.mark.slow
def test_a_report_killed_by_a_closed_terminal_is_finished_by_the_next_run(tmp_path, db_path):
    """SIGHUP (the terminal closed) ends the process at once, with no handler: what it wrote stays
    on the list as pending, so the next run needs no --force."""
    import os
    import signal
    import subprocess
    import sys
    import time

    env = {**os.environ, "GOALTRACK_CHART_WORKERS": "1"}
    for attempt in range(5):  # on a loaded machine the report may finish between two looks: again, elsewhere
        out = tmp_path / f"report-{attempt}"
        command = [sys.executable, "-m", "goaltrack", "report", "--out", str(out)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   preexec_fn=lambda: signal.signal(signal.SIGHUP, signal.SIG_DFL))  # as a terminal's
        # (a runner started under nohup, or an xdist worker, may pass SIGHUP on ignored)
        while process.poll() is None and not list((out / "charts").glob("*.png")):
            time.sleep(0.005)  # until the first chart is in place
        process.send_signal(signal.SIGHUP)
        process.communicate(timeout=60)
        if process.returncode == -signal.SIGHUP:
            break
    assert process.returncode == -signal.SIGHUP, "the report finished before it could be interrupted, 5 times"
    assert list((out / "charts").glob("*.png")) and not (out / "report.md").exists()
    again = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr
    assert (out / "report.md").exists()
