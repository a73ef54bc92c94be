"""Bytes to text: bounded reading, the encoding (UTF-8 or Windows-1252), binary refused, the CSV delimiter.

A CSV file is read in blocks (bounded memory: a 200 MB file needs a few hundred MB, not GBs; reading
stops at ``MAX_BYTES``); each text block ends at a line end and never inside a quoted field. CRLF
becomes LF. JSON and spreadsheets are read whole, up to ``MAX_WHOLE_BYTES``.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.errors import GoaltrackError
from goaltrack.ingest.shapes import TITLE_ROWS

if TYPE_CHECKING:
    from goaltrack.ingest.load import ImportResult

BLOCK_BYTES = 4 * 2**20  # CSV is read, checked and written this much at a time
FIRST_PIECE = 2**19  # the first block's text is handed on in a piece this long, then the rest: the
# writing (and a read-ahead's parent) starts sooner; the header is found in it (csv_reader.HEAD_CHARACTERS)
MAX_LINE = 2**20  # a line longer than this (1 MiB) is no figure
MAX_BYTES = 2**30  # a CSV file stops being read here (1 GiB)
MAX_WHOLE_BYTES = 100 * 2**20  # JSON and xlsx are read whole: at most 100 MiB
MAX_FIELD = 131_072  # Python's csv field limit: a longer quoted field is one Error line


def _byte_blocks(path: Path, cap: int, size: int | None = None) -> Iterator[bytes]:
    """The file in blocks (of BLOCK_BYTES by default), stopping with an error once more than ``cap`` bytes were read."""
    total, size = 0, size or BLOCK_BYTES
    try:
        with open(path, "rb") as handle:
            while True:
                block = handle.read(size)
                if not block:
                    return
                total += len(block)
                if total > cap:
                    raise GoaltrackError(f"{path} is larger than {cap:,} bytes; split it, or import it in parts")
                yield block
    except OSError as exc:
        raise GoaltrackError(f"cannot read {path}: {exc.strerror or exc}") from None


def read_whole(path: Path, cap: int = MAX_WHOLE_BYTES) -> bytes:
    """The whole file, refused when larger than ``cap`` bytes."""
    return b"".join(_byte_blocks(path, cap))


# Codecs Python calls text encodings that still do not read a file of text: names for the web
# (punycode, idna) and escape formats; bytes-to-bytes codecs (base64, zlib, rot13) are refused by
# their kind.
_NOT_FILE_TEXT = {"punycode", "idna", "undefined", "unicode-escape", "raw-unicode-escape"}
# Byte-order marks, UTF-32's before UTF-16's (FF FE starts both)
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def _decoder(name: str):
    """An incremental decoder for a text encoding; anything else (base64, rot13) an error."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with a NUL
        raise GoaltrackError(f"unknown encoding {name[:40]!r} (try utf-8 or cp1252)") from None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_TEXT:
        raise GoaltrackError(f"--encoding {name[:40]!r} is not a text encoding (try utf-8, cp1252 or utf-16)")
    return info.incrementaldecoder(errors="strict")


def _looks_utf16_le(raw: bytes) -> bool:
    """Whether ``raw`` starts like UTF-16 (little-endian) text of Latin letters: a NUL after each character."""
    head = raw[:64]
    return len(head) >= 4 and set(head[1::2]) == {0} and 0 not in head[0::2]


def bom_encoding(raw: bytes) -> str | None:
    """The encoding a UTF-16 or UTF-32 byte-order mark at the start of ``raw`` names (UTF-8's is
    read by utf-8-sig), or None."""
    return next((name for bom, name in _BOMS if raw.startswith(bom)), None)


def _encoding_name(name: str) -> str:
    return {"utf-8-sig": "UTF-8", "utf-8": "UTF-8", "cp1252": "Windows-1252", "utf-16": "UTF-16",
            "utf-32": "UTF-32"}.get(name.lower(), name)


