"""A figure's one validation (goaltrack/domain/figure.py): the words of each refusal, at its edges."""

from __future__ import annotations

import datetime

import pytest

from goaltrack.domain import figure

THIS_YEAR = datetime.date.today().year


@pytest.mark.parametrize(("text", "why"), [
    ("2019", None),
    (" 2019 ", None),
    ("1", None),
    ("20190", "'20190' is not a year (write four digits, e.g. 2019)"),
    ("٢٠١٩", "'٢٠١٩' is not a year (write four digits, e.g. 2019)"),
    ("²⁰¹⁹", "'²⁰¹⁹' is not a year (write four digits, e.g. 2019)"),
    ("2019.0", "'2019.0' is not a year (write four digits, e.g. 2019)"),
    ("x" * 12, f"'{'x' * 12}' is not a year (write four digits, e.g. 2019)"),  # 12 characters: shown whole
    ("y" * 11 + "z" + "w", f"'{'y' * 11}z'… (13 characters) is not a year (write four digits, e.g. 2019)"),
    ("1" * 5000, "'111111111111'… (5,000 characters) is not a year (write four digits, e.g. 2019)"),
])
def test_a_year_as_typed(text, why):
    assert figure.year_text_problem(text) == why


def test_a_figures_year_lies_between_1900_and_this_year():
    assert figure.figure_year_problem(1900) is None and figure.figure_year_problem(THIS_YEAR) is None
    assert figure.figure_year_problem(1899) == f"year 1899 is outside 1900..{THIS_YEAR}"
    assert figure.figure_year_problem(THIS_YEAR + 1) == f"year {THIS_YEAR + 1} is outside 1900..{THIS_YEAR}"
    assert figure.figure_year_problem(2031, last=2030) == "year 2031 is outside 1900..2030"
    assert figure.figure_year_problem(2030, last=2030) is None


def test_a_value_is_checked_against_its_goals_unit_and_named_by_the_goal():
    assert figure.value_problem("homelessness", "persons", 5290) is None
    assert figure.value_problem("homelessness", "persons", 5.5) == "homelessness: 5.5 is not a whole number of persons"
    assert figure.value_problem("placement-breakdown", "percent", 100.1).startswith("placement-breakdown: 100.1 is above 100")


def test_a_source_or_note_is_stripped_and_checked():
    assert figure.clean_text(None, "the source") == (None, None)
    assert figure.clean_text("  \t ", "the source") == (None, None)
    assert figure.clean_text("  VIVE 2019 ", "the source") == ("VIVE 2019", None)
    assert figure.clean_text("a\tb", "the note", figure.NOTE_KEEPS) == ("a\tb", None)
    text, why = figure.clean_text("a\tb", "the source")
    assert text == "a\tb" and why == "the source holds the control character \\x09 (a tab), which is not allowed in it"
    assert figure.clean_text("x" * 2001, "the note", figure.NOTE_KEEPS)[1] == \
        "the note is 2,001 characters long; at most 2,000 are allowed"
