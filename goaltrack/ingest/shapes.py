"""The shape of a table: its header (English or Danish, under any title rows), long or wide, and the notes under it.

- long: a row per figure, with columns goal, scope, year, value, source, note in any order;
- wide: a column per year (``Kommune;2015;2017;2019``), a row per scope (or goal);
- Statistics Denmark's StatBank exports, CSV or BULK (``OMRÅDE;TID;INDHOLD``): a long table with
  Danish headers, area names as scopes ("Hele landet", "Region Hovedstaden", "København").

Headers are English or Danish in any case (goal/mål, scope/område/kommune/region, year/år/tid,
value/værdi/indhold, source/kilde, note/bemærkning). A file without a goal column takes ``--goal``;
without a scope column, ``--scope`` (default the goal set's scope). Title rows above the header and
notes under the table are skipped. Scopes are taken by code or by name (goaltrack.domain.scopes).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from goaltrack.domain.figure import FIRST_YEAR, LAST_YEAR
from goaltrack.errors import GoaltrackError
from goaltrack.ingest.blocks import FigureBlock, block_of

if TYPE_CHECKING:
    from goaltrack.ingest.checks import RowChecker
    from goaltrack.ingest.load import ImportResult

TITLE_ROWS = 30  # the header must stand within the first this many rows
TIME_CODE = re.compile(r"(\d{4})\s*([KQMHUW])\s*(\d{1,2})", re.IGNORECASE)  # a quarter or a month: 2019K1
_YEAR_HEADER = re.compile(r"[0-9]{4}")  # ASCII only: \d would take ٢٠١٩ too

COLUMNS = ("goal", "scope", "year", "value", "source", "note", "status", "recorded_at", "replaced_at", "published",
           "flag")
HEADER_NAMES = {
    "goal": "goal", "mål": "goal", "maal": "goal", "goal_id": "goal", "indicator": "goal", "indikator": "goal",
    "scope": "scope", "område": "scope", "omraade": "scope", "omrade": "scope", "kommune": "scope",
    "region": "scope", "area": "scope", "municipality": "scope", "kommunekode": "scope", "kode": "scope",
    "year": "year", "år": "year", "aar": "year", "tid": "year", "time": "year", "årstal": "year",
    "value": "value", "værdi": "value", "vaerdi": "value", "indhold": "value", "figure": "value", "tal": "value",
    "antal": "value",
    "source": "source", "kilde": "source",
    "note": "note", "notes": "note", "bemærkning": "note", "bemærkninger": "note", "bemaerkning": "note",
    "status": "status", "state": "status", "tilstand": "status",
    "recorded_at": "recorded_at", "replaced_at": "replaced_at",
    "published": "published", "offentliggjort": "published", "udgivet": "published", "publiceret": "published",
    "flag": "flag", "markering": "flag", "obs_status": "flag",
}


def header_name(cell: Any) -> str | None:
    """The column a header cell names, English or Danish, any case; None when it names none."""
    if not isinstance(cell, str):
        return None
    key = " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()
    return HEADER_NAMES.get(key)


def cell_text(cell: Any) -> str:
    """A cell as text, stripped: empty for an empty cell, a whole float without its ".0"."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _year_header(cell: Any) -> int | str | None:
    """A wide table's year column: the year; a year StatBank marks provisional ("2021*") and a quarter
    or month code ("2019K1") as text; else None."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell if FIRST_YEAR <= cell <= LAST_YEAR else None
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if _YEAR_HEADER.fullmatch(text) and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    if text.endswith("*") and _YEAR_HEADER.fullmatch(text[:-1]) and FIRST_YEAR <= int(text[:-1]) <= LAST_YEAR:
        return text  # read as the year, flagged P (goaltrack.ingest.checks)
    if TIME_CODE.fullmatch(text):
        return text
    return None


@dataclass
class TableShape:
    """Where the figures stand in a table's rows."""

    kind: str  # long | wide
    width: int
    index: dict[str, int]  # column name -> position
    years: list[tuple[int, int | str]] = field(default_factory=list)  # wide: (position, year or time code)
    header_line: int = 1


def find_shape(rows: list[tuple[int, list[Any]]], where: str, goal: str | None) -> TableShape:
    """The header among the first rows (title rows above it are skipped) and the shape it gives."""
    for line, cells in rows[:TITLE_ROWS]:
        shape = _header_shape(line, cells, where, goal)
        if shape is not None:
            return shape
    raise GoaltrackError(f"{where}no header found in the first {TITLE_ROWS} rows: name the columns goal, year, "
                         "value (or mål, år, værdi; or OMRÅDE;TID;INDHOLD), or give a column per year")


