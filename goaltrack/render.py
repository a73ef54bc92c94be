"""Rendering of status, goals and history: a rich table for people, JSON, CSV and Markdown for reports.

Functions return strings or rich renderables and print nothing; the CLI decides where output goes.
rich is imported only by the table renderers.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from goaltrack import progress
from goaltrack.status import GoalStatus, goal_json, json_number, status_json

if TYPE_CHECKING:
    from rich.table import Table

    from goaltrack.models import Goal
    from goaltrack.store import HistoryRow

CATEGORY_STYLE = {  # symbol, colour; the weather symbols of the German sustainability strategy
    progress.ACHIEVED: ("✔", "bold green"),
    progress.SUBSTANTIAL: ("☀", "green"),
    progress.MODERATE: ("⛅", "yellow"),
    progress.LIMITED: ("☁", "dark_orange"),
    progress.DETERIORATION: ("⛈", "bold red"),
    progress.INSUFFICIENT: ("·", "dim"),
}
VERDICT_STYLE = {progress.MET: "bold green", progress.MISSED: "bold red", progress.UNKNOWN: "dim"}

LABELS: dict[str, dict[str, str]] = {
    "en": {
        "goal": "Goal", "baseline": "Baseline", "latest": "Latest", "target": "Target", "distance": "Distance",
        "progress": "Progress", "trend": "Trend", "category": "Category", "verdict": "Verdict",
        "achieved": "achieved", "substantial_progress": "substantial progress",
        "moderate_progress": "moderate progress", "limited_progress": "limited progress",
        "deterioration": "deterioration", "insufficient_data": "insufficient data",
        "met": "met", "missed": "missed", "unknown": "unknown",
        "as_of": "as of", "improve": "improve", "years": "y",
    },
    "da": {
        "goal": "Mål", "baseline": "Udgangspunkt", "latest": "Seneste", "target": "Målsætning",
        "distance": "Afstand", "progress": "Fremskridt", "trend": "Udvikling", "category": "Kategori",
        "verdict": "Resultat",
        "achieved": "nået", "substantial_progress": "betydelige fremskridt",
        "moderate_progress": "moderate fremskridt", "limited_progress": "begrænsede fremskridt",
        "deterioration": "tilbagegang", "insufficient_data": "utilstrækkelige data",
        "met": "indfriet", "missed": "ikke indfriet", "unknown": "ukendt",
        "as_of": "pr.", "improve": "forbedres", "years": "år",
    },
}
SHORT = {  # category labels for the terminal table, where width is scarce
    "en": {"achieved": "achieved", "substantial_progress": "substantial", "moderate_progress": "moderate",
           "limited_progress": "limited", "deterioration": "deterioration", "insufficient_data": "no data"},
    "da": {"achieved": "nået", "substantial_progress": "betydelige", "moderate_progress": "moderate",
           "limited_progress": "begrænsede", "deterioration": "tilbagegang", "insufficient_data": "ingen data"},
}
SPARKS = "▁▂▃▄▅▆▇█"


# --- numbers as people read them ------------------------------------------------------------------


def number(value: float | None, unit: str, lang: str = "en") -> str:
    """5,290 persons; 5.7 %; Danish: 5.290 and 5,7 %."""
    if value is None:
        return "–"
    if unit in ("persons", "count"):
        text = f"{value:,.0f}"
    else:
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    if text in ("-0", "−0"):
        text = "0"
    if lang == "da":
        text = text.translate(str.maketrans({",": ".", ".": ","}))
    if unit == "percent":
        return f"{text} %"
    if unit == "years":
        return f"{text} {LABELS[lang]['years']}"
    return text


def point_text(point: progress.Point | None, unit: str, lang: str) -> str:
    return "–" if point is None else f"{number(point.value, unit, lang)} ({point.year})"


def target_text(status: GoalStatus, lang: str) -> str:
    spec = status.spec
    if spec.target_year is None:
        return "–"
    if spec.target_value is None:
        arrow = "↑" if spec.direction > 0 else "↓"
        return f"{arrow} {LABELS[lang]['improve']} ({spec.target_year})"
    sign = "≥" if spec.direction > 0 else "≤"
    return f"{sign} {number(spec.target_value, status.goal.unit, lang)} ({spec.target_year})"


def distance_text(status: GoalStatus, lang: str) -> str:
    distance = status.assessment.distance
    if distance is None:
        return "–"
    if status.goal.unit == "percent":  # a distance between percentages is in points
        return number(distance, "score", lang) + " pp"
    return number(distance, status.goal.unit, lang)


def progress_text(status: GoalStatus, lang: str) -> str:
    pct = status.assessment.progress_pct
    return "–" if pct is None else number(round(pct), "percent", lang)


def sparkline(values: Sequence[float]) -> str:
    values = list(values)[-8:]
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
    if len(points) < 2:
        return sparkline([p.value for p in points]), "dim"
    step = points[-1].value - points[-2].value
    arrow = "↑" if step > 0 else "↓" if step < 0 else "→"
    good = status.spec.direction * step
    style = "green" if good > 0 else "red" if good < 0 else "dim"
    return f"{sparkline([p.value for p in points])} {arrow}", style


# --- status ---------------------------------------------------------------------------------------


def status_table(statuses: Sequence[GoalStatus], as_of: int, scope: str, lang: str = "en",
                 width: int = 160) -> Table:
    """The status as a table that fits a terminal ``width`` columns wide, cutting nothing off.

    Widths are set here rather than left to rich, whose squeezing crops the last columns: the short
    columns keep their width, the figures break before their year ("5,290 / (2011)") when space is
    short, the goal's title takes what is left, and under that the trend and distance give way.
    """
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    words = LABELS[lang]
    rows = []
    for s in statuses:
        a, unit = s.assessment, s.goal.unit
        symbol, style = CATEGORY_STYLE[a.category]
        spark, spark_style = trend(s)
        rows.append({
            "goal": Text(s.goal.title(lang)),
            "baseline": point_text(s.spec.baseline, unit, lang),
            "latest": point_text(a.latest, unit, lang),
            "target": target_text(s, lang),
            "distance": distance_text(s, lang),
            "progress": progress_text(s, lang),
            "trend": Text(spark, style=spark_style),
            "category": Text(f"{symbol} {SHORT[lang][a.category]}", style=style),
            "verdict": Text(words[a.verdict], style=VERDICT_STYLE[a.verdict]) if a.verdict else Text(""),
        })
    keys = ["goal", "baseline", "latest", "target", "distance", "progress", "trend", "category"]
    if any(s.assessment.verdict is not None for s in statuses):
        keys.append("verdict")

    def natural(key: str) -> int:
        return max([cell_len(words[key])] + [cell_len(str(row[key])) for row in rows])

    def longest_word(key: str) -> int:
        return max([cell_len(words[key])] + [cell_len(w) for row in rows for w in str(row[key]).split()])

    goal_min = 16
    widths = {key: natural(key) for key in keys if key != "goal"}
    for step in ("natural", "wrap figures", "drop trend and distance", "wrap category"):
        if step == "wrap figures":
            widths.update({key: longest_word(key) for key in ("baseline", "latest", "target")})
        elif step == "drop trend and distance":
            for key in ("trend", "distance"):
                keys.remove(key)
                widths.pop(key)
        elif step == "wrap category":
            widths.update({key: longest_word(key) for key in keys if key in ("category", "verdict")})
            goal_min = 12
        room = width - sum(widths.values()) - 3 * (len(keys) - 1)  # padding and a rule between columns
        if room >= goal_min:
            break
    widths["goal"] = max(goal_min, min(room, natural("goal")))

    table = Table(title=f"goaltrack · {scope} · {words['as_of']} {as_of}", title_justify="left",
                  header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for key in keys:
        right = key in ("baseline", "latest", "target", "distance", "progress")
        table.add_column(words[key], justify="right" if right else "left", width=widths[key],
                         no_wrap=key in ("distance", "progress", "trend"), overflow="fold")
    for row in rows:
        table.add_row(*(row[key] for key in keys))
    return table


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def status_as_json(statuses: Sequence[GoalStatus], as_of: int, scope: str, lang: str = "en") -> str:
    return to_json(status_json(statuses, as_of, scope, lang))


CSV_FIELDS = (
    "id", "title", "unit", "direction", "baseline_year", "baseline_value", "target_year", "target_value",
    "latest_year", "latest_value", "latest_source", "achieved", "distance", "distance_share",
    "progress_pct", "required", "on_path", "years_ahead", "growth_ratio", "category",
    "projection_year", "projection_value", "projected_to_meet", "verdict",
)


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def status_as_csv(statuses: Sequence[GoalStatus], lang: str = "en") -> str:
    """One row per goal; nested objects are flattened (baseline → baseline_year, baseline_value)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, lineterminator="\n")
    writer.writeheader()
    for s in statuses:
        flat: dict[str, Any] = {}
        for key, value in goal_json(s, lang).items():
            if key in ("baseline", "target", "latest", "projection"):
                for part in ("year", "value", "source"):
                    if f"{key}_{part}" in CSV_FIELDS:
                        flat[f"{key}_{part}"] = None if value is None else value.get(part)
            else:
                flat[key] = value
        writer.writerow({k: _csv_cell(v) for k, v in flat.items()})
    return out.getvalue()


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def status_as_markdown(statuses: Sequence[GoalStatus], as_of: int, scope: str, lang: str = "en") -> str:
    words = LABELS[lang]
    keys = ["goal", "baseline", "latest", "target", "distance", "progress", "category"]
    show_verdict = any(s.assessment.verdict is not None for s in statuses)
    if show_verdict:
        keys.append("verdict")
    lines = [f"**goaltrack · {scope} · {words['as_of']} {as_of}**", "",
             "| " + " | ".join(words[k] for k in keys) + " |",
             "|" + "|".join(":---" if k == "goal" else "---:" if k not in ("category", "verdict") else ":---"
                            for k in keys) + "|"]
    for s in statuses:
        a, unit = s.assessment, s.goal.unit
        cells = [
            s.goal.title(lang),
            point_text(s.spec.baseline, unit, lang),
            point_text(a.latest, unit, lang),
            target_text(s, lang),
            distance_text(s, lang),
            progress_text(s, lang),
            f"{CATEGORY_STYLE[a.category][0]} {words[a.category]}",
        ]
        if show_verdict:
            cells.append(words[a.verdict] if a.verdict else "")
        lines.append("| " + " | ".join(_md(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


# --- compare --------------------------------------------------------------------------------------


def compare_json(goal_id: str, as_of: int, ranked: Sequence[tuple[Any, GoalStatus]], lang: str = "en") -> dict:
    return {"goal": goal_id, "as_of": as_of,
            "scopes": [{"scope": scope.code, "name": scope.name, **goal_json(status, lang)}
                       for scope, status in ranked]}


def compare_table(goal_id: str, as_of: int, ranked: Sequence[tuple[Any, GoalStatus]], lang: str = "en") -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    words = LABELS[lang]
    title = ranked[0][1].goal.title(lang) if ranked else goal_id
    table = Table(title=f"{title} · {words['as_of']} {as_of}", title_justify="left", header_style="bold",
                  box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name, right in (("#", True), ("scope", False), ("", False), (words["baseline"], True),
                        (words["latest"], True), (words["target"], True), (words["progress"], True),
                        (words["category"], False)):
        table.add_column(name, justify="right" if right else "left")
    for rank, (scope, s) in enumerate(ranked, start=1):
        symbol, style = CATEGORY_STYLE[s.assessment.category]
        table.add_row(str(rank), scope.code, scope.name, point_text(s.spec.baseline, s.goal.unit, lang),
                      point_text(s.assessment.latest, s.goal.unit, lang), target_text(s, lang),
                      progress_text(s, lang), Text(f"{symbol} {SHORT[lang][s.assessment.category]}", style=style))
    return table


def scopes_table(scopes: Sequence[Any]) -> Table:
    from rich import box
    from rich.table import Table

    names = {s.code: s.name for s in scopes}
    table = Table(header_style="bold", box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    for name in ("code", "name", "kind", "part of"):
        table.add_column(name)
    for s in scopes:
        table.add_row(s.code, s.name, s.kind, names.get(s.parent, "") if s.parent else "")
    return table


# --- goals and history ----------------------------------------------------------------------------


def goal_definition(goal: Goal, lang: str = "en") -> dict[str, Any]:
    return {
        "id": goal.id,
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


def goals_table(goals: Sequence[Goal], lang: str = "en") -> Table:
    from rich.table import Table

    table = Table(header_style="bold", pad_edge=False)
    for name in ("id", LABELS[lang]["goal"], "unit", LABELS[lang]["baseline"], LABELS[lang]["target"]):
        table.add_column(name, overflow="fold")
    for goal in goals:
        title = goal.title(lang) + (" (archived)" if goal.archived else "")
        table.add_row(goal.id, title, goal.unit, point_text(goal_baseline(goal), goal.unit, lang),
                      definition_target(goal, lang))
    return table


def goal_baseline(goal: Goal) -> progress.Point | None:
    if goal.baseline_year is None or goal.baseline_value is None:
        return None
    return progress.Point(goal.baseline_year, goal.baseline_value)


def goal_text(goal: Goal, lang: str = "en") -> str:
    """A goal's definition, a line a field, for `goaltrack show`."""
    better = "up" if goal.direction == "increase" else "down"
    return "\n".join([
        f"{goal.title(lang)} ({goal.id})" + ("  [archived]" if goal.archived else ""),
        f"  unit:      {goal.unit}, better when it goes {better} ({goal.direction})",
        f"  baseline:  {point_text(goal_baseline(goal), goal.unit, lang)}",
        f"  target:    {definition_target(goal, lang)}",
        f"  source:    {goal.source or '–'}",
    ])


def definition_target(goal: Goal, lang: str) -> str:
    if goal.target_year is None:
        return "–"
    sign = "≥" if goal.direction == "increase" else "≤"
    parts = []
    if goal.target_level is not None:
        parts.append(f"{sign} {number(goal.target_level, goal.unit, lang)}")
    if goal.target_change_pct is not None:
        parts.append(f"{goal.target_change_pct:+g} %")
    if not parts:
        parts.append(("↑ " if goal.direction == "increase" else "↓ ") + LABELS[lang]["improve"])
    return f"{', '.join(parts)} ({goal.target_year})"


def history_json(goal: Goal, rows: Sequence[HistoryRow]) -> list[dict[str, Any]]:
    return [
        {
            "goal": goal.id, "scope": r.scope, "year": r.year, "value": json_number(r.value), "source": r.source,
            "note": r.note, "recorded_at": r.recorded_at.isoformat(timespec="seconds") + "Z",
            "current": r.replaced_at is None,
            "replaced_at": None if r.replaced_at is None else r.replaced_at.isoformat(timespec="seconds") + "Z",
            "replaces": json_number(r.replaces),
            "deleted": r.deleted, "reason": r.reason,
        }
        for r in rows
    ]


def history_table(goal: Goal, rows: Sequence[HistoryRow], lang: str = "en") -> Table:
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{goal.title(lang)} ({goal.id})", title_justify="left", header_style="bold",
                  pad_edge=False)
    for name, justify in (("scope", "left"), ("year", "right"), ("value", "right"), ("replaces", "right"),
                          ("source", "left"), ("recorded", "left"), ("status", "left")):
        table.add_column(name, justify=justify, overflow="fold")
    for r in rows:
        current = r.replaced_at is None
        state = "current" if current else f"{'deleted' if r.deleted else 'replaced'} {r.replaced_at:%Y-%m-%d %H:%M}"
        if r.deleted and r.reason:
            state += f" ({r.reason})"
        style = "" if current else "dim strike"
        source = (r.source or "") + (f" — {r.note}" if r.note else "")
        replaces = "" if r.replaces is None else number(r.replaces, goal.unit, lang)
        table.add_row(r.scope, str(r.year), Text(number(r.value, goal.unit, lang), style=style), replaces, source,
                      f"{r.recorded_at:%Y-%m-%d %H:%M}", Text(state, style="" if current else "dim"))
    return table
