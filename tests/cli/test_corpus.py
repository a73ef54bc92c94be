"""The corpus of bad input (tests/corpus/ and the commands below): each one gets a non-zero exit, one
`Error: …` line naming what is wrong, no traceback, and leaves the database exactly as it was."""

from __future__ import annotations

import datetime
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT, dump, needs_psycopg

CORPUS = Path(__file__).resolve().parent / "corpus"
THIS_YEAR = datetime.date.today().year

CATALOGUES = {  # file: what the error must say
    "set-id-digits.yaml": ":1: the catalogue's id '101' must hold a letter",  # charts/101/ is København's
    "set-id-is-a-scope.yaml": ":1: the catalogue's id 'aarhus' is also a scope's code: their charts would share "
                              "the folder charts/aarhus/",
    "alias-bomb.yaml": "aliases and anchors are not allowed",
    "anchors.yaml": "aliases and anchors are not allowed",
    "merge-key.yaml": "merge keys (<<) are not allowed",
    "baseline-out-of-range.yaml": ":6: goal 'homelessness': baseline: 140 is above 100",
    "negative-baseline.yaml": ":6: goal 'homelessness': baseline: -5 is below 0",
    "duplicate-ids.yaml": ":8: duplicate goal id 'homelessness' (first on line 2)",
    "duplicate-ids-first-broken.yaml": ":8: duplicate goal id 'homelessness' (first on line 2)",  # one pass
    "empty.yaml": "is empty",
    "escaping-id.yaml": ":2: goal id '../../x' must be lowercase letters, digits and '-'",
    "no-goals.yaml": "'goals' must be a list with at least one goal",
    "not-a-mapping.yaml": "the catalogue must be a mapping",
    "not-utf8.yaml": "is not UTF-8 text",
    "python-name.yaml": ":2: YAML error: could not determine a constructor for the tag",
    "python-tag.yaml": ":1: YAML error: could not determine a constructor for the tag",
    "target-before-baseline.yaml": ":7: goal 'homelessness': target year 2005 must come after baseline year 2011",
    "target-year-own-line.yaml": ":9: goal 'homelessness': target year 2005 must come after baseline year 2011",
    "unknown-unit-and-target-before-baseline.yaml": ":7: goal 'homelessness': target year 2005 must come after "
                                                    "baseline year 2011",  # both problems, in one pass
    "list-key-then-duplicate.yaml": ":7: duplicate key 'unit'",  # the keys after a bad one are still checked
    "set-and-goal-id-too-long.yaml": ":4: goal 'homelessness-of-persons-counted-each-winter-week-six' of set "
                                     "'a-set-whose-id-is-long-enough-for-thirty'",
    "scope-kind-unknown.yaml": ":6: scope 101: kind must be one of nation, region, municipality, other, not 'town'",
    "change-below-zero.yaml": ":9: goal 'homelessness': change_pct -120 would go below zero",
    "change-wrong-way.yaml": ":9: goal 'homelessness': change_pct 10 goes the wrong way for a goal to decrease",
    "unknown-direction.yaml": ":5: goal 'homelessness': direction must be 'increase' or 'decrease', not 'sideways'",
    "unknown-key.yaml": ":8: unknown key 'colour' in a goal",
    "unknown-unit.yaml": ":4: goal 'homelessness': unknown unit 'furlongs'",
    "yaml-syntax.yaml": ":4: YAML error: expected ',' or ']'",
    "year-out-of-range.yaml": ":6: goal 'homelessness': baseline year 1850 is outside 1900..2100",
    "huge-baseline.yaml": ":6: goal 'homelessness': baseline: 1e+308 is too large",
    "huge-change.yaml": ":7: goal 'drug-treatment-effect': the target level 2000000000400 is too large",
    "escape-in-title.yaml": ":3: goal 'homelessness': English title holds the control character \\x1b",
    "newline-in-title.yaml": ":3: goal 'homelessness': title holds the control character \\x0a (a line break)",
    "long-source.yaml": ":6: goal 'homelessness': source is 2,500 characters long; at most 2,000 are allowed",
    "nested-deep.yaml": ":1: YAML nested more than 20 levels deep",
    "subnormal-target.yaml": ":7: goal 'youth-education': target: 5e-324 is too close to zero to be a figure",
    "wrong-way-change.yaml": ":7: goal 'h': target 5819 is worse than the baseline 5290",  # not 5819.000000000001
    "underflow.yaml": ":9: 1.0e-400 is too close to zero to be a figure; write 0 for none",  # not stored as 0
    "underflow-underscore.yaml": ":9: 1_0.0e-400 is too close to zero to be a figure; write 0 for none",  # YAML's 1_0
    "bell-in-yaml.yaml": "bell-in-yaml.yaml: YAML error: unacceptable character #x0007: special characters are not allowed",
    "noise-target.yaml": ":7: goal 'youth-education': the target 5290.000000000001 lies within rounding noise of "
                         "the baseline 5290",
}

