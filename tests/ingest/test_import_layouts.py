"""Files as analysts have them: StatBank exports, wide spreadsheets with titles and notes, Windows-1252,
Danish headers, withheld cells; checked figure by figure. And the importer's bounds: size, field
length, nesting, the problem count, sources on --replace, plausibility."""

from __future__ import annotations

import codecs

import json

import pytest

from tests.conftest import dump


@pytest.fixture
def ready(run, db_path):
    run("goals")
    return db_path


def figures(run, goal: str) -> dict[tuple[str, int], tuple[float, str | None]]:
    return {(r["scope"], r["year"]): (r["value"], r["source"])
            for r in run.json("history", goal, "--format", "json") if r["current"]}


def test_statbank_bulk_export(run, ready, tmp_path):
    """OMRÅDE;TID;INDHOLD with a byte-order mark, CRLF, decimal commas, area names, a withheld cell."""
    path = tmp_path / "ANBRINGELSER.csv"
    path.write_bytes("\ufeffOMRÅDE;TID;INDHOLD\r\nHele landet;2014;5,1\r\nRegion Hovedstaden;2014;5,6\r\n"
                     "København;2014;6,2\r\nHøje-Taastrup;2014;..\r\nLæsø;2014;0\r\nHele landet;2015;4,9\r\n"
                     .encode("utf-8"))
    out = run("import", str(path), "--goal", "placement-breakdown")
    assert out.stderr == (f"Imported {path}: 5 rows; 5 new, 0 replaced, 0 unchanged "
                          "(1 cell withheld or empty).\n")
    assert figures(run, "placement-breakdown") == {
        ("DK", 2014): (5.1, None), ("1084", 2014): (5.6, None), ("101", 2014): (6.2, None),
        ("825", 2014): (0, None), ("DK", 2015): (4.9, None)}


def test_statbank_quarters_are_refused_clearly(run, ready, tmp_path):
    path = tmp_path / "q.csv"
    path.write_text("OMRÅDE;TID;INDHOLD\nHele landet;2019K1;6138\nHele landet;2019M01;6138\n", encoding="utf-8")
    before = dump(ready)
    lines = run.fails("import", str(path), "--goal", "homelessness").stderr.splitlines()
    assert lines[1] == (f"  {path}:2: time '2019K1' is a quarter or month, not a year; goaltrack takes yearly "
                        "figures (choose the yearly series)")
    assert "'2019M01' is a quarter or month" in lines[2]
    assert dump(ready) == before


@pytest.mark.parametrize("mark", ["..", "...", "…", ".", ":", "-", "", " .. "])
def test_every_withheld_mark_is_skipped_never_a_figure(run, ready, tmp_path, mark):
    """StatBank's .., … and . (and -, Eurostat's :) in a wide and a long file: counted, never stored."""
    wide, long = tmp_path / "wide.csv", tmp_path / "long.csv"
    wide.write_text(f"Kommune;2015;2017\nKøbenhavn;1400;{mark}\n", encoding="utf-8")
    long.write_text(f"goal;scope;year;value\nhomelessness;751;2015;{mark}\nhomelessness;751;2017;520\n",
                    encoding="utf-8")
    assert "1 row; 1 new, 0 replaced, 0 unchanged (1 cell withheld or empty)" in \
        run("import", str(wide), "--goal", "homelessness").stderr
    assert "1 row; 1 new, 0 replaced, 0 unchanged (1 cell withheld or empty)" in run("import", str(long)).stderr
    got = figures(run, "homelessness")
    assert {k: v for k, v in got.items() if k[0] != "DK"} == {("101", 2015): (1400, None), ("751", 2017): (520, None)}


def test_wide_csv_in_windows_1252_with_title_and_note(run, ready, tmp_path):
    path = tmp_path / "hjemløse.csv"
    path.write_bytes("Hjemløse efter kommune (VIVE)\n\nKommune;2015;2017;2019\nKøbenhavn;1400;1500;1450\n"
                     "Aarhus Kommune;500;-;520\nHøje-Taastrup;12;.;\n\nKilde: VIVE, Hjemløshed i Danmark\n"
                     .encode("cp1252"))
    out = run("import", str(path), "--goal", "homelessness")
    assert "6 rows; 6 new" in out.stderr and "3 cells withheld or empty; 2 title or note lines skipped" in out.stderr
    got = figures(run, "homelessness")
    assert {k: v for k, v in got.items() if k[0] != "DK"} == {
        ("101", 2015): (1400, None), ("101", 2017): (1500, None), ("101", 2019): (1450, None),
        ("751", 2015): (500, None), ("751", 2019): (520, None), ("169", 2015): (12, None)}


