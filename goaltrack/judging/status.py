"""Goal status: the goals and their figures from the database, judged by the progress maths.

``build_status`` returns plain objects; ``status_json`` turns them into the documented JSON shape.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from goaltrack.domain import progress
from goaltrack.domain import regions
from goaltrack.storage import store
from goaltrack.catalogue import DIRECTIONS, NATION
from goaltrack.storage.models import Goal, Scope
from goaltrack.domain.progress import Assessment, Point
from goaltrack.domain.units import UNITS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SCALED_UNITS = {"persons", "count"}  # a region's target is the nation's scaled by its baseline
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
    spec: progress.Goal  # the definition judged: the catalogue's, or a scope's own baseline
    points: list[Point]  # every current figure of the scope, history included, oldest first
    assessment: Assessment
    place: Place = THE_NATION  # the scope judged
    rule: str | None = None  # how the target level came about (CATALOGUE, NATIONAL, SCALED, RELATIVE)
    sums: dict[int, int] = field(default_factory=dict)  # year → municipalities summed, for derived figures
    home: str = NATION  # the scope the goal's catalogue is judged in (its own baseline and target)
    set_name: str = ""  # the title of the goal's set

    @property
    def has_figures(self) -> bool:
        """Whether there is anything to draw: a figure, or the catalogue's own baseline."""
        return bool(self.points) or self.spec.baseline is not None

    def derived(self, point: Point | None) -> int | None:
        """How many municipalities a derived regional figure sums, or None for a recorded one."""
        if point is None:
            return None
        return self.sums.get(point.year)


def scope_definition(goal: Goal, scope: str, measurements: Sequence[Point], home: str = NATION) -> progress.Goal:
    """The goal as judged in a scope.

    The goal's home scope (the nation for the shipped set) uses the catalogue's baseline and target.
    Another scope's baseline is its own figure
    for the baseline year (none: no baseline); its target level is the national one, except for
    persons and counts, where it is the national target scaled by the scope's baseline (or the
    national relative change applied to it).
    """
    unit = UNITS[goal.unit]
    d = DIRECTIONS[goal.direction]
    window = progress.VERDICT_WINDOW if goal.verdict_window is None else goal.verdict_window
    if scope == home:
        baseline = Point(goal.baseline_year, goal.baseline_value, goal.source) \
            if goal.baseline_year is not None and goal.baseline_value is not None else None
        return progress.Goal(d, baseline, goal.target_year, goal.target_level, unit.minimum, unit.maximum, window)
    own = next((p for p in measurements if p.year == goal.baseline_year), None)
    target = goal.target_level
    if goal.unit in SCALED_UNITS:
        if own is None:
            target = None
        elif goal.target_value is not None and goal.baseline_value:
            target = progress.finite(own.value * goal.target_value / goal.baseline_value)
        else:
            target = progress.target_level(None, goal.target_change_pct, own.value)
    return progress.Goal(d, own, goal.target_year, target, unit.minimum, unit.maximum, window)


def target_rule(goal: Goal, scope: str, spec: progress.Goal, home: str = NATION) -> str | None:
    """How the target level judged in a scope came about; None without a target level."""
    if spec.target_value is None:
        return None
    if scope == home:
        return CATALOGUE
    if goal.unit in SCALED_UNITS:
        return SCALED if goal.target_value is not None and goal.baseline_value else RELATIVE
    return NATIONAL


def judge(goal: Goal, measurements: Sequence[Point], as_of: int, scope: str | Place = NATION,
          home: str = NATION, sums: dict[int, int] | None = None) -> GoalStatus:
    """Judge a goal in a scope from its figures (anything with year, value and source)."""
    place = scope if isinstance(scope, Place) else THE_NATION if scope == NATION else Place(scope, scope)
    points = [m if isinstance(m, Point) else Point(m.year, m.value, m.source) for m in measurements]
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
        goal_set = sets.get(goal.set_id)
        return (goal_set.scope if goal_set is not None else None) or NATION

    judged: dict[str, GoalStatus] = {}
    by_scope: dict[str, list[Goal]] = {}
    for goal in goals:
        by_scope.setdefault(scope or home(goal), []).append(goal)
    for code, group in by_scope.items():
        where = place(engine, code)
        figures = store.current_measurements(engine, [g.id for g in group], code, up_to=as_of)
        summed = region_sums(engine, where, [g for g in group if g.unit in regions.SUMMED_UNITS], figures, as_of)
        for goal in group:
            years = summed.get(goal.id, {})
            status = judge(goal, regions.with_sums(figures[goal.id], years), as_of, where, home(goal),
                           sums=dict.fromkeys(years, summed.get("count", 0)))
            set_name = sets[goal.set_id].name if goal.set_id in sets else goal.set_id
            judged[goal.id] = dataclasses.replace(status, set_name=set_name)
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


@dataclass(frozen=True)
class ComparedScope:
    scope: Scope
    status: GoalStatus
    ranked: bool  # its latest figure is from the comparison year


@dataclass(frozen=True)
class Comparison:
    goal_id: str
    as_of: int
    year: int | None  # the comparison year: the latest-figure year most scopes share
    entries: list[ComparedScope]  # the ranked scopes, best first, then the unranked ones


def comparison_year(years: Sequence[int | None]) -> int | None:
    """The latest-figure year that the most scopes share; the later one on a tie; None without any."""
    counts: dict[int, int] = {}
    for year in years:
        if year is not None:
            counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def rank_key(name: str, assessment: Assessment) -> tuple:
    """Achieved first, then by category, then by distance share (smaller first; none last), then by
    name. Progress in percent never decides a rank: it explodes where a baseline lies near the target."""
    share = assessment.distance_share
    return (progress.CATEGORIES.index(assessment.category), share is None, share or 0.0, name)


