"""`goaltrack status` through the CLI, on the shipped catalogue, in every format."""

from __future__ import annotations

import csv
import io
import json

import pytest

STATUS_KEYS = [
    "id", "set", "scope", "title", "unit", "direction", "baseline", "baseline_later", "target", "latest", "achieved", "distance", "distance_share",
    "progress_pct", "required", "on_path", "years_ahead", "growth_ratio", "category", "projection",
    "projected_to_meet", "verdict", "verdict_provisional", "verdict_basis", "verdict_basis_across_break",
    "series_break", "bridged_baseline",
]


@pytest.mark.shipped
@pytest.mark.fresh_database
def test_first_run_loads_the_shipped_catalogue(run, db_path):
    assert not db_path.exists()
    result = run("status", "--format", "json")
    assert db_path.exists()
    assert "Loaded the shipped catalogue into a new database: 16 goals, 26 published figures." in result.stderr
    data = run.json("status", "--format", "json")  # the second run loads nothing
    assert len(data["goals"]) == 16
    assert "Loaded" not in run("status").stderr


@pytest.mark.fresh_database
def test_a_new_database_can_start_from_another_catalogue(run, tmp_path, monkeypatch):
    mine = tmp_path / "mine.yaml"
    mine.write_text("id: aarhus-2030\nname: Aarhus 2030\ngoals:\n"
                    "  - {id: homeless, title: Homeless in Aarhus, unit: persons, direction: decrease,\n"
                    "     baseline: {year: 2022, value: 400}, target: {year: 2030, value: 200},\n"
                    "     measurements: [{year: 2024, value: 380, source: count}]}\n", encoding="utf-8")
    monkeypatch.setenv("GOALTRACK_CATALOGUE", str(mine))
    result = run("status", "--format", "json")
    assert f"Loaded {mine} (GOALTRACK_CATALOGUE) into a new database: 1 goal, 1 published figure." \
        in result.stderr
    assert [(g["set"], g["id"], g["latest"]["value"]) for g in json.loads(result.stdout)["goals"]] == \
        [("aarhus-2030", "homeless", 380)]
    assert "mine.yaml: 1 goal, 1 scope, no problems." in run("catalogue", "check").stderr  # the default file of check and sync


@pytest.mark.fresh_database
def test_a_starting_catalogue_that_cannot_be_read_is_one_error_line(run, tmp_path, monkeypatch):
    monkeypatch.setenv("GOALTRACK_CATALOGUE", str(tmp_path / "missing.yaml"))
    result = run.fails("status")
    assert result.stderr.startswith("Error: GOALTRACK_CATALOGUE: cannot read catalogue ")
    assert "missing.yaml" in result.stderr and len(result.stderr.splitlines()) == 1


def test_status_json_shape_and_figures(run):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    data = run.json("status", "--format", "json", "--as-of", "2026")
    assert data["as_of"] == 2026 and data["scope"] == "DK"
    ids = [g["id"] for g in data["goals"]]
    assert ids[:3] == ["youth-education", "school-reading", "school-maths"]  # catalogue order
    for goal in data["goals"]:
        assert list(goal) == STATUS_KEYS
        for key in ("baseline", "target", "latest", "projection"):  # null, or an object without nulls
            assert goal[key] is None or None not in (goal[key]["year"], goal[key]["value"])
    h = next(g for g in data["goals"] if g["id"] == "homelessness")
    assert h["baseline"] == {"year": 2011, "value": 5290}
    assert h["target"] == {"year": 2020, "value": 4000, "rule": "catalogue"}
    assert h["latest"] == {"year": 2019, "value": 6431, "source": "VIVE 2019", "flag": None}
    assert h["achieved"] is False
    assert h["distance"] == 2431
    assert h["progress_pct"] == pytest.approx(-88.449612)
    assert h["required"] == pytest.approx(4143.333333)
    assert h["on_path"] is False
    assert h["category"] == "deterioration"
    assert h["projection"] == {"year": 2020, "value": pytest.approx(6601.865385)}
    assert h["projected_to_meet"] is False
    assert h["verdict"] == "missed"
    assert h["verdict_basis"] == {"year": 2019, "value": 6431, "source": "VIVE 2019", "flag": None}
    assert h["distance_share"] == pytest.approx(2431 / 1290)  # 1.88 times the original gap
    # The road from 5,290 (2011) to 4,000 (2020) falls 143.33 a year: it stood at 6,431 in 2003.04.
    assert h["years_ahead"] == pytest.approx(2011 + (6431 - 5290) / (-1290 / 9) - 2019)  # −15.96
    # Eurostat: observed (6,431/5,290)^(1/8) − 1 over required (4,000/5,290)^(1/9) − 1
    assert h["growth_ratio"] == pytest.approx(((6431 / 5290) ** (1 / 8) - 1) / ((4000 / 5290) ** (1 / 9) - 1),
                                              abs=1e-6)
    assert h["growth_ratio"] == pytest.approx(-0.808167)
    assert h["title"] == "Homeless persons"
    da = run.json("status", "homelessness", "--format", "json", "--as-of", "2026", "--lang", "da")
    assert da["goals"][0]["title"] == "Hjemløse personer"
    assert da["goals"][0]["distance"] == 2431  # figures do not change with the language


