"""Reading figures from the record: the current ones per goal and scope, by scope, and the history.

The current figure of an indicator, scope and year is a query on the append-only record
(goaltrack.storage.models.FigureEntry): the entry with the highest id among those published on or
before the engine's vintage day (goaltrack.storage.vintage; none: every entry), unless that entry is a
deletion. Goals name their indicator; two goals of one indicator read the same figures.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import false, func, select

from goaltrack.catalogue import NATION
from goaltrack.domain import regions
from goaltrack.domain.progress import Point
from goaltrack.domain.units import counts
from goaltrack.storage.lookup import get_goals, list_scopes, resolve_scope
from goaltrack.storage.models import FigureEntry, Goal, measured
from goaltrack.storage.vintage import known_at

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ENTRY = FigureEntry.__table__


def indicators(conn: Connection, goal_ids: Sequence[str]) -> dict[str, str]:
    """goal id → the indicator whose figures it reads (``models.measured``), on an open connection."""
    goal = Goal.__table__
    return {gid: measured(gid, ind) for gid, ind in
            conn.execute(select(goal.c.id, goal.c.indicator).where(goal.c.id.in_(list(goal_ids))))}


def current_query(indicator_ids: Sequence[str], *conditions, up_to: int | None = None,
                  day: datetime.date | None = None, with_deleted: bool = False):
    """(indicator, scope, year, value, source, flag, id) of the current figures of these indicators
    under ``conditions`` (on the entry table), by indicator, scope and year; ``with_deleted``: the
    newest entry of each key, deletions too. The newest entry per key is found on the index
    (indicator, scope, year): as fast with a million entries of other scopes."""
    where = [ENTRY.c.indicator.in_(list(indicator_ids)), *conditions]
    if up_to is not None:
        where.append(ENTRY.c.year <= up_to)
    if day is not None:
        where.append(ENTRY.c.published <= day)
    newest = select(func.max(ENTRY.c.id)).where(*where).group_by(ENTRY.c.indicator, ENTRY.c.scope, ENTRY.c.year)
    return (select(ENTRY.c.indicator, ENTRY.c.scope, ENTRY.c.year, ENTRY.c.value, ENTRY.c.source, ENTRY.c.flag,
                   ENTRY.c.id)
            .where(ENTRY.c.id.in_(newest), *([] if with_deleted else [ENTRY.c.deleted == false()]))
            .order_by(ENTRY.c.indicator, ENTRY.c.scope, ENTRY.c.year))


def _read(engine: Engine, goal_ids: Sequence[str], *conditions, up_to: int | None):
    """(goal ids of the indicator, scope, point) for each current figure."""
    if not goal_ids:
        return
    with engine.connect() as conn:
        of = indicators(conn, goal_ids)
        goals_of: dict[str, list[str]] = {}
        for goal_id, indicator in of.items():
            goals_of.setdefault(indicator, []).append(goal_id)
        query = current_query(list(goals_of), *conditions, up_to=up_to, day=known_at(engine))
        for indicator, scope, year, value, source, flag, _ in conn.execute(query):
            yield goals_of[indicator], scope, Point(year, value, source, flag)


def current_measurements(engine: Engine, goal_ids: Sequence[str], scope: str = NATION,
                         up_to: int | None = None) -> dict[str, list[Point]]:
    """The current figures of the goals in one scope, by goal, oldest year first."""
    out: dict[str, list[Point]] = {goal_id: [] for goal_id in goal_ids}
    for goal_ids_, _, point in _read(engine, goal_ids, ENTRY.c.scope == scope, up_to=up_to):
        for goal_id in goal_ids_:
            out[goal_id].append(point)
    return out


def figures_in_scopes(engine: Engine, goal_ids: Sequence[str], scopes: Sequence[str],
                      up_to: int | None = None) -> dict[str, dict[str, list[Point]]]:
    """The current figures of the goals in several scopes: goal → scope → points, oldest first."""
    out: dict[str, dict[str, list[Point]]] = {goal_id: {} for goal_id in goal_ids}
    if not scopes:
        return out
    for goal_ids_, scope, point in _read(engine, goal_ids, ENTRY.c.scope.in_(list(scopes)), up_to=up_to):
        for goal_id in goal_ids_:
            out[goal_id].setdefault(scope, []).append(point)
    return out


def figures_by_scope(engine: Engine, goal_id: str, up_to: int | None = None) -> dict[str, list[Point]]:
    """The current figures of one goal in every scope that has any, oldest year first."""
    out: dict[str, list[Point]] = {}
    for _, scope, point in _read(engine, [goal_id], up_to=up_to):
        out.setdefault(scope, []).append(point)
    return out


def population_by_scope(engine: Engine, indicator: str, up_to: int | None = None) -> dict[str, dict[int, float]]:
    """Scope → year → the current figure of a population indicator (a set's inhabitants, for rates),
    at the engine's vintage."""
    out: dict[str, dict[int, float]] = {}
    with engine.connect() as conn:
        for _, scope, year, value, *_ in conn.execute(current_query([indicator], up_to=up_to, day=known_at(engine))):
            out.setdefault(scope, {})[year] = value
    return out


def _region_sum_rows(engine: Engine, goal_id: str, scope: str | None) -> list[HistoryRow]:
    members = {region: codes for region, codes in regions.members_by_region(list_scopes(engine)).items()
               if scope in (None, region)}
    if not members:
        return []
    figures = figures_by_scope(engine, goal_id)
    rows = []
    for region, codes in members.items():
        parts = {code: figures[code] for code in codes if code in figures}
        for year, value in regions.sums(figures.get(region, []), parts, len(codes)).items():
            rows.append(HistoryRow(region, year, value, None, None, None, None, derived=len(codes)))
    return rows


@dataclass(frozen=True)
class HistoryRow:
    scope: str
    year: int
    value: float
    source: str | None
    note: str | None
    recorded_at: datetime.datetime | None  # None: a figure goaltrack derived, never recorded
    replaced_at: datetime.datetime | None  # None: the current figure; else when replaced or deleted
    replaces: float | None = None  # the figure this one replaced, if any
    derived: int | None = None  # a region's sum: of how many municipalities
    deleted: bool = False  # deleted (``replaced_at`` says when), not replaced by a correction
    reason: str | None = None  # the note given when it was deleted
    published: datetime.date | None = None  # when its producer released it
    flag: str | None = None


def history(engine: Engine, goal_id: str, scope: str | None = None) -> list[HistoryRow]:
    """Every figure of a goal's indicator, current, replaced and deleted, by scope, year and order
    recorded; for persons and counts also each region's derived sums (the sum of its municipalities
    where it has no figure). At a vintage (goaltrack.storage.vintage), only the entries published by then."""
    goal = get_goals(engine, [goal_id])[0]
    if scope is not None:
        scope = resolve_scope(engine, scope)
    query = select(ENTRY).where(ENTRY.c.indicator == goal.measures)
    if scope is not None:
        query = query.where(ENTRY.c.scope == scope)
    day = known_at(engine)
    if day is not None:
        query = query.where(ENTRY.c.published <= day)
    with engine.connect() as conn:
        entries = list(conn.execute(query.order_by(ENTRY.c.scope, ENTRY.c.year, ENTRY.c.id)))
    rows = _history_rows(entries)
    if counts(goal.unit):
        rows += _region_sum_rows(engine, goal.id, scope)
    rows.sort(key=lambda r: (r.scope != NATION, r.scope, r.year))  # stable: each key's entries stay in order
    return rows


def _history_rows(entries: Sequence) -> list[HistoryRow]:
    """The record's entries, in order per key, as figures: a deletion marks the figure before it deleted
    (when, and why); each figure after another of its key replaces it."""
    rows: list[HistoryRow] = []
    for i, e in enumerate(entries):
        if e.deleted:
            continue
        after = entries[i + 1] if i + 1 < len(entries) else None
        if after is not None and (after.scope, after.year) != (e.scope, e.year):
            after = None
        before = rows[-1] if rows and (rows[-1].scope, rows[-1].year) == (e.scope, e.year) else None
        replaces = None if before is None or before.deleted else before.value
        rows.append(HistoryRow(e.scope, e.year, e.value, e.source, e.note, e.recorded_at,
                               None if after is None else after.recorded_at, replaces,
                               deleted=bool(after is not None and after.deleted),
                               reason=after.note if after is not None and after.deleted else None,
                               published=e.published, flag=e.flag))
    return rows
