"""Numbers as people read them, in English and Danish, and as JSON holds them: the one number formatter.

5,290 and 5.7 % in English, 5.290 and 5,7 % in Danish, a negative figure with the typographic minus
(−41 %): every figure goaltrack shows a reader goes through ``number``; JSON's go through ``json_number``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from goaltrack.domain.units import MAX_MAGNITUDE, counts
from goaltrack.present.i18n import LABELS

if TYPE_CHECKING:
    from goaltrack.judging.status import GoalStatus


MINUS = "\u2212"  # the typographic minus of "< −999 %", for every negative figure people read


def number(value: float | None, unit: str, lang: str = "en") -> str:
    """5,290 persons; 5.7 %; Danish: 5.290 and 5,7 %. A figure beyond any real one (stored before
    figures were bounded) shows in scientific form, 1e+308, rather than as 309 digits."""
    if value is None or not math.isfinite(value):
        return "–"
    if abs(value) >= MAX_MAGNITUDE:
        text = f"{value:.3g}"
    elif counts(unit):
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return _dress(text, unit, lang)


def precise(value: float | None, unit: str, lang: str = "en") -> str:
    """A level goaltrack derived for a whole unit (a target scaled to a scope's baseline), with the
    decimals that tell it apart from its neighbours: ≤ 0.70 deaths, 5.3, never "≤ 1" for 0.7 (method
    v3). Whole values, levels of 100 and more and other units as ``number`` writes them."""
    if value is None or not math.isfinite(value) or not counts(unit) or float(value).is_integer() \
            or abs(value) >= 100:
        return number(value, unit, lang)
    return _dress(f"{value:,.{2 if abs(value) < 1 else 1}f}", unit, lang)


def _dress(text: str, unit: str, lang: str) -> str:
    """A number's text with one minus sign, the language's separators and the unit's sign."""
    if text in ("-0", "−0"):
        text = "0"
    text = text.replace("-", MINUS, 1) if text.startswith("-") else text  # one minus sign everywhere: −39 %
    if lang == "da":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    if unit == "percent":
        return f"{text} %"
    if unit == "years":
        return f"{text} {LABELS[lang]['years']}"
    return text


def signed_percent(pct: float, lang: str = "en") -> str:
    """A change in percent with its sign, as a catalogue gives it: "−25 %", "+10 %"; Danish "−2,5 %"."""
    change = f"{pct:+g}".replace("-", MINUS)
    return f"{change.replace('.', ',') if lang == 'da' else change} %"


def difference(value: float, unit: str, lang: str, points: str) -> str:
    """A difference in the goal's unit: "1,820"; between two percentages it is in ``points``, the word
    the caller's text uses for percentage points: "1.7 pp", "1.7 points"."""
    if unit == "percent":
        return number(value, "score", lang) + " " + points
    return number(value, unit, lang)


PROGRESS_SHOWN = 999  # tables show progress beyond ±999 % as "> 999 %": it explodes near the target


def progress_text(status: GoalStatus, lang: str) -> str:
    """Progress in whole percent; "–" without movement; "< −999 %" and "> 999 %" beyond that range
    (a baseline near the target makes it explode; JSON keeps the exact figure)."""
    pct = status.assessment.progress_pct
    if pct is None:
        return "–"
    if pct > PROGRESS_SHOWN:
        return f"> {number(PROGRESS_SHOWN, 'percent', lang)}"
    if pct < -PROGRESS_SHOWN:
        return f"< {number(-PROGRESS_SHOWN, 'percent', lang)}"
    return number(round(pct), "percent", lang)


def clip(value: float) -> float:
    """A value kept within ten times the largest figure allowed, for drawing: what is stored from
    before figures were bounded can then be scaled and subtracted without overflowing."""
    return max(-10 * MAX_MAGNITUDE, min(10 * MAX_MAGNITUDE, value))


def json_number(value: float | None) -> float | int | None:
    """A figure for JSON: rounded to 6 decimals, whole numbers as integers; None (null) where it is
    no finite number, so that the JSON is strict (no Infinity, no NaN) whatever is stored."""
    if value is None or not math.isfinite(value):
        return None
    value = round(value, 6)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value
