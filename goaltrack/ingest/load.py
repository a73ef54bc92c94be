"""Loading a file's figures: against the catalogue and the database (repeats, revisions, plausibility), all or nothing.

Every row is checked, and all are written in one transaction, or nothing. The file is read in
blocks, each block checked and written inside the one transaction; after the first problem nothing
more is written, the rest is only checked, and the transaction is rolled back. The rows are written
by goaltrack.storage.writer (the driver's ``executemany``; COPY on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.catalogue import NATION
from goaltrack.storage.lookup import home_scope
from goaltrack.domain.units import UNITS, format_plain
from goaltrack.errors import GoaltrackError, many_problems
from goaltrack.ingest.blocks import FigureBlock, LineNumbers, line_number, line_text
from goaltrack.ingest.checks import RowChecker
from goaltrack.ingest.files import FigureFile
from goaltrack.storage import database as db

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

    from goaltrack.domain.scopes import ScopeNames

Progress = Callable[[str, int, int], None]  # (phase, done, total)


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


@dataclass
class _Known:
    """What a file's rows are checked against, as the database holds it before the write begins."""

    goals: GoalNames  # every name a file may give an active goal → its unit
    renamed: dict[str, str]  # a name that is not the goal's key → the key
    units: dict[str, str]  # goal key → unit
    names: ScopeNames
    home: dict[str, str]  # goal key → the scope its set is judged in
    default_scopes: dict[str, str]  # goal name → the scope of a row that names none
    baselines: dict[str, tuple[int, float]]  # goal key → the catalogue's (year, value)
    goal: str | None  # --goal, as a name the file may give


def _known(engine: Engine, goal: str | None, scope: str | None) -> _Known:
    from goaltrack.storage import store

    active = store.list_goals(engine)  # archived goals take no new figures
    keys = goal_names(active)  # the names a file may give a goal (SET/ID, a bare ID) → its key
    units = {g.id: g.unit for g in active}
    goals = GoalNames({name: units[key] for name, key in keys.items()})
    goals.ambiguous = keys.ambiguous
    if goal is not None:
        goal = store.resolve_goal(active, goal).full_name if goal not in goals else goal
    names = store.scope_names(engine)
    sets = {s.id: s for s in store.list_sets(engine)}
    home = {g.id: home_scope(sets.get(g.set_id)) for g in active}
    # A row without a scope is in --scope, or else in its goal set's own scope (the nation by default).
    fixed = names.resolve(scope) if scope is not None else None
    baselines = {g.id: (g.baseline_year, g.baseline_value) for g in active
                 if g.baseline_year is not None and g.baseline_value is not None}
    return _Known(goals, {name: key for name, key in keys.items() if name != key}, units, names, home,
                  {name: fixed or home[key] for name, key in keys.items()}, baselines, goal)


def import_file(engine: Engine, path: str | Path, replace: bool = False, dry_run: bool = False,
                progress: Progress | None = None, goal: str | None = None, scope: str | None = None,
                encoding: str | None = None, sheet: str | None = None, force: bool = False) -> ImportResult:
    """Check every figure of FILE and write them in one transaction (or nothing, on any problem).

    ``goal`` and ``scope`` stand in for a missing goal or scope column (the scope by code or name;
    default the nation); ``encoding`` names a CSV file's encoding (default: UTF-8, or Windows-1252
    when the file is not UTF-8); ``sheet`` names an xlsx sheet (default the first); ``force`` lets
    figures far out of line with their neighbours through (see goaltrack.domain.plausible).
    """
    path = Path(path)
    if path.is_dir():
        raise GoaltrackError(f"cannot read {path}: it is a folder")
    known = _known(engine, goal, scope)
    result = ImportResult(dry_run=dry_run)
    checker = RowChecker(known.goals, known.names, known.goal, known.default_scopes)
    file = FigureFile(path, checker, result, known.goal, known.default_scopes, encoding, sheet)
    total = path.stat().st_size if path.is_file() else 0
    # SQLite's per-row foreign-key lookups cost a sixth of a large import; the keys are checked here
    # instead, under the same write lock (a catalogue sync meanwhile may have removed a goal or scope).
    try:
        with db.writing(engine, check_keys=False) as conn:
            _check_unchanged(conn, known)
            loader = Loader(conn, checker, result, replace, dry_run)
            _take_blocks(file, loader, known.renamed, progress, total)
            result.withheld += checker.withheld
            if not checker.count and not force:
                loader.plausibility(known.baselines, {g: UNITS[u].whole for g, u in known.units.items()}, known.home)
            _refuse(path, checker, result)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass  # the transaction is rolled back: nothing written
    return result