def test_verdict_basis_beside_the_latest_figure(run):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    run("record", "homelessness", "3900", "--year", "2022", "--source", "VIVE 2022")
    h = run.json("status", "homelessness", "--as-of", "2023", "--format", "json")["goals"][0]
    assert h["latest"] == {"year": 2022, "value": 3900, "source": "VIVE 2022", "flag": None}
    assert h["achieved"] is True and h["category"] == "achieved"  # where it stands now
    assert h["verdict"] == "missed"  # was it met: on 2019's 6,431
    assert h["verdict_basis"] == {"year": 2019, "value": 6431, "source": "VIVE 2019", "flag": None}
    # the projection to 2020 runs through 2011, 2013 and 2019 only: 6,601.87, not pulled by 2022
    assert h["projection"] == {"year": 2020, "value": pytest.approx(6601.865385)}
    before = run.json("status", "homelessness", "--as-of", "2020", "--format", "json")["goals"][0]
    assert before["verdict"] is None and before["verdict_basis"] is None


@pytest.mark.fresh_database
def test_a_catalogue_sets_the_verdict_window(run, tmp_path):
    catalogue = tmp_path / "wide.yaml"
    catalogue.write_text(
        "verdict_window: 7\n"
        "goals:\n"
        "  - {id: breakdowns, title: Breakdowns, unit: percent, direction: decrease,\n"
        "     baseline: {year: 2011, value: 5.7}, target: {year: 2020, value: 4},\n"
        "     measurements: [{year: 2013, value: 5.1}]}\n"
        "  - {id: strict, title: Strict, unit: percent, direction: decrease, verdict_window: 3,\n"
        "     baseline: {year: 2011, value: 5.7}, target: {year: 2020, value: 4},\n"
        "     measurements: [{year: 2013, value: 3.9}]}\n", encoding="utf-8")
    run("catalogue", "sync", str(catalogue), "--archive")
    goals = {g["id"]: g for g in run.json("status", "breakdowns", "strict", "--as-of", "2021",
                                           "--format", "json")["goals"]}
    assert goals["breakdowns"]["verdict"] == "missed"  # 2013 lies within the catalogue's 7 years
    assert goals["strict"]["verdict"] == "unknown"  # the goal's own 3 years win
    assert goals["strict"]["verdict_basis"] == {"year": 2013, "value": 3.9, "source": None, "flag": None}
    bad = tmp_path / "bad.yaml"
    bad.write_text(catalogue.read_text(encoding="utf-8").replace("verdict_window: 7", "verdict_window: -1"),
                   encoding="utf-8")
    error = run.fails("catalogue", "check", str(bad)).stderr
    assert "bad.yaml:1: the catalogue: verdict_window must be a whole number of years from 0 to 100, not -1" in error


def test_goals_without_data_are_null_not_zero(run):
    data = run.json("status", "--format", "json")
    reading = next(g for g in data["goals"] if g["id"] == "school-reading")
    assert reading["baseline"] is None and reading["target"] is None and reading["latest"] is None
    assert reading["category"] == "insufficient_data" and reading["verdict"] == "unknown"
    coercion = next(g for g in data["goals"] if g["id"] == "psychiatry-coercion")
    assert coercion["target"] == {"year": 2020, "value": 11.35, "rule": "catalogue"}  # halve 22.7: a relative-only target
    assert coercion["latest"]["value"] == 21.8
    foster = next(g for g in data["goals"] if g["id"] == "foster-families")
    assert foster["target"] is None and foster["verdict"] is None and foster["category"] == "deterioration"


def test_as_of_before_the_deadline_has_no_verdict(run):
    data = run.json("status", "drug-deaths", "homelessness", "--as-of", "2015", "--format", "json")
    assert [g["id"] for g in data["goals"]] == ["homelessness", "drug-deaths"]  # catalogue order
    assert all(g["verdict"] is None for g in data["goals"])
    deaths = data["goals"][1]
    # 285 → 210 in 2012: progress 75/85 = 88.2 %; observed CAGR −26.3 % vs required −3.8 %: substantial
    assert deaths["progress_pct"] == pytest.approx(100 * 75 / 85, abs=1e-5)
    assert deaths["category"] == "substantial_progress"


def test_as_of_hides_later_figures(run):
    run("record", "homelessness", "6431", "--year", "2019")
    data = run.json("status", "homelessness", "--as-of", "2017", "--format", "json")
    assert data["goals"][0]["latest"]["value"] == 5820


def test_table_is_readable(run):
    run("record", "homelessness", "6431", "--year", "2019")
    out = run("status", "--wide").stdout
    row = next(line for line in out.splitlines() if "Homeless persons" in line)
    for text in ("5,290 (2011)", "6,431 (2019)", "≤ 4,000 (2020)", "2,431", "−88 %", "deterioration",
                 "missed · 6,431 (2019)"):
        assert text in row, text
    assert "\x1b[" not in out  # no colour codes when stdout is not a terminal


