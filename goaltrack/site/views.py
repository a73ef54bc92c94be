"""The tables of the site as plain cells: status, comparison, figures, history and the scope index.

Every cell's text comes from the functions the status table, compare and the report use
(goaltrack.present.status_text, numbers, compare), so a page says exactly what they say. A table's
first cell of each row that names the row (a goal, a scope, a year) is its row header.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from goaltrack.domain import flags
from goaltrack.judging.compare import Comparison
from goaltrack.judging.status import GoalStatus, Place
from goaltrack.present.charts.data import CATEGORY_COLOUR
from goaltrack.present.compare import compare_columns, compare_notes
from goaltrack.present.i18n import LABELS, kind_name
from goaltrack.present.listings import entry_state
from goaltrack.present.numbers import number, progress_text
from goaltrack.present.status_text import (
    derived_marks,
    distance_text,
    figure_text,
    footnotes,
    summary_lines,
    target_text,
    verdict_text,
)
from goaltrack.site.gather import ScopeDossier
from goaltrack.site.words import words
from goaltrack.storage.models import Scope
from goaltrack.storage.queries import HistoryRow


_GLUED = re.compile(r"(?<=[≤≥<>↑↓~±]) | (?=%)| (?=\(\d{4}\))|(?<=\d) (?=(?:pp|pct\.-point|år|y)\b)")


def keep(text: str) -> str:
    """A figure kept on its line: no break between a number and its unit, its sign or its year
    ('≤ 4,000 (2020)', '25.7 % (2019)'); the breaks between the parts of a cell stay."""
    return _GLUED.sub("\u00a0", text)


@dataclass(frozen=True)
class SiteCell:
    text: str
    link: str | None = None  # a page or file of the site, relative to the language's folder
    head: bool = False  # the row's header (<th scope="row">)
    numeric: bool = False  # right-aligned, kept on one line
    colour: str | None = None  # a category's colour, shown beside its words (never alone)


@dataclass(frozen=True)
class SiteRow:
    cells: list[SiteCell]
    rule: bool = False  # a new section of the table starts here (compare: the unranked scopes, a group)
    muted: bool = False  # a replaced or deleted figure


@dataclass(frozen=True)
class SiteTable:
    caption: str
    headers: list[tuple[str, bool]]  # (text, numeric)
    rows: list[SiteRow]
    notes: list[str] = field(default_factory=list)


def status_table(statuses: Sequence[GoalStatus], lang: str, caption: str,
                 goal_link: Callable[[GoalStatus], str | None]) -> SiteTable:
    """The status table of the report, a goal a row, each goal's title linking to its page."""
    w = LABELS[lang]
    keys = ("goal", "baseline", "latest", "target", "distance", "progress", "category", "verdict")
    headers = [(w[k], k in ("baseline", "latest", "target", "distance", "progress")) for k in keys]
    marks = derived_marks(statuses)
    rows = []
    for s in statuses:
        a = s.assessment
        rows.append(SiteRow([
            SiteCell(s.goal.title(lang), goal_link(s), head=True),
            SiteCell(keep(figure_text(s, s.spec.baseline, lang)), numeric=True),
            SiteCell(keep(figure_text(s, a.latest, lang)), numeric=True),
            SiteCell(keep(target_text(s, lang, marks)), numeric=True),
            SiteCell(keep(distance_text(s, lang)), numeric=True),
            SiteCell(keep(progress_text(s, lang)), numeric=True),
            SiteCell(w[a.category], colour=CATEGORY_COLOUR[a.category]),
            SiteCell(keep(verdict_text(s, lang)))]))
    return SiteTable(caption, headers, rows, footnotes(statuses, lang))


def compare_table(comparison: Comparison, lang: str, caption: str, scope_link: dict[str, str]) -> SiteTable:
    """compare's table: each group's ranked scopes numbered, then its unranked ones, the reference last;
    each scope's name linking to its page where it has one."""
    columns, _ = compare_columns(comparison, lang)
    entries = comparison.entries
    rows = []
    for i, entry in enumerate(entries):
        cells = []
        for column in columns:
            text = " ".join(column.rows[i])
            if column.key == "scope":
                cells.append(SiteCell(text, scope_link.get(entry.scope.code), head=True))
            elif column.key == "category":
                a = entry.status.assessment
                cells.append(SiteCell(LABELS[lang][a.category], colour=CATEGORY_COLOUR[a.category]))
            else:
                cells.append(SiteCell(keep(text), numeric=column.right))
        rule = i > 0 and (entries[i - 1].group, entries[i - 1].ranked) != (entry.group, entry.ranked)
        rows.append(SiteRow(cells, rule=rule))
    headers = [(c.header if c.key != "rank" else words(lang)["rank"], c.right) for c in columns]
    return SiteTable(caption, headers, rows, compare_notes(comparison, lang))


