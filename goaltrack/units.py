"""Units of measurement, their ranges, and parsing of values as people type them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


MAX_TEXT = 2000  # the longest source or note kept, in characters (longer is refused, never cut)


@dataclass(frozen=True)
class Unit:
    name: str
    minimum: float | None
    maximum: float | None
    whole: bool  # persons and counts are whole numbers
    label_en: str
    label_da: str

    def check(self, value: float) -> str | None:
        """Why ``value`` is not a valid figure in this unit, or None when it is."""
        if not math.isfinite(value):
            return f"{value} is not a finite number"
        if self.minimum is not None and value < self.minimum:
            return f"{format_plain(value)} is below {format_plain(self.minimum)}, the least a {self.name} value can be"
        if self.maximum is not None and value > self.maximum:
            return f"{format_plain(value)} is above {format_plain(self.maximum)}, the most a {self.name} value can be"
        if self.whole and value != int(value):
            return f"{format_plain(value)} is not a whole number of {self.name}"
        return None

    def clamp(self, value: float) -> float:
        if self.minimum is not None:
            value = max(self.minimum, value)
        if self.maximum is not None:
            value = min(self.maximum, value)
        return value


UNITS: dict[str, Unit] = {
    u.name: u
    for u in (
        Unit("percent", 0.0, 100.0, False, "%", "%"),
        Unit("persons", 0.0, None, True, "persons", "personer"),
        Unit("count", 0.0, None, True, "", ""),
        Unit("years", 0.0, None, False, "years", "år"),
        Unit("score", None, None, False, "points", "point"),
    )
}

_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_AMBIGUOUS_COMMA = re.compile(r"[+-]?\d+,\d{3}")


def parse_value(text: str) -> float:
    """Read a figure as typed: ``5290``, ``5.7`` or the Danish ``5,7``.

    ``5,820`` is refused: it reads as five thousand eight hundred and twenty to a Dane and as
    five point eight two to a machine. Thousands separators, NaN and infinities are refused.
    """
    s = text.strip()
    if _AMBIGUOUS_COMMA.fullmatch(s):
        raise ValueError(
            f"{text!r} is ambiguous: write {s.replace(',', '')} for a whole number "
            f"or {s.replace(',', '.')} for a decimal"
        )
    if not _NUMBER.fullmatch(s):
        raise ValueError(f"{text!r} is not a number (write 5290, 5.7 or 5,7)")
    return float(s.replace(",", "."))


def format_plain(value: float) -> str:
    """A number without a trailing .0: 5290, 5.7."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
