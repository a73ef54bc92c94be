"""Rendering of status, goals and history: a rich table for people, JSON, CSV and Markdown for reports.

Functions return strings or rich renderables and print nothing; the CLI decides where output goes.
rich is imported only by the table renderers.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from goaltrack.domain import progress
from goaltrack.catalogue import NATION
from goaltrack.present.i18n import LABELS, kind_name, unit_name
from goaltrack.judging.status import NATIONAL, RELATIVE, SCALED, GoalStatus, Place, goal_json, json_number, status_json
from goaltrack.domain.text import json_safe, markdown_text, neutralise_cell, printable, shorten
from goaltrack.domain.units import MAX_MAGNITUDE, MAX_TEXT

if TYPE_CHECKING:
    from rich.table import Table

    from goaltrack.storage.models import Goal
    from goaltrack.judging.status import Comparison
    from goaltrack.storage.store import HistoryRow

CATEGORY_STYLE = {  # symbol, colour; the weather symbols of the German sustainability strategy
    progress.ACHIEVED: ("✔", "bold green"),
    progress.SUBSTANTIAL: ("☀", "green"),
    progress.MODERATE: ("⛅", "yellow"),
    progress.LIMITED: ("☁", "dark_orange"),
    progress.DETERIORATION: ("⛈", "bold red"),
    progress.INSUFFICIENT: ("·", "dim"),
}
VERDICT_STYLE = {progress.MET: "bold green", progress.MISSED: "bold red", progress.UNKNOWN: "dim"}

SPARKS = "▁▂▃▄▅▆▇█"
NOTE_KEEPS = "\t\n"  # a note may run over several lines


def shown(text: str, keep: str = "") -> str:
    """Text from the data as a terminal gets it: control characters escaped (no escape sequence
    acts), and cut at MAX_TEXT characters (what was stored before texts were bounded)."""
    return printable(shorten(text, MAX_TEXT), keep)


# --- numbers as people read them ------------------------------------------------------------------


MINUS = "\u2212"  # the typographic minus of "< −999 %", for every negative figure people read


def number(value: float | None, unit: str, lang: str = "en") -> str:
    """5,290 persons; 5.7 %; Danish: 5.290 and 5,7 %. A figure beyond any real one (stored before
    figures were bounded) shows in scientific form, 1e+308, rather than as 309 digits."""
    if value is None or not math.isfinite(value):
        return "–"
    if abs(value) >= MAX_MAGNITUDE:
        text = f"{value:.3g}"
    elif unit in ("persons", "count"):
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "−0"):
        text = "0"
    text = text.replace("-", MINUS, 1) if text.startswith("-") else text  # one minus sign everywhere: −39 %
    if lang == "da":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    if unit == "percent":
        return f"{text} %"
    if unit == "years":
        return f"{text} {LABELS[lang]['years']}"
    return text


def point_text(point: progress.Point | None, unit: str, lang: str) -> str:
    return "–" if point is None else f"{number(point.value, unit, lang)} ({point.year})"


DERIVED_MARKS = {SCALED: "¹", RELATIVE: "²", NATIONAL: "³"}  # the order of the kinds; marks go by what is shown


def derived_marks(statuses: Sequence[GoalStatus]) -> dict[str, str]:
    """The footnote mark of each kind of derived target among ``statuses``, numbered by what is shown:
    a comparison with only national levels marks them ¹, never ³ with no ¹ or ² anywhere."""
    shown = {s.rule for s in statuses if s.rule in DERIVED_MARKS and s.spec.target_value is not None}
    marks = list(DERIVED_MARKS.values())
    return {rule: marks[i] for i, rule in enumerate(r for r in DERIVED_MARKS if r in shown)}


def target_text(status: GoalStatus, lang: str, mark: dict[str, str] | None = None) -> str:
    """'≤ 4,000 (2020)'; with ``mark`` (``derived_marks`` of the statuses shown together), a derived
    target carries the mark its footnote explains."""
    spec = status.spec
    if spec.target_year is None:
        return "–"
    if spec.target_value is None:
        arrow = "↑" if spec.direction > 0 else "↓"
        return f"{arrow} {LABELS[lang]['improve']} ({spec.target_year})"
    text = f"{target_level_text(status, lang)} ({spec.target_year})"
    return text + mark.get(status.rule or "", "") if mark else text


def target_level_text(status: GoalStatus, lang: str) -> str:
    """'≤ 4,000'."""
    sign = "≥" if status.spec.direction > 0 else "≤"
    return f"{sign} {number(status.spec.target_value, status.goal.unit, lang)}"


def rule_text(status: GoalStatus, lang: str) -> str | None:
    """How a derived target came about ('scaled from the national target'); None for the catalogue's."""
    if status.rule not in DERIVED_MARKS:
        return None
    key = status.rule if status.home == NATION else f"{status.rule}_home"
    return LABELS[lang][key]


