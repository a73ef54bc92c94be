"""The same records give the same status on SQLite and on a real PostgreSQL server.

PostgreSQL runs when GOALTRACK_TEST_POSTGRES_URL names a server (an admin URL such as
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); each test gets a database of its own there.
.ci/run starts a throw-away server and sets the variable, so every landing is tested against it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from goaltrack.storage.database import HEAD
from tests.conftest import ROOT, Runner, postgres_database
from tests.present.test_charts import png_size

STORY = [
    ("record", "homelessness", "6138", "--year", "2015", "--source", "SFI 2015"),
    ("record", "homelessness", "6635", "--year", "2017"),
    ("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019"),
    ("record", "homelessness", "4998", "--year", "2009", "--note", "before the baseline"),
    ("record", "drug-deaths", "250", "--year", "2015"),
    ("record", "drug-deaths", "252", "--year", "2015", "--replace", "--source", "revised"),
    ("record", "placement-breakdown", "5,1", "--year", "2016"),
    ("record", "youth-education", "38.5", "--year", "2018"),
]


def test_the_whole_story_on_each_backend(backend_url):
    run = Runner()
    for step in STORY:
        run(*step)
    data = run.json("status", "--format", "json", "--as-of", "2026")
    h = next(g for g in data["goals"] if g["id"] == "homelessness")
    assert h["latest"] == {"year": 2019, "value": 6431, "source": "VIVE 2019", "flag": None}
    # least squares through 2011..2019 (2009 is history): 5290, 5820, 6138, 6635, 6431;
    # x̄ = 2015, ȳ = 6062.8, slope 6194 / 40 = 154.85: 6062.8 + 5 · 154.85 in 2020
    assert h["projection"]["value"] == pytest.approx(6837.05)
    assert h["verdict"] == "missed"
    deaths = next(g for g in data["goals"] if g["id"] == "drug-deaths")
    assert deaths["latest"] == {"year": 2015, "value": 252, "source": "revised", "flag": None}
    rows = run.json("history", "drug-deaths", "--format", "json")
    assert [(r["year"], r["value"], r["current"]) for r in rows] == [(2012, 210, True), (2015, 250, False),
                                                                      (2015, 252, True)]
    assert run("db", "current").stdout.endswith(f"revision: {HEAD} (newest)\n")
    run.fails("record", "homelessness", "7000", "--year", "2019")


def test_same_status_on_sqlite_and_postgresql(tmp_path, monkeypatch):
    def outputs(url: str) -> list[str]:
        monkeypatch.setenv("GOALTRACK_DATABASE_URL", url)
        run = Runner()
        for step in STORY:
            run(*step)
        return [run("status", "--format", fmt, "--as-of", year).stdout
                for fmt in ("json", "csv") for year in ("2014", "2018", "2026")]

    with postgres_database() as pg_url:
        on_postgres = outputs(pg_url)
    assert outputs(f"sqlite:///{tmp_path / 'same.db'}") == on_postgres


def test_every_command_on_each_backend(backend_url, tmp_path):
    run = Runner()
    figures = tmp_path / "figures.csv"
    figures.write_text("goal;scope;year;value;source\nhomelessness;101;2011;1400;KK\nhomelessness;101;2017;1700;KK\n"
                       "placement-breakdown;751;2011;6,0;\nplacement-breakdown;751;2016;4,5;\n", encoding="utf-8")
    assert "4 new" in run("import", str(figures)).stderr
    assert "4 unchanged" in run("import", str(figures), "--dry-run").stderr
    exported = run("export").stdout
    assert "homelessness,101,2017,1700,KK," in exported
    compared = run.json("compare", "homelessness", "--format", "json")
    # København's 2017 figure and the nation's 2013 one tie; the later year is compared, the nation listed
    assert compared["year"] == 2017
    assert [(s["scope"], s["ranked"]) for s in compared["scopes"]] == [("101", True), ("DK", False)]
    assert run.json("status", "--scope", "101", "homelessness", "--format", "json")["goals"][0]["target"]["value"] == \
        pytest.approx(1400 * 4000 / 5290)
    assert len(run.json("goals", "--format", "json")) == 16
    assert len(run.json("scopes", "--format", "json")) == 104
    shown = run("show", "homelessness").stdout
    assert shown.startswith("Homeless persons (homelessness)\n")
    assert [line.split("│")[1:4] for line in shown.splitlines() if "│101" in line] == [
        ["101   ", " 2011 ", " 1,400 "], ["101   ", " 2017 ", " 1,700 "]]
    charts = run("chart", "homelessness", "--out", str(tmp_path / "charts")).stdout.split()
    assert charts == [str(tmp_path / "charts" / "homelessness.png")]
    assert png_size(Path(charts[0])) == (1200, 750)
    run("report", "--out", str(tmp_path / "report"), "--scope", "101", "--as-of", "2018")
    md = (tmp_path / "report" / "report.md").read_text(encoding="utf-8")
    assert ("Homeless persons, København (101): 1,700 in 2017, 641 above the target of 1,059 (scaled from the "
            "national target); moving away from it.\n") in md
    assert "<td>1,400 (2011)</td><td>1,700 (2017)</td>" in (tmp_path / "report" / "report.html").read_text()
    catalogue = tmp_path / "goals.yaml"
    catalogue.write_text((ROOT / "goals.yaml").read_text(encoding="utf-8").replace(
        "Homeless persons", "Homeless people"), encoding="utf-8")
    assert "1 updated" in run("catalogue", "sync", str(catalogue)).stderr
    assert "already at the newest" in run("db", "upgrade").stderr
    run.fails("record", "homelessness", "1701", "--year", "2017", "--scope", "101")


def test_no_drift_between_models_and_migrations_on_each_backend(backend_url):
    from alembic import command

    from goaltrack.storage import database as db

    engine = db.open_database(backend_url)
    with engine.connect() as conn:
        assert db.current_revision(conn) == HEAD
        command.check(db.alembic_config(conn))
    engine.dispose()
