"""The checks of a file's rows: row by row, naming each problem's line, and the column-wise fast twin.

The figure's own rules (its year, its value in its goal's unit, its source and note) are those of
goaltrack.domain.figure, as for every other way a figure comes in. ``..``, ``.``, ``-`` and empty
cells are withheld figures: skipped and counted, never an error, never a zero.

Speed matters (a million rows should take a few times what sqlite3's ``.import`` takes): a block of
plain CSV is checked column by column (C-level maps over whole columns); any doubt, and the block is
checked row by row, for messages that name their line.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import TYPE_CHECKING, Any

from goaltrack.catalogue import NATION
from goaltrack.domain.figure import (
    NOTE_KEEPS,
    SOURCE_KEEPS,
    YEAR_DIGITS,
    figure_year_problem,
    this_year,
    value_problem,
)
from goaltrack.domain.text import restore_cell
from goaltrack.domain.units import (
    DANISH_THOUSANDS,
    MAX_DIGITS,
    MAX_MAGNITUDE,
    MAX_TEXT,
    TOO_CLOSE_TO_ZERO,
    UNITS,
    parse_value,
    quoted,
    text_problem,
    too_large,
    too_long,
)
from goaltrack.errors import Problem
from goaltrack.ingest.blocks import FigureBlock, LineNumbers
from goaltrack.ingest.shapes import TIME_CODE, TableShape, cell_text

if TYPE_CHECKING:
    from goaltrack.domain.scopes import ScopeNames

MAX_PROBLEMS = 1_000  # problems kept (the user sees 20, and the count of all)
# Cells that hold no figure, skipped and counted: StatBank's .. and … (confidential), . (not available)
# and - (nil, never taken as a zero); Eurostat's and PxWeb's :
WITHHELD = frozenset(("", "..", "...", "…", ".", "-", ":"))
# Values longer than this (far more digits than any statistic has) go the careful way, where every
# figure meets units.Unit.check: a 40-digit decimal that no CSV could hold once exported is refused there.
FAST_DIGITS = 20
_THOUSANDS_CELL = re.compile(r"\n-?[1-9][0-9]{0,2}(?:\.[0-9]{3})+\n")
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # ASCII digits: float() takes ６４３１ too
_YEAR_NUMBER = 9  # a text of at most this many ASCII digits is read as a year's number (and judged as one)


def short_repr(value: Any) -> str:
    """A value as a message shows it: its repr, cut after 60 characters."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _text_problem(text: str, name: str) -> str | None:
    """Why ``text`` cannot be a figure's source or note (``name``), or None (goaltrack.domain.figure)."""
    return text_problem(text, f"the {name}", NOTE_KEEPS if name == "note" else SOURCE_KEEPS)


class RefusedNumber(str):
    """A number in a JSON file that no figure can be, kept as written so that the row check names it:
    one float() would make 0.0 (1e-400: a zero nobody wrote) or infinite, or one longer than any
    figure (json would build a 5,000-digit int, or fail on it)."""

    def problem(self) -> str:
        number = float(self)
        if number == 0:
            return f"{quoted(self)} {TOO_CLOSE_TO_ZERO}"
        if not math.isfinite(number) or abs(number) >= MAX_MAGNITUDE:
            return too_large(quoted(self))
        return too_long(self)


