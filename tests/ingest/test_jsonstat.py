"""JSON-stat in, as Statistics Denmark's API (the 1.x bundle) and PxWeb (json-stat2) send it: codes and
labels to scopes, the starred year and statuses to flags, null to withheld, the source and updated day;
cubes that are no figure file refused once, naming the dimension, the database unchanged."""

from __future__ import annotations

import json

import pytest

from tests.conftest import dump


def _dimension(label: str, codes: list[str], labels: dict[str, str] | None = None, as_list: bool = False) -> dict:
    index = codes if as_list else {c: i for i, c in enumerate(codes)}
    return {"label": label, "category": {"index": index, "label": labels or {c: c for c in codes}}}


def bundle(values: list, areas: dict[str, str], years: list[str], extra: dict | None = None,
           updated: str = "2024-02-12T08:00:00Z") -> dict:
    """A 1.x bundle as StatBank's JSONSTAT: id, size and role inside the dimensions."""
    dims = {"OMRÅDE": _dimension("område", list(areas), areas), "Tid": _dimension("tid", years),
            "ContentsCode": _dimension("indhold", ["HJEM"], {"HJEM": "Hjemløse"})}
    dims.update(extra or {})
    ids = list(dims)
    dims.update({"id": ids, "size": [len(dims[i]["category"]["index"]) for i in ids],
                 "role": {"time": ["Tid"], "geo": ["OMRÅDE"], "metric": ["ContentsCode"]}})
    return {"dataset": {"dimension": dims, "label": "Hjemløse efter område og tid", "source": "Danmarks Statistik",
                        "updated": updated, "value": values}}


@pytest.fixture
def ready(run, db_path):
    run("goals")
    return db_path


def current(run, goal: str, scopes: set[str]) -> dict:
    return {(r["scope"], r["year"]): (r["value"], r["flag"], r["source"], r["published"])
            for r in run.json("history", goal, "--format", "json") if r["current"] and r["scope"] in scopes}


def test_statbank_bundle_codes_star_and_withheld(run, ready, tmp_path):
    """000 is all Denmark, 084 Region Hovedstaden, 101 København; 2022* is provisional; null withheld."""
    path = tmp_path / "HJEM.json"
    areas = {"000": "Hele landet", "084": "Region Hovedstaden", "101": "København"}
    path.write_text(json.dumps(bundle([5789, 5800, 2100, None, 1100, 1050], areas, ["2022", "2023*"])),
                    encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness")
    assert out.stderr == (f"Imported {path}: 5 rows; 5 new, 0 replaced, 0 unchanged (1 cell withheld or empty).\n")
    source = "Danmarks Statistik"
    assert current(run, "homelessness", {"1084", "101"}) == {
        ("1084", 2022): (2100, None, source, "2024-02-12"),
        ("101", 2022): (1100, None, source, "2024-02-12"),
        ("101", 2023): (1050, "P", source, "2024-02-12")}
    assert current(run, "homelessness", {"DK"})[("DK", 2023)] == (5800, "P", source, "2024-02-12")


def test_pxweb_jsonstat2_sparse_values_status_and_table(run, ready, tmp_path):
    """version 2.0: id and size beside the dimensions, an index as a list, values as an object with
    gaps, a status per cell, the table id from extension.px; no role: the names say time and area."""
    doc = {"version": "2.0", "class": "dataset", "label": "x", "source": "Statistics Denmark",
           "updated": "2023-05-01T00:00:00Z", "id": ["Region", "Tid"], "size": [2, 3],
           "dimension": {"Region": _dimension("region", ["147", "K751"], {"147": "Frederiksberg",
                                                                        "K751": "Aarhus"}, as_list=True),
                         "Tid": _dimension("time", ["2019", "2020", "2021"])},
           "value": {"0": 300, "1": 290, "3": 520, "5": 510}, "status": {"1": "P", "5": "E", "2": ".."},
           "extension": {"px": {"tableid": "HJEM1"}}}
    path = tmp_path / "px.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness")
    assert "4 rows; 4 new" in out.stderr and "(2 cells withheld or empty)" in out.stderr
    source = "Statistics Denmark, HJEM1"
    assert current(run, "homelessness", {"147", "751"}) == {
        ("147", 2019): (300, None, source, "2023-05-01"), ("147", 2020): (290, "P", source, "2023-05-01"),
        ("751", 2019): (520, None, source, "2023-05-01"), ("751", 2021): (510, "E", source, "2023-05-01")}


