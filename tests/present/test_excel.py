"""Excel out: real workbooks read back figure by figure, and CSV that Danish Excel reads right."""

from __future__ import annotations

import csv
import datetime
import io

import pytest

openpyxl = pytest.importorskip("openpyxl")


def cells(path, sheet):
    book = openpyxl.load_workbook(path, read_only=True)
    return [list(row) for row in book[sheet].iter_rows(values_only=True)]


@pytest.fixture
def figures(run):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "=HYPERLINK(\"http://x\")")
    run("record", "placement-breakdown", "5,1", "--year", "2015", "--source", "Ankestyrelsen")
    run("record", "homelessness", "812", "--year", "2019", "--scope", "101", "--note", "+ revised")


def test_export_xlsx_reads_back_figure_by_figure(run, figures, tmp_path):
    out = tmp_path / "figures.xlsx"
    result = run("export", "--format", "xlsx", "--output", str(out))
    assert result.stdout == "" and "Exported 8 figures to" in result.stderr
    rows = cells(out, "figures")
    assert rows[0] == ["goal", "scope", "year", "value", "source", "note", "published", "flag"]
    body = {(r[0], r[1], r[2]): r for r in rows[1:]}
    assert len(body) == 8
    today = datetime.date.today().isoformat()
    assert body[("homelessness", "DK", 2019)][3:] == [6431, "'=HYPERLINK(\"http://x\")", None, today, None]
    assert body[("homelessness", "101", 2019)][3:] == [812, None, "'+ revised", today, None]
    assert body[("placement-breakdown", "DK", 2015)][3] == pytest.approx(5.1)
    assert body[("drug-deaths", "DK", 2012)][3] == 210
    for row in rows[1:]:  # years whole numbers, figures numbers: never text
        assert type(row[2]) is int and isinstance(row[3], (int, float)) and not isinstance(row[3], bool)
    history = tmp_path / "history.xlsx"
    run("export", "homelessness", "--history", "--format", "xlsx", "--output", str(history))
    assert cells(history, "figures")[0] == ["goal", "scope", "year", "value", "source", "note", "published",
                                            "flag", "state", "recorded_at"]


def test_status_xlsx_reads_back_figure_by_figure(run, figures, tmp_path):
    out = tmp_path / "status.xlsx"
    run("status", "--format", "xlsx", "--output", str(out), "--as-of", "2026")
    rows = cells(out, "status")
    header, body = rows[0], {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    assert header[:4] == ["id", "set", "scope", "title"] and len(body) == 16
    h = body["homelessness"]
    assert (h["baseline_year"], h["baseline_value"], h["target_year"], h["target_value"]) == (2011, 5290, 2020, 4000)
    assert (h["latest_year"], h["latest_value"], h["latest_source"]) == (2019, 6431, "'=HYPERLINK(\"http://x\")")
    assert h["distance"] == 2431 and h["achieved"] is False and h["category"] == "deterioration"
    assert h["progress_pct"] == pytest.approx(-88.449612)
    assert h["verdict"] == "missed" and h["verdict_basis_year"] == 2019
    assert body["school-reading"]["baseline_value"] is None  # no baseline: an empty cell, not 0
    about = dict(cells(out, "about")[1:])
    assert about["as_of"] == 2026 and about["scope"] == "DK" and about["goals"] == 16
    da = tmp_path / "status-da.xlsx"
    run("status", "homelessness", "--format", "xlsx", "--output", str(da), "--lang", "da")
    assert cells(da, "status")[1][3] == "Hjemløse personer"


def test_excel_da_csv(run, figures, tmp_path):
    text = run("export", "placement-breakdown", "homelessness", "--excel-da").stdout
    assert text.startswith("\ufeffgoal;scope;year;value;source;note;published;flag\n")
    rows = [row[:6] for row in csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";")]
    assert ["placement-breakdown", "DK", "2015", "5,1", "Ankestyrelsen", ""] in rows
    assert ["homelessness", "101", "2019", "812", "", "'+ revised"] in rows  # a formula never runs in Excel
    assert ["homelessness", "DK", "2019", "6431", "'=HYPERLINK(\"http://x\")", ""] in rows
    # goaltrack import reads it back: the same figures in a new database
    path = tmp_path / "tal.csv"
    run("export", "--excel-da", "--output", str(path))
    assert path.read_bytes().startswith(b"\xef\xbb\xbfgoal;")
    status = run("status", "--format", "csv", "--excel-da").stdout
    assert status.startswith("\ufeffid;set;scope;title;")
    h = next(r for r in csv.DictReader(io.StringIO(status.lstrip("\ufeff")), delimiter=";") if r["id"] == "homelessness")
    assert h["progress_pct"].startswith("-88,44") and h["baseline_value"] == "5290" and h["latest_year"] == "2019"
    coercion = next(r for r in csv.DictReader(io.StringIO(status.lstrip("\ufeff")), delimiter=";")
                    if r["id"] == "psychiatry-coercion")
    assert coercion["target_value"] == "11,35" and coercion["latest_value"] == "21,8"


def test_excel_da_round_trip_through_import(run, figures, tmp_path, monkeypatch):
    path = tmp_path / "tal.csv"
    run("export", "--excel-da", "--output", str(path))
    monkeypatch.setenv("GOALTRACK_DATABASE_URL", f"sqlite:///{tmp_path / 'other.db'}")
    run("import", str(path), "--replace")
    again = run("export", "--excel-da").stdout
    assert again == path.read_text(encoding="utf-8")


def test_output_refusals(run, tmp_path):
    assert "--output FILE" in run("export", "--format", "xlsx", ok=False).stderr
    assert run("status", "--format", "json", "--excel-da", ok=False).exit_code == 2
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    result = run("export", "--format", "xlsx", "--output", str(folder), ok=False)
    assert result.exit_code == 2 and "is a directory" in result.stderr
    missing = tmp_path / "no" / "such" / "book.xlsx"
    assert run.fails("status", "--format", "xlsx", "--output", str(missing)).stderr.startswith(
        f"Error: cannot write {missing}")
