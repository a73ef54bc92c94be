"""`goaltrack catalogue check` and `sync`: follow a file, never lose measurements."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT, dump

TWO_GOALS = """\
goals:
  - id: alpha
    title: {en: Alpha, da: Alfa}
    unit: count
    direction: decrease
    baseline: {year: 2011, value: 100}
    target: {year: 2020, value: 50}
  - id: beta
    title: {en: Beta}
    unit: percent
    direction: increase
    baseline: {year: 2011, value: 10}
    target: {year: 2020, value: 20}
    measurements:
      - {year: 2013, value: 12, source: "seed"}
"""


def write(tmp_path: Path, text: str, name: str = "goals.yaml") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_check_good_catalogue(run):
    result = run("catalogue", "check", str(ROOT / "goals.yaml"))
    assert result.stderr.endswith("goals.yaml: 16 goals, 104 scopes, no problems.\n")


def test_check_lists_problems_with_lines(run, tmp_path):
    path = write(tmp_path, TWO_GOALS.replace("decrease", "down").replace("value: 20", "value: 200"))
    result = run.fails("catalogue", "check", path)
    assert result.stderr.splitlines() == [
        f"Error: 2 problems in {path}",
        f"  {path}:5: goal 'alpha': direction must be 'increase' or 'decrease', not 'down'",
        f"  {path}:13: goal 'beta': target: 200 is above 100, the most a percent value can be",
    ]


def test_check_shows_at_most_twenty_problems(run, tmp_path):
    goals = "".join(f"  - {{id: g{i}, title: x, unit: furlongs, direction: increase}}\n" for i in range(25))
    result = run.fails("catalogue", "check", write(tmp_path, "goals:\n" + goals))
    lines = result.stderr.splitlines()
    assert lines[0].endswith("25 problems in " + str(tmp_path / "goals.yaml"))
    assert len(lines) == 1 + 20 + 1 and lines[-1] == "  … and 5 more"


def test_check_warns_on_disagreeing_target(run, tmp_path):
    path = write(tmp_path, TWO_GOALS.replace("value: 50}", "value: 50, change_pct: -20}"))
    result = run("catalogue", "check", path)
    assert f"Warning: {path}:7: goal 'alpha': target 50 and change -20 %" in result.stderr


@pytest.mark.fresh_database
def test_sync_adds_updates_and_loads_seed_figures(run, tmp_path, db_path):
    path = write(tmp_path, TWO_GOALS)
    result = run("catalogue", "sync", path)  # a new database takes this catalogue, not the shipped one
    assert "Loaded the shipped" not in result.stderr
    assert result.stderr.startswith(f"Synced {path} into goal set dk-2020: 2 added, 0 updated, 0 restored, 0 archived, 0 removed; "
                                    "1 published figure loaded.")
    ids = [g["id"] for g in run.json("goals", "--format", "json")]
    assert ids == ["alpha", "beta"]
    assert run.json("history", "beta", "--format", "json")[0]["value"] == 12
    result = run("catalogue", "sync", write(tmp_path, TWO_GOALS.replace("value: 50}", "value: 60}")))
    assert "1 updated" in result.stderr and "0 published figures loaded" in result.stderr
    alpha = run.json("goals", "--format", "json")[0]
    assert alpha["target"]["value"] == 60


@pytest.mark.fresh_database
def test_sync_refuses_to_drop_goals_with_measurements(run, tmp_path, db_path):
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))
    run("record", "alpha", "90", "--year", "2014")
    only_beta = TWO_GOALS[: TWO_GOALS.index("  - id: beta")].replace("alpha", "gamma")
    path = write(tmp_path, only_beta + TWO_GOALS[TWO_GOALS.index("  - id: beta"):], "next.yaml")
    before = dump(db_path)
    result = run.fails("catalogue", "sync", path)
    assert result.stderr == (f"Error: {path} leaves out 1 goal(s) that have measurements: alpha; "
                             "nothing was changed (use --archive to keep them, out of status)\n")
    assert dump(db_path) == before


@pytest.mark.fresh_database
def test_archive_keeps_goal_and_figures_out_of_status(run, tmp_path):
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))
    run("record", "alpha", "90", "--year", "2014")
    beta_only = "goals:\n" + TWO_GOALS[TWO_GOALS.index("  - id: beta"):]
    result = run("catalogue", "sync", write(tmp_path, beta_only, "b.yaml"), "--archive")
    assert "archived: alpha" in result.stderr
    assert [g["id"] for g in run.json("status", "--format", "json")["goals"]] == ["beta"]
    assert [g["id"] for g in run.json("goals", "--format", "json", "--archived")] == ["beta", "alpha"]
    assert run.json("history", "alpha", "--format", "json")[0]["value"] == 90  # figures kept
    assert "archived" in run.fails("record", "alpha", "80", "--year", "2015").stderr
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))  # back in the catalogue: restored
    assert [g["id"] for g in run.json("status", "--format", "json")["goals"]] == ["alpha", "beta"]


def test_shipped_goals_with_seed_figures_are_archived_not_dropped(run, tmp_path):
    run("goals")  # the shipped catalogue, with its published figures
    result = run.fails("catalogue", "sync", write(tmp_path, TWO_GOALS))
    assert "leaves out 5 goal(s) that have measurements: homelessness, drug-deaths" in result.stderr
    result = run("catalogue", "sync", write(tmp_path, TWO_GOALS), "--archive")
    assert "5 archived, 11 removed" in result.stderr


def test_sync_of_a_bad_file_changes_nothing(run, tmp_path, db_path):
    run("goals")
    before = dump(db_path)
    run.fails("catalogue", "sync", write(tmp_path, "goals: [\n"))
    run.fails("catalogue", "sync", str(tmp_path / "missing.yaml"))
    assert dump(db_path) == before


@pytest.mark.fresh_database
def test_seed_figures_never_overwrite_recorded_ones(run, tmp_path):
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))
    run("record", "beta", "13", "--year", "2013", "--replace", "--source", "revised")
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))
    rows = run.json("history", "beta", "--format", "json")
    assert [(r["value"], r["current"]) for r in rows] == [(12, False), (13, True)]


@pytest.mark.fresh_database
def test_sync_without_a_file_follows_the_shipped_catalogue(run, tmp_path):
    run("catalogue", "sync", write(tmp_path, TWO_GOALS))
    assert [g["id"] for g in run.json("goals", "--format", "json")] == ["alpha", "beta"]
    result = run("catalogue", "sync", "--archive")
    assert "16 added" in result.stderr and "1 archived" in result.stderr and "1 removed" in result.stderr
    assert len(run.json("scopes", "--format", "json")) == 104
    assert run("catalogue", "check").stderr.endswith("16 goals, 104 scopes, no problems.\n")


def test_a_set_and_a_scope_never_share_a_chart_folder(run, tmp_path, db_path):
    """A set's charts go to charts/SET/, a scope's to charts/CODE/: a set 'x-7' and, later, a scope
    'X-7' (folders alike on a case-blind disk) are refused, whichever comes second."""
    goal = "goals:\n  - {id: a, title: {en: A, da: A}, unit: persons, direction: decrease}\n"
    run("catalogue", "sync", write(tmp_path, "id: x-7\n" + goal, "set.yaml"))
    before = dump(db_path)
    other = write(tmp_path, "id: other\nscopes:\n  - {code: X-7, name: X, kind: other}\n" + goal, "other.yaml")
    result = run.fails("catalogue", "sync", other)
    assert result.stderr.splitlines()[0] == (f"Error: {other}: goal set 'x-7' and scope 'X-7' would share the "
                                             "chart folder charts/X-7/; give the set another id; nothing was changed")
    assert dump(db_path) == before