FIGURES = {
    "percent-as-fractions.csv": ":2: placement-breakdown 630: every figure lies below 1 % while the goal's other "
                                "scopes lie at",  # Vejle's 4.6 % as 0.046: 'met' before
    "i-alt-subtotal.csv": ":4: 'I alt' is a total of the rows it stands with, not a scope goaltrack can name: write "
                          "'Hele landet' if it is all of Denmark",  # it was stored as the nation's figure
    "danish-thousands.csv": ":2: value '2.000' is ambiguous: Danish for 2000, English for 2",  # was 2 persons
    "cut-inside-a-character.csv": "is not UTF-8 text: it ends inside a character (byte 47); the file may be cut short",
    "utf16-without-bom.csv": "holds binary data, not CSV, JSON or xlsx; if it is UTF-16 text without a byte-order "
                             "mark, add --encoding utf-16-le",
    "superscript-scope.csv": ":2: unknown scope '²'",  # str.isdigit('²') is True, int('²') fails
    "arabic-year-header.csv": "the header has unknown column(s) '٢٠١٩'",  # not read as the year 2019
    "ambiguous-comma.csv": ":2: value '6,138' is ambiguous",
    "ancient-year.csv": f":2: year 1066 is outside 1900..{THIS_YEAR}",
    "impossible-year.csv": f":2: year 3015 is outside 1900..{THIS_YEAR}",
    "blank.csv": "is empty",
    "empty.csv": "is empty",
    "header-only.csv": "has a header but no rows",
    "duplicate-in-file.csv": ":3: homelessness DK 2015 appears twice in the file (first on line 2)",
    "duplicate-of-database.csv": ":2: homelessness DK 2013 is already recorded as 5820, not 5821",
    "fractional-persons.csv": ":2: homelessness: 6138.5 is not a whole number of persons",
    "infinite.csv": ":2: value 'inf' is not a number",
    "nan.csv": ":2: value 'NaN' is not a number",
    "not-a-number.csv": ":2: value 'many' is not a number",
    "negative-count.csv": ":2: homelessness: -12 is below 0",
    "percent-over-100.csv": ":2: placement-breakdown: 104 is above 100",
    "thousands-separator.csv": ":2: value '6.138,0' is not a number",
    "missing-column.csv": "line 1: the header lacks the column(s) value",
    "unknown-column.csv": "line 1: the header has unknown column(s) 'colour'",
    "random-bytes.csv": "is not UTF-8 text",
    "unknown-goal.csv": ":2: unknown goal 'homeless'",
    "unknown-scope.csv": ":2: unknown scope '999'",
    "unterminated-quote.csv": ":2: malformed CSV: unexpected end of data",
    "wrong-field-count.csv": ":2: expected 3 fields, found 4",
    "broken.json": "line 2: not valid JSON",
    "json-missing-key.json": "record 1: lacks year",
    "json-nan.json": "record 1: value nan is not a finite number",
    "not-a-list.json": "JSON must be a list of records",
    "jsonstat-negative.json": "is a JSON-stat table, which names no goal: add --goal GOAL",
    "quarter-time.csv": ":2: time '2019K1' is a quarter or month, not a year",
    "quarter-columns.csv": "line 1: the column '2019K1' is a quarter or month, not a year",
    "unknown-scope-name.csv": ":2: unknown scope 'Kobenhavn' (did you mean 'København' (101)?)",
    "long-source.csv": ":2: the source is 2,001 characters long; at most 2,000 are allowed",
    "huge-field.csv": ":2: a field is longer than 131,072 characters",
    "deep.json": "JSON nested too deeply",
    "nested.json": "record 1: holds a nested value in 'source'; a record is flat",
    "json-unknown-key.json": "record 1: has unknown key(s) 'colour'",
    "cp1252-undefined.csv": "is not UTF-8 text nor Windows-1252",
    "fraction-for-percent.csv": ":2: placement-breakdown DK 2015: 0.047 is far out of line with the figures beside it",
    "ten-times.csv": ":2: homelessness DK 2015: 58200 is far out of line",
    "no-header.csv": "no header found in the first 30 rows",
    "all-withheld.csv": "has no figures: all 2 cells are withheld or empty",
    "broken.xlsx": "is not a readable spreadsheet",
    "other-scripts-digits.csv": ":2: value '６４３１' is not a number",
    "huge-year.csv": ":2: year '2222222222222222222222222222222222222222'… (5,000 characters) is not a whole year",
    "huge-value.json": "record 1: homelessness: 1e+308 is too large",
    "huge-value.csv": ":2: homelessness: 1000000000000 is too large",
    "duplicate-key.json": "record 1: gives 'value' more than once",
    "underflow.json": "record 1: value '1e-400' is too close to zero to be a figure; write 0 for none",
    "huge-int.json": "record 1: value '9999999999999999999999999999999999999999'… (5,000 characters) is too large",
    "tiny-value.json": "record 1: placement-breakdown: 1e-320 is too close to zero to be a figure; write 0 for none",
    "long-decimals.csv": ":2: value '0.00000000000000000000000000000000000000'… (53 characters) is too long: "
                         "a figure has at most 40 characters",
}