def _check_unchanged(conn: Connection, known: _Known) -> None:
    from goaltrack.storage import store

    if not set(known.units) <= set(store.active_goal_ids(conn)) or \
            not set(known.names.codes.values()) <= set(store.scope_codes(conn)):
        raise GoaltrackError("the catalogue changed while the file was being read; run the import again")


def _take_blocks(file: FigureFile, loader: Loader, renamed: dict[str, str], progress: Progress | None,
                 total: int) -> None:
    for block in file.blocks():
        if renamed and not renamed.keys().isdisjoint(set(block.goal)):  # names in the file → keys
            block.goal = [renamed.get(name, name) for name in block.goal]
        loader.take(block)
        if progress:
            progress("importing", min(file.bytes_done, total), total)
    if progress:  # read to the end (characters were counted, and a character can take several bytes)
        progress("importing", total, total)


def _refuse(path: Path, checker: RowChecker, result: ImportResult) -> None:
    """The error of a file with problems, or without figures."""
    if checker.count:
        raise many_problems(checker.problems, str(path), total=checker.count)
    if result.rows == 0 and not result.withheld:
        raise GoaltrackError(f"{path} has a header but no rows")
    if result.rows == 0:
        cells = "its one cell is" if result.withheld == 1 else f"all {result.withheld:,} cells are"
        raise GoaltrackError(f"{path} has no figures: {cells} withheld or empty")


class _DryRun(Exception):
    """Leaves the transaction of a dry run, rolling it back."""


