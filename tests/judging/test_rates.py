"""Rates per 100,000 inhabitants (method v3): compare holds every scope to the nation's target as a rate.

The figures are worked by hand. Drug-related deaths: the nation 285 in 2011 and at most 200 by 2020;
population (invented round figures for the test): Denmark 5,560,628 (2011) and 5,822,763 (2020), so the
target is 200 × 100,000 / 5,822,763 = 3.4348 per 100,000 and the baseline 285 × 100,000 / 5,560,628 =
5.1253. Høje-Taastrup (169) 3 → 2 deaths of 48,000 → 50,000 inhabitants: 6.25 → 4.0; Ærø (492) 0 → 0
of 6,800 → 6,100: 0 → 0; København (101) 60 → 45, with a population for 2011 only: 11.11, and its 2020
figure left out. As counts, Høje-Taastrup's 2 meets its scaled target (3 × 200/285 = 2.1) and ranks
first; as rates, 4.0 misses the national 3.43 and Ærø ranks first.
"""

from __future__ import annotations

import pytest

from goaltrack.domain.progress import Point
from goaltrack.domain.rates import national_rates, per_inhabitants, rate

approx = pytest.approx
DK_2011, DK_2020 = 5_560_628, 5_822_763
TARGET_RATE = 200 * 100_000 / DK_2020  # 3.4348


def test_a_rate_is_per_100000_of_the_same_year():
    assert rate(900, 600_000) == 150.0
    points = [Point(2011, 3, "a", "P"), Point(2015, 7), Point(2020, 2, "b")]
    rated, left = per_inhabitants(points, {2011: 48_000, 2020: 50_000, 2015: 0})
    assert rated == [Point(2011, 6.25, "a", "P"), Point(2020, 4.0, "b")]  # source and flag kept
    assert left == 1  # 2015: a population of 0 is no population


def test_the_nations_baseline_and_target_as_rates_need_their_years():
    population = {2011: DK_2011, 2020: DK_2020}
    assert national_rates((2011, 285), (2020, 200), population) == (
        approx(285e5 / DK_2011), approx(TARGET_RATE))
    assert national_rates((2011, 285), (2020, None), population) == (approx(285e5 / DK_2011), None)
    assert national_rates((2011, 285), (2021, 200), population) is None
    assert national_rates((2010, 285), (2020, 200), population) is None
    assert national_rates((None, None), (2020, 200), population) == (None, approx(TARGET_RATE))


@pytest.fixture
def deaths(run, tmp_path):
    path = tmp_path / "deaths.csv"
    path.write_text("goal,scope,year,value\n"
                    "drug-deaths,169,2011,3\ndrug-deaths,169,2020,2\n"
                    "drug-deaths,492,2011,0\ndrug-deaths,492,2020,0\n"
                    "drug-deaths,101,2011,60\ndrug-deaths,101,2020,45\n"
                    "drug-deaths,1084,2011,100\ndrug-deaths,1084,2020,90\n")
    run("import", str(path))
    return run


def load_population(run, tmp_path, published: str = "2021-02-11"):
    path = tmp_path / "folk1am.csv"
    path.write_text("OMRÅDE;TID;INDHOLD;offentliggjort\n"
                    f"DK;2011;{DK_2011};2012-02-11\nDK;2020;{DK_2020};{published}\nDK;2021;5840045;2022-02-11\n"
                    f"169;2011;48000;2012-02-11\n169;2020;50000;{published}\n"
                    f"492;2011;6800;2012-02-11\n492;2020;6100;{published}\n"
                    "101;2011;540000;2012-02-11\n"
                    f"1084;2011;1700000;2012-02-11\n1084;2020;1850000;{published}\n")
    out = run("import", str(path), "--goal", "population")
    assert "10 new" in out.stderr


