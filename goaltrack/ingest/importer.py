"""Bulk import of figures, from files as analysts have them: every row checked, all written in one
transaction, or nothing.

Formats: CSV (UTF-8 with or without a byte-order mark, or Windows-1252, detected or named with
``encoding``; separated by commas, semicolons or tabs; CRLF or LF), JSON (a list of flat records)
and ``.xlsx`` (the first sheet, or the one named).

Layouts:

- long: a row per figure, with columns goal, scope, year, value, source, note in any order;
- wide: a column per year (``Kommune;2015;2017;2019``), a row per scope (or goal);
- Statistics Denmark's StatBank exports, CSV or BULK (``OMRÅDE;TID;INDHOLD``): a long layout with
  Danish headers, area names as scopes ("Hele landet", "Region Hovedstaden", "København").

Headers are English or Danish in any case (goal/mål, scope/område/kommune/region, year/år/tid,
value/værdi/indhold, source/kilde, note/bemærkning). A file without a goal column takes ``goal``;
without a scope column, ``scope`` (default the nation). Title rows above the header and notes under
the table are skipped. ``..``, ``.``, ``-`` and empty cells are withheld figures: skipped and
counted, never an error, never a zero. Scopes are taken by code or by name (goaltrack.domain.scopes).

The file is read in blocks (bounded memory: a 200 MB file needs a few hundred MB, not GBs; reading
stops at ``MAX_BYTES``), each block checked and written inside the one transaction; after the first
problem nothing more is written, the rest is only checked, and the transaction is rolled back.

Speed matters (a million rows should take a few times what sqlite3's ``.import`` takes): a block of
plain CSV is checked column by column (C-level maps over whole columns), and written with the
driver's ``executemany`` (COPY on PostgreSQL); any doubt, and the block is checked row by row, for
messages that name their line.
"""

from __future__ import annotations

import codecs
import collections
import csv
import datetime
import io
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltrack.storage import database as db
from goaltrack.catalogue import NATION
from goaltrack.errors import GoaltrackError, Problem, many_problems
from goaltrack.domain.text import restore_cell
from goaltrack.domain.units import (MAX_DIGITS, MAX_MAGNITUDE, MAX_TEXT, TOO_CLOSE_TO_ZERO, UNITS, format_plain, parse_value,
                             quoted, text_problem, too_large, too_long, underflowed)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from goaltrack.domain.scopes import ScopeNames

BATCH = 50_000
BLOCK_BYTES = 4 * 2**20  # CSV is read, checked and written this much at a time
MAX_LINE = 2**20  # a line longer than this (1 MiB) is no figure
MAX_BYTES = 2**30  # a CSV file stops being read here (1 GiB)
MAX_WHOLE_BYTES = 100 * 2**20  # JSON and xlsx are read whole: at most 100 MiB
MAX_FIELD = 131_072  # Python's csv field limit: a longer quoted field is one Error line
MAX_PROBLEMS = 1_000  # problems kept (the user sees 20, and the count of all)
TITLE_ROWS = 30  # the header must stand within the first this many rows
WITHHELD = frozenset(("", "..", ".", "-"))
# Values longer than this (far more digits than any statistic has) go the careful way, where every
# figure meets units.Unit.check: a 40-digit decimal that no CSV could hold once exported is refused there.
FAST_DIGITS = 20
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # ASCII digits: float() takes ６４３１ too
_TIME_CODE = re.compile(r"(\d{4})\s*([KQMHUW])\s*(\d{1,2})", re.IGNORECASE)
_YEAR_HEADER = re.compile(r"\d{4}")

COLUMNS = ("goal", "scope", "year", "value", "source", "note", "status", "recorded_at", "replaced_at")
HEADER_NAMES = {
    "goal": "goal", "mål": "goal", "maal": "goal", "goal_id": "goal", "indicator": "goal", "indikator": "goal",
    "scope": "scope", "område": "scope", "omraade": "scope", "omrade": "scope", "kommune": "scope",
    "region": "scope", "area": "scope", "municipality": "scope", "kommunekode": "scope", "kode": "scope",
    "year": "year", "år": "year", "aar": "year", "tid": "year", "time": "year", "årstal": "year",
    "value": "value", "værdi": "value", "vaerdi": "value", "indhold": "value", "figure": "value", "tal": "value",
    "antal": "value",
    "source": "source", "kilde": "source",
    "note": "note", "notes": "note", "bemærkning": "note", "bemærkninger": "note", "bemaerkning": "note",
    "status": "status", "recorded_at": "recorded_at", "replaced_at": "replaced_at",
}

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class Figures:
    """A block of rows, column by column (fast to check and to hand to executemany)."""

    goal: list[str]
    scope: list[str]
    year: list[int]
    value: list[float]
    source: list[str | None]
    note: list[str | None]
    lines: Any  # where each row stands, by index: "12" for CSV lines, "record 3" for JSON
    status: list[str] | None = None  # only from an export with history: current, replaced, deleted
    recorded_at: list[datetime.datetime | None] | None = None
    replaced_at: list[datetime.datetime | None] | None = None

    def __len__(self) -> int:
        return len(self.goal)


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    resourced: int = 0  # the same figure, with a new source (the old one kept in the history)
    history: int = 0  # replaced or deleted figures restored from an export with history
    withheld: int = 0  # cells withheld or empty (.., ., -, ""): skipped
    skipped_lines: int = 0  # title rows above the header and notes under the table
    layout: str = "long"
    encoding: str = "utf-8"
    dry_run: bool = False


# --- reading bytes and text, bounded -------------------------------------------------------------


def _byte_blocks(path: Path, cap: int, size: int = BLOCK_BYTES) -> Iterator[bytes]:
    """The file in blocks, stopping with an error once more than ``cap`` bytes were read."""
    total = 0
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(size)
                if not block:
                    return
                total += len(block)
                if total > cap:
                    raise GoaltrackError(f"{path} is larger than {cap:,} bytes; split it, or import it in parts")
                yield block
    except OSError as exc:
        raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_whole(path: Path, cap: int = MAX_WHOLE_BYTES) -> bytes:
    return b"".join(_byte_blocks(path, cap))


def _decoder(name: str):
    try:
        return codecs.getincrementaldecoder(name)(errors="strict")
    except LookupError:
        raise GoaltrackError(f"unknown encoding {name!r} (try utf-8 or cp1252)") from None


