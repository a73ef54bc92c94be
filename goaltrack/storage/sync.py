"""A catalogue into the database: goals, sets and scopes made to follow it, its figures loaded, nothing lost."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

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
    FigureEntry,
    Goal,
    GoalSet,
    Meta,
    Scope,
    utcnow,
)
from goaltrack.storage.sessions import reading_session, writing_session
from goaltrack.storage.writer import FigureWriter

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


GOAL_FIELDS = ("title_en", "title_da", "short_en", "short_da", "unit", "direction", "baseline_year",
               "baseline_value", "target_year", "target_value", "target_change_pct", "source", "verdict_window",
               "indicator", "breaks", "statbank")


@dataclass
class SyncResult:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    measurements_added: int = 0
    dated: int = 0  # figures the record held undated (or dated later) that the catalogue dates: a release each
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
        _check_folders_apart(session, catalogue)
        existing, wanted = _sync_goals(session, catalogue, result)
        _check_shared_indicators(session, catalogue)
        _leave_out_missing(session, catalogue, existing, wanted, archive, result)
        result.measurements_added, result.dated = _seed_measurements(session, catalogue.goals, catalogue.set_id,
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


def _check_folders_apart(session: Session, catalogue: Catalogue) -> None:
    """No goal set's id is a scope's code (in any case): each has its folder of charts by that name."""
    sets = {s.casefold(): s for s in session.exec(select(GoalSet.id))}
    clash = next((code for code in session.exec(select(Scope.code)) if code.casefold() in sets), None)
    if clash is not None:
        raise GoaltrackError(f"{catalogue.path}: goal set '{sets[clash.casefold()]}' and scope '{clash}' would "
                             f"share the chart folder charts/{clash}/; give the set another id; nothing was changed")


def _sync_set(session: Session, catalogue: Catalogue) -> None:
    """The catalogue's goal set added, or its name and scope updated."""
    set_id = catalogue.set_id
    goal_set = session.get(GoalSet, set_id)
    if goal_set is None:
        position = len(list(session.exec(select(GoalSet.id))))
        goal_set = GoalSet(id=set_id, name=catalogue.name or set_id, position=position)
        session.add(goal_set)
    goal_set.name, goal_set.scope, goal_set.population = catalogue.name or set_id, catalogue.scope, catalogue.population
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
    out = {name: getattr(definition, name) for name in GOAL_FIELDS}
    out["indicator"] = definition.indicator_id
    out["breaks"] = json.dumps([list(b) for b in definition.breaks]) if definition.breaks else None
    return out


def _check_shared_indicators(session: Session, catalogue: Catalogue) -> None:
    """Goals that share an indicator share its figures: they must count them in the same unit."""
    session.flush()
    units: dict[str, Goal] = {}
    for goal in session.exec(select(Goal).order_by(Goal.set_id != catalogue.set_id, Goal.id)):
        other = units.setdefault(goal.indicator, goal)
        if other.unit != goal.unit:
            raise GoaltrackError(f"{catalogue.path}: goals {other.full_name} ({other.unit}) and {goal.full_name} "
                                 f"({goal.unit}) track the same indicator '{goal.indicator}' in different units; "
                                 "give one its own indicator: (nothing was changed)")


def _goals_with_measurements(session: Session, goal_ids: list[str]) -> set[str]:
    """The goals whose indicator has entries in the record that no other goal (kept) reads."""
    if not goal_ids:
        return set()
    goals = {g.id: g for g in session.exec(select(Goal))}
    leaving = set(goal_ids)
    read_elsewhere = {g.indicator for g in goals.values() if g.id not in leaving}
    wanted = {goals[g].indicator for g in goal_ids} - read_elsewhere
    if not wanted:
        return set()
    entry = FigureEntry.__table__
    held = set(session.execute(select(entry.c.indicator).where(entry.c.indicator.in_(sorted(wanted)))
                               .distinct()).scalars())
    return {g for g in goal_ids if goals[g].indicator in held}


def _seed_measurements(session: Session, goals: Sequence[GoalDef], set_id: str,
                       differing: list) -> tuple[int, int]:
    """Load the catalogue's published figures into the record where it has no entry for their indicator,
    scope and year (a figure someone deleted stays deleted; one recorded otherwise is kept, and listed
    in ``differing``). A figure with a first release goes in as two entries: the first release, then
    the revision that replaced it. Where the record holds the catalogue's figure (same value and
    source) published later than the catalogue says (a database from before publication dates: its
    figures are dated the day they were recorded), the catalogue's dated release goes in after it, so
    that --known-at sees it from its day. Returns (figures loaded, figures dated)."""
    from goaltrack.storage.queries import ENTRY

    writer = FigureWriter.on_session(session)
    first: list[tuple] = []  # first releases, each followed by the figure that revised it
    new: list[tuple] = []
    dated: list[tuple] = []
    for definition in goals:
        if not definition.measurements:
            continue
        indicator = definition.indicator_id
        newest: dict[tuple[str, int], Any] = {}
        for row in session.execute(select(ENTRY).where(ENTRY.c.indicator == indicator).order_by(ENTRY.c.id)):
            newest[(row.scope, row.year)] = row
        for seed in definition.measurements:
            held = newest.get((seed.scope, seed.year))
            if held is not None and not held.deleted and held.value != seed.value:
                differing.append((definition.id, seed.scope, seed.year, held.value, seed.value, seed.source))
            if held is not None and _dates(held, seed):
                dated.append((indicator, seed.scope, seed.year, seed.value, seed.source, held.note, held.flag,
                              seed.published, held.id))
            if held is not None:
                continue
            row = (indicator, seed.scope, seed.year, seed.value, seed.source, seed.note, seed.flag, seed.published)
            if seed.first_value is not None:
                first.append((indicator, seed.scope, seed.year, seed.first_value, seed.first_source, None, None,
                              seed.first_published, row))
            else:
                new.append((*row, None))
    writer.add(new)
    _add_revised(writer, first)
    writer.add(dated)
    return len(new) + len(first), len(dated)


def _dates(held: Any, seed: Any) -> bool:
    """Whether the catalogue dates the figure the record holds: the same value and source, published
    (as the catalogue says) before the day the record has for it."""
    import datetime

    return (not held.deleted and held.value == seed.value and held.source == seed.source
            and seed.published is not None and datetime.date.fromisoformat(seed.published) < held.published)


def _add_revised(writer: FigureWriter, first: list[tuple]) -> None:
    """Each first release, then the revision that replaced it, in that order: the writer's restore
    finds the entry each follows as it goes in (the first release follows none)."""
    writer.restore([entry for row in first for entry in ((*row[:8], None, None, False), (*row[8], None, None, False))])


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
