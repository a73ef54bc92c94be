"""Reading figures: the current ones per goal and scope, by scope, a region's sums, and the history."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import select

from goaltrack.catalogue import NATION
from goaltrack.domain import regions
from goaltrack.domain.progress import Point
from goaltrack.domain.units import counts
from goaltrack.storage.lookup import get_goals, list_scopes, resolve_scope
from goaltrack.storage.models import Measurement, ReplacedMeasurement
from goaltrack.storage.sessions import reading_session

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def current_measurements(engine: Engine, goal_ids: Sequence[str], scope: str = NATION,
                         up_to: int | None = None) -> dict[str, list[Point]]:
    """The current figures of the goals in one scope, by goal, oldest year first.

    The database does the selecting, on the unique index (goal, scope, year): this stays as fast
    with a million figures of other scopes as with none.
    """
    out: dict[str, list[Point]] = {goal_id: [] for goal_id in goal_ids}
    if not goal_ids:
        return out
    with engine.connect() as conn:
        for goal_id, year, value, source in conn.execute(current_query(goal_ids, scope, up_to)):
            out[goal_id].append(Point(year, value, source))
    return out


def current_query(goal_ids: Sequence[str], scope: str, up_to: int | None = None):
    table = Measurement.__table__
    return _figures_query(table.c.goal_id, table.c.goal_id.in_(list(goal_ids)), table.c.scope == scope,
                          up_to=up_to)


def figures_in_scopes(engine: Engine, goal_ids: Sequence[str], scopes: Sequence[str],
                      up_to: int | None = None) -> dict[str, dict[str, list[Point]]]:
    """The current figures of the goals in several scopes: goal → scope → points, oldest first."""
    out: dict[str, dict[str, list[Point]]] = {goal_id: {} for goal_id in goal_ids}
    if not goal_ids or not scopes:
        return out
    table = Measurement.__table__
    query = _figures_query(table.c.goal_id, table.c.goal_id.in_(list(goal_ids)), table.c.scope.in_(list(scopes)),
                           up_to=up_to).add_columns(table.c.scope)
    with engine.connect() as conn:
        for goal_id, year, value, source, scope in conn.execute(query):
            out[goal_id].setdefault(scope, []).append(Point(year, value, source))
    return out


def figures_by_scope(engine: Engine, goal_id: str, up_to: int | None = None) -> dict[str, list[Point]]:
    """The current figures of one goal in every scope that has any, oldest year first."""
    table = Measurement.__table__
    out: dict[str, list[Point]] = {}
    with engine.connect() as conn:
        for scope, year, value, source in conn.execute(
                _figures_query(table.c.scope, table.c.goal_id == goal_id, up_to=up_to)):
            out.setdefault(scope, []).append(Point(year, value, source))
    return out


def _figures_query(key, *conditions, up_to: int | None):
    """(key, year, value, source) of current figures, by key and year: ``key`` groups the rows."""
    table = Measurement.__table__
    if up_to is not None:
        conditions += (table.c.year <= up_to,)
    return (select(key, table.c.year, table.c.value, table.c.source).where(*conditions)
            .order_by(key, table.c.year))


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


def history(engine: Engine, goal_id: str, scope: str | None = None) -> list[HistoryRow]:
    """Every figure of a goal, current, replaced and deleted, by scope, year and time recorded; for
    persons and counts also each region's derived sums (the sum of its municipalities where it has no
    figure)."""
    goal = get_goals(engine, [goal_id])[0]
    goal_id = goal.id
    if scope is not None:
        scope = resolve_scope(engine, scope)
    rows: list[HistoryRow] = []
    with reading_session(engine) as session:
        current = select(Measurement).where(Measurement.goal_id == goal_id)
        replaced = select(ReplacedMeasurement).where(ReplacedMeasurement.goal_id == goal_id)
        if scope is not None:
            current = current.where(Measurement.scope == scope)
            replaced = replaced.where(ReplacedMeasurement.scope == scope)
        for m in session.exec(current):
            rows.append(HistoryRow(m.scope, m.year, m.value, m.source, m.note, m.recorded_at, None))
        for r in session.exec(replaced):
            rows.append(HistoryRow(r.scope, r.year, r.value, r.source, r.note, r.recorded_at, r.replaced_at,
                                   deleted=r.deleted, reason=r.reason))
    if counts(goal.unit):
        rows += _region_sum_rows(engine, goal_id, scope)
    far_future = datetime.datetime.max
    rows.sort(key=lambda r: (r.scope != NATION, r.scope, r.year, r.replaced_at or far_future))
    for i in range(1, len(rows)):  # each figure after the first for its scope and year replaced the one before
        before, row = rows[i - 1], rows[i]
        if (before.scope, before.year) == (row.scope, row.year) and not before.deleted:
            rows[i] = dataclasses.replace(row, replaces=before.value)
    return rows
