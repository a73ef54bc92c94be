"""A spreadsheet looked at before any reader allocates: each part unpacked, a sheet's cells, its percent cells.

A workbook is a zip (xlsx, xlsm, ods): 1.6 kB can name a cell at XFD1048576, which a reader that
allocates the sheet's rectangle turns into 17 billion cells, and 1.5 MB can unpack to 1.5 GB of
shared strings. So the zip's directory is read first (no part may unpack to more than MAX_PART
bytes), then the sheet to be read is streamed once, a megabyte at a time, for the cells it declares
and the farthest cell it holds (no more than MAX_CELLS in the rectangle from A1). The same pass finds
the cells formatted as percent: the reader gives 0.046 for a cell that shows "4.6 %", which goaltrack
must store as 4.6. Standard library only.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from goaltrack.errors import GoaltrackError

MAX_PART = 200 * 1024 * 1024  # bytes a part of a workbook may unpack to
MAX_CELLS = 2_000_000  # cells in the rectangle from A1 to a sheet's farthest cell
_CHUNK = 1 << 20

_CELL_TAG = re.compile(rb"<c\b([^>]*)>")
_CELL_REF = re.compile(rb"\br=\"([A-Z]{1,4})([0-9]{1,9})\"")
_CELL_STYLE = re.compile(rb"\bs=\"([0-9]{1,6})\"")
_NUMBER_FORMAT = re.compile(rb"<numFmt\b[^>]*>")
_CELL_FORMATS = re.compile(rb"<cellXfs\b[^>]*>(.*?)</cellXfs>", re.S)
_FORMAT = re.compile(rb"<xf\b[^>]*>")
_QUOTED = re.compile(rb"&quot;.*?&quot;|\"[^\"]*\"|\\.")
PERCENT_FORMATS = {9, 10}  # Excel's built-in 0% and 0.00%
_ROW_REF = re.compile(rb"<row\b[^>]*?\br=\"([0-9]{1,9})\"")
_DIMENSION = re.compile(rb"<dimension\b[^>]*?\bref=\"(?:[A-Z]+[0-9]+:)?([A-Z]{1,4})([0-9]{1,9})\"")
_SHEET = re.compile(rb"<sheet\b[^>]*>")
_ATTRIBUTE = re.compile(rb"\b([\w:]+)=\"([^\"]*)\"")
_TARGET = re.compile(rb"<Relationship\b[^>]*?\bId=\"([^\"]*)\"[^>]*?\bTarget=\"([^\"]*)\"")
_TARGET_FIRST = re.compile(rb"<Relationship\b[^>]*?\bTarget=\"([^\"]*)\"[^>]*?\bId=\"([^\"]*)\"")
_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>")
_REPEAT = {b"table-row": re.compile(rb"number-rows-repeated=\"([0-9]{1,12})\""),
           b"cell": re.compile(rb"number-columns-repeated=\"([0-9]{1,12})\"")}
_ODS_NAME = re.compile(rb"table:name=\"([^\"]*)\"")


def check_workbook(path: Path, sheet: str | None) -> set[tuple[int, int]]:
    """Refuse, with one Error line, a workbook that would unpack or allocate beyond the bounds; ``sheet``
    is the sheet to be read (None: the first visible one). Returns the (row, column) of each cell shown
    as a percent, both from 1. Not a zip (.xls): nothing to check here."""
    percent: set[tuple[int, int]] = set()
    try:
        if not zipfile.is_zipfile(path):
            return percent
        with zipfile.ZipFile(path) as book:
            for info in book.infolist():
                if info.file_size > MAX_PART:
                    raise GoaltrackError(f"{path}: its part {info.filename[:60]!r} would unpack to "
                                         f"{info.file_size:,} bytes, more than goaltrack reads ({MAX_PART:,})")
            names = set(book.namelist())
            if "content.xml" in names:
                rows, columns = _ods_extent(book, sheet, percent)
            else:
                part = _xlsx_sheet_part(book, names, sheet)
                styles = _percent_styles(book.read("xl/styles.xml")) if "xl/styles.xml" in names else set()
                rows, columns = _xlsx_extent(book, part, styles, percent) if part else (0, 0)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        return set()  # the reader says what is wrong with it, in its own bounded process
    if rows * columns > MAX_CELLS:
        raise GoaltrackError(f"{path}: the sheet reaches row {rows:,} and column {columns:,} ({rows * columns:,} "
                             f"cells); goaltrack reads at most {MAX_CELLS:,}: copy the figures to a new sheet")
    return percent


def _percent_styles(styles: bytes) -> set[int]:
    """The cell formats (their index in <cellXfs>) that show a number as a percent: Excel's built-in
    0% and 0.00%, or a format of the workbook's own with a % outside quotes."""
    own = set()
    for tag in _NUMBER_FORMAT.findall(styles):
        attributes = dict(_ATTRIBUTE.findall(tag))
        if b"%" in _QUOTED.sub(b"", attributes.get(b"formatCode", b"")) and attributes.get(b"numFmtId", b"").isdigit():
            own.add(int(attributes[b"numFmtId"]))
    block = _CELL_FORMATS.search(styles)
    formats = [int(dict(_ATTRIBUTE.findall(tag)).get(b"numFmtId", b"0") or 0) for tag in
               (_FORMAT.findall(block[1]) if block else [])]
    return {i for i, number in enumerate(formats) if number in PERCENT_FORMATS | own}