class Loader:
    """Sorts each block into new, changed, re-sourced, unchanged and history rows against what the
    database holds, and writes it, while no problem has been found; keeps every current figure of the
    file, compactly, for the plausibility check at the end."""

    def __init__(self, conn: Connection, checker: RowChecker, result: ImportResult, replace: bool, dry_run: bool):
        from goaltrack.storage.writer import FigureWriter

        self.conn, self.checker, self.result = conn, checker, result
        self.replace, self.dry_run = replace, dry_run
        self.writer = FigureWriter(conn)
        self.existing: dict[tuple[str, str, int], tuple[int, float, str | None]] = {}
        self.loaded: set[str] = set()
        self.stored_history: set[tuple] | None = None
        self.goal_number: dict[str, int] = {}
        self.scope_number: dict[str, int] = {}
        self.seen = None  # every current figure's key so far, sorted (numpy)
        # every current figure of the file, compactly, for the plausibility check at the end
        self.keys: list = []  # numpy arrays, a block each
        self.values: list = []
        self.line_of: list = []  # where each stands (see blocks.line_number)

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

    def take(self, f: FigureBlock) -> None:
        if not len(f):
            return
        self.result.rows += len(f)
        self._load(set(f.goal))
        status = f.status or ["current"] * len(f)
        import numpy as np

        keys = self._keys(f.goal, f.scope, f.year)
        current = range(len(f)) if f.status is None else [i for i in range(len(f)) if status[i] == "current"]
        current_keys = keys if f.status is None else keys[np.array(current, dtype=np.int64)]
        if self._repeats(current_keys):  # a figure twice in the file
            self._duplicates(f, keys.tolist(), current)
            return
        new, changed, resourced = self._sort(f, current)
        self._remember(f, current, current_keys)
        history = self._history(f, status) if f.status is not None else []
        self.result.added += len(new)
        self.result.replaced += len(changed)
        self.result.resourced += len(resourced)
        self.result.history += len(history)
        if self.checker.count or self.dry_run:
            return
        self._write(f, new, changed, resourced, history, status)

    def _sort(self, f: FigureBlock, current: Iterable[int]) -> tuple[list, list, list]:
        """The block's current figures against the database's: the new, the changed and the re-sourced
        (with the id of the figure each revises); the unchanged are counted, conflicts are problems."""
        new, changed, resourced = [], [], []
        existing = self.existing
        if not existing:
            return list(current), changed, resourced
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
                self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]} is already recorded as "
                                              f"{format_plain(found[1])}, not {format_plain(f.value[i])} "
                                              "(use --replace to correct it; the old figure is kept)")
            elif f.source[i] is None:
                self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]}: a revised figure needs its "
                                              f"source ({format_plain(found[1])} → {format_plain(f.value[i])}); "
                                              "add a source column")
            else:
                changed.append((i, found[0]))
        return new, changed, resourced

    def _remember(self, f: FigureBlock, current: Iterable[int], current_keys) -> None:
        """The block's current figures, for the plausibility check at the end."""
        import numpy as np

        self.keys.append(current_keys)
        if f.status is None:
            self.values.append(np.array(f.value, dtype=np.float64))
            if isinstance(f.lines, LineNumbers):
                self.line_of.append(np.arange(f.lines.first, f.lines.first + f.lines.count, dtype=np.int64))
            else:
                self.line_of.append(np.fromiter(map(line_number, f.lines), dtype=np.int64, count=len(f)))
        else:
            self.values.append(np.array([f.value[i] for i in current], dtype=np.float64))
            self.line_of.append(np.array([line_number(f.lines[i]) for i in current], dtype=np.int64))

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

    def _duplicates(self, f: FigureBlock, keys: list[int], current) -> None:
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
                where = line_text(earlier[k]) if k in earlier else None
                first[k] = f.lines[i]
                if where is None:
                    continue
            self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]} appears twice in the file "
                                          f"(first on {'line ' if where.isdigit() else ''}{where})")

    def _history(self, f: FigureBlock, status: list[str]) -> list[int]:
        """The block's replaced and deleted figures that the database's history does not hold yet."""
        from sqlalchemy import select

        from goaltrack.storage.models import ReplacedMeasurement

        if self.stored_history is None:
            old = ReplacedMeasurement.__table__
            self.stored_history = {tuple(row) for row in self.conn.execute(
                select(old.c.goal_id, old.c.scope, old.c.year, old.c.value, old.c.recorded_at))}
        recorded = f.recorded_at or [None] * len(f)
        return [i for i in range(len(f)) if status[i] != "current" and
                (f.goal[i], f.scope[i], f.year[i], f.value[i], recorded[i]) not in self.stored_history]

    def _write(self, f: FigureBlock, new: list[int], changed: list[tuple[int, int]],
               resourced: list[tuple[int, int]], history: list[int], status: list[str]) -> None:
        writer = self.writer
        recorded = f.recorded_at or [None] * len(f)
        revised = changed + resourced
        if revised:
            writer.keep([current_id for _, current_id in revised])  # the old figures first: nothing is lost
            writer.revise([(f.value[i], f.source[i], f.note[i], recorded[i], current_id)
                           for i, current_id in revised])
            for i, current_id in revised:
                self.existing[(f.goal[i], f.scope[i], f.year[i])] = (current_id, f.value[i], f.source[i])
        if new and f.recorded_at is not None:
            writer.add_recorded([(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i],
                                  recorded[i]) for i in new])
        elif new and len(new) == len(f):  # the common case: every row new, handed on as it is, no list
            writer.add(zip(f.goal, f.scope, f.year, f.value, f.source, f.note, strict=True))
        elif new:
            writer.add([(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i]) for i in new])
        if history:
            writer.add_history([(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], recorded[i],
                                 f.replaced_at[i], status[i] == "deleted") for i in history])

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
        line_of = np.concatenate(self.line_of)
        keys, values, from_file = self._neighbourhood(baselines, home)
        group = keys // 4096
        whole_goal = np.array([whole[goals[i]] for i in range(len(goals))], dtype=bool)
        for position in np.flatnonzero(_doubtful(keys, values, from_file, whole_goal)):
            key = int(keys[position])
            goal = goals[key // 4096 // 1_000_000]
            scope = scopes[key // 4096 % 1_000_000]
            year = key % 4096
            lo, hi = np.searchsorted(group, group[position], "left"), np.searchsorted(group, group[position], "right")
            figures = [(int(k % 4096), float(v)) for k, v in zip(keys[lo:hi], values[lo:hi], strict=True)]
            why = plausible.check(float(values[position]), year, figures, whole[goal])
            if why:
                self.checker.fail(line_text(int(line_of[from_file[position]])), f"{goal} {scope} {year}: {why}")

    def _neighbourhood(self, baselines: dict[str, tuple[int, float]], home: dict[str, str]):
        """The file's figures with the database's and the baselines in the same goals and scopes, sorted
        by key: (keys, values, each one's place among the file's figures, or -1)."""
        import numpy as np

        file_keys = np.concatenate(self.keys)
        file_values = np.concatenate(self.values)
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
        return keys[order], values[order], from_file[order]


def _doubtful(keys, values, from_file, whole_goal):
    """Which of the file's figures may be out of line, on whole columns: the least and the most of each
    figure's neighbours (two each side in its goal and scope); only a figure 5 times its least or a
    fifth of its most neighbour can be out of line with their median, and only those are judged one by one."""
    import numpy as np

    from goaltrack.domain import plausible

    group = keys // 4096
    n = len(keys)
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
    is_whole = whole_goal[keys // 4096 // 1_000_000]
    with np.errstate(all="ignore"):
        return (from_file >= 0) & np.isfinite(least) & (values >= 0) & ((most > 0) | (values > 0)) & \
            ((values >= plausible.RATIO * least) | (plausible.RATIO * values <= most)) & \
            ~(is_whole & (np.maximum(np.abs(values - least), np.abs(values - most)) <= plausible.COUNT_SLACK))