COMMANDS = [  # arguments, what the error must say ({tmp} is a scratch folder)
    (["record", "homeless", "6000", "--year", "2015"], "unknown goal 'homeless' (did you mean 'homelessness'?)"),
    (["record", "homelessness", "6000", "--year", "2015", "--scope", "999"], "unknown scope '999'"),
    (["record", "homelessness", "many", "--year", "2015"], "value 'many' is not a number"),
    (["record", "homelessness", "nan", "--year", "2015"], "value 'nan' is not a number"),
    (["record", "homelessness", "inf", "--year", "2015"], "value 'inf' is not a number"),
    (["record", "homelessness", "--year", "2015", "--", "-inf"], "value '-inf' is not a number"),
    (["record", "homelessness", "--year", "2015", "--", "-3"], "-3 is below 0, the least a persons value can be"),
    (["record", "placement-breakdown", "100.1", "--year", "2015"], "100.1 is above 100"),
    (["record", "homelessness", "6000", "--year", "1850"], f"year 1850 is outside 1900..{THIS_YEAR}"),
    (["record", "homelessness", "6000", "--year", str(THIS_YEAR + 1)], f"is outside 1900..{THIS_YEAR}"),
    (["record", "homelessness", "5821", "--year", "2013"], "homelessness already has 5820 for DK 2013"),
    (["record", "homelessness", "5,820", "--year", "2013"], "is ambiguous"),
    (["record", "homelessness", "1000000000000", "--year", "2015"], "1000000000000 is too large"),
    (["record", "homelessness", "６４３１", "--year", "2015"], "value '６４３１' is not a number"),
    (["record", "homelessness", "٢٠٠", "--year", "2015"], "value '٢٠٠' is not a number"),
    (["record", "homelessness", "6431", "--year", "٢٠١٩"], "'٢٠١٩' is not a year"),
    (["record", "homelessness", "6431", "--year", "1" * 5000], "… (5,000 characters) is not a year"),
    # delete reads its year as record does (it once took ٢٠١٩ as 2019 and deleted that figure)
    (["delete", "homelessness", "--year", "٢٠١٩"], "'٢٠١٩' is not a year"),
    (["delete", "homelessness", "--year", "²⁰¹⁹"], "'²⁰¹⁹' is not a year"),
    (["record", "homelessness", "6000", "--year", "2015", "--source", "VIVE \x1b]0;pwned\x07"],
     "the source holds the control character \\x1b"),
    (["record", "homelessness", "6000", "--year", "2015", "--note", "\x1b[2J"], "the note holds the control character"),
    (["record", "homelessness", "6000", "--year", "2015", "--source", "x" * 10_000],
     "the source is 10,000 characters long; at most 2,000 are allowed"),
    (["record", "homeless\x1b[8m", "6000", "--year", "2015"], "unknown goal 'homeless\\x1b[8m'"),
    (["record", "school-reading", "--year", "2015", "--", "-1e308"], "value '-1e308' is not a number"),
    (["record", "homelessness", "9" * 5000, "--year", "2015"], "(5,000 characters) is too large"),
    (["status", "homeles"], "unknown goal 'homeles'"),
    (["status", "--scope", "999"], "unknown scope '999'"),
    (["status", "--as-of", "1800"], "Invalid value for '--as-of'"),
    (["status", "--format", "xml"], "Invalid value for '--format'"),
    (["show", "nope"], "unknown goal 'nope'"),
    (["history", "nope"], "unknown goal 'nope'"),
    (["history", "homelessness", "--scope", "999"], "unknown scope '999'"),
    (["compare", "nope"], "unknown goal 'nope'"),
    (["export", "--scope", "999"], "unknown scope '999'"),
    (["export", "nope"], "unknown goal 'nope'"),
    (["import", "{tmp}/missing.csv"], "cannot read"),
    (["import", "/dev/zero"], "/dev/zero holds binary data"),
    (["import", "{corpus}/quarter-time.csv", "--encoding", "nonsense"], "unknown encoding 'nonsense'"),
    (["import", "{corpus}/all-withheld.csv", "--goal", "homeles"], "unknown goal 'homeles'"),
    (["import", "{corpus}/all-withheld.csv", "--scope", "Atlantis"], "unknown scope 'Atlantis'"),
    (["import", "{corpus}/broken.xlsx", "--sheet", "Ark1"], "is not a readable spreadsheet"),
    (["import", "{corpus}/jsonstat-two-dimensions.json", "--goal", "homelessness"],
     "dimension 'KØN' (køn) has 4 categories (Mænd, Kvinder, I alt, Uoplyst); a figure file has one figure a "
     "scope and year"),
    (["import", "{corpus}/jsonstat-quarters.json", "--goal", "homelessness"],
     "time '2022K1' is a quarter or month, not a year"),
    (["import", "{corpus}/jsonstat-i-alt.json", "--goal", "homelessness"],
     "OMRÅDE=T (cell 2): 'I alt' is a total of the rows it stands with"),  # a subtotal, never the nation
    (["import", "{corpus}/jsonstat-negative.json", "--goal", "homelessness"],
     "OMRÅDE=147 (cell 2): homelessness: -3 is below 0"),  # the first cell was fine: nothing is written
    (["catalogue", "check", "{tmp}/missing.yaml"], "cannot read catalogue"),
    (["catalogue", "check", "/dev/zero"], "catalogue /dev/zero is larger than 5,000,000 bytes"),
    (["catalogue", "sync", "/dev/zero"], "catalogue /dev/zero is larger than 5,000,000 bytes"),
    (["catalogue", "sync", "{corpus}/drops-goals.yaml"], "leaves out 5 goal(s) that have measurements: homelessness"),
    (["chart", "homelessness", "--out", "{tmp}/a-file"], "it is a file, not a folder"),
    (["report", "--out", "{tmp}/a-file"], "it is a file, not a folder"),
    (["chart"], "name one or more goals, or use --all"),
    (["report", "--out", "{tmp}/in-the-way"], "report.md: something that is not a file is in the way"),
    (["report", "--out", "{tmp}/in-the-way", "--force"], "report.md: something that is not a file is in the way"),
    (["report", "--out", "{tmp}/foreign"], "report.md was not written by goaltrack"),
    pytest.param(["--db", "postgresql+psycopg://ana:s3cret@127.0.0.1:1/goals", "status"], "cannot use database "
                 "postgresql+psycopg://ana:***@127.0.0.1:1/goals", marks=needs_psycopg),
    pytest.param(["--db", "postgresql+psycopg://ana@127.0.0.1:1/goals?password=Pl41nPass", "status"],
                 "postgresql+psycopg://ana@127.0.0.1:1/goals?password=***", marks=needs_psycopg),
    pytest.param(["--db", "postgresql+psycopg://slash:Top/Secret@127.0.0.1:1/goals", "status"],
                 "postgresql+psycopg://slash:***@127.0.0.1:1/goals", marks=needs_psycopg),
    pytest.param(["--db", "postgresql+psycopg://ana:p@ss:LeakedPart@127.0.0.1:1/goals", "status"],
                 "postgresql+psycopg://ana:***@127.0.0.1:1/goals", marks=needs_psycopg),
    (["--db", "sqlite:///{tmp}/not-a-database.db", "status"], "file is not a database"),
    (["--db", "sqlite:///{tmp}/a-file/below.db", "status"], "a-file is a file, not a folder"),
    (["--db", "sqlite:///{tmp}/no-such-folder/x.db", "status"], "no-such-folder does not exist"),
    (["status", "--scope", "Kobenhavn"], "unknown scope 'Kobenhavn' (did you mean 'København' (101)?)"),
    (["record", "homelessness", "6000", "--year", "2015", "--scope", "Atlantis"], "unknown scope 'Atlantis'"),
    (["record", "homelessness", "5900", "--year", "2013", "--replace"], "a revised figure needs its source"),
    (["record", "placement-breakdown", "0.047", "--year", "2015"],
     "0.047 is far out of line with the figures beside it (5.7 in 2011); check the figure, or use --force"),
    (["record", "drug-deaths", "2100", "--year", "2013"], "2100 is far out of line"),
    (["delete", "homelessness", "--year", "2015"], "homelessness has no current figure for DK 2015"),
    (["delete", "homeles", "--year", "2013"], "unknown goal 'homeles'"),
    (["delete", "homelessness", "--year", "2013", "--scope", "Nowhere"], "unknown scope 'Nowhere'"),
    (["record", "homelessness", "6000", "--year", "2015", "--source", "x" * 2001], "the source is 2,001 characters"),
    (["--db", "mysql://x@y/z", "status"], "the database driver MySQLdb is not installed"),
    (["--db", "nonsense", "status"], "not a database URL"),
    # --encoding takes text encodings only (codecs from bytes to bytes, or for host names, are not)
    *[(["import", "{corpus}/all-withheld.csv", "--encoding", name], f"--encoding '{name}' is not a text encoding")
      for name in ("rot13", "base64", "zlib", "bz2", "punycode", "idna", "hex", "uu", "quopri")],
    (["import", "{corpus}/all-withheld.csv", "--encoding", "utf-16"],
     "does not start with the byte-order mark UTF-16 needs; name the byte order: --encoding utf-16-le or utf-16-be"),
    (["import", "{corpus}/all-withheld.csv", "--encoding", "utf-32"], "is not UTF-32 text (byte 0 cannot be read)"),
    (["import", "{corpus}/all-withheld.csv", "--encoding", "no-such\x00"], "unknown encoding 'no-such\\x00'"),
    # Superscript and other non-ASCII digits pass str.isdigit() but not int(): never a traceback.
    (["status", "--scope", "²"], "unknown scope '²'"),
    (["status", "--scope", "¹⁰¹"], "unknown scope '¹⁰¹'"),
    (["record", "homelessness", "5", "--year", "2019", "--scope", "²"], "unknown scope '²'"),
    (["compare", "homelessness", "--region", "²"], "unknown scope '²'"),
    (["history", "homelessness", "--scope", "٢"], "unknown scope '٢'"),
    (["chart", "homelessness", "--scope", "²", "--out", "{tmp}/c"], "unknown scope '²'"),
    (["record", "homelessness", "⁵", "--year", "2019"], "value '⁵' is not a number"),
    (["status", "--set", "²"], "unknown goal set '²'"),
]


