"""The status as JSON, CSV, xlsx sheets and Markdown: what other programs and reports read.

JSON has the documented shape with exact figures (``goal_json``, ``status_json``); CSV and the sheets
have a flat row a goal; Markdown has the table people read, a table a goal set.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from goaltrack.domain import regions
from goaltrack.domain.progress import Point
from goaltrack.domain.text import json_safe, markdown_text, neutralise_cell
from goaltrack.judging.status import GoalStatus, Place
from goaltrack.present.i18n import LABELS
from goaltrack.present.numbers import json_number, progress_text
from goaltrack.present.status_text import (
    CATEGORY_STYLE,
    by_set,
    derived_marks,
    distance_text,
    figure_text,
    footnotes,
    provisional,
    summary_lines,
    target_text,
    title_line,
    verdict_text,
    vintage_of,
)


def to_json(data: Any) -> str:
    """Strict JSON: a NaN or infinity anywhere is a bug, and fails here rather than reach a reader."""
    return json_safe(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False)) + "\n"


def _point(point: Point | None, with_source: bool = False) -> dict[str, Any] | None:
    """{"year", "value"} (and "source" and "flag": P E B D U or null); None for no point."""
    if point is None:
        return None
    out: dict[str, Any] = {"year": point.year, "value": json_number(point.value)}
    if with_source:
        out["source"] = point.source
        out["flag"] = point.flag
    return out


def _derived(status: GoalStatus, out: dict[str, Any] | None, point: Point | None, lang: str) -> dict | None:
    """The point's JSON, with "derived": "sum of 11 municipalities" where goaltrack summed it."""
    count = status.derived(point)
    if out is not None and count is not None:
        out["derived"] = regions.derived_text(count, lang)
    if out is not None and point is not None and point.flag and "flag" not in out:
        out["flag"] = point.flag  # a scope's own baseline may be a flagged figure: said, as "derived" is
    return out


def goal_json(status: GoalStatus, lang: str = "en") -> dict[str, Any]:
    """One goal's status as the documented JSON object: its definition as judged, and every figure
    of the assessment, exact (tables round them; JSON does not)."""
    g, spec, a = status.goal, status.spec, status.assessment
    target = _point(Point(spec.target_year, spec.target_value)) if spec.target_value is not None else None
    if target is not None:
        target["rule"] = status.rule
    return {
        "id": g.code,
        "set": g.set_id,
        "scope": status.place.code,
        "title": g.title(lang),
        "unit": g.unit,
        "direction": g.direction,
        "baseline": _derived(status, _point(spec.baseline), spec.baseline, lang),
        "baseline_later": status.later_baseline if spec.baseline is not None else None,
        "target": target,
        "latest": _derived(status, _point(a.latest, with_source=True), a.latest, lang),
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
        "verdict_provisional": provisional(status) if a.verdict is not None else None,
        "verdict_basis": _point(a.verdict_basis, with_source=True),
        "verdict_basis_across_break": a.basis_break if a.verdict is not None else None,
        "series_break": a.series_break,
        "bridged_baseline": json_number(a.bridged),
    }


def status_json(statuses: Sequence[GoalStatus], as_of: int, scope: Place | None, lang: str = "en") -> dict[str, Any]:
    """The status as JSON. ``scope`` None: the goals' sets are judged in scopes of their own, named
    on each goal (and at the top, if they share one)."""
    if scope is None:
        places = {s.place for s in statuses}
        scope = places.pop() if len(places) == 1 else None
    day = vintage_of(statuses)
    return {"as_of": as_of, "known_at": day.isoformat() if day else None, "scope": scope.code if scope else None,
            "scope_name": scope.display_name(lang) if scope else None,
            "summary": summary_json(statuses),
            "goals": [goal_json(s, lang) for s in statuses]}


def summary_json(statuses: Sequence[GoalStatus]) -> list[dict[str, Any]]:
    """The counts of ``summary_lines``: [{"set", "scope", "deadline", "goals", "verdicts": {met, missed,
    unknown} or null, "provisional", "categories": {category: goals} or null}], one per set, scope
    and deadline."""
    from goaltrack.judging.summary import summarise

    return [{"set": s.set_id, "scope": s.place.code, "deadline": s.deadline, "goals": s.goals,
             "verdicts": dict(s.counts) if s.judged else None, "provisional": s.provisional if s.judged else None,
             "categories": None if s.judged else dict(s.counts)} for s in summarise(statuses)]


