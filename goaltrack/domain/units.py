"""Units of measurement, their ranges, and parsing of values as people type them."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# Every figure lies strictly within ±MAX_MAGNITUDE. No social statistic comes near it (Denmark has six
# million people), and under it every figure of the progress maths stays finite and exact to the
# digits shown: a single 1e308 would otherwise overflow into inf and break status for everyone.
MAX_MAGNITUDE = 1e12
TOO_LARGE = f"a figure's size must stay below {MAX_MAGNITUDE:,.0f}"
TOO_CLOSE_TO_ZERO = "is too close to zero to be a figure; write 0 for none"
MAX_DIGITS = 40  # the longest figure as typed; format_plain writes every valid figure within it


def clamp(value: float, minimum: float | None, maximum: float | None) -> float:
    """``value`` kept inside a unit's range (no negative persons, no percent above 100): the one
    place a figure is clamped, by the unit, the projection and its line on a chart."""
    if minimum is not None:
        value = max(minimum, value)
    if maximum is not None:
        value = min(maximum, value)
    return value


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
        if abs(value) >= MAX_MAGNITUDE:
            return too_large(format_plain(value))
        if "e" in format_plain(value):  # 1e-320: no figure, and no CSV file could hold it (see parse_value)
            return f"{format_plain(value)} {TOO_CLOSE_TO_ZERO}"
        if self.minimum is not None and value < self.minimum:
            return f"{format_plain(value)} is below {format_plain(self.minimum)}, the least a {self.name} value can be"
        if self.maximum is not None and value > self.maximum:
            return f"{format_plain(value)} is above {format_plain(self.maximum)}, the most a {self.name} value can be"
        if self.whole and value != int(value):
            return f"{format_plain(value)} is not a whole number of {self.name}"
        return None

    def clamp(self, value: float) -> float:
        return clamp(value, self.minimum, self.maximum)


UNITS: dict[str, Unit] = {
    u.name: u
    for u in (
        Unit("percent", 0.0, 100.0, False, "%", "%"),
        Unit("persons", 0.0, None, True, "persons", "personer"),
        Unit("count", 0.0, None, True, "", ""),
        Unit("years", 0.0, None, False, "years", "år"),
        Unit("score", None, None, False, "points", "point"),
        Unit("rate", 0.0, None, False, "per 100,000", "pr. 100.000"),  # derived (domain.rates), never a catalogue's
    )
}
CATALOGUE_UNITS = tuple(name for name in UNITS if name != "rate")  # the units a goal may be measured in

def counts(unit: str) -> bool:
    """Whether ``unit`` counts persons or things (persons, count): whole numbers, shown without
    decimals, added up over a region's municipalities, and scaled to a scope by its baseline."""
    known = UNITS.get(unit)
    return known is not None and known.whole


def ascii_digits(text: str) -> bool:
    """Whether ``text`` is digits 0-9 only: str.isdigit() also takes ² and ٢٠١٩, which int() refuses."""
    return text.isascii() and text.isdigit()


# ASCII digits only: Python's \d and float() also take ６４３１ and ٢٠٠, which no statistics office
# publishes and a reader could not check against the source.
_NUMBER = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?")
_AMBIGUOUS_COMMA = re.compile(r"[+-]?[0-9]+,[0-9]{3}")
# 2.000, 12.500, 1.234.567: a point before each group of three digits is how Danish writes thousands
DANISH_THOUSANDS = re.compile(r"[+-]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+")


def parse_value(text: str) -> float:
    """Read a figure as typed: ``5290``, ``5.7`` or the Danish ``5,7``.

    ``5,820`` is refused: five point eight two to a Dane, five thousand eight hundred and twenty in
    English; so is ``2.000``: two thousand to a Dane, two in English. Thousands separators, NaN and
    infinities are refused.
    """
    s = text.strip()
    if _AMBIGUOUS_COMMA.fullmatch(s):  # 5,820: a Dane's five point eight two, anyone else's 5820
        danish, english = format_plain(float(s.replace(",", "."))), s.replace(",", "")
        raise ValueError(f"{text!r} is ambiguous: Danish for {danish}, English for {english}; write {danish} or {english}")
    if DANISH_THOUSANDS.fullmatch(s):  # 2.000: a Dane's two thousand, anyone else's two
        danish = s.replace(".", "")
        if s.count(".") > 1:  # 1.234.567: Danish only
            raise ValueError(f"{text!r} is Danish for {danish}, with a point before each thousand; write {danish}")
        english = format_plain(float(s))
        raise ValueError(f"{text!r} is ambiguous: Danish for {danish}, English for {english}; write {danish} or {english}")
    if not _NUMBER.fullmatch(s):
        raise ValueError(f"{quoted(text)} is not a number (write 5290, 5.7 or 5,7)")
    if len(s) > MAX_DIGITS:  # a 5,000-digit figure: refused before float() turns it into inf (or 0)
        whole = re.split("[.,]", s.lstrip("+-"), maxsplit=1)[0].lstrip("0")
        raise ValueError(too_large(quoted(text)) if len(whole) > 12 else too_long(text))
    return float(s.replace(",", "."))


def too_large(shown: str) -> str:
    """The refusal of a figure at or beyond MAX_MAGNITUDE, ``shown`` as the message quotes it."""
    return f"{shown} is too large: {TOO_LARGE}"


def too_long(text: str) -> str:
    """The refusal of a figure written with more than MAX_DIGITS characters."""
    return f"{quoted(text)} is too long: a figure has at most {MAX_DIGITS} characters"


def quoted(text: str, limit: int = 40) -> str:
    """``text`` quoted for a message, cut to ``limit`` characters (a value can be megabytes long)."""
    return repr(text) if len(text) <= limit else repr(text[:limit]) + f"… ({len(text):,} characters)"


def underflowed(text: str, number: float) -> bool:
    """Whether float() made 0.0 of a number written as something else (1e-400, or a 400-digit
    decimal): a zero nobody wrote. JSON and YAML readers build such floats before any check sees them."""
    return number == 0 and any(digit in text.lower().partition("e")[0] for digit in "123456789")


def format_plain(value: float) -> str:
    """A number as import reads it back, without a trailing .0: 5290, 5.7, 0.00001 (not 1e-05).

    Only what no figure can be (beyond 2^53, or more than MAX_DIGITS long) keeps Python's exponent.
    """
    value = float(value)
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(value)
    if "e" in text and math.isfinite(value):
        from decimal import Decimal

        positional = format(Decimal(text), "f")
        if len(positional) <= MAX_DIGITS:
            return positional
    return text


# --- text fields ------------------------------------------------------------------------------------

# The most characters a source, a note or a title may hold. A citation needs a few hundred; a 10 MB
# "source" is an accident or an attack, and every table, chart and report would carry it. The
# importer holds its fields to the same limit.
MAX_TEXT = 2000


def text_problem(text: str, what: str, allowed: str = "") -> str | None:
    """Why ``text`` cannot be stored as ``what``, or None: too long, or holding a control character
    (an escape sequence that would act on a terminal) other than those ``allowed`` ("\\t\\n")."""
    from goaltrack.domain.text import has_control

    if len(text) > MAX_TEXT:
        return f"{what} is {len(text):,} characters long; at most {MAX_TEXT:,} are allowed"
    bad = has_control(text, allowed)
    if bad:
        name = {"\\x0a": " (a line break)", "\\x09": " (a tab)", "\\x0d": " (a carriage return)"}.get(bad, "")
        return f"{what} holds the control character {bad}{name}, which is not allowed in it"
    return None