def rank_scopes(judged: Sequence[tuple[Scope, GoalStatus]], goal_id: str, as_of: int) -> Comparison:
    """Like for like (DOMAIN.md): only the scopes whose latest figure is from the comparison year are
    ranked (none when no scope has a latest figure); the others follow, newest figure first, in the
    same order within a year."""
    def year_of(status: GoalStatus) -> int | None:
        return status.assessment.latest.year if status.assessment.latest is not None else None

    year = comparison_year([year_of(s) for _, s in judged])

    def in_year(status: GoalStatus) -> bool:
        return year is not None and year_of(status) == year

    ranked = sorted((item for item in judged if in_year(item[1])),
                    key=lambda item: rank_key(item[0].name, item[1].assessment))
    others = sorted((item for item in judged if not in_year(item[1])),
                    key=lambda item: (-(year_of(item[1]) or 0), rank_key(item[0].name, item[1].assessment)))
    return Comparison(goal_id, as_of, year, [ComparedScope(scope, status, True) for scope, status in ranked]
                      + [ComparedScope(scope, status, False) for scope, status in others])


def compare_scopes(engine: Engine, goal_id: str, as_of: int) -> Comparison:
    """Every scope with figures for the goal, judged as status --scope judges it, ranked like for like."""
    goal = store.get_goals(engine, [goal_id])[0]
    goal_set = next((s for s in store.list_sets(engine) if s.id == goal.set_id), None)
    home = (goal_set.scope if goal_set is not None else None) or NATION
    scopes = {s.code: s for s in store.list_scopes(engine)}
    figures = store.figures_by_scope(engine, goal.id, up_to=as_of)
    if goal.baseline_year is not None and goal.baseline_year <= as_of:
        figures.setdefault(home, [])  # the set's own scope has data in its catalogue baseline
    sums_of: dict[str, dict[int, int]] = {}  # a region's derived years, and how many municipalities each sums
    if goal.unit in regions.SUMMED_UNITS:
        members_of: dict[str, list[str]] = {}
        for s in scopes.values():
            if s.parent in scopes and scopes[s.parent].kind == "region":
                members_of.setdefault(s.parent, []).append(s.code)
        for code, members in members_of.items():
            own = figures.get(code, [])
            years = regions.sums(own, {m: figures[m] for m in members if m in figures}, len(members))
            if years:
                figures[code] = regions.with_sums(own, years)
                sums_of[code] = dict.fromkeys(years, len(members))
    judged = [(scopes[code], judge(goal, points, as_of, Place.of(scopes[code]), home, sums=sums_of.get(code)))
              for code, points in figures.items()]

    return rank_scopes(judged, goal_id, as_of)


def json_number(value: float | None) -> float | int | None:
    """A figure for JSON: rounded to 6 decimals, whole numbers as integers; None (null) where it is
    no finite number, so that the JSON is strict (no Infinity, no NaN) whatever is stored."""
    if value is None or not math.isfinite(value):
        return None
    value = round(value, 6)
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def _point(point: Point | None, with_source: bool = False) -> dict[str, Any] | None:
    if point is None:
        return None
    out: dict[str, Any] = {"year": point.year, "value": json_number(point.value)}
    if with_source:
        out["source"] = point.source
    return out


def _derived(status: GoalStatus, out: dict[str, Any] | None, point: Point | None, lang: str) -> dict | None:
    """The point's JSON, with "derived": "sum of 11 municipalities" where goaltrack summed it."""
    count = status.derived(point)
    if out is not None and count is not None:
        out["derived"] = regions.derived_text(count, lang)
    return out


def goal_json(status: GoalStatus, lang: str = "en") -> dict[str, Any]:
    g, spec, a = status.goal, status.spec, status.assessment
    target = _point(Point(spec.target_year, spec.target_value)) if spec.target_value is not None else None
    if target is not None:
        target["rule"] = status.rule
    return {
        "id": g.code,
        "set": g.set_id,
        "scope": status.place.code,
        "title": g.title(lang),
        "unit": g.unit,
        "direction": g.direction,
        "baseline": _derived(status, _point(spec.baseline), spec.baseline, lang),
        "target": target,
        "latest": _derived(status, _point(a.latest, with_source=True), a.latest, lang),
        "achieved": a.achieved,
        "distance": json_number(a.distance),
        "distance_share": json_number(a.distance_share),
        "progress_pct": json_number(a.progress_pct),
        "required": json_number(a.required),
        "on_path": a.on_path,
        "years_ahead": json_number(a.years_ahead),
        "growth_ratio": json_number(a.growth_ratio),
        "category": a.category,
        "projection": _point(a.projection),
        "projected_to_meet": a.projected_to_meet,
        "verdict": a.verdict,
        "verdict_basis": _point(a.verdict_basis, with_source=True),
    }


def status_json(statuses: Sequence[GoalStatus], as_of: int, scope: Place | None, lang: str = "en") -> dict[str, Any]:
    """The status as JSON. ``scope`` None: the goals' sets are judged in scopes of their own, named
    on each goal (and at the top, if they share one)."""
    if scope is None:
        places = {s.place for s in statuses}
        scope = places.pop() if len(places) == 1 else None
    return {"as_of": as_of, "scope": scope.code if scope else None,
            "scope_name": scope.display_name(lang) if scope else None,
            "goals": [goal_json(s, lang) for s in statuses]}
