"""`goaltrack record`, `history` and `show`: figures in, corrections kept, bad input refused untouched."""

from __future__ import annotations

import datetime
import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT, dump


@pytest.fixture
def ready(run, db_path):
    run("goals")  # creates the database with the shipped catalogue
    return db_path


def test_record_then_status(run, ready):
    result = run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019", "--note", "week 6")
    assert result.stderr == "Recorded homelessness DK 2019: 6,431.\n" and result.stdout == ""
    rows = run.json("history", "homelessness", "--format", "json")
    assert [(r["year"], r["value"], r["source"], r["note"], r["current"]) for r in rows] == [
        (2013, 5820, "SFI national count 2013, quoted in Socialpædagogerne's input (2013)", None, True),
        (2019, 6431, "VIVE 2019", "week 6", True),
    ]


def test_the_same_figure_again_changes_nothing(run, ready):
    run("record", "homelessness", "6431", "--year", "2019")
    before = dump(ready)
    result = run("record", "homelessness", "6431", "--year", "2019")
    assert "Unchanged" in result.stderr
    assert dump(ready) == before


def test_a_different_figure_needs_replace_and_keeps_history(run, ready):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "first release")
    before = dump(ready)
    refused = run.fails("record", "homelessness", "6500", "--year", "2019")
    assert refused.stderr == ("Error: homelessness already has 6431 for DK 2019 (source: first release); "
                              "use --replace with --source to correct it to 6500\n")
    assert dump(ready) == before
    replaced = run("record", "homelessness", "6500", "--year", "2019", "--replace", "--source", "revised")
    assert "6,431 → 6,500" in replaced.stderr
    rows = [r for r in run.json("history", "homelessness", "--format", "json") if r["year"] == 2019]
    assert [(r["value"], r["source"], r["current"]) for r in rows] == [(6431, "first release", False),
                                                                        (6500, "revised", True)]
    assert rows[0]["replaced_at"] is not None
    status = run.json("status", "homelessness", "--format", "json")
    assert status["goals"][0]["latest"]["value"] == 6500  # status uses the current figure
    table = run("history", "homelessness").stdout
    assert "replaced" in table and "current" in table


def test_replace_with_nothing_to_replace_records(run, ready):
    result = run("record", "drug-deaths", "250", "--year", "2015", "--replace", "--source", "DST")
    assert result.stderr == "Recorded drug-deaths DK 2015: 250.\n"
    rows = [r for r in run.json("history", "drug-deaths", "--format", "json") if r["year"] == 2015]
    assert [(r["value"], r["source"], r["current"], r["replaces"]) for r in rows] == [(250, "DST", True, None)]


def test_danish_decimal_comma(run, ready):
    run("record", "placement-breakdown", "5,1", "--year", "2015")
    assert run.json("history", "placement-breakdown", "--format", "json")[0]["value"] == 5.1


@pytest.mark.parametrize(("args", "message"), [
    (["homelessness", "5,820", "--year", "2015"], "Error: value '5,820' is ambiguous: Danish for 5.82, English for 5820; write 5.82 or 5820"),
    (["homelessness", "2.000", "--year", "2015"], "Error: value '2.000' is ambiguous: Danish for 2000, English for 2; write 2000 or 2"),
    (["homelessness", "5.820,0", "--year", "2015"], "Error: value '5.820,0' is not a number (write 5290, 5.7 or 5,7)"),
    (["homelessness", "nan", "--year", "2015"], "Error: value 'nan' is not a number (write 5290, 5.7 or 5,7)"),
    (["homelessness", "5820.5", "--year", "2015"], "Error: homelessness: 5820.5 is not a whole number of persons"),
    (["placement-breakdown", "101", "--year", "2015"], "Error: placement-breakdown: 101 is above 100, the most a percent value can be"),
    (["homelessness", "6000", "--year", "1899"], f"Error: year 1899 is outside 1900..{datetime.date.today().year}"),
    (["homelessness", "6000", "--year", str(datetime.date.today().year + 1)], "Error: year"),
    (["homelessnes", "6000", "--year", "2015"], "Error: unknown goal 'homelessnes' (did you mean 'homelessness'?)"),
    (["homelessness", "6000", "--year", "2015", "--scope", "XX"], "Error: unknown scope 'XX' (see goaltrack scopes)"),
])
def test_bad_input_is_refused_and_writes_nothing(run, ready, args, message):
    before = dump(ready)
    result = run.fails("record", *args)
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert dump(ready) == before


def test_negative_persons_refused(run, ready):
    result = run.fails("record", "drug-deaths", "--year", "2015", "--", "-3")
    assert "below 0" in result.stderr


def test_show_prints_definition_and_measurements(run, ready):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    out = run("show", "homelessness").stdout
    assert "Homeless persons (homelessness)" in out
    assert "baseline:  5,290 (2011)" in out
    assert "target:    ≤ 4,000, −25 % (2020)" in out
    assert "6,431" in out and "VIVE 2019" in out and "5,820" in out
    assert "No measurements recorded." in run("show", "school-reading").stdout


def test_goals_lists_catalogue(run, ready):
    goals = run.json("goals", "--format", "json")
    assert goals[0]["id"] == "youth-education" and len(goals) == 16
    assert goals[5]["target"] == {"year": 2020, "value": 4000, "change_pct": -25, "level": 4000}
    assert "Homeless persons" in run("goals").stdout


def test_scopes(run, ready):
    scopes = run.json("scopes", "--format", "json")
    assert scopes[:2] == [{"code": "DK", "name": "Denmark"}, {"code": "1081", "name": "Region Nordjylland"}]
    assert run.json("scopes", "--format", "json", "--lang", "da")[0] == {"code": "DK", "name": "Danmark"}
    assert len(scopes) == 104 and {"code": "101", "name": "København"} in scopes


@pytest.mark.slow
def test_commands_at_once_on_a_new_database_all_succeed(tmp_path):
    """WAL, a busy timeout and IMMEDIATE write transactions: no process fails, none is lost,
    and the starting catalogue is loaded exactly once, even when all of them create the database."""
    env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{tmp_path / 'race.db'}"}
    procs = [subprocess.Popen([sys.executable, "-m", "goaltrack", "record", "drug-deaths", str(200 + i),
                               "--year", str(2013 + i)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for i in range(6)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, outputs
    assert sum("into a new database: 16 goals, 5 published figures" in err for _, err in outputs) == 1
    rows = json.loads(subprocess.run([sys.executable, "-m", "goaltrack", "history", "drug-deaths", "--format",
                                      "json"], cwd=ROOT, env=env, capture_output=True, text=True).stdout)
    assert sorted((r["year"], r["value"]) for r in rows) == [(2012, 210)] + [(2013 + i, 200 + i) for i in range(6)]


def test_scopes_table(run, ready):
    lines = run("scopes").stdout.splitlines()
    assert lines[0].split() == ["code", "name", "kind", "part", "of"]
    assert any(line.split() == ["101", "København", "municipality", "Region", "Hovedstaden"] for line in lines)
    assert any(line.split() == ["DK", "Denmark", "nation"] for line in lines)  # named as status names it