@pytest.fixture
def corpus_db(run, db_path, tmp_path):
    run("goals")  # the shipped catalogue, with its published figures
    (tmp_path / "a-file").write_text("a file, not a folder")
    (tmp_path / "in-the-way" / "report.md").mkdir(parents=True)
    (tmp_path / "foreign").mkdir()
    (tmp_path / "foreign" / "report.md").write_text("someone else's")
    (tmp_path / "not-a-database.db").write_bytes(b"SQLite format 3 is what this is not" * 50)
    return db_path


def _assert_refused(result, expected: str) -> None:
    assert result.exit_code != 0, result.output
    for secret in ("s3cret", "Pl41nPass", "Secret", "LeakedPart"):  # no password, whatever its form
        assert secret not in result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1, result.stderr
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


@pytest.mark.parametrize("name", sorted(CATALOGUES))
def test_bad_catalogues(run, corpus_db, name):
    before = dump(corpus_db)
    for command in ("check", "sync"):
        _assert_refused(run("catalogue", command, str(CORPUS / name), ok=False), CATALOGUES[name])
    assert dump(corpus_db) == before
    assert not Path("/tmp/goaltrack-pwned").exists()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_bad_figure_files(run, corpus_db, name):
    before = dump(corpus_db)
    for extra in ([], ["--dry-run"], ["--replace"] if "duplicate-of-database" not in name else []):
        _assert_refused(run("import", str(CORPUS / name), *extra, ok=False), FIGURES[name])
    assert dump(corpus_db) == before