def column_number(letters: bytes) -> int:
    """b'A' → 1, b'AZ' → 52, b'XFD' → 16384."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _chunks(part: IO[bytes]):
    """The part's text in pieces that end at a '>' (a tag is never cut), never more than MAX_PART in all."""
    carry, total = b"", 0
    while chunk := part.read(_CHUNK):
        total += len(chunk)
        if total > MAX_PART:  # a part whose directory entry understates it
            raise GoaltrackError(f"{getattr(part, 'name', 'a part')} unpacks to more than {MAX_PART:,} bytes")
        text = carry + chunk
        cut = text.rfind(b">") + 1
        carry = text[cut:] if cut else text
        if cut:
            yield text[:cut]
        if len(carry) > _CHUNK:  # no '>' in a megabyte: not a sheet goaltrack can read, and not a tag
            yield carry
            carry = b""
    if carry:
        yield carry


def _xlsx_sheet_part(book: zipfile.ZipFile, names: set[str], sheet: str | None) -> str | None:
    """The part of the sheet named (else the first): workbook.xml names it, its relationships place it."""
    try:
        workbook = book.read("xl/workbook.xml")
        rels = book.read("xl/_rels/workbook.xml.rels")
    except KeyError:
        return next((n for n in sorted(names) if n.startswith("xl/worksheets/")), None)
    targets = {rid: target for rid, target in _TARGET.findall(rels)}
    targets.update({rid: target for target, rid in _TARGET_FIRST.findall(rels)})
    for tag in _SHEET.findall(workbook):
        attributes = dict(_ATTRIBUTE.findall(tag))
        name = attributes.get(b"name", b"").decode("utf-8", "replace")
        hidden = attributes.get(b"state", b"visible") != b"visible"  # the reader skips it unless named
        if name == sheet or (sheet is None and not hidden):
            target = targets.get(attributes.get(b"r:id", b""), b"").decode("utf-8", "replace")
            part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            return part if part in names else None
    return None


def _xlsx_extent(book: zipfile.ZipFile, part: str, styles: set[int], percent: set[tuple[int, int]]) -> tuple[int, int]:
    """The rows and columns from A1 to the sheet's farthest cell, declared (<dimension>) or held; the
    cells whose style is one of ``styles`` (percent) go into ``percent``."""
    rows = columns = 0
    with book.open(part) as stream:
        for text in _chunks(stream):
            for letters, number in _DIMENSION.findall(text):
                columns, rows = max(columns, column_number(letters)), max(rows, int(number))
            for attributes in _CELL_TAG.findall(text):
                found = _CELL_REF.search(attributes)
                if found is None:
                    continue
                column, row = column_number(found[1]), int(found[2])
                columns, rows = max(columns, column), max(rows, row)
                style = _CELL_STYLE.search(attributes) if styles else None
                if style is not None and int(style[1]) in styles and len(percent) < MAX_CELLS:
                    percent.add((row, column))
            for number in _ROW_REF.findall(text):
                rows = max(rows, int(number))
    return rows, columns


def _ods_extent(book: zipfile.ZipFile, sheet: str | None, percent: set[tuple[int, int]]) -> tuple[int, int]:
    """The rows and columns from the first cell to the farthest one with content, counting repeats
    (an OpenDocument row or cell may stand for a million): of the sheet named, else the first; the
    cells of value-type percentage go into ``percent``."""
    rows = columns = 0
    inside, done = False, False
    row = width = position = repeat = 0
    with book.open("content.xml") as stream:
        for text in _chunks(stream):
            for closing, tag, attributes, empty in _ODS_TAG.findall(text):
                if done:
                    break
                if tag == b"table":
                    if closing and inside:
                        done = True
                    elif not closing:
                        name = _ODS_NAME.search(attributes)
                        inside = sheet is None or (name is not None and name[1].decode("utf-8", "replace") == sheet)
                    continue
                if not inside:
                    continue
                if tag == b"table-row" and not closing:
                    repeat = _repeats(attributes, b"table-row")
                    row, width, position = row + repeat, 0, 0
                elif tag == b"table-row":  # the row's end: its repeats count if it holds anything
                    if width:
                        rows, columns = max(rows, row), max(columns, width)
                elif not closing:  # a cell: its repeats, and whether it holds a value or text
                    start, position = position, position + _repeats(attributes, b"cell")
                    if not empty or b"value-type" in attributes:
                        width = position
                    if b'value-type="percentage"' in attributes and (position - start) * repeat < MAX_CELLS:
                        percent.update((r, c) for r in range(row - repeat + 1, row + 1)
                                       for c in range(start + 1, position + 1))
    return rows, columns


def _repeats(attributes: bytes, kind: bytes) -> int:
    found = _REPEAT[kind].search(attributes)
    return int(found[1]) if found else 1
