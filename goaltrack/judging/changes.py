"""What changed between two vintages of the record: the goals whose verdict, category or latest figure moved, and the entries that moved them.

``changes`` judges every goal twice, on the record as known at ``since`` and as known at ``until``
(goaltrack.storage.vintage; ``until`` None: as it stands), and keeps the goals whose picture differs,
each with the entries published in between for its indicator in the scope it is judged in.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goaltrack.domain.progress import Point
from goaltrack.judging.status import GoalStatus, build_status
from goaltrack.storage.vintage import at

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class Entry:
    """An entry of the record published between the two vintages."""

    scope: str
    year: int
    value: float
    source: str | None
    published: datetime.date
    flag: str | None
    deleted: bool
    before: float | None  # the value it replaced as known at ``since`` (None: a new figure)


@dataclass(frozen=True)
class Change:
    before: GoalStatus
    after: GoalStatus
    what: tuple[str, ...]  # which of "verdict", "basis" (the figure deciding it), "category", "latest" changed
    entries: tuple[Entry, ...]


def _latest(status: GoalStatus) -> tuple | None:
    p: Point | None = status.assessment.latest
    return None if p is None else (p.year, p.value, p.flag)


def differences(before: GoalStatus, after: GoalStatus) -> tuple[str, ...]:
    """Which of the verdict, the figure that decides it (its basis, where the verdict stayed), the
    category and the latest figure differ between two judgements."""
    a, b = before.assessment, after.assessment
    out = []
    if a.verdict != b.verdict:
        out.append("verdict")
    elif a.verdict_basis != b.verdict_basis:
        out.append("basis")
    if a.category != b.category:
        out.append("category")
    if _latest(before) != _latest(after):
        out.append("latest")
    return tuple(out)


def changes(engine: Engine, since: datetime.date, until: datetime.date | None, as_of: int,
            goal_ids: Sequence[str] = (), scope: str | None = None, set_id: str | None = None) -> list[Change]:
    """The goals whose verdict, category or latest figure differ between the record as known at
    ``since`` and at ``until`` (None: now), each judged as of ``as_of``, in catalogue order."""
    before = build_status(at(engine, since), as_of, goal_ids, scope, set_id)
    after = build_status(at(engine, until), as_of, goal_ids, scope, set_id)
    out = []
    for old, new in zip(before, after, strict=True):
        what = differences(old, new)
        if what:
            out.append(Change(old, new, what, tuple(published_between(engine, new, since, until))))
    return out


def published_between(engine: Engine, status: GoalStatus, since: datetime.date,
                      until: datetime.date | None) -> list[Entry]:
    """The entries of the goal's indicator in its scope published after ``since`` and by ``until``,
    by year and order recorded; each with the value it replaced (as known at ``since``, or as an
    earlier entry in between left it)."""
    from sqlalchemy import select

    from goaltrack.storage.queries import ENTRY

    goal = status.goal
    query = select(ENTRY).where(ENTRY.c.indicator == goal.measures,
                                ENTRY.c.scope == status.place.code, ENTRY.c.published > since)
    if until is not None:
        query = query.where(ENTRY.c.published <= until)
    known = {p.year: p.value for p in status_points_at(engine, status, since)}
    with engine.connect() as conn:
        rows = list(conn.execute(query.order_by(ENTRY.c.year, ENTRY.c.id)))
    out = []
    for r in rows:  # each replaces what stood before it: at ``since``, then the entries in between
        out.append(Entry(r.scope, r.year, r.value, r.source, r.published, r.flag, bool(r.deleted), known.get(r.year)))
        if r.deleted:
            known.pop(r.year, None)
        else:
            known[r.year] = r.value
    return out


def status_points_at(engine: Engine, status: GoalStatus, day: datetime.date) -> list[Point]:
    from goaltrack.storage.queries import current_measurements

    return current_measurements(at(engine, day), [status.goal.id], status.place.code)[status.goal.id]
