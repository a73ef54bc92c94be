"""The goals, the scopes and a goal's history, as tables, text and JSON (goals, scopes, show, history).

rich is imported inside the functions.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from goaltrack.domain import flags, progress
from goaltrack.domain.figure import NOTE_KEEPS
from goaltrack.domain.regions import derived_text
from goaltrack.judging.status import Place
from goaltrack.present.i18n import LABELS, kind_name, unit_name
from goaltrack.present.numbers import json_number, number, signed_percent
from goaltrack.present.status_text import point_text, shown

if TYPE_CHECKING:
    from rich.table import Table

    from goaltrack.storage.models import Goal
    from goaltrack.storage.store import HistoryRow


def scopes_json(scopes: Sequence[Any], lang: str = "en") -> list[dict[str, str]]:
    """[{"code", "name"}], the nation named in the language asked, as status and compare name it."""
    return [{"code": s.code, "name": Place.of(s).display_name(lang)} for s in scopes]


def scopes_table(scopes: Sequence[Any], lang: str = "en") -> Table:
    """The scopes: code, name, kind, and the region a municipality is part of."""
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


def goal_definition(goal: Goal, lang: str = "en") -> dict[str, Any]:
    """A goal's definition as the catalogue gives it, for `goals --format json`."""
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
    """The goals, a row each: id, title, unit, baseline and target as the catalogue defines them."""
    from rich.table import Table

    words = LABELS[lang]
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False)
    for key in ("id", "goal", "unit", "baseline", "target"):
        table.add_column(words[key], overflow="fold")
    for goal in goals:
        name = shown(goal.title(lang)) + (f" ({words['archived']})" if goal.archived else "")
        table.add_row(shown(goal.code), name, unit_name(goal.unit, lang),
                      point_text(goal_baseline(goal), goal.unit, lang), definition_target(goal, lang))
    return table


def goal_baseline(goal: Goal) -> progress.Point | None:
    """The catalogue's baseline; None without its year or value."""
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
    archived = f"  [{words['archived']}]" if goal.archived else ""
    return "\n".join([f"{shown(goal.title(lang))} ({shown(goal.id)}){archived}"]
                     + [f"  {(words[key].lower() + ':').ljust(wide)}{text}" for key, text in fields])


def definition_target(goal: Goal, lang: str) -> str:
    """The target as the catalogue defines it: '≤ 4,000, −25 % (2020)', '↑ improve (2020)'."""
    if goal.target_year is None:
        return "–"
    sign = "≥" if goal.direction == "increase" else "≤"
    parts = []
    if goal.target_level is not None:
        parts.append(f"{sign} {number(goal.target_level, goal.unit, lang)}")
    if goal.target_change_pct is not None:
        parts.append(signed_percent(goal.target_change_pct, lang))
    if not parts:
        parts.append(("↑ " if goal.direction == "increase" else "↓ ") + LABELS[lang]["improve"])
    return f"{', '.join(parts)} ({goal.target_year})"


def history_json(goal: Goal, rows: Sequence[HistoryRow]) -> list[dict[str, Any]]:
    """Every figure; a region's sum has "derived": "sum of 11 municipalities" and no recorded_at."""
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
            "published": None if r.published is None else r.published.isoformat(), "flag": r.flag,
        }
        for r in rows
    ]


def entry_state(r, words: dict[str, str]) -> str:
    """An entry of the record as its state: current, or replaced/deleted with when (and a deletion's
    reason), in ``words``' language (every listing of the history says it so)."""
    if r.replaced_at is None:
        return words["current"]
    state = f"{words['deleted' if r.deleted else 'replaced']} {r.replaced_at:%Y-%m-%d %H:%M}"
    return state + (f" ({r.reason})" if r.deleted and r.reason else "")


def history_table(goal: Goal, rows: Sequence[HistoryRow], lang: str = "en") -> Table:
    """Every figure of a goal, current and replaced (struck through), with its source and state."""
    from rich.table import Table
    from rich.text import Text

    table = Table(title=f"{shown(goal.title(lang))} ({shown(goal.id)})", title_justify="left", header_style="bold",
                  pad_edge=False)
    words = LABELS[lang]
    for key, justify in (("history_scope", "left"), ("year", "right"), ("value", "right"), ("replaces", "right"),
                         ("source", "left"), ("published", "left"), ("recorded", "left"), ("status", "left")):
        table.add_column(words[key], justify=justify, overflow="fold")
    for r in rows:
        current = r.replaced_at is None
        state = entry_state(r, words)
        if r.derived is not None:
            state = f"{words['derived']}: {derived_text(r.derived, lang)}"
        style = "" if current else "dim strike"
        source = shown(r.source or "") + (f" — {shown(r.note, keep=NOTE_KEEPS)}" if r.note else "")
        replaces = "" if r.replaces is None else number(r.replaces, goal.unit, lang)
        recorded = "" if r.recorded_at is None else f"{r.recorded_at:%Y-%m-%d %H:%M}"
        value = number(r.value, goal.unit, lang) + (f" {r.flag}" if r.flag else "")
        if r.flag:
            state += f" · {flags.label(r.flag, lang)}"
        published = "" if r.published is None else r.published.isoformat()
        table.add_row(shown(r.scope), str(r.year), Text(value, style=style), replaces,
                      source, published, recorded, Text(state, style="" if current else "dim"))
    return table