def test_compare_ranks_rates_where_population_figures_exist(deaths, tmp_path):
    counted = deaths.json("compare", "drug-deaths", "--as-of", "2021", "--format", "json")
    assert counted["rates"] is None
    assert [(s["scope"], s["rank"]) for s in counted["scopes"]] == [
        ("169", 1), ("492", 2), ("101", 3), ("1084", 1), ("DK", None)]
    load_population(deaths, tmp_path)
    data = deaths.json("compare", "drug-deaths", "--as-of", "2021", "--format", "json")
    assert data["rates"] == {"per": 100_000, "population": "population", "target": approx(TARGET_RATE, abs=1e-6),
                             "target_population_year": 2020, "left_out": 2}  # København 2020, the nation's 2012
    scopes = {s["scope"]: s for s in data["scopes"]}
    assert [(s["scope"], s["rank"], s["group"]) for s in data["scopes"]] == [
        ("492", 1, "municipality"), ("169", 2, "municipality"), ("101", None, "municipality"),
        ("1084", 1, "region"), ("DK", None, "reference")]
    assert scopes["169"]["latest"]["value"] == 4.0 and scopes["169"]["baseline"]["value"] == 6.25
    assert scopes["169"]["target"]["value"] == approx(TARGET_RATE, abs=1e-6)
    assert scopes["169"]["category"] == "moderate_progress"  # 6.25 → 4.0 against 3.43: not achieved
    assert scopes["169"]["verdict"] == "missed"
    assert scopes["492"]["verdict"] == "met"
    assert scopes["101"]["latest"] == {"year": 2011, "value": approx(60e5 / 540_000, abs=1e-6), "source": None,
                                       "flag": None}
    assert scopes["1084"]["latest"]["value"] == approx(90e5 / 1_850_000, abs=1e-6)  # 4.86: missed
    assert scopes["DK"]["baseline"]["value"] == approx(285e5 / DK_2011, abs=1e-6)
    assert scopes["DK"]["unit"] == "rate"


def test_the_rate_table_says_what_it_compares(deaths, tmp_path):
    load_population(deaths, tmp_path)
    table = deaths("compare", "drug-deaths", "--as-of", "2021", "--wide").stdout
    assert "Drug-related deaths per year per 100,000 inhabitants" in table
    assert table.index("Ærø") < table.index("Høje-Taastrup") < table.index("København")
    assert "6.25 (2011)" in table and "4 (2020)" in table and "≤ 3.43 (2020)" in table
    assert ("Rates per 100,000 inhabitants: each figure over the population (population) of its scope and year; "
            "the target, 3.43, is Denmark's over its population in 2020.") in " ".join(table.split())
    assert "Figures left out for want of a population figure of their scope and year: 2." in table
    assert "Counts, not rates" not in table
    danish = " ".join(deaths("compare", "drug-deaths", "--as-of", "2021", "--wide", "--lang", "da").stdout.split())
    assert "Narkorelaterede dødsfald om året pr. 100.000 indbyggere" in danish
    assert "målsætningen, 3,43, er Danmarks delt med befolkningen i 2020." in danish


def test_counts_when_asked_or_when_the_nation_has_no_population(deaths, tmp_path):
    table = " ".join(deaths("compare", "drug-deaths", "--as-of", "2021", "--wide").stdout.split())
    assert "Counts, not rates: scopes of different populations are not like for like." in table
    assert "No rates: population has no figure for Denmark in the baseline year or by the target year." in table
    load_population(deaths, tmp_path)
    asked = deaths.json("compare", "drug-deaths", "--as-of", "2021", "--counts", "--format", "json")
    assert asked["rates"] is None and asked["scopes"][0]["scope"] == "169"
    assert "Counts, as asked (--counts)." in deaths("compare", "drug-deaths", "--counts", "--wide").stdout
    # Known at a day before the 2020 population was published: the target year's population is not
    # known, so the target is divided by the latest population before it (2011), and said so.
    before = deaths.json("compare", "drug-deaths", "--as-of", "2021", "--known-at", "2021-01-01", "--format", "json")
    assert before["rates"]["target_population_year"] == 2011
    assert before["rates"]["target"] == approx(200e5 / DK_2011, abs=1e-6)
    # Percent goals are never turned into rates.
    assert deaths.json("compare", "placement-breakdown", "--format", "json")["rates"] is None


