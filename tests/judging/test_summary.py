"""The summary (method v3): the same counts under the status table, in JSON, Markdown, the report's
first paragraph and the overview chart."""

from __future__ import annotations

import pytest

from tests.storage.test_sets import AARHUS


@pytest.mark.shipped
def test_the_shipped_record_summarised_everywhere(run, tmp_path):
    """As of 2026 on the shipped record: of the 14 goals with a 2020 deadline, homelessness (6,431 in
    2019) and drug deaths (256 in 2020) were missed; no figure decides the other 12 (none, or too old)."""
    line = "2020 goals, Denmark: 0 met · 2 missed · 12 unknown"
    assert line in run("status", "--wide").stdout
    data = run.json("status", "--format", "json")
    assert data["summary"] == [{"set": "dk-2020", "scope": "DK", "deadline": 2020, "goals": 14,
                                "verdicts": {"met": 0, "missed": 2, "unknown": 12}, "provisional": 0,
                                "categories": None}]
    missed = sorted(g["id"] for g in data["goals"] if g["verdict"] == "missed")
    assert missed == ["drug-deaths", "homelessness"]  # the counts are the verdict column's
    assert f"**{line}**" in run("status", "--format", "markdown").stdout
    assert "Mål for 2020, Danmark: 0 nået · 2 ikke nået · 12 ukendt" in run("status", "--wide", "--lang", "da").stdout
    run("report", "--out", str(tmp_path / "r"))
    report = (tmp_path / "r" / "report.md").read_text(encoding="utf-8").splitlines()
    assert report[4] == "**2020 goals: 0 met · 2 missed · 12 unknown**  "  # the first paragraph
    assert "<strong>2020 goals: 0 met · 2 missed · 12 unknown</strong>" in (tmp_path / "r" / "report.html").read_text(
        encoding="utf-8")
    # as of 2015, before the deadline: goals per category
    early = run.json("status", "--format", "json", "--as-of", "2015")["summary"][0]
    assert early["verdicts"] is None and sum(early["categories"].values()) == 14
    assert early["categories"]["deterioration"] == 1  # homelessness: 5,290 → 6,138


def test_a_provisional_verdict_is_counted_and_said(run):
    run("record", "drug-deaths", "256", "--year", "2020", "--flag", "P", "--source", "SST", "--force")
    assert "2020 goals, Denmark: 0 met · 1 missed · 13 unknown (1 provisional)" in run("status", "--wide").stdout
    assert run.json("status", "--format", "json")["summary"][0]["provisional"] == 1
    assert "(1 foreløbige)" in run("status", "--wide", "--lang", "da").stdout


def test_each_set_its_own_summary_and_before_its_deadline_categories(run, tmp_path):
    """Aarhus' 2030 set as of 2026: homelessness 600 (2015) → 560 (2019) against 400 in 2030 is
    moderate progress (growth ratio 0.64); youth jobs has no figure after its baseline."""
    path = tmp_path / "aarhus.yaml"
    path.write_text(AARHUS, encoding="utf-8")
    run("catalogue", "sync", str(path))
    out = run("status", "--wide").stdout
    assert "2020 goals, Denmark: 0 met · 0 missed · 14 unknown" in out
    assert "2030 goals, Aarhus: 1 moderate progress · 1 insufficient data" in out
    summary = run.json("status", "--format", "json")["summary"]
    assert [(s["set"], s["scope"], s["deadline"]) for s in summary] == [("dk-2020", "DK", 2020),
                                                                        ("aarhus-2030", "751", 2030)]
    assert summary[1]["categories"] == {"moderate_progress": 1, "insufficient_data": 1}
    assert summary[1]["verdicts"] is None and summary[1]["provisional"] is None


def test_the_overview_chart_carries_the_counts(run, tmp_path, monkeypatch):
    from goaltrack.present.charts import files

    drawn = []
    real = files.draw.draw_overview

    def spy(items, lang, dpi, title, summary):
        drawn.append((title, summary))
        return real(items, lang, dpi, title, summary)

    monkeypatch.setattr(files.draw, "draw_overview", spy)
    monkeypatch.setenv(files.WORKERS_ENV, "1")  # drawn in this process, where the spy is
    run("chart", "--all", "--out", str(tmp_path / "charts"), "--set", "dk-2020")
    assert drawn == [("Sociale 2020-mål (Alle skal med, 2013) · Denmark (DK)", "2020 goals: 0 met · 0 missed · 14 unknown")]


def test_one_goal_is_summarised_too(run):
    summary = run.json("status", "drug-deaths", "--format", "json")["summary"]
    assert summary == [{"set": "dk-2020", "scope": "DK", "deadline": 2020, "goals": 1,
                        "verdicts": {"met": 0, "missed": 0, "unknown": 1}, "provisional": 0, "categories": None}]
    assert run.json("status", "foster-families", "--format", "json")["summary"] == []  # no deadline: no count


@pytest.mark.parametrize(("value", "unit", "lang", "text"), [
    (200 / 285, "persons", "en", "0.70"), (200 / 285, "persons", "da", "0,70"), (0.05, "count", "en", "0.05"),
    (5.26, "persons", "en", "5.3"), (-5.26, "count", "en", "−5.3"), (99.94, "persons", "en", "99.9"),
    (1.5, "persons", "en", "1.5"),
    (1059.4, "persons", "en", "1,059"), (1059.4, "persons", "da", "1.059"), (100.4, "count", "en", "100"),
    (7.0, "persons", "en", "7"), (4.444, "percent", "en", "4.44 %"), (4.5, "years", "da", "4,5 år"),
    (None, "persons", "en", "–"), (float("nan"), "persons", "en", "–"),
])
def test_a_derived_level_keeps_the_decimals_that_tell_it_apart(value, unit, lang, text):
    from goaltrack.present.numbers import precise

    assert precise(value, unit, lang) == text
