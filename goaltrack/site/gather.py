"""What the site shows, read from the database once: each goal judged at home, compared across scopes, with its history.

Everything here is plain data (goaltrack.judging's statuses and comparisons, storage's history
rows); the pages are made from it without another query, in as many languages as asked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from goaltrack.judging.compare import Comparison, compare_scopes
from goaltrack.judging.status import GoalStatus, Place, build_status
from goaltrack.storage import store
from goaltrack.storage.models import Scope
from goaltrack.storage.queries import HistoryRow

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

Step = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass(frozen=True)
class GoalDossier:
    """A goal as its page shows it: judged in its set's own scope, the scopes compared, its history."""

    status: GoalStatus
    comparison: Comparison
    history: list[HistoryRow]


@dataclass(frozen=True)
class ScopeDossier:
    """A scope as its page shows it: every goal judged in it (as `status --scope` judges it)."""

    scope: Scope
    place: Place
    statuses: list[GoalStatus]

    @property
    def drawn(self) -> list[GoalStatus]:
        """The goals with a figure in this scope: a section and a chart each."""
        return [s for s in self.statuses if s.has_figures]


@dataclass(frozen=True)
class SiteData:
    as_of: int
    name: str | None  # the catalogue's name, for the title
    home: list[GoalStatus]  # every goal in its set's own scope, in catalogue order
    goals: list[GoalDossier]
    scopes: list[ScopeDossier]  # the scopes that get a page, in the catalogue's order of scopes
    all_scopes: dict[str, Scope]  # every scope, by code (a region's name for its municipalities)


def gather(engine: Engine, as_of: int, set_id: str | None = None, codes: Sequence[str] = (),
           step: Step | None = None) -> SiteData:
    """Read what the site shows: the goals (of ``set_id``, else every set) judged in their own scope
    and compared; and a page's worth for each scope named in ``codes`` (by code), or without any, for
    every scope that has a figure (its own or, for a region, its municipalities' sums)."""
    home = build_status(engine, as_of, (), None, set_id)
    all_scopes = {s.code: s for s in store.list_scopes(engine)}
    scopes = _scopes(engine, as_of, set_id, list(codes) or list(all_scopes), bool(codes), all_scopes, step)
    goals = []
    for i, status in enumerate(home, 1):
        comparison = compare_scopes(engine, status.goal.id, as_of)
        history = store.history(engine, status.goal.id, status.home)
        goals.append(GoalDossier(status, comparison, history))
        if step:
            step("comparing", i, len(home))
    return SiteData(as_of, store.catalogue_name(engine), home, goals, scopes, all_scopes)


def _scopes(engine: Engine, as_of: int, set_id: str | None, codes: list[str], named: bool,
            all_scopes: dict[str, Scope], step: Step | None) -> list[ScopeDossier]:
    """Each scope judged; a scope without any figure gets no page unless it was named."""
    out = []
    for i, code in enumerate(dict.fromkeys(codes), 1):
        statuses = build_status(engine, as_of, (), code, set_id)
        if named or any(s.has_figures for s in statuses):
            scope = all_scopes[code]
            out.append(ScopeDossier(scope, Place.of(scope), statuses))
        if step:
            step("judging", i, len(codes))
    return out
