"""The spreadsheet reader (.xlsx, .xlsm, .xls, .ods): a sheet's rows, read with python-calamine, into figure blocks."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from goaltrack.errors import GoaltrackError
from goaltrack.ingest.blocks import BATCH, FigureBlock
from goaltrack.ingest.decode import MAX_WHOLE_BYTES
from goaltrack.ingest.shapes import TableRows, cell_text, find_shape

if TYPE_CHECKING:
    from goaltrack.ingest.files import FigureFile


def sheet_blocks(file: FigureFile) -> Iterator[FigureBlock]:
    """The figures of a spreadsheet's sheet, BATCH rows at a time."""
    name, rows = sheet_rows(file.path, file.sheet)
    file.result.sheet = name
    numbered = [(i, row) for i, row in enumerate(rows, start=1)]
    shape = find_shape(numbered, f"{file.path}: xlsx ", file.goal)
    file.result.layout = shape.kind
    file.result.skipped_lines += sum(1 for line, cells in numbered[:shape.header_line - 1]
                                     if any(map(cell_text, cells)))
    rows = TableRows(shape, file.checker, file.result)
    body = numbered[shape.header_line:]
    for start in range(0, len(body), BATCH):
        yield rows.take(body[start:start + BATCH])
    rows.finish()


def sheet_rows(path: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    """The name and rows of a spreadsheet's first visible sheet (or the one named), read with python-calamine
    in a bounded child process (goaltrack.ingest.bounded), after the workbook's size was checked
    (goaltrack.ingest.sheet_bounds)."""
    from goaltrack.ingest.bounded import run_bounded
    from goaltrack.ingest.sheet_bounds import check_workbook

    read_whole_check = path.stat().st_size if path.exists() else 0
    if read_whole_check > MAX_WHOLE_BYTES:
        raise GoaltrackError(f"{path} is larger than {MAX_WHOLE_BYTES:,} bytes")
    percent = check_workbook(path, sheet)
    name, rows = run_bounded(str(path), _read_sheet, path, sheet)
    return name, as_shown(rows, percent)


def as_shown(rows: list[list[Any]], percent: set[tuple[int, int]]) -> list[list[Any]]:
    """The rows with each cell formatted as percent read as it shows: 0.046 shown "4.6 %" is 4.6 (the
    reader gives the fraction). ``percent`` holds (row, column) from 1."""
    for row, column in percent:
        if row <= len(rows) and column <= len(rows[row - 1]):
            value = rows[row - 1][column - 1]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                shown = round(value * 100, 10)  # 0.046 × 100 is 4.6000000000000005
                rows[row - 1][column - 1] = int(shown) if float(shown).is_integer() and abs(shown) < 2**53 else shown
    return rows


def _read_sheet(path: Path, sheet: str | None) -> tuple[str, list[list[Any]]]:
    book = _open_book(path)
    name = _sheet_name(path, book, sheet)
    try:
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except Exception as exc:
        raise GoaltrackError(f"{path}: sheet {name!r} cannot be read ({type(exc).__name__})") from None
    return name, [[_sheet_cell(c) for c in row] for row in rows]


def _open_book(path: Path):
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:
        raise GoaltrackError("reading .xlsx needs python-calamine: pip install python-calamine") from None
    try:
        return CalamineWorkbook.from_path(str(path))
    except OSError as exc:
        raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception as exc:  # calamine's own errors: not a workbook, a broken zip
        raise GoaltrackError(f"{path} is not a readable spreadsheet ({type(exc).__name__}: "
                             f"{str(exc).splitlines()[0][:120] if str(exc) else 'unreadable'})") from None


def _sheet_name(path: Path, book: Any, sheet: str | None) -> str:
    """The sheet to read: the one named, else the first visible one (a hidden sheet is read only
    when named)."""
    names = book.sheet_names
    if not names:
        raise GoaltrackError(f"{path} has no sheets")
    if sheet is not None:
        if sheet in names:
            return sheet
        raise GoaltrackError(f"{path} has no sheet {sheet!r} (it has: {', '.join(map(repr, names))})")
    visible = [m.name for m in getattr(book, "sheets_metadata", []) if str(m.visible).endswith("Visible")]
    if not visible and getattr(book, "sheets_metadata", None):
        raise GoaltrackError(f"{path} has no visible sheet; name one with --sheet "
                             f"(it has: {', '.join(map(repr, names))})")
    return visible[0] if visible else names[0]


def _sheet_cell(cell: Any) -> Any:
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)
    if isinstance(cell, (datetime.date, datetime.time, datetime.timedelta)):
        return str(cell)
    return cell
