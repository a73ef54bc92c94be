"""Goal status: the goals and their figures from the database, judged by the progress maths.

``judge`` judges one goal in a scope from its figures; ``build_status`` judges the goals asked for,
each in its scope (a region's persons and counts summed from its municipalities for the years it has
no figure of its own). Both return plain objects, ``GoalStatus``; goaltrack.present shows them.
"""

from __future__ import annotations

import dataclasses
import datetime
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from goaltrack.catalogue import DIRECTIONS, NATION
from goaltrack.domain import progress, regions
from goaltrack.domain.progress import Assessment, Point
from goaltrack.domain.units import UNITS, counts
from goaltrack.storage import store
from goaltrack.storage.lookup import home_scope
from goaltrack.storage.models import Goal, Scope
from goaltrack.storage.vintage import known_at

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


NATION_NAMES = {"en": "Denmark", "da": "Danmark"}


# How a scope's target level came about: the catalogue's own (in the set's home scope), the national
# level as it stands, the national target scaled by the scope's baseline, or the national relative
# change applied to the scope's baseline.
CATALOGUE, NATIONAL, SCALED, RELATIVE = "catalogue", "national", "scaled", "relative"


@dataclass(frozen=True)
class Place:
    """A scope as pictures name it: "København (101)"."""

    code: str
    name: str
    kind: str = "other"

    def label(self, lang: str = "en") -> str:
        return f"{self.display_name(lang)} ({self.code})"

    def display_name(self, lang: str = "en") -> str:
        return NATION_NAMES.get(lang, self.name) if self.code == NATION else self.name

    @classmethod
    def of(cls, scope: Scope) -> Place:
        return cls(scope.code, scope.name, scope.kind)


THE_NATION = Place(NATION, NATION_NAMES["da"], "nation")


@dataclass(frozen=True)
class GoalStatus:
    goal: Goal
    spec: progress.GoalSpec  # the definition judged: the catalogue's, or a scope's own baseline
    points: list[Point]  # every current figure of the scope, history included, oldest first
    assessment: Assessment
    place: Place = THE_NATION  # the scope judged
    rule: str | None = None  # how the target level came about (CATALOGUE, NATIONAL, SCALED, RELATIVE)
    sums: dict[int, int] = field(default_factory=dict)  # year → municipalities summed, for derived figures
    home: str = NATION  # the scope the goal's catalogue is judged in (its own baseline and target)
    set_name: str = ""  # the title of the goal's set
    known_at: datetime.date | None = None  # judged on the record as known at this day (None: as it stands)

    @property
    def has_figures(self) -> bool:
        """Whether there is anything to draw: a figure, or the catalogue's own baseline."""
        return bool(self.points) or self.spec.baseline is not None

    @property
    def later_baseline(self) -> bool:
        """Whether the scope's own baseline is from a later year than the catalogue's (method v3)."""
        b = self.spec.baseline
        return b is not None and self.goal.baseline_year is not None and b.year > self.goal.baseline_year

    def derived(self, point: Point | None) -> int | None:
        """How many municipalities a derived regional figure sums, or None for a recorded one."""
        if point is None:
            return None
        return self.sums.get(point.year)


def scope_definition(goal: Goal, scope: str, measurements: Sequence[Point], home: str = NATION) -> progress.GoalSpec:
    """The goal as judged in a scope.

    The goal's home scope (the nation for the shipped set) uses the catalogue's baseline and target.
    Another scope's baseline is its own (``scope_baseline``: its figure for the baseline year, else its
    first one after it, by the target year); its target level is the national one, except for
    persons and counts, where it is the national target scaled by the scope's baseline (or the
    national relative change applied to it).
    """
    unit = UNITS[goal.unit]
    d = DIRECTIONS[goal.direction]
    window = progress.VERDICT_WINDOW if goal.verdict_window is None else goal.verdict_window
    if scope == home:
        baseline = Point(goal.baseline_year, goal.baseline_value, goal.source) \
            if goal.baseline_year is not None and goal.baseline_value is not None else None
        return progress.GoalSpec(d, baseline, goal.target_year, goal.target_level, unit.minimum, unit.maximum, window,
                                 bridges(goal))
    own = scope_baseline(goal, measurements)
    target = goal.target_level
    if counts(goal.unit):  # a region's target is the nation's scaled by its baseline
        if own is None:
            target = None
        elif goal.target_value is not None and goal.baseline_value:
            target = progress.finite(own.value * goal.target_value / goal.baseline_value)
        else:
            target = progress.target_level(None, goal.target_change_pct, own.value)
    return progress.GoalSpec(d, own, goal.target_year, target, unit.minimum, unit.maximum, window)


