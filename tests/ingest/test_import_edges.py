"""Import at its edges: the first and last years, unknown and missing JSON keys, zero, and the
PostgreSQL COPY path with corrections, checked by the stored values."""

from __future__ import annotations

import datetime
import json
import os

import pytest

from goaltrack.storage.database import open_database
from tests.conftest import Runner, dump

THIS_YEAR = datetime.date.today().year


@pytest.mark.parametrize("form", ["csv", "careful csv", "json"])
@pytest.mark.parametrize(("year", "ok"), [(1899, False), (1900, True), (THIS_YEAR, True), (THIS_YEAR + 1, False)])
def test_years_from_1900_to_this_year(run, db_path, tmp_path, form, year, ok):
    if form == "json":
        path = tmp_path / "f.json"
        path.write_text(json.dumps([{"goal": "drug-deaths", "year": year, "value": 7}]))
    else:  # a note with a quote sends the file down the careful, row-by-row path
        path = tmp_path / "f.csv"
        path.write_text("goal,year,value,note\n" + f"drug-deaths,{year},7," + ('"a ""note"""' if "careful" in form else "")
                        + "\n")
    if ok:
        assert "1 new" in run("import", str(path), "--force").stderr  # 7 deaths: out of line, but not the point
        assert [(r["year"], r["value"]) for r in run.json("export", "drug-deaths", "--format", "json")
                if r["year"] == year] == [(year, 7)]
    else:
        run("goals")
        before = dump(db_path)
        where = "record 1" if form == "json" else ":2"
        result = run.fails("import", str(path))
        assert f"year {year} is outside 1900..{THIS_YEAR}" in result.stderr and where in result.stderr
        assert dump(db_path) == before


def test_json_records_with_unknown_or_missing_keys_are_named(run, db_path, tmp_path):
    run("goals")
    path = tmp_path / "f.json"
    path.write_text(json.dumps([{"goal": "drug-deaths", "year": 2015, "value": 7, "colour": "red"},
                                {"goal": "drug-deaths", "year": 2016},
                                {"goal": "drug-deaths", "value": 7, "shade": 1},
                                {"year": 2016}]))
    result = run.fails("import", str(path))
    assert result.stderr.splitlines() == [
        f"Error: 4 problems in {path}",
        f"  {path}: record 1: has unknown key(s) 'colour'",
        f"  {path}: record 2: lacks value",
        f"  {path}: record 3: lacks year; has unknown key(s) 'shade'",
        f"  {path}: record 4: lacks goal, value"]  # in the order goal, year, value


def test_zero_goes_in_on_both_paths(run, tmp_path):
    plain = tmp_path / "plain.csv"
    plain.write_text("goal,scope,year,value\ndrug-deaths,101,2015,0\nyouth-crime,101,2015,0.0\n")
    careful = tmp_path / "careful.csv"
    careful.write_text('goal;scope;year;value;note\ndrug-deaths;751;2015;0;"none"\nyouth-crime;751;2015;0,0;\n')
    assert "2 new" in run("import", str(plain)).stderr
    assert "2 new" in run("import", str(careful)).stderr
    rows = sorted((r["goal"], r["scope"], r["value"]) for r in run.json("export", "--format", "json")
                  if r["year"] == 2015)
    assert rows == [("drug-deaths", "101", 0), ("drug-deaths", "751", 0), ("youth-crime", "101", 0),
                    ("youth-crime", "751", 0)]


