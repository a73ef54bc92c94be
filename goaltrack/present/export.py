"""Export of figures in the form ``goaltrack import`` reads (CSV, JSON, xlsx).

Export, then import into a new database, and the current figures are the same. With history,
replaced figures come too, marked."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from goaltrack.domain.text import json_safe, neutralise_cell
from goaltrack.domain.units import format_plain

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

COLUMNS = ("goal", "scope", "year", "value", "source", "note")
HISTORY_COLUMNS = COLUMNS + ("status", "recorded_at", "replaced_at")


def figures(engine: Engine, goal_ids: Sequence[str], scope: str | None = None,
            history: bool = False, names: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The figures of the goals, by goal (catalogue order), scope, year and time recorded; streamed.
    ``names`` gives the name to write for a goal (SET/ID where a bare ID is ambiguous)."""
    names = names or {}
    from sqlalchemy import DateTime, cast, literal, null, select, union_all

    from goaltrack.storage.models import Goal, GoalSet, Measurement, ReplacedMeasurement

    def query(table, replaced: bool):
        q = select(table.c.goal_id, table.c.scope, table.c.year, table.c.value, table.c.source, table.c.note,
                   table.c.recorded_at,
                   table.c.replaced_at if replaced else cast(null(), DateTime).label("replaced_at"),
                   table.c.deleted if replaced else literal(False).label("deleted"))
        q = q.where(table.c.goal_id.in_(list(goal_ids)))
        return q.where(table.c.scope == scope) if scope is not None else q

    current = query(Measurement.__table__, False)
    rows = (union_all(current, query(ReplacedMeasurement.__table__, True)) if history else current).subquery()
    goal, goal_set = Goal.__table__, GoalSet.__table__
    ordered = (select(rows).join(goal, goal.c.id == rows.c.goal_id)
               .outerjoin(goal_set, goal_set.c.id == goal.c.set_id)  # the sets in order, each in catalogue order
               .order_by(goal_set.c.position, goal.c.set_id, goal.c.position, rows.c.goal_id, rows.c.scope,
                         rows.c.year, rows.c.recorded_at))
    with engine.connect() as conn:
        for row in conn.execution_options(yield_per=20_000).execute(ordered):
            out = {"goal": names.get(row.goal_id, row.goal_id), "scope": row.scope, "year": row.year, "value": row.value,
                   "source": row.source, "note": row.note}
            if history:
                out["status"] = ("deleted" if row.deleted else "replaced") if row.replaced_at is not None else "current"
                out["recorded_at"] = _time(row.recorded_at)
                out["replaced_at"] = _time(row.replaced_at)
            yield out


def _time(moment) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds") + "Z"


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str], history: bool = False, excel_da: bool = False) -> int:
    """CSV for import and for spreadsheets: a text that could start a formula (a source
    ``=HYPERLINK(…)``) is written with a leading ``'``, which import takes off again. ``excel_da``:
    for Danish Excel (';', decimal comma, byte-order mark), which import reads too."""
    if excel_da:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n", delimiter=";" if excel_da else ",")
    writer.writerow(HISTORY_COLUMNS if history else COLUMNS)
    count = 0
    for row in rows:
        row["value"] = format_plain(row["value"])  # a number, written as import reads it: -5 stays -5
        if excel_da:
            row["value"] = row["value"].replace(".", ",")
        writer.writerow([_cell(key, value) for key, value in row.items()])
        count += 1
    return count


def _cell(key: str, value: Any) -> Any:
    if value is None:
        return ""
    return neutralise_cell(value) if isinstance(value, str) and key != "value" else value


def sheets(rows: Iterator[dict[str, Any]], history: bool = False) -> list:
    """The workbook of `export --format xlsx`: one sheet of figures, numbers as numbers."""
    from goaltrack.present.spreadsheet import Sheet

    columns = HISTORY_COLUMNS if history else COLUMNS
    return [Sheet("figures", columns, ([row[k] for k in columns] for row in rows))]


def write_json(rows: Iterator[dict[str, Any]], out: IO[str]) -> int:
    count = 0
    out.write("[")
    for row in rows:
        value = row["value"]
        row["value"] = int(value) if float(value).is_integer() and abs(value) < 2**53 else value
        out.write(("\n  " if count == 0 else ",\n  ") + json_safe(json.dumps(row, ensure_ascii=False)))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
