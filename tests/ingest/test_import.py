"""`goaltrack import` and `export`: all or nothing, every bad row named, and a lossless round trip."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest

from goaltrack.ingest import checks, csv_reader, load, shapes
from tests.conftest import dump


@pytest.fixture
def ready(run, db_path):
    run("goals")  # the database, with the shipped catalogue and its figures
    return db_path


def write(tmp_path: Path, text: str, name: str = "figures.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def current(run, goal: str, scope: str | None = None) -> list[tuple]:
    args = ["history", goal, "--format", "json"] + (["--scope", scope] if scope else [])
    return [(r["scope"], r["year"], r["value"], r["source"]) for r in run.json(*args) if r["current"]]


def test_comma_separated(run, ready, tmp_path):
    path = write(tmp_path, "goal,scope,year,value,source,note\n"
                           "homelessness,DK,2015,6138,SFI 2015,\n"
                           "homelessness,101,2011,1400,\"Københavns Kommune, 2011\",first count\n"
                           "drug-deaths,,2015,250,,\n")
    result = run("import", path)
    assert result.stderr == f"Imported {path}: 3 rows; 3 new, 0 replaced, 0 unchanged.\n"
    assert ("DK", 2015, 6138, "SFI 2015") in current(run, "homelessness")
    assert current(run, "homelessness", "101") == [("101", 2011, 1400, "Københavns Kommune, 2011")]
    assert ("DK", 2015, 250, None) in current(run, "drug-deaths")  # an empty scope is the nation


def test_semicolons_take_danish_decimal_commas(run, ready, tmp_path):
    run("import", write(tmp_path, "goal;year;value\nplacement-breakdown;2015;5,1\nplacement-breakdown;2016;4.9\n"))
    assert current(run, "placement-breakdown") == [("DK", 2015, 5.1, None), ("DK", 2016, 4.9, None)]


def test_json_records(run, ready, tmp_path):
    records = [{"goal": "homelessness", "year": 2015, "value": 6138, "source": "SFI"},
               {"goal": "homelessness", "scope": "751", "year": 2015, "value": "612"}]
    run("import", write(tmp_path, json.dumps(records), "figures.json"))
    assert current(run, "homelessness", "751") == [("751", 2015, 612, None)]


def test_same_figures_again_change_nothing(run, ready, tmp_path):
    path = write(tmp_path, "goal,year,value\nhomelessness,2015,6138\nhomelessness,2013,5820\n")
    assert "2 rows; 1 new, 0 replaced, 1 unchanged" in run("import", path).stderr
    before = dump(ready)
    assert "2 rows; 0 new, 0 replaced, 2 unchanged" in run("import", path).stderr
    assert dump(ready) == before


def test_a_different_figure_needs_replace_and_keeps_the_old(run, ready, tmp_path):
    path = write(tmp_path, "goal,year,value,source\nhomelessness,2013,5821,revised\n")
    before = dump(ready)
    refused = run.fails("import", path)
    assert refused.stderr.splitlines() == [
        f"Error: 1 problem in {path}",
        f"  {path}:2: homelessness DK 2013 is already recorded as 5820, not 5821 (use --replace to correct it; "
        "the old figure is kept)",
    ]
    assert dump(ready) == before
    assert "1 replaced" in run("import", path, "--replace").stderr
    rows = run.json("history", "homelessness", "--format", "json")
    assert [(r["value"], r["current"]) for r in rows if r["year"] == 2013] == [(5820, False), (5821, True)]
    assert rows[-1]["replaces"] == 5820


def test_dry_run_writes_nothing(run, ready, tmp_path):
    before = dump(ready)
    result = run("import", write(tmp_path, "goal,year,value\nhomelessness,2015,6138\n"), "--dry-run")
    assert "Would import" in result.stderr and "1 new" in result.stderr and "nothing written" in result.stderr
    assert dump(ready) == before


BAD_ROWS = [
    ("homelessness,2015,abc", "value 'abc' is not a number (write 5290, 5.7 or 5,7)"),
    ("homelessness,2015,nan", "value 'nan' is not a number (write 5290, 5.7 or 5,7)"),
    ("homelessness,2015,inf", "value 'inf' is not a number (write 5290, 5.7 or 5,7)"),
    ("homelessness,2015,-4", "homelessness: -4 is below 0, the least a persons value can be"),
    ("homelessness,2015,61.5", "homelessness: 61.5 is not a whole number of persons"),
    ("placement-breakdown,2015,100.5", "placement-breakdown: 100.5 is above 100, the most a percent value can be"),
    ("homeless,2015,6000", "unknown goal 'homeless' (did you mean 'homelessness'?)"),
    ("homelessness,1850,6000", "year 1850 is outside 1900..2026"),
    ("homelessness,20x5,6000", "year '20x5' is not a whole year"),
    ("homelessness,2015", "expected 3 fields, found 2"),
    ("homelessness,2015,6000,extra", "expected 3 fields, found 4"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_named_and_nothing_is_written(run, ready, tmp_path, row, message):
    if "2026" in message:
        import datetime

        message = message.replace("2026", str(datetime.date.today().year))
    path = write(tmp_path, f"goal,year,value\nhomelessness,2016,6200\n{row}\ndrug-deaths,2016,240\n")
    before = dump(ready)
    result = run.fails("import", path)
    assert result.stderr.splitlines() == [f"Error: 1 problem in {path}", f"  {path}:3: {message}"]
    assert dump(ready) == before


def test_unknown_scope_and_duplicates_in_the_file(run, ready, tmp_path):
    path = write(tmp_path, "goal,scope,year,value\nhomelessness,XX,2015,1\nhomelessness,DK,2015,6138\n"
                           "homelessness,DK,2015,6138\n")
    lines = run.fails("import", path).stderr.splitlines()
    assert lines == [f"Error: 2 problems in {path}", f"  {path}:2: unknown scope 'XX' (see goaltrack scopes)",
                     f"  {path}:4: homelessness DK 2015 appears twice in the file (first on line 3)"]


def test_comma_file_refuses_decimal_comma(run, ready, tmp_path):
    path = write(tmp_path, 'goal,year,value\nplacement-breakdown,2015,"5,1"\n')
    assert "a decimal comma needs a semicolon-separated file" in run.fails("import", path).stderr


@pytest.mark.parametrize(("text", "message"), [
    ("", "is empty"),
    ("year,value\n2015,1\n", "line 1: the header lacks the column(s) goal"),
    ("goal,year,value,colour\nhomelessness,2015,1,red\n", "has unknown column(s) 'colour'"),
    ("goal,year,value\n", "has a header but no rows"),
    ("[{\"goal\": \"homelessness\"", "not valid JSON"),
    ("{\"goal\": 1}", "JSON must be a list of records"),
])
def test_malformed_files(run, ready, tmp_path, text, message):
    before = dump(ready)
    result = run.fails("import", write(tmp_path, text))
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert dump(ready) == before


def test_random_bytes(run, ready, tmp_path):
    path = tmp_path / "noise.csv"
    path.write_bytes(bytes(range(256)) * 40)
    before = dump(ready)
    assert "is not UTF-8 text" in run.fails("import", str(path)).stderr
    assert dump(ready) == before


def test_a_bad_row_deep_in_a_large_file(run, ready, tmp_path):
    lines = ["goal,scope,year,value"]
    codes = [s["code"] for s in run.json("scopes", "--format", "json")]
    for code in codes:
        for year in range(1950, 2020):
            lines.append(f"youth-crime,{code},{year},{(year - 1900) / 10}")
    lines[5000] = lines[5000].rsplit(",", 1)[0] + ",1O.5"  # a letter O for a zero
    before = dump(ready)
    result = run.fails("import", write(tmp_path, "\n".join(lines) + "\n"))
    assert len(lines) > 7000
    assert result.stderr.splitlines()[1].endswith(":5001: value '1O.5' is not a number (write 5290, 5.7 or 5,7)")
    assert dump(ready) == before


def test_many_problems_show_twenty(run, ready, tmp_path):
    rows = "".join(f"homelessness,{year},x\n" for year in range(1950, 1980))
    lines = run.fails("import", write(tmp_path, "goal,year,value\n" + rows)).stderr.splitlines()
    assert lines[0].endswith("30 problems in " + str(tmp_path / "figures.csv"))
    assert len(lines) == 22 and lines[-1] == "  … and 10 more"


def test_fast_and_careful_paths_agree(tmp_path):
    from goaltrack.domain.scopes import ScopeNames

    goals, names = {"g": "percent", "h": "persons"}, ScopeNames([("DK", "Danmark"), ("101", "København")])
    layout = shapes.TableShape("long", 5, {"goal": 0, "scope": 1, "year": 2, "value": 3, "source": 4})
    body = "g,DK,2011,5.5,a\ng,101,2012,7,\nh,,2013,12,b\n"

    def fast(text, homes=None):
        return checks.fast_block(text, ",", layout, 2, goals, names, None, homes or {"g": "DK", "h": "DK"})

    def careful(text, homes=None):
        checker = checks.RowChecker(goals, names, None, homes or {"g": "DK", "h": "DK"})
        rows = shapes.TableRows(layout, checker, load.ImportResult())
        return rows.take(csv_reader.csv_rows(text, ",", 2, "")), checker

    quick, (slow, checker) = fast(body), careful(body.replace("5.5", " 5.5"))
    assert quick is not None and not checker.problems
    for name in ("goal", "scope", "year", "value", "source", "note"):
        assert getattr(quick, name) == getattr(slow, name), name
    assert [quick.lines[i] for i in range(3)] == slow.lines == ["2", "3", "4"]
    assert fast(body.replace("g,DK,", "g,Danmark,")).scope == ["DK", "101", "DK"]  # names resolve fast too
    assert fast(body.replace(",101,", ",København,")).scope == ["DK", "101", "DK"]
    # A row without a scope is in its goal's set's scope: one for every goal here, so the fast path fills it.
    assert fast(body, {"g": "101", "h": "101"}).scope == ["DK", "101", "101"]
    assert fast(body, {"g": "DK", "h": "101"}) is None  # two: the careful path gives each row its own
    assert careful(body, {"g": "DK", "h": "101"})[0].scope == ["DK", "101", "101"]
    # Anything the columns cannot vouch for goes the careful way.
    for doubtful in (body.replace("5.5", "5."), body.replace("7,", "-0.5,"), body.replace(",12,", ",12.5,"),
                     body.replace("2013", "2O13"), body.replace("h,", "x,"), body.replace("7,", "..,"),
                     body.replace("7,", "-,"), body.replace("7,", ","), body.replace(",a", "," + "a" * 2001),
                     body.replace("7,", "7.0000000000000000001,")):  # 21 characters: Unit.check decides
        assert fast(doubtful) is None, doubtful


def test_the_fast_path_fills_a_missing_goal_and_scope_column():
    """A file of year and value only (--goal, the goal's own scope) is checked column-wise too."""
    from goaltrack.domain.scopes import ScopeNames

    layout = shapes.TableShape("long", 2, {"year": 0, "value": 1})
    names = ScopeNames([("DK", "Danmark"), ("101", "København")])
    block = checks.fast_block("2011,5.5\n2012,7\n", ",", layout, 2, {"g": "percent"}, names, "g", {"g": "101"})
    assert block is not None
    assert (block.goal, block.scope, block.year, block.value) == (["g", "g"], ["101", "101"], [2011, 2012], [5.5, 7.0])
    assert checks.fast_block("2011,5.5\n", ",", layout, 2, {"g": "percent"}, names, "h", {"g": "101"}) is None


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_export_then_import_into_a_new_database(run, ready, tmp_path, monkeypatch, fmt):
    run("import", write(tmp_path, "goal;scope;year;value;source;note\nhomelessness;101;2011;1400;KK;\"a; b\"\n"
                                  "placement-breakdown;751;2016;4,5;;\nhomelessness;DK;2015;6138;SFI;\n"))
    run("record", "homelessness", "6139", "--year", "2015", "--replace", "--source", "SFI revised")
    exported = run("export", "--format", fmt).stdout
    everything = run.json("status", "--format", "json", "--scope", "101")
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    path = write(tmp_path, exported, f"export.{fmt}")
    run("import", path, "--replace")
    assert run("export", "--format", fmt).stdout == exported
    assert run.json("status", "--format", "json", "--scope", "101") == everything


def test_export_with_history_restores_the_history(run, ready, tmp_path, monkeypatch):
    run("record", "homelessness", "6138", "--year", "2015", "--source", "first")
    run("record", "homelessness", "6139", "--year", "2015", "--replace", "--source", "revised")
    exported = run("export", "homelessness", "--history").stdout
    assert exported.splitlines()[0] == "goal,scope,year,value,source,note,published,flag,state,recorded_at"
    today = datetime.date.today().isoformat()
    assert f",6138,first,,{today},,replaced," in exported and f",6139,revised,,{today},,current," in exported
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'copy.db'}")
    path = write(tmp_path, exported, "history.csv")
    assert "1 earlier figure." in run("import", path, "--replace").stderr

    def without_seed_time(text: str) -> list[str]:
        # The new database loaded the catalogue's 2013 figure itself, at its own time: the import
        # found it unchanged and left it so. Every other field, and every other row, is the same.
        return [line.rsplit(",", 1)[0] if "SFI national count 2013" in line else line for line in text.splitlines()]

    assert without_seed_time(run("export", "homelessness", "--history").stdout) == without_seed_time(exported)
    assert "0 new" in run("import", path, "--replace").stderr  # a second time adds nothing
    assert without_seed_time(run("export", "homelessness", "--history").stdout) == without_seed_time(exported)


def test_export_filters(run, ready):
    out = run("export", "homelessness", "--scope", "DK").stdout.splitlines()
    today = datetime.date.today().isoformat()
    assert out == ["goal,scope,year,value,source,note,published,flag",
                   "homelessness,DK,2013,5820,\"SFI national count 2013, quoted in Socialpædagogerne's input (2013)\","
                   f",{today},"]
    assert json.loads(run("export", "drug-deaths", "--format", "json").stdout) == [
        {"goal": "drug-deaths", "scope": "DK", "year": 2012, "value": 210,
         "source": "Socialpædagogerne's input to the 2020 goals (2013)", "note": None, "published": today,
         "flag": None}]
    assert "unknown scope" in run.fails("export", "--scope", "XX").stderr
