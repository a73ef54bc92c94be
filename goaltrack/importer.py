"""Bulk import of figures from CSV or JSON: every row checked first, then all written in one transaction.

CSV has a header with ``goal,year,value`` and optionally ``scope,source,note`` (and the
``status,recorded_at,replaced_at`` columns that ``goaltrack export --history`` writes). It may be
separated by commas or semicolons; with semicolons a Danish decimal comma is fine (``5,7``). JSON is
a list of objects with the same keys. One bad row means nothing is written.

Speed matters here (a million rows should take a few times what sqlite3's own ``.import`` takes), so
rows are plain tuples, checked in one tight loop, and written with the driver's ``executemany`` in
large batches, not as ORM objects.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltrack import db
from goaltrack.catalogue import NATION
from goaltrack.errors import GoaltrackError, Problem, many_problems
from goaltrack.sanitise import restore_cell
from goaltrack.units import MAX_MAGNITUDE, UNITS, format_plain, parse_value, quoted

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

REQUIRED = ("goal", "year", "value")
OPTIONAL = ("scope", "source", "note", "status", "recorded_at", "replaced_at")
BATCH = 50_000
MAX_PROBLEMS = 1_000  # stop collecting after this many: the user sees 20 and the count
_PLAIN_NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")  # ASCII digits: float() takes ６４３１ too

Progress = Callable[[str, int, int], None]  # (phase, done, total)


@dataclass
class Figure:
    """One row to import. ``replaced_at`` is set for a replaced figure from an export with history."""

    line: str  # "12" for CSV lines, "record 3" for JSON
    goal: str
    scope: str
    year: int
    value: float
    source: str | None
    note: str | None
    recorded_at: datetime.datetime | None = None
    replaced_at: datetime.datetime | None = None


@dataclass
class Figures:
    """The rows of a file, column by column (fast to check and to hand to executemany)."""

    goal: list[str]
    scope: list[str]
    year: list[int]
    value: list[float]
    source: list[str | None]
    note: list[str | None]
    recorded_at: list[datetime.datetime | None] | None = None  # only from an export with history
    replaced_at: list[datetime.datetime | None] | None = None
    lines: list[str] | None = None  # where each row stands; worked out only when a message needs it

    def __len__(self) -> int:
        return len(self.goal)

    @classmethod
    def from_rows(cls, rows: Sequence[Figure]) -> Figures:
        history = any(f.recorded_at is not None or f.replaced_at is not None for f in rows)
        return cls([f.goal for f in rows], [f.scope for f in rows], [f.year for f in rows],
                   [f.value for f in rows], [f.source for f in rows], [f.note for f in rows],
                   [f.recorded_at for f in rows] if history else None,
                   [f.replaced_at for f in rows] if history else None,
                   [f.line for f in rows])


@dataclass
class ImportResult:
    rows: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    history: int = 0  # replaced figures restored from an export with history
    dry_run: bool = False
    problems: list[Problem] = field(default_factory=list)


# --- reading --------------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise GoaltrackError(f"{path} is not UTF-8 text (byte {exc.start} cannot be read); "
                             "save it as CSV (UTF-8) or JSON") from None
    if not text.strip():
        raise GoaltrackError(f"{path} is empty")
    if "\x00" in text:
        raise GoaltrackError(f"{path} holds binary data, not CSV or JSON text")
    return text


def is_json(path: Path, text: str) -> bool:
    return path.suffix.lower() == ".json" or text.lstrip()[:1] in ("[", "{")


class _Checker:
    """Checks rows against the goals and scopes, collecting problems with their line."""

    def __init__(self, goals: dict[str, str], scopes: set[str], decimal_comma: bool):
        self.goals = goals  # id -> unit
        self.limits = {g: UNITS[u] for g, u in goals.items()}
        self.scopes = scopes
        self.decimal_comma = decimal_comma
        self.this_year = datetime.date.today().year
        self.problems: list[Problem] = []
        self.first_line: dict[tuple[str, str, int], str] = {}

    def fail(self, line: str, message: str) -> None:
        """A problem on a CSV line (a number) or a JSON record ("record 3")."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(Problem(message, int(line)) if line.isdigit() else Problem(f"{line}: {message}"))

    def figure(self, line: str, goal: Any, scope: Any, year: Any, value: Any, source: Any, note: Any,
               status: Any = None, recorded_at: Any = None, replaced_at: Any = None) -> Figure | None:
        bad = len(self.problems)
        goal = goal.strip() if isinstance(goal, str) else goal
        if not goal:
            self.fail(line, "the goal is missing")
        elif goal not in self.goals:
            self.fail(line, f"unknown goal {goal!r}")
        scope = (scope.strip() if isinstance(scope, str) else str(scope) if isinstance(scope, int) else scope) or NATION
        if scope not in self.scopes:
            self.fail(line, f"unknown scope {scope!r}")
        year = self._year(line, year)
        value = self._value(line, value, goal)
        recorded = self._time(line, "recorded_at", recorded_at)
        replaced = self._time(line, "replaced_at", replaced_at)
        status = status.strip().lower() if isinstance(status, str) else status or ""
        if status not in ("", "current", "replaced"):
            self.fail(line, f"status must be 'current' or 'replaced', not {status!r}")
        elif status == "replaced" and replaced is None:
            self.fail(line, "a replaced figure needs its replaced_at")
        elif status == "current" and replaced is not None:
            self.fail(line, "a current figure has no replaced_at")
        if len(self.problems) > bad or year is None or value is None:
            return None
        if replaced is None:
            key = (goal, scope, year)
            first = self.first_line.setdefault(key, line)
            if first != line:
                self.fail(line, f"{goal} {scope} {year} appears twice in the file (first on line {first})")
                return None
        return Figure(line, goal, scope, year, value, _text(source), _text(note), recorded, replaced)

    def _year(self, line: str, year: Any) -> int | None:
        if isinstance(year, str):
            text = year.strip()
            year = int(text) if text.isascii() and text.isdigit() and len(text) <= 9 else text
        if isinstance(year, bool) or not isinstance(year, int):
            self.fail(line, f"year {quoted(year) if isinstance(year, str) else repr(year)} is not a whole year")
            return None
        if not 1900 <= year <= self.this_year:
            self.fail(line, f"year {year} is outside 1900..{self.this_year}")
            return None
        return year

    def _value(self, line: str, value: Any, goal: Any) -> float | None:
        if isinstance(value, str):
            text = value.strip()
            if _PLAIN_NUMBER.fullmatch(text):
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
            number = float(value)
            if not math.isfinite(number):
                self.fail(line, f"value {value} is not a finite number")
                return None
        else:
            self.fail(line, f"value {value!r} is not a number")
            return None
        unit = self.limits.get(goal)
        if unit is not None:
            why = unit.check(number)
            if why:
                self.fail(line, f"{goal}: {why}")
                return None
        return number

    def _time(self, line: str, name: str, value: Any) -> datetime.datetime | None:
        if value is None or value == "":
            return None
        try:
            moment = datetime.datetime.fromisoformat(str(value).strip().removesuffix("Z"))
        except ValueError:
            self.fail(line, f"{name} {value!r} is not a date and time (2026-01-31T12:00:00Z)")
            return None
        return moment.replace(tzinfo=None)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _csv_figures(text: str, checker: _Checker, progress: Progress | None) -> Iterator[Figure]:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    checker.decimal_comma = delimiter == ";"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as exc:
        raise GoaltrackError(f"line 1: not a CSV header ({exc})") from None
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        parts = []
        if missing:
            parts.append(f"lacks the column(s) {', '.join(missing)}")
        if unknown:
            parts.append(f"has unknown column(s) {', '.join(repr(u) for u in unknown)}")
        if len(set(header)) != len(header):
            parts.append("names a column twice")
        raise GoaltrackError(f"line 1: the header {' and '.join(parts)} (expected goal,year,value and "
                             f"optionally {','.join(OPTIONAL[:3])})")
    index = {name: header.index(name) for name in header}
    width = len(header)
    total = text.count("\n") + 1
    columns = [index.get(name) for name in ("goal", "scope", "year", "value", "source", "note", "status",
                                            "recorded_at", "replaced_at")]
    history = any(index.get(name) is not None for name in ("status", "recorded_at", "replaced_at"))
    try:
        for fields in reader:
            line = reader.line_num
            if progress and line % BATCH == 0:
                progress("checking", line, total)
            if len(fields) != width:
                if not fields or fields == [""] * len(fields):
                    continue  # an empty line
                checker.fail(str(line), f"expected {width} fields, found {len(fields)}")
                continue
            values = [fields[i] if i is not None else None for i in columns]
            values[4:6] = [None if text is None else restore_cell(text.strip()) for text in values[4:6]]
            if not history:
                values = values[:6]
            figure = checker.figure(str(line), *values)
            if figure is not None:
                yield figure
    except csv.Error as exc:
        checker.fail(str(reader.line_num), f"malformed CSV: {exc}")


