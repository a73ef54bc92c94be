"""What changed between two vintages, as a table and as JSON (goaltrack.judging.changes)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from goaltrack.domain import flags
from goaltrack.judging.changes import Change
from goaltrack.present.formats import goal_json
from goaltrack.present.i18n import LABELS
from goaltrack.present.numbers import json_number, number
from goaltrack.present.status_text import point_text, shown, verdict_text

if TYPE_CHECKING:
    from rich.table import Table


def changes_json(found: Sequence[Change], since: datetime.date, until: datetime.date | None, as_of: int,
                 lang: str = "en") -> dict[str, Any]:
    """{"since", "until", "as_of", "goals": [{id, set, scope, changed, before, after, entries}]}: before
    and after are the goal's status JSON at each vintage."""
    return {
        "since": since.isoformat(), "until": None if until is None else until.isoformat(), "as_of": as_of,
        "goals": [{
            "id": c.after.goal.code, "set": c.after.goal.set_id, "scope": c.after.place.code,
            "changed": list(c.what),
            "before": goal_json(c.before, lang), "after": goal_json(c.after, lang),
            "entries": [{"year": e.year, "value": json_number(e.value), "replaced": json_number(e.before),
                         "source": e.source, "published": e.published.isoformat(), "flag": e.flag,
                         "deleted": e.deleted} for e in c.entries],
        } for c in found],
    }


def changes_table(found: Sequence[Change], since: datetime.date, until: datetime.date | None,
                  lang: str = "en") -> Table:
    """A row a goal: what changed, the picture before and after, and the figures that changed it."""
    from rich.table import Table

    words = LABELS[lang]
    title = f"goaltrack · {words['changes_since']} {since.isoformat()}" + \
        (f" {words['changes_until']} {until.isoformat()}" if until else "")
    table = Table(title=title, title_justify="left", header_style="bold", pad_edge=False)
    for key in ("goal", "changed", "before", "after", "figures"):
        table.add_column(words[f"changes_{key}"], overflow="fold")
    for c in found:
        unit = c.after.goal.unit
        table.add_row(
            shown(c.after.goal.title(lang, short=True)) + f" ({c.after.place.code})",
            ", ".join(words[f"changed_{w}"] for w in c.what),
            _picture(c.before, lang), _picture(c.after, lang),
            "\n".join(_entry_text(e, unit, lang) for e in c.entries),
        )
    return table


def _picture(status, lang: str) -> str:
    """'missed · 6,431 (2019)' after the deadline, else the category; and the latest figure."""
    a = status.assessment
    head = verdict_text(status, lang) or LABELS[lang][a.category]
    return f"{head}\n{LABELS[lang]['latest_short']}: {point_text(a.latest, status.goal.unit, lang)}"


def _entry_text(entry, unit: str, lang: str) -> str:
    words = LABELS[lang]
    value = number(entry.value, unit, lang)
    if entry.deleted:
        change = f"{entry.year}: {value} {words['deleted']}"
    elif entry.before is not None and entry.before != entry.value:
        change = f"{entry.year}: {number(entry.before, unit, lang)} → {value}"
    else:
        change = f"{entry.year}: {value}"
    flag = f" {entry.flag} ({flags.label(entry.flag, lang)})" if entry.flag else ""
    return f"{change}{flag}, {entry.published.isoformat()}" + (f" · {shown(entry.source)}" if entry.source else "")
