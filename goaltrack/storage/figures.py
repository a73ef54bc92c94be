"""Writing figures one at a time: record, correct, delete; each a new entry of the append-only record."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from goaltrack.domain import figure, flags
from goaltrack.domain.text import shorten
from goaltrack.domain.units import UNITS, format_plain
from goaltrack.errors import GoaltrackError
from goaltrack.storage.lookup import home_scope, resolve_goal, resolve_scope
from goaltrack.storage.models import FigureEntry, Goal, GoalSet
from goaltrack.storage.sessions import writing_session
from goaltrack.storage.writer import FigureWriter

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

ENTRY = FigureEntry.__table__


@dataclass(frozen=True)
class Recorded:
    outcome: str  # recorded | replaced | resourced (same figure, new source, flag or date) | unchanged | deleted
    entry: figure.Figure  # the figure as it now stands (for deleted: as it stood)
    unit: str
    replaced: float | None = None
    flag: str | None = None  # the figure's flag as it now stands


def _check_year(year: int) -> None:
    why = figure.figure_year_problem(year)
    if why:
        raise GoaltrackError(why)


def _clean_text(text: str | None, what: str, keep: str = figure.SOURCE_KEEPS) -> str | None:
    """A source or note as stored (see goaltrack.domain.figure.clean_text), or the reason refused."""
    text, why = figure.clean_text(text, what, keep)
    if why:
        raise GoaltrackError(why)
    return text


def _checked(result: tuple):
    value, why = result
    if why:
        raise GoaltrackError(why)
    return value


def newest_entry(session: Session, indicator: str, scope: str, year: int):
    """The newest entry of the record for an indicator, scope and year (a deletion, maybe), or None."""
    return session.execute(select(ENTRY).where(
        ENTRY.c.indicator == indicator, ENTRY.c.scope == scope, ENTRY.c.year == year
    ).order_by(ENTRY.c.id.desc()).limit(1)).first()


def record(engine: Engine, goal_id: str, value: float, year: int, scope: str | None = None,
           source: str | None = None, note: str | None = None, replace: bool = False,
           force: bool = False, published: str | datetime.date | None = None, flag: str | None = None,
           set_id: str | None = None) -> Recorded:
    """Record one figure, as a new entry of the record. A different figure for the same indicator,
    scope and year needs ``replace`` and a ``source`` (a revision says where it comes from); the same
    figure with a new source, publication date or flag is a new release of it; the same figure again
    changes nothing. Nothing is overwritten: the earlier entries stay. A figure far out of line with
    its neighbours (see goaltrack.domain.plausible) is refused unless ``force``. Without a scope, the
    figure is for the scope the goal's set is judged in (the nation for the shipped set); a scope by
    code or name. ``published``: the day its producer released it (default: today); ``flag``: P E B D U."""
    _check_year(year)
    source = _clean_text(source, "the source")
    note = _clean_text(note, "the note", figure.NOTE_KEEPS)
    day = _checked(flags.parse_date(published, "the publication date"))
    _checked((day, flags.before_its_year(day, year)))
    clear = flag is not None and flag.strip().lower() in flags.NO_FLAG  # --flag none: the figure is final
    flag = None if clear else _checked(flags.parse_flag(flag))
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing_session(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id, set_id)
        home = _home_of(session, goal)
        indicator = goal.measures
        new = figure.Figure(goal.id, scope or home, year, value, source, note)
        if goal.archived:
            raise GoaltrackError(f"goal '{goal.id}' is archived (it was left out of the catalogue)")
        why = figure.value_problem(goal.id, goal.unit, value)
        if why:
            raise GoaltrackError(why)
        newest = newest_entry(session, indicator, new.scope, year)
        current = None if newest is None or newest.deleted else newest
        if current is not None and current.value == value:
            fresh = (source is not None and source != current.source) or \
                    (day is not None and day != current.published) or (flag is not None and flag != current.flag) \
                    or (clear and current.flag is not None)
            if not fresh and (not replace or note in (None, current.note)):
                return Recorded("unchanged", _as_figure(goal, current), goal.unit, flag=current.flag)
        _check_revision(current, new, replace)
        if not force and (current is None or current.value != value):
            _check_plausible(session, goal, indicator, new, new.scope == home)
        if current is not None:
            source = source or current.source
            note = current.note if note is None and current.value == value else note
            if current.value == value and flag is None and not clear:
                flag = current.flag  # a new release of the same figure keeps its flag unless told otherwise
        FigureWriter.on_session(session).add([(indicator, new.scope, year, value, source, note, flag,
                                              day and day.isoformat(), newest and newest.id)])
        stored = figure.Figure(goal.id, new.scope, year, value, source, note)
        if current is None:
            return Recorded("recorded", stored, goal.unit, flag=flag)
        again = current.value == value and fresh  # the same figure, released again
        return Recorded("resourced" if again else "replaced", stored, goal.unit, current.value, flag=flag)


def _as_figure(goal: Goal, entry) -> figure.Figure:
    return figure.Figure(goal.id, entry.scope, entry.year, entry.value, entry.source, entry.note)


def _home_of(session: Session, goal: Goal) -> str:
    """The scope a goal's set is judged in: its set's own scope, else the nation."""
    return home_scope(session.get(GoalSet, goal.set_id))


def _check_revision(current, new: figure.Figure, replace: bool) -> None:
    """A figure that differs from the one recorded needs --replace, and a source for the revision."""
    if current is not None and not replace and current.value != new.value:
        cited = f" (source: {shorten(current.source)})" if current.source else ""
        raise GoaltrackError(
            f"{new.goal} already has {format_plain(current.value)} for {new.scope} {new.year}{cited}; "
            f"use --replace with --source to correct it to {format_plain(new.value)}"
        )
    if current is not None and current.value != new.value and new.source is None:
        raise GoaltrackError(f"a revised figure needs its source: {new.goal} {new.scope} {new.year} "
                             f"{format_plain(current.value)} → {format_plain(new.value)}; add --source TEXT")


def _check_plausible(session: Session, goal: Goal, indicator: str, new: figure.Figure, home: bool) -> None:
    """A figure far out of line with the indicator's other current figures in its scope is refused."""
    from goaltrack.domain import plausible
    from goaltrack.storage.queries import current_query

    others = [(row.year, row.value) for row in session.execute(
        current_query([indicator], ENTRY.c.scope == new.scope)) if row.year != new.year]
    doubt = plausible.check(new.value, new.year, known_figures(goal, home, others, new.year),
                            UNITS[goal.unit].whole)
    if doubt:
        raise GoaltrackError(f"{new.goal} {new.scope} {new.year}: {doubt}")


