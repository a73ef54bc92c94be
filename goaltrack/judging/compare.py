"""Scopes compared on one goal, like for like: the comparison year, the ranking, and each scope judged."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
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
    """Like for like (docs/method.md#comparing-scopes): only the scopes whose latest figure is from the
    comparison year are ranked (none when no scope has a latest figure); the others follow, newest
    figure first, in the same order within a year."""
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
    judged = [(scopes[code], dataclasses.replace(
        judge(goal, points, as_of, Place.of(scopes[code]), home, sums=sums_of.get(code)), known_at=known_at(engine)))
              for code, points in figures.items()]

    return rank_scopes(judged, goal_id, as_of)
