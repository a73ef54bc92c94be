"""Loading a file's figures: against the catalogue and the database (repeats, revisions, plausibility), all or nothing.

Every row is checked, and all are written in one transaction, or nothing. The file is read in
blocks, each block checked and written inside the one transaction; after the first problem nothing
more is written, the rest is only checked, and the transaction is rolled back. The rows are written
by goaltrack.storage.writer (the driver's ``executemany``; COPY on PostgreSQL).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltrack.catalogue import NATION
from goaltrack.domain.units import UNITS
from goaltrack.errors import GoaltrackError, many_problems
from goaltrack.ingest.blocks import FigureBlock
from goaltrack.ingest.checks import RowChecker
from goaltrack.ingest.files import FigureFile
from goaltrack.ingest import prefetch
from goaltrack.ingest.loader import Loader
from goaltrack.storage import database as db
from goaltrack.storage.lookup import home_scope

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
    sheet: str | None = None  # the spreadsheet sheet read
    dry_run: bool = False
    changes: list[tuple] | None = None  # where kept (fetch): (goal, scope, year, before or None, figure)
    updated: str | None = None  # a JSON-stat table's `updated` day (YYYY-MM-DD), where it gives one


class GoalNames(dict):
    """name → value, knowing the bare IDs that several sets share (``ambiguous``: ID → SET/IDs)."""

    ambiguous: dict[str, list[str]]


def goal_names(goals, set_id: str | None = None) -> GoalNames:
    """Every name a file may give a goal → its id: SET/ID always, and a bare ID: the shipped (default)
    set's goal of that ID, else the one set's that has it (a bare ID that several other sets have is
    no name at all: the file must say SET/ID). With ``set_id``, a bare ID is that set's goal first."""
    from goaltrack.storage.models import SHIPPED_SET

    names = GoalNames({g.full_name: g.id for g in goals})
    by_code: dict[str, list[str]] = {}
    for goal in goals:
        by_code.setdefault(goal.code, []).append(goal.full_name)
    names.update({g.code: g.id for g in goals if len(by_code[g.code]) == 1 or g.set_id == SHIPPED_SET})
    if set_id is not None:
        names.update({g.code: g.id for g in goals if g.set_id == set_id})
    names.ambiguous = {code: full for code, full in by_code.items() if len(full) > 1 and code not in names}
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
    indicators: dict[str, str] = dataclasses.field(default_factory=dict)  # goal key → its indicator
    populations: set[str] = dataclasses.field(default_factory=set)  # sets' population indicators, not goals

    def by_indicator(self, by_goal: dict) -> dict:
        """A mapping by goal key as one by indicator (the first goal of an indicator speaks for it)."""
        out: dict = {}
        for goal, value in by_goal.items():
            out.setdefault(self.indicators.get(goal, goal), value)
        return out


def _known(engine: Engine, goal: str | None, scope: str | None, set_id: str | None = None) -> _Known:
    from goaltrack.storage import store

    if set_id is not None:
        store.get_set(engine, set_id)  # an unknown set is an error naming the known ones
    active = store.list_goals(engine)  # archived goals take no new figures
    keys = goal_names(active, set_id)  # the names a file may give a goal (SET/ID, a bare ID) → its key
    units = {g.id: g.unit for g in active}
    sets = {s.id: s for s in store.list_sets(engine)}
    home = {g.id: home_scope(sets.get(g.set_id)) for g in active}
    # A set's population indicator (the inhabitants rates are computed from) takes figures by its own
    # name, in persons; a row without a scope is national.
    populations = {s.population for s in sets.values() if s.population} - {g.measures for g in active} - set(keys)
    for indicator in populations:
        keys[indicator], units[indicator], home[indicator] = indicator, "persons", NATION
    goals = GoalNames({name: units[key] for name, key in keys.items()})
    goals.ambiguous = keys.ambiguous
    if goal is not None:
        goal = store.resolve_goal(active, goal, set_id).full_name if goal not in goals else goal
    names = store.scope_names(engine)
    # A row without a scope is in --scope, or else in its goal set's own scope (the nation by default).
    fixed = names.resolve(scope) if scope is not None else None
    baselines = {g.id: (g.baseline_year, g.baseline_value) for g in active
                 if g.baseline_year is not None and g.baseline_value is not None}
    return _Known(goals, {name: key for name, key in keys.items() if name != key}, units, names, home,
                  {name: fixed or home[key] for name, key in keys.items()}, baselines, goal,
                  {g.id: g.measures for g in active}, populations)


@dataclass(frozen=True)
class Defaults:
    """What a file's rows carry where they give none (import --source, --note, --published)."""

    source: str | None = None
    note: str | None = None
    published: str | None = None  # YYYY-MM-DD

    @classmethod
    def checked(cls, source: str | None, note: str | None, published: str | None) -> Defaults:
        """The defaults as given, or the error that names the one that cannot be stored."""
        from goaltrack.domain.figure import NOTE_KEEPS, SOURCE_KEEPS
        from goaltrack.domain.flags import parse_date
        from goaltrack.domain.units import text_problem

        for option, text, keeps in (("--source", source, SOURCE_KEEPS), ("--note", note, NOTE_KEEPS)):
            why = text_problem(text, option, keeps) if text is not None else None
            if why:
                raise GoaltrackError(why)
        day, why = parse_date(published, "--published")
        if why:
            raise GoaltrackError(why)
        return cls(source or None, note or None, day.isoformat() if day else None)

    def apply(self, block: FigureBlock, checker: RowChecker) -> None:
        """Fill the block's missing sources, notes and dates; a date before a row's own year is a problem
        of that row."""
        from goaltrack.domain.flags import before_its_year

        if self.source:
            block.source = [s if s else self.source for s in block.source]
        if self.note:
            block.note = [n if n else self.note for n in block.note]
        if self.published:
            given = block.published or [None] * len(block)
            block.published = [p or self.published for p in given]
            for i, (day, year) in enumerate(zip(block.published, block.year, strict=True)):
                why = before_its_year(day, year) if given[i] is None else None
                if why:
                    checker.fail(block.lines[i], why)