def derived_target_text(status: GoalStatus, lang: str) -> str:
    """'≤ 1,059, scaled from the national target'; the catalogue's own target plainly."""
    why = rule_text(status, lang)
    level = target_level_text(status, lang)
    return f"{level}, {why}" if why else level


SUM_MARK = "Σ"


def figure_text(status: GoalStatus, point: progress.Point | None, lang: str) -> str:
    """point_text, with Σ after a figure goaltrack summed from the region's municipalities."""
    text = point_text(point, status.goal.unit, lang)
    return text + SUM_MARK if status.derived(point) is not None else text


def footnotes(statuses: Sequence[GoalStatus], lang: str) -> list[str]:
    """A line for each kind of derived figure shown: '¹ scaled from the national target',
    'Σ sum of 11 municipalities'."""
    from goaltrack.domain.regions import derived_text

    seen = {s.rule: s for s in statuses if s.rule in DERIVED_MARKS and s.spec.target_value is not None}
    notes = [f"{mark} {rule_text(seen[rule], lang)}" for rule, mark in derived_marks(statuses).items()]
    counts = sorted({s.derived(p) for s in statuses for p in (s.spec.baseline, s.assessment.latest)} - {None})
    notes += [f"{SUM_MARK} {derived_text(count, lang)}" for count in counts]
    return notes


def title_line(scope: Place, as_of: int, lang: str, set_name: str | None = None) -> str:
    """'goaltrack · København (101) · as of 2026'; with a set's name after 'goaltrack' when the
    picture holds several sets (or one other than the shipped one)."""
    named = f" · {set_name}" if set_name else ""
    return f"goaltrack{named} · {scope.label(lang)} · {LABELS[lang]['as_of']} {as_of}"


def by_set(statuses: Sequence[GoalStatus], fallback: Place) -> list[tuple[str | None, Place, list[GoalStatus]]]:
    """The statuses grouped by goal set (and the scope each set is judged in), in order: (the set's
    name, or None when only the shipped set is shown; the scope; its statuses)."""
    from goaltrack.storage.models import SHIPPED_SET

    groups: dict[tuple[str, str], list[GoalStatus]] = {}
    for s in statuses:
        groups.setdefault((s.goal.set_id, s.place.code), []).append(s)
    if not groups:
        return [(None, fallback, [])]
    named = len(groups) > 1 or next(iter(groups))[0] != SHIPPED_SET
    return [(group[0].set_name or set_id if named else None, group[0].place, group)
            for (set_id, _), group in groups.items()]


def distance_text(status: GoalStatus, lang: str) -> str:
    distance = status.assessment.distance
    if distance is None:
        return "–"
    if status.goal.unit == "percent":  # a distance between percentages is in points
        return number(distance, "score", lang) + " " + LABELS[lang]["points"]
    return number(distance, status.goal.unit, lang)


PROGRESS_SHOWN = 999  # tables show progress beyond ±999 % as "> 999 %": it explodes near the target


def progress_text(status: GoalStatus, lang: str) -> str:
    """Progress in whole percent; "–" without movement; "< −999 %" and "> 999 %" beyond that range
    (a baseline near the target makes it explode; JSON keeps the exact figure)."""
    pct = status.assessment.progress_pct
    if pct is None:
        return "–"
    if pct > PROGRESS_SHOWN:
        return f"> {number(PROGRESS_SHOWN, 'percent', lang)}"
    if pct < -PROGRESS_SHOWN:
        return f"< {number(-PROGRESS_SHOWN, 'percent', lang)}"
    return number(round(pct), "percent", lang)