def test_a_target_year_ahead_of_the_population_uses_the_latest_before_it(deaths, tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text(f"goal,scope,year,value\npopulation,DK,2011,{DK_2011}\npopulation,DK,2019,5800000\n"
                    "population,DK,2022,5900000\npopulation,169,2020,50000\n")  # 2022: after the target year
    deaths("import", str(path))
    data = deaths.json("compare", "drug-deaths", "--as-of", "2021", "--format", "json")
    assert data["rates"]["target_population_year"] == 2019
    assert data["rates"]["target"] == approx(200e5 / 5_800_000, abs=1e-6)
    # Scopes whose every figure lacks a population are not compared; the one 2020 rate is.
    assert [s["scope"] for s in data["scopes"]] == ["169", "DK"]
    # 169's 2011; Ærø's two, København's two, the region's two; the nation's 2012 (the seed's 210)
    assert data["rates"]["left_out"] == 8


def test_the_catalogue_names_its_population_indicator():
    from goaltrack.catalogue import parse_catalogue
    from goaltrack.errors import GoaltrackError

    goal = ("goals:\n  - id: deaths\n    title: {en: D, da: D}\n    unit: persons\n    direction: decrease\n"
            "    baseline: {year: 2011, value: 285}\n")
    assert parse_catalogue("population: folk1am\n" + goal, "c.yaml").population == "folk1am"
    assert parse_catalogue(goal, "c.yaml").population is None
    for value, why in (("deaths", "c.yaml:1: the catalogue's population 'deaths' is the indicator of goal 'deaths'; "
                                  "name an indicator of inhabitants, e.g. population"),
                       ("Folk 1A", "c.yaml:1: the catalogue's population: indicator 'Folk 1A' must be lowercase "
                                   "letters, digits and '-'")):
        with pytest.raises(GoaltrackError) as caught:
            parse_catalogue(f"population: {value}\n" + goal, "c.yaml")
        assert [p.where("c.yaml") for p in caught.value.problems] == [why]
    with pytest.raises(GoaltrackError):  # a rate is derived, never a catalogue's unit
        parse_catalogue(goal.replace("persons", "rate"), "c.yaml")


def test_population_figures_go_out_with_an_export_and_come_back(deaths, tmp_path):
    load_population(deaths, tmp_path)
    exported = deaths("export").stdout
    assert exported.count("\npopulation,") == 10
    assert "population,169,2020,50000," in exported
    assert deaths("export", "population").stdout.count("\npopulation,") == 10
    assert "population" not in deaths("export", "drug-deaths").stdout
    copy = tmp_path / "copy.csv"
    copy.write_text(exported)
    rows = exported.count("\n") - 1
    again = deaths("import", str(copy), "--replace")
    assert f"Imported {copy}: {rows} rows; 0 new, 0 replaced, {rows} unchanged." in " ".join(again.stderr.split())


def test_a_region_without_its_own_population_takes_its_municipalities_sum(run, tmp_path):
    """Region Nordjylland (1081) has 11 municipalities; each 1 death in 2011 and 2020 of 10,000 and
    then 12,500 inhabitants (the last of them 0 deaths in 2020): the region sums 11 → 10 deaths of
    110,000 → 137,500 inhabitants, 10 → 7.27 per 100,000."""
    from goaltrack.catalogue import parse_catalogue
    from goaltrack.catalogue.loading import shipped_catalogue_path

    members = [s.code for s in parse_catalogue(shipped_catalogue_path().read_text(encoding="utf-8"), "g").scopes
               if s.parent == "1081"]
    assert len(members) == 11
    lines = [f"population,DK,2011,{DK_2011}", f"population,DK,2020,{DK_2020}"]
    for n, code in enumerate(members):
        lines += [f"drug-deaths,{code},2011,1", f"drug-deaths,{code},2020,{0 if n == 10 else 1}",
                  f"population,{code},2011,10000", f"population,{code},2020,12500"]
    path = tmp_path / "nordjylland.csv"
    path.write_text("goal,scope,year,value\n" + "\n".join(lines) + "\n")
    run("import", str(path))
    data = run.json("compare", "drug-deaths", "--kind", "region", "--as-of", "2021", "--format", "json")
    region = next(s for s in data["scopes"] if s["scope"] == "1081")
    assert region["baseline"]["value"] == 10.0
    assert region["latest"]["value"] == approx(10e5 / 137_500, abs=1e-6)
    assert (region["rank"], data["rates"]["left_out"]) == (1, 1)  # the nation's 2012 figure


def test_compares_messages_follow_the_language(run, tmp_path):
    assert run("compare", "drug-deaths", "--as-of", "2008").stderr == \
        "No scope has a figure for drug-deaths up to 2008: nothing to compare.\n"
    assert run("compare", "drug-deaths", "--as-of", "2008", "--lang", "da").stderr == \
        "Intet område har et tal for drug-deaths til og med 2008: intet at sammenligne.\n"
    book = tmp_path / "c.xlsx"
    assert run("compare", "drug-deaths", "--format", "xlsx", "--output", str(book), "--lang", "da").stderr == \
        f"Skrev {book}: 1 område.\n"
    assert run("compare", "drug-deaths", "--format", "xlsx", "--output", str(book)).stderr == f"Wrote {book}: 1 scope.\n"



def test_a_relative_target_is_the_nations_baseline_rate_changed(run, tmp_path):
    """A set of its own: persons, 1,000 in 2011 among 1,000,000 inhabitants (100 per 100,000), 30 %
    fewer by 2020 (a change, no level): the target is 70 per 100,000, whatever the 2020 population.
    Aarhus (751) 90 of 100,000 → 60 of 100,000: 90 → 60, achieved; Odense (461) 50 of 50,000 → 45 of
    50,000: 100 → 90, not; a direction-only goal gets rates without a target."""
    catalogue = tmp_path / "ours.yaml"
    catalogue.write_text(
        "id: ours\npopulation: inhabitants\ngoals:\n"
        "  - {id: lonely, title: {en: Lonely, da: Ensomme}, unit: persons, direction: decrease,\n"
        "     baseline: {year: 2011, value: 1000}, target: {year: 2020, change_pct: -30}}\n"
        "  - {id: alone, title: {en: Alone, da: Alene}, unit: persons, direction: decrease}\n")
    run("catalogue", "sync", str(catalogue))
    path = tmp_path / "figures.csv"
    path.write_text("goal,scope,year,value\ninhabitants,DK,2011,1000000\ninhabitants,DK,2020,1200000\n"
                    "ours/lonely,751,2011,90\nours/lonely,751,2020,60\nours/lonely,461,2011,50\n"
                    "ours/lonely,461,2020,45\ninhabitants,751,2011,100000\ninhabitants,751,2020,100000\n"
                    "inhabitants,461,2011,50000\ninhabitants,461,2020,50000\n"
                    "ours/alone,751,2020,5\nours/alone,461,2020,5\n")
    run("import", str(path))
    data = run.json("compare", "ours/lonely", "--as-of", "2021", "--format", "json")
    assert data["rates"] == {"per": 100_000, "population": "inhabitants", "target": approx(70),
                             "target_population_year": None, "left_out": 0}
    scopes = {s["scope"]: s for s in data["scopes"]}
    assert [s["scope"] for s in data["scopes"]] == ["751", "461", "DK"]
    assert scopes["751"]["latest"]["value"] == 60 and scopes["751"]["achieved"] is True
    assert scopes["461"]["latest"]["value"] == 90 and scopes["461"]["achieved"] is False
    assert scopes["DK"]["baseline"]["value"] == 100 and scopes["DK"]["target"]["value"] == approx(70)
    alone = run.json("compare", "ours/alone", "--as-of", "2021", "--format", "json")
    assert alone["rates"]["target"] is None
    assert {s["scope"]: s["latest"]["value"] for s in alone["scopes"]} == {"751": 5, "461": 10}
    table = " ".join(run("compare", "ours/alone", "--as-of", "2021", "--wide").stdout.split())
    assert "Rates per 100,000 inhabitants: each figure over the population (inhabitants) of its scope and year." \
        in table
