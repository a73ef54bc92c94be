"""Text written to attack the reader of goaltrack's output: a spreadsheet formula, a terminal escape
sequence, live Markdown or HTML, mathtext. Each output shows it as plain text, and export → import
still gives it back exactly."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from goaltrack.domain.text import (
    markdown_text,
    neutralise_cell,
    printable,
    restore_cell,
)
from goaltrack.present.numbers import number

FORMULAS = ['=HYPERLINK("http://evil.example/x","click")', "=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)",
            "'=already quoted", "''+two quotes"]
ESCAPES = "\x1b]0;pwned\x07 \x1b[2J \x1b[8mhidden\x1b[0m \x9b31m bell\x07 \u202eevil"


@pytest.mark.parametrize("text", FORMULAS + ["plain", "'plain", "", "5,7", "-", "'"])
def test_neutralise_and_restore_are_a_pair(text):
    cell = neutralise_cell(text)
    assert restore_cell(cell) == text
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_a_formula_is_neutralised_the_way_owasp_advises():
    assert neutralise_cell("=1+1") == "'=1+1"
    assert neutralise_cell("\t=1+1") == "'\t=1+1"
    assert neutralise_cell("1+1") == "1+1"
    assert neutralise_cell("'=1") == "''=1"  # so that restore can tell it from one it neutralised


def test_control_characters_are_shown_escaped():
    shown = printable(ESCAPES)
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown and "\u202e" not in shown
    assert shown.startswith("\\x1b]0;pwned\\x07 \\x1b[2J")
    assert printable("line one\n\tline two", keep="\t\n") == "line one\n\tline two"
    assert printable("line one\nline two") == "line one\\x0aline two"


def test_markdown_and_html_in_data_are_text():
    text = markdown_text('</p><script>alert(1)</script> ![x](http://evil.example/track.png) *a* | b\nc')
    assert "<" not in text and ">" not in text and "\n" not in text
    assert "\\!\\[x\\](http://evil.example/track.png)" in text and "\\*a\\*" in text and "\\|" in text


# --- through the CLI --------------------------------------------------------------------------------


def _store(db_path, sql: str, *params) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute(sql, params)


@pytest.fixture
def hostile(run, db_path):
    """A database with hostile text where the catalogue or an older goaltrack put it: a title and a
    scope name with escape sequences, Markdown and HTML; figures whose sources are formulas."""
    run("goals")
    title = "Homeless \x1b]0;pwned\x07</p><script>x()</script>\n# broken heading ![t](http://evil.example/t.png)"
    _store(db_path, "UPDATE goal SET title_en = ?, short_en = ?, source = ? WHERE id = 'homelessness'",
           title, "Homeless \x1b[8m", "=HYPERLINK(\"http://evil.example\",\"click\") \x1b[2J")
    _store(db_path, "UPDATE scope SET name = ? WHERE code = '101'", "København \x1b[8mhidden")
    for year, source in zip((2013, 2015, 2017), FORMULAS[:3], strict=True):
        run("record", "drug-deaths", str(200 + year % 100), "--year", str(year), "--source", source)
    _store(db_path, "INSERT INTO figure (indicator, scope, year, value, source, note, published, recorded_at, "
           "deleted) VALUES ('homelessness', '101', 2015, 1500, ?, ?, '2024-01-01', '2024-01-01 00:00:00', 0)",
           "VIVE \x1b[2J $5 and $6", "=cmd|' /C calc'!A0\x1b[8m")
    return db_path


def test_export_neutralises_formulas_and_import_restores_them(run, hostile, tmp_path, monkeypatch):
    exported = run("export", "drug-deaths").stdout
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [r["source"] for r in rows if r["year"] in ("2013", "2015", "2017")] == ["'" + f for f in FORMULAS[:3]]
    assert all(r["value"][:1] != "'" for r in rows)  # numbers stay numbers
    path = tmp_path / "export.csv"
    path.write_text(exported)
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    run("import", str(path), "--replace")
    again = json.loads(run("history", "drug-deaths", "--format", "json").stdout)
    assert {r["year"]: r["source"] for r in again if r["year"] > 2012} == dict(zip((2013, 2015, 2017), FORMULAS[:3],
                                                                                strict=True))


def test_export_round_trip_keeps_every_quote_and_formula(run, db_path, tmp_path, monkeypatch):
    run("goals")
    for year, text in zip(range(2014, 2014 + len(FORMULAS)), FORMULAS, strict=True):
        run("record", "homelessness", "6000", "--year", str(year), "--source", text, "--note", text)
    exported = run("export", "homelessness").stdout
    path = tmp_path / "export.csv"
    path.write_text(exported)
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    run("import", str(path))
    back = {r["year"]: (r["source"], r["note"]) for r in json.loads(run("export", "homelessness", "--format",
                                                                        "json").stdout)}
    assert [back[y] for y in range(2014, 2014 + len(FORMULAS))] == [(t, t) for t in FORMULAS]


def test_status_csv_neutralises_titles_and_sources(run, hostile):
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(run("status", "--format", "csv").stdout))}
    assert rows["drug-deaths"]["latest_source"] == "'" + FORMULAS[2]
    assert rows["drug-deaths"]["progress_pct"][:1] in "-0123456789"  # a number, not neutralised


@pytest.mark.parametrize("args", [
    ["status"], ["status", "--scope", "101"], ["goals"], ["show", "homelessness"], ["history", "homelessness"],
    ["scopes"], ["compare", "homelessness"],
])
def test_no_escape_sequence_reaches_the_terminal(run, hostile, args):
    out = run(*args).stdout
    assert "\x1b" not in out and "\x07" not in out, repr(out)
    assert "\\x1b" in out


def test_no_escape_sequence_in_an_error_line(run, db_path, tmp_path):
    run("goals")
    result = run.fails("record", "homeless\x1b]0;pwned\x07", "1", "--year", "2015")
    assert "\x1b" not in result.stderr and "\\x1b]0;pwned\\x07" in result.stderr
    catalogue = tmp_path / "c.yaml"
    catalogue.write_text("goals:\n  - id: x\n    title: t\n    unit: count\n    direction: increase\n"
                         '    "colour\\e[2J": red\n')  # YAML's own escape: ESC in a key
    result = run.fails("catalogue", "check", str(catalogue))
    assert "\x1b" not in result.stderr and "colour\\x1b[2J" in result.stderr


def test_record_refuses_control_characters_and_overlong_text(run, db_path):
    run("goals")
    assert "control character \\x1b" in run.fails("record", "homelessness", "6000", "--year", "2015", "--source",
                                                   "VIVE \x1b[2J").stderr
    run.fails("record", "homelessness", "6000", "--year", "2015", "--note", "bell\x07")
    run("record", "homelessness", "6000", "--year", "2015", "--note", "two\nlines\tand a tab")
    assert "2,001 characters long; at most 2,000" in run.fails(
        "record", "homelessness", "6001", "--year", "2016", "--source", "x" * 2001).stderr
    run("record", "homelessness", "6001", "--year", "2016", "--source", "x" * 2000)


def test_report_markdown_shows_data_as_text(run, hostile, tmp_path):
    run("report", "--out", str(tmp_path / "r"))
    md = (tmp_path / "r" / "report.md").read_text()
    assert "<script>" not in md and "</p>" not in md and "\x1b" not in md
    assert "![t](http" not in md and "\\!\\[t\\](http://evil.example/t.png)" in md
    heading = next(line for line in md.splitlines() if line.startswith("### Homeless"))
    assert "\\# broken heading" in heading  # the newline did not start a heading of its own
    assert not any(line.startswith("# broken") for line in md.splitlines())
    html = (tmp_path / "r" / "report.html").read_text()
    assert "<script>x()" not in html


def test_dollars_in_text_draw_as_written(run, db_path, tmp_path):
    run("goals")
    run("record", "homelessness", "6431", "--year", "2019", "--source", r"costs $5 and $6, \frac{1}{2} $x^2$")
    _store(db_path, "UPDATE goal SET title_en = ? WHERE id = 'homelessness'", "Homeless $ $\\alpha$ persons")
    run("chart", "homelessness", "--out", str(tmp_path / "c"), "--format", "svg")
    svg = (tmp_path / "c" / "homelessness.svg").read_text()
    assert "costs $5 and $6" in svg.replace("&#36;", "$") or "$5" in svg  # the text, not typeset maths
    run("report", "--out", str(tmp_path / "r"))
    assert (tmp_path / "r" / "charts" / "homelessness.png").stat().st_size > 10_000


def test_extreme_numbers_read_plainly():
    assert number(1e308, "persons") == "1e+308" and number(float("inf"), "persons") == "–"


def test_a_chart_draws_control_characters_escaped(run, hostile, tmp_path):
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns of a missing glyph for ESC
        run("chart", "homelessness", "--out", str(tmp_path / "c"), "--format", "svg")
    svg = (tmp_path / "c" / "homelessness.svg").read_text()
    assert "\x1b" not in svg and "\\x1b]0;pwned" in svg