def verdict_parts(status: GoalStatus, lang: str) -> list[str]:
    """The verdict, the figure that decided it, and why an unknown verdict is unknown:
    ["missed", "6,431 (2019)"], ["unknown", "2013 too old"], ["unknown", "no figure"].
    Empty before the deadline."""
    a, spec, words = status.assessment, status.spec, LABELS[lang]
    if a.verdict is None:
        return []
    basis = a.verdict_basis
    if basis is None:
        return [words["unknown"], words["no_figure"]]  # the deadline stands in the target column
    shown = point_text(basis, status.goal.unit, lang)
    if progress.basis_too_old(spec, basis):  # its year says why; the report names its value
        return [words["unknown"], f"{basis.year} {words['too_old']}"]
    if a.verdict == progress.UNKNOWN:  # a goal by direction only, without a baseline
        return [words["unknown"], shown, words["no_baseline"]]
    return [words[a.verdict], shown]


def basis_source(status: GoalStatus, lang: str = "en") -> str | None:
    """The source of the figure that decided the verdict, where that figure is not the latest one
    (whose source every picture names already); a region's sum names its municipalities."""
    from goaltrack.domain.regions import derived_text

    basis, latest = status.assessment.verdict_basis, status.assessment.latest
    if basis is None or basis == latest:
        return None
    summed = status.derived(basis)
    return derived_text(summed, lang) if summed is not None else basis.source


def sources_text(basis: str | None, latest: str | None, lang: str = "en") -> str:
    """"Source: VIVE 2022", or with the verdict's own source beside it, each once: "Source of the
    verdict: VIVE 2019 · of the latest figure: VIVE 2022". Empty without any source."""
    words = LABELS[lang]
    if not basis or basis == latest:
        return f"{words['source_one']}: {latest}" if latest else ""
    text = f"{words['source_verdict']}: {basis}"
    return f"{text} · {words['source_latest']}: {latest}" if latest else text


def verdict_atoms(status: GoalStatus, lang: str) -> list[str]:
    """The verdict cell in two pieces that a narrow table puts on two lines: the verdict, and the
    figure that decided it (never split: "6,431 (2019)", "2012 too old")."""
    parts = verdict_parts(status, lang)
    return [f"{parts[0]} ·", " ".join(parts[1:])] if parts else []


def verdict_text(status: GoalStatus, lang: str) -> str:
    """"missed · 6,431 (2019)": the verdict and the figure that decided it; empty before the deadline."""
    parts = verdict_parts(status, lang)
    return f"{parts[0]} · " + " ".join(parts[1:]) if parts else ""


def sparkline(values: Sequence[float]) -> str:
    values = [clip(v) for v in list(values)[-8:]]
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return SPARKS[3] * len(values)
    return "".join(SPARKS[round((v - low) / (high - low) * (len(SPARKS) - 1))] for v in values)


def clip(value: float) -> float:
    """A value kept within ten times the largest figure allowed, for drawing: what is stored from
    before figures were bounded can then be scaled and subtracted without overflowing."""
    return max(-10 * MAX_MAGNITUDE, min(10 * MAX_MAGNITUDE, value))


def trend(status: GoalStatus) -> tuple[str, str]:
    """A sparkline of the figures that count, with an arrow for the last move, and its colour."""
    points = progress.counted(status.spec, status.points, status.assessment.latest.year) \
        if status.assessment.latest else []
    if len(points) < 2:
        return sparkline([p.value for p in points]), "dim"
    step = points[-1].value - points[-2].value
    arrow = "↑" if step > 0 else "↓" if step < 0 else "→"
    good = status.spec.direction * step
    style = "green" if good > 0 else "red" if good < 0 else "dim"
    return f"{sparkline([p.value for p in points])} {arrow}", style


# --- status ---------------------------------------------------------------------------------------


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
    table = fitted_table(plan, columns, styles, title_line(scope, as_of, lang, set_name), footnotes(statuses, lang),
                         box.SIMPLE_HEAD)
    return table, plan.omitted