def test_import_and_correct_on_each_backend(backend_url, tmp_path, monkeypatch):
    """New figures go in by COPY on PostgreSQL and by INSERT on SQLite; corrections keep the old."""
    from goaltrack.storage import writer

    run = Runner()
    run("goals")  # the new database's catalogue figures go in through the same writer (5 by COPY)
    copied: list[int] = []  # rows sent by COPY, per block
    copy_new = writer.copy_entries

    def counted(conn, rows):
        rows = list(rows)
        copied.append(len(rows))
        copy_new(conn, rows)

    monkeypatch.setattr(writer, "copy_entries", counted)
    first = tmp_path / "first.csv"
    first.write_text("goal,scope,year,value,source\nhomelessness,101,2011,1400,KK\nhomelessness,101,2017,1700,KK\n"
                     "drug-deaths,DK,2015,0,DST\n")
    assert "3 new, 0 replaced, 0 unchanged" in run("import", str(first), "--force").stderr  # a national 0
    second = tmp_path / "second.csv"
    second.write_text("goal,scope,year,value,source\nhomelessness,101,2017,1750,KK rev\nhomelessness,101,2011,1400,KK\n"
                      "homelessness,101,2019,1800,\n")
    refused = run.fails("import", str(second))
    assert "homelessness 101 2017 is already recorded as 1700, not 1750" in refused.stderr
    assert "1 new, 1 replaced, 1 unchanged" in run("import", str(second), "--replace").stderr
    # the 3 first, then 2019's new one and 2017's revision: each a new entry
    assert copied == ([3, 2] if backend_url.startswith("postgresql") else [])
    history = [(r["year"], r["value"], r["source"], r["current"], r["replaces"])
               for r in run.json("history", "homelessness", "--scope", "101", "--format", "json")]
    assert history == [(2011, 1400, "KK", True, None), (2017, 1700, "KK", False, None),
                       (2017, 1750, "KK rev", True, 1700), (2019, 1800, None, True, None)]
    deaths = run.json("history", "drug-deaths", "--format", "json")
    assert [(r["year"], r["value"], r["source"]) for r in deaths if r["year"] == 2015] == [(2015, 0, "DST")]


@pytest.mark.parametrize(("name", "text", "message"), [
    ("twice.csv", "goal,year,value,year\nhomelessness,2015,1,2015\n", "line 1: the header names the column year twice"),
    ("no-goal.csv", "goal,year,value\n,2015,1\n", ":2: the goal is missing"),
    ("status.csv", "goal,year,value,status\nhomelessness,2015,1,bogus\n",
     ":2: status must be 'current', 'replaced' or 'deleted', not 'bogus'"),
    ("number.json", '[5, {"goal": "homelessness", "year": 2015, "value": 1}]', "record 1: is not an object"),
    ("true.json", '[{"goal": "homelessness", "year": 2015, "value": true}]', "record 1: value True is not a number"),
    ("recorded.csv", "goal,year,value,recorded_at\nhomelessness,2015,1,yesterday\n",
     ":2: recorded_at 'yesterday' is not a date and time (2026-01-31T12:00:00Z)"),
    ("replaced.csv", "goal,year,value,status,replaced_at\nhomelessness,2015,1,replaced,soon\n",
     ":2: replaced_at 'soon' is not a date and time (2026-01-31T12:00:00Z)"),
    ("nine-digits.csv", "goal,year,value\nhomelessness,123456789,6000\n", f":2: year 123456789 is outside 1900..{THIS_YEAR}"),
    ("ten-digits.csv", "goal,year,value\nhomelessness,1234567890,6000\n", ":2: year '1234567890' is not a whole year"),
    ("one-withheld.csv", "goal,year,value\nhomelessness,2015,..\n", "one-withheld.csv has no figures: its one cell is "
                                                                   "withheld or empty"),
    ("point-first.csv", "goal,scope,year,value\nhomelessness,101,2015,.5\n",  # the first value, on the fast path
     ":2: value '.5' is not a number (write 5290, 5.7 or 5,7)"),
    ("no-header.csv", "a,b,c\n1,2,3\n", "no-header.csv: no header found in the first 30 rows: name the columns goal, "
                                        "year, value (or mål, år, værdi; or OMRÅDE;TID;INDHOLD), or give a column per year"),
    ("comma.csv", 'goal,year,value\nhomelessness,2015,"5,7"\n',
     ":2: value '5,7': a decimal comma needs a semicolon-separated file; write a point here"),
    ("taken.json", '[{"goal": "homelessness", "year": 2016, "value": 6000}, '
                   '{"goal": "homelessness", "year": 2013, "value": 5900}]',  # the second record, found on writing
     "record 2: homelessness DK 2013 is already recorded as 5820, not 5900 (use --replace to correct it; the old "
     "figure is kept)"),
    ("municipal.csv", "goal,scope,year,value\nhomelessness,DK,2016,6000\nhomelessness,101,2011,1400\n"
                      "homelessness,101,2012,1500\nhomelessness,101,2013,14000\n",  # out of line in a municipality
     ":5: homelessness 101 2013: 14000 is far out of line with the figures beside it (1400 in 2011, 1500 in 2012); "
     "check the figure, or use --force to record it anyway"),
    ("ten-times.json", '[{"goal": "homelessness", "year": 2014, "value": 5900}, '
                       '{"goal": "homelessness", "year": 2015, "value": 58200}]',
     "record 2: homelessness DK 2015: 58200 is far out of line with the figures beside it (5820 in 2013, 5900 in "
     "2014); check the figure, or use --force to record it anyway"),
])
def test_each_bad_file_is_named_exactly(run, db_path, tmp_path, name, text, message):
    run("goals")
    path = tmp_path / name
    path.write_text(text)
    before = dump(db_path)
    lines = run.fails("import", str(path)).stderr.splitlines()
    assert any(line.endswith(message) for line in lines), lines  # the whole message, to its end
    assert dump(db_path) == before