def test_a_dataset_without_source_or_day_takes_the_options(run, ready, tmp_path):
    """--source and --published fill what a dataset does not give, and never replace what it gives."""
    doc = bundle([1100], {"101": "København"}, ["2022"])
    del doc["dataset"]["source"], doc["dataset"]["updated"]
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness", "--source", "VIVE via StatBank", "--published", "2024-03-01")
    assert current(run, "homelessness", {"101"}) == {("101", 2022): (1100, None, "VIVE via StatBank", "2024-03-01")}
    path.write_text(json.dumps(bundle([1200], {"147": "Frederiksberg"}, ["2022"])), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness", "--source", "VIVE via StatBank", "--published", "2024-03-01")
    assert current(run, "homelessness", {"147"}) == {("147", 2022): (1200, None, "Danmarks Statistik", "2024-02-12")}


@pytest.mark.parametrize(("doc", "message"), [
    (bundle([1, 2, 3, 4], {"101": "København"}, ["2022"],
            {"KØN": _dimension("køn", ["M", "K", "TOT", "X"], {"M": "Mænd", "K": "Kvinder", "TOT": "I alt",
                                                            "X": "Uoplyst"})}),
     "dataset 'dataset': dimension 'KØN' (køn) has 4 categories (Mænd, Kvinder, I alt, Uoplyst); a figure file "
     "has one figure a scope and year: ask for one of them"),
    (bundle([1, 2], {"101": "København"}, ["2022K1", "2022K2"]),
     "dataset 'dataset': time '2022K1' is a quarter or month, not a year; goaltrack takes yearly figures "
     "(choose the yearly series)"),
    (bundle([1, 2, 3], {"101": "København"}, ["2021", "2022"]),
     "dataset 'dataset': 3 values for 2 cells (1 × 2 × 1)"),
])
def test_cubes_that_are_no_figure_file_are_refused_once(run, ready, tmp_path, doc, message):
    path = tmp_path / "cube.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = dump(ready)
    lines = run.fails("import", str(path), "--goal", "homelessness").stderr.splitlines()
    assert lines == [f"Error: {path} {message}"]
    assert dump(ready) == before


def test_a_table_without_goal_names_the_option(run, ready, tmp_path):
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(bundle([1100], {"101": "København"}, ["2022"])), encoding="utf-8")
    assert run.fails("import", str(path)).stderr == (
        f"Error: {path} is a JSON-stat table, which names no goal: add --goal GOAL\n")


