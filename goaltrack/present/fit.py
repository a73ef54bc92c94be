"""Fitting a table to a terminal: cells cut into pieces that must never be split, wrapped by hand.

rich wraps a cell at any space and folds a word that does not fit, which splits "≤ 11.35 %" from its
unit, "⛈ deterioration" from its symbol and "15-17-year-olds" in the middle. Here a cell is a list of
*atoms* (a word, a number with its sign and unit, a symbol with its word) and a layout chooses, for a
given width, which columns to show, whether titles are the full or the short ones, and how wide each
column is, so that no atom is ever split and every goal takes as few lines as it can. Pure: no rich
renderables, only rich's measure of a string's width on a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

GLUE_NEXT = {"≤", "≥", "<", ">", "↑", "↓", "→", "✔", "☀", "⛅", "☁", "⛈", "~", "±"}
GLUE_PREVIOUS = {"%", "pp", "y", "år", "pct.-point", "procent", "point", "personer", "persons"}
SEPARATOR = 3  # between two columns: a space of padding, the column rule, a space of padding


def cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def atoms(text: str) -> list[str]:
    """``text`` cut at the spaces where a line may break: never between a number and its unit or
    sign, a symbol and its word, or a "·" and the word before it."""
    out: list[str] = []
    glue = False
    for word in text.split():
        if out and (glue or word in GLUE_PREVIOUS or word == "·"):
            out[-1] += " " + word
            glue = word in GLUE_NEXT
        else:
            out.append(word)
            glue = word in GLUE_NEXT or word == "·"  # a leading "·" (no data) goes with its word
    return out


def wrap(pieces: Sequence[str], width: int) -> list[str]:
    """Greedy wrapping of atoms into lines of at most ``width`` cells (an atom wider than that stands
    alone on its line: the layout never lets that happen)."""
    lines: list[str] = []
    for piece in pieces:
        if lines and cells(lines[-1]) + 1 + cells(piece) <= width:
            lines[-1] += " " + piece
        else:
            lines.append(piece)
    return lines or [""]


@dataclass
class Column:
    key: str
    header: str
    rows: list[list[str]]  # the atoms of each row's cell
    right: bool = False
    optional: int = 0  # 0: always shown; else the order in which narrow tables leave it out (1 first)
    short_rows: list[list[str]] | None = None  # the goal column: atoms of the short titles
    group: int = 9  # columns of one group give way together (the figures: their years go under them)
    stack: bool = False  # once narrower than its widest cell, every cell puts each atom on a line of its own

    widths: dict = field(default_factory=dict, repr=False, compare=False)  # measured once: (kind, short, rows) → cells

    def natural(self, short: bool = False) -> int:
        """The width of the widest cell on one line (measured once: a layout asks for it per row)."""
        rows = self.short_rows if short and self.short_rows is not None else self.rows
        key = ("natural", short, len(rows))  # rows are added while the table is built
        if key not in self.widths:
            self.widths[key] = max([cells(self.header)] + [cells(" ".join(r)) for r in rows])
        return self.widths[key]

    def narrowest(self, short: bool = False) -> int:
        """The width of the widest atom: narrower, an atom would be split."""
        rows = self.short_rows if short and self.short_rows is not None else self.rows
        key = ("narrowest", short, len(rows))
        if key not in self.widths:
            self.widths[key] = max([max(cells(w) for w in self.header.split() or [""])]
                                   + [cells(a) for r in rows for a in r])
        return self.widths[key]


@dataclass
class TableLayout:
    """How a table fits: the columns shown and their widths, each row's lines, the columns left out."""

    keys: list[str]  # the columns shown, in order
    widths: dict[str, int]
    short: bool  # the goal column shows the short titles
    lines: list[dict[str, list[str]]]  # for each row, the wrapped lines of each shown cell
    omitted: list[str] = field(default_factory=list)  # headers of the columns left out

    @property
    def row_lines(self) -> list[int]:
        return [max(len(v) for v in row.values()) for row in self.lines]


def layout(columns: Sequence[Column], width: int | None, title_key: str = "goal") -> TableLayout:
    """The layout of ``columns`` for a terminal ``width`` cells wide (None: as wide as it takes).

    Tried in order, with every column first and then without the optional ones, least needed first:
    full titles with every goal on one line; full titles on at most two lines; short titles on one
    line; short titles on two lines. Within each, the other columns keep their one-line width if they
    can and give way group by group. The figures (group 1) keep their year beside them as long as
    leaving out the two least needed columns is enough; only then do their years go under them. If no choice
    keeps every goal within two lines, the one with the fewest lines wins.
    """
    title = next(c for c in columns if c.key == title_key)
    others = [c for c in columns if c.key != title_key]
    drops = sorted({c.optional for c in others if c.optional})
    colsets = [[c for c in others if not c.optional or c.optional > level] for level in [0] + drops]
    if width is None:
        return _build(columns, title, colsets[0], {c.key: c.natural() for c in colsets[0]}, None, False)

    best: tuple | None = None
    # First, every figure with its year on one line, giving up at most the least needed columns;
    # then with the figures' years under them, giving up as many optional columns as it takes.
    phases = [(colsets[:3], False), (colsets, True)]
    for sets, give_way in phases:
        for shown in sets:
            natural = {c.key: c.natural() for c in shown}
            narrow = {c.key: c.narrowest() for c in shown}
            configs = [dict(natural)]
            for group in sorted({c.group for c in shown}):  # one group of columns after another gives way
                if give_way or group != 1:
                    configs.append({**configs[-1], **{c.key: narrow[c.key] for c in shown if c.group == group}})
            for limit, short in ((1, False), (2, False), (1, True), (2, True)):
                for widths in configs:
                    room = width - sum(widths.values()) - SEPARATOR * len(shown)
                    if room < title.narrowest(short):
                        continue
                    candidate = _build(columns, title, shown, widths, min(room, title.natural(short)), short)
                    most = max(candidate.row_lines, default=1)
                    if most <= limit:
                        return candidate
                    score = (most, sum(candidate.row_lines), -len(shown))
                    if best is None or score < best[0]:
                        best = (score, candidate)
    if best is not None:
        return best[1]
    # Narrower than the narrowest layout: every optional column out, each at its narrowest.
    shown = colsets[-1]
    widths = {c.key: c.narrowest() for c in shown}
    return _build(columns, title, shown, widths, title.narrowest(True), True)


def _build(columns: Sequence[Column], title: Column, shown: Sequence[Column], widths: dict[str, int],
           title_width: int | None, short: bool) -> TableLayout:
    keys = [c.key for c in columns if c is title or c in shown]
    widths = dict(widths)
    widths[title.key] = title_width if title_width is not None else title.natural(short)
    title_rows = title.short_rows if short and title.short_rows is not None else title.rows
    lines = []
    for i in range(len(title.rows)):
        row = {}
        for c in columns:
            if c.key in widths:
                source = title_rows if c is title else c.rows
                if c.stack and widths[c.key] < c.natural():
                    row[c.key] = list(source[i]) or [""]  # "5,290" over "(2011)" in every row alike
                else:
                    row[c.key] = wrap(source[i], widths[c.key])
        lines.append(row)
    omitted = [c.header for c in columns if c is not title and c not in shown]
    return TableLayout(keys, {k: widths[k] for k in keys}, short, lines, omitted)