def _json_figures(text: str, checker: _Checker) -> Iterator[Figure]:
    try:
        data = json.loads(text, parse_constant=lambda name: float("nan"))
    except json.JSONDecodeError as exc:
        raise GoaltrackError(f"line {exc.lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(data, list):
        raise GoaltrackError("JSON must be a list of records like {\"goal\": …, \"year\": …, \"value\": …}")
    allowed = set(REQUIRED + OPTIONAL)
    for number, record in enumerate(data, start=1):
        where = f"record {number}"
        if not isinstance(record, dict):
            checker.fail(where, "is not an object")
            continue
        missing = [k for k in REQUIRED if k not in record]
        unknown = [k for k in record if k not in allowed]
        if missing or unknown:
            checker.fail(where, ("lacks " + ", ".join(missing) if missing else "")
                         + ("; " if missing and unknown else "")
                         + ("has unknown key(s) " + ", ".join(unknown) if unknown else ""))
            continue
        figure = checker.figure(where, record["goal"], record.get("scope"), record["year"], record["value"],
                                record.get("source"), record.get("note"), record.get("status"),
                                record.get("recorded_at"), record.get("replaced_at"))
        if figure is not None:
            yield figure


def read_figures(path: Path, goals: dict[str, str], scopes: set[str],
                 progress: Progress | None = None) -> Figures:
    """Every row of the file, checked; raise one error listing every problem (with its line).

    A plain CSV file is first checked column by column, which is several times faster than row by
    row; any doubt, and the rows are checked one by one, for messages that name their line.
    """
    text = read_text(path)
    json_file = is_json(path, text)
    if not json_file:
        fast = _fast_csv(text, goals, scopes)
        if fast is not None:
            return fast
    checker = _Checker(goals, scopes, decimal_comma=False)
    try:
        rows = list(_json_figures(text, checker) if json_file else _csv_figures(text, checker, progress))
    except GoaltrackError as error:
        raise GoaltrackError(f"{path}: {error.message}") from None
    if checker.problems:
        raise many_problems(checker.problems, str(path))
    if not rows:
        raise GoaltrackError(f"{path} has a header but no rows")
    return Figures.from_rows(rows)


def row_lines(path: Path, goals: dict[str, str], scopes: set[str]) -> list[str]:
    """Where each row of a file that passed its checks stands (CSV lines, JSON records)."""
    text = read_text(path)
    checker = _Checker(goals, scopes, decimal_comma=False)
    rows = _json_figures(text, checker) if is_json(path, text) else _csv_figures(text, checker, None)
    return [f.line for f in rows]


_NUMBER_CHARS = frozenset("0123456789.-\n")


def _split_plain(text: str, delimiter: str) -> tuple[list[str], list[list[str]]] | None:
    """Header and columns of a CSV file without quotes, split in C rather than row by row."""
    lines = text.replace("\r\n", "\n").rstrip("\n").split("\n")
    header = lines[0].split(delimiter)
    width = len(header)
    body = lines[1:]
    if not body or set(map(str.count, body, [delimiter] * len(body))) != {width - 1}:
        return None  # a line with too many or too few fields (or an empty one): the careful path says which
    flat = delimiter.join(body).split(delimiter)
    return header, [flat[k::width] for k in range(width)]


def _split_quoted(text: str, delimiter: str) -> tuple[list[str], list[list[str]]] | None:
    from operator import itemgetter

    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    if len(rows) < 2 or len(set(map(len, rows))) != 1:
        return None
    return rows[0], [list(map(itemgetter(k), rows[1:])) for k in range(len(rows[0]))]


def _has_duplicates(goal: list[str], scope: list[str], year: list[int]) -> bool:
    """Whether a (goal, scope, year) stands twice: each key as one integer, built with C-level maps
    (a set of a million tuples costs four times as much)."""
    from operator import add, mul

    goal_number = {g: i for i, g in enumerate(set(goal))}
    scope_number = {c: i for i, c in enumerate(set(scope))}
    rows = len(goal)
    pairs = map(add, map(mul, map(goal_number.__getitem__, goal), [len(scope_number)] * rows),
                map(scope_number.__getitem__, scope))
    keys = set(map(add, map(mul, pairs, [4096] * rows), year))  # a year is below 4096
    return len(keys) != rows


def _fast_csv(text: str, goals: dict[str, str], scopes: set[str]) -> Figures | None:
    """All the checks of the row-by-row path, on whole columns; None when any might fail, so that the
    row-by-row path finds and names the problem."""
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    split = _split_quoted(text, delimiter) if '"' in text else _split_plain(text, delimiter)
    if split is None:
        return None
    header, columns = split
    header = [name.strip().lower() for name in header]
    if (any(name not in REQUIRED + OPTIONAL[:3] for name in header) or len(set(header)) != len(header)
            or any(name not in header for name in REQUIRED)):
        return None
    named = dict(zip(header, columns, strict=True))
    goal, year_text, value_text = named["goal"], named["year"], named["value"]
    rows = len(goal)
    scope = named.get("scope") or [NATION] * rows
    if "" in set(scope):
        scope = [code or NATION for code in scope]
    if not set(goal) <= goals.keys() or not set(scope) <= scopes:
        return None  # also catches stray spaces: the careful path strips them
    years = "\n".join(year_text)
    if not (years.isascii() and all(map(str.isdigit, year_text))) or max(map(len, year_text)) > 4:
        return None
    year = list(map(int, year_text))
    if min(year) < 1900 or max(year) > datetime.date.today().year:
        return None
    values = "\n" + "\n".join(value_text) + "\n"
    if not set(values) <= _NUMBER_CHARS or "\n\n" in values or ".\n" in values or "\n." in values \
            or "-." in values or ".-" in values:
        return None  # decimal commas, spaces, NaN, "5.", empty values: the careful path reads those
    try:
        value = list(map(float, value_text))  # refuses "1-2", "1.2.3", "--1"
    except ValueError:
        return None
    if max(map(abs, value)) >= MAX_MAGNITUDE:
        return None  # a figure too large for any unit: the careful path names it
    units = {goals[g] for g in set(goal)}
    for unit_name in units:
        unit = UNITS[unit_name]
        chosen = value if len(units) == 1 else [v for g, v in zip(goal, value, strict=True) if goals[g] == unit_name]
        if unit.minimum is not None and min(chosen) < unit.minimum:
            return None
        if unit.maximum is not None and max(chosen) > unit.maximum:
            return None
        if unit.whole and not all(map(float.is_integer, chosen)):
            return None
    if _has_duplicates(goal, scope, year):
        return None  # a figure twice in the file
    source, note = named.get("source"), named.get("note")
    source = [restore_cell(text.strip()) or None for text in source] if source else [None] * rows
    note = [restore_cell(text.strip()) or None for text in note] if note else [None] * rows
    return Figures(goal, scope, year, value, source, note)


# --- writing --------------------------------------------------------------------------------------


def goal_names(goals) -> dict[str, str]:
    """Every name a file may give a goal → its id: SET/ID always, and a bare ID that only one set has
    (a bare ID that several sets have is no name at all: the file must say SET/ID)."""
    names = {g.full_name: g.id for g in goals}
    counts: dict[str, int] = {}
    for goal in goals:
        counts[goal.code] = counts.get(goal.code, 0) + 1
    names.update({g.code: g.id for g in goals if counts[g.code] == 1})
    return names


def import_file(engine: Engine, path: str | Path, replace: bool = False, dry_run: bool = False,
                progress: Progress | None = None) -> ImportResult:
    """Check every row of FILE, then write them all in one transaction (or nothing, on any problem)."""
    from goaltrack import store

    path = Path(path)
    active = store.list_goals(engine)  # archived goals take no new figures
    keys = goal_names(active)
    units = {g.id: g.unit for g in active}
    goals = {name: units[key] for name, key in keys.items()}
    scopes = {s.code for s in store.list_scopes(engine)}
    figures = read_figures(path, goals, scopes, progress)
    renamed = {name: key for name, key in keys.items() if name != key}
    if renamed:  # the names in the file → the goals' ids (SET/ID of the shipped set is its bare id)
        figures.goal = [renamed.get(name, name) for name in figures.goal]
    result = ImportResult(rows=len(figures), dry_run=dry_run)
    # SQLite's per-row foreign-key lookups cost a sixth of a large import; the keys are checked here
    # instead, under the same write lock (a catalogue sync meanwhile may have removed a goal or scope).
    with db.writing(engine, check_keys=False) as conn:
        if not set(figures.goal) <= set(store.active_goal_ids(conn)) or \
                not set(figures.scope) <= set(store.scope_codes(conn)):
            raise GoaltrackError("the catalogue changed while the file was being checked; run the import again")
        plan = _plan(conn, figures, replace, result)
        if plan.conflicts:
            lines = figures.lines or row_lines(path, goals, scopes)
            raise many_problems([_conflict(figures, i, lines[i], old) for i, old in plan.conflicts[:MAX_PROBLEMS]],
                                str(path))
        if not dry_run:
            _write(conn, figures, plan, progress)
    return result


@dataclass
class _Plan:
    new: list[int] = field(default_factory=list)  # row numbers (0-based) of figures not yet recorded
    changed: list[tuple[int, int]] = field(default_factory=list)  # row, id of the current figure it corrects
    history: list[int] = field(default_factory=list)  # replaced figures from an export, not yet stored
    conflicts: list[tuple[int, float]] = field(default_factory=list)  # row, the figure already recorded


def _conflict(figures: Figures, i: int, line: str, old: float) -> Problem:
    where = int(line) if line.isdigit() else None
    prefix = "" if where else f"{line}: "
    return Problem(f"{prefix}{figures.goal[i]} {figures.scope[i]} {figures.year[i]} is already recorded as "
                   f"{format_plain(old)}, not {format_plain(figures.value[i])} "
                   "(use --replace to correct it; the old figure is kept)", where)


def _plan(conn: Connection, figures: Figures, replace: bool, result: ImportResult) -> _Plan:
    """Sort the rows into new, changed, unchanged and history, against what the database holds."""
    from sqlalchemy import select

    from goaltrack.models import Measurement, ReplacedMeasurement

    plan = _Plan()
    goal_ids = sorted(set(figures.goal))
    table = Measurement.__table__
    existing = {
        (goal, scope, year): (id_, value)
        for id_, goal, scope, year, value in conn.execute(
            select(table.c.id, table.c.goal_id, table.c.scope, table.c.year, table.c.value)
            .where(table.c.goal_id.in_(goal_ids)))
    }
    replaced_at = figures.replaced_at or [None] * len(figures)
    current_rows = [i for i, moment in enumerate(replaced_at) if moment is None]
    if figures.replaced_at is not None:
        old = ReplacedMeasurement.__table__
        stored = {tuple(row) for row in conn.execute(
            select(old.c.goal_id, old.c.scope, old.c.year, old.c.value, old.c.recorded_at)
            .where(old.c.goal_id.in_(goal_ids)))}
        plan.history = [i for i, moment in enumerate(replaced_at) if moment is not None and (
            figures.goal[i], figures.scope[i], figures.year[i], figures.value[i], figures.recorded_at[i])
            not in stored]
    if not existing:
        plan.new = current_rows
    else:
        for i in current_rows:
            found = existing.get((figures.goal[i], figures.scope[i], figures.year[i]))
            if found is None:
                plan.new.append(i)
            elif found[1] == figures.value[i]:
                result.unchanged += 1
            elif replace:
                plan.changed.append((i, found[0]))
            else:
                plan.conflicts.append((i, found[1]))
    result.added, result.replaced, result.history = len(plan.new), len(plan.changed), len(plan.history)
    return plan


def _write(conn: Connection, figures: Figures, plan: _Plan, progress: Progress | None) -> None:
    from goaltrack.models import utcnow

    now = utcnow()
    stamp = _sql_time(conn, now)
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    total = len(plan.new) + len(plan.changed) + len(plan.history)
    done = 0
    f = figures
    recorded = f.recorded_at or [None] * len(f)

    def when(i: int) -> Any:
        return _param_time(conn, recorded[i] or now)

    def run(sql: str, rows: list[tuple]) -> None:
        nonlocal done
        for chunk in _chunks(rows, BATCH):
            conn.exec_driver_sql(sql, chunk)
            done += len(chunk)
            if progress:
                progress("writing", done, total)

    if plan.changed:
        ids = [current_id for _, current_id in plan.changed]
        for chunk in _chunks(ids, 500):  # keep the old figures first: nothing is ever lost
            conn.exec_driver_sql(
                "INSERT INTO replaced_measurement (goal_id, scope, year, value, source, note, recorded_at, "
                f"replaced_at) SELECT goal_id, scope, year, value, source, note, recorded_at, {stamp} "
                f"FROM measurement WHERE id IN ({', '.join([mark] * len(chunk))})", tuple(chunk))
        run(f"UPDATE measurement SET value = {mark}, source = {mark}, note = {mark}, recorded_at = {mark} "
            f"WHERE id = {mark}",
            [(f.value[i], f.source[i], f.note[i], when(i), current_id) for i, current_id in plan.changed])
    if plan.new and conn.dialect.name == "postgresql":
        _copy_new(conn, f, plan.new, now, progress, total)
        done += len(plan.new)
    elif plan.new:
        columns = "INSERT INTO measurement (goal_id, scope, year, value, source, note, recorded_at) VALUES "
        if f.recorded_at is not None:
            run(columns + f"({', '.join([mark] * 7)})",
                [(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], when(i)) for i in plan.new])
        else:  # the common case: one time for every row, written into the statement once
            rows = list(zip(f.goal, f.scope, f.year, f.value, f.source, f.note, strict=True))
            if len(plan.new) != len(rows):
                rows = [rows[i] for i in plan.new]
            run(columns + f"({', '.join([mark] * 6)}, {stamp})", rows)
    if plan.history:
        run("INSERT INTO replaced_measurement (goal_id, scope, year, value, source, note, recorded_at, "
            f"replaced_at) VALUES ({', '.join([mark] * 8)})",
            [(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], when(i),
              _param_time(conn, f.replaced_at[i])) for i in plan.history])


def _copy_new(conn: Connection, f: Figures, new: list[int], now: datetime.datetime, progress: Progress | None,
              total: int) -> None:
    """New figures into PostgreSQL by COPY, in the same transaction: several times faster than INSERTs."""
    recorded = f.recorded_at or [None] * len(f)
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy("COPY measurement (goal_id, scope, year, value, source, note, recorded_at) FROM STDIN") as copy:
        for n, i in enumerate(new, start=1):
            copy.write_row((f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], recorded[i] or now))
            if progress and n % BATCH == 0:
                progress("writing", n, total)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _sql_time(conn: Connection, moment: datetime.datetime) -> str:
    """A timestamp literal, in the form SQLAlchemy itself stores on this backend."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return f"'{text}'" if conn.dialect.name == "sqlite" else f"TIMESTAMP '{text}'"


def _param_time(conn: Connection, moment: datetime.datetime) -> Any:
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else moment
