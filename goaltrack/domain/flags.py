"""A figure's flag (SDMX observation status) and its publication date: what they mean, and how they are read.

P provisional, E estimated, B break in series (the figure starts a new comparable series), D definition
differs, U low reliability. StatBank marks a provisional year with a star ("2021*"). A publication
date is a calendar date, YYYY-MM-DD, not after today.
"""

from __future__ import annotations

import datetime
import re

FLAGS = {
    "P": "provisional",
    "E": "estimated",
    "B": "break in series",
    "D": "definition differs",
    "U": "low reliability",
}
FLAGS_DA = {
    "P": "foreløbig",
    "E": "skønnet",
    "B": "databrud",
    "D": "afvigende definition",
    "U": "usikker",
}
TENTATIVE = frozenset("PE")
NO_FLAG = frozenset({"none", "final", "-", "endelig", "ingen"})  # record --flag none: no flag (any longer)
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ]\S.*)?")  # a day, maybe with a time after it (an export's)  # a verdict on such a basis is provisional
# What a file may write for a flag: the letter, its English or Danish word.
_NAMES = {**{k: k for k in FLAGS}, **{v: k for k, v in FLAGS.items()}, **{v: k for k, v in FLAGS_DA.items()},
          "*": "P", "foreløbigt": "P", "estimated": "E", "break": "B"}


def parse_flag(text: str | None) -> tuple[str | None, str | None]:
    """(the flag, None) for a cell or option as written ("P", "p", "provisional", "foreløbig", "*"),
    (None, None) for none, or (None, the reason refused)."""
    if text is None or not text.strip():
        return None, None
    flag = _NAMES.get(text.strip().lower()) or _NAMES.get(text.strip().upper())
    if flag is None:
        shown = text.strip()[:20]
        return None, f"flag {shown!r} is not one of P (provisional), E (estimated), B (break in series), " \
                     "D (definition differs), U (low reliability)"
    return flag, None


def label(flag: str | None, lang: str = "en") -> str:
    """The flag's word ("provisional"), or "" for none."""
    if flag is None:
        return ""
    return (FLAGS_DA if lang == "da" else FLAGS)[flag]


def before_its_year(day: datetime.date | str | None, year: int | None) -> str | None:
    """Why a figure for ``year`` cannot have been published on ``day`` (before its year began), or None."""
    if day is None or year is None:
        return None
    day = datetime.date.fromisoformat(day) if isinstance(day, str) else day
    if day.year < year:
        return f"published {day.isoformat()} is before {year}, the year the figure is for"
    return None


def parse_date(text: str | datetime.date | None, what: str = "date",
               today: datetime.date | None = None) -> tuple[datetime.date | None, str | None]:
    """(the date, None) for YYYY-MM-DD (or a date), (None, None) for none, or (None, the reason refused):
    a date that does not exist, or one after ``today`` (a figure cannot be published in the future)."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None, None
    if isinstance(text, datetime.datetime):
        day = text.date()
    elif isinstance(text, datetime.date):
        day = text
    else:
        raw = text.strip()
        found = _DAY.fullmatch(raw)
        try:
            day = datetime.date.fromisoformat(found.group(1)) if found else None
        except ValueError:  # 2021-02-30
            day = None
        if day is None:
            return None, f"{what} {raw[:30]!r} is not a date (YYYY-MM-DD)"
    today = today or datetime.date.today()
    if day > today:
        return None, f"{what} {day.isoformat()} is in the future (today is {today.isoformat()})"
    if day.year < 1900:
        return None, f"{what} {day.isoformat()} is before 1900"
    return day, None
