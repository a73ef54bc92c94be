"""A catalogue into the database: goals, sets and scopes made to follow it, its figures loaded, nothing lost."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import union_all
from sqlmodel import Session, select

from goaltrack.catalogue import (
    SHIPPED_SET,
    Catalogue,
    GoalDef,
    default_catalogue_path,
    goal_key,
    load_catalogue,
)
from goaltrack.errors import GoaltrackError
from goaltrack.storage.models import (
    Goal,
    GoalSet,
    Measurement,
    Meta,
    ReplacedMeasurement,
    Scope,
    utcnow,
)
from goaltrack.storage.sessions import reading_session, writing_session
from goaltrack.storage.writer import FigureWriter

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


GOAL_FIELDS = ("title_en", "title_da", "short_en", "short_da", "unit", "direction", "baseline_year",
               "baseline_value", "target_year", "target_value", "target_change_pct", "source", "verdict_window")


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
    with reading_session(engine) as session:
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
    with writing_session(engine) as session:
        if first_load and session.get(Meta, "catalogue") is not None:
            return None  # another process loaded it while we waited for the lock
        others = catalogue.set_id != SHIPPED_SET
        _sync_scopes(session, catalogue, others)
        _sync_set(session, catalogue)
        existing, wanted = _sync_goals(session, catalogue, result)
        _leave_out_missing(session, catalogue, existing, wanted, archive, result)
        result.measurements_added = _seed_measurements(session, catalogue.goals, catalogue.set_id,
                                                       result.differing)
        meta = {"catalogue": catalogue.path, "catalogue_synced_at": utcnow().isoformat(timespec="seconds")}
        if not others:
            meta["catalogue_name"] = catalogue.name or ""
        _set_meta(session, **meta)
    return result


def _sync_scopes(session: Session, catalogue: Catalogue, others: bool) -> None:
    """The catalogue's scopes added or updated; the shipped catalogue orders the scopes, another
    set's are added after them."""
    count = len(list(session.exec(select(Scope.code))))
    for position, definition in enumerate(catalogue.scopes):
        scope = session.get(Scope, definition.code)
        if scope is None:
            scope = Scope(code=definition.code, position=count + position)
            session.add(scope)
        scope.name, scope.kind, scope.parent = definition.name, definition.kind, definition.parent
        if not others:
            scope.position = position
    session.flush()
    if catalogue.scope is not None and session.get(Scope, catalogue.scope) is None:
        raise GoaltrackError(f"{catalogue.path}: scope '{catalogue.scope}' is not a known scope "
                             "(see goaltrack scopes, or define it under scopes:); nothing was changed")


def _sync_set(session: Session, catalogue: Catalogue) -> None:
    """The catalogue's goal set added, or its name and scope updated."""
    set_id = catalogue.set_id
    goal_set = session.get(GoalSet, set_id)
    if goal_set is None:
        position = len(list(session.exec(select(GoalSet.id))))
        goal_set = GoalSet(id=set_id, name=catalogue.name or set_id, position=position)
        session.add(goal_set)
    goal_set.name, goal_set.scope = catalogue.name or set_id, catalogue.scope
    session.flush()


def _sync_goals(session: Session, catalogue: Catalogue, result: SyncResult) -> tuple[dict[str, Goal], set[str]]:
    """The set's goals added, updated or restored from the archive, in catalogue order; returns the
    goals the set held before and the keys the catalogue wants."""
    set_id = catalogue.set_id
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
    return existing, wanted


def _leave_out_missing(session: Session, catalogue: Catalogue, existing: dict[str, Goal], wanted: set[str],
                       archive: bool, result: SyncResult) -> None:
    """A goal the catalogue leaves out: removed when it has no figures; with figures, archived when
    ``archive`` is set, else the sync fails naming it (figures are never deleted by a sync)."""
    missing = [goal for goal in existing.values() if goal.id not in wanted and not goal.archived]
    with_data = _goals_with_measurements(session, [goal.id for goal in missing])
    blocked = [goal.id for goal in missing if goal.id in with_data]
    if blocked and not archive:
        of_set = f" of set {catalogue.set_id}" if catalogue.set_id != SHIPPED_SET else ""
        raise GoaltrackError(
            f"{catalogue.path} leaves out {len(blocked)} goal(s){of_set} that have measurements: "
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
    writer = FigureWriter.on_session(session)
    first: list[tuple] = []  # first releases, kept as the figures their revisions replaced
    new: list[tuple] = []
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
                    first.append((key, seed.scope, seed.year, seed.first_value, seed.first_source, None,
                                  None, writer.now, False))
                new.append((key, seed.scope, seed.year, seed.value, seed.source, seed.note))
    writer.add_history(first)
    writer.add(new)
    return len(new)


def catalogue_name(engine: Engine) -> str | None:
    """The ``name`` of the catalogue last synced ("Sociale 2020-mål (Alle skal med, 2013)"), if any."""
    with reading_session(engine) as session:
        row = session.get(Meta, "catalogue_name")
        return row.value if row is not None and row.value else None


def _set_meta(session: Session, **values: str) -> None:
    for key, value in values.items():
        row = session.get(Meta, key)
        if row is None:
            session.add(Meta(key=key, value=value))
        else:
            row.value = value
