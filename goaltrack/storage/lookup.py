"""Goals, goal sets and scopes as the database holds them, and the names people give them resolved."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from sqlmodel import select

from goaltrack.catalogue import NATION
from goaltrack.errors import GoaltrackError
from goaltrack.storage.models import SHIPPED_SET, Goal, GoalSet, Scope
from goaltrack.storage.sessions import reading_session

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


def list_goals(engine: Engine, include_archived: bool = False, set_id: str | None = None) -> list[Goal]:
    """The goals of every set (or of ``set_id``), the sets in order, each in catalogue order."""
    with reading_session(engine) as session:
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
    with reading_session(engine) as session:
        return list(session.exec(select(GoalSet).order_by(GoalSet.position, GoalSet.id)))


def get_set(engine: Engine, set_id: str) -> GoalSet:
    with reading_session(engine) as session:
        goal_set = session.get(GoalSet, set_id)
        known = list(session.exec(select(GoalSet.id).order_by(GoalSet.position)))
    if goal_set is None:
        raise GoaltrackError(f"unknown goal set '{set_id}' (known: {', '.join(known) or 'none'})")
    return goal_set


def resolve_goal(goals: Sequence[Goal], name: str, set_id: str | None = None) -> Goal:
    """The goal a name means: SET/ID exactly, or a bare ID within ``set_id``, else the shipped
    (default) set's goal of that ID, else the one set's that has it. A bare ID that several other sets
    have is an error listing them."""
    if "/" in name:
        wanted_set, _, code = name.partition("/")
        matches = [g for g in goals if g.set_id == wanted_set and g.code == code]
    else:
        matches = [g for g in goals if g.code == name and set_id in (None, g.set_id)]
        default = [g for g in matches if g.set_id == SHIPPED_SET]
        matches = default if set_id is None and default else matches
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise GoaltrackError(f"goal '{name}' is in {len(matches)} sets: "
                             f"{', '.join(g.full_name for g in matches)}; name one as SET/ID")
    elsewhere = [g.full_name for g in goals if set_id is not None and "/" not in name and g.code == name]
    if elsewhere:
        raise GoaltrackError(f"goal '{name}' is not in set {set_id} (it is: {', '.join(elsewhere)})")
    raise unknown_goal(name, [g.full_name for g in goals] + [g.code for g in goals])


def display_names(goals: Sequence[Goal]) -> dict[str, str]:
    """goal key → the shortest name that says it exactly: the bare ID for the shipped (default) set's
    goals and where only one set has it, else SET/ID (what export writes, and import reads)."""
    counts: dict[str, int] = {}
    for goal in goals:
        counts[goal.code] = counts.get(goal.code, 0) + 1
    return {g.id: g.code if counts[g.code] == 1 or g.set_id == SHIPPED_SET else g.full_name for g in goals}


def active_goal_ids(conn) -> list[str]:
    """The ids of the goals that take figures (not archived), on an open connection."""
    return list(conn.execute(select(Goal.id).where(Goal.archived == False)).scalars())  # noqa: E712


def scope_codes(conn) -> list[str]:
    return list(conn.execute(select(Scope.code)).scalars())


def get_goals(engine: Engine, goal_ids: Sequence[str], set_id: str | None = None) -> list[Goal]:
    """The named goals (SET/ID, or a bare ID one set has) in the order given; an unknown name is an
    error that suggests close matches, an ambiguous one an error that lists the candidates."""
    with reading_session(engine) as session:
        known = list(session.exec(select(Goal)))
    by_code: dict[str, list[Goal]] = {}  # a name is matched among the goals of its code: 1,000 names at once
    for goal in known:
        by_code.setdefault(goal.code, []).append(goal)

    def resolved(name: str) -> Goal:
        try:
            return resolve_goal(by_code.get(name.rpartition("/")[2], []), name, set_id)
        except GoaltrackError:  # the error names the other sets' goals, or the close matches, of all
            return resolve_goal(known, name, set_id)

    found = {goal.id: goal for goal in map(resolved, goal_ids)}
    return list(found.values())


def unknown_goal(goal_id: str, known: Sequence[str]) -> GoaltrackError:
    close = difflib.get_close_matches(goal_id, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else " (see goaltrack goals)"
    return GoaltrackError(f"unknown goal '{goal_id}'{hint}")


def list_scopes(engine: Engine) -> list[Scope]:
    with reading_session(engine) as session:
        return list(session.exec(select(Scope).order_by(Scope.position, Scope.code)))


def scope_names(engine: Engine):
    """The resolver of scope names and codes for this database's scopes."""
    from goaltrack.domain.scopes import ScopeNames

    with reading_session(engine) as session:
        return ScopeNames(session.execute(select(Scope.code, Scope.name)).all(), NATION)


def resolve_scope(engine: Engine, text: str) -> str:
    """The code of the scope a user named: by code (0101 is 101) or by name, any case, with or
    without "Kommune"/"Region"; "Hele landet"/"Danmark" is the nation. Unknown: "did you mean …?"."""
    with reading_session(engine) as session:
        if session.get(Scope, text) is not None:  # the common case: a code as stored
            return text
    return scope_names(engine).resolve(text)


def get_scope(engine: Engine, code: str) -> Scope:
    code = resolve_scope(engine, code)
    with reading_session(engine) as session:
        return session.get(Scope, code)


def members(engine: Engine, scope: str) -> list[str]:
    """The codes of the municipalities (or other scopes) whose parent is ``scope``."""
    with reading_session(engine) as session:
        return list(session.exec(select(Scope.code).where(Scope.parent == scope).order_by(Scope.code)))


def home_scope(goal_set: GoalSet | None) -> str:
    """The scope a goal set is judged in, and its figures recorded for by default: its own scope, else
    the nation (the shipped set's)."""
    return (goal_set.scope if goal_set is not None else None) or NATION


def populations(engine: Engine, set_id: str | None = None) -> list[str]:
    """The population indicators (inhabitants, for rates) that the sets name, or ``set_id`` names,
    that no goal measures: figures of their own, which export writes under the indicator's id."""
    measured = {g.measures for g in list_goals(engine, include_archived=True)}
    named = [s.population for s in list_sets(engine) if s.population and set_id in (None, s.id)]
    return sorted(set(named) - measured)