def test_a_named_encoding_wins(run, ready, tmp_path):
    path = tmp_path / "latin.csv"
    path.write_bytes("mål;kommune;år;værdi\nhomelessness;Læsø;2015;3\n".encode("cp1252"))
    run("import", str(path), "--encoding", "cp1252")
    assert figures(run, "homelessness")[("825", 2015)] == (3, None)
    refused = run.fails("import", str(path), "--encoding", "nonsense")
    assert "unknown encoding 'nonsense'" in refused.stderr


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_read_by_themselves(run, ready, tmp_path, encoding):
    """Excel's "Unicode text" is UTF-16 with a byte-order mark: it was refused as binary data."""
    text = "mål;kommune;år;værdi\nhomelessness;Læsø;2015;3\n"
    path = tmp_path / "unicode.csv"
    path.write_bytes((codecs.BOM_UTF16_BE + text.encode(encoding)) if encoding == "utf-16-be"
                     else text.encode(encoding))
    out = run("import", str(path))
    assert f"Imported {path}: 1 row; 1 new" in out.stderr
    assert figures(run, "homelessness")[("825", 2015)] == (3, None)
    json_path = tmp_path / "unicode.json"
    json_path.write_bytes('[{"goal": "homelessness", "scope": "Ærø", "year": 2016, "value": 4}]'.encode(encoding)
                          if encoding != "utf-16-be" else codecs.BOM_UTF16_BE + '[{"goal": "homelessness", '
                          '"scope": "Ærø", "year": 2016, "value": 4}]'.encode(encoding))
    run("import", str(json_path))
    assert figures(run, "homelessness")[("492", 2016)] == (4, None)


def test_utf8_file_broken_late_names_the_byte_and_the_option(run, ready, tmp_path):
    path = tmp_path / "mixed.csv"
    path.write_bytes(b"goal,year,value\n" + b"homelessness,2015,6138\n" * 300_000 + "Læsø".encode("cp1252") + b"\n")
    result = run.fails("import", str(path))
    assert "is not UTF-8 text (byte" in result.stderr and "add --encoding cp1252" in result.stderr


def test_danish_headers_any_case(run, ready, tmp_path):
    path = tmp_path / "da.csv"
    path.write_text("MÅL;Område;ÅR;Værdi;Kilde;Bemærkning\n"
                    "drug-deaths;Danmark;2016;279;Sundhedsstyrelsen (2020);\n"
                    "drug-deaths;0101;2016;41;Sundhedsstyrelsen;illustrative\n", encoding="utf-8")
    run("import", str(path))
    got = figures(run, "drug-deaths")
    assert got[("DK", 2016)] == (279, "Sundhedsstyrelsen (2020)") and got[("101", 2016)] == (41, "Sundhedsstyrelsen")


def test_scope_option_for_a_file_without_scopes(run, ready, tmp_path):
    path = tmp_path / "kbh.csv"
    path.write_text("år,værdi\n2015,1400\n2017,1500\n", encoding="utf-8")
    run("import", str(path), "--goal", "homelessness", "--scope", "Københavns Kommune")
    assert figures(run, "homelessness")[("101", 2017)] == (1500, None)
    assert "lacks the column(s) goal (or name the goal with --goal ID)" in run.fails("import", str(path)).stderr


