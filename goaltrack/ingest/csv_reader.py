"""The CSV reader: a file's text blocks into figure blocks, a plain block checked column-wise, any other row by row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import TYPE_CHECKING

from goaltrack.domain.units import MAX_TEXT
from goaltrack.errors import GoaltrackError
from goaltrack.ingest.checks import fast_block
from goaltrack.ingest.decode import MAX_FIELD, reads_decimal_comma, sniff_delimiter
from goaltrack.ingest.shapes import TITLE_ROWS, TableRows, TableShape, find_shape

if TYPE_CHECKING:
    from goaltrack.ingest.blocks import FigureBlock
    from goaltrack.ingest.files import FigureFile

HEAD_CHARACTERS = 262144  # the header is looked for in this much of the first block


def csv_rows(text: str, delimiter: str, first_line: int, where: str) -> Iterator[tuple[int, list[str]]]:
    """The records of a block of CSV text, each with the line it starts on."""
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


def csv_blocks(file: FigureFile, first: str, blocks: Iterator[str]) -> Iterator[FigureBlock]:
    """The figures of a CSV file whose first text block is ``first`` and the rest ``blocks``."""
    delimiter = sniff_delimiter(first)
    file.checker.decimal_comma = reads_decimal_comma(delimiter)
    shape = _shape(file, first, delimiter)
    rows = TableRows(shape, file.checker, file.result)
    # The body begins after the header line: drop the lines down to it from the first block.
    position = 0
    for _ in range(shape.header_line):
        position = first.index("\n", position) + 1
    block, start = first[position:], shape.header_line + 1
    file.bytes_done += position
    while True:
        if block:
            file.bytes_done += len(block)  # before the block is handed on: progress is shown after it
            fast = fast_block(block, delimiter, shape, start, file.checker.goals, file.checker.names, file.goal,
                              file.scopes)
            if fast is not None and not rows.pending:
                yield fast
            else:
                yield rows.take(csv_rows(block, delimiter, start, str(file.path)))
            start += block.count("\n")
        block = next(blocks, None)
        if block is None:
            break
    rows.finish()


def _shape(file: FigureFile, first: str, delimiter: str) -> TableShape:
    """The table's shape, from the header among its first rows; the title rows above it are counted."""
    head = first[:HEAD_CHARACTERS].rsplit("\n", 1)[0] + "\n" if len(first) > HEAD_CHARACTERS else first
    head_rows = []
    for line, cells in csv_rows(head, delimiter, 1, str(file.path)):
        head_rows.append((line, cells))
        if len(head_rows) >= TITLE_ROWS:
            break
    shape = find_shape(head_rows, file.where, file.goal)
    file.result.layout = shape.kind
    file.result.skipped_lines += sum(1 for line, cells in head_rows
                                     if line < shape.header_line and any(c.strip() for c in cells))
    return shape