def fitted_table(plan: Any, columns: Sequence[Any], styles: dict[str, list[str | None]], title: str,
                 notes: Sequence[str], frame: Any, rule_after: int | None = None) -> Table:
    """A rich table laid out as ``plan`` says (goaltrack.present.fit): each column at its width, never wrapped
    by rich, a two-word header on two lines; ``rule_after``: the row after which a rule is drawn."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=shown(title), title_justify="left", caption="\n".join(map(shown, notes)) or None,
                  caption_justify="left", header_style="bold", box=frame, show_edge=False, pad_edge=False)
    by_key = {c.key: c for c in columns}
    for key in plan.keys:
        table.add_column(header_lines(by_key[key].header, plan.widths[key]),
                         justify="right" if by_key[key].right else "left", width=plan.widths[key], no_wrap=True)
    for i, row in enumerate(plan.lines):
        table.add_row(*(Text("\n".join(row[key]), style=styles[key][i] or "" if key in styles else "")
                        for key in plan.keys), end_section=i == rule_after)
    return table


def header_lines(header: str, width: int) -> str:
    """A column header wrapped at its spaces to the column's width ("Gap" over "left"), never cut."""
    from goaltrack.present.fit import wrap

    return "\n".join(wrap(header.split(), width))


def omitted_note(omitted: Sequence[str], width: int, lang: str = "en") -> str:
    """The stderr line that says which columns a narrow terminal left out, and how to see them."""
    return LABELS[lang]["omitted"].format(width=width, names=", ".join(omitted))


def to_json(data: Any) -> str:
    """Strict JSON: a NaN or infinity anywhere is a bug, and fails here rather than reach a reader."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def status_as_json(statuses: Sequence[GoalStatus], as_of: int, scope: Place | None, lang: str = "en") -> str:
    return to_json(status_json(statuses, as_of, scope, lang))


CSV_FIELDS = (
    "id", "set", "scope", "title", "unit", "direction", "baseline_year", "baseline_value", "target_year", "target_value",
    "target_rule",
    "latest_year", "latest_value", "latest_source", "achieved", "distance", "distance_share",
    "progress_pct", "required", "on_path", "years_ahead", "growth_ratio", "category",
    "projection_year", "projection_value", "projected_to_meet", "verdict",
    "verdict_basis_year", "verdict_basis_value", "verdict_basis_source",
)


def _csv_cell(value: Any, excel_da: bool = False) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):  # a title or source: never a formula in a spreadsheet
        return neutralise_cell(value)
    if excel_da and isinstance(value, float):  # Danish Excel reads 5,7, not 5.7
        from goaltrack.present.spreadsheet import excel_da_number

        return excel_da_number(value)
    return value


def status_rows(statuses: Sequence[GoalStatus], lang: str = "en") -> list[dict[str, Any]]:
    """One flat row per goal, keyed by CSV_FIELDS, values as they are (numbers, booleans, None):
    nested objects are flattened (baseline → baseline_year, baseline_value)."""
    rows = []
    for s in statuses:
        flat: dict[str, Any] = dict.fromkeys(CSV_FIELDS)
        for key, value in goal_json(s, lang).items():
            if key in ("baseline", "target", "latest", "projection", "verdict_basis"):
                for part in ("year", "value", "source", "rule"):
                    if f"{key}_{part}" in CSV_FIELDS:
                        flat[f"{key}_{part}"] = None if value is None else value.get(part)
            else:
                flat[key] = value
        rows.append(flat)
    return rows


def status_as_csv(statuses: Sequence[GoalStatus], lang: str = "en", excel_da: bool = False) -> str:
    """One row per goal (see status_rows). ``excel_da``: for Danish Excel, with ';' between cells,
    decimal commas and a byte-order mark."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n", delimiter=";" if excel_da else ",")
    writer.writeheader()
    for flat in status_rows(statuses, lang):
        writer.writerow({k: _csv_cell(v, excel_da) for k, v in flat.items()})
    return ("\ufeff" if excel_da else "") + out.getvalue()


