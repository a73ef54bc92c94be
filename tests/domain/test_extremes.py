"""Extreme figures: refused where they enter, and harmless where they are already stored.

One figure of 1e308 used to break status for every user of a shared database (an OverflowError in
the table, ``-Infinity`` in the JSON). Now every figure that enters is finite and below 10^12, and a
target's gap from its baseline is more than rounding noise; and the maths and every renderer turn
what is stored from before into null (JSON) or "–" (tables), never inf or NaN.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import sqlite3

import pytest

from goaltrack.domain import progress
from goaltrack.domain.progress import GoalSpec, Point, assess
from goaltrack.domain.units import UNITS, format_plain, parse_value

EXTREMES = [0.0, 5e-324, 1e-300, 1.0, 5290.0, 1e12 - 1, 1e308, -1e308, 1.7976931348623157e308]


def strict(text: str):
    """JSON as a strict reader takes it: Infinity and NaN are errors."""
    def refuse(name: str):
        raise AssertionError(f"{name} in the JSON")
    return json.loads(text, parse_constant=refuse)


def figures_of(a: progress.Assessment) -> list:
    numbers = [a.distance, a.distance_share, a.progress_pct, a.required, a.years_ahead, a.growth_ratio]
    numbers += [p.value for p in (a.latest, a.projection) if p is not None]
    return numbers


@pytest.mark.parametrize("direction", [1, -1])
def test_the_maths_never_gives_inf_or_nan(direction):
    """Every combination of extreme baseline, target and two figures: each figure is finite or None."""
    checked = 0
    for b, t, v1, v2 in itertools.product(EXTREMES, repeat=4):
        goal = GoalSpec(direction, Point(2010, b), 2020, t, minimum=None, maximum=None)
        a = assess(goal, [Point(2012, v1), Point(2015, v2)], as_of=2024)
        for value in figures_of(a):
            assert value is None or math.isfinite(value), (b, t, v1, v2, a)
        assert a.category in progress.CATEGORIES
        checked += 1
    assert checked == len(EXTREMES) ** 4


def test_a_gap_within_rounding_noise_is_no_gap():
    goal = GoalSpec(1, Point(2010, 0.0), 2020, 5e-324)
    a = assess(goal, [Point(2015, 30.0)], as_of=2015)
    assert a.progress_pct is None and a.years_ahead is None and a.growth_ratio is None
    assert a.distance_share is None
    assert a.achieved is True and a.distance == 0  # what needs no gap is still given
    assert progress.same_level(30.0, 30.000000000000004) and not progress.same_level(30.0, 30.0001)
    # just above the noise, the figures are large but exact
    assert progress.progress_pct(0.0, 1e-6, 1.0) == pytest.approx(1e8)


def test_values_are_bounded_where_they_enter():
    assert "too large" in UNITS["persons"].check(1e12)
    assert "too large" in UNITS["score"].check(-1e12)
    assert UNITS["persons"].check(999_999_999_999) is None
    with pytest.raises(ValueError, match="too large"):
        parse_value("9" * 5000)
    message = str(pytest.raises(ValueError, parse_value, "9" * 5000).value)
    assert len(message) < 200  # the 5,000 digits are not repeated back


def test_plain_numbers_read_back_as_written():
    assert [format_plain(v) for v in (5290.0, 5.7, 1e-5, -0.0001, 1e308)] == ["5290", "5.7", "0.00001", "-0.0001",
                                                                            "1e+308"]
    for value in (5290.0, 5.7, 1e-5, 123456789012.5, 0.1 + 0.2):
        assert parse_value(format_plain(value)) == value


# --- through the CLI --------------------------------------------------------------------------------


def _store(db_path, sql: str, *params) -> None:
    """Write straight into the database, as a goaltrack from before the bounds could have."""
    with sqlite3.connect(db_path) as conn:
        conn.execute(sql, params)


@pytest.fixture
def legacy(run, db_path):
    """A database holding what goaltrack once let in: 1e308 homeless, ±1e308 reading scores, and a
    youth-education target a subnormal step from a zero baseline."""
    run("goals")
    insert = ("INSERT INTO figure (indicator, scope, year, value, published, recorded_at, deleted) "
              "VALUES (?, 'DK', ?, ?, '2024-01-01', '2024-01-01 00:00:00', 0)")
    _store(db_path, insert, "homelessness", 2019, 1e308)
    _store(db_path, insert, "school-reading", 2015, -1e308)
    _store(db_path, insert, "school-reading", 2019, 1e308)
    _store(db_path, "UPDATE goal SET baseline_value = 0, target_value = 5e-324 WHERE id = 'youth-education'")
    _store(db_path, insert, "youth-education", 2015, 30)
    return db_path


def test_status_json_stays_strict_json(run, legacy):
    data = strict(run("status", "--format", "json").stdout)
    goals = {g["id"]: g for g in data["goals"]}
    h = goals["homelessness"]
    assert h["latest"] == {"year": 2019, "value": 1e308, "source": None, "flag": None}
    assert h["achieved"] is False and h["distance"] == 1e308
    assert h["progress_pct"] == pytest.approx(-7.751937984e306)  # 100 · (1e308 − 5,290) / −1,290
    assert h["growth_ratio"] < -1e39  # observed (1e308/5290)^(1/8) − 1 over required −3.06 %: finite
    youth = goals["youth-education"]
    assert youth["progress_pct"] is None and youth["years_ahead"] is None and youth["growth_ratio"] is None
    assert youth["distance_share"] is None and youth["achieved"] is True
    reading = goals["school-reading"]
    assert reading["latest"]["value"] == 1e308 and reading["category"] in progress.CATEGORIES


def test_every_view_of_extreme_figures_works(run, legacy, tmp_path):
    table = run("status").stdout
    assert "1e+308 (2019)" in table and "inf" not in table.lower()
    rows = list(csv.DictReader(io.StringIO(run("status", "--format", "csv").stdout)))
    youth = next(r for r in rows if r["id"] == "youth-education")
    assert youth["progress_pct"] == "" and youth["growth_ratio"] == ""
    assert all("inf" not in v.lower() and "nan" not in v.lower() for r in rows for v in r.values())
    markdown = run("status", "--format", "markdown").stdout
    assert "1e+308 (2019)" in markdown
    assert "1e+308" in run("compare", "homelessness").stdout
    strict(run("compare", "school-reading", "--format", "json").stdout)
    assert "1e+308" in run("show", "homelessness").stdout
    strict(run("history", "homelessness", "--format", "json").stdout)
    run("chart", "homelessness", "school-reading", "youth-education", "--out", str(tmp_path / "charts"))
    run("report", "--out", str(tmp_path / "report"))
    assert "1e+308 in 2019" in (tmp_path / "report" / "report.md").read_text()
    exported = run("export", "homelessness").stdout
    assert "homelessness,DK,2019,1e+308," in exported


def test_extreme_figures_are_refused_at_record_and_import(run, db_path, tmp_path):
    run("goals")
    run.fails("record", "homelessness", "1000000000000", "--year", "2018")
    run.fails("record", "school-reading", "--year", "2018", "--", "-1000000000000")
    run("record", "homelessness", "999999999999", "--year", "2018", "--force")  # the bound, not plausibility
    big = tmp_path / "big.json"
    big.write_text('[{"goal":"homelessness","year":2019,"value":1e308}]')
    assert "1e+308 is too large" in run.fails("import", str(big)).stderr
    csv_file = tmp_path / "big.csv"
    csv_file.write_text("goal,year,value\nhomelessness,2017,1000000000000\n")  # the fast path's numbers
    assert ":2: homelessness: 1000000000000 is too large" in run.fails("import", str(csv_file)).stderr