def _text_blocks(path: Path, encoding: str | None, result: ImportResult) -> Iterator[str]:
    """The file as text, in blocks that end at a line end and never inside a quoted field.

    Without ``encoding``: UTF-8 (a byte-order mark is dropped), else Windows-1252 when the start of the
    file is not UTF-8. CRLF becomes LF. NUL bytes mean binary data.
    """
    name = encoding or "utf-8-sig"
    decoder = _decoder(name)
    offset = 0
    carry = ""
    first = True
    for raw in _byte_blocks(path, MAX_BYTES):
        try:
            text = decoder.decode(raw)
        except UnicodeDecodeError as exc:
            if first and encoding is None:
                name, decoder = "cp1252", _decoder("cp1252")
                try:
                    text = decoder.decode(raw)
                except UnicodeDecodeError as exc2:
                    raise GoaltrackError(f"{path} is not UTF-8 text nor Windows-1252 (byte {exc2.start} cannot be "
                                         "read); save it as CSV (UTF-8), or name its encoding with --encoding")\
                        from None
            else:
                hint = "; if it is Windows-1252, add --encoding cp1252" if name.startswith("utf") else ""
                raise GoaltrackError(f"{path} is not {_encoding_name(name)} text (byte {offset + exc.start} "
                                     f"cannot be read){hint}") from None
        if "\x00" in text:
            raise GoaltrackError(f"{path} holds binary data, not CSV, JSON or xlsx")
        first = False
        offset += len(raw)
        text = carry + text.replace("\r\n", "\n")
        if text.endswith("\r"):
            carry, text = "\r", text[:-1]  # a CR whose LF is in the next block
        else:
            carry = ""
        cut = text.rfind("\n") + 1
        if cut and text.count('"', 0, cut) % 2:  # inside a quoted field: end the block before it opened
            cut = text.rfind("\n", 0, text.rfind('"', 0, cut)) + 1
        if not cut:
            if len(text) > MAX_LINE + 2 * MAX_FIELD:
                raise GoaltrackError(f"{path}: a line (or a quoted field) is longer than {MAX_LINE:,} characters")
            carry = text + carry
            continue
        carry = text[cut:] + carry
        result.encoding = _encoding_name(name)
        yield text[:cut]
    text = carry + decoder.decode(b"", final=True)
    result.encoding = _encoding_name(name)
    if text:
        yield text if text.endswith("\n") else text + "\n"


def _encoding_name(name: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": "Windows-1252"}.get(name.lower(), name)


# --- the layout of a table -----------------------------------------------------------------------


def header_name(cell: Any) -> str | None:
    """The column a header cell names, English or Danish, any case; None when it names none."""
    if not isinstance(cell, str):
        return None
    key = " ".join(cell.replace("\ufeff", "").strip().strip('"').split()).casefold()
    return HEADER_NAMES.get(key)


def _year_header(cell: Any) -> int | str | None:
    """A wide table's year column: the year; a quarter or month code ("2019K1") as text; else None."""
    if isinstance(cell, float) and cell.is_integer():
        cell = int(cell)
    if isinstance(cell, int) and not isinstance(cell, bool):
        return cell if 1900 <= cell <= 2100 else None
    if not isinstance(cell, str):
        return None
    text = cell.strip()
    if _YEAR_HEADER.fullmatch(text) and 1900 <= int(text) <= 2100:
        return int(text)
    if _TIME_CODE.fullmatch(text):
        return text
    return None


@dataclass
class Layout:
    """Where the figures stand in a table's rows."""

    kind: str  # long | wide
    width: int
    index: dict[str, int]  # column name -> position
    years: list[tuple[int, int | str]] = field(default_factory=list)  # wide: (position, year or time code)
    header_line: int = 1


def find_layout(rows: list[tuple[int, list[Any]]], where: str, goal: str | None) -> Layout:
    """The header among the first rows (title rows above it are skipped) and the layout it gives."""
    for line, cells in rows[:TITLE_ROWS]:
        names = [header_name(c) for c in cells]
        years = [(i, y) for i, c in enumerate(cells) if (y := _year_header(c)) is not None and names[i] is None]
        known = [n for n in names if n is not None]
        if len(known) + (1 if years else 0) < 2:
            continue
        wide = bool(years) and "year" not in known and "value" not in known
        year_columns = {p for p, _ in years} if wide else set()
        unknown = [repr(c.strip() if isinstance(c, str) else c) for i, c in enumerate(cells)
                   if names[i] is None and i not in year_columns and _cell_text(c)]
        if len(set(known)) != len(known):
            twice = sorted({n for n in known if known.count(n) > 1})
            raise GoaltrackError(f"{where}line {line}: the header names the column {', '.join(twice)} twice")
        if unknown:
            raise GoaltrackError(f"{where}line {line}: the header has unknown column(s) {', '.join(unknown)} "
                                 f"(expected goal,year,value and optionally scope,source,note; in Danish "
                                 f"mål,år,værdi,område/kommune,kilde,bemærkning; or a column per year)")
        index = {n: i for i, n in enumerate(names) if n is not None}
        if wide:
            codes = [str(y) for _, y in years if isinstance(y, str)]
            if codes:
                raise GoaltrackError(f"{where}line {line}: the column {codes[0]!r} is a quarter or month, not a "
                                     "year; goaltrack takes yearly figures (choose the yearly series)")
            return Layout("wide", len(cells), index, years, line)
        missing = [n for n in ("year", "value") if n not in index]
        if "goal" not in index and goal is None:
            missing.insert(0, "goal")
        if missing:
            hint = " (or name the goal with --goal ID)" if missing[0] == "goal" else ""
            raise GoaltrackError(f"{where}line {line}: the header lacks the column(s) {', '.join(missing)}{hint}")
        return Layout("long", len(cells), index, [], line)
    raise GoaltrackError(f"{where}no header found in the first {TITLE_ROWS} rows: name the columns goal, year, "
                         "value (or mål, år, værdi; or OMRÅDE;TID;INDHOLD), or give a column per year")


def _cell_text(cell: Any) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


# --- checking rows -------------------------------------------------------------------------------


class _Checker:
    """Checks rows against the goals and scopes, collecting problems with their line."""

    def __init__(self, goals: dict[str, str], names: ScopeNames, default_goal: str | None,
                 default_scopes: dict[str, str]):
        self.goals = goals  # id -> unit
        self.limits = {g: UNITS[u] for g, u in goals.items()}
        self.names = names
        self.default_goal = default_goal
        self.default_scopes = default_scopes  # goal -> the scope of a row that names none
        self.decimal_comma = True
        self.this_year = datetime.date.today().year
        self.problems: list[Problem] = []
        self.count = 0  # every problem, also those beyond MAX_PROBLEMS
        self.withheld = 0

    def fail(self, line: str, message: str) -> None:
        """A problem on a CSV line (a number) or a JSON record ("record 3")."""
        self.count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, int(line)) if line.isdigit() else Problem(f"{line}: {message}"))

    def figure(self, line: str, goal: Any, scope: Any, year: Any, value: Any, source: Any = None, note: Any = None,
               status: Any = None, recorded_at: Any = None, replaced_at: Any = None) -> tuple | None:
        """The row as (goal, scope, year, value, source, note, status, recorded_at, replaced_at), or None
        (a problem, or a withheld value)."""
        if isinstance(value, str) and value.strip() in WITHHELD or value is None:
            self.withheld += 1
            return None
        bad = self.count
        goal = goal.strip() if isinstance(goal, str) else goal
        if not goal:
            goal = self.default_goal
        if not goal:
            self.fail(line, "the goal is missing")
        elif goal not in self.goals:
            from goaltrack.storage.store import unknown_goal

            sets = getattr(self.goals, "ambiguous", {}).get(goal)
            self.fail(line, f"goal {goal!r} is in {len(sets)} sets: {', '.join(sets)}; write SET/ID" if sets
                      else unknown_goal(str(goal), list(self.goals)).message)
        scope = _cell_text(scope)
        if not scope:
            code = self.default_scopes.get(goal, NATION) if isinstance(goal, str) else NATION
        else:
            code = self.names.find(scope)
            if code is None:
                self.fail(line, self.names.unknown(scope))
        year = self._year(line, year)
        number = self._value(line, value, goal)
        source = self._text(line, "source", source)
        note = self._text(line, "note", note)
        recorded = self._time(line, "recorded_at", recorded_at)
        replaced = self._time(line, "replaced_at", replaced_at)
        status = status.strip().lower() if isinstance(status, str) else status or ""
        if status not in ("", "current", "replaced", "deleted"):
            self.fail(line, f"status must be 'current', 'replaced' or 'deleted', not {status!r}")
        elif status in ("replaced", "deleted") and replaced is None:
            self.fail(line, f"a {status} figure needs its replaced_at")
        elif status in ("", "current") and replaced is not None:
            self.fail(line, "a current figure has no replaced_at")
        if self.count > bad:
            return None
        return (goal, code, year, number, source, note, status or "current", recorded, replaced)

    def _year(self, line: str, year: Any) -> int | None:
        if isinstance(year, float) and year.is_integer():
            year = int(year)
        if isinstance(year, str):
            text = year.strip()
            if text.isascii() and text.isdigit() and len(text) <= 9:
                year = int(text)
            elif _TIME_CODE.fullmatch(text):
                self.fail(line, f"time {text!r} is a quarter or month, not a year; goaltrack takes yearly "
                                "figures (choose the yearly series)")
                return None
            else:
                year = text
        if isinstance(year, bool) or not isinstance(year, int):
            self.fail(line, f"year {quoted(year) if isinstance(year, str) else repr(year)} is not a whole year")
            return None
        if not 1900 <= year <= self.this_year:
            self.fail(line, f"year {year} is outside 1900..{self.this_year}")
            return None
        return year

    def _value(self, line: str, value: Any, goal: Any) -> float | None:
        if isinstance(value, _JsonNumber):
            self.fail(line, f"value {value.problem()}")
            return None
        if isinstance(value, str):
            text = value.strip()
            if _PLAIN_NUMBER.fullmatch(text) and len(text) <= MAX_DIGITS:
                number = float(text)
            elif "," in text and not self.decimal_comma:
                self.fail(line, f"value {text!r}: a decimal comma needs a semicolon-separated file; "
                                "write a point here")
                return None
            else:
                try:
                    number = parse_value(text)
                except ValueError as exc:
                    self.fail(line, f"value {exc}")
                    return None
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                number = float(value)
            except OverflowError:
                number = math.inf
            if not math.isfinite(number):
                self.fail(line, f"value {value} is not a finite number")
                return None
        else:
            self.fail(line, f"value {_short(value)} is not a number")
            return None
        unit = self.limits.get(goal)
        if unit is not None:
            why = unit.check(number)
            if why:
                self.fail(line, f"{goal}: {why}")
                return None
        return number

    def _text(self, line: str, name: str, value: Any) -> str | None:
        if value is None:
            return None
        text = restore_cell(_cell_text(value))  # a cell an export neutralised ('=…) comes back as written
        why = text_problem(text, f"the {name}", "\t\n" if name == "note" else "")
        if why:  # too long, or a control character that would act on a terminal
            self.fail(line, why)
            return None
        return text or None

    def _time(self, line: str, name: str, value: Any) -> datetime.datetime | None:
        if value is None or value == "":
            return None
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip().removesuffix("Z"))
        except ValueError:
            self.fail(line, f"{name} {_short(value)} is not a date and time (2026-01-31T12:00:00Z)")
            return None
        return moment.replace(tzinfo=None)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _figures(rows: list[tuple], lines: list[str]) -> Figures:
    history = any(r[6] != "current" or r[7] is not None for r in rows)
    columns = list(zip(*rows)) if rows else [()] * 9
    out = Figures(list(columns[0]), list(columns[1]), list(columns[2]), list(columns[3]), list(columns[4]),
                  list(columns[5]), lines)
    if history:
        out.status, out.recorded_at, out.replaced_at = list(columns[6]), list(columns[7]), list(columns[8])
    return out


