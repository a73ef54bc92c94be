"""Reading and writing goals, scopes and measurements. Every write is one transaction.

Functions take an Engine from ``goaltrack.storage.database.open_database`` and raise GoaltrackError for expected
failures (unknown goal, duplicate figure, a sync that would drop data); on any error nothing is written.
"""

from __future__ import annotations

import dataclasses
import datetime
import difflib
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import union_all
from sqlmodel import Session, select

from goaltrack.storage import database as db
from goaltrack.domain import figure, regions
from goaltrack.catalogue import (
    NATION,
    SHIPPED_SET,
    Catalogue,
    GoalDef,
    goal_key,
    load_catalogue,
    default_catalogue_path,
)
from goaltrack.errors import GoaltrackError
from goaltrack.storage.models import Goal, GoalSet, Measurement, Meta, ReplacedMeasurement, Scope, utcnow
from goaltrack.domain.progress import Point
from goaltrack.domain.text import shorten
from goaltrack.domain.units import UNITS, format_plain

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


GOAL_FIELDS = ("title_en", "title_da", "short_en", "short_da", "unit", "direction", "baseline_year",
               "baseline_value", "target_year", "target_value", "target_change_pct", "source", "verdict_window")


@contextmanager
def writing(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction (see goaltrack.storage.database.writing): all of it, or none of it."""
    with db.writing(engine) as conn, Session(bind=conn, expire_on_commit=False) as session:
        yield session
        session.flush()


def reading(engine: Engine) -> Session:
    return Session(engine)


# --- the catalogue --------------------------------------------------------------------------------


@dataclass
class SyncResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    measurements_added: int = 0
    # Figures the database holds that the catalogue gives otherwise (goal, scope, year, held, catalogue's
    # value, its source): never overwritten by a sync, but shown, so a revision is not missed.
    differing: list[tuple[str, str, int, float, float, str | None]] = field(default_factory=list)


def ensure_catalogue(engine: Engine) -> SyncResult | None:
    """Load the starting catalogue (``GOALTRACK_CATALOGUE``, else the shipped one) into a database that has
    never had one."""
    with reading(engine) as session:
        if session.get(Meta, "catalogue") is not None:
            return None
    return sync_catalogue(engine, load_catalogue(default_catalogue_path()), first_load=True)


def sync_catalogue(engine: Engine, catalogue: Catalogue, archive: bool = False,
                   first_load: bool = False) -> SyncResult | None:
    """Make the database's goal set named in the catalogue (its ``id``; without one, the shipped set)
    follow the catalogue, adding the set if it is new; every other set is left alone.

    New goals are added and changed ones updated. A goal of the set missing from the catalogue is
    removed when it has no measurements; one with measurements makes the sync fail, naming it, unless
    ``archive`` is set: then it is kept with all its figures, out of status and charts. Figures
    written in the catalogue are loaded where nothing is recorded for their goal, scope and year.

    With ``first_load``, nothing happens (and None is returned) if a catalogue was ever loaded.
    """
    result = SyncResult()
    set_id = catalogue.set_id
    with writing(engine) as session:
        if first_load and session.get(Meta, "catalogue") is not None:
            return None  # another process loaded it while we waited for the lock
        others = set_id != SHIPPED_SET
        count = len(list(session.exec(select(Scope.code))))
        for position, definition in enumerate(catalogue.scopes):
            scope = session.get(Scope, definition.code)
            if scope is None:
                scope = Scope(code=definition.code, position=count + position)
                session.add(scope)
            scope.name, scope.kind, scope.parent = definition.name, definition.kind, definition.parent
            if not others:  # the shipped catalogue orders the scopes; another set's are added after them
                scope.position = position
        session.flush()
        if catalogue.scope is not None and session.get(Scope, catalogue.scope) is None:
            raise GoaltrackError(f"{catalogue.path}: scope '{catalogue.scope}' is not a known scope "
                                 "(see goaltrack scopes, or define it under scopes:); nothing was changed")
        goal_set = session.get(GoalSet, set_id)
        if goal_set is None:
            position = len(list(session.exec(select(GoalSet.id))))
            goal_set = GoalSet(id=set_id, name=catalogue.name or set_id, position=position)
            session.add(goal_set)
        goal_set.name, goal_set.scope = catalogue.name or set_id, catalogue.scope
        session.flush()

        existing = {goal.id: goal for goal in session.exec(select(Goal).where(Goal.set_id == set_id))}
        taken = set(session.exec(select(Goal.id).where(Goal.set_id != set_id)))
        wanted = {goal_key(set_id, goal.id) for goal in catalogue.goals}
        clash = sorted(wanted & taken)
        if clash:  # only a bare id of the shipped set can meet another set's SET/ID: never, by its form
            raise GoaltrackError(f"{catalogue.path}: goal id(s) {', '.join(clash)} belong to another set; "
                                 "nothing was changed")
        for position, definition in enumerate(catalogue.goals):
            key = goal_key(set_id, definition.id)
            goal = existing.get(key)
            if goal is None:
                session.add(Goal(id=key, set_id=set_id, position=position, **_fields(definition)))
                result.added.append(key)
                continue
            changed = {k: v for k, v in _fields(definition).items() if getattr(goal, k) != v}
            for name, value in changed.items():
                setattr(goal, name, value)
            goal.position = position
            if goal.archived:
                goal.archived = False
                result.restored.append(goal.id)
            elif changed:
                result.updated.append(goal.id)

        missing = [goal for goal in existing.values() if goal.id not in wanted and not goal.archived]
        with_data = _goals_with_measurements(session, [goal.id for goal in missing])
        blocked = [goal.id for goal in missing if goal.id in with_data]
        if blocked and not archive:
            raise GoaltrackError(
                f"{catalogue.path} leaves out {len(blocked)} goal(s){f' of set {set_id}' if others else ''} "
                f"that have measurements: "
                f"{', '.join(blocked)}; nothing was changed (use --archive to keep them, out of status)"
            )
        for goal in missing:
            if goal.id in with_data:
                goal.archived = True
                result.archived.append(goal.id)
            else:
                session.delete(goal)
                result.removed.append(goal.id)
        session.flush()

        result.measurements_added = _seed_measurements(session, catalogue.goals, set_id, result.differing)
        meta = {"catalogue": catalogue.path, "catalogue_synced_at": utcnow().isoformat(timespec="seconds")}
        if not others:
            meta["catalogue_name"] = catalogue.name or ""
        _set_meta(session, **meta)
    return result


def _fields(definition: GoalDef) -> dict:
    return {name: getattr(definition, name) for name in GOAL_FIELDS}


def _goals_with_measurements(session: Session, goal_ids: list[str]) -> set[str]:
    if not goal_ids:
        return set()
    current = select(Measurement.goal_id).where(Measurement.goal_id.in_(goal_ids))
    replaced = select(ReplacedMeasurement.goal_id).where(ReplacedMeasurement.goal_id.in_(goal_ids))
    return set(session.execute(union_all(current, replaced)).scalars())


def _seed_measurements(session: Session, goals: Sequence[GoalDef], set_id: str, differing: list) -> int:
    """Load the catalogue's published figures where the database has none for their scope and year,
    and none was deleted there (a figure someone deleted stays deleted). A figure the database holds
    with another value is kept, and listed in ``differing``."""
    added = 0
    for definition in goals:
        if not definition.measurements:
            continue
        key = goal_key(set_id, definition.id)
        held = {(scope, year): value for scope, year, value in session.exec(
            select(Measurement.scope, Measurement.year, Measurement.value).where(Measurement.goal_id == key))}
        deleted = set(session.exec(
            select(ReplacedMeasurement.scope, ReplacedMeasurement.year)
            .where(ReplacedMeasurement.goal_id == key, ReplacedMeasurement.deleted == True)  # noqa: E712
        ).all())
        for seed in definition.measurements:
            mine = held.get((seed.scope, seed.year))
            if mine is not None and mine != seed.value:
                differing.append((definition.id, seed.scope, seed.year, mine, seed.value, seed.source))
            if mine is None and (seed.scope, seed.year) not in deleted:
                if seed.first_value is not None:  # the first release, in the history as the figure revised
                    now = utcnow()
                    session.add(ReplacedMeasurement(goal_id=key, scope=seed.scope, year=seed.year,
                                                    value=seed.first_value, source=seed.first_source,
                                                    recorded_at=now, replaced_at=now))
                session.add(Measurement(goal_id=key, scope=seed.scope, year=seed.year,
                                        value=seed.value, source=seed.source, note=seed.note))
                added += 1
    return added


def catalogue_name(engine: Engine) -> str | None:
    """The ``name`` of the catalogue last synced ("Sociale 2020-mål (Alle skal med, 2013)"), if any."""
    with reading(engine) as session:
        row = session.get(Meta, "catalogue_name")
        return row.value if row is not None and row.value else None


def _set_meta(session: Session, **values: str) -> None:
    for key, value in values.items():
        row = session.get(Meta, key)
        if row is None:
            session.add(Meta(key=key, value=value))
        else:
            row.value = value


# --- goals and scopes -----------------------------------------------------------------------------


def list_goals(engine: Engine, include_archived: bool = False, set_id: str | None = None) -> list[Goal]:
    """The goals of every set (or of ``set_id``), the sets in order, each in catalogue order."""
    with reading(engine) as session:
        query = select(Goal)
        if not include_archived:
            query = query.where(Goal.archived == False)  # noqa: E712 (SQL, not Python)
        if set_id is not None:
            query = query.where(Goal.set_id == set_id)
        goals = list(session.exec(query))
        order = {s.id: s.position for s in session.exec(select(GoalSet))}
    return sorted(goals, key=lambda g: (g.archived, order.get(g.set_id, 0), g.set_id, g.position, g.id))


def list_sets(engine: Engine) -> list[GoalSet]:
    """The goal sets, in the order they were first synced."""
    with reading(engine) as session:
        return list(session.exec(select(GoalSet).order_by(GoalSet.position, GoalSet.id)))


def get_set(engine: Engine, set_id: str) -> GoalSet:
    with reading(engine) as session:
        goal_set = session.get(GoalSet, set_id)
        known = list(session.exec(select(GoalSet.id).order_by(GoalSet.position)))
    if goal_set is None:
        raise GoaltrackError(f"unknown goal set '{set_id}' (known: {', '.join(known) or 'none'})")
    return goal_set


def resolve_goal(goals: Sequence[Goal], name: str, set_id: str | None = None) -> Goal:
    """The goal a name means: SET/ID exactly, or a bare ID that only one set (or ``set_id``) has.
    A bare ID that several sets have is an error listing them."""
    if "/" in name:
        wanted_set, _, code = name.partition("/")
        matches = [g for g in goals if g.set_id == wanted_set and g.code == code]
    else:
        matches = [g for g in goals if g.code == name and set_id in (None, g.set_id)]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise GoaltrackError(f"goal '{name}' is in {len(matches)} sets: "
                             f"{', '.join(g.full_name for g in matches)}; name one as SET/ID")
    raise unknown_goal(name, [g.full_name for g in goals] + [g.code for g in goals])


def display_names(goals: Sequence[Goal]) -> dict[str, str]:
    """goal key → the shortest name that says it exactly: the bare ID where only one set has it,
    else SET/ID (what export writes, and import reads)."""
    counts: dict[str, int] = {}
    for goal in goals:
        counts[goal.code] = counts.get(goal.code, 0) + 1
    return {g.id: g.code if counts[g.code] == 1 else g.full_name for g in goals}


def active_goal_ids(conn) -> list[str]:
    """The ids of the goals that take figures (not archived), on an open connection."""
    return list(conn.execute(select(Goal.id).where(Goal.archived == False)).scalars())  # noqa: E712


def scope_codes(conn) -> list[str]:
    return list(conn.execute(select(Scope.code)).scalars())


def get_goals(engine: Engine, goal_ids: Sequence[str], set_id: str | None = None) -> list[Goal]:
    """The named goals (SET/ID, or a bare ID one set has) in the order given; an unknown name is an
    error that suggests close matches, an ambiguous one an error that lists the candidates."""
    with reading(engine) as session:
        known = list(session.exec(select(Goal)))
    found = {goal.id: goal for goal in (resolve_goal(known, name, set_id) for name in goal_ids)}
    return list(found.values())


def unknown_goal(goal_id: str, known: Sequence[str]) -> GoaltrackError:
    close = difflib.get_close_matches(goal_id, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else " (see goaltrack goals)"
    return GoaltrackError(f"unknown goal '{goal_id}'{hint}")


def list_scopes(engine: Engine) -> list[Scope]:
    with reading(engine) as session:
        return list(session.exec(select(Scope).order_by(Scope.position, Scope.code)))


def scope_names(engine: Engine):
    """The resolver of scope names and codes for this database's scopes."""
    from goaltrack.domain.scopes import ScopeNames

    with reading(engine) as session:
        return ScopeNames(session.execute(select(Scope.code, Scope.name)).all(), NATION)


def resolve_scope(engine: Engine, text: str) -> str:
    """The code of the scope a user named: by code (0101 is 101) or by name, any case, with or
    without "Kommune"/"Region"; "Hele landet"/"Danmark" is the nation. Unknown: "did you mean …?"."""
    with reading(engine) as session:
        if session.get(Scope, text) is not None:  # the common case: a code as stored
            return text
    return scope_names(engine).resolve(text)


def get_scope(engine: Engine, code: str) -> Scope:
    code = resolve_scope(engine, code)
    with reading(engine) as session:
        return session.get(Scope, code)


# --- measurements ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Recorded:
    outcome: str  # recorded | replaced | resourced (same figure, new source) | unchanged
    measurement: Measurement
    unit: str
    replaced: float | None = None


def check_year(year: int) -> None:
    why = figure.figure_year_problem(year)
    if why:
        raise GoaltrackError(why)


def clean_text(text: str | None, what: str, keep: str = figure.SOURCE_KEEPS) -> str | None:
    """A source or note as stored (see goaltrack.domain.figure.clean_text), or the reason refused."""
    text, why = figure.clean_text(text, what, keep)
    if why:
        raise GoaltrackError(why)
    return text


def record(engine: Engine, goal_id: str, value: float, year: int, scope: str | None = None,
           source: str | None = None, note: str | None = None, replace: bool = False,
           force: bool = False) -> Recorded:
    """Record one figure. A different figure for the same goal, scope and year needs ``replace`` and a
    ``source`` (a revision says where it comes from), and the old one is kept as history; the same
    figure with a new source takes the source, keeping the old one as history; the same figure
    again changes nothing. A figure far out of line with its neighbours (see goaltrack.domain.plausible)
    is refused unless ``force``. Without a scope, the figure is for the scope the goal's set is
    judged in (the nation for the shipped set); a scope by code or name."""
    from goaltrack.domain import plausible

    check_year(year)
    source = clean_text(source, "the source")
    note = clean_text(note, "the note", figure.NOTE_KEEPS)
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id)
        goal_set = session.get(GoalSet, goal.set_id)
        home = (goal_set.scope if goal_set is not None else None) or NATION
        scope = scope or home
        goal_id = goal.id
        if goal.archived:
            raise GoaltrackError(f"goal '{goal_id}' is archived (it was left out of the catalogue)")
        why = UNITS[goal.unit].check(value)
        if why:
            raise GoaltrackError(f"{goal_id}: {why}")
        current = session.exec(select(Measurement).where(
            Measurement.goal_id == goal_id, Measurement.scope == scope, Measurement.year == year
        )).first()
        if current is not None and current.value == value:
            if source is not None and source != current.source:
                _keep(session, current)
                current.source = source
                if note is not None:
                    current.note = note
                current.recorded_at = utcnow()
                session.flush()
                return Recorded("resourced", current, goal.unit, current.value)
            if not replace or note in (None, current.note):
                return Recorded("unchanged", current, goal.unit)
        if current is not None and not replace:
            cited = f" (source: {shorten(current.source)})" if current.source else ""
            raise GoaltrackError(
                f"{goal_id} already has {format_plain(current.value)} for {scope} {year}{cited}; "
                f"use --replace with --source to correct it to {format_plain(value)}"
            )
        if current is not None and current.value != value and source is None:
            raise GoaltrackError(f"a revised figure needs its source: {goal_id} {scope} {year} "
                                 f"{format_plain(current.value)} → {format_plain(value)}; add --source TEXT")
        if not force and (current is None or current.value != value):
            others = session.execute(select(Measurement.year, Measurement.value).where(
                Measurement.goal_id == goal_id, Measurement.scope == scope, Measurement.year != year)).all()
            doubt = plausible.check(value, year, known_figures(goal, scope == home, others, year),
                                    UNITS[goal.unit].whole)
            if doubt:
                raise GoaltrackError(f"{goal_id} {scope} {year}: {doubt}")
        if current is None:
            measurement = Measurement(goal_id=goal_id, scope=scope, year=year, value=value,
                                      source=source, note=note)
            session.add(measurement)
            session.flush()
            return Recorded("recorded", measurement, goal.unit)
        old = current.value
        _keep(session, current)
        current.value, current.source, current.note = value, source or current.source, note
        current.recorded_at = utcnow()
        session.flush()
        return Recorded("replaced", current, goal.unit, old)


