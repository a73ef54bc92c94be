"""Scopes compared on one goal, like for like: the comparison year, the ranking, and each scope judged."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from goaltrack.domain import progress, regions
from goaltrack.domain.progress import Assessment
from goaltrack.domain.units import counts
from goaltrack.judging.status import GoalStatus, Place, judge
from goaltrack.storage import store
from goaltrack.storage.lookup import home_scope
from goaltrack.storage.models import Scope
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


def compare_scopes(engine: Engine, goal_id: str, as_of: int, kind: str | None = None, region: str | None = None,
                   year: int | None = None) -> Comparison:
    """Every scope with figures for the goal, judged as status --scope judges it, ranked like for like:
    municipalities among themselves, regions apart, the set's own scope as the reference. ``kind``
    keeps one group (municipality, region); ``region`` (a region's code) its municipalities; ``year``
    fixes the comparison year."""
    goal = store.get_goals(engine, [goal_id])[0]
    goal_set = next((s for s in store.list_sets(engine) if s.id == goal.set_id), None)
    home = home_scope(goal_set)
    scopes = {s.code: s for s in store.list_scopes(engine)}
    figures = store.figures_by_scope(engine, goal.id, up_to=as_of)
    if goal.baseline_year is not None and goal.baseline_year <= as_of:
        figures.setdefault(home, [])  # the set's own scope has data in its catalogue baseline
    sums_of: dict[str, dict[int, int]] = {}  # a region's derived years, and how many municipalities each sums
    if counts(goal.unit):
        for code, members in regions.members_by_region(scopes.values()).items():
            own = figures.get(code, [])
            years = regions.sums(own, {m: figures[m] for m in members if m in figures}, len(members))
            if years:
                figures[code] = regions.with_sums(own, years)
                sums_of[code] = dict.fromkeys(years, len(members))

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
    return rank_scopes(judged, goal_id, as_of, home, year)