class _Rows:
    """Turns a table's rows into figures by its layout; a row with one filled cell after the table is a
    note, and so is a run of them at its end."""

    def __init__(self, layout: Layout, checker: _Checker, result: ImportResult):
        self.layout = layout
        self.checker = checker
        self.result = result
        self.pending: list[tuple[int, list[Any]]] = []  # rows that may be notes under the table
        self.get = [layout.index.get(name) for name in COLUMNS]

    def take(self, rows: Iterable[tuple[int, list[Any]]]) -> Figures:
        out: list[tuple] = []
        lines: list[str] = []
        for line, cells in rows:
            filled = sum(1 for c in cells if _cell_text(c))
            if filled == 0:
                continue  # an empty line
            if filled == 1 and (self.layout.kind == "wide" or len(cells) != self.layout.width or len(cells) > 2):
                self.pending.append((line, cells))  # a note, unless a figure follows
                continue
            if self.pending:
                held, self.pending = self.pending, []
                for held_line, held_cells in held:
                    self._row(held_line, held_cells, out, lines)
            self._row(line, cells, out, lines)
        return _figures(out, lines)

    def finish(self) -> None:
        self.result.skipped_lines += len(self.pending)
        self.pending = []

    def _row(self, line: int, cells: list[Any], out: list[tuple], lines: list[str]) -> None:
        layout, check = self.layout, self.checker
        if len(cells) != layout.width:
            if len(cells) > layout.width and not any(map(_cell_text, cells[layout.width:])):
                cells = cells[:layout.width]  # trailing empty cells, as spreadsheets write them
            elif len(cells) < layout.width and layout.kind == "wide":
                cells = list(cells) + [""] * (layout.width - len(cells))
            else:
                check.fail(str(line), f"expected {layout.width} fields, found {len(cells)}")
                return
        cell = (lambda i: cells[i] if i is not None and i < len(cells) else None)
        g = self.get
        if layout.kind == "long":
            row = check.figure(str(line), cell(g[0]), cell(g[1]), cell(g[2]), cell(g[3]), cell(g[4]), cell(g[5]),
                               cell(g[6]), cell(g[7]), cell(g[8]))
            if row is not None:
                out.append(row)
                lines.append(str(line))
            return
        for position, year in layout.years:
            row = check.figure(str(line), cell(g[0]), cell(g[1]), year, cell(position), cell(g[4]), cell(g[5]))
            if row is not None:
                out.append(row)
                lines.append(str(line))