def test_labels_stand_in_for_unknown_codes_and_a_subtotal_is_refused(run, ready, tmp_path):
    """An area code goaltrack does not know is read by its label; "I alt" is no scope: refused, naming it."""
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(bundle([1100, 1400], {"K101": "København", "T": "I alt"}, ["2022"])),
                    encoding="utf-8")
    before = dump(ready)
    lines = run.fails("import", str(path), "--goal", "homelessness").stderr.splitlines()
    assert lines == [f"Error: 1 problem in {path}",
                     f"  {path}: OMRÅDE=T (cell 2): 'I alt' is a total of the rows it stands with, not a scope "
                     "goaltrack can name: write 'Hele landet' if it is all of Denmark, or leave the row out"]
    assert dump(ready) == before
    path.write_text(json.dumps(bundle([1100], {"K101": "København"}, ["2022"])), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness")
    assert current(run, "homelessness", {"101"}) == {("101", 2022): (1100, None, "Danmarks Statistik", "2024-02-12")}


def test_a_figure_published_again_later_is_unchanged_and_keeps_its_first_day(run, ready, tmp_path):
    """Fetching the same table after its next update: the figures it held already are unchanged (their
    first publication is when they became known), not re-released."""
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(bundle([1100], {"101": "København"}, ["2022"])), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness")
    path.write_text(json.dumps(bundle([1100], {"101": "København"}, ["2022"], updated="2025-02-12T08:00:00Z")),
                    encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness")
    assert "1 row; 0 new, 0 replaced, 1 unchanged" in out.stderr
    assert current(run, "homelessness", {"101"}) == {("101", 2022): (1100, None, "Danmarks Statistik", "2024-02-12")}


def test_an_area_dimension_of_any_name_is_found_by_its_categories(run, ready, tmp_path):
    """A dimension neither its role nor a known name reveals, whose every category is a scope, is the
    area: never dropped, as if the figure were the nation's (084 stored as DK before)."""
    doc = bundle([2600], {"084": "Region Hovedstaden"}, ["2023"])
    dims = doc["dataset"]["dimension"]
    dims["XOMR"] = dims.pop("OMRÅDE")
    dims["id"] = ["XOMR", "Tid", "ContentsCode"]
    del dims["role"]["geo"]
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness")
    assert current(run, "homelessness", {"1084"}) == {("1084", 2023): (2600, None, "Danmarks Statistik",
                                                                   "2024-02-12")}
    assert ("DK", 2023) not in current(run, "homelessness", {"DK"})


def test_code_and_label_must_agree(run, ready, tmp_path):
    path = tmp_path / "HJEM.json"
    before = dump(ready)
    for areas, shown in (({"101": "Aarhus"}, "101 Aarhus"), ({"999": "København"}, "999 København")):
        path.write_text(json.dumps(bundle([1100], areas, ["2022"])), encoding="utf-8")
        lines = run.fails("import", str(path), "--goal", "homelessness").stderr.splitlines()
        assert lines[1].startswith(f"  {path}: cell 1: unknown scope {shown!r}")
        assert dump(ready) == before


def test_a_break_flag_survives_and_a_magnitude_of_zero_is_a_zero(run, ready, tmp_path):
    """Only a provisional or estimated flag is cleared by a final figure: re-released with the table's
    source, a break in series keeps its flag; PX's status '-' with a value is that value, not a
    withheld cell."""
    run("record", "homelessness", "1100", "--year", "2022", "--scope", "101", "--flag", "B", "--source", "VIVE",
        "--published", "2024-01-10")
    doc = bundle([1100, 0], {"101": "København", "825": "Læsø"}, ["2022"])
    doc["dataset"]["status"] = {"1": "-"}
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    out = run("import", str(path), "--goal", "homelessness")
    assert "2 rows; 1 new" in out.stderr and "withheld" not in out.stderr
    got = current(run, "homelessness", {"101", "825"})
    assert got[("101", 2022)][1] == "B" and got[("825", 2022)][0] == 0


def test_an_older_release_does_not_replace_a_newer_one(run, ready, tmp_path):
    run("record", "homelessness", "6100", "--year", "2023", "--scope", "101", "--source", "VIVE",
        "--published", "2024-05-01")
    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(bundle([6000], {"101": "København"}, ["2023"])), encoding="utf-8")
    before = dump(ready)
    lines = run.fails("import", str(path), "--goal", "homelessness", "--replace").stderr.splitlines()
    assert lines[1] == (f"  {path}: cell 1: homelessness 101 2023: 6000 was published 2024-02-12, before the "
                        "recorded 6100 (2024-05-01): an older release does not replace a newer one")
    assert dump(ready) == before


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: d["dimension"]["Tid"]["category"].update(index={"2022": 0, "2023": "1"}),
     "dimension 'Tid': its category index must number the categories 0 to 1, each once"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index={"2022": 1, "2023": 1}),
     "dimension 'Tid': its category index must number the categories 0 to 1, each once"),
    (lambda d: d["dimension"]["Tid"]["category"].update(index=["2022", ["2023"]]),
     "dimension 'Tid': its category index must list each code once"),
    (lambda d: d.update(status=5), "'status' must be a text, a list or an object, not int"),
    (lambda d: d.update(value={"0": 1, "9": 2}), "the values name cells that are not there (the cube has 2)"),
    (lambda d: d["dimension"].update(id=[["OMRÅDE"], "Tid", "ContentsCode"]),
     "the dimensions' 'id' must list each dimension's name once"),
    (lambda d: d["dimension"]["Tid"].update(category=None), "dimension 'Tid' has no categories"),
    (lambda d: d["dimension"].update(size=["a", 2, 1]), "dimension 'OMRÅDE' has 1 categories, its size says -1"),
])
def test_malformed_tables_are_one_error_line(run, ready, tmp_path, change, message):
    doc = bundle([1, 2], {"101": "København"}, ["2022", "2023"])
    change(doc["dataset"])
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    before = dump(ready)
    err = run.fails("import", str(path), "--goal", "homelessness").stderr
    assert message in err and len(err.splitlines()) == 1 and "unexpected" not in err
    assert dump(ready) == before


def _stated(doc: dict, **unit) -> dict:
    """The bundle with its measure's unit stated ({"base": "Antal", "decimals": 0}) as StatBank and PxWeb do."""
    contents = doc["dataset"]["dimension"]["ContentsCode"]["category"]
    contents["unit"] = {code: {"decimals": 0, **unit} for code in contents["index"]}
    return doc


