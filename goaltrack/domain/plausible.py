"""Is a new figure in line with the same goal's figures in that scope? Pure functions.

The rule (documented in the README, "Importing official figures"):

- The neighbours of a figure are the current figures of the same goal and scope in the nearest
  years: up to two before it and up to two after it. Without a neighbour, anything goes.
- The reference is the median of the neighbours.
- A figure is out of line when it is at least ``RATIO`` (5) times the reference or at most a fifth
  of it (a zero against a non-zero reference counts as out of line): a share typed as a fraction
  (0.047 among figures near 5) is a hundredth, a mistyped extra digit ten times.
- Small counts swing by nature: for whole-number units (persons, counts) a figure is only out of
  line when, besides, it differs from the reference by more than ``10 + 4·√reference``, far beyond
  what chance gives a count of that size (1 → 6 drug deaths in a small municipality passes; 285 →
  2,850 does not).
- Figures below zero (scores) are never judged: a ratio says nothing there.

``--force`` records an out-of-line figure anyway.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence

from goaltrack.domain.units import format_plain

RATIO = 5.0
COUNT_SLACK, COUNT_SPREAD = 10.0, 4.0
NEIGHBOURS_EACH_SIDE = 2


def neighbours(year: int, figures: Sequence[tuple[int, float]]) -> list[tuple[int, float]]:
    """The nearest figures of other years: up to two before ``year`` and two after, by year."""
    before = sorted((f for f in figures if f[0] < year), key=lambda f: f[0])[-NEIGHBOURS_EACH_SIDE:]
    after = sorted((f for f in figures if f[0] > year), key=lambda f: f[0])[:NEIGHBOURS_EACH_SIDE]
    return before + after


def out_of_line(value: float, reference: float, whole: bool) -> bool:
    """The rule above, against the median of the neighbours."""
    if value < 0 or reference < 0:
        return False
    low, high = min(value, reference), max(value, reference)
    if high == 0:
        return False
    if low > 0 and high / low < RATIO:
        return False
    if whole and abs(value - reference) <= COUNT_SLACK + COUNT_SPREAD * math.sqrt(reference):
        return False
    return True


def check(value: float, year: int, figures: Sequence[tuple[int, float]], whole: bool) -> str | None:
    """Why ``value`` for ``year`` is out of line with ``figures`` (year, value) of the same goal and
    scope, naming the neighbours; None when it is in line."""
    near = neighbours(year, figures)
    if not near:
        return None
    reference = statistics.median(v for _, v in near)
    if not out_of_line(value, reference, whole):
        return None
    listed = ", ".join(f"{format_plain(v)} in {y}" for y, v in near)
    return (f"{format_plain(value)} is far out of line with the figures beside it ({listed}); "
            "check the figure, or use --force to record it anyway")