def known_figures(goal: Goal, home: bool, figures, year: int) -> list[tuple[int, float]]:
    """(year, value) of a goal's figures in a scope other than ``year``: the measurements, and in the
    goal's own scope (``home``: the nation for the shipped set) the catalogue's baseline where no
    measurement stands for its year."""
    out = [(y, v) for y, v in figures if y != year]
    if home and goal.baseline_year is not None and goal.baseline_value is not None \
            and goal.baseline_year != year and all(y != goal.baseline_year for y, _ in out):
        out.append((goal.baseline_year, goal.baseline_value))
    return out


def delete(engine: Engine, goal_id: str, year: int, scope: str | None = None, note: str | None = None,
           set_id: str | None = None) -> Recorded:
    """Withdraw the current figure of a goal's indicator, scope and year: a deletion entry in the record
    (with ``note`` as the reason), recorded now; the figure itself stays in the record: nothing is ever
    lost. Without a scope: the goal's set's."""
    note = _clean_text(note, "the note", figure.NOTE_KEEPS)
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing_session(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id, set_id)
        scope = scope or _home_of(session, goal)
        newest = newest_entry(session, goal.measures, scope, year)
        if newest is None or newest.deleted:
            raise GoaltrackError(f"{goal.id} has no current figure for {scope} {year} (see goaltrack history {goal.id})")
        FigureWriter.on_session(session).add([(newest.indicator, scope, year, newest.value, newest.source, note,
                                              None, None, newest.id)], deleted=True)
        return Recorded("deleted", _as_figure(goal, newest), goal.unit, newest.value)