LONG_UNIT = "Antal (1.000 personer), opgjort som et gennemsnit af ugerne i hele opgørelsesperioden"  # cut at 60


@pytest.mark.parametrize(("goal", "unit", "said"), [
    ("homelessness", {"base": "1.000 personer"}, "'1.000 personer': figures scaled by a power of ten (thousands, millions), not persons"),
    ("homelessness", {"base": "Antal", "multiplier": 3}, "'× 10^3': figures scaled by a power of ten (thousands, millions), not persons"),
    ("homelessness", {"base": "Pr. 1.000 indbyggere"}, "'Pr. 1.000 indbyggere': a rate, not persons"),
    ("homelessness", {"base": "Procent"}, "'Procent': a percent, not persons"),
    ("homelessness", {"label": "per 100,000 inhabitants"}, "'per 100,000 inhabitants': a rate, not persons"),
    ("placement-breakdown", {"base": "Antal"}, "'Antal': a count, not a percent"),
    ("placement-breakdown", {"base": "Promille"}, "'Promille': a rate, not a percent"),
    ("placement-breakdown", {"base": "number", "symbol": "‰"}, "'number': a count, not a percent"),
    ("placement-breakdown", {"symbol": "‰"}, "'‰': a rate, not a percent"),
    ("placement-breakdown", {"base": "Indeks (2015=100)"}, "'Indeks (2015=100)': an index, not a percent"),
    ("placement-breakdown", {"base": "År"}, "'År': years, not a percent"),
    ("homelessness", {"label": "Per cent of persons"}, "'Per cent of persons': a percent, not persons"),
    ("homelessness", {"base": "Pr. 100 indbyggere"}, "'Pr. 100 indbyggere': a percent, not persons"),
    ("homelessness", {"base": "Antal år"}, "'Antal år': years, not persons"),
    ("excess-mortality-men", {"base": "Index"}, "'Index': an index, not years"),
    ("excess-mortality-men", {"base": "Procent"}, "'Procent': a percent, not years"),
    ("homelessness", {"base": "Kvinder's 1.000"}, """"Kvinder's 1.000": figures scaled by a power of ten (thousands, """
     "millions), not persons"),
    ("excess-mortality-men", {"base": "1.000 år"}, "'1.000 år': figures scaled by a power of ten (thousands, millions), not years"),
    ("school-reading", {"base": "Antal", "multiplier": -3}, "'× 10^-3': figures scaled by a power of ten (thousands, millions), not points"),
    ("homelessness", {"base": LONG_UNIT}, f"{LONG_UNIT[:60]!r}: figures scaled by a power of ten (thousands, millions), not persons"),
])
def test_a_stated_unit_the_goal_does_not_hold_is_refused(run, ready, tmp_path, goal, unit, said):
    """A table in thousands, a rate, or a count for a percent goal would be stored wrong without a word."""
    path = tmp_path / "table.json"
    value = 21 if goal == "homelessness" else 2.1
    path.write_text(json.dumps(_stated(bundle([value], {"101": "København"}, ["2022"]), **unit)), encoding="utf-8")
    before = dump(ready)
    assert run.fails("import", str(path), "--goal", goal).stderr == (
        f"Error: {path}: its unit is {said} as {goal} is measured; ask for the table in the goal's unit (--force "
        "if the stated unit is wrong)\n")
    assert dump(ready) == before
    run("import", str(path), "--goal", goal, "--force")
    assert current(run, goal, {"101"})[("101", 2022)][0] == value


