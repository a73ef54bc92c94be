"""A figure (one published value of an indicator for a scope and a year) and its one validation.

Every way a figure enters goaltrack (``record``, ``delete``, each import format, the catalogue's
baselines and measurements) checks its year, value and texts here, so that the bounds and the words
of a refusal are written once. The checks return the reason as text (or None) and raise nothing: the
importer collects every bad row before it stops, the other callers raise the first reason.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from goaltrack.domain.units import UNITS, quoted, text_problem

FIRST_YEAR = 1900  # the first year a figure, a baseline or --as-of may name
LAST_YEAR = 2100  # the last year a target or --as-of may name (a figure's year stops at this year)
YEAR_DIGITS = 4  # a year is typed with at most four ASCII digits
SOURCE_KEEPS = ""  # a source is one line
NOTE_KEEPS = "\t\n"  # a note may run over several lines


def this_year() -> int:
    return datetime.date.today().year


def year_text_problem(text: str) -> str | None:
    """Why ``text`` is not a year as people type one (ASCII digits, at most four), or None. Other
    digits (٢٠١٩, ²⁰¹⁹) are refused here rather than read by ``int()``; a long text is not echoed."""
    text = text.strip()
    if text.isascii() and text.isdigit() and len(text) <= YEAR_DIGITS:
        return None
    return f"{quoted(text, 12)} is not a year (write four digits, e.g. 2019)"


def figure_year_problem(year: int, last: int | None = None) -> str | None:
    """Why a figure cannot be for ``year`` (before FIRST_YEAR or after this year), or None."""
    last = this_year() if last is None else last
    if not FIRST_YEAR <= year <= last:
        return f"year {year} is outside {FIRST_YEAR}..{last}"
    return None


def value_problem(goal: str, unit: str, value: float) -> str | None:
    """Why ``value`` cannot be a figure of a goal measured in ``unit`` (out of the unit's range, not
    whole where the unit counts, too large), named by the goal; or None."""
    why = UNITS[unit].check(value)
    return f"{goal}: {why}" if why else None


def clean_text(text: str | None, what: str, keep: str = SOURCE_KEEPS) -> tuple[str | None, str | None]:
    """A source or note as stored, and why it cannot be: stripped, None when empty; refused when
    longer than MAX_TEXT or holding a control character other than those in ``keep``."""
    if text is None or not text.strip():
        return None, None
    text = text.strip()
    return text, text_problem(text, what, keep)


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure as it is recorded: for an indicator (today: a goal), a scope and a year."""

    goal: str
    scope: str
    year: int
    value: float
    source: str | None = None
    note: str | None = None
