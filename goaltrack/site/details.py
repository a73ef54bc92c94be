"""A goal page's two lists of facts: the goal as the catalogue defines it, and where it stands with its verdict.

Each fact is (term, text) or (term, text, colour); the words and figures are those of `goaltrack
show` and the status table.
"""

from __future__ import annotations

from goaltrack.judging.status import GoalStatus
from goaltrack.present.charts.data import CATEGORY_COLOUR
from goaltrack.present.i18n import unit_name
from goaltrack.present.listings import definition_target, goal_baseline
from goaltrack.present.numbers import progress_text
from goaltrack.present.status_text import (
    derived_target_text,
    distance_text,
    figure_text,
    point_text,
    verdict_text,
)
from goaltrack.site.words import words


def _term(text: str) -> str:
    return text[:1].upper() + text[1:]


def definition_facts(status: GoalStatus, lang: str) -> list[tuple[str, str]]:
    """The goal's set, unit and direction, its baseline and target as the catalogue states them, its source."""
    w, goal = words(lang), status.goal
    better = w["better_up"] if goal.direction == "increase" else w["better_down"]
    return [(w["set"], status.set_name or goal.set_id),
            (_term(w["id"]), goal.full_name),
            (_term(w["unit"]), f"{unit_name(goal.unit, lang)}, {better}"),
            (w["baseline"], point_text(goal_baseline(goal), goal.unit, lang)),
            (w["catalogue_target"], definition_target(goal, lang)),
            (w["definition_source"], goal.source or "–")]


def verdict_facts(status: GoalStatus, lang: str) -> list[tuple[str, str, str | None]]:
    """Where the goal stands in its scope: the latest figure, the target judged, the distance, the
    progress, the category (with its colour) and, past the deadline, the verdict and the figure that
    decided it."""
    w, a = words(lang), status.assessment
    facts = [(w["scope"], status.place.label(lang), None),
             (w["baseline"], figure_text(status, status.spec.baseline, lang), None),
             (w["latest"], figure_text(status, a.latest, lang), None),
             (w["target"], _target(status, lang), None),
             (w["distance"], distance_text(status, lang), None),
             (w["progress"], progress_text(status, lang), None),
             (w["category"], w[a.category], CATEGORY_COLOUR[a.category])]
    if a.verdict is not None:
        facts.append((w["verdict"], verdict_text(status, lang), None))
    return facts


def _target(status: GoalStatus, lang: str) -> str:
    """'≤ 4,000 (2020)', a derived one with how it came about; '↑ improve (2020)' by direction only."""
    spec = status.spec
    if spec.target_year is None:
        return "–"
    if spec.target_value is None:
        return f"{'↑' if spec.direction > 0 else '↓'} {words(lang)['improve']} ({spec.target_year})"
    return f"{derived_target_text(status, lang)} ({spec.target_year})"