@pytest.mark.parametrize(("goal", "unit", "value"), [
    ("homelessness", {"base": "Antal"}, 1100),
    ("homelessness", {"base": "personer", "label": "Hjemløse"}, 1100),
    ("homelessness", {"base": "Antal", "multiplier": 0}, 1100),
    ("homelessness", {"base": "Pr. 1. januar"}, 1100),  # a day, not a rate: nothing known is stated
    ("placement-breakdown", {"base": "Procent"}, 4.6),
    ("placement-breakdown", {"base": "pct."}, 4.6),
    ("placement-breakdown", {"symbol": "%"}, 4.6),
    ("school-reading", {"base": "Procent"}, 4.6),  # points: any unit but a scaled one may be theirs
    ("school-reading", {"base": "Antal"}, 4.6),
    ("school-reading", {"base": "Point (0-1000)"}, 4.6),  # a range, not thousands
    ("school-reading", {"base": "Point (0 - 1000)"}, 4.6),
    ("placement-breakdown", {"label": "Per cent of persons"}, 4.6),
    ("placement-breakdown", {"base": "Pct. af befolkningen"}, 4.6),
    ("placement-breakdown", {"base": "Personer pr. 100 indbyggere"}, 4.6),
    ("excess-mortality-men", {"base": "År"}, 4.6),
    ("excess-mortality-men", {"base": "Antal år"}, 4.6),
    ("homelessness", {"base": "Personer pr. år"}, 1100),
    ("homelessness", {"base": "Personer 31. december 2010"}, 1100),
])
def test_a_stated_unit_the_goal_holds_goes_in(run, ready, tmp_path, goal, unit, value):
    path = tmp_path / "table.json"
    path.write_text(json.dumps(_stated(bundle([value], {"101": "København"}, ["2022"]), **unit)), encoding="utf-8")
    run("import", str(path), "--goal", goal)
    assert current(run, goal, {"101"})[("101", 2022)][0] == value


@pytest.mark.parametrize(("unit", "said"), [
    ("Antal", "'Antal': et antal, ikke en procentdel"),
    ("Indeks", "'Indeks': et indeks, ikke en procentdel"),
    ("Kvinder's 1.000", """"Kvinder's 1.000": tal skaleret med en tierpotens (tusinder, millioner), ikke en procentdel"""),
])
def test_a_stated_unit_refused_in_danish(run, ready, tmp_path, unit, said):
    path = tmp_path / "table.json"
    path.write_text(json.dumps(_stated(bundle([21], {"101": "København"}, ["2022"]), base=unit)), encoding="utf-8")
    result = run("--lang", "da", "import", str(path), "--goal", "placement-breakdown", ok=False)
    assert result.exit_code == 1 and result.stderr == (
        f"Fejl: {path}: dens enhed er {said}, som placement-breakdown måles i; bed om "
        "tabellen i målets enhed (--force hvis den angivne enhed er forkert)\n")


def test_a_figure_out_of_line_is_named_by_its_cell(run, ready, tmp_path):
    """The plausibility check names a JSON-stat cell as the reader does, not as a JSON record."""
    from goaltrack.ingest.blocks import line_number, line_text

    path = tmp_path / "HJEM.json"
    path.write_text(json.dumps(bundle([1100, 1150, 11, 1200], {"101": "København"}, ["2019", "2020", "2021", "2022"])),
                    encoding="utf-8")
    before = dump(ready)
    assert run.fails("import", str(path), "--goal", "homelessness").stderr.splitlines()[1] == (
        f"  {path}: cell 3: homelessness 101 2021: 11 is far out of line with the figures beside it (1100 in 2019, "
        "1150 in 2020, 1200 in 2022); check the figure, or use --force to record it anyway")
    assert dump(ready) == before
    for where, shown in [("12", "12"), ("record 3", "record 3"), ("cell 3", "cell 3"),
                         ("OMRÅDE=101 Tid=2021 (cell 2000000)", "cell 2000000"), ("record 2000000", "record 2000000")]:
        assert line_text(line_number(where)) == shown


def test_a_unit_stated_for_a_category_the_table_does_not_hold_is_not_its_own(run, ready, tmp_path):
    doc = bundle([1100], {"101": "København"}, ["2022"])
    doc["dataset"]["dimension"]["ContentsCode"]["category"]["unit"] = {
        "HJEM1000": {"base": "1.000 personer"}, "HJEM": {"base": "Antal", "multiplier": 0}, "X": "not a unit"}
    path = tmp_path / "table.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    run("import", str(path), "--goal", "homelessness")
    assert current(run, "homelessness", {"101"})[("101", 2022)][0] == 1100


def test_every_category_s_stated_unit_counts(run, ready, tmp_path):
    """Units stated on a dimension of several categories (here each year): the first year's thousands are
    not hidden by the second year's count."""
    doc = bundle([1100, 1200], {"101": "København"}, ["2021", "2022"])
    doc["dataset"]["dimension"]["Tid"]["category"]["unit"] = {"2021": {"base": "1.000 personer"}, "2022": {"base": "Antal"}}
    path = tmp_path / "table.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert "its unit is '1.000 personer'" in run.fails("import", str(path), "--goal", "homelessness").stderr