def import_file(engine: Engine, path: str | Path, replace: bool = False, dry_run: bool = False,
                progress: Progress | None = None, goal: str | None = None, scope: str | None = None,
                encoding: str | None = None, sheet: str | None = None, force: bool = False,
                set_id: str | None = None, defaults: Defaults = Defaults()) -> ImportResult:
    """Check every figure of FILE and write them in one transaction (or nothing, on any problem).

    ``goal`` and ``scope`` stand in for a missing goal or scope column (the scope by code or name;
    default the nation); ``encoding`` names a CSV file's encoding (default: UTF-8, or Windows-1252
    when the file is not UTF-8); ``sheet`` names an xlsx sheet (default the first); ``force`` lets
    figures far out of line with their neighbours through (see goaltrack.domain.plausible);
    ``defaults``: the source, note and publication date of rows that give none.
    """
    path = Path(path)
    if path.is_dir():
        raise GoaltrackError(f"cannot read {path}: it is a folder")
    known = _known(engine, goal, scope, set_id)
    result = ImportResult(dry_run=dry_run)
    checker = RowChecker(known.goals, known.names, known.goal, known.default_scopes)
    file = FigureFile(path, checker, result, known.goal, known.default_scopes, encoding, sheet, force=force)
    total = path.stat().st_size if path.is_file() else 0
    # SQLite's per-row foreign-key lookups cost a sixth of a large import; the keys are checked here
    # instead, under the same write lock (a catalogue sync meanwhile may have removed a goal or scope).
    try:
        with db.writing(engine, check_keys=False) as conn:
            _check_unchanged(conn, known)
            _load_file(conn, file, known, replace, dry_run, force, progress, total, defaults)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass  # the transaction is rolled back: nothing written
    return result


def import_tables(engine: Engine, tables: list[tuple[str, str, Any]], dry_run: bool = False,
                  force: bool = False) -> list[ImportResult]:
    """Write the figures of several JSON-stat answers, each (goal, table, parsed JSON), in one
    transaction, or nothing (goaltrack fetch). A revised figure replaces the recorded one (kept as
    history), its source the table's; each result keeps the figures it adds or revises (``changes``).
    A dry run writes too, and rolls all of it back: a later table is compared with what an earlier one
    would have written (two goals of one indicator), as in the run that writes."""
    known = _known(engine, None, None)
    results = [ImportResult(dry_run=dry_run, changes=[]) for _ in tables]
    try:
        with db.writing(engine, check_keys=False) as conn:
            _check_unchanged(conn, known)
            for (goal, table, parsed), result in zip(tables, results, strict=True):
                checker = RowChecker(known.goals, known.names, goal, known.default_scopes)
                file = FigureFile(Path(f"StatBank table {table}"), checker, result, goal, known.default_scopes,
                                  parsed=parsed, table=table, force=force)
                _load_file(conn, file, known, replace=True, dry_run=False, force=force)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return results


def _load_file(conn: Connection, file: FigureFile, known: _Known, replace: bool, dry_run: bool, force: bool,
               progress: Progress | None = None, total: int = 0, defaults: Defaults = Defaults()) -> None:
    """Check and write one file's figures inside the open transaction; its problems are an error."""
    checker, result = file.checker, file.result
    loader = Loader(conn, checker, result, replace, dry_run)
    loader.indicator_of = {g: i for g, i in known.indicators.items() if g != i}
    _take_blocks(file, loader, known.renamed, progress, total, defaults)
    result.withheld += checker.withheld
    if not checker.count and not force:
        loader.plausibility(known.by_indicator(known.baselines),
                            known.by_indicator({g: UNITS[u].whole for g, u in known.units.items()}),
                            known.by_indicator(known.home))
        loader.fractions({known.indicators.get(g, g) for g, u in known.units.items() if u == "percent"},
                         known.by_indicator(known.baselines), known.by_indicator(known.home))
    _refuse(file.path, checker, result)


def _check_unchanged(conn: Connection, known: _Known) -> None:
    from goaltrack.storage import store

    if not set(known.units) - known.populations <= set(store.active_goal_ids(conn)) or \
            not set(known.names.codes.values()) <= set(store.scope_codes(conn)):
        raise GoaltrackError("the catalogue changed while the file was being read; run the import again")


def _take_blocks(file: FigureFile, loader: Loader, renamed: dict[str, str], progress: Progress | None,
                 total: int, defaults: Defaults) -> None:
    for block in prefetch.blocks(file):  # a large CSV file read ahead in a child
        if renamed and not renamed.keys().isdisjoint(set(block.goal)):  # names in the file → keys
            block.goal = [renamed.get(name, name) for name in block.goal]
        defaults.apply(block, loader.checker)
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