def test_table_keeps_the_verdict_basis_beside_the_latest_figure(run, monkeypatch):
    run("record", "homelessness", "6431", "--year", "2019")
    run("record", "homelessness", "3900", "--year", "2022")
    out = run("status", "--as-of", "2023", "--wide").stdout
    row = next(line for line in out.splitlines() if "Homeless persons" in line)
    # where it stands now: 3,900 in 2022, achieved; was it met: no, on 2019's 6,431
    for text in ("3,900 (2022)", "achieved", "missed · 6,431 (2019)"):
        assert text in row, text
    lines = out.splitlines()
    placement = next(line for line in lines if "Placements that break down" in line)
    assert "5.7 % (2011)" in placement and "unknown · no figure" in placement
    assert "0 %" not in placement.replace("5.7 %", "")  # no movement: "–", not "0 %"
    deaths = next(line for line in lines if "Drug-related deaths" in line)
    assert "unknown · 2012 too old" in deaths
    monkeypatch.setenv("COLUMNS", "100")
    narrow = run("status", "--as-of", "2023").stdout.splitlines()
    at = next(i for i, line in enumerate(narrow) if "Homeless persons" in line)
    assert "missed ·" in narrow[at] or "missed · 6,431 (2019)" in narrow[at]
    assert "6,431 (2019)" in narrow[at] + narrow[at + 1]  # the basis never leaves the verdict


def test_progress_beyond_999_percent_is_shown_as_a_bound():
    from goaltrack.domain.progress import Point
    from goaltrack.judging.status import judge
    from goaltrack.present.numbers import progress_text
    from goaltrack.storage.models import Goal

    near = Goal(id="p", title_en="P", title_da="P", unit="percent", direction="decrease", baseline_year=2011,
                baseline_value=4.2, target_year=2020, target_value=4)
    assert progress_text(judge(near, [Point(2016, 6.4)], 2018), "en") == "< −999 %"  # −1,100 %
    assert progress_text(judge(near, [Point(2016, 2.2)], 2018), "en") == "> 999 %"  # +1,000 %
    assert progress_text(judge(near, [Point(2016, 2.202)], 2018), "en") == "999 %"  # 999 %
    assert progress_text(judge(near, [Point(2016, 6.198)], 2018), "da") == "−999 %"
    assert progress_text(judge(near, [], 2018), "en") == "–"


def test_danish_table(run):
    out = run("status", "homelessness", "--lang", "da").stdout
    assert "Hjemløse personer" in out and "5.290 (2011)" in out and "tilbagegang" in out


def test_csv_has_one_row_per_goal(run):
    rows = list(csv.DictReader(io.StringIO(run("status", "--format", "csv").stdout)))
    assert len(rows) == 16
    h = next(r for r in rows if r["id"] == "homelessness")
    assert (h["baseline_year"], h["baseline_value"], h["latest_value"], h["verdict"]) == ("2011", "5290", "5820", "unknown")
    # the 2013 count is the basis, but more than 3 years before 2020: it decides nothing
    assert (h["verdict_basis_year"], h["verdict_basis_value"]) == ("2013", "5820")
    assert h["verdict_basis_source"].startswith("SFI national count 2013")
    assert list(rows[0])[-9:] == ["verdict", "verdict_provisional", "verdict_basis_year", "verdict_basis_value",
                                  "verdict_basis_source", "verdict_basis_flag", "verdict_basis_across_break",
                                  "series_break", "bridged_baseline"]
    assert h["achieved"] == "false" and rows[1]["baseline_value"] == ""


def test_markdown_table(run):
    out = run("status", "homelessness", "drug-deaths", "--format", "markdown").stdout
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert len(lines) == 4  # header, rule, two goals
    assert lines[2].startswith("| Homeless persons | 5,290 (2011) | 5,820 (2013) | ≤ 4,000 (2020) | 1,820 |")


def test_unknown_goal_and_scope(run, db_path):
    run("status")
    assert "did you mean 'homelessness'" in run.fails("status", "homeles").stderr
    assert run.fails("status", "--scope", "XX").stderr == "Error: unknown scope 'XX' (see goaltrack scopes)\n"


def test_bad_as_of_is_a_usage_error(run):
    result = run("status", "--as-of", "1800", ok=False)
    assert result.exit_code == 2 and "1800" in result.stderr


@pytest.mark.parametrize("width", [80, 100, 120, 160, 220])
def test_table_fits_the_terminal_and_cuts_nothing(run, width, monkeypatch):
    monkeypatch.setenv("COLUMNS", str(width))
    out = run("status").stdout
    from rich.cells import cell_len

    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out  # no cell was cut short
    # the summary under the table: the same counts as the verdict column, on one line whole
    assert "2020 goals, Denmark: 0 met · 0 missed · 14 unknown" in out
    words = out.replace("0 met · 0 missed · 14 unknown", "").split()
    # every verdict whole; the shipped figures are from 2012-2013, too old to decide a 2020 goal
    assert words.count("unknown") == 14
    assert "deterioration" in words and "substantial" in words
