"""A table laid out by goaltrack.present.fit, rendered for the terminal: as rich draws a table, faster.

The layout has already chosen each column's width and each cell's lines, so the columns are joined
here, three spaces apart, into lines of text with their styles. rich draws the title, the header and
its rule; the rows are written as they are (rich's own rendering of 10,000 rows cell by cell took four
times as long as the same status as JSON); the notes go under them as rich writes a caption. The text
is the same as a rich Table's, byte for byte (tests/present/golden).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING, Any

from goaltrack.present.fit import SEPARATOR
from goaltrack.present.status_text import shown

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

Line = list[tuple[str, str | None]]  # a line of text: its pieces, each with its style (None: none)


def fitted_table(plan: Any, columns: Sequence[Any], styles: dict[str, list[str | None]], title: str,
                 notes: Sequence[str], frame: Any, rule_after: int | Collection[int] | None = None) -> FittedTable:
    """The table ``plan`` lays out (goaltrack.present.fit): each column at its width, never wrapped by rich,
    a two-word header on two lines; ``rule_after``: the row (or rows) after which a rule is drawn."""
    from rich.table import Table
    from rich.text import Text

    rules = {rule_after} if isinstance(rule_after, int) else set(rule_after or ())
    by_key = {c.key: c for c in columns}
    parts = [(key, plan.widths[key], by_key[key].right) for key in plan.keys]
    width = sum(w for _, w, _ in parts) + SEPARATOR * (len(parts) - 1)
    head = Table(title=shown(title), title_justify="left", header_style="bold", box=frame, show_edge=False,
                 pad_edge=False)
    header = {key: header_lines(by_key[key].header, w).split("\n") for key, w, _ in parts}
    head.add_column(_as_text(_joined(parts, header, {})), width=width, no_wrap=True)
    rows = [_joined(parts, row, {key: styles[key][i] for key in plan.keys if key in styles})
            for i, row in enumerate(plan.lines)]
    if rules:  # rules between sections (compare: a few dozen rows): rich draws them, row by row
        for i, row in enumerate(rows):
            head.add_row(_as_text(row), end_section=i in rules)
        rows = []
    caption = "\n".join(map(shown, notes)) or None
    return FittedTable(head, [line for row in rows for line in row], caption, width, Text)


class FittedTable:
    """A rich renderable: the title, header and rule as a rich Table draws them, then the rows' lines
    as they are, then the notes as its caption."""

    def __init__(self, head: Any, lines: list[Line], caption: str | None, width: int, text_type: Any):
        self.head, self.lines, self.caption, self.width = head, lines, caption, width
        self._text = text_type

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.segment import Segment

        yield self.head
        styles: dict[str, Any] = {}
        for line in self.lines:
            for text, style in line:
                if style and style not in styles:
                    styles[style] = console.get_style(style)
                yield Segment(text, styles[style] if style else None)
            yield Segment.line()
        if self.caption:
            caption = console.render_str(self.caption, style="table.caption", highlight=False)
            yield from console.render(caption, options.update(width=self.width, justify="left"))


def _joined(parts: Sequence[tuple[str, int, bool]], cells: dict[str, list[str]],
            styles: dict[str, str | None]) -> list[Line]:
    """One row's cells side by side, line by line: each padded to its column's width (numbers to the
    right), three spaces between columns, with its style."""
    from goaltrack.present.fit import cells as width_of

    lines: list[Line] = []
    for n in range(max(len(cells[key]) for key, _, _ in parts)):
        line: Line = []
        for i, (key, width, right) in enumerate(parts):
            piece = cells[key][n] if n < len(cells[key]) else ""
            gap = " " * (width - width_of(piece))
            if i:
                line.append((" " * SEPARATOR, None))
            line += [(gap, None), (piece, styles.get(key))] if right else [(piece, styles.get(key)), (gap, None)]
        lines.append(line)
    return lines


def _as_text(lines: list[Line]) -> Any:
    """The lines as one rich Text, for a cell that rich draws."""
    from rich.text import Text

    text = Text(no_wrap=True, end="")
    for n, line in enumerate(lines):
        if n:
            text.append("\n")
        for piece, style in line:
            text.append(piece, style or None)
    return text


def header_lines(header: str, width: int) -> str:
    """A column header wrapped at its spaces to the column's width ("Gap" over "left"), never cut."""
    from goaltrack.present.fit import wrap

    return "\n".join(wrap(header.split(), width))