def status_sheets(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en") -> list:
    """The workbook of `status --format xlsx`: the status, a row a goal, and a sheet that says what it is."""
    from goaltrack import __version__
    from goaltrack.present.spreadsheet import Sheet

    rows = status_rows(statuses, lang)
    about = [("as_of", as_of), ("scope", scope.code), ("scope_name", scope.display_name(lang)),
             ("language", lang), ("goals", len(rows)), ("made_by", f"goaltrack {__version__}")]
    return [Sheet("status", CSV_FIELDS, ([row[k] for k in CSV_FIELDS] for row in rows)),
            Sheet("about", ("key", "value"), about)]


def _md(text: str) -> str:
    return markdown_text(text)


def status_as_markdown(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en",
                       set_name: str | None = None) -> str:
    """A Markdown table for each goal set shown (one, usually), under its bold title line."""
    groups = by_set(statuses, scope)
    if len(groups) > 1:
        return "\n".join(status_as_markdown(group, as_of, where, lang, name) for name, where, group in groups)
    set_name, scope = set_name or groups[0][0], groups[0][1]
    words = LABELS[lang]
    keys = ["goal", "baseline", "latest", "target", "distance", "progress", "category"]
    show_verdict = any(s.assessment.verdict is not None for s in statuses)
    if show_verdict:
        keys.append("verdict")
    lines = [f"**{_md(title_line(scope, as_of, lang, set_name))}**", "",
             "| " + " | ".join(words[k] for k in keys) + " |",
             "|" + "|".join(":---" if k == "goal" else "---:" if k not in ("category", "verdict") else ":---"
                            for k in keys) + "|"]
    marks = derived_marks(statuses)
    for s in statuses:
        a = s.assessment
        cells = [
            s.goal.title(lang),
            figure_text(s, s.spec.baseline, lang),
            figure_text(s, a.latest, lang),
            target_text(s, lang, marks),
            distance_text(s, lang),
            progress_text(s, lang),
            f"{CATEGORY_STYLE[a.category][0]} {words[a.category]}",
        ]
        if show_verdict:
            cells.append(verdict_text(s, lang))
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    notes = footnotes(statuses, lang)
    if notes:
        lines += [""] + [_md(note) + "  " for note in notes]
    return "\n".join(lines) + "\n"


# --- compare --------------------------------------------------------------------------------------


def compare_json(comparison: Comparison, lang: str = "en") -> dict:
    """{"goal", "as_of", "year", "scopes": [{"scope", "name", "ranked", ...the status keys}]}: the
    ranked scopes first, best first, then the unranked ones."""
    return {"goal": comparison.goal_id, "as_of": comparison.as_of, "year": comparison.year,
            "scopes": [{"scope": e.scope.code, "name": e.status.place.display_name(lang), "ranked": e.ranked, **goal_json(e.status, lang)}
                       for e in comparison.entries]}


def compare_view(comparison: Comparison, lang: str = "en", width: int | None = 160) -> tuple[Table, list[str]]:
    """The ranked scopes, numbered, with the year of each figure; then, after a rule, the scopes
    whose latest figure is from another year, unnumbered. Fitted to ``width`` like the status table
    (goaltrack.present.fit: no word, figure or symbol split; the columns left out first are progress, which
    never decides a rank, then the baseline, then the gap left; their headers are returned)."""
    from rich import box

    from goaltrack.present.fit import Column, atoms, layout

    words = LABELS[lang]
    entries = comparison.entries
    notes = footnotes([e.status for e in entries], lang)
    marks = derived_marks([e.status for e in entries])
    title = entries[0].status.goal.title(lang) if entries else comparison.goal_id
    heading = f"{title} · {words['as_of']} {comparison.as_of}"
    if comparison.year is not None:
        heading += f" · {words['compared_in']} {comparison.year}"
    ranked = [e for e in entries if e.ranked]
    others = [e for e in entries if not e.ranked]
    if others:
        notes.append(words["not_ranked_below"].format(year=comparison.year) if ranked else words["not_ranked"])
    show_verdict = any(e.status.assessment.verdict is not None for e in entries)
    header = {"rank": "#", "scope": words["scope"], "baseline": words["baseline"], "latest": words["latest"],
              "target": words["target"], "gap": words["gap_left"], "progress": words["progress"],
              "category": words["category"], "verdict": words["verdict"]}
    columns = {key: Column(key, header[key], [], right=key not in ("scope", "category", "verdict"), optional=drop)
               for key, drop in (("rank", 0), ("scope", 0), ("baseline", 2), ("latest", 0), ("target", 0),
                                 ("gap", 3), ("progress", 1), ("category", 0), ("verdict", 0))
               if key != "verdict" or show_verdict}
    for key in ("baseline", "latest", "target"):
        columns[key].group, columns[key].stack = 1, True
    styles: dict[str, list[str]] = {"category": [], "verdict": []}
    numbered = [(str(rank), e) for rank, e in enumerate(ranked, start=1)] + [("", e) for e in others]
    for rank, e in numbered:
        s, a = e.status, e.status.assessment
        symbol, style = CATEGORY_STYLE[a.category]
        share = "–" if a.distance_share is None else number(round(100 * a.distance_share), "percent", lang)
        cells = {"rank": [rank] if rank else [], "scope": atoms(shown(s.place.label(lang))),
                 "baseline": atoms(figure_text(s, s.spec.baseline, lang)),
                 "latest": atoms(figure_text(s, a.latest, lang)), "target": atoms(target_text(s, lang, marks)),
                 "gap": atoms(share), "progress": atoms(progress_text(s, lang)),
                 "category": atoms(f"{symbol} {words[a.category]}"), "verdict": verdict_atoms(s, lang)}
        for key, column in columns.items():
            column.rows.append(cells[key])
        styles["category"].append(style)
        styles["verdict"].append(VERDICT_STYLE[a.verdict] if a.verdict else "")
    plan = layout(list(columns.values()), width, title_key="scope")
    ruled = box.Box("    \n    \n ── \n    \n ╌╌ \n    \n    \n    \n")  # SIMPLE_HEAD, with a rule between sections
    table = fitted_table(plan, list(columns.values()), styles, heading, notes, ruled,
                         rule_after=len(ranked) - 1 if ranked and others else None)
    return table, plan.omitted


def scopes_json(scopes: Sequence[Any], lang: str = "en") -> list[dict[str, str]]:
    """[{"code", "name"}], the nation named in the language asked, as status and compare name it."""
    return [{"code": s.code, "name": Place.of(s).display_name(lang)} for s in scopes]


def scopes_table(scopes: Sequence[Any], lang: str = "en") -> Table:
    from rich import box
    from rich.table import Table

    words = LABELS[lang]
    names = {s.code: Place.of(s).display_name(lang) for s in scopes}
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for key in ("code", "name", "kind", "part_of"):
        table.add_column(words[key])
    for s in scopes:
        table.add_row(shown(s.code), shown(names[s.code]), kind_name(s.kind, lang),
                      shown(names.get(s.parent, "")) if s.parent else "")
    return table


# --- goals and history ----------------------------------------------------------------------------


def goal_definition(goal: Goal, lang: str = "en") -> dict[str, Any]:
    return {
        "id": goal.code,
        "set": goal.set_id,
        "title": {"en": goal.title_en, "da": goal.title_da},
        "unit": goal.unit,
        "direction": goal.direction,
        "baseline": None if goal.baseline_year is None or goal.baseline_value is None
        else {"year": goal.baseline_year, "value": json_number(goal.baseline_value)},
        "target": None if goal.target_year is None
        else {"year": goal.target_year, "value": json_number(goal.target_value),
              "change_pct": json_number(goal.target_change_pct), "level": json_number(goal.target_level)},
        "source": goal.source,
        "archived": goal.archived,
    }


def goals_table(goals: Sequence[Goal], lang: str = "en", title: str | None = None) -> Table:
    from rich.table import Table

    words = LABELS[lang]
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False)
    for key in ("id", "goal", "unit", "baseline", "target"):
        table.add_column(words[key], overflow="fold")
    for goal in goals:
        name = shown(goal.title(lang)) + (f" ({words['archived']})" if goal.archived else "")
        table.add_row(shown(goal.code), name, unit_name(goal.unit, lang), point_text(goal_baseline(goal), goal.unit, lang),
                      definition_target(goal, lang))
    return table