class RowChecker:
    """Checks rows against the goals and scopes, collecting problems with their line."""

    def __init__(self, goals: dict[str, str], names: ScopeNames, default_goal: str | None,
                 default_scopes: dict[str, str]):
        self.goals = goals  # id -> unit
        self.names = names
        self.default_goal = default_goal
        self.default_scopes = default_scopes  # goal -> the scope of a row that names none
        self.decimal_comma = True
        self.this_year = this_year()
        self.problems: list[Problem] = []
        self.count = 0  # every problem, also those beyond MAX_PROBLEMS
        self.withheld = 0
        self.strict_history = False  # a replaced figure needs its replaced_at (exports before method v3)

    def fail(self, line: str, message: str) -> None:
        """A problem on a CSV line (a number) or a JSON record ("record 3")."""
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, int(line)) if line.isdigit() else Problem(f"{line}: {message}"))

    def figure(self, line: str, goal: Any, scope: Any, year: Any, value: Any, source: Any = None, note: Any = None,
               status: Any = None, recorded_at: Any = None, replaced_at: Any = None, published: Any = None,
               flag: Any = None) -> tuple | None:
        """The row as (goal, scope, year, value, source, note, status, recorded_at, replaced_at, published,
        flag), or None (a problem, or a withheld value). A year StatBank marks provisional ("2021*") is
        the year, flagged P unless the row gives a flag."""
        if isinstance(value, str) and value.strip() in WITHHELD or value is None:
            self.withheld += 1
            return None
        bad = self.count
        if isinstance(year, str) and year.strip().endswith("*"):
            year, flag = year.strip()[:-1], flag if cell_text(flag) else "P"
        goal = self._goal(line, goal)
        code = self._scope(line, scope, goal)
        year = self._year(line, year)
        number = self._value(line, value, goal)
        source = self._text(line, "source", source)
        note = self._text(line, "note", note)
        recorded = self._time(line, "recorded_at", recorded_at)
        replaced = self._time(line, "replaced_at", replaced_at)
        status = self._status(line, status, replaced)
        day = self._date(line, published)
        if day is not None and isinstance(year, int):
            from goaltrack.domain.flags import before_its_year

            why = before_its_year(day, year)
            if why:
                self.fail(line, why)
        flag = self._flag(line, flag)
        if self.count > bad:
            return None
        return (goal, code, year, number, source, note, status or "current", recorded, replaced, day, flag)

    def _date(self, line: str, published: Any) -> str | None:
        from goaltrack.domain.flags import parse_date

        if published is None or isinstance(published, (datetime.date, str)):
            day, why = parse_date(published, "published")
        else:
            day, why = parse_date(cell_text(published), "published")
        if why:
            self.fail(line, why)
        return None if day is None else day.isoformat()

    def _flag(self, line: str, flag: Any) -> str | None:
        from goaltrack.domain.flags import parse_flag

        flag, why = parse_flag(cell_text(flag) if flag is not None else None)
        if why:
            self.fail(line, why)
        return flag

    def _goal(self, line: str, goal: Any) -> Any:
        goal = goal.strip() if isinstance(goal, str) else goal
        if not goal:
            goal = self.default_goal
        if not goal:
            self.fail(line, "the goal is missing")
        elif goal not in self.goals:
            from goaltrack.storage.store import unknown_goal

            sets = getattr(self.goals, "ambiguous", {}).get(goal)
            self.fail(line, f"goal {goal!r} is in {len(sets)} sets: {', '.join(sets)}; write SET/ID" if sets
                      else unknown_goal(str(goal), list(self.goals)).message)
        return goal

    def _scope(self, line: str, scope: Any, goal: Any) -> str | None:
        scope = cell_text(scope)
        if not scope:
            return self.default_scopes.get(goal, NATION) if isinstance(goal, str) else NATION
        code = self.names.find(scope)
        if code is None:
            self.fail(line, self.names.unknown(scope))
        return code

    def _year(self, line: str, year: Any) -> int | None:
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        if isinstance(year, str):
            text = year.strip()
            if text.isascii() and text.isdigit() and len(text) <= _YEAR_NUMBER:
                year = int(text)
            elif TIME_CODE.fullmatch(text):
                self.fail(line, f"time {text!r} is a quarter or month, not a year; goaltrack takes yearly "
                                "figures (choose the yearly series)")
                return None
            else:
                year = text
        if isinstance(year, bool) or not isinstance(year, int):
            self.fail(line, f"year {quoted(year) if isinstance(year, str) else repr(year)} is not a whole year")
            return None
        why = figure_year_problem(year, self.this_year)
        if why:
            self.fail(line, why)
            return None
        return year

    def _value(self, line: str, value: Any, goal: Any) -> float | None:
        if isinstance(value, RefusedNumber):
            self.fail(line, f"value {value.problem()}")
            return None
        if isinstance(value, str):
            number = self._value_text(line, value.strip())
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if not math.isfinite(number):
                self.fail(line, f"value {value} is not a finite number")
                return None
        else:
            self.fail(line, f"value {short_repr(value)} is not a number")
            return None
        unit = self.goals.get(goal)
        why = value_problem(goal, unit, number) if number is not None and unit is not None else None
        if why:
            self.fail(line, why)
            return None
        return number

    def _value_text(self, line: str, text: str) -> float | None:
        if _PLAIN_NUMBER.fullmatch(text) and len(text) <= MAX_DIGITS and not DANISH_THOUSANDS.fullmatch(text):
            return float(text)
        if "," in text and not self.decimal_comma:
            self.fail(line, f"value {text!r}: a decimal comma needs a semicolon-separated file; write a point here")
            return None
        try:
            return parse_value(text)
        except ValueError as exc:
            self.fail(line, f"value {exc}")
            return None

    def _text(self, line: str, name: str, value: Any) -> str | None:
        if value is None:
            return None
        text = restore_cell(cell_text(value))  # a cell an export neutralised ('=…) comes back as written
        why = _text_problem(text, name)
        if why:  # too long, or a control character that would act on a terminal
            self.fail(line, why)
            return None
        return text or None

    def _time(self, line: str, name: str, value: Any) -> datetime.datetime | None:
        if value is None or value == "":
            return None
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip().removesuffix("Z"))
        except ValueError:
            self.fail(line, f"{name} {short_repr(value)} is not a date and time (2026-01-31T12:00:00Z)")
            return None
        return moment.replace(tzinfo=None)

    def _status(self, line: str, status: Any, replaced: datetime.datetime | None) -> Any:
        status = status.strip().lower() if isinstance(status, str) else status or ""
        if status not in ("", "current", "replaced", "deleted"):
            self.fail(line, f"status must be 'current', 'replaced' or 'deleted', not {status!r}")
        elif status == "replaced" and replaced is None and self.strict_history:
            self.fail(line, f"a {status} figure needs its replaced_at")
        elif status in ("", "current") and replaced is not None:
            self.fail(line, "a current figure has no replaced_at")
        return status