def known_figures(goal: Goal, home: bool, figures, year: int) -> list[tuple[int, float]]:
    """(year, value) of a goal's figures in a scope other than ``year``: the measurements, and in the
    goal's own scope (``home``: the nation for the shipped set) the catalogue's baseline where no
    measurement stands for its year."""
    out = [(y, v) for y, v in figures if y != year]
    if home and goal.baseline_year is not None and goal.baseline_value is not None \
            and goal.baseline_year != year and all(y != goal.baseline_year for y, _ in out):
        out.append((goal.baseline_year, goal.baseline_value))
    return out


def _keep(session: Session, current: Measurement, deleted: bool = False, reason: str | None = None) -> None:
    """The current figure into the history, as it stands, before it changes or goes."""
    session.add(ReplacedMeasurement(goal_id=current.goal_id, scope=current.scope, year=current.year,
                                    value=current.value, source=current.source, note=current.note,
                                    recorded_at=current.recorded_at, deleted=deleted, reason=reason))


def delete(engine: Engine, goal_id: str, year: int, scope: str | None = None, note: str | None = None) -> Recorded:
    """Remove the current figure of a goal, scope and year. It stays in the history, marked deleted,
    with when (and ``note`` as the reason): nothing is ever lost. Without a scope: the goal's set's."""
    note = clean_text(note, "the note", figure.NOTE_KEEPS)
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id)
        goal_set = session.get(GoalSet, goal.set_id)
        scope = scope or (goal_set.scope if goal_set is not None else None) or NATION
        goal_id = goal.id
        current = session.exec(select(Measurement).where(
            Measurement.goal_id == goal_id, Measurement.scope == scope, Measurement.year == year
        )).first()
        if current is None:
            raise GoaltrackError(f"{goal_id} has no current figure for {scope} {year} (see goaltrack history {goal_id})")
        _keep(session, current, deleted=True, reason=note)
        session.delete(current)
        session.flush()
        return Recorded("deleted", current, goal.unit, current.value)


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


def members(engine: Engine, scope: str) -> list[str]:
    """The codes of the municipalities (or other scopes) whose parent is ``scope``."""
    with reading(engine) as session:
        return list(session.exec(select(Scope.code).where(Scope.parent == scope).order_by(Scope.code)))


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
    scopes = list_scopes(engine)
    kinds = {s.code: s.kind for s in scopes}
    members: dict[str, list[str]] = {}
    for s in scopes:
        if s.parent is not None and kinds.get(s.parent) == "region" and scope in (None, s.parent):
            members.setdefault(s.parent, []).append(s.code)
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
    with reading(engine) as session:
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
    if goal.unit in regions.SUMMED_UNITS:
        rows += _region_sum_rows(engine, goal_id, scope)
    far_future = datetime.datetime.max
    rows.sort(key=lambda r: (r.scope != NATION, r.scope, r.year, r.replaced_at or far_future))
    for i in range(1, len(rows)):  # each figure after the first for its scope and year replaced the one before
        before, row = rows[i - 1], rows[i]
        if (before.scope, before.year) == (row.scope, row.year) and not before.deleted:
            rows[i] = dataclasses.replace(row, replaces=before.value)
    return rows
