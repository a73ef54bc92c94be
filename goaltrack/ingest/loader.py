"""Sorting a file's figures against the record (new, revised, re-released, unchanged, restored), writing them, and the plausibility check.

``Loader`` takes the checked blocks of one file inside one transaction (goaltrack.ingest.load opens it):
each block is compared with the newest entries of its keys, written by goaltrack.storage.writer while
no problem has been found, and remembered compactly for the plausibility check at the end.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from goaltrack.catalogue import NATION
from goaltrack.domain.flags import TENTATIVE
from goaltrack.domain.units import format_plain
from goaltrack.ingest.blocks import FigureBlock, LineNumbers, line_number, line_text

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from goaltrack.ingest.checks import RowChecker
    from goaltrack.ingest.load import ImportResult


class Newest(NamedTuple):
    """The newest entry of a key in the record."""

    id: int
    value: float
    source: str | None
    deleted: bool
    published: Any  # a date
    flag: str | None

    @property
    def day(self) -> str | None:
        return None if self.published is None else self.published.isoformat()


class Loader:
    """Sorts each block into new, changed, re-sourced, unchanged and history rows against what the
    database holds, and writes it, while no problem has been found; keeps every current figure of the
    file, compactly, for the plausibility check at the end."""

    def __init__(self, conn: Connection, checker: RowChecker, result: ImportResult, replace: bool, dry_run: bool):
        from goaltrack.storage.writer import FigureWriter

        self.conn, self.checker, self.result = conn, checker, result
        self.replace, self.dry_run = replace, dry_run
        self.writer = FigureWriter(conn)
        self.indicator_of: dict[str, str] = {}  # goal → its indicator, where they differ
        self.existing: dict[tuple[str, str, int], Newest] = {}
        self.loaded: set[str] = set()
        self.goal_number: dict[str, int] = {}
        self.scope_number: dict[str, int] = {}
        self.seen = None  # every current figure's key so far, sorted (numpy)
        # every current figure of the file, compactly, for the plausibility check at the end
        self.keys: list = []  # numpy arrays, a block each
        self.values: list = []
        self.line_of: list = []  # where each stands (see blocks.line_number)

    def _load(self, indicators: Iterable[str]) -> None:
        """The newest entry (a deletion, maybe) of every key of these indicators, as the record holds it."""
        from goaltrack.storage.queries import ENTRY, current_query

        wanted = sorted(set(indicators) - self.loaded)
        if not wanted:
            return
        query = current_query(wanted, with_deleted=True).add_columns(ENTRY.c.deleted, ENTRY.c.published)
        for indicator, scope, year, value, source, flag, id_, deleted, published in self.conn.execute(query):
            self.existing[(indicator, scope, year)] = Newest(id_, value, source, deleted, published, flag)
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
        if self.indicator_of:  # goals → the indicators whose figures they are
            f.goal = [self.indicator_of.get(g, g) for g in f.goal]
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
        if self.result.changes is not None:
            self._note_changes(f, new, changed)
        self._remember(f, current, current_keys)
        history = self._history(f, status) if f.status is not None else []
        self.result.added += len(new)
        self.result.replaced += len(changed)
        self.result.resourced += len(resourced)
        self.result.history += len(history)
        if self.checker.count or self.dry_run:
            return
        self._write(f, new, changed, resourced, history, status)

    def _note_changes(self, f: FigureBlock, new: list[tuple[int, int | None]], changed: list[tuple[int, int]]) -> None:
        """Keep each new and revised figure as (goal, scope, year, the figure before or None, the figure)."""
        for i, _ in sorted([*new, *changed]):
            found = self.existing.get((f.goal[i], f.scope[i], f.year[i]))
            before = None if found is None or found.deleted else found.value
            self.result.changes.append((f.goal[i], f.scope[i], f.year[i], before, f.value[i]))

    def _sort(self, f: FigureBlock, current: Iterable[int]) -> tuple[list, list, list]:
        """The block's current figures against the record's: the new, the changed and the re-released
        (the same figure with a new source or flag, a provisional one now final where the file says so,
        or known earlier than recorded), each with the id of
        the entry it follows; the unchanged are counted (also a figure published again later: its first
        publication is when it became known), conflicts are problems."""
        new, changed, resourced = [], [], []
        existing = self.existing
        if not existing:
            return _Fresh(current), changed, resourced
        published, flag = f.published, f.flag
        for i in current:
            found = existing.get((f.goal[i], f.scope[i], f.year[i]))
            if found is None or found.deleted:
                new.append((i, found and found.id))
            elif found.value == f.value[i]:
                if (f.source[i] is not None and f.source[i] != found.source) or \
                        (published is not None and published[i] is not None and _earlier(published[i], found.day)) or \
                        (flag is not None and flag[i] is not None and flag[i] != found.flag) or \
                        (f.flags_complete and found.flag in TENTATIVE and (flag[i] if flag else None) != found.flag):
                    resourced.append((i, found.id))
                    self._keep_flag(f, i, found)
                else:
                    self.result.unchanged += 1
            elif not self.replace:
                self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]} is already recorded as "
                                              f"{format_plain(found.value)}, not {format_plain(f.value[i])} "
                                              "(use --replace to correct it; the old figure is kept)")
            elif f.source[i] is None:
                self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]}: a revised figure needs its "
                                              f"source ({format_plain(found.value)} → {format_plain(f.value[i])}); "
                                              "add a source column")
            elif published is not None and published[i] is not None and found.day is not None and \
                    _earlier(published[i], found.day):
                self.checker.fail(f.lines[i], f"{f.goal[i]} {f.scope[i]} {f.year[i]}: {format_plain(f.value[i])} was "
                                              f"published {_day(published[i])}, before the recorded "
                                              f"{format_plain(found.value)} "
                                              f"({found.day}): an older release does not replace a newer one")
            else:
                changed.append((i, found.id))
        return new, changed, resourced

    @staticmethod
    def _keep_flag(f: FigureBlock, i: int, found: Newest) -> None:
        """A re-release that gives no flag keeps the figure's (a break in series stays one), but for a
        provisional or estimated flag where the file's flags are complete: then it is final now."""
        if found.flag is None or (f.flag is not None and f.flag[i] is not None) or \
                (f.flags_complete and found.flag in TENTATIVE):
            return
        if f.flag is None:
            f.flag = [None] * len(f)
        f.flag[i] = found.flag

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
        """The block's replaced and deleted entries to restore: those of keys the record held nothing
        for before this import. Where it holds a key already, its own entries stand (an entry restored
        after them would come out newest): the file's earlier entries for it are counted unchanged."""
        out = []
        for i in range(len(f)):
            if status[i] == "current":
                continue
            if (f.goal[i], f.scope[i], f.year[i]) in self.existing:
                self.result.unchanged += 1
            else:
                out.append(i)
        return out

    def _write(self, f: FigureBlock, new: list[tuple[int, int | None]], changed: list[tuple[int, int]],
               resourced: list[tuple[int, int]], history: list[int], status: list[str]) -> None:
        """Entries for the block: first its history (an export's replaced and deleted entries, in the
        file's order), then its current figures, each following the entry it replaces."""
        writer = self.writer
        published, flag = f.published, f.flag
        if history:
            writer.restore(self._restored(f, history, status))
        if f.recorded_at is None and len(new) == len(f) and published is None and flag is None and \
                (isinstance(new, _Fresh) or all(b is None for _, b in new)):
            # the common case: every row new, handed on as it is, no list
            if any(f.note):
                writer.add_plain(zip(f.goal, f.scope, f.year, f.value, f.source, f.note))
            else:  # no note in the block: one value fewer to bind a row
                writer.add_plain(zip(f.goal, f.scope, f.year, f.value, f.source), notes=False)
            return
        following = [*new, *changed, *resourced]
        if f.recorded_at is not None:  # an export's current figures keep their times
            writer.restore([(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i],
                             flag and flag[i], published and published[i], before, f.recorded_at[i], False)
                            for i, before in following])
        elif following:
            writer.add([(f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i],
                         flag and flag[i], published and published[i], before) for i, before in following])
        for i, _ in changed + resourced:
            key = (f.goal[i], f.scope[i], f.year[i])
            self.existing[key] = Newest(-1, f.value[i], f.source[i], False, None, None)

    def _restored(self, f: FigureBlock, history: list[int], status: list[str]) -> list[tuple]:
        """An export's replaced and deleted rows as entries. A deleted row of an export from before method
        v3 (it has a replaced_at) was the figure itself: it becomes the figure and its deletion."""
        recorded = f.recorded_at or [None] * len(f)
        published, flag = f.published, f.flag
        out = []
        for i in history:
            row = (f.goal[i], f.scope[i], f.year[i], f.value[i], f.source[i], f.note[i], flag and flag[i],
                   published and published[i], None)
            old_deleted = status[i] == "deleted" and f.replaced_at is not None and f.replaced_at[i] is not None
            out.append((*row, recorded[i], status[i] == "deleted" and not old_deleted))
            if old_deleted:
                out.append((*row[:5], None, None, None, None, f.replaced_at[i], True))
        return out

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

    def fractions(self, percent: set[str], baselines: dict[str, tuple[int, float]], home: dict[str, str]) -> None:
        """A percent goal's scope whose every figure in the file lies between 0 and 1 while the goal's other
        scopes (in the file, the database, the catalogue's baseline) lie at 2 or more: fractions (0.046),
        not percent (4.6).
        The rule along a series cannot see it where a scope's whole series is fractions."""
        import statistics

        import numpy as np

        if not self.keys or not percent:
            return
        goals = {n: g for g, n in self.goal_number.items()}
        scopes = {n: s for s, n in self.scope_number.items()}
        pairs, values = np.concatenate(self.keys) // 4096, np.concatenate(self.values)
        line_of = np.concatenate(self.line_of)
        order = np.argsort(pairs, kind="stable")
        starts = np.flatnonzero(np.r_[True, pairs[order][1:] != pairs[order][:-1]])
        seen: dict[str, dict[str, tuple[np.ndarray, int]]] = {}  # goal → scope → (its values, its first row)
        for start, end in zip(starts, [*starts[1:], len(order)], strict=True):
            pair = int(pairs[order[start]])
            goal = goals[pair // 1_000_000]
            if goal in percent:
                rows = order[start:end]
                seen.setdefault(goal, {})[scopes[pair % 1_000_000]] = (values[rows], int(rows.min()))
        held: dict[str, dict[str, list[float]]] = {}
        for (goal, scope, _), newest in self.existing.items():
            if goal in seen and not newest.deleted and newest.value is not None:
                held.setdefault(goal, {}).setdefault(scope, []).append(newest.value)
        for goal, by_scope in seen.items():
            for scope, (own, row) in sorted(by_scope.items(), key=lambda item: item[1][1]):  # in file order
                if not (own.max() < 1 and own.max() > 0):
                    continue
                others = [float(v) for s, (vs, _) in by_scope.items() if s != scope for v in vs]
                others += [v for s, vs in held.get(goal, {}).items() if s != scope for v in vs]
                if goal in baselines and home.get(goal, NATION) != scope:
                    others.append(baselines[goal][1])
                if others and statistics.median(others) >= 2:
                    self.checker.fail(line_text(int(line_of[row])), f"{goal} {scope}: every figure lies below 1 % "
                                      f"while the goal's other scopes lie at {statistics.median(others):.3g} %: "
                                      "fractions, not percent? (write 4.6 for 4.6 %; --force if they are right)")

    def _neighbourhood(self, baselines: dict[str, tuple[int, float]], home: dict[str, str]):
        """The file's figures with the database's and the baselines in the same goals and scopes, sorted
        by key: (keys, values, each one's place among the file's figures, or -1)."""
        import numpy as np

        file_keys = np.concatenate(self.keys)
        file_values = np.concatenate(self.values)
        extra_keys, extra_values = [], []
        in_file = set(file_keys.tolist()) if self.existing else set()
        for (goal, scope, year), newest in self.existing.items():
            value = newest.value
            if goal in self.goal_number and scope in self.scope_number and not newest.deleted:
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


class _Fresh:
    """The figures of a block when none is recorded yet: (i, None) for each, every one new and following
    no entry, without a list of a million pairs."""

    def __init__(self, current: Sequence[int]):
        self.current = current

    def __len__(self) -> int:
        return len(self.current)

    def __iter__(self) -> Iterator[tuple[int, None]]:
        return ((i, None) for i in self.current)


def _day(day: Any) -> str:
    """A publication date (a date or YYYY-MM-DD) as YYYY-MM-DD."""
    return day.isoformat() if hasattr(day, "isoformat") else str(day)


def _earlier(day: Any, recorded: str | None) -> bool:
    """Whether a figure's publication date ``day`` (a date or YYYY-MM-DD) comes before the recorded one."""
    return recorded is None or _day(day) < recorded


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
