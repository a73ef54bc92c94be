"""A file to import: where it is, what its rows are checked against, and the reader its format gets.

Formats: CSV (UTF-8 with or without a byte-order mark, or Windows-1252, detected or named with
``encoding``; separated by commas, semicolons or tabs; CRLF or LF), JSON (a list of flat records, or
a JSON-stat table, also under another suffix) and spreadsheets (``.xlsx``: the first sheet, or the one named).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltrack.errors import GoaltrackError
from goaltrack.ingest import csv_reader, json_reader, sheet_reader
from goaltrack.ingest.decode import MAX_WHOLE_BYTES, read_whole, text_blocks

if TYPE_CHECKING:
    from goaltrack.ingest.blocks import FigureBlock
    from goaltrack.ingest.checks import RowChecker
    from goaltrack.ingest.load import ImportResult

SHEET_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass
class FigureFile:
    """A file of figures, read block by block."""

    path: Path
    checker: RowChecker
    result: ImportResult
    goal: str | None  # the goal of a row that names none (--goal)
    scopes: dict[str, str]  # goal -> the scope of a row that names none
    encoding: str | None = None  # a CSV file's, when named
    sheet: str | None = None  # a spreadsheet's sheet, when named
    bytes_done: int = 0  # how far reading has come, for a progress bar
    parsed: Any = None  # a JSON-stat answer already read (goaltrack fetch), in place of the file's bytes
    table: str | None = None  # the StatBank table it answers, for the source
    force: bool = False  # a JSON-stat table whose stated unit is not the goal's goes in all the same

    @property
    def where(self) -> str:
        return f"{self.path}: "

    def blocks(self) -> Iterator[FigureBlock]:
        """The file's figures, a block at a time, by the reader its format needs."""
        if self.parsed is not None:
            yield from json_reader.jsonstat_blocks(self, self.parsed, self.table)
            return
        suffix = self.path.suffix.lower()
        if suffix in SHEET_SUFFIXES:
            yield from sheet_reader.sheet_blocks(self)
            return
        if suffix == ".json":
            yield from json_reader.json_blocks(self, read_whole(self.path))
            return
        blocks = text_blocks(self.path, self.encoding, self.result)
        first = next(blocks, None)
        if first is None or not first.strip():
            raise GoaltrackError(f"{self.path} is empty")
        if first.lstrip()[:1] in ("[", "{"):
            rest = "".join(blocks)  # JSON under another name: read whole, within its cap
            data = (first + rest).encode("utf-8")
            if len(data) > MAX_WHOLE_BYTES:
                raise GoaltrackError(f"{self.path} is larger than {MAX_WHOLE_BYTES:,} bytes of JSON")
            yield from json_reader.json_blocks(self, data)
            return
        yield from csv_reader.csv_blocks(self, first, blocks)