def test_json_with_history_keeps_when_each_figure_was_recorded_and_replaced(run, tmp_path):
    path = tmp_path / "history.json"
    path.write_text(json.dumps([
        {"goal": "homelessness", "scope": "DK", "year": 2015, "value": 6000, "source": "first", "note": None,
         "status": "replaced", "recorded_at": "2020-01-02T03:04:05Z", "replaced_at": "2021-02-03T04:05:06Z"},
        {"goal": "homelessness", "scope": "DK", "year": 2015, "value": 6100, "source": "second", "note": None,
         "status": "current", "recorded_at": "2021-02-03T04:05:06Z", "replaced_at": None}]))
    assert "1 new" in run("import", str(path)).stderr
    rows = [(r["value"], r["source"], r["current"], r["replaces"], r["recorded_at"], r["replaced_at"])
            for r in run.json("history", "homelessness", "--format", "json") if r["year"] == 2015]
    assert rows == [(6000, "first", False, None, "2020-01-02T03:04:05Z", "2021-02-03T04:05:06Z"),
                    (6100, "second", True, 6000, "2021-02-03T04:05:06Z", None)]


@pytest.fixture
def aarhus(run, tmp_path) -> Runner:
    """The shipped set (judged in DK) beside aarhus-2030, judged in Aarhus (751)."""
    from tests.storage.test_sets import AARHUS

    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    run("goals")
    run("catalogue", "sync", str(path))
    return run


def _scopes(run: Runner, year: int) -> list[tuple[str, str, float]]:
    rows = run.json("export", "--format", "json")
    return sorted((r["goal"], r["scope"], r["value"]) for r in rows if r["year"] == year)


@pytest.mark.parametrize("form", ["csv", "careful csv", "json"])
def test_a_row_without_a_scope_is_in_its_goal_sets_scope(aarhus, tmp_path, form):
    figures = [("youth-jobs", 2020, 82), ("drug-deaths", 2020, 250), ("aarhus-2030/homelessness", 2020, 540)]
    if form == "json":
        path = tmp_path / "f.json"
        path.write_text(json.dumps([{"goal": g, "year": y, "value": v} for g, y, v in figures]))
    else:
        path = tmp_path / "f.csv"
        note = ',"a ""quoted"" note"' if form == "careful csv" else ","
        path.write_text("goal,year,value,note\n" + "".join(f"{g},{y},{v}{note}\n" for g, y, v in figures))
    aarhus("import", str(path), "--force")
    # the Aarhus goal's row is in Aarhus (751); export writes the shared indicator under the shipped goal
    assert _scopes(aarhus, 2020) == [("drug-deaths", "DK", 250), ("homelessness", "751", 540),
                                     ("youth-jobs", "751", 82)]


def test_an_empty_scope_cell_and_a_file_of_one_set_take_the_sets_scope_and_scope_overrides(aarhus, tmp_path):
    one_set = tmp_path / "aarhus.csv"  # every goal in Aarhus' set: the fast path fills in 751
    one_set.write_text("goal,scope,year,value\nyouth-jobs,,2021,83\nyouth-jobs,101,2021,70\n")
    aarhus("import", str(one_set))
    assert _scopes(aarhus, 2021) == [("youth-jobs", "101", 70), ("youth-jobs", "751", 83)]
    given = tmp_path / "given.csv"
    given.write_text("goal,year,value\nyouth-jobs,2022,84\ndrug-deaths,2022,12\n")
    aarhus("import", str(given), "--scope", "København", "--force")
    assert _scopes(aarhus, 2022) == [("drug-deaths", "101", 12), ("youth-jobs", "101", 84)]


def test_a_json_record_giving_a_key_twice_is_refused_not_guessed(run, db_path, tmp_path):
    run("goals")
    before = dump(db_path)
    path = tmp_path / "f.json"
    path.write_text('[{"goal": "drug-deaths", "year": 2015, "value": 250},\n'
                    ' {"goal": "drug-deaths", "year": 2016, "value": 25, "value": 250, "year": 2017}]')
    result = run.fails("import", str(path))
    assert "record 2: gives 'year', 'value' more than once" in result.stderr
    assert "record 1" not in result.stderr
    assert dump(db_path) == before


