"""The published record ships in goals.yaml: a new database tells the story as published, through 2024.

Every expected figure below is worked out by hand from the formulas of docs/method.md and the published figures
(../shared/published/dk-2020-goals.csv), not read back from goaltrack.
"""

from __future__ import annotations

import pytest

from goaltrack.catalogue import load_catalogue
from tests.conftest import ROOT

pytestmark = pytest.mark.shipped

HOMELESSNESS = [(2007, 5253), (2009, 4998), (2013, 5820), (2015, 6138), (2017, 6635), (2019, 6431),
                (2022, 5789), (2024, 5989)]
DRUG_DEATHS = [(2012, 210), (2013, 213), (2014, 263), (2015, 245), (2016, 279), (2017, 256), (2018, 256),
               (2019, 268), (2020, 256), (2021, 248), (2022, 280)]


def test_the_catalogue_holds_every_published_figure_with_its_first_release():
    goals = {g.id: g for g in load_catalogue(ROOT / "goals.yaml").goals}
    assert [(m.year, m.value) for m in goals["homelessness"].measurements] == HOMELESSNESS
    assert [(m.year, m.value) for m in goals["drug-deaths"].measurements] == DRUG_DEATHS
    firsts = {(g, m.year): (m.first_value, m.first_source) for g in goals for m in goals[g].measurements
              if m.first_value is not None}
    assert firsts == {
        ("drug-deaths", 2018): (252, "Rigspolitiets register, første udgivelse (2019)"),
        ("drug-deaths", 2019): (265, "Sundhedsstyrelsen (2020)"),
        ("placement-breakdown", 2010): (6, "Ankestyrelsen (udgivet 2012)"),
        ("placement-breakdown", 2012): (5, "Ankestyrelsen (udgivet 2012)"),
    }
    assert [(m.year, m.value) for m in goals["placement-breakdown"].measurements] == [(2010, 5.5), (2012, 4.7),
                                                                                      (2013, 4.7)]
    assert [(m.year, m.value) for m in goals["drug-treatment-effect"].measurements] == [(2015, 46)]
    assert all(m.scope == "DK" and m.source for g in goals.values() for m in g.measurements)


@pytest.mark.fresh_database
def test_a_new_database_starts_with_the_published_record(run):
    result = run("goals")
    assert "Loaded the shipped catalogue into a new database: 16 goals, 26 published figures." in result.stderr
    rows = run.json("history", "homelessness", "--format", "json")
    assert [(r["year"], r["value"]) for r in rows] == HOMELESSNESS
    assert rows[-1]["source"] == "VIVE, Hjemløshed i Danmark 2024 (som gengivet af Ritzau, september 2024)"


def test_a_revised_figure_keeps_its_first_release_in_the_history(run):
    rows = [r for r in run.json("history", "drug-deaths", "--format", "json") if r["year"] in (2018, 2019)]
    assert [(r["year"], r["value"], r["source"], r["current"]) for r in rows] == [
        (2018, 252, "Rigspolitiets register, første udgivelse (2019)", False),
        (2018, 256, "Sundhedsstyrelsen (2020)", True),
        (2019, 265, "Sundhedsstyrelsen (2020)", False),
        (2019, 268, "Sundhedsstyrelsen (revideret, 2021)", True),
    ]
    table = [line for line in run("history", "drug-deaths").stdout.splitlines() if "2018" in line]
    assert len(table) == 2 and "252" in table[0] and "256" in table[1], table


def _status(run, as_of: int = 2026) -> dict[str, dict]:
    return {g["id"]: g for g in run.json("status", "--format", "json", "--as-of", str(as_of))["goals"]}


def test_homelessness_was_missed_on_the_2019_count_and_stands_at_5989_in_2024(run):
    g = _status(run)["homelessness"]
    assert g["verdict"] == "missed"
    assert g["verdict_basis"] == {"year": 2019, "value": 6431, "source": "VIVE, Hjemløshed i Danmark 2019", "flag": None}
    assert (g["latest"]["year"], g["latest"]["value"]) == (2024, 5989)
    assert g["distance"] == 1989  # 5,989 - 4,000
    assert g["distance_share"] == pytest.approx(1989 / 1290, abs=1e-5)
    assert g["progress_pct"] == pytest.approx(100 * 699 / -1290, abs=1e-5)  # -54.19 %
    assert g["required"] == 4000 and g["on_path"] is False  # past the target year the path is the target
    assert g["years_ahead"] == pytest.approx(2011 + 699 / (-1290 / 9) - 2024, abs=1e-5)  # -17.88
    observed = (5989 / 5290) ** (1 / 13) - 1
    required = (4000 / 5290) ** (1 / 9) - 1
    assert g["growth_ratio"] == pytest.approx(observed / required, abs=1e-5)  # -0.314
    assert g["category"] == "deterioration"
    # Least squares through 2011..2019 (the counts before 2011 and after 2020 stay out):
    # mean year 2015, mean 6,062.8, slope 6,194 / 40 = 154.85; at 2020: 6,062.8 + 5 x 154.85.
    assert g["projection"] == {"year": 2020, "value": pytest.approx(6837.05, abs=1e-6)}


