"""Goal status: the goals and their figures from the database, judged by the progress maths.

``build_status`` returns plain objects; ``status_json`` turns them into the documented JSON shape.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from goaltrack import progress, store
from goaltrack.catalogue import DIRECTIONS, NATION
from goaltrack.models import Goal, Scope
from goaltrack.progress import Assessment, Point
from goaltrack.units import UNITS

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

SCALED_UNITS = {"persons", "count"}  # a region's target is the nation's scaled by its baseline
SUMMED_UNITS = SCALED_UNITS  # a region's figure may be the sum of its municipalities' (never percent etc.)
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
            target = own.value * goal.target_value / goal.baseline_value
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


def build_status(engine: Engine, as_of: int, goal_ids: Sequence[str] = (),
                 scope: str = NATION) -> list[GoalStatus]:
    """The status of the named goals (default: every goal that is not archived), in catalogue order."""
    place = Place.of(store.get_scope(engine, scope))  # by code or name
    scope = place.code
    if goal_ids:  # the goals named, still in catalogue order
        goals = sorted(store.get_goals(engine, goal_ids), key=lambda g: (g.archived, g.position))
    else:
        goals = store.list_goals(engine)
    figures = store.current_measurements(engine, [g.id for g in goals], scope, up_to=as_of)
    return [judge(goal, figures[goal.id], as_of, place) for goal in goals]


def compare_scopes(engine: Engine, goal_id: str, as_of: int) -> list[tuple[Scope, GoalStatus]]:
    """Every scope with figures for the goal, judged as status --scope judges it, best progress first
    (scopes whose progress cannot be computed last), then by name."""
    goal = store.get_goals(engine, [goal_id])[0]
    scopes = {s.code: s for s in store.list_scopes(engine)}
    figures = store.figures_by_scope(engine, goal_id, up_to=as_of)
    if goal.baseline_year is not None and goal.baseline_year <= as_of:
        figures.setdefault(NATION, [])  # the nation has data in its catalogue baseline
    judged = [(scopes[code], judge(goal, points, as_of, Place.of(scopes[code]))) for code, points in figures.items()]

    def rank(item: tuple[Scope, GoalStatus]) -> tuple:
        pct = item[1].assessment.progress_pct
        return (pct is None, -(pct or 0.0), item[0].name)

    return sorted(judged, key=rank)


def json_number(value: float | None) -> float | int | None:
    if value is None:
        return None
    value = round(value, 6)
    return int(value) if value.is_integer() else value


def _point(point: Point | None, with_source: bool = False) -> dict[str, Any] | None:
    if point is None:
        return None
    out: dict[str, Any] = {"year": point.year, "value": json_number(point.value)}
    if with_source:
        out["source"] = point.source
    return out


def goal_json(status: GoalStatus, lang: str = "en") -> dict[str, Any]:
    g, spec, a = status.goal, status.spec, status.assessment
    target = _point(Point(spec.target_year, spec.target_value)) if spec.target_value is not None else None
    if target is not None:
        target["rule"] = status.rule
    return {
        "id": g.id,
        "scope": status.place.code,
        "title": g.title(lang),
        "unit": g.unit,
        "direction": g.direction,
        "baseline": _point(spec.baseline),
        "target": target,
        "latest": _point(a.latest, with_source=True),
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


def status_json(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en") -> dict[str, Any]:
    return {"as_of": as_of, "scope": scope.code, "scope_name": scope.display_name(lang),
            "goals": [goal_json(s, lang) for s in statuses]}
