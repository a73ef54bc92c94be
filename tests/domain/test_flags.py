"""A figure's flag and publication day, as every source writes them."""

from __future__ import annotations

import datetime

import pytest

from goaltrack.domain import flags

REFUSED = ("is not one of P (provisional), E (estimated), B (break in series), D (definition differs), "
           "U (low reliability)")


@pytest.mark.parametrize(("written", "flag"), [
    ("P", "P"), ("p", "P"), (" e ", "E"), ("b", "B"), ("D", "D"), ("u", "U"),
    ("provisional", "P"), ("Provisional", "P"), ("foreløbig", "P"), ("Foreløbigt", "P"), ("*", "P"),
    ("estimated", "E"), ("skønnet", "E"), ("break in series", "B"), ("break", "B"), ("databrud", "B"),
    ("definition differs", "D"), ("afvigende definition", "D"), ("low reliability", "U"), ("usikker", "U"),
])
def test_a_flag_as_written(written, flag):
    assert flags.parse_flag(written) == (flag, None)


@pytest.mark.parametrize("empty", [None, "", "   "])
def test_no_flag(empty):
    assert flags.parse_flag(empty) == (None, None)


def test_an_unknown_flag_is_refused_naming_the_five():
    assert flags.parse_flag("X") == (None, f"flag 'X' {REFUSED}")
    long = "provisional-ish and more words here"
    assert flags.parse_flag(long) == (None, f"flag {long[:20]!r} {REFUSED}")


def test_labels_in_both_languages():
    assert [flags.label(f) for f in "PEBDU"] == ["provisional", "estimated", "break in series",
                                                 "definition differs", "low reliability"]
    assert [flags.label(f, "da") for f in "PEBDU"] == ["foreløbig", "skønnet", "databrud", "afvigende definition",
                                                       "usikker"]
    assert flags.label(None) == "" and flags.label(None, "da") == ""
    assert flags.TENTATIVE == {"P", "E"}


TODAY = datetime.date(2026, 12, 6)


@pytest.mark.parametrize(("written", "day"), [
    ("2021-09-14", datetime.date(2021, 9, 14)), (" 2021-09-14 ", datetime.date(2021, 9, 14)),
    ("2021-09-14T10:00:00Z", datetime.date(2021, 9, 14)), ("2021-09-14 10:00", datetime.date(2021, 9, 14)),
    (datetime.date(2020, 1, 1), datetime.date(2020, 1, 1)),
    (datetime.datetime(2020, 1, 1, 23, 59), datetime.date(2020, 1, 1)),
    ("2026-12-06", TODAY), ("1900-01-01", datetime.date(1900, 1, 1)),
])
def test_a_publication_day_as_written(written, day):
    assert flags.parse_date(written, "published", TODAY) == (day, None)


@pytest.mark.parametrize(("written", "why"), [
    ("2021-02-30", "published '2021-02-30' is not a date (YYYY-MM-DD)"),
    ("14-09-2021", "published '14-09-2021' is not a date (YYYY-MM-DD)"),
    ("2021-9-14", "published '2021-9-14' is not a date (YYYY-MM-DD)"),
    ("2021-09-14x", "published '2021-09-14x' is not a date (YYYY-MM-DD)"),
    ("yesterday", "published 'yesterday' is not a date (YYYY-MM-DD)"),
    ("20210914", "published '20210914' is not a date (YYYY-MM-DD)"),  # Python would read it; people do not
    ("2021-W01-1", "published '2021-W01-1' is not a date (YYYY-MM-DD)"),  # an ISO week day
    ("2021-09-14X", "published '2021-09-14X' is not a date (YYYY-MM-DD)"),
    ("x" * 40, f"published {'x' * 30!r} is not a date (YYYY-MM-DD)"),
    ("2026-12-07", "published 2026-12-07 is in the future (today is 2026-12-06)"),
    ("1899-12-31", "published 1899-12-31 is before 1900"),
])
def test_a_publication_day_refused(written, why):
    assert flags.parse_date(written, "published", TODAY) == (None, why)


@pytest.mark.parametrize("empty", [None, "", "  "])
def test_no_publication_day(empty):
    assert flags.parse_date(empty, "published", TODAY) == (None, None)


def test_today_is_the_default_bound():
    tomorrow = datetime.date.today() + datetime.timedelta(days=1)
    assert "in the future" in flags.parse_date(tomorrow.isoformat())[1]
    assert flags.parse_date(datetime.date.today().isoformat()) == (datetime.date.today(), None)
    assert flags.parse_date("2021-13-01")[1] == "date '2021-13-01' is not a date (YYYY-MM-DD)"
