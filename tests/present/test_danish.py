"""--lang da: every command speaks Danish, from headers and units to categories, verdicts and numbers."""

from __future__ import annotations

import pytest

from goaltrack.present.i18n import CHART_WORDS, LABELS, REPORT_WORDS, unit_name
from goaltrack.present.numbers import number

SAME_IN_BOTH = {"id", "status", "region", "kind_region"}  # words Danish shares with English


@pytest.mark.parametrize("table", [LABELS, CHART_WORDS, REPORT_WORDS])
def test_every_string_exists_in_both_languages_and_is_translated(table):
    assert set(table["en"]) == set(table["da"])
    untranslated = [k for k in table["en"] if table["en"][k] == table["da"][k] and k not in SAME_IN_BOTH]
    assert untranslated == []


def test_danish_numbers_and_units():
    assert number(5789, "persons", "da") == "5.789" and number(5789, "persons") == "5,789"
    assert number(4.7, "percent", "da") == "4,7 %" and number(4.7, "percent") == "4.7 %"
    assert number(168600, "count", "da") == "168.600"
    assert number(15, "years", "da") == "15 år"
    assert [unit_name(u, "da") for u in ("percent", "persons", "count", "years", "score")] == \
        ["procent", "personer", "antal", "år", "point"]


def test_categories_and_verdicts_are_whole_phrases():
    da = LABELS["da"]
    assert [da[k] for k in ("substantial_progress", "moderate_progress", "limited_progress", "deterioration",
                            "insufficient_data", "achieved")] == \
        ["betydelig fremgang", "moderat fremgang", "begrænset fremgang", "tilbagegang", "for få data", "nået"]
    assert [da[k] for k in ("met", "missed", "unknown")] == ["nået", "ikke nået", "ukendt"]


@pytest.fixture
def figures(run):
    run("record", "homelessness", "6431", "--year", "2019", "--source", "VIVE 2019")
    run("record", "homelessness", "6500", "--year", "2019", "--replace", "--source", "VIVE 2019, revised")
    run("record", "homelessness", "900", "--year", "2011", "--scope", "101")
    run("record", "homelessness", "800", "--year", "2019", "--scope", "101")


def test_status_in_danish(run, figures, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    out = run("status", "--lang", "da").stdout
    header = next(line for line in out.splitlines() if line.startswith("Mål "))
    assert header.split() == ["Mål", "Udgangspunkt", "Seneste", "Målsætning", "Afstand", "Fremskridt", "Udvikling",
                              "Kategori", "Resultat"]
    row = next(line for line in out.splitlines() if line.startswith("Hjemløse personer"))
    for text in ("5.290 (2011)", "6.500 (2019)", "≤ 4.000 (2020)", "2.500", "⛈ tilbagegang", "ikke nået"):
        assert text in row, text
    assert "☀ betydelig fremgang" in out and "☁ begrænset fremgang" in out and "· for få data" in out
    assert "≤ 11,35 % (2020)" in out and "10,45 pct.-point" in out and "15 år (2013)" in out
    assert "↑ forbedres (2020)" in out and "pr. 2026" in out
    for english in ("missed", "unknown", "deterioration", "improve", " pp", "percent", "as of"):
        assert english not in out, english
    md = run("status", "homelessness", "--format", "markdown", "--lang", "da").stdout
    assert "| Hjemløse personer | 5.290 (2011) | 6.500 (2019) | ≤ 4.000 (2020) | 2.500 |" in md
    assert "| ⛈ tilbagegang | ikke nået · 6.500 (2019) |" in md


def test_show_history_goals_scopes_compare_in_danish(run, figures):
    show = run("show", "homelessness", "--lang", "da").stdout
    assert show.startswith("Hjemløse personer (homelessness)\n"
                           "  enhed:         personer, bedre når det falder\n"
                           "  udgangspunkt:  5.290 (2011)\n"
                           "  målsætning:    ≤ 4.000, −25 % (2020)\n"
                           "  kilde:         Alle skal med (2013)")
    coercion = run("show", "psychiatry-coercion", "--lang", "da").stdout
    assert "procent, bedre når det falder" in coercion and "≤ 11,35 %, −50 % (2020)" in coercion
    assert "  målsætning:    ≥ 50 % (2020)" in run("show", "youth-education", "--lang", "da").stdout
    history = run("history", "homelessness", "--lang", "da").stdout
    header = next(line for line in history.splitlines() if "område" in line)
    assert header.replace("┃", " ").split() == ["område", "år", "værdi", "erstatter", "kilde", "offentliggjort",
                                                "registreret", "status"]
    assert "erstattet 20" in history and history.count("gældende") == 4
    assert "6.500" in history and "6.431" in history
    for english in ("scope", "value", "replaces", "source", "current", "replaced"):
        assert english not in history, english
    goals = run("goals", "--lang", "da").stdout
    assert "enhed" in goals and "procent" in goals and "personer" in goals and "antal" in goals
    assert "Hjemløse personer" in goals and "percent" not in goals and "persons" not in goals
    scopes = run("scopes", "--lang", "da").stdout
    assert scopes.split()[:5] == ["kode", "navn", "type", "del", "af"]
    assert "kommune" in scopes and "land" in scopes and "municipality" not in scopes
    compare = run("compare", "homelessness", "--lang", "da").stdout
    assert "Område" in compare and "København (101)" in compare and "☁ begrænset fremgang" in compare and "⛈ tilbagegang" in compare
    assert "≤ 681 (2020)" in compare and "5.290 (2011)" in compare


def test_show_without_measurements_in_danish(run):
    assert run("show", "school-reading", "--lang", "da").stdout.endswith("Ingen tal registreret.\n")