# --- the fast twin: a block of plain CSV, column by column ----------------------------------------


def _only(cells: list[str], allowed: bytes) -> bool:
    """Whether every cell is made of ASCII ``allowed`` characters only and none is empty (checked in C)."""
    text = "\n".join(cells)
    if not text.isascii():
        return False
    return bool(text) and not text.encode("ascii").translate(None, allowed + b"\n") and "\n\n" not in text and \
        not text.startswith("\n") and not text.endswith("\n")


def fast_block(text: str, delimiter: str, shape: TableShape, first_line: int, goals: dict[str, str],
               names: ScopeNames, default_goal: str | None, default_scopes: dict[str, str]) -> FigureBlock | None:
    """All the checks of the row-by-row path, on whole columns of a block without quotes; None when any
    might fail (or a cell is withheld), so that the row-by-row path finds and names it."""
    if shape.kind != "long" or '"' in text or not {"status", "recorded_at", "published", "flag"}.isdisjoint(shape.index):
        return None
    lines = text.rstrip("\n").split("\n")
    width = shape.width
    if not lines or set(map(str.count, lines, [delimiter] * len(lines))) != {width - 1}:
        return None  # a line with too many or too few fields (or an empty one): the careful path says which
    flat = delimiter.join(lines).split(delimiter)
    column = {name: flat[i::width] for name, i in shape.index.items()}
    rows = len(lines)
    goal = _fast_goals(column.get("goal"), rows, goals, default_goal)
    if goal is None:
        return None
    scope = _fast_scopes(column.get("scope"), rows, goal, names, default_scopes)
    year = _fast_years(column["year"])
    value = _fast_values(column["value"], goal, goals)
    if scope is None or year is None or value is None:
        return None
    texts = [_fast_texts(column.get(name), rows, name) for name in ("source", "note")]
    if texts[0] is None or texts[1] is None:
        return None
    return FigureBlock(goal, scope, year, value, texts[0], texts[1], LineNumbers(first_line, rows))