def test_drug_deaths_were_missed_on_the_2020_figure(run):
    g = _status(run)["drug-deaths"]
    assert (g["verdict"], g["verdict_basis"]["year"], g["verdict_basis"]["value"]) == ("missed", 2020, 256)
    assert (g["latest"]["year"], g["latest"]["value"]) == (2022, 280)
    assert g["distance"] == 80 and g["distance_share"] == pytest.approx(80 / 85, abs=1e-5)
    assert g["progress_pct"] == pytest.approx(100 * 5 / 85, abs=1e-5)  # 5.88 %
    ratio = ((280 / 285) ** (1 / 11) - 1) / ((200 / 285) ** (1 / 9) - 1)
    assert g["growth_ratio"] == pytest.approx(ratio, abs=1e-5) and g["category"] == "limited_progress"  # 0.042
    # 2011..2020, ten points: mean 253.1, slope 186.5 / 82.5; at 2020: 253.1 + 4.5 x slope = 263.27.
    assert g["projection"]["value"] == pytest.approx(253.1 + 4.5 * 186.5 / 82.5, abs=1e-5)


def test_goals_whose_last_figure_is_too_old_have_no_verdict_but_keep_their_figures(run):
    goals = _status(run)
    placement, treatment = goals["placement-breakdown"], goals["drug-treatment-effect"]
    # 2010 is before the 2011 baseline: history only; the latest is 2013, seven years before 2020.
    assert (placement["verdict"], placement["verdict_basis"]["year"], placement["latest"]["value"]) == \
        ("unknown", 2013, 4.7)
    assert placement["progress_pct"] == pytest.approx(100 / 1.7, abs=1e-5)  # 58.82 %
    assert placement["category"] == "substantial_progress"  # observed -9.19 %/yr against required -3.86 %/yr
    # 2011..2013: mean 5.0333, slope -1.0 / 2 = -0.5 a year; at 2020: 5.0333 - 0.5 x 8 = 1.0333.
    assert placement["projection"]["value"] == pytest.approx((5.7 + 4.7 + 4.7) / 3 - 0.5 * 8, abs=1e-5)
    assert (treatment["verdict"], treatment["verdict_basis"]["year"]) == ("unknown", 2015)
    assert treatment["progress_pct"] == pytest.approx(60, abs=1e-5)
    assert treatment["projection"]["value"] == pytest.approx(61, abs=1e-6)  # 3 points a year from 2013


def test_the_status_table_tells_the_story_as_published(run):
    lines = run("status", "--as-of", "2026", "--wide").stdout.splitlines()
    homeless = next(line for line in lines if line.startswith("Homeless persons"))
    assert "5,989 (2024)" in homeless and "missed · 6,431 (2019)" in homeless and "−54 %" in homeless
    deaths = next(line for line in lines if line.startswith("Drug-related deaths"))
    assert "280 (2022)" in deaths and "missed · 256 (2020)" in deaths
    placement = next(line for line in lines if line.startswith("Placements that break down"))
    assert "4.7 % (2013)" in placement and "unknown · 2013 too old" in placement


def test_as_of_2016_shows_the_picture_as_it_stood_then(run):
    g = _status(run, 2016)["homelessness"]
    assert (g["latest"]["year"], g["latest"]["value"]) == (2015, 6138)
    assert g["verdict"] is None and g["verdict_basis"] is None  # before the deadline: no verdict yet


@pytest.mark.fresh_database
def test_an_older_database_gets_the_published_record_by_catalogue_sync(run, seed_catalogue, monkeypatch):
    """A database made before the record shipped holds the seed figures; `catalogue sync` adds the rest,
    keeping what is already there (the 2013 count keeps its earlier source)."""
    monkeypatch.setenv("GOALTRACK_CATALOGUE", str(seed_catalogue))
    run("goals")
    monkeypatch.delenv("GOALTRACK_CATALOGUE")
    result = run("catalogue", "sync")
    assert "21 published figures loaded" in result.stderr  # 26 shipped, 5 already there
    rows = run.json("history", "homelessness", "--format", "json")
    assert [(r["year"], r["value"]) for r in rows] == HOMELESSNESS
    assert rows[2]["source"] == "SFI national count 2013, quoted in Socialpædagogerne's input (2013)"
    again = run("catalogue", "sync")
    assert "0 published figures loaded" in again.stderr


def test_a_deleted_published_figure_stays_deleted_through_a_sync(run):
    run("delete", "homelessness", "--year", "2024", "--note", "checking the 2024 count")
    result = run("catalogue", "sync")
    assert "0 published figures loaded" in result.stderr
    g = _status(run)["homelessness"]
    assert (g["latest"]["year"], g["latest"]["value"]) == (2022, 5789)


@pytest.mark.fresh_database
def test_a_sync_keeps_the_users_figure_and_names_the_catalogues_revision(run, seed_catalogue, monkeypatch):
    monkeypatch.setenv("GOALTRACK_CATALOGUE", str(seed_catalogue))
    run("record", "drug-deaths", "252", "--year", "2018", "--source", "Rigspolitiet 2019")
    monkeypatch.delenv("GOALTRACK_CATALOGUE")
    result = run("catalogue", "sync")
    assert ("  kept: drug-deaths DK 2018 is 252 here; the catalogue has 256 (Sundhedsstyrelsen (2020)); to take it: "
            "goaltrack record drug-deaths 256 --year 2018 --scope DK --replace --source …") in result.stderr
    assert "kept: drug-deaths DK 2012" not in result.stderr  # 210 here and in the catalogue: nothing to say
    rows = [r for r in run.json("history", "drug-deaths", "--format", "json") if r["year"] == 2018]
    assert [(r["value"], r["current"]) for r in rows] == [(252, True)]  # never overwritten by a sync
