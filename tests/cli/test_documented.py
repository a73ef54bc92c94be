"""Behaviour the README documents, checked by its figures: zero values, import columns in any order,
charts and reports per scope and in Danish, GOALTRACK_CHART_WORKERS, and the default database path."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltrack.domain.progress import Point
from goaltrack.present import report
from goaltrack.present.charts import draw
from goaltrack.present.charts.data import ChartData, value_formatter
from goaltrack.present.charts.files import WORKERS_ENV, default_workers

approx = pytest.approx


@pytest.fixture
def municipal(run, tmp_path):
    path = tmp_path / "kommuner.csv"
    path.write_text(
        "goal;scope;year;value;source\n"
        "homelessness;101;2011;1400;København 2011\n"
        "homelessness;101;2017;1700;København 2017\n"
        "homelessness;751;2011;600;Aarhus 2011\n"
        "homelessness;751;2017;450;Aarhus 2017\n", encoding="utf-8")
    run("import", str(path))
    return run


# --- zero values ----------------------------------------------------------------------------------


@pytest.mark.fresh_database
def test_a_real_zero_is_recorded_and_judged(run):
    """No drug deaths in a year is a figure, not a mistake: recorded, stored as 0, and judged."""
    result = run("record", "drug-deaths", "0", "--year", "2015", "--force")  # far below 285: forced
    assert result.stderr.endswith("\nRecorded drug-deaths DK 2015: 0.\n")
    assert [row["value"] for row in run.json("history", "drug-deaths", "--format", "json")
            if row["year"] == 2015] == [0]
    g = run.json("status", "drug-deaths", "--as-of", "2016", "--format", "json")["goals"][0]
    assert g["latest"] == {"year": 2015, "value": 0, "source": None, "flag": None}
    assert g["achieved"] is True and g["distance"] == 0 and g["distance_share"] == 0
    assert g["progress_pct"] == approx(100 * (0 - 285) / (200 - 285))  # 335.29 %: past the target
    # A zero counts as 0.001 in growth rates: (0.001/285)^(1/4) − 1 over (200/285)^(1/9) − 1.
    observed = (0.001 / 285) ** (1 / 4) - 1
    required = (200 / 285) ** (1 / 9) - 1
    assert g["growth_ratio"] == approx(observed / required, abs=1e-6)
    assert g["category"] == "achieved"
    assert g["projection"]["value"] == 0  # the line falls below zero persons: kept at 0


def test_a_zero_percent_is_recorded_and_imported(run, tmp_path):
    run("record", "placement-breakdown", "0", "--year", "2015", "--scope", "101")
    path = tmp_path / "zero.csv"
    path.write_text("goal,scope,year,value\nplacement-breakdown,751,2016,0\nhomelessness,751,2016,0\n")
    assert "2 new" in run("import", str(path)).stderr
    exported = run.json("export", "--format", "json")
    zeros = sorted((r["goal"], r["scope"], r["year"], r["value"]) for r in exported if r["value"] == 0)
    assert zeros == [("homelessness", "751", 2016, 0), ("placement-breakdown", "101", 2015, 0),
                     ("placement-breakdown", "751", 2016, 0)]


# --- import columns in any order ------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    # the fast path (plain fields) and the careful one (a quoted field), columns shuffled
    "value,source,year,scope,goal\n1700,KK,2017,101,homelessness\n4.5,,2016,751,placement-breakdown\n",
    'note;year;goal;value;scope\n"a ""quoted"" note";2017;homelessness;1700;101\n;2016;placement-breakdown;4,5;751\n',
    "YEAR , Value, Goal ,scope\n2017,1700,homelessness,101\n2016,4.5,placement-breakdown,751\n",
])
def test_import_columns_in_any_order(run, tmp_path, text):
    path = tmp_path / "figures.csv"
    path.write_text(text, encoding="utf-8")
    assert "2 new" in run("import", str(path)).stderr
    rows = sorted((r["goal"], r["scope"], r["year"], r["value"]) for r in run.json("export", "--format", "json"))
    assert ("homelessness", "101", 2017, 1700) in rows
    assert ("placement-breakdown", "751", 2016, 4.5) in rows


def test_import_json_keys_in_any_order(run, tmp_path):
    path = tmp_path / "figures.json"
    path.write_text('[{"value": 1700, "scope": "101", "year": 2017, "goal": "homelessness", "source": "KK"}]')
    assert "1 new" in run("import", str(path)).stderr
    [row] = [r for r in run.json("export", "--format", "json") if r["scope"] == "101"]
    assert (row["goal"], row["year"], row["value"], row["source"]) == ("homelessness", 2017, 1700, "KK")


# --- charts and reports per scope and language ----------------------------------------------------


@pytest.fixture
def drawn(monkeypatch):
    """What each goal chart was drawn from, when drawn in this process."""
    seen: list[tuple[ChartData, str]] = []
    real = draw.draw_goal

    def spy(data, lang="en", dpi=draw.DEFAULT_DPI):
        seen.append((data, lang))
        return real(data, lang, dpi)

    monkeypatch.setattr(draw, "draw_goal", spy)
    monkeypatch.setenv(WORKERS_ENV, "1")
    return seen


def test_chart_scope_draws_the_scopes_own_figures(municipal, tmp_path, drawn):
    out = tmp_path / "c"
    written = municipal("chart", "homelessness", "--scope", "101", "--out", str(out), "--lang", "da",
                        "--as-of", "2026").stdout.split()
    assert len(written) == 1 and Path(written[0]).is_file()
    [(data, lang)] = drawn
    assert lang == "da"
    assert data.baseline == Point(2011, 1400, "København 2011")
    assert data.target == Point(2020, approx(1400 * 4000 / 5290))  # the national target scaled: 1,058.6
    assert [(p.year, p.value) for p in data.measured] == [(2011, 1400), (2017, 1700)]
    assert data.title == "Hjemløse personer · København (101)"
    assert data.subtitle == "Ikke nået: 1.700 i 2017 mod ≤ 1.059 · intet tal siden"
    assert data.source == "København 2017"


def test_chart_workers_variable_draws_in_this_process(run, tmp_path, drawn):
    written = run("chart", "--all", "--out", str(tmp_path / "c")).stdout.split()
    assert len(written) == 13  # the overview and the 12 goals with any figure (4 have none: a panel says so)
    assert len(drawn) == 12  # every goal chart, none of them in a worker process


@pytest.mark.parametrize(("env", "jobs", "cores", "workers"), [
    ("1", 20, 8, 1), ("3", 20, 8, 3), ("3", 1, 1, 3), ("0", 20, 8, 1), ("x", 20, 8, 4), ("", 20, 8, 4),
    (None, 3, 8, 1), (None, 4, 8, 4), (None, 20, 2, 2), (None, 20, 8, 4), (None, 5, None, 1),
])
def test_default_workers(monkeypatch, env, jobs, cores, workers):
    import os

    if env is None:
        monkeypatch.delenv(WORKERS_ENV, raising=False)
    else:
        monkeypatch.setenv(WORKERS_ENV, env)
    monkeypatch.setattr(os, "cpu_count", lambda: cores)
    assert default_workers(jobs) == workers


@pytest.fixture
def no_drawing(monkeypatch):
    """Reports without their charts (drawn and checked elsewhere): the text is what is tested here."""
    monkeypatch.setattr(report, "write_charts", lambda *args, **kwargs: [])


def test_report_scope(municipal, tmp_path, no_drawing):
    out = tmp_path / "r"
    municipal("report", "--out", str(out), "--scope", "101", "--as-of", "2026")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "· as of 2026 · scope København (101)\n" in md
    assert ("Homeless persons, København (101): missed; 1,700 in 2017 against the target of 1,059 (scaled from the "
            "national target) by 2020. No figure since: still 641 above it.\n") in md
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "<td>1,400 (2011)</td><td>1,700 (2017)</td>" in page


def test_report_in_danish(run, tmp_path, no_drawing):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    out = tmp_path / "r"
    run("report", "--out", str(out), "--lang", "da", "--as-of", "2026")
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# Sociale 2020-mål (Alle skal med, 2013) · Danmark (DK)\n")  # the catalogue's name
    assert "· pr. 2026 · område Danmark (DK)\n" in md
    assert ("Hjemløse personer, Danmark (DK): ikke nået; 6.431 i 2019 mod målsætningen på 4.000 i 2020. "
            "Intet tal siden: stadig 2.431 over den.\n") in md
    assert "*Kilde til det seneste tal: VIVE 2019*" in md
    page = (out / "report.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in page and "<td>6.431 (2019)</td>" in page and "ikke nået" in page


# --- where the data lives -------------------------------------------------------------------------


def test_db_current_prints_the_default_path(run, tmp_path, monkeypatch):
    monkeypatch.delenv("GOALTRACK_DATABASE_URL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    expected = tmp_path / "xdg" / "goaltrack" / "goaltrack.db"
    assert run("db", "current").stdout == (f"sqlite:///{expected}\n"
                                           "revision: none (the database is created on first use)\n")
    run("goals")
    assert expected.is_file()
    assert run("db", "current").stdout.startswith(f"sqlite:///{expected}\n")


def test_chart_axis_shows_the_unit():
    fmt = value_formatter
    assert fmt("percent", "en")(12.5) == "12.5 %" and fmt("percent", "da")(12.5) == "12,5 %"
    assert fmt("persons", "en")(6431) == "6,431" and fmt("persons", "da")(6431) == "6.431"
    assert fmt("count", "da")(1234.4) == "1.234"
    assert fmt("years", "en")(15) == "15" and fmt("score", "da")(2.25) == "2,25"