def test_a_small_figure_round_trips_and_one_no_csv_could_hold_is_refused(run, db_path, tmp_path):
    path = tmp_path / "f.json"
    path.write_text(json.dumps([{"goal": "placement-breakdown", "year": 2015, "value": 1e-30}]))
    run("import", str(path), "--force")
    exported = tmp_path / "out.csv"
    run("export", "placement-breakdown", "--output", str(exported))
    line = next(x for x in exported.read_text().splitlines() if ",2015," in x)
    assert ",0.000000000000000000000000000001," in line  # written out, as import reads it
    run("delete", "placement-breakdown", "--year", "2015")
    run("import", str(exported), "--force")
    assert [r["value"] for r in run.json("export", "placement-breakdown", "--format", "json")
            if r["year"] == 2015] == [1e-30]
    before = dump(db_path)
    path.write_text(json.dumps([{"goal": "placement-breakdown", "year": 2016, "value": 1e-320}]))
    assert "1e-320 is too close to zero" in run.fails("import", str(path), "--force").stderr
    long = tmp_path / "long.csv"  # float() would make it 0.0: a figure nobody wrote
    long.write_text("goal,year,value\nplacement-breakdown,2016,0." + "0" * 400 + "1\n")
    assert "is too long: a figure has at most 40 characters" in run.fails("import", str(long), "--force").stderr
    assert dump(db_path) == before


def test_a_long_value_in_a_message_is_cut_after_60_characters():
    from goaltrack.ingest.checks import short_repr

    assert short_repr("x" * 58) == repr("x" * 58)  # 60 characters with its quotes: whole
    assert short_repr("x" * 59) == repr("x" * 59)[:57] + "…"


def test_a_spreadsheets_whole_numbers_are_integers_only_where_a_float_is_exact():
    from goaltrack.ingest.sheet_reader import _sheet_cell

    assert (_sheet_cell(101.0), type(_sheet_cell(101.0))) == (101, int)  # a scope code typed as a number
    assert type(_sheet_cell(float(2**53 - 1))) is int
    assert type(_sheet_cell(float(2**53))) is float  # past 2**53 a float no longer says which integer it was
    assert _sheet_cell(5.5) == 5.5


@pytest.mark.parametrize(("suffix", "blocks"), [(".csv", [1, 2, 2]), (".json", [2, 2, 1])])
def test_a_file_longer_than_one_batch_goes_in_whole(run, tmp_path, monkeypatch, suffix, blocks):
    """Files are checked and written a block at a time: JSON by BATCH records (here 2), CSV by blocks of
    bytes cut back to a line end (here 60: the 22-byte header and one 27-byte row, then two rows each)."""
    from goaltrack.ingest import decode, json_reader, load

    monkeypatch.setattr(json_reader, "BATCH", 2)
    read = decode._byte_blocks
    monkeypatch.setattr(decode, "_byte_blocks", lambda path, cap: read(path, cap, 60))
    taken: list[int] = []
    take = load.Loader.take
    monkeypatch.setattr(load.Loader, "take", lambda self, f: (taken.append(len(f)), take(self, f))[1])
    rows = [{"goal": "homelessness", "scope": "101", "year": 2015 + i, "value": 1000 + i} for i in range(5)]
    path = tmp_path / f"five{suffix}"
    path.write_text(json.dumps(rows) if suffix == ".json" else "goal,scope,year,value\n" + "".join(
        f"{r['goal']},{r['scope']},{r['year']},{r['value']}\n" for r in rows))
    assert "5 rows; 5 new" in run("import", str(path)).stderr
    assert taken == blocks
    stored = [(r["year"], r["value"]) for r in run.json("export", "homelessness", "--scope", "101", "--format", "json")]
    assert stored == [(2015, 1000), (2016, 1001), (2017, 1002), (2018, 1003), (2019, 1004)]


def test_a_decimal_comma_in_a_json_text_value_is_read_as_danish(run, tmp_path):
    """Only a comma-separated CSV makes "5,7" ambiguous; a JSON (or spreadsheet) text "5,7" is 5.7."""
    path = tmp_path / "komma.json"
    path.write_text(json.dumps([{"goal": "placement-breakdown", "year": 2015, "value": "5,7"}]))
    assert "1 new" in run("import", str(path)).stderr
    assert [r["value"] for r in run.json("export", "placement-breakdown", "--format", "json") if r["year"] == 2015] \
        == [5.7]