def _header_shape(line: int, cells: list[Any], where: str, goal: str | None) -> TableShape | None:
    """The shape a header row gives; None when the row names too few columns to be the header."""
    names = [header_name(c) for c in cells]
    years = [(i, y) for i, c in enumerate(cells) if (y := _year_header(c)) is not None and names[i] is None]
    if cells and not cell_text(cells[0]) and years and all(
            i in {p for p, _ in years} for i in range(1, len(cells)) if cell_text(cells[i])):
        names[0] = "scope"  # StatBank's matrix: an empty corner over the areas, a year a column
    known = [n for n in names if n is not None]
    if len(known) + (1 if years else 0) < 2:
        return None
    wide = bool(years) and "year" not in known and "value" not in known
    year_columns = {p for p, _ in years} if wide else set()
    unknown = [repr(c.strip() if isinstance(c, str) else c) for i, c in enumerate(cells)
               if names[i] is None and i not in year_columns and cell_text(c)]
    if len(set(known)) != len(known):
        twice = sorted({n for n in known if known.count(n) > 1})
        raise GoaltrackError(f"{where}line {line}: the header names the column {', '.join(twice)} twice")
    if unknown:
        raise GoaltrackError(f"{where}line {line}: the header has unknown column(s) {', '.join(unknown)} "
                             f"(expected goal,year,value and optionally scope,source,note,published,flag; in "
                             f"Danish mål,år,værdi,område/kommune,kilde,bemærkning,offentliggjort,markering; "
                             f"or a column per year)")
    index = {n: i for i, n in enumerate(names) if n is not None}
    if wide:
        codes = [str(y) for _, y in years if isinstance(y, str) and not y.endswith("*")]
        if codes:
            raise GoaltrackError(f"{where}line {line}: the column {codes[0]!r} is a quarter or month, not a "
                                 "year; goaltrack takes yearly figures (choose the yearly series)")
        if "goal" not in index and goal is None:  # one line, not one a cell
            raise GoaltrackError(f"{where}line {line}: a column a year, and no goal column: name the goal with "
                                 "--goal ID")
        return TableShape("wide", len(cells), index, years, line)
    missing = [n for n in ("year", "value") if n not in index]
    if "goal" not in index and goal is None:
        missing.insert(0, "goal")
    if missing:
        hint = " (or name the goal with --goal ID)" if missing[0] == "goal" else ""
        raise GoaltrackError(f"{where}line {line}: the header lacks the column(s) {', '.join(missing)}{hint}")
    return TableShape("long", len(cells), index, [], line)


class TableRows:
    """Turns a table's rows into figures by its shape; a row with one filled cell after the table is a
    note, and so is a run of them at its end."""

    def __init__(self, shape: TableShape, checker: RowChecker, result: ImportResult):
        self.shape = shape
        self.checker = checker
        self.result = result
        self.pending: list[tuple[int, list[Any]]] = []  # rows that may be notes under the table
        self.get = [shape.index.get(name) for name in COLUMNS]

    def take(self, rows: Iterable[tuple[int, list[Any]]]) -> FigureBlock:
        out: list[tuple] = []
        lines: list[str] = []
        for line, cells in rows:
            filled = sum(1 for c in cells if cell_text(c))
            if filled == 0:
                continue  # an empty line
            if filled == 1 and (self.shape.kind == "wide" or len(cells) != self.shape.width or len(cells) > 2):
                self.pending.append((line, cells))  # a note, unless a figure follows
                continue
            if self.pending:
                held, self.pending = self.pending, []
                for held_line, held_cells in held:
                    self._row(held_line, held_cells, out, lines)
            self._row(line, cells, out, lines)
        return block_of(out, lines)

    def finish(self) -> None:
        self.result.skipped_lines += len(self.pending)
        self.pending = []

    def _row(self, line: int, cells: list[Any], out: list[tuple], lines: list[str]) -> None:
        shape, check = self.shape, self.checker
        if len(cells) != shape.width:
            if len(cells) > shape.width and not any(map(cell_text, cells[shape.width:])):
                cells = cells[:shape.width]  # trailing empty cells, as spreadsheets write them
            elif len(cells) < shape.width and shape.kind == "wide":
                cells = list(cells) + [""] * (shape.width - len(cells))
            else:
                check.fail(str(line), f"expected {shape.width} fields, found {len(cells)}")
                return
        cell = (lambda i: cells[i] if i is not None and i < len(cells) else None)
        g = self.get
        if shape.kind == "long":
            row = check.figure(str(line), cell(g[0]), cell(g[1]), cell(g[2]), cell(g[3]), cell(g[4]), cell(g[5]),
                               cell(g[6]), cell(g[7]), cell(g[8]), cell(g[9]), cell(g[10]))
            if row is not None:
                out.append(row)
                lines.append(str(line))
            return
        for position, year in shape.years:
            row = check.figure(str(line), cell(g[0]), cell(g[1]), year, cell(position), cell(g[4]), cell(g[5]),
                               published=cell(g[9]), flag=cell(g[10]))
            if row is not None:
                out.append(row)
                lines.append(str(line))
