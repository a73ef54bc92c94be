"""Writing figures one at a time: record, correct (the old value kept as history), delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlmodel import Session, select

from goaltrack.domain import figure
from goaltrack.domain.text import shorten
from goaltrack.domain.units import UNITS, format_plain
from goaltrack.errors import GoaltrackError
from goaltrack.storage.lookup import home_scope, resolve_goal, resolve_scope
from goaltrack.storage.models import Goal, GoalSet, Measurement
from goaltrack.storage.sessions import writing_session
from goaltrack.storage.writer import FigureWriter

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class Recorded:
    outcome: str  # recorded | replaced | resourced (same figure, new source) | unchanged
    measurement: Measurement
    unit: str
    replaced: float | None = None


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


def record(engine: Engine, goal_id: str, value: float, year: int, scope: str | None = None,
           source: str | None = None, note: str | None = None, replace: bool = False,
           force: bool = False) -> Recorded:
    """Record one figure. A different figure for the same goal, scope and year needs ``replace`` and a
    ``source`` (a revision says where it comes from), and the old one is kept as history; the same
    figure with a new source takes the source, keeping the old one as history; the same figure
    again changes nothing. A figure far out of line with its neighbours (see goaltrack.domain.plausible)
    is refused unless ``force``. Without a scope, the figure is for the scope the goal's set is
    judged in (the nation for the shipped set); a scope by code or name."""
    _check_year(year)
    source = _clean_text(source, "the source")
    note = _clean_text(note, "the note", figure.NOTE_KEEPS)
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing_session(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id)
        home = _home_of(session, goal)
        new = figure.Figure(goal.id, scope or home, year, value, source, note)
        if goal.archived:
            raise GoaltrackError(f"goal '{goal.id}' is archived (it was left out of the catalogue)")
        why = figure.value_problem(goal.id, goal.unit, value)
        if why:
            raise GoaltrackError(why)
        current = session.exec(select(Measurement).where(
            Measurement.goal_id == new.goal, Measurement.scope == new.scope, Measurement.year == year
        )).first()
        if current is not None and current.value == value:
            same = _same_value(session, current, new, goal.unit, replace)
            if same is not None:
                return same
        _check_revision(current, new, replace)
        if not force and (current is None or current.value != value):
            _check_plausible(session, goal, new, new.scope == home)
        if current is None:
            FigureWriter.on_session(session).add([(new.goal, new.scope, year, value, source, note)])
            return Recorded("recorded", _current(session, new), goal.unit)
        old = current.value
        _revise(session, current, value, source or current.source, note)
        return Recorded("replaced", current, goal.unit, old)


def _current(session: Session, new: figure.Figure) -> Measurement:
    return session.exec(select(Measurement).where(
        Measurement.goal_id == new.goal, Measurement.scope == new.scope, Measurement.year == new.year)).one()


def _revise(session: Session, current: Measurement, value: float, source: str | None, note: str | None) -> None:
    """A current figure changed in place, recorded now; as it stood, it goes into the history first."""
    writer = FigureWriter.on_session(session)
    writer.keep([current.id])
    writer.revise([(value, source, note, None, current.id)])
    session.refresh(current)


def _home_of(session: Session, goal: Goal) -> str:
    """The scope a goal's set is judged in: its set's own scope, else the nation."""
    return home_scope(session.get(GoalSet, goal.set_id))


def _same_value(session: Session, current: Measurement, new: figure.Figure, unit: str,
                replace: bool) -> Recorded | None:
    """The figure recorded again: a new source taken (the old one kept as history), or nothing to do;
    None where a --replace with a new note goes on to replace it."""
    if new.source is not None and new.source != current.source:
        _revise(session, current, current.value, new.source, current.note if new.note is None else new.note)
        return Recorded("resourced", current, unit, current.value)
    if not replace or new.note in (None, current.note):
        return Recorded("unchanged", current, unit)
    return None


def _check_revision(current: Measurement | None, new: figure.Figure, replace: bool) -> None:
    """A figure that differs from the one recorded needs --replace, and a source for the revision."""
    if current is not None and not replace:
        cited = f" (source: {shorten(current.source)})" if current.source else ""
        raise GoaltrackError(
            f"{new.goal} already has {format_plain(current.value)} for {new.scope} {new.year}{cited}; "
            f"use --replace with --source to correct it to {format_plain(new.value)}"
        )
    if current is not None and current.value != new.value and new.source is None:
        raise GoaltrackError(f"a revised figure needs its source: {new.goal} {new.scope} {new.year} "
                             f"{format_plain(current.value)} → {format_plain(new.value)}; add --source TEXT")


def _check_plausible(session: Session, goal: Goal, new: figure.Figure, home: bool) -> None:
    """A figure far out of line with the goal's other figures in its scope is refused."""
    from goaltrack.domain import plausible

    others = session.execute(select(Measurement.year, Measurement.value).where(
        Measurement.goal_id == new.goal, Measurement.scope == new.scope, Measurement.year != new.year)).all()
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


def delete(engine: Engine, goal_id: str, year: int, scope: str | None = None, note: str | None = None) -> Recorded:
    """Remove the current figure of a goal, scope and year. It stays in the history, marked deleted,
    with when (and ``note`` as the reason): nothing is ever lost. Without a scope: the goal's set's."""
    note = _clean_text(note, "the note", figure.NOTE_KEEPS)
    scope = resolve_scope(engine, scope) if scope is not None else None
    with writing_session(engine) as session:
        goal = resolve_goal(list(session.exec(select(Goal))), goal_id)
        scope = scope or _home_of(session, goal)
        goal_id = goal.id
        current = session.exec(select(Measurement).where(
            Measurement.goal_id == goal_id, Measurement.scope == scope, Measurement.year == year
        )).first()
        if current is None:
            raise GoaltrackError(f"{goal_id} has no current figure for {scope} {year} (see goaltrack history {goal_id})")
        FigureWriter.on_session(session).delete([current.id], reason=note)
        session.expunge(current)
        return Recorded("deleted", current, goal.unit, current.value)