def test_progress_counts_the_files_bytes_up_to_its_size(run, tmp_path):
    from goaltrack.ingest import load

    run("goals")
    path = tmp_path / "f.csv"
    path.write_text("goal,scope,year,value\n" + "".join(f"homelessness,101,{y},{1000 + y}\n" for y in range(2000, 2020)))
    seen: list[tuple[str, int, int]] = []
    load.import_file(open_database(os.environ["GOALTRACK_DATABASE_URL"]), path,
                     progress=lambda phase, done, total: seen.append((phase, done, total)))
    size = path.stat().st_size
    assert seen == [("importing", size, size)] * 2  # after the one block (header and rows), then at the end


def test_a_byte_that_is_not_utf8_is_named_by_its_place_in_the_whole_file(run, db_path, tmp_path, monkeypatch):
    """The file is read in blocks; the place of a bad byte counts the blocks before it (here of 8 bytes)."""
    from goaltrack.ingest import decode

    blocks = decode._byte_blocks
    monkeypatch.setattr(decode, "_byte_blocks", lambda path, cap: blocks(path, cap, 8))
    run("goals")
    path = tmp_path / "latin.csv"
    path.write_bytes(b"goal,year,value,note\nhomelessness,2015,6000,K\xf8benhavn\n")  # \xf8 at offset 45, counted from 0
    before = dump(db_path)
    result = run.fails("import", str(path), "--encoding", "utf-8")
    assert result.stderr == (f"Error: {path} is not UTF-8 text (byte 45 cannot be read); if it is Windows-1252, "
                             "add --encoding cp1252\n")
    assert dump(db_path) == before


