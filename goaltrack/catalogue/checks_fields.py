"""The catalogue checker's building blocks: problems and warnings with their lines, and one field's checks.

Each check takes a value of the plain data, the path of keys and indexes that leads to it (which
names its line) and the words that name it in a message; it returns the value as the definitions
hold it, or None after recording why it cannot be. Nothing is raised: every problem of a catalogue
is collected in one pass.
"""

from __future__ import annotations

import math
from typing import Any

from goaltrack.catalogue.model import MAX_WINDOW, SCOPE_CODE
from goaltrack.domain.figure import (
    LAST_YEAR,
    NOTE_KEEPS,
    SOURCE_KEEPS,
    clean_text,
    figure_year_problem,
    value_problem,
)
from goaltrack.domain.text import shorten
from goaltrack.domain.units import (
    MAX_MAGNITUDE,
    UNITS,
    format_plain,
    parse_value,
    too_large,
)
from goaltrack.errors import Problem


class FieldChecker:
    """Problems and warnings, each with the line of the value it is about, and the checks of one field."""

    def __init__(self, lines: dict[tuple, int]):
        self.lines = lines
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []

    def line(self, path: tuple) -> int | None:
        """The line of the value at ``path``, or of the nearest enclosing one that has a line."""
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path)

    def fail(self, path: tuple, message: str) -> None:
        self.problems.append(Problem(message, self.line(path)))

    def warn(self, path: tuple, message: str) -> None:
        self.warnings.append(Problem(message, self.line(path)))

    def mapping(self, value: Any, path: tuple, what: str, allowed: set[str],
                required: frozenset[str] | set[str] = frozenset()) -> dict | None:
        """``value`` when it is a mapping; each unknown key and each missing required one is a problem."""
        if not isinstance(value, dict):
            self.fail(path, f"{what} must be a mapping of keys to values")
            return None
        for key in value:
            if key not in allowed:
                hint = ""
                if isinstance(key, int) and not isinstance(key, bool) and value.get(key) is None:
                    hint = (f"; a decimal comma inside {{ }} splits the number (value: 6,{key} reads as 6 and a "
                            f"key {key}): write a point, 6.{key}")
                self.fail(path + (key,), f"unknown key '{key}' in {what} (allowed: {', '.join(sorted(allowed))}){hint}")
        for key in sorted(required - set(value)):
            self.fail(path, f"{what} lacks '{key}'")
        return value

    def text(self, value: Any, path: tuple, what: str, required: bool = False) -> str | None:
        """A non-empty text, stripped, holding no control character; a note (``what`` ends in "note")
        may hold tabs and line breaks."""
        if value is None:
            if required:
                self.fail(path, f"{what} is missing")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(path, f"{what} must be a non-empty text, not {shorten(repr(value))}")
            return None
        text, why = clean_text(value, what, NOTE_KEEPS if what.endswith("note") else SOURCE_KEEPS)
        if why:
            self.fail(path, why)
            return None
        return text

    def year(self, value: Any, path: tuple, what: str, last: int = LAST_YEAR) -> int | None:
        """A whole year from FIRST_YEAR to ``last``; ``what`` names whose year it is ("goal 'g': target")."""
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(path, f"{what} year must be a whole year, not {value!r}")
            return None
        why = figure_year_problem(value, last)
        if why:
            self.fail(path, f"{what} {why}")
            return None
        return value

    def number(self, value: Any, path: tuple, what: str, unit: str | None) -> float | None:
        """A finite number (or a text read as one, 5,7 too), within the range of ``unit`` when it is known."""
        if isinstance(value, str):
            try:
                value = parse_value(value)
            except ValueError as exc:
                self.fail(path, f"{what}: {exc}")
                return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(path, f"{what} must be a number, not {value!r}")
            return None
        value = float(value)
        if not math.isfinite(value):
            self.fail(path, f"{what} must be a finite number, not {value}")
            return None
        if abs(value) >= MAX_MAGNITUDE:
            self.fail(path, f"{what}: {too_large(format_plain(value))}")
            return None
        why = value_problem(what, unit, value) if unit in UNITS else None
        if why:
            self.fail(path, why)
            return None
        return value

    def window(self, value: Any, path: tuple, what: str) -> int | None:
        """verdict_window: how many years a verdict basis may lie before the target year (0..100)."""
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_WINDOW:
            self.fail(path, f"{what}: verdict_window must be a whole number of years from 0 to {MAX_WINDOW}, "
                            f"not {value!r}")
            return None
        return value

    def scope_code(self, code: Any, path: tuple) -> str | None:
        """A scope's code: 1-32 letters, digits, '-' or '_' (a number written bare is read as its digits)."""
        code = str(code) if isinstance(code, int) and not isinstance(code, bool) else code
        if not isinstance(code, str) or not SCOPE_CODE.fullmatch(code):
            self.fail(path, f"scope code {code!r} must be 1-32 letters, digits, '-' or '_'")
            return None
        return code
