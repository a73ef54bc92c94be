"""Workbooks and CSV for Excel: what analysts open.

``write_workbook`` writes a real .xlsx (numbers as numbers, years as whole numbers, a bold header
row that stays in view, columns wide enough to read) with XlsxWriter, imported only here: it was
chosen by benchmarks/xlsx_writers.py (start-up about 5 times and each row about 2 times cheaper
than openpyxl). Every text cell goes through ``goaltrack.domain.text.neutralise_cell``, so a source
such as ``=HYPERLINK(…)`` is shown, never run.

``excel_da_number`` writes a number the way Danish Excel reads it in a CSV (decimal comma); the CSV
writers add the ``;`` separator and the byte-order mark that tell Excel the file is UTF-8.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from goaltrack.errors import GoaltrackError

BOM = "\ufeff"
EXCEL_DA_DELIMITER = ";"
WHOLE_NUMBER_COLUMNS = ("year", "år")  # and every column whose name ends in _year (Danish: _år)


@dataclass
class Sheet:
    name: str  # at most 31 characters, Excel's limit
    header: Sequence[str]
    rows: Iterable[Sequence[Any]]


def excel_da_number(value: float | int) -> str:
    """5.7 → '5,7'; 5290 → '5290' (no thousands separator: Excel reads it as the number)."""
    text = repr(value) if isinstance(value, float) else str(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        text = str(int(value))
    return text.replace(".", ",")


def _is_year(name: str) -> bool:
    return name in WHOLE_NUMBER_COLUMNS or name.endswith(("_year", "_år"))


def write_workbook(path: Path | str, sheets: Sequence[Sheet]) -> int:
    """Write ``sheets`` to the workbook ``path``; return the number of data rows written."""
    import xlsxwriter  # only the xlsx commands pay for it
    import xlsxwriter.exceptions

    from goaltrack.domain.text import neutralise_cell

    path = Path(path)
    if path.exists() and path.is_dir():
        raise GoaltrackError(f"cannot write {path}: it is a folder")
    rows_written = 0
    try:
        book = xlsxwriter.Workbook(str(path), {"constant_memory": True, "strings_to_numbers": False,
                                               "strings_to_formulas": False, "strings_to_urls": False,
                                               "nan_inf_to_errors": False})
        bold = book.add_format({"bold": True, "bottom": 1})
        whole = book.add_format({"num_format": "0"})
        for sheet in sheets:
            ws = book.add_worksheet(sheet.name[:31])
            ws.write_row(0, 0, list(sheet.header), bold)  # constant_memory: rows go in order, the header first
            ws.freeze_panes(1, 0)
            widths = [max(8, len(h) + 2) for h in sheet.header]
            years = [_is_year(h) for h in sheet.header]
            for row_number, row in enumerate(sheet.rows, start=1):
                for col, value in enumerate(row):
                    if value is None:
                        continue
                    if isinstance(value, bool):
                        ws.write_boolean(row_number, col, value)
                    elif isinstance(value, (int, float)):
                        if years[col] and float(value).is_integer():
                            ws.write_number(row_number, col, int(value), whole)
                        else:
                            ws.write_number(row_number, col, value)
                        widths[col] = max(widths[col], min(len(str(value)) + 2, 20))
                    else:
                        text = neutralise_cell(str(value))
                        ws.write_string(row_number, col, text)
                        widths[col] = max(widths[col], min(len(text) + 2, 60))
                rows_written += 1
            for col, width in enumerate(widths):
                ws.set_column(col, col, width)
        book.close()
    except (OSError, xlsxwriter.exceptions.FileCreateError) as exc:
        cause = getattr(exc, "strerror", None) or getattr(exc.__context__, "strerror", None) or exc
        raise GoaltrackError(f"cannot write {path}: {cause}") from None
    return rows_written