def bridges(goal: Goal) -> tuple[tuple[int, float], ...]:
    """The catalogue's bridged baselines of the goal's series breaks: ((2019, 5.1), ...)."""
    import json

    return tuple((int(year), float(value)) for year, value in json.loads(goal.breaks)) if goal.breaks else ()


def scope_baseline(goal: Goal, measurements: Sequence[Point]) -> Point | None:
    """A scope's own baseline (method v3): its figure in the goal's baseline year, else its first figure
    after that year and no later than the target year ("baseline 2014": København has no 2011 figure);
    None without either, or where the goal has no baseline year."""
    if goal.baseline_year is None:
        return None
    last = goal.target_year if goal.target_year is not None else math.inf
    candidates = sorted((p for p in measurements if goal.baseline_year <= p.year <= last), key=lambda p: p.year)
    return candidates[0] if candidates else None


def target_rule(goal: Goal, scope: str, spec: progress.GoalSpec, home: str = NATION) -> str | None:
    """How the target level judged in a scope came about; None without a target level."""
    if spec.target_value is None:
        return None
    if scope == home:
        return CATALOGUE
    if counts(goal.unit):  # a region's target is the nation's scaled by its baseline
        return SCALED if goal.target_value is not None and goal.baseline_value else RELATIVE
    return NATIONAL


def judge(goal: Goal, measurements: Sequence[Point], as_of: int, scope: str | Place = NATION,
          home: str = NATION, sums: dict[int, int] | None = None) -> GoalStatus:
    """Judge a goal in a scope from its figures (anything with year, value and source)."""
    place = scope if isinstance(scope, Place) else THE_NATION if scope == NATION else Place(scope, scope)
    points = [m if isinstance(m, Point) else Point(m.year, m.value, m.source, getattr(m, "flag", None))
              for m in measurements]
    spec = scope_definition(goal, place.code, points, home)
    return GoalStatus(goal, spec, points, progress.assess(spec, points, as_of), place,
                      target_rule(goal, place.code, spec, home), dict(sums or {}), home)


def place(engine: Engine, scope: str) -> Place:
    """The scope with this code, as pictures name it; an unknown code is an error."""
    return Place.of(store.get_scope(engine, scope))


def build_status(engine: Engine, as_of: int, goal_ids: Sequence[str] = (), scope: str | None = None,
                 set_id: str | None = None) -> list[GoalStatus]:
    """The status of the named goals (default: every goal that is not archived, of every set or of
    ``set_id``), the sets in order and each in catalogue order. Each goal is judged in ``scope`` (by
    code or name), or without one in its set's own scope (the nation for the shipped set)."""
    sets = {s.id: s for s in store.list_sets(engine)}
    if set_id is not None:
        store.get_set(engine, set_id)
    if scope is not None:
        scope = store.get_scope(engine, scope).code
    if goal_ids:  # the goals named, still in catalogue order
        order = {s.id: s.position for s in sets.values()}
        goals = sorted(store.get_goals(engine, goal_ids, set_id),
                       key=lambda g: (g.archived, order.get(g.set_id, 0), g.set_id, g.position))
    else:
        goals = store.list_goals(engine, set_id=set_id)

    def home(goal: Goal) -> str:
        return home_scope(sets.get(goal.set_id))

    judged: dict[str, GoalStatus] = {}
    day = known_at(engine)
    by_scope: dict[str, list[Goal]] = {}
    for goal in goals:
        by_scope.setdefault(scope or home(goal), []).append(goal)
    for code, group in by_scope.items():
        where = place(engine, code)
        figures = store.current_measurements(engine, [g.id for g in group], code, up_to=as_of)
        summed = region_sums(engine, where, [g for g in group if counts(g.unit)], figures, as_of)
        for goal in group:
            years = summed.get(goal.id, {})
            status = judge(goal, regions.with_sums(figures[goal.id], years), as_of, where, home(goal),
                           sums=dict.fromkeys(years, summed.get("count", 0)))
            set_name = sets[goal.set_id].name if goal.set_id in sets else goal.set_id
            judged[goal.id] = dataclasses.replace(status, set_name=set_name, known_at=day)
    return [judged[g.id] for g in goals]


def region_sums(engine: Engine, place: Place, goals: Sequence[Goal], figures: dict[str, list[Point]],
                as_of: int) -> dict:
    """goal id → {year: sum} for a region's persons and counts goals, and "count": its municipalities."""
    members = store.members(engine, place.code) if place.kind == "region" and goals else []
    if not members:
        return {}
    parts = store.figures_in_scopes(engine, [g.id for g in goals], members, up_to=as_of)
    out: dict = {goal.id: regions.sums(figures[goal.id], parts[goal.id], len(members)) for goal in goals}
    out["count"] = len(members)
    return out
