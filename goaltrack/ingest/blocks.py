"""A block of figures read from a file, column by column, and where each of its rows stood."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

BATCH = 50_000  # a file read whole (JSON, a spreadsheet) is checked and written this many rows at a time


@dataclass
class FigureBlock:
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
    published: list[str | None] | None = None  # 'YYYY-MM-DD', where the file gives any
    flag: list[str | None] | None = None  # where the file gives any
    flags_complete: bool = False  # a row without a flag is final (JSON-stat: no star, no status), not unknown

    def __len__(self) -> int:
        return len(self.goal)


def block_of(rows: list[tuple], lines: list[str]) -> FigureBlock:
    """Checked rows (goal, scope, year, value, source, note, status, recorded_at, replaced_at, published,
    flag) as one block; the history columns only when a row is not a plain current figure, the date and
    flag only where a row has one."""
    history = any(r[6] != "current" or r[7] is not None for r in rows)
    columns = list(zip(*rows)) if rows else [()] * 11
    out = FigureBlock(list(columns[0]), list(columns[1]), list(columns[2]), list(columns[3]), list(columns[4]),
                      list(columns[5]), lines)
    if history:
        out.status, out.recorded_at, out.replaced_at = list(columns[6]), list(columns[7]), list(columns[8])
    if any(v is not None for v in columns[9]):
        out.published = list(columns[9])
    if any(v is not None for v in columns[10]):
        out.flag = list(columns[10])
    return out


class LineNumbers:
    """The line numbers of a block of plain CSV, as text, without a list of them."""

    def __init__(self, first: int, count: int):
        self.first, self.count = first, count

    def __getitem__(self, i: int) -> str:
        return str(self.first + i)

    def __len__(self) -> int:
        return self.count


CELL = 2**40  # a JSON-stat cell's number is kept below -CELL, a JSON record's above it


def line_number(line: str) -> int:
    """A CSV line as a positive number, a JSON record ("record 3") as a negative one, a JSON-stat cell
    ("OMRÅDE=101 Tid=2021 (cell 3)", "cell 3") as one below -CELL (compact, and reversible but for the
    cell's dimensions, which the message that names it gives)."""
    if line.isdigit():
        return int(line)
    number = int(line.rsplit(" ", 1)[-1].rstrip(")"))
    return -(CELL + number) if line.startswith("cell ") or line.endswith(")") else -number


def line_text(number: int) -> str:
    """Where a row stood, from its ``line_number``: "12", "record 3" or "cell 3"."""
    if number > 0:
        return str(number)
    return f"cell {-number - CELL}" if number <= -CELL else f"record {-number}"
