"""Text from the data made safe for whoever reads it: a spreadsheet, a terminal, a Markdown viewer.

Figures, sources, notes, titles and scope names come from many hands (a shared database, imported
files, catalogues), so any of them may hold a spreadsheet formula, a terminal escape sequence or
live Markdown and HTML. Each function here makes text harmless for one kind of reader and nothing
else, so that each output can say which reader it serves. Pure functions; no dependencies.
"""

from __future__ import annotations

import re

# --- spreadsheets: formula injection ------------------------------------------------------------------

# A cell that starts with one of these is read as a formula by Excel, LibreOffice or Google Sheets
# (OWASP, "CSV Injection"): =HYPERLINK(…), =cmd|' /C calc'!A0, +1+1, -2+3, @SUM(…).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NEUTRALISED = re.compile(r"'*[=+\-@\t\r]")


def neutralise_cell(text: str) -> str:
    """A text cell that no spreadsheet runs: one that could start a formula gets a leading ``'``
    (OWASP's advice; the spreadsheet shows the text without it). So that ``restore_cell`` can give
    back exactly what was written, a text that already starts with quotes before such a character
    gets one more."""
    if not text or text[0] not in "'=+-@\t\r":  # the common case, without a regex
        return text
    return "'" + text if _NEUTRALISED.match(text) else text


def restore_cell(text: str) -> str:
    """The text ``neutralise_cell`` was given: one leading ``'`` less, where it added one."""
    return text[1:] if text.startswith("'") and _NEUTRALISED.match(text, 1) else text


# --- terminals: control characters ------------------------------------------------------------------

# C0 controls (ESC, BEL, backspace, …), DEL, the C1 controls (0x9B is a one-byte CSI on some
# terminals), and the Unicode embeddings, overrides and isolates that can make text read in another
# order than it is stored.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def printable(text: str, keep: str = "") -> str:
    """``text`` fit for a terminal: every control character shown as an escape (``\\x1b``), so that
    data can neither move the cursor, clear the screen, retitle the window nor hide itself. ``keep``
    names the characters a field may hold as they are (tab and newline in a note: "\\t\\n")."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: m.group() if m.group() in keep else _escape(m), text)


def has_control(text: str, allowed: str = "") -> str | None:
    """The first control character in ``text`` (escaped, for a message) that is not ``allowed``."""
    for match in _CONTROL.finditer(text):
        if match.group() not in allowed:
            return _escape(match)
    return None


def json_safe(text: str) -> str:
    """JSON text with the C1 controls written as \\u escapes: the same data to every JSON reader, and
    nothing a terminal acts on (json.dumps already escapes the C0 ones)."""
    return re.sub("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]", lambda m: f"\\u{ord(m.group()):04x}", text)


def shorten(text: str, limit: int = 120) -> str:
    """``text`` cut to ``limit`` characters for a message or a table cell, saying how long it was."""
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


# --- Markdown -----------------------------------------------------------------------------------------

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#!|~])")


def markdown_text(text: str) -> str:
    """Text for a Markdown paragraph, heading or table cell, shown as written: HTML escaped (no tag,
    no entity survives), Markdown's punctuation backslash-escaped (no link, image, emphasis or table
    cell break), a line break made a space (a heading stays one line), control characters escaped."""
    text = printable(text.replace("\r\n", " ").replace("\n", " ").replace("\r", " "))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)
