"""Spreadsheets made to exhaust a reader (the third red team's cases), written small and fast for tests.

Each is a valid zip with a few hundred bytes to a few megabytes on disk; what it would unpack to, or
the cells a reader would allocate, is what makes it a bomb.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

_TYPES = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
          'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
          'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
          'PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
          'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>{extra}</Types>')
_SHARED_TYPE = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
                'officedocument.spreadsheetml.sharedStrings+xml"/>')
_ROOT_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
              'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
              'officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = ('<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
             'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
             '<sheets><sheet name="Ark1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                  'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{extra}'
                  '</Relationships>')
_SHARED_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
               'sharedStrings" Target="sharedStrings.xml"/>')
_SHEET = ('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
          'spreadsheetml/2006/main">{dimension}<sheetData>{rows}</sheetData></worksheet>')
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>goal</t></is></c><c r="B1" t="inlineStr"><is><t>year</t>'
              '</is></c><c r="C1" t="inlineStr"><is><t>value</t></is></c></row>')


def xlsx(path: Path, rows: str, dimension: str = "", shared: tuple[bytes, int] | None = None) -> Path:
    """A workbook of one sheet with these <row> elements; ``shared``: a sharedStrings.xml part given
    as (a piece, how many times it repeats), deflated as it is written, never held whole."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("[Content_Types].xml", _TYPES.format(extra=_SHARED_TYPE if shared else ""))
        book.writestr("_rels/.rels", _ROOT_RELS)
        book.writestr("xl/workbook.xml", _WORKBOOK)
        book.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS.format(extra=_SHARED_REL if shared else ""))
        book.writestr("xl/worksheets/sheet1.xml", _SHEET.format(dimension=dimension, rows=rows))
        if shared:
            piece, times = shared
            with book.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
                part.write(b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
                           b'spreadsheetml/2006/main">')
                block = piece * max(1, (1 << 20) // len(piece))
                for _ in range(times * len(piece) // len(block)):
                    part.write(block)
                part.write(b"</sst>")
    return path


def far_cell(path: Path, ref: str = "XFD1048576") -> Path:
    """One cell at ``ref``: a reader that allocates the sheet's rectangle allocates 17 billion cells."""
    return xlsx(path, HEADER_ROW + f'<row r="{ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{ref}"><v>1</v>'
                                   '</c></row>')


def shared_strings_bomb(path: Path, megabytes: int = 300) -> Path:
    """One shared string of ``megabytes`` MB of 'a': a few hundred kB on disk."""
    return xlsx(path, HEADER_ROW, shared=(b"a" * 1024, megabytes * 1024))


def many_shared_strings(path: Path, count: int = 20_000_000) -> Path:
    """``count`` tiny shared strings (<si><t>a</t></si>, 17 bytes each)."""
    return xlsx(path, HEADER_ROW, shared=(b"<si><t>a</t></si>", count))


def ods_repeated(path: Path, rows: int = 1_048_576, columns: int = 16_384) -> Path:
    """An OpenDocument sheet whose one row of one cell is repeated ``rows`` × ``columns`` times."""
    office = "urn:oasis:names:tc:opendocument:xmlns"
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="{office}:office:1.0" '
               f'xmlns:table="{office}:table:1.0" xmlns:text="{office}:text:1.0" office:version="1.2"><office:body>'
               '<office:spreadsheet><table:table table:name="Ark1">'
               f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
               f'table:number-columns-repeated="{columns}" office:value-type="float" office:value="1">'
               '<text:p>1</text:p></table:table-cell></table:table-row>'
               '</table:table></office:spreadsheet></office:body></office:document-content>')
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as ods:
        ods.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        ods.writestr("content.xml", content)
        ods.writestr("META-INF/manifest.xml", f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                     f'xmlns:manifest="{office}:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
                     'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                     '</manifest:manifest>')
    return path