def status_as_json(statuses: Sequence[GoalStatus], as_of: int, scope: Place | None, lang: str = "en") -> str:
    """`status --format json`: ``status_json`` as strict JSON text."""
    return to_json(status_json(statuses, as_of, scope, lang))


CSV_FIELDS = (
    "id", "set", "scope", "title", "unit", "direction", "baseline_year", "baseline_value", "baseline_later",
    "target_year", "target_value",
    "target_rule",
    "latest_year", "latest_value", "latest_source", "latest_flag", "achieved", "distance", "distance_share",
    "progress_pct", "required", "on_path", "years_ahead", "growth_ratio", "category",
    "projection_year", "projection_value", "projected_to_meet", "verdict", "verdict_provisional",
    "verdict_basis_year", "verdict_basis_value", "verdict_basis_source", "verdict_basis_flag",
    "verdict_basis_across_break", "series_break", "bridged_baseline",
)


def _csv_cell(value: Any, excel_da: bool = False, lang: str = "en") -> Any:
    """A value as a CSV cell: empty for None, true/false (Danish ja/nej), a text never read as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("ja" if value else "nej") if lang == "da" else ("true" if value else "false")
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
                for part in ("year", "value", "source", "flag", "rule"):
                    if f"{key}_{part}" in CSV_FIELDS:
                        flat[f"{key}_{part}"] = None if value is None else value.get(part)
            else:
                flat[key] = value
        rows.append(flat)
    return rows


def row_in(row: dict[str, Any], lang: str) -> dict[str, Any]:
    """A flat row (``status_rows``, compare's) as a CSV or sheet shows it in ``lang``: in Danish, the
    columns named in Danish (goaltrack.present.i18n.CSV_DA) and the words of the cells too (units,
    directions, categories, verdicts, how a target came about, a compared scope's group); as it is in
    English. JSON keeps the English names and words: it is for programs."""
    if lang != "da":
        return row
    from goaltrack.present.i18n import VALUES_DA, column, unit_name

    out = {}
    for key, value in row.items():
        if key == "unit" and value:
            value = unit_name(value, lang)
        elif key in ("category", "verdict") and value:
            value = LABELS[lang][value]
        elif key in ("direction", "target_rule", "group") and value in VALUES_DA:
            value = VALUES_DA[value]
        out[column(key, lang)] = value
    return out


def status_as_csv(statuses: Sequence[GoalStatus], lang: str = "en", excel_da: bool = False) -> str:
    """One row per goal (see status_rows), its columns and words in ``lang`` (``row_in``). ``excel_da``:
    for Danish Excel, with ';' between cells, decimal commas and a byte-order mark."""
    from goaltrack.present.i18n import column

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[column(f, lang) for f in CSV_FIELDS], lineterminator="\n",
                            delimiter=";" if excel_da else ",")
    writer.writeheader()
    for flat in status_rows(statuses, lang):
        writer.writerow({k: _csv_cell(v, excel_da, lang) for k, v in row_in(flat, lang).items()})
    return ("\ufeff" if excel_da else "") + out.getvalue()


def status_sheets(statuses: Sequence[GoalStatus], as_of: int, scope: Place, lang: str = "en") -> list:
    """The workbook of `status --format xlsx`: the status, a row a goal, and a sheet that says what it is."""
    from goaltrack import __version__
    from goaltrack.present.spreadsheet import Sheet

    from goaltrack.present.i18n import column

    rows = [row_in(row, lang) for row in status_rows(statuses, lang)]
    header = [column(f, lang) for f in CSV_FIELDS]
    about = [(column(key, lang), value) for key, value in (
        ("as_of", as_of), ("scope", scope.code), ("scope_name", scope.display_name(lang)), ("language", lang),
        ("goals", len(rows)), ("made_by", f"goaltrack {__version__}"))]
    return [Sheet("status", header, ([row[k] for k in header] for row in rows)),
            Sheet(column("about", lang), (column("key", lang), column("value", lang)), about)]


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
    lines = [f"**{markdown_text(title_line(scope, as_of, lang, set_name, vintage_of(statuses)))}**", "",
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
        lines.append("| " + " | ".join(markdown_text(c) for c in cells) + " |")
    notes = footnotes(statuses, lang)
    lines += [""] + [f"**{markdown_text(line)}**  " for line in summary_lines(statuses, lang)]
    if notes:
        lines += [markdown_text(note) + "  " for note in notes]
    return "\n".join(lines) + "\n"
