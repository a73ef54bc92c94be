"""Export of figures in the form ``goaltrack import`` reads (CSV, JSON, xlsx).

Export, then import into a new database, and the current figures are the same. With history, the
whole record comes, each entry with its state and time: the new database holds the same record."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from goaltrack.domain.text import json_safe, neutralise_cell
from goaltrack.domain.units import format_plain

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

COLUMNS = ("goal", "scope", "year", "value", "source", "note", "published", "flag")
HISTORY_COLUMNS = COLUMNS + ("state", "recorded_at")


def figures(engine: Engine, goal_ids: Sequence[str], scope: str | None = None,
            history: bool = False, names: dict[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """The figures of the goals, by goal (catalogue order), scope, year and order recorded; streamed;
    at the engine's vintage (goaltrack.storage.vintage). With ``history``, every entry of the record,
    with its state (current, replaced, or deleted: a deletion, its note the reason) and when it was
    recorded: import reproduces the record from it. ``names`` gives the name to write for a goal
    (SET/ID where a bare ID is ambiguous). Goals that share an indicator write its figures once, under
    the first of them."""
    names = names or {}
    from sqlalchemy import case, select

    from goaltrack.storage.queries import ENTRY, current_query, indicators
    from goaltrack.storage.vintage import known_at

    day = known_at(engine)
    where = [ENTRY.c.scope == scope] if scope is not None else []
    with engine.connect() as conn:
        of = indicators(conn, goal_ids)
        goal_of: dict[str, str] = {}
        for goal_id in goal_ids:  # in the order asked: catalogue order
            goal_of.setdefault(of.get(goal_id, goal_id), goal_id)
        order = {indicator: n for n, indicator in enumerate(goal_of)}
        current = {row.id for row in conn.execute(current_query(list(goal_of), *where, day=day))} \
            if history else None
        query = (select(ENTRY).where(ENTRY.c.indicator.in_(list(goal_of)), *where) if history
                 else current_query(list(goal_of), *where, day=day).add_columns(ENTRY.c.note, ENTRY.c.published))
        if history and day is not None:
            query = query.where(ENTRY.c.published <= day)
        in_order = case(order, value=ENTRY.c.indicator) if order else ENTRY.c.indicator
        query = query.order_by(None).order_by(in_order, ENTRY.c.scope, ENTRY.c.year, ENTRY.c.id)
        for row in conn.execution_options(yield_per=20_000).execute(query):
            goal_id = goal_of[row.indicator]
            out = {"goal": names.get(goal_id, goal_id), "scope": row.scope, "year": row.year, "value": row.value,
                   "source": row.source, "note": row.note, "published": row.published.isoformat(),
                   "flag": row.flag}
            if history:
                out["state"] = "deleted" if row.deleted else "current" if row.id in current else "replaced"
                out["recorded_at"] = _time(row.recorded_at)
            yield out


def _time(moment) -> str | None:
    return None if moment is None else moment.isoformat(timespec="microseconds") + "Z"


def header(history: bool = False, lang: str = "en") -> list[str]:
    """The export's columns: English, or with ``lang`` da the Danish names import reads (mål, område,
    år, værdi, kilde, bemærkning, offentliggjort, markering, tilstand); a history's recorded_at, and its
    states (current, replaced, deleted), keep the name and words import reads only in English."""
    from goaltrack.present.i18n import column

    return [column(name, lang) for name in (HISTORY_COLUMNS if history else COLUMNS)]


def write_csv(rows: Iterator[dict[str, Any]], out: IO[str], history: bool = False, excel_da: bool = False,
              lang: str = "en") -> int:
    """CSV for import and for spreadsheets: a text that could start a formula (a source
    ``=HYPERLINK(…)``) is written with a leading ``'``, which import takes off again. ``excel_da``:
    for Danish Excel (';', decimal comma, byte-order mark), which import reads too; ``lang`` da:
    Danish column names (``header``)."""
    if excel_da:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\n", delimiter=";" if excel_da else ",")
    writer.writerow(header(history, lang))
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


def sheets(rows: Iterator[dict[str, Any]], history: bool = False, lang: str = "en") -> list:
    """The workbook of `export --format xlsx`: one sheet of figures, numbers as numbers; its columns
    named as ``header`` names them."""
    from goaltrack.present.i18n import column
    from goaltrack.present.spreadsheet import Sheet

    columns = HISTORY_COLUMNS if history else COLUMNS
    return [Sheet(column("figures", lang), header(history, lang), ([row[k] for k in columns] for row in rows))]


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