class _Decoding:
    """A file's bytes to text, block by block: in the encoding named, else UTF-8 (a byte-order mark is
    dropped), or Windows-1252 when the file's first block is not UTF-8. NUL bytes mean binary data."""

    def __init__(self, path: Path, encoding: str | None):
        self.path, self.named = path, encoding
        self.name = encoding or "utf-8-sig"
        self.decoder = _decoder(self.name)
        self.offset = 0  # bytes decoded before this block
        self.first = True

    @property
    def encoding(self) -> str:
        return _encoding_name(self.name)

    def decode(self, raw: bytes) -> str:
        if self.first and self.named is None and bom_encoding(raw):  # UTF-16 or -32, found by its mark
            self.name = bom_encoding(raw)
            self.decoder = _decoder(self.name)
        try:
            text = self.decoder.decode(raw)
        except UnicodeDecodeError as exc:
            text = self._fall_back(raw, exc)
        except UnicodeError:  # UTF-16 or -32 named without a byte-order mark in the file
            raise GoaltrackError(f"{self.path} does not start with the byte-order mark {self.encoding} needs; "
                                 f"name the byte order: --encoding {self.name}-le or {self.name}-be") from None
        if "\x00" in text:
            hint = ("; if it is UTF-16 text without a byte-order mark, add --encoding utf-16-le"
                    if self.named is None and self.first and _looks_utf16_le(raw) else "")
            raise GoaltrackError(f"{self.path} holds binary data, not CSV, JSON or xlsx{hint}")
        self.first = False
        self.offset += len(raw)
        return text

    def _fall_back(self, raw: bytes, exc: UnicodeDecodeError) -> str:
        """The first block in Windows-1252, when no encoding was named; else the error, naming the byte."""
        if not (self.first and self.named is None):
            hint = "; if it is Windows-1252, add --encoding cp1252" if self.name.startswith("utf") else ""
            raise GoaltrackError(f"{self.path} is not {self.encoding} text (byte {self.offset + exc.start} "
                                 f"cannot be read){hint}") from None
        self.name, self.decoder = "cp1252", _decoder("cp1252")
        try:
            return self.decoder.decode(raw)
        except UnicodeDecodeError as exc2:
            raise GoaltrackError(f"{self.path} is not UTF-8 text nor Windows-1252 (byte {exc2.start} cannot be "
                                 "read); save it as CSV (UTF-8), or name its encoding with --encoding") from None

    def finish(self) -> str:
        """What the decoder still holds; a file that ends inside a character is an error naming its end."""
        try:
            return self.decoder.decode(b"", final=True)
        except UnicodeError:
            raise GoaltrackError(f"{self.path} is not {self.encoding} text: it ends inside a character "
                                 f"(byte {self.offset}); the file may be cut short") from None


def _block_end(text: str) -> int:
    """Where a block of text may end: after its last line end that is not inside a quoted field (0: none)."""
    cut = text.rfind("\n") + 1
    quotes = text.count('"', 0, cut)  # odd: the line end is inside a quoted field (an escaped "" counts twice)
    while cut and quotes % 2:  # step back a line at a time, to a line end outside every quoted field
        before = text.rfind("\n", 0, cut - 1) + 1
        quotes -= text.count('"', before, cut)
        cut = before
    return cut


def text_blocks(path: Path, encoding: str | None, result: ImportResult) -> Iterator[str]:
    """The file as text, in blocks that end at a line end and never inside a quoted field; the
    encoding read is set on ``result``. CRLF becomes LF."""
    decoding = _Decoding(path, encoding)
    carry = ""
    first = True
    for raw in _byte_blocks(path, MAX_BYTES):
        # after the carried rest of the block before: a CR it ended in meets its LF here
        text = (carry + decoding.decode(raw)).replace("\r\n", "\n")
        cut = _block_end(text)
        if not cut:
            if len(text) > MAX_LINE + 2 * MAX_FIELD:
                raise GoaltrackError(f"{path}: a line (or a quoted field) is longer than {MAX_LINE:,} characters")
            carry = text
            continue
        carry = text[cut:]
        result.encoding = decoding.encoding  # decided on the whole first block, not the piece
        early = _block_end(text[:FIRST_PIECE]) if first and cut > FIRST_PIECE else 0
        first = False
        if early:
            yield text[:early]
        yield text[early:cut]
    text = carry + decoding.finish()
    result.encoding = decoding.encoding
    if text:
        yield text if text.endswith("\n") else text + "\n"


def sniff_delimiter(text: str) -> str:
    """The separator of a CSV file: the one that splits the most of its first lines alike."""
    head = text[:65536].split("\n")[:TITLE_ROWS + 5]
    best, score = ",", -1
    for delimiter in (";", ",", "\t"):
        counts = [line.count(delimiter) for line in head if line.strip()]
        found = max(counts, default=0)
        if found and (found, -len(set(counts))) > (score, 0) and found > score:
            best, score = delimiter, found
    return best


def reads_decimal_comma(delimiter: str) -> bool:
    """Whether a value "5,7" in a file so separated is 5.7: not where a comma separates the fields."""
    return delimiter != ","