def _plain_id(args) -> str:
    """A test id in printable ASCII without backslashes (an escape character as <1B>, an Arabic digit as
    <0662>): pytest escapes other ids again each time it collects in the same process, and mutmut, which
    collects once to warm up and then runs tests by id in that process, would find no such test."""
    text = " ".join(args)[:50]
    return "".join(c if " " <= c <= "~" and c != "\\" else f"<{ord(c):02X}>" for c in text)


@pytest.mark.parametrize(("args", "expected"), COMMANDS, ids=[_plain_id(getattr(c, "values", c)[0]) for c in COMMANDS])
def test_bad_commands(run, corpus_db, tmp_path, args, expected):
    before = dump(corpus_db)
    args = [a.replace("{tmp}", str(tmp_path)).replace("{corpus}", str(CORPUS)) for a in args]
    _assert_refused(run(*args, ok=False), expected)
    assert dump(corpus_db) == before
    assert (tmp_path / "a-file").read_text() == "a file, not a folder"
    assert (tmp_path / "foreign" / "report.md").read_text() == "someone else's"


def test_every_corpus_file_is_tested():
    files = {p.name for p in CORPUS.iterdir()}
    named = {arg.removeprefix("{corpus}/") for case in COMMANDS for arg in case[0] if str(arg).startswith("{corpus}/")}
    assert files == set(CATALOGUES) | set(FIGURES) | named


def test_alias_bomb_fails_fast_in_little_memory(tmp_path):
    """A billion-laughs catalogue (9^30 nodes if expanded) is refused within seconds in 400 MB."""
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (400 * 2**20, 400 * 2**20))

    env = {**os.environ, "GOALTRACK_DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "goaltrack", "catalogue", "check", str(CORPUS / "alias-bomb.yaml")],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, preexec_fn=limit)
    assert result.returncode == 1, result.stderr
    assert "aliases and anchors are not allowed" in result.stderr and "Traceback" not in result.stderr
    assert time.perf_counter() - started < 30