def goal_baseline(goal: Goal) -> progress.Point | None:
    if goal.baseline_year is None or goal.baseline_value is None:
        return None
    return progress.Point(goal.baseline_year, goal.baseline_value)


def goal_text(goal: Goal, lang: str = "en") -> str:
    """A goal's definition, a line a field, for `goaltrack show`."""
    words = LABELS[lang]
    better = words["better_up"] if goal.direction == "increase" else words["better_down"]
    fields = [("unit", f"{unit_name(goal.unit, lang)}, {better}"),
              ("baseline", point_text(goal_baseline(goal), goal.unit, lang)),
              ("target", definition_target(goal, lang)),
              ("source", shown(goal.source or "–"))]
    wide = max(len(words[key]) for key, _ in fields) + 3  # "label:" and two spaces
    return "\n".join([f"{shown(goal.title(lang))} ({shown(goal.id)})" + (f"  [{words['archived']}]" if goal.archived else "")]
                     + [f"  {(words[key].lower() + ':').ljust(wide)}{text}" for key, text in fields])


def definition_target(goal: Goal, lang: str) -> str:
    if goal.target_year is None:
        return "–"
    sign = "≥" if goal.direction == "increase" else "≤"
    parts = []
    if goal.target_level is not None:
        parts.append(f"{sign} {number(goal.target_level, goal.unit, lang)}")
    if goal.target_change_pct is not None:
        change = f"{goal.target_change_pct:+g}".replace("-", MINUS)
        parts.append(f"{change.replace('.', ',') if lang == 'da' else change} %")
    if not parts:
        parts.append(("↑ " if goal.direction == "increase" else "↓ ") + LABELS[lang]["improve"])
    return f"{', '.join(parts)} ({goal.target_year})"