def _fast_goals(cells: list[str] | None, rows: int, goals: dict[str, str], default_goal: str | None) -> list | None:
    if cells is None:
        return [default_goal] * rows if default_goal in goals else None
    distinct = {name: name for name in set(cells)}
    if not distinct.keys() <= goals.keys():
        return None  # also stray spaces, empty cells: the careful path strips
    return list(map(distinct.__getitem__, cells))  # one text a goal: a block is pickled and bound faster


def _fast_scopes(cells: list[str] | None, rows: int, goal: list[str], names: ScopeNames,
                 default_scopes: dict[str, str]) -> list | None:
    distinct = {""} if cells is None else set(cells)
    fill = None  # the scope of a row that names none: its goal's (the goal set's scope, or --scope)
    if "" in distinct:
        homes = {default_scopes[g] for g in set(goal)}
        if len(homes) != 1:
            return None  # goals of sets judged in different scopes: the careful path gives each its own
        fill = homes.pop()
    if cells is None:
        cells = [fill] * rows
        distinct = {fill}
    codes = {text: (names.find(text) if text else fill) for text in distinct}
    if None in codes.values():
        return None
    return list(map(codes.__getitem__, cells))  # each scope's code, one text a scope


def _fast_years(cells: list[str]) -> list[int] | None:
    if not _only(cells, b"0123456789") or max(map(len, cells)) > YEAR_DIGITS:
        return None
    year = list(map(int, cells))
    last = this_year()
    if figure_year_problem(min(year), last) or figure_year_problem(max(year), last):
        return None
    return year


def _fast_values(cells: list[str], goal: list[str], goals: dict[str, str]) -> list[float] | None:
    values = "\n" + "\n".join(cells) + "\n"
    if not _only(cells, b"0123456789.-") or max(map(len, cells)) > FAST_DIGITS or "\n\n" in values \
            or ".\n" in values or "\n." in values or "-." in values or ".-" in values or "\n-\n" in values:
        return None  # decimal commas, spaces, NaN, "5.", withheld, empty or long values: the careful path reads those
    if _THOUSANDS_CELL.search(values):
        return None  # 2.000: Danish for two thousand; the careful path refuses it, naming the line
    try:
        value = list(map(float, cells))  # refuses "1-2", "1.2.3", "--1"
    except ValueError:
        return None
    units = {goals[g] for g in set(goal)}
    for unit_name in units:
        unit = UNITS[unit_name]
        chosen = value if len(units) == 1 else [v for g, v in zip(goal, value, strict=True) if goals[g] == unit_name]
        if unit.minimum is not None and min(chosen) < unit.minimum:
            return None
        if unit.maximum is not None and max(chosen) > unit.maximum:
            return None
        if max(map(abs, chosen)) >= MAX_MAGNITUDE:
            return None  # a figure too large for any unit: the careful path names it
        if unit.whole and not all(map(float.is_integer, chosen)):
            return None
    return value


def _fast_texts(cells: list[str] | None, rows: int, name: str) -> list | None:
    """A source or note column as stored; None when a cell may be refused (the careful path names it)."""
    if cells is None:
        return [None] * rows
    if max(map(len, cells)) > MAX_TEXT:
        return None
    distinct = {t: restore_cell(t.strip()) or None for t in set(cells)}
    if any(_text_problem(t, name) for t in distinct.values() if t):
        return None
    return list(map(distinct.__getitem__, cells))  # stripped, empty as None, and one text a source
