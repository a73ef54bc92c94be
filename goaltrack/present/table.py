"""The status table for a terminal: its columns, fitted to the width (goaltrack.present.fit), drawn by rich.

No word, figure or symbol is split; columns a narrow terminal cannot hold are left out, and said.
rich is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from goaltrack.domain import progress
from goaltrack.judging.status import GoalStatus, Place
from goaltrack.present.i18n import LABELS
from goaltrack.present.numbers import clip, progress_text
from goaltrack.present.status_text import (
    CATEGORY_STYLE,
    VERDICT_STYLE,
    derived_marks,
    distance_text,
    figure_text,
    footnotes,
    shown,
    summary_lines,
    target_text,
    title_line,
    verdict_atoms,
    vintage_of,
)

if TYPE_CHECKING:
    from goaltrack.present.fitted import FittedTable as Table


SPARKS = "▁▂▃▄▅▆▇█"


def sparkline(values: Sequence[float]) -> str:
    """The last eight values as bars from low to high: "▁▄█"."""
    values = [clip(v) for v in list(values)[-8:]]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    return "".join(SPARKS[round((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)


def trend(status: GoalStatus) -> tuple[str, str]:
    """A sparkline of the figures that count, with an arrow for the last move, and its colour."""
    points = progress.counted(status.spec, status.points, status.assessment.latest.year) \
        if status.assessment.latest else []
    if status.assessment.series_break is not None:  # one series only: the latest figure's segment
        points = [p for p in points if p.year >= status.assessment.series_break]
    if len(points) < 2:
        return sparkline([p.value for p in points]), "dim"
    step = points[-1].value - points[-2].value
    arrow = "↑" if step > 0 else "↓" if step < 0 else "→"
    good = status.spec.direction * step
    style = "green" if good > 0 else "red" if good < 0 else "dim"
    return f"{sparkline([p.value for p in points])} {arrow}", style


def status_columns(statuses: Sequence[GoalStatus], lang: str = "en") -> tuple[list, list[str | None]]:
    """The status table's columns as pieces that must not be split (see goaltrack.present.fit), and each
    row's styles. Narrow tables leave out the trend first, then the distance, then the baseline."""
    from goaltrack.present.fit import Column, atoms

    words = LABELS[lang]
    show_verdict = any(s.assessment.verdict is not None for s in statuses)
    columns = {key: Column(key, words[key], [], right=key in ("baseline", "latest", "target", "distance",
                                                                "progress"), optional=drop)
               for key, drop in (("goal", 0), ("baseline", 3), ("latest", 0), ("target", 0), ("distance", 2),
                                 ("progress", 4), ("trend", 1), ("category", 0), ("verdict", 0))
               if key != "verdict" or show_verdict}
    columns["goal"].short_rows = []
    for key in ("baseline", "latest", "target"):
        columns[key].group, columns[key].stack = 1, True
    styles: dict[str, list[str | None]] = {"trend": [], "category": [], "verdict": []}
    marks = derived_marks(statuses)
    for s in statuses:
        a = s.assessment
        symbol, style = CATEGORY_STYLE[a.category]
        spark, spark_style = trend(s)
        cells = {
            "goal": atoms(shown(s.goal.title(lang))),
            "baseline": atoms(figure_text(s, s.spec.baseline, lang)),
            "latest": atoms(figure_text(s, a.latest, lang)),
            "target": atoms(target_text(s, lang, marks)),
            "distance": atoms(distance_text(s, lang)),
            "progress": atoms(progress_text(s, lang)),
            "trend": [spark] if spark else [],
            "category": atoms(f"{symbol} {words[a.category]}"),
            "verdict": verdict_atoms(s, lang),  # "missed ·" over "6,431 (2019)" when narrow
        }
        for key, column in columns.items():
            column.rows.append(cells[key])
        columns["goal"].short_rows.append(atoms(shown(s.goal.title(lang, short=True))))
        styles["trend"].append(spark_style)
        styles["category"].append(style)
        styles["verdict"].append(VERDICT_STYLE[a.verdict] if a.verdict else None)
    return list(columns.values()), styles


def status_table(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en",
                 width: int | None = 160, set_name: str | None = None) -> Table:
    """The status as a table that fits a terminal ``width`` columns wide (None: as wide as it takes)."""
    return status_view(statuses, as_of, scope, lang, width, set_name)[0]


def status_view(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en",
                width: int | None = 160, set_name: str | None = None) -> tuple[Table, list[str]]:
    """The status table for a terminal ``width`` columns wide, and the headers of the columns that
    it had to leave out.

    No word, number, unit or symbol is ever split across lines or cut short (goaltrack.present.fit chooses the
    columns, the titles and the widths); each goal takes one or two lines from 100 columns up.
    """
    from rich import box

    from goaltrack.present.fit import layout

    columns, styles = status_columns(statuses, lang)
    plan = layout(columns, width)
    notes = summary_lines(statuses, lang) + footnotes(statuses, lang)  # the counts first: the answer at a glance
    from goaltrack.present.fitted import fitted_table

    table = fitted_table(plan, columns, styles, title_line(scope, as_of, lang, set_name, vintage_of(statuses)), notes,
                         box.SIMPLE_HEAD)
    return table, plan.omitted


def omitted_note(omitted: Sequence[str], width: int, lang: str = "en") -> str:
    """The stderr line that says which columns a narrow terminal left out, and how to see them."""
    return LABELS[lang]["omitted"].format(width=width, names=", ".join(omitted))