# --- the fast path: a block of plain CSV, column by column ----------------------------------------

def _only(cells: list[str], allowed: bytes) -> bool:
    """Whether every cell is made of ASCII ``allowed`` characters only and none is empty (checked in C)."""
    text = "\n".join(cells)
    if not text.isascii():
        return False
    return bool(text) and not text.encode("ascii").translate(None, allowed + b"\n") and "\n\n" not in text and \
        not text.startswith("\n") and not text.endswith("\n")


def _fast_block(text: str, delimiter: str, layout: Layout, first_line: int, goals: dict[str, str],
                names: ScopeNames, default_goal: str | None, default_scopes: dict[str, str]) -> Figures | None:
    """All the checks of the row-by-row path, on whole columns of a block without quotes; None when any
    might fail (or a cell is withheld), so that the row-by-row path finds and names it."""
    if layout.kind != "long" or '"' in text or "status" in layout.index or "recorded_at" in layout.index:
        return None
    lines = text.rstrip("\n").split("\n")
    width = layout.width
    if not lines or set(map(str.count, lines, [delimiter] * len(lines))) != {width - 1}:
        return None  # a line with too many or too few fields (or an empty one): the careful path says which
    flat = delimiter.join(lines).split(delimiter)
    column = {name: flat[i::width] for name, i in layout.index.items()}
    rows = len(lines)
    year_text, value_text = column["year"], column["value"]
    if "goal" in column:
        goal = column["goal"]
        if not set(goal) <= goals.keys():
            return None  # also catches stray spaces and empty cells: the careful path strips them
    elif default_goal in goals:
        goal = [default_goal] * rows
    else:
        return None
    scope = column.get("scope")
    distinct = {""} if scope is None else set(scope)
    fill = None  # the scope of a row that names none: its goal's (the goal set's scope, or --scope)
    if "" in distinct:
        homes = {default_scopes[g] for g in set(goal)}
        if len(homes) != 1:
            return None  # goals of sets judged in different scopes: the careful path gives each its own
        fill = homes.pop()
    if scope is None:
        scope = [fill] * rows
        distinct = {fill}
    codes = {text: (names.find(text) if text else fill) for text in distinct}
    if None in codes.values():
        return None
    if any(code != text for text, code in codes.items()):
        scope = list(map(codes.__getitem__, scope))
    if not _only(year_text, b"0123456789") or max(map(len, year_text)) > 4:
        return None
    year = list(map(int, year_text))
    if min(year) < 1900 or max(year) > datetime.date.today().year:
        return None
    values = "\n" + "\n".join(value_text) + "\n"
    if not _only(value_text, b"0123456789.-") or max(map(len, value_text)) > FAST_DIGITS or "\n\n" in values \
            or ".\n" in values or "\n." in values or "-." in values or ".-" in values or "\n-\n" in values:
        return None  # decimal commas, spaces, NaN, "5.", withheld, empty or long values: the careful path reads those
    try:
        value = list(map(float, value_text))  # refuses "1-2", "1.2.3", "--1"
    except ValueError:
        return None
    units = {goals[g] for g in set(goal)}
    for unit_name in units:
        unit = UNITS[unit_name]
        chosen = value if len(units) == 1 else [v for g, v in zip(goal, value, strict=True) if goals[g] == unit_name]
        if unit.minimum is not None and min(chosen) < unit.minimum:
            return None
        if unit.maximum is not None and max(chosen) > unit.maximum:
            return None
        if max(map(abs, chosen)) >= MAX_MAGNITUDE:
            return None  # a figure too large for any unit: the careful path names it
        if unit.whole and not all(map(float.is_integer, chosen)):
            return None
    texts = []
    for name in ("source", "note"):
        cells = column.get(name)
        if cells is None:
            texts.append([None] * rows)
            continue
        if max(map(len, cells)) > MAX_TEXT:
            return None
        distinct = {t: restore_cell(t.strip()) or None for t in set(cells)}
        if any(text_problem(t, name, "\t\n") for t in distinct.values() if t):
            return None  # the careful path names it
        if all(t == clean for t, clean in distinct.items()):
            texts.append(cells)  # the common case: nothing to strip, nothing empty
        else:
            texts.append(list(map(distinct.__getitem__, cells)))
    return Figures(goal, scope, year, value, texts[0], texts[1], _Lines(first_line, rows))


# --- the sources of rows --------------------------------------------------------------------------


class _Lines:
    """The line numbers of a block of plain CSV, as text, without a list of them."""

    def __init__(self, first: int, count: int):
        self.first, self.count = first, count

    def __getitem__(self, i: int) -> str:
        return str(self.first + i)

    def __len__(self) -> int:
        return self.count


def _line_number(line: str) -> int:
    """A CSV line as a positive number, a JSON record as a negative one (compact, and reversible)."""
    return int(line) if line.isdigit() else -int(line.rsplit(" ", 1)[-1])


def _line_text(number: int) -> str:
    return str(number) if number > 0 else f"record {-number}"


