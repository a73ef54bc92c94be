"""Scopes compared on one goal, like for like: the comparison year, the ranking, and each scope judged."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from goaltrack.domain import progress, rates, regions
from goaltrack.domain.progress import Assessment, Point
from goaltrack.domain.units import counts
from goaltrack.judging.status import GoalStatus, Place, judge
from goaltrack.storage import store
from goaltrack.storage.lookup import home_scope
from goaltrack.storage.models import Goal, Scope
from goaltrack.storage.vintage import known_at

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@dataclass(frozen=True)
class ComparedScope:
    scope: Scope
    status: GoalStatus
    ranked: bool  # its latest figure is from its group's comparison year
    rank: int | None = None  # its place among the scopes of its group (municipalities, regions, others)
    group: str = "municipality"  # municipality | region | other | reference (the set's own scope, never ranked)


GROUPS = ("municipality", "region", "other")  # ranked apart, in this order; the reference comes last


@dataclass(frozen=True)
class Comparison:
    goal_id: str
    as_of: int
    year: int | None  # the first group's comparison year: the latest-figure year most of its scopes share
    entries: list[ComparedScope]  # each group's ranked scopes, best first, then its unranked; the reference last
    years: dict[str, int | None] = field(default_factory=dict)  # each group's comparison year
    rates: RateBasis | None = None  # how persons or counts became rates per 100,000; None: compared as they are
    population: str | None = None  # the population indicator the set names, whether or not it gave rates
    counts_asked: bool = False  # compared as counts because the caller asked (compare --counts)


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


def _year_of(status: GoalStatus) -> int | None:
    return status.assessment.latest.year if status.assessment.latest is not None else None


def rank_group(judged: Sequence[tuple[Scope, GoalStatus]], group: str, year: int | None = None
               ) -> tuple[int | None, list[ComparedScope]]:
    """Like for like (docs/method.md#comparing-scopes) within one group: only the scopes whose latest
    figure is from the comparison year (``year``, else the one most share) are ranked; the others
    follow, newest figure first, in the same order within a year."""
    year = year if year is not None else comparison_year([_year_of(s) for _, s in judged])

    def in_year(status: GoalStatus) -> bool:
        return year is not None and _year_of(status) == year

    ranked = sorted((item for item in judged if in_year(item[1])),
                    key=lambda item: rank_key(item[0].name, item[1].assessment))
    others = sorted((item for item in judged if not in_year(item[1])),
                    key=lambda item: (-(_year_of(item[1]) or 0), rank_key(item[0].name, item[1].assessment)))
    return year, ([ComparedScope(scope, status, True, n, group) for n, (scope, status) in enumerate(ranked, 1)]
                  + [ComparedScope(scope, status, False, None, group) for scope, status in others])


def rank_scopes(judged: Sequence[tuple[Scope, GoalStatus]], goal_id: str, as_of: int, home: str | None = None,
                year: int | None = None) -> Comparison:
    """Municipalities ranked among themselves, regions apart, other scopes apart; the set's own scope
    (``home``: the nation for the shipped set) is the reference, listed last and never ranked."""
    entries: list[ComparedScope] = []
    years: dict[str, int | None] = {}
    for group in GROUPS:
        members = [(scope, status) for scope, status in judged if scope.code != home and _group(scope) == group]
        if members:
            years[group], ranked = rank_group(members, group, year)
            entries += ranked
    entries += [ComparedScope(scope, status, False, None, "reference") for scope, status in judged
                if scope.code == home]
    first = next(iter(years.values()), None)
    return Comparison(goal_id, as_of, first, entries, years)


def _group(scope: Scope) -> str:
    return scope.kind if scope.kind in ("municipality", "region") else "other"


@dataclass(frozen=True)
class RateBasis:
    """How a comparison's persons or counts became rates per 100,000 inhabitants (method v3, Rates)."""

    population: str  # the indicator of inhabitants the set names
    target: float | None  # the home scope's target as a rate (None: a relative change, on each scope's baseline)
    target_population_year: int | None  # the year of the population a target level was divided by
    left_out: int  # figures without a population figure of their scope and year (a scope left with none is
    # not compared)


def compare_scopes(engine: Engine, goal_id: str, as_of: int, kind: str | None = None, region: str | None = None,
                   year: int | None = None, use_rates: bool = True) -> Comparison:
    """Every scope with figures for the goal, judged as status --scope judges it, ranked like for like:
    municipalities among themselves, regions apart, the set's own scope as the reference. ``kind``
    keeps one group (municipality, region); ``region`` (a region's code) its municipalities; ``year``
    fixes the comparison year. Persons and counts become rates per 100,000 inhabitants where the set
    names a population indicator with figures (``use_rates``: unless told not to); each scope is then held
    to the home scope's target as a rate."""
    goal = store.get_goals(engine, [goal_id])[0]
    goal_set = next((s for s in store.list_sets(engine) if s.id == goal.set_id), None)
    home = home_scope(goal_set)
    scopes = {s.code: s for s in store.list_scopes(engine)}
    figures = store.figures_by_scope(engine, goal.id, up_to=as_of)
    if goal.baseline_year is not None and goal.baseline_year <= as_of:
        figures.setdefault(home, [])  # the set's own scope has data in its catalogue baseline
    sums_of: dict[str, dict[int, int]] = {}  # a region's derived years, and how many municipalities each sums
    if counts(goal.unit):
        sums_of = _with_region_sums(figures, scopes)
    basis = None
    if use_rates and counts(goal.unit) and goal_set is not None and goal_set.population:
        goal, basis = _as_rates(engine, goal, goal_set.population, home, figures, scopes)

    def wanted(code: str) -> bool:
        scope = scopes[code]
        if code == home:
            return True
        if region is not None:
            return scope.parent == region
        return kind is None or _group(scope) == kind

    judged = [(scopes[code], dataclasses.replace(
        judge(goal, points, as_of, Place.of(scopes[code]), home, sums=sums_of.get(code)), known_at=known_at(engine)))
              for code, points in figures.items() if wanted(code)]
    population = goal_set.population if goal_set is not None else None
    return dataclasses.replace(rank_scopes(judged, goal_id, as_of, home, year), rates=basis, population=population,
                               counts_asked=not use_rates and population is not None)


def _with_region_sums(figures: dict[str, list[Point]], scopes: dict[str, Scope]) -> dict[str, dict[int, int]]:
    """Each region's figures completed, in place, with its municipalities' sums (domain.regions); returns
    the derived years of each region and how many municipalities each sums."""
    sums_of: dict[str, dict[int, int]] = {}
    for code, members in regions.members_by_region(scopes.values()).items():
        own = figures.get(code, [])
        years = regions.sums(own, {m: figures[m] for m in members if m in figures}, len(members))
        if years:
            figures[code] = regions.with_sums(own, years)
            sums_of[code] = dict.fromkeys(years, len(members))
    return sums_of


def _as_rates(engine: Engine, goal: Goal, indicator: str, home: str, figures: dict[str, list[Point]],
              scopes: dict[str, Scope]) -> tuple[Goal, RateBasis | None]:
    """The goal and every scope's figures (in place) as rates per 100,000 of the scope's population in
    the figure's year; the goal unchanged, and no basis, where the home scope has no population figure
    for the catalogue's baseline year or none by its target year."""
    population = {code: [Point(y, v) for y, v in sorted(by_year.items())]
                  for code, by_year in store.population_by_scope(engine, indicator).items()}
    _with_region_sums(population, scopes)  # a region's inhabitants: its municipalities' where it has none
    by_year = {code: {p.year: p.value for p in points} for code, points in population.items()}
    at_home = by_year.get(home, {})
    target_year = goal.target_year
    if goal.target_value is not None and target_year not in at_home:  # a target's year lies ahead: the
        target_year = max((y for y in at_home if target_year is None or y <= target_year), default=None)  # latest
    national = rates.national_rates((goal.baseline_year, goal.baseline_value), (target_year, goal.target_value),
                                    at_home)
    if national is None:
        return goal, None
    left_out = 0
    for code, points in list(figures.items()):
        figures[code], left = rates.per_inhabitants(points, by_year.get(code, {}))
        left_out += left
        if points and not figures[code] and code != home:  # no figure of a year with inhabitants: not compared
            del figures[code]
    rated = goal.model_copy(update={"unit": rates.RATE, "baseline_value": national[0], "target_value": national[1]})
    return rated, RateBasis(indicator, rated.target_level, target_year if goal.target_value is not None else None,
                            left_out)