def test_wide_xlsx_with_a_title_row_and_a_note(run, ready, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Forside"
    first.append(["Nothing here"])
    sheet = book.create_sheet("Tabel 2")
    sheet.append(["Narkotikarelaterede dødsfald efter region"])
    sheet.append([])
    sheet.append(["Område", 2016, 2017, "2018", "Kilde"])
    sheet.append(["Hele landet", 279, 256, 256, "Sundhedsstyrelsen (2020)"])
    sheet.append(["Region Nordjylland", 30, "..", 28.0, "Sundhedsstyrelsen (2020)"])
    sheet.append(["Læsø", 1, 6, None, "Sundhedsstyrelsen (2020)"])
    sheet.append([])
    sheet.append(["Anm.: tal for 2018 er foreløbige"])
    path = tmp_path / "doede.xlsx"
    book.save(path)
    out = run("import", str(path), "--sheet", "Tabel 2", "--goal", "drug-deaths")
    assert "7 rows; 7 new" in out.stderr
    assert "2 cells withheld or empty; 2 title or note lines skipped" in out.stderr
    got = figures(run, "drug-deaths")
    source = "Sundhedsstyrelsen (2020)"
    assert {k: v for k, v in got.items() if k[1] >= 2016} == {
        ("DK", 2016): (279, source), ("DK", 2017): (256, source), ("DK", 2018): (256, source),
        ("1081", 2016): (30, source), ("1081", 2018): (28, source), ("825", 2016): (1, source),
        ("825", 2017): (6, source)}  # Læsø 1 → 6: a small count's swing, not a mistake
    missing = run.fails("import", str(path), "--sheet", "Tabel 9", "--goal", "drug-deaths")
    assert "has no sheet 'Tabel 9' (it has: 'Forside', 'Tabel 2')" in missing.stderr


def test_a_broken_xlsx_is_one_error_line(run, ready, tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert "is not a readable spreadsheet" in run.fails("import", str(path)).stderr


def test_plausibility_at_import_both_ways(run, ready, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("goal,scope,year,value\nplacement-breakdown,DK,2012,5.5\nplacement-breakdown,DK,2013,0.047\n"
                    "drug-deaths,825,2014,1\ndrug-deaths,825,2015,6\ndrug-deaths,825,2016,2\n", encoding="utf-8")
    before = dump(ready)
    lines = run.fails("import", str(path)).stderr.splitlines()
    assert lines == [f"Error: 1 problem in {path}",
                     f"  {path}:3: placement-breakdown DK 2013: 0.047 is far out of line with the figures beside "
                     "it (5.7 in 2011, 5.5 in 2012); check the figure, or use --force to record it anyway"]
    assert dump(ready) == before
    run("import", str(path), "--force")
    assert figures(run, "placement-breakdown")[("DK", 2013)] == (0.047, None)
    assert figures(run, "drug-deaths")[("825", 2015)] == (6, None)


def test_plausibility_against_the_database(run, ready, tmp_path):
    path = tmp_path / "p.csv"
    path.write_text("goal,year,value,source\nhomelessness,2015,61380,typo\n", encoding="utf-8")
    result = run.fails("import", str(path))
    assert "61380 is far out of line with the figures beside it (5290 in 2011, 5820 in 2013)" in result.stderr


def test_replace_with_a_new_source_for_the_same_value(run, ready, tmp_path):
    path = tmp_path / "s.csv"
    path.write_text("goal,year,value,source\nhomelessness,2013,5820,\"SFI, Hjemløshed i Danmark 2013\"\n",
                    encoding="utf-8")
    out = run("import", str(path), "--replace")
    assert "1 row; 0 new, 0 replaced, 0 unchanged, 1 with a new source" in out.stderr
    rows = [(r["value"], r["source"], r["current"]) for r in run.json("history", "homelessness", "--format", "json")]
    assert rows[-2:] == [(5820, "SFI national count 2013, quoted in Socialpædagogerne's input (2013)", False),
                         (5820, "SFI, Hjemløshed i Danmark 2013", True)]
    revised = tmp_path / "r.csv"
    revised.write_text("goal,year,value\nhomelessness,2013,5900\n", encoding="utf-8")
    assert "a revised figure needs its source (5820 → 5900); add a source column" in \
        run.fails("import", str(revised), "--replace").stderr


def test_field_too_long_is_refused_with_its_line(run, ready, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text(f"goal,year,value,source\nhomelessness,2015,6138,ok\nhomelessness,2016,6200,{'x' * 2001}\n",
                    encoding="utf-8")
    before = dump(ready)
    result = run.fails("import", str(path))
    assert result.stderr.splitlines()[1] == f"  {path}:3: the source is 2,001 characters long; at most 2,000 are allowed"
    assert dump(ready) == before


def test_a_quoted_field_beyond_the_csv_limit_is_one_error_line(run, ready, tmp_path):
    path = tmp_path / "huge.csv"
    path.write_text(f'goal,year,value,source\nhomelessness,2015,6138,"{"y" * 200_000}"\n', encoding="utf-8")
    result = run.fails("import", str(path))
    assert result.stderr == (f"Error: {path}:2: a field is longer than 131,072 characters (a source or note holds "
                             "at most 2,000)\n")


def test_the_problem_count_goes_past_a_thousand(run, ready, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("goal,year,value\n" + "homelessness,2015,many\n" * 1500, encoding="utf-8")
    lines = run.fails("import", str(path)).stderr.splitlines()
    assert lines[0] == f"Error: 1,500 problems in {path}" and lines[-1] == "  … and 1480 more"


def test_dev_zero_and_binary(run, ready):
    assert run.fails("import", "/dev/zero").stderr == "Error: /dev/zero holds binary data, not CSV, JSON or xlsx\n"


def test_size_cap_is_checked_while_reading(run, ready, tmp_path, monkeypatch):
    from goaltrack.ingest import decode

    monkeypatch.setattr(decode, "MAX_BYTES", 10_000_000)
    path = tmp_path / "big.csv"
    path.write_text("goal,year,value\n" + "homelessness,2015,6138\n" * 600_000, encoding="utf-8")
    assert "is larger than 10,000,000 bytes" in run.fails("import", str(path)).stderr


def test_nested_json_is_refused(run, ready, tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert run.fails("import", str(deep)).stderr == \
        f"Error: {deep}: JSON nested too deeply; a figure file is a list of flat records\n"
    nested = tmp_path / "nested.json"
    nested.write_text(json.dumps([{"goal": "homelessness", "year": 2016, "value": 6000, "note": {"a": [1]}}]))
    assert "record 1: holds a nested value in 'note'; a record is flat" in run.fails("import", str(nested)).stderr


def test_a_large_csv_streams_in_bounded_memory(tmp_path):
    """40 MB of figures imported under a 600 MB address-space limit (the old reader held the whole file
    several times over: 4 GB for 200 MB)."""
    import os
    import resource
    import subprocess
    import sys

    from tests.conftest import ROOT

    rows, scopes = 600_000, 6_000
    catalogue = ["scopes:"] + [f'  - {{code: "s{i}", name: "S{i}"}}' for i in range(scopes)]
    catalogue += ["goals:", "  - {id: g, title: G, unit: percent, direction: decrease}"]
    (tmp_path / "goals.yaml").write_text("\n".join(catalogue) + "\n")
    with (tmp_path / "big.csv").open("w") as f:
        f.write("goal,scope,year,value,source,note\n")
        for n in range(rows):
            f.write(f"g,s{n // 100},{1921 + n % 100},{40 + n % 3}.5,a source of some length,{'n' * 20}\n")
    assert (tmp_path / "big.csv").stat().st_size > 35_000_000
    env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    subprocess.run([sys.executable, "-m", "goaltrack", "catalogue", "sync", str(tmp_path / "goals.yaml")],
                   cwd=ROOT, env=env, check=True, capture_output=True)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (900 * 2**20, 900 * 2**20))

    done = subprocess.run([sys.executable, "-m", "goaltrack", "import", str(tmp_path / "big.csv")], cwd=ROOT,
                          env=env, capture_output=True, text=True, preexec_fn=limit, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{rows:,} rows; {rows:,} new" in done.stderr


def test_a_title_of_one_word_that_is_also_a_column_name_is_skipped(run, tmp_path):
    """A header names at least two columns: a title line "Kommune" above it is a title, not a header."""
    path = tmp_path / "titled.csv"
    path.write_text("Kommune\ngoal,scope,year,value\nhomelessness,101,2015,1500\n")
    assert "1 row; 1 new, 0 replaced, 0 unchanged (1 title or note line skipped)" in run("import", str(path)).stderr
    assert [(r["scope"], r["year"], r["value"]) for r in run.json("export", "homelessness", "--scope", "101",
                                                                 "--format", "json")] == [("101", 2015, 1500)]


def _cell(value) -> str:
    if isinstance(value, str):
        return f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'


def test_a_libreoffice_ods_sheet_is_read_like_xlsx(run, tmp_path):
    """An OpenDocument spreadsheet (the smallest LibreOffice writes: a zip of mimetype, content, manifest)."""
    import zipfile

    rows = [["goal", "scope", "year", "value"], ["homelessness", 101, 2015, 1500], ["homelessness", 101, 2016, 1450]]
    body = "".join("<table:table-row>" + "".join(map(_cell, row)) + "</table:table-row>" for row in rows)
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
               f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
               f'<office:spreadsheet><table:table table:name="Ark1">{body}</table:table></office:spreadsheet>'
               '</office:body></office:document-content>')
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{office}:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    path = tmp_path / "hjemloese.ods"
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", content)
        ods.writestr("META-INF/manifest.xml", manifest)
    assert "2 rows; 2 new" in run("import", str(path)).stderr
    assert [(r["scope"], r["year"], r["value"]) for r in run.json("export", "homelessness", "--scope", "101",
                                                                 "--format", "json")] == [("101", 2015, 1500),
                                                                                          ("101", 2016, 1450)]


def test_a_short_row_is_padded_in_a_wide_table_and_refused_in_a_long_one(run, tmp_path):
    """Spreadsheets leave a wide row's empty last cells out: they count as withheld. A long row short of
    a field has lost its figure: refused."""
    wide = tmp_path / "wide.csv"
    wide.write_text("goal,scope,2015,2016,2017\nhomelessness,101,1500,1450\n")
    assert run("import", str(wide)).stderr.endswith(
        "2 rows; 2 new, 0 replaced, 0 unchanged (1 cell withheld or empty).\n")
    assert [(r["year"], r["value"]) for r in run.json("export", "homelessness", "--scope", "101", "--format",
                                                     "json")] == [(2015, 1500), (2016, 1450)]
    long = tmp_path / "long.csv"
    long.write_text("goal,scope,year,value\nhomelessness,101,2017\n")
    assert run.fails("import", str(long)).stderr.splitlines()[1] == f"  {long}:2: expected 4 fields, found 3"


def test_missing_columns_are_named_goal_first():
    from goaltrack.errors import GoaltrackError
    from goaltrack.ingest.shapes import find_shape

    with pytest.raises(GoaltrackError) as caught:
        find_shape([(1, ["scope", "value"])], "f.csv: ", None)
    assert caught.value.message == \
        "f.csv: line 1: the header lacks the column(s) goal, year (or name the goal with --goal ID)"


def test_a_statbank_file_takes_its_source_note_and_day_from_the_command(run, tmp_path, db_path):
    """A StatBank export carries no source column: --source, --note and --published stand in for it,
    for the rows that give none; a re-import of the revised file with --replace then has its source."""
    path = tmp_path / "HJEM1.csv"
    path.write_text("OMRÅDE;TID;INDHOLD\nGentofte;2022;55\nGentofte;2023;57\n", encoding="utf-8")
    run("import", str(path), "--goal", "homelessness", "--source", "Danmarks Statistik, HJEM1",
        "--note", "Optælling i uge 6", "--published", "2024-02-15")
    rows = {r["year"]: r for r in run.json("export", "homelessness", "--scope", "157", "--format", "json")}
    assert {y: (r["value"], r["source"], r["note"], r["published"]) for y, r in rows.items()} == {
        2022: (55, "Danmarks Statistik, HJEM1", "Optælling i uge 6", "2024-02-15"),
        2023: (57, "Danmarks Statistik, HJEM1", "Optælling i uge 6", "2024-02-15")}
    path.write_text("OMRÅDE;TID;INDHOLD;kilde\nGentofte;2022;56;VIVE\nGentofte;2023;57;\n", encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness", "--replace", "--source", "Danmarks Statistik, HJEM1 (rev.)",
              "--published", "2024-09-30")
    assert "1 replaced" in out.stderr
    rows = {r["year"]: r for r in run.json("export", "homelessness", "--scope", "157", "--format", "json")}
    assert (rows[2022]["value"], rows[2022]["source"]) == (56, "VIVE")  # the file's own source wins
    assert (rows[2023]["source"], rows[2023]["published"]) == ("Danmarks Statistik, HJEM1 (rev.)", "2024-09-30")
    before = dump(db_path)
    early = run.fails("import", str(path), "--goal", "homelessness", "--published", "2022-06-30", "--replace")
    assert early.stderr.splitlines()[1:] == [
        f"  {path}:3: published 2022-06-30 is before 2023, the year the figure is for"]
    assert run.fails("import", str(path), "--goal", "homelessness", "--note", "a\x07b").stderr == \
        "Error: --note holds the control character \\x07, which is not allowed in it\n"
    assert dump(db_path) == before


def test_a_wide_table_without_a_goal_is_one_error_line(run, tmp_path):
    """It was 'the goal is missing' once a cell (82 lines for a StatBank table)."""
    path = tmp_path / "wide.csv"
    path.write_text("Område;2015;2016;2017\nGentofte;55;56;57\nKøbenhavn;1400;1500;1600\n", encoding="utf-8")
    assert run.fails("import", str(path)).stderr == \
        f"Error: {path}: line 1: a column a year, and no goal column: name the goal with --goal ID\n"


def test_statbanks_matrix_with_an_empty_corner_and_its_codes(run, tmp_path):
    """A StatBank matrix: the corner over the areas is empty, a year a column; areas by StatBank's
    codes (000 all Denmark, 084 Region Hovedstaden) or as "101 København". Each was refused before."""
    path = tmp_path / "HJEM1.csv"
    path.write_text(";2015;2017\n000;6138;6635\n084;2800;3000\n101 København;1500;1600\n", encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness", "--replace", "--source", "HJEM1")
    assert "6 rows" in out.stderr
    got = figures(run, "homelessness")
    assert [got[k][0] for k in (("DK", 2015), ("DK", 2017), ("1084", 2015), ("1084", 2017), ("101", 2015),
                                ("101", 2017))] == [6138, 6635, 2800, 3000, 1500, 1600]


def test_a_cell_formatted_as_percent_is_read_as_it_shows(run, tmp_path):
    """Excel shows 0.046 formatted as percent as "4.6 %"; the reader gives 0.046, which was stored as
    0.046 % (and Vejle and Kolding then 'met' the 4 % target). A percent sign in quotes is text, not
    the percent format: 4.6 written with 0.0" %" is 4.6."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Område", 2015, 2016, 2017])
    sheet.append(["Vejle", 0.046, 0.05, 4.2])
    sheet.append(["Kolding", 0.061, 0.058, 3.9])
    for row in sheet.iter_rows(min_row=2, max_col=3):
        for cell in row[1:]:
            cell.number_format = "0.0%"
    sheet["C3"].number_format = "0%"  # Excel's built-in percent format (9)
    sheet["D2"].number_format = sheet["D3"].number_format = '0.0" %"'
    path = tmp_path / "anbringelser.xlsx"
    book.save(path)
    run("import", str(path), "--goal", "placement-breakdown", "--force")
    got = figures(run, "placement-breakdown")
    assert {k: v[0] for k, v in got.items() if k[0] in ("630", "621")} == {
        ("630", 2015): 4.6, ("630", 2016): 5, ("630", 2017): 4.2,
        ("621", 2015): 6.1, ("621", 2016): 5.8, ("621", 2017): 3.9}


def test_an_opendocument_percentage_cell_is_read_as_it_shows(run, tmp_path):
    import zipfile

    office = "urn:oasis:names:tc:opendocument:xmlns"
    cells = ('<table:table-cell office:value-type="string"><text:p>Vejle</text:p></table:table-cell>'
             '<table:table-cell office:value-type="percentage" office:value="0.046"><text:p>4,6 %</text:p>'
             '</table:table-cell>')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
               f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="Ark1"><table:table-row>'
               '<table:table-cell office:value-type="string"><text:p>Område</text:p></table:table-cell>'
               '<table:table-cell office:value-type="float" office:value="2015"><text:p>2015</text:p>'
               f'</table:table-cell></table:table-row><table:table-row>{cells}</table:table-row></table:table>'
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="{office}:manifest:1.0" '
                'manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>')
    path = tmp_path / "anbringelser.ods"
    with zipfile.ZipFile(path, "w") as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        ods.writestr("content.xml", content)
        ods.writestr("META-INF/manifest.xml", manifest)
    run("import", str(path), "--goal", "placement-breakdown", "--force")
    assert figures(run, "placement-breakdown")[("630", 2015)][0] == 4.6