def _csv_rows(text: str, delimiter: str, first_line: int, where: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    before = 0  # lines read before this record: a record whose quoted field holds line breaks is named
    try:        # by the line it starts on
        for fields in reader:
            yield first_line + before, fields
            before = reader.line_num
    except csv.Error as exc:
        line = first_line + reader.line_num - 1
        if "field larger than field limit" in str(exc):
            raise GoaltrackError(f"{where}:{line}: a field is longer than {MAX_FIELD:,} characters (a source or "
                                 f"note holds at most {MAX_TEXT:,})") from None
        raise GoaltrackError(f"{where}:{line}: malformed CSV: {exc}") from None


def _sniff(text: str) -> str:
    """The separator of a CSV file: the one that splits the most of its first lines alike."""
    head = text[:65536].split("\n")[:TITLE_ROWS + 5]
    best, score = ",", -1
    for delimiter in (";", ",", "\t"):
        counts = [line.count(delimiter) for line in head if line.strip()]
        found = max(counts, default=0)
        if found and (found, -len(set(counts))) > (score, 0) and found > score:
            best, score = delimiter, found
    return best


class _Source:
    """The figures of one file, block by block."""

    def __init__(self, path: Path, checker: _Checker, result: ImportResult, goal: str | None,
                 scopes: dict[str, str], encoding: str | None, sheet: str | None,
                 goals: dict[str, str], names: ScopeNames):
        self.path, self.checker, self.result = path, checker, result
        self.goal, self.scopes, self.encoding, self.sheet = goal, scopes, encoding, sheet
        self.goals, self.names = goals, names
        self.where = f"{path}: "
        self.bytes_done = 0

    def blocks(self) -> Iterator[Figures]:
        suffix = self.path.suffix.lower()
        if suffix in (".xlsx", ".xlsm", ".xls", ".ods"):
            yield from self._table(list(_sheet_rows(self.path, self.sheet)), "xlsx")
            return
        if suffix == ".json":
            yield from self._json(read_whole(self.path))
            return
        blocks = _text_blocks(self.path, self.encoding, self.result)
        first = next(blocks, None)
        if first is None or not first.strip():
            raise GoaltrackError(f"{self.path} is empty")
        if first.lstrip()[:1] in ("[", "{"):
            rest = "".join(blocks)  # JSON under another name: read whole, within its cap
            data = (first + rest).encode("utf-8")
            if len(data) > MAX_WHOLE_BYTES:
                raise GoaltrackError(f"{self.path} is larger than {MAX_WHOLE_BYTES:,} bytes of JSON")
            yield from self._json(data)
            return
        yield from self._csv(first, blocks)

    def _csv(self, first: str, blocks: Iterator[str]) -> Iterator[Figures]:
        delimiter = _sniff(first)
        self.checker.decimal_comma = delimiter != ","
        head_rows = []
        for line, cells in _csv_rows(first[:262144].rsplit("\n", 1)[0] + "\n" if len(first) > 262144 else first,
                                     delimiter, 1, str(self.path)):
            head_rows.append((line, cells))
            if len(head_rows) >= TITLE_ROWS:
                break
        layout = find_layout(head_rows, self.where, self.goal)
        self.result.layout = layout.kind
        self.result.skipped_lines += sum(1 for line, cells in head_rows
                                         if line < layout.header_line and any(c.strip() for c in cells))
        rows = _Rows(layout, self.checker, self.result)
        # The body begins after the header line: drop the lines down to it from the first block.
        position = 0
        for _ in range(layout.header_line):
            position = first.index("\n", position) + 1
        block, start = first[position:], layout.header_line + 1
        self.bytes_done += position
        while True:
            if block:
                self.bytes_done += len(block)  # before the block is handed on: progress is shown after it
                fast = _fast_block(block, delimiter, layout, start, self.goals, self.names, self.goal,
                                   self.scopes)
                if fast is not None and not rows.pending:
                    yield fast
                else:
                    yield rows.take(_csv_rows(block, delimiter, start, str(self.path)))
                start += block.count("\n")
            block = next(blocks, None)
            if block is None:
                break
        rows.finish()

    def _table(self, table: list[list[Any]], what: str) -> Iterator[Figures]:
        numbered = [(i, row) for i, row in enumerate(table, start=1)]
        layout = find_layout(numbered, f"{self.path}: {what} ", self.goal)
        self.result.layout = layout.kind
        self.result.skipped_lines += sum(1 for line, cells in numbered[:layout.header_line - 1]
                                         if any(map(_cell_text, cells)))
        rows = _Rows(layout, self.checker, self.result)
        body = numbered[layout.header_line:]
        for start in range(0, len(body), BATCH):
            yield rows.take(body[start:start + BATCH])
        rows.finish()

    def _json(self, data: bytes) -> Iterator[Figures]:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GoaltrackError(f"{self.path} is not UTF-8 text (byte {exc.start} cannot be read)") from None
        if not text.strip():
            raise GoaltrackError(f"{self.path} is empty")
        try:
            records = json.loads(text, parse_constant=lambda name: float("nan"), object_pairs_hook=_JsonRecord,
                                 parse_float=_json_float, parse_int=_json_int)
        except json.JSONDecodeError as exc:
            raise GoaltrackError(f"{self.path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
        except RecursionError:
            raise GoaltrackError(f"{self.path}: JSON nested too deeply; a figure file is a list of flat "
                                 "records") from None
        if not isinstance(records, list):
            raise GoaltrackError(f"{self.path}: JSON must be a list of records like "
                                 "{\"goal\": …, \"year\": …, \"value\": …}")
        self.result.layout = "json"
        check = self.checker
        out: list[tuple] = []
        lines: list[str] = []
        for number, record in enumerate(records, start=1):
            where = f"record {number}"
            if not isinstance(record, dict):
                check.fail(where, "is not an object")
                continue
            named: dict[str, Any] = {}
            unknown = []
            for key, value in record.items():
                name = header_name(key)
                if name is None or name in named:
                    unknown.append(key)
                else:
                    named[name] = value
            nested = [k for k, v in record.items() if isinstance(v, (dict, list))]
            missing = [k for k in ("year", "value") if k not in named]
            if "goal" not in named and self.goal is None:
                missing.insert(0, "goal")
            if missing or unknown or nested or record.twice:
                parts = (["lacks " + ", ".join(missing)] if missing else []) + \
                    (["has unknown key(s) " + ", ".join(map(_short, unknown))] if unknown else []) + \
                    (["holds a nested value in " + ", ".join(map(_short, nested)) + "; a record is flat"]
                     if nested else []) + \
                    (["gives " + ", ".join(map(_short, record.twice)) + " more than once"] if record.twice else [])
                check.fail(where, "; ".join(parts))
                continue
            row = check.figure(where, named.get("goal"), named.get("scope"), named["year"], named["value"],
                               named.get("source"), named.get("note"), named.get("status"),
                               named.get("recorded_at"), named.get("replaced_at"))
            if row is not None:
                out.append(row)
                lines.append(where)
            if len(out) >= BATCH:
                yield _figures(out, lines)
                out, lines = [], []
        yield _figures(out, lines)


class _JsonNumber(str):
    """A number in a JSON file that no figure can be, kept as written so that the row check names it:
    one float() would make 0.0 (1e-400: a zero nobody wrote) or infinite, or one longer than any
    figure (json would build a 5,000-digit int, or fail on it)."""

    def problem(self) -> str:
        number = float(self)
        if number == 0:
            return f"{quoted(self)} {TOO_CLOSE_TO_ZERO}"
        if not math.isfinite(number) or abs(number) >= MAX_MAGNITUDE:
            return too_large(quoted(self))
        return too_long(self)


def _json_float(text: str) -> float | str:
    number = float(text)
    if underflowed(text, number) or not math.isfinite(number) or len(text) > MAX_DIGITS:
        return _JsonNumber(text)
    return number


def _json_int(text: str) -> int | str:
    return _JsonNumber(text) if len(text) > MAX_DIGITS else int(text)


class _JsonRecord(dict):
    """A JSON object, knowing the keys it gives more than once (``json`` would keep the last silently:
    ``{"value": 5, "value": 50}`` is a mistake to show, not to guess at)."""

    def __init__(self, pairs: list[tuple[str, Any]]) -> None:
        super().__init__(pairs)
        self.twice = [k for k, n in collections.Counter(k for k, _ in pairs).items() if n > 1] \
            if len(self) < len(pairs) else []


def _sheet_rows(path: Path, sheet: str | None) -> Iterator[list[Any]]:
    """The rows of a spreadsheet's first sheet (or the one named), read with python-calamine."""
    read_whole_check = path.stat().st_size if path.exists() else 0
    if read_whole_check > MAX_WHOLE_BYTES:
        raise GoaltrackError(f"{path} is larger than {MAX_WHOLE_BYTES:,} bytes")
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise GoaltrackError("reading .xlsx needs python-calamine: pip install python-calamine") from None
    try:
        book = CalamineWorkbook.from_path(str(path))
    except OSError as exc:
        raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # calamine's own errors: not a workbook, a broken zip
        raise GoaltrackError(f"{path} is not a readable spreadsheet ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0][:120] if str(exc) else 'unreadable'})") from None
    names = book.sheet_names
    if not names:
        raise GoaltrackError(f"{path} has no sheets")
    if sheet is None:
        name = names[0]
    elif sheet in names:
        name = sheet
    else:
        raise GoaltrackError(f"{path} has no sheet {sheet!r} (it has: {', '.join(map(repr, names))})")
    try:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise GoaltrackError(f"{path}: sheet {name!r} cannot be read ({type(exc).__name__})") from None
    for row in rows:
        yield [_sheet_cell(c) for c in row]


def _sheet_cell(cell: Any) -> Any:
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    if isinstance(cell, (datetime.date, datetime.time, datetime.timedelta)):
        return str(cell)
    return cell


# --- writing --------------------------------------------------------------------------------------


class GoalNames(dict):
    """name → value, knowing the bare IDs that several sets share (``ambiguous``: ID → SET/IDs)."""

    ambiguous: dict[str, list[str]]


def goal_names(goals) -> GoalNames:
    """Every name a file may give a goal → its id: SET/ID always, and a bare ID that only one set has
    (a bare ID that several sets have is no name at all: the file must say SET/ID)."""
    names = GoalNames({g.full_name: g.id for g in goals})
    by_code: dict[str, list[str]] = {}
    for goal in goals:
        by_code.setdefault(goal.code, []).append(goal.full_name)
    names.update({g.code: g.id for g in goals if len(by_code[g.code]) == 1})
    names.ambiguous = {code: full for code, full in by_code.items() if len(full) > 1}
    return names


def import_file(engine: Engine, path: str | Path, replace: bool = False, dry_run: bool = False,
                progress: Progress | None = None, goal: str | None = None, scope: str | None = None,
                encoding: str | None = None, sheet: str | None = None, force: bool = False) -> ImportResult:
    """Check every figure of FILE and write them in one transaction (or nothing, on any problem).

    ``goal`` and ``scope`` stand in for a missing goal or scope column (the scope by code or name;
    default the nation); ``encoding`` names a CSV file's encoding (default: UTF-8, or Windows-1252
    when the file is not UTF-8); ``sheet`` names an xlsx sheet (default the first); ``force`` lets
    figures far out of line with their neighbours through (see goaltrack.domain.plausible).
    """
    from goaltrack.storage import store

    path = Path(path)
    if path.is_dir():
        raise GoaltrackError(f"cannot read {path}: it is a folder")
    active = store.list_goals(engine)  # archived goals take no new figures
    keys = goal_names(active)  # the names a file may give a goal (SET/ID, a bare ID) → its key
    units = {g.id: g.unit for g in active}
    goals = GoalNames({name: units[key] for name, key in keys.items()})
    goals.ambiguous = keys.ambiguous
    renamed = {name: key for name, key in keys.items() if name != key}
    if goal is not None:
        goal = store.resolve_goal(active, goal).full_name if goal not in goals else goal
    names = store.scope_names(engine)
    homes = {s.id: s.scope or NATION for s in store.list_sets(engine)}
    home = {g.id: homes.get(g.set_id, NATION) for g in active}
    # A row without a scope is in --scope, or else in its goal set's own scope (the nation by default).
    fixed = names.resolve(scope) if scope is not None else None
    default_scopes = {name: fixed or home[key] for name, key in keys.items()}
    result = ImportResult(dry_run=dry_run)
    checker = _Checker(goals, names, goal, default_scopes)
    source = _Source(path, checker, result, goal, default_scopes, encoding, sheet, goals, names)
    baselines = {g.id: (g.baseline_year, g.baseline_value) for g in active
                 if g.baseline_year is not None and g.baseline_value is not None}
    total = path.stat().st_size if path.is_file() else 0
    # SQLite's per-row foreign-key lookups cost a sixth of a large import; the keys are checked here
    # instead, under the same write lock (a catalogue sync meanwhile may have removed a goal or scope).
    try:
        with db.writing(engine, check_keys=False) as conn:
            if not set(units) <= set(store.active_goal_ids(conn)) or \
                    not set(names.codes.values()) <= set(store.scope_codes(conn)):
                raise GoaltrackError("the catalogue changed while the file was being read; run the import again")
            writer = _Writer(conn, checker, result, replace, dry_run)
            for block in source.blocks():
                if renamed and not renamed.keys().isdisjoint(set(block.goal)):  # names in the file → keys
                    block.goal = [renamed.get(name, name) for name in block.goal]
                writer.take(block)
                if progress:
                    progress("importing", min(source.bytes_done, total), total)
            if progress:  # read to the end (characters were counted, and a character can take several bytes)
                progress("importing", total, total)
            result.withheld += checker.withheld
            if not checker.count and not force:
                writer.plausibility(baselines, {g: UNITS[u].whole for g, u in units.items()}, home)
            if checker.count:
                raise many_problems(checker.problems, str(path), total=checker.count)
            if result.rows == 0 and not result.withheld:
                raise GoaltrackError(f"{path} has a header but no rows")
            if result.rows == 0:
                cells = "its one cell is" if result.withheld == 1 else f"all {result.withheld:,} cells are"
                raise GoaltrackError(f"{path} has no figures: {cells} withheld or empty")
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass  # the transaction is rolled back: nothing written
    return result


class _DryRun(Exception):
    """Leaves the transaction of a dry run, rolling it back."""


class _Writer:
    """Sorts each block into new, changed, re-sourced, unchanged and history rows against what the
    database holds, and writes it, while no problem has been found."""

    def __init__(self, conn: Connection, checker: _Checker, result: ImportResult, replace: bool, dry_run: bool):
        from goaltrack.storage.models import utcnow

        self.conn, self.checker, self.result = conn, checker, result
        self.replace, self.dry_run = replace, dry_run
        self.now = utcnow()
        self.stamp = _sql_time(conn, self.now)
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.existing: dict[tuple[str, str, int], tuple[int, float, str | None]] = {}
        self.loaded: set[str] = set()
        self.stored_history: set[tuple] | None = None
        self.goal_number: dict[str, int] = {}
        self.scope_number: dict[str, int] = {}
        self.seen = None  # every current figure's key so far, sorted (numpy)
        self.first_line: dict[int, str] = {}  # only for keys met twice: where each stood first
        # every current figure of the file, compactly, for the plausibility check at the end
        self.keys: list = []  # numpy arrays, a block each
        self.values: list = []
        self.line_of: list = []  # where each stands (see _line_number)

    def _load(self, goals: Iterable[str]) -> None:
        from sqlalchemy import select

        from goaltrack.storage.models import Measurement

        wanted = sorted(set(goals) - self.loaded)
        if not wanted:
            return
        table = Measurement.__table__
        for id_, goal, scope, year, value, source in self.conn.execute(
                select(table.c.id, table.c.goal_id, table.c.scope, table.c.year, table.c.value, table.c.source)
                .where(table.c.goal_id.in_(wanted))):
            self.existing[(goal, scope, year)] = (id_, value, source)
        self.loaded.update(wanted)

    def _key(self, goal: str, scope: str, year: int) -> int:
        g = self.goal_number.setdefault(goal, len(self.goal_number))
        s = self.scope_number.setdefault(scope, len(self.scope_number))
        return (g * 1_000_000 + s) * 4096 + year

    def _keys(self, goal: list[str], scope: list[str], year: list[int]):
        """Each (goal, scope, year) as one integer, computed on whole columns (a set of a million
        tuples costs four times as much). A year is below 4096."""
        import numpy as np

        for g in set(goal):
            self.goal_number.setdefault(g, len(self.goal_number))
        for c in set(scope):
            self.scope_number.setdefault(c, len(self.scope_number))
        n = len(goal)
        g = np.fromiter(map(self.goal_number.__getitem__, goal), dtype=np.int64, count=n)
        c = np.fromiter(map(self.scope_number.__getitem__, scope), dtype=np.int64, count=n)
        y = np.fromiter(year, dtype=np.int64, count=n)
        return (g * 1_000_000 + c) * 4096 + y

    def take(self, f: Figures) -> None:
        if not len(f):
            return
        self.result.rows += len(f)
        self._load(set(f.goal))
        check = self.checker
        status = f.status or ["current"] * len(f)
        import numpy as np

        keys = self._keys(f.goal, f.scope, f.year)
        current = range(len(f)) if f.status is None else [i for i in range(len(f)) if status[i] == "current"]
        current_keys = keys if f.status is None else keys[np.array(current, dtype=np.int64)]
        if self._repeats(current_keys):  # a figure twice in the file
            self._duplicates(f, keys.tolist(), current)
            return
        new, changed, resourced = [], [], []
        existing = self.existing
        if not existing:
            new = list(current)
        else:
            for i in current:
                found = existing.get((f.goal[i], f.scope[i], f.year[i]))
                if found is None:
                    new.append(i)
                elif found[1] == f.value[i]:
                    if f.source[i] is not None and f.source[i] != found[2]:
                        resourced.append((i, found[0]))
                    else:
                        self.result.unchanged += 1
                elif not self.replace:
                    check.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]} is already recorded as "
                                           f"{format_plain(found[1])}, not {format_plain(f.value[i])} "
                                           "(use --replace to correct it; the old figure is kept)")
                elif f.source[i] is None:
                    check.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]}: a revised figure needs its "
                                           f"source ({format_plain(found[1])} → {format_plain(f.value[i])}); "
                                           "add a source column")
                else:
                    changed.append((i, found[0]))
        self.keys.append(current_keys)
        if f.status is None:
            self.values.append(np.array(f.value, dtype=np.float64))
            if isinstance(f.lines, _Lines):
                self.line_of.append(np.arange(f.lines.first, f.lines.first + f.lines.count, dtype=np.int64))
            else:
                self.line_of.append(np.fromiter(map(_line_number, f.lines), dtype=np.int64, count=len(f)))
        else:
            self.values.append(np.array([f.value[i] for i in current], dtype=np.float64))
            self.line_of.append(np.array([_line_number(f.lines[i]) for i in current], dtype=np.int64))
        history = self._history(f, status) if f.status is not None else []
        self.result.added += len(new)
        self.result.replaced += len(changed)
        self.result.resourced += len(resourced)
        self.result.history += len(history)
        if check.count or self.dry_run:
            return
        self._write(f, new, changed, resourced, history, status)

    def _repeats(self, keys) -> bool:
        """Whether a key stands twice in the block, or stood in an earlier one; remembers the block's.
        The keys seen are kept sorted: merging a sorted block in is linear (timsort)."""
        import numpy as np

        block = np.sort(keys)
        if len(block) > 1 and (block[1:] == block[:-1]).any():
            return True
        if self.seen is not None and len(self.seen):
            at = np.minimum(np.searchsorted(self.seen, block), len(self.seen) - 1)
            if (self.seen[at] == block).any():
                return True
            block = np.concatenate([self.seen, block])
            block.sort(kind="stable")
        self.seen = block
        return False

    def _duplicates(self, f: Figures, keys: list[int], current) -> None:
        """Name every figure that stands twice, with where it stood first."""
        first = {}
        earlier = None
        for i in current:
            k = keys[i]
            if k in first:
                where = first[k]
            else:
                if earlier is None:
                    import numpy as np

                    every = np.concatenate(self.keys) if self.keys else np.empty(0, dtype=np.int64)
                    lines = np.concatenate(self.line_of) if self.line_of else every
                    earlier = dict(zip(every.tolist(), lines.tolist(), strict=True))
                where = _line_text(earlier[k]) if k in earlier else None
                first[k] = f.lines[i]
                if where is None:
                    continue
            self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]} appears twice in the file "
                                          f"(first on {'line ' if where.isdigit() else ''}{where})")

    def _history(self, f: Figures, status: list[str]) -> list[int]:
        from sqlalchemy import select

        from goaltrack.storage.models import ReplacedMeasurement

        if self.stored_history is None:
            old = ReplacedMeasurement.__table__
            self.stored_history = {tuple(row) for row in self.conn.execute(
                select(old.c.goal_id, old.c.scope, old.c.year, old.c.value, old.c.recorded_at))}
        recorded = f.recorded_at or [None] * len(f)
        return [i for i in range(len(f)) if status[i] != "current" and
                (f.goal[i], f.scope[i], f.year[i], f.value[i], recorded[i]) not in self.stored_history]

    def _write(self, f: Figures, new: list[int], changed: list[tuple[int, int]], resourced: list[tuple[int, int]],
               history: list[int], status: list[str]) -> None:
        conn, mark, stamp = self.conn, self.mark, self.stamp
        recorded = f.recorded_at or [None] * len(f)

        def when(i: int) -> Any:
            return _param_time(conn, recorded[i] or self.now)

        def run(sql: str, rows: list[tuple]) -> None:
            for chunk in _chunks(rows, BATCH):
                conn.exec_driver_sql(sql, chunk)

        revised = changed + resourced
        if revised:
            ids = [current_id for _, current_id in revised]
            for chunk in _chunks(ids, 500):  # keep the old figures first: nothing is ever lost
                conn.exec_driver_sql(
                    "INSERT INTO replaced_measurement (goal_id, scope, year, value, source, note, recorded_at, "
                    f"replaced_at, deleted) SELECT goal_id, scope, year, value, source, note, recorded_at, {stamp}, "
                    f"{_false(conn)} FROM measurement WHERE id IN ({', '.join([mark] * len(chunk))})", tuple(chunk))
            run(f"UPDATE measurement SET value = {mark}, source = {mark}, note = {mark}, recorded_at = {mark} "
                f"WHERE id = {mark}",
                [(f.value[i], f.source[i], f.note[i], when(i), current_id) for i, current_id in revised])
            for i, current_id in revised:
                self.existing[(f.goal[i], f.scope[i], f.year[i])] = (current_id, f.value[i], f.source[i])
        if new and conn.dialect.name == "postgresql":
            _copy_new(conn, f, new, self.now)
        elif new:
            columns = "INSERT INTO measurement (goal_id, scope, year, value, source, note, recorded_at) VALUES "
            if f.recorded_at is not None:
                run(columns + f"({', '.join([mark] * 7)})",
                    [(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], when(i)) for i in new])
            else:  # the common case: one time for every row, written into the statement once
                sql = columns + f"({', '.join([mark] * 6)}, {stamp})"
                if len(new) == len(f) and conn.dialect.name == "sqlite":  # straight to the driver, no list
                    conn.connection.driver_connection.executemany(
                        sql, zip(f.goal, f.scope, f.year, f.value, f.source, f.note, strict=True))
                else:
                    rows = list(zip(f.goal, f.scope, f.year, f.value, f.source, f.note, strict=True))
                    if len(new) != len(rows):
                        rows = [rows[i] for i in new]
                    run(sql, rows)
        if history:
            run("INSERT INTO replaced_measurement (goal_id, scope, year, value, source, note, recorded_at, "
                f"replaced_at, deleted) VALUES ({', '.join([mark] * 9)})",
                [(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], when(i),
                  _param_time(conn, f.replaced_at[i]), status[i] == "deleted") for i in history])

    def plausibility(self, baselines: dict[str, tuple[int, float]], whole: dict[str, bool],
                     home: dict[str, str]) -> None:
        """Every figure of the file against its neighbours: the file's own figures and the database's
        (and, in a goal's own scope, the catalogue's baseline). See goaltrack.domain.plausible for the rule."""
        from goaltrack.domain import plausible

        if not self.keys:
            return
        import numpy as np

        goals = {n: g for g, n in self.goal_number.items()}
        scopes = {n: s for s, n in self.scope_number.items()}
        file_keys = np.concatenate(self.keys)
        file_values = np.concatenate(self.values)
        line_of = np.concatenate(self.line_of)
        extra_keys, extra_values = [], []
        in_file = set(file_keys.tolist()) if self.existing else set()
        for (goal, scope, year), (_, value, _) in self.existing.items():
            if goal in self.goal_number and scope in self.scope_number:
                key = self._key(goal, scope, year)
                if key not in in_file:
                    extra_keys.append(key)
                    extra_values.append(value)
        for goal, number in self.goal_number.items():
            own = self.scope_number.get(home.get(goal, NATION))
            if goal in baselines and own is not None:
                year, value = baselines[goal]
                key = (number * 1_000_000 + own) * 4096 + year
                if key not in in_file and (goal, home.get(goal, NATION), year) not in self.existing:
                    extra_keys.append(key)
                    extra_values.append(value)
        keys = np.concatenate([file_keys, np.array(extra_keys, dtype=np.int64)])
        values = np.concatenate([file_values, np.array(extra_values, dtype=np.float64)])
        from_file = np.concatenate([np.arange(len(file_keys)), np.full(len(extra_keys), -1)])
        order = np.argsort(keys, kind="stable")
        keys, values, from_file = keys[order], values[order], from_file[order]
        group = keys // 4096
        n = len(keys)
        # The least and the most of each figure's neighbours (two each side in its goal and scope), on
        # whole columns: only a figure 5 times its least or a fifth of its most neighbour can be out
        # of line with their median, and only those are judged one by one.
        least, most = np.full(n, np.inf), np.full(n, -np.inf)
        for shift in (1, 2):
            if shift >= n:
                break
            same = group[shift:] == group[:-shift]
            ahead, behind = values[shift:], values[:-shift]
            least[:-shift] = np.where(same, np.minimum(least[:-shift], ahead), least[:-shift])
            most[:-shift] = np.where(same, np.maximum(most[:-shift], ahead), most[:-shift])
            least[shift:] = np.where(same, np.minimum(least[shift:], behind), least[shift:])
            most[shift:] = np.where(same, np.maximum(most[shift:], behind), most[shift:])
        whole_goal = np.array([whole[goals[i]] for i in range(len(goals))], dtype=bool)
        is_whole = whole_goal[keys // 4096 // 1_000_000]
        with np.errstate(all="ignore"):
            doubtful = (from_file >= 0) & np.isfinite(least) & (values >= 0) & ((most > 0) | (values > 0)) & \
                ((values >= plausible.RATIO * least) | (plausible.RATIO * values <= most)) & \
                ~(is_whole & (np.maximum(np.abs(values - least), np.abs(values - most)) <= plausible.COUNT_SLACK))
        for position in np.flatnonzero(doubtful):
            key = int(keys[position])
            goal = goals[key // 4096 // 1_000_000]
            scope = scopes[key // 4096 % 1_000_000]
            year = key % 4096
            lo, hi = np.searchsorted(group, group[position], "left"), np.searchsorted(group, group[position], "right")
            figures = [(int(k % 4096), float(v)) for k, v in zip(keys[lo:hi], values[lo:hi], strict=True)]
            why = plausible.check(float(values[position]), year, figures, whole[goal])
            if why:
                self.checker.fail(_line_text(int(line_of[from_file[position]])), f"{goal} {scope} {year}: {why}")


def _false(conn: Connection) -> str:
    return "0" if conn.dialect.name == "sqlite" else "FALSE"


def _copy_new(conn: Connection, f: Figures, new: list[int], now: datetime.datetime) -> None:
    """New figures into PostgreSQL by COPY, in the same transaction: several times faster than INSERTs."""
    recorded = f.recorded_at or [None] * len(f)
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy("COPY measurement (goal_id, scope, year, value, source, note, recorded_at) FROM STDIN") as copy:
        for i in new:
            copy.write_row((f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], recorded[i] or now))


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sql_time(conn: Connection, moment: datetime.datetime) -> str:
    """A timestamp literal, in the form SQLAlchemy itself stores on this backend."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return f"'{text}'" if conn.dialect.name == "sqlite" else f"TIMESTAMP '{text}'"


def _param_time(conn: Connection, moment: datetime.datetime) -> Any:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else moment