def test_a_note_keeps_its_tabs_and_line_breaks_and_a_source_may_not(run, db_path, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text('goal,year,value,note\nhomelessness,2016,6000,"counted in week 6\n\tsee the method"\n')
    run("import", str(path))
    assert [r["note"] for r in run.json("export", "homelessness", "--format", "json") if r["year"] == 2016] == \
        ["counted in week 6\n\tsee the method"]
    path.write_text('goal,year,value,source\nhomelessness,2017,6000,"SFI\n2017"\n')
    before = dump(db_path)
    assert run.fails("import", str(path)).stderr.splitlines()[1] == (  # named by the line the record starts on
        f"  {path}:2: the source holds the control character \\x0a (a line break), which is not allowed in it")
    assert dump(db_path) == before


def test_a_tab_in_a_source_is_refused_on_the_fast_path_too(run, db_path, tmp_path):
    """A plain block (no quotes) goes the column-wise way; a source there meets the same rule as on the
    row-by-row path (goaltrack.domain.figure: one line, no control characters), not the note's."""
    run("goals")
    path = tmp_path / "tab.csv"
    path.write_text("goal,year,value,source\nhomelessness,2016,6000,a\tb\n")
    before = dump(db_path)
    assert run.fails("import", str(path)).stderr.splitlines()[1] == (
        f"  {path}:2: the source holds the control character \\x09 (a tab), which is not allowed in it")
    assert dump(db_path) == before


def test_a_catalogue_changed_while_the_file_was_read_stops_the_import(run, db_path, tmp_path, monkeypatch):
    """A sync may remove a goal between reading the file and taking the write lock: nothing is written."""
    from goaltrack.storage import store

    run("goals")
    monkeypatch.setattr(store, "active_goal_ids", lambda conn: [])  # as if a sync archived every goal
    path = tmp_path / "f.csv"
    path.write_text("goal,year,value\nhomelessness,2016,6000\n")
    before = dump(db_path)
    assert run.fails("import", str(path)).stderr == \
        "Error: the catalogue changed while the file was being read; run the import again\n"
    assert dump(db_path) == before


def test_a_figure_repeated_in_a_later_block_is_caught_even_as_the_largest_seen(run, db_path, tmp_path, monkeypatch):
    """Blocks of 60 bytes: 2015 | 2016, 2017 | 2017 again, 2018. The repeated 2017 is the largest key
    seen so far, the edge of the sorted search that finds repeats across blocks."""
    from goaltrack.ingest import decode

    read = decode._byte_blocks
    monkeypatch.setattr(decode, "_byte_blocks", lambda path, cap: read(path, cap, 60))
    run("goals")
    path = tmp_path / "twice.csv"
    path.write_text("goal,scope,year,value\n" + "".join(f"homelessness,101,{y},{v}\n" for y, v in
                                                          [(2015, 1500), (2016, 1450), (2017, 1400), (2017, 1401),
                                                           (2018, 1390)]))
    before = dump(db_path)
    assert run.fails("import", str(path)).stderr.splitlines()[1] == \
        f"  {path}:5: homelessness 101 2017 appears twice in the file (first on line 4)"
    assert dump(db_path) == before


def test_an_export_with_history_comes_back_whole_on_each_backend(backend_url, tmp_path, monkeypatch):
    """Figures with their own recorded_at (an export with history) go into PostgreSQL by COPY too,
    each at its own time: the history exported again is the same, row for row."""
    from contextlib import ExitStack

    from tests.conftest import postgres_database

    run = Runner()
    run("record", "homelessness", "6138", "--year", "2015", "--source", "first")
    run("record", "homelessness", "6139", "--year", "2015", "--replace", "--source", "revised")
    run("record", "homelessness", "612", "--year", "2019", "--scope", "101", "--source", "KK")
    exported = run("export", "homelessness", "--history").stdout
    path = tmp_path / "history.csv"
    path.write_text(exported, encoding="utf-8")
    with ExitStack() as stack:
        copy = (f"sqlite:///{tmp_path / 'copy.db'}" if backend_url.startswith("sqlite")
                else stack.enter_context(postgres_database()))
        monkeypatch.setenv("GOALTRACK_DATABASE_URL", copy)
        assert "1 earlier figure." in run("import", str(path), "--replace").stderr
        again = run("export", "homelessness", "--history").stdout
    seed = "SFI national count 2013"  # loaded by the new database itself, at its own time

    def rows(text: str) -> list[str]:
        return [line.rsplit(",", 1)[0] if seed in line else line for line in text.splitlines()]

    assert rows(again) == rows(exported)
    assert any(",612,KK,,20" in line and ",,current," in line for line in again.splitlines())


def test_danish_thousands_are_never_taken_as_a_decimal_on_the_fast_path(run, tmp_path, db_path):
    """A plain comma-separated file takes the column-wise fast path; one '2.000' among 5,000 plain rows
    (two thousand to a Dane, two in English) sends it to the careful one, which names the line."""
    path = tmp_path / "many.csv"
    from goaltrack.catalogue import load_catalogue
    from goaltrack.catalogue.loading import shipped_catalogue_path

    codes = [s.code for s in load_catalogue(shipped_catalogue_path()).scopes if s.kind == "municipality"][:50]
    rows = [f"homelessness,{code},{year},{year % 90 + 10}" for code in codes for year in range(1925, 2025)]
    rows[4321] = "homelessness,157,2024,2.000"
    path.write_text("goal,scope,year,value\n" + "\n".join(rows) + "\n")
    before = dump(db_path)
    lines = run.fails("import", str(path), "--force").stderr.splitlines()
    assert lines[1] == f"  {path}:4323: value '2.000' is ambiguous: Danish for 2000, English for 2; write 2000 or 2"
    assert dump(db_path) == before


def test_a_municipality_given_in_fractions_is_refused_against_the_others(run, tmp_path, db_path):
    """Vejle and Kolding as fractions (0.046 for 4.6 %) beside municipalities in percent: each series is
    in line with itself, so only the other scopes show it. Zero is a percent like any other; --force
    takes fractions that are meant."""
    path = tmp_path / "anbringelser.csv"
    path.write_text("goal,scope,year,value\nplacement-breakdown,751,2015,5.1\nplacement-breakdown,461,2015,6.0\n"
                    "placement-breakdown,630,2015,0.046\nplacement-breakdown,630,2016,0.05\n"
                    "placement-breakdown,621,2015,0.061\nplacement-breakdown,101,2015,0\n")
    before = dump(db_path)
    lines = run.fails("import", str(path)).stderr.splitlines()
    assert lines[0] == f"Error: 2 problems in {path}"
    assert lines[1].startswith(f"  {path}:4: placement-breakdown 630: every figure lies below 1 % while the goal's "
                               "other scopes lie at")
    assert lines[2].startswith(f"  {path}:6: placement-breakdown 621: every figure lies below 1 %")
    assert dump(db_path) == before
    assert "6 new" in run("import", str(path), "--force").stderr