def history_json(goal: Goal, rows: Sequence[HistoryRow]) -> list[dict[str, Any]]:
    """Every figure; a region's sum has "derived": "sum of 11 municipalities" and no recorded_at."""
    from goaltrack.domain.regions import derived_text

    return [
        {
            "goal": goal.id, "scope": r.scope, "year": r.year, "value": json_number(r.value), "source": r.source,
            "note": r.note,
            "recorded_at": None if r.recorded_at is None else r.recorded_at.isoformat(timespec="seconds") + "Z",
            "current": r.replaced_at is None,
            "replaced_at": None if r.replaced_at is None else r.replaced_at.isoformat(timespec="seconds") + "Z",
            "replaces": json_number(r.replaces),
            "derived": None if r.derived is None else derived_text(r.derived),
            "deleted": r.deleted, "reason": r.reason,
        }
        for r in rows
    ]


def history_table(goal: Goal, rows: Sequence[HistoryRow], lang: str = "en") -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{shown(goal.title(lang))} ({shown(goal.id)})", title_justify="left", header_style="bold",
                  pad_edge=False)
    words = LABELS[lang]
    for key, justify in (("history_scope", "left"), ("year", "right"), ("value", "right"), ("replaces", "right"),
                         ("source", "left"), ("recorded", "left"), ("status", "left")):
        table.add_column(words[key], justify=justify, overflow="fold")
    from goaltrack.domain.regions import derived_text

    for r in rows:
        current = r.replaced_at is None
        state = words["current"] if current else \
            f"{words['deleted' if r.deleted else 'replaced']} {r.replaced_at:%Y-%m-%d %H:%M}"
        if r.deleted and r.reason:
            state += f" ({r.reason})"
        if r.derived is not None:
            state = f"{words['derived']}: {derived_text(r.derived, lang)}"
        style = "" if current else "dim strike"
        source = shown(r.source or "") + (f" — {shown(r.note, keep=NOTE_KEEPS)}" if r.note else "")
        replaces = "" if r.replaces is None else number(r.replaces, goal.unit, lang)
        recorded = "" if r.recorded_at is None else f"{r.recorded_at:%Y-%m-%d %H:%M}"
        table.add_row(shown(r.scope), str(r.year), Text(number(r.value, goal.unit, lang), style=style), replaces, source,
                      recorded, Text(state, style="" if current else "dim"))
    return table
