"""The answer at a glance (method v3, "Summary"): the goals met, missed and unknown per set, scope and deadline.

Before a deadline, the goals per category instead; with the verdicts, how many of them are provisional.
Every picture (status table, JSON, Markdown, report, overview chart) shows these same counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from goaltrack.domain import flags, progress
from goaltrack.judging.status import GoalStatus, Place

VERDICTS = (progress.MET, progress.MISSED, progress.UNKNOWN)


@dataclass(frozen=True)
class Summary:
    set_id: str
    place: Place
    deadline: int  # the goals' target year
    judged: bool  # past the deadline: counts of verdicts; before it: counts of categories
    counts: dict[str, int]  # verdict or category → goals, in the method's order (verdicts: all three)
    provisional: int  # verdicts that rest on a provisional or estimated figure

    @property
    def goals(self) -> int:
        return sum(self.counts.values())


def summarise(statuses: Sequence[GoalStatus]) -> list[Summary]:
    """One summary per goal set, scope and deadline, in the order the statuses come (catalogue order);
    goals without a deadline (context indicators) are in none."""
    groups: dict[tuple[str, str, int], list[GoalStatus]] = {}
    for s in statuses:
        if s.spec.target_year is not None:
            groups.setdefault((s.goal.set_id, s.place.code, s.spec.target_year), []).append(s)
    out = []
    for (set_id, _, deadline), group in groups.items():
        judged = any(s.assessment.verdict is not None for s in group)
        if judged:
            counts = {v: sum(s.assessment.verdict == v for s in group) for v in VERDICTS}
        else:
            counts = {c: n for c in progress.CATEGORIES if (n := sum(s.assessment.category == c for s in group))}
        provisional = sum(1 for s in group if s.assessment.verdict is not None and s.assessment.verdict_basis
                          is not None and s.assessment.verdict_basis.flag in flags.TENTATIVE)
        out.append(Summary(set_id, group[0].place, deadline, judged, counts, provisional))
    return out