def figures_table(status: GoalStatus, lang: str, caption: str) -> SiteTable:
    """The figures judged (the scope's current ones, history before the baseline included), each with
    its flag and source; the catalogue's baseline where it is no figure of the record."""
    w, unit = words(lang), status.goal.unit
    spec, a = status.spec, status.assessment
    points = list(status.points)
    if spec.baseline is not None and all(p.year != spec.baseline.year for p in points):
        points = sorted([*points, spec.baseline], key=lambda p: p.year)
    rows = []
    for p in points:
        remark = []
        if spec.baseline is not None and p.year < spec.baseline.year:
            remark.append(w["chart_history"])
        if spec.baseline is not None and p.year == spec.baseline.year:
            remark.append(w["baseline"])
        if a.verdict_basis is not None and p.year == a.verdict_basis.year:
            remark.append(w["chart_basis"])
        if status.derived(p) is not None:
            remark.append(w["derived"])
        value = number(p.value, unit, lang) + (f" {p.flag}" if p.flag else "")
        rows.append(SiteRow([SiteCell(str(p.year), head=True), SiteCell(value, numeric=True),
                             SiteCell(flags.label(p.flag, lang)), SiteCell(p.source or ""),
                             SiteCell(" · ".join(remark))]))
    headers = [(w["year"], True), (w["value"], True), (w["flag"], False), (w["source"], False),
               (w["remark"], False)]
    return SiteTable(caption, headers, rows)


def history_table(rows: Sequence[HistoryRow], unit: str, lang: str, caption: str) -> SiteTable:
    """Every figure recorded, in the order recorded: current, replaced (with what replaced it) and
    deleted (with the reason given), as `goaltrack history` lists them."""
    w = words(lang)
    out = []
    for r in rows:
        current = r.replaced_at is None
        state = entry_state(r, w)
        if r.flag:
            state += f" · {flags.label(r.flag, lang)}"
        source = (r.source or "") + (f" — {r.note}" if r.note else "")
        out.append(SiteRow([
            SiteCell(str(r.year), head=True),
            SiteCell(number(r.value, unit, lang) + (f" {r.flag}" if r.flag else ""), numeric=True),
            SiteCell("" if r.replaces is None else number(r.replaces, unit, lang), numeric=True),
            SiteCell(source), SiteCell("" if r.published is None else r.published.isoformat()),
            SiteCell("" if r.recorded_at is None else f"{r.recorded_at:%Y-%m-%d %H:%M}"),
            SiteCell(state)], muted=not current))
    headers = [(w["year"], True), (w["value"], True), (w["replaces"], True), (w["source"], False),
               (w["published"], False), (w["recorded"], False), (w["status"], False)]
    return SiteTable(caption, headers, out)


def scopes_table(dossiers: Sequence[ScopeDossier], lang: str, caption: str, all_scopes: dict[str, Scope],
                 pages: dict[str, str]) -> SiteTable:
    """The scopes of one kind, a row each: its name linking to its page, the region it is part of, and
    its goals' verdicts (or categories before a deadline), as the status table's footer counts them."""
    w = words(lang)
    rows = []
    for d in dossiers:
        parent = all_scopes.get(d.scope.parent) if d.scope.parent else None
        part_of = SiteCell(Place.of(parent).display_name(lang), pages.get(parent.code)) if parent else SiteCell("")
        summary = " · ".join(summary_lines(d.statuses, lang, with_place=False))
        rows.append(SiteRow([SiteCell(d.place.label(lang), pages.get(d.scope.code), head=True),
                             SiteCell(kind_name(d.scope.kind, lang)), part_of, SiteCell(summary)]))
    headers = [(w["scope"], False), (w["kind"], False), (w["part_of"], False), (w["status"], False)]
    return SiteTable(caption, headers, rows)
