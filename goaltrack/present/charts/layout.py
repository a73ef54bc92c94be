"""Where things go on a goal's chart, decided before anything is drawn (pure: no matplotlib).

The title's lines, the subtitle's and the footer's, the legend's columns, the axes' box, and which
value labels are written where, so that nothing is cut off and no label sits on a point or is
crossed by a line. Everything is in points (1/72 inch) on a figure of known size, and text is
measured by a function passed in (``measure(text, size, bold) -> width``):
``goaltrack.present.charts.draw.measure_text`` asks matplotlib's font machinery, tests may pass the
same or a simpler one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from goaltrack.domain.progress import Point

Measure = Callable[[str, float, bool], float]

WIDTH_IN, HEIGHT_IN = 8.0, 5.0
LEFT_IN, RIGHT_IN = 0.8, 0.32  # the y tick labels and the unit on the left; a margin on the right
TITLE_PT, SUBTITLE_PT, FOOT_PT, LEGEND_PT, LABEL_PT = 14.0, 10.5, 7.5, 8.5, 9.0
LEGEND_ORDER = ("measured", "baseline", "history", "target", "path", "projection", "basis", "break", "gap")
# A legend's measures in font sizes, as matplotlib lays it out: a handle and the space after it
# (handlelength 2.4 + handletextpad 0.8), the space between columns, the border; a line of text and
# the space between entries.
LEGEND_HANDLE, LEGEND_SPACING, LEGEND_BORDER, LEGEND_LINE, LEGEND_GAP = 3.2, 2.0, 0.4, 1.25, 0.5
LEGEND_MAX_COLUMNS = 5
# The legend's share of the figure's area at most, as planned (measured after drawing, it stays under a
# quarter: tests/present/test_chart_legends.py); over it, the legend tries three lines an entry, then a
# smaller type.
LEGEND_SHARE, LEGEND_SMALLER = 0.22, (7.5, 6.5)


def wrap(text: str, width: float, size: float, bold: bool, measure: Measure) -> list[str]:
    """``text`` in lines no wider than ``width`` points, broken between words; a word wider than a
    whole line (a long URL in a source) is broken where it must, never cut off."""
    lines: list[str] = []
    for word in text.split():
        if lines and measure(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
            continue
        while measure(word, size, bold) > width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and measure(word[:cut], size, bold) > width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        lines.append(word)
    return lines


@dataclass(frozen=True)
class Label:
    """A value written beside a point: ``offset`` (points) from ``xy`` (data), aligned by ha/va."""

    kind: str  # baseline, latest, target, projection, off_chart
    text: str
    xy: tuple[float, float]
    offset: tuple[float, float]
    ha: str
    va: str
    box: tuple[float, float, float, float]  # x0, y0, x1, y1 in figure points, where it lands
    clear: bool  # True when it touches no point, no line and no other label


@dataclass
class ChartLayout:
    """Where everything on a goal's chart goes: decided before anything is drawn."""

    title: list[str]
    subtitle: list[str]
    foot: list[str]
    axes: tuple[float, float, float, float]  # left, bottom, width, height as fractions of the figure
    legend_columns: int
    legend_rows: int
    legend_bottom: float  # fraction of the figure height
    labels: list[Label] = field(default_factory=list)
    title_size: float = TITLE_PT
    legend_texts: list[str] = field(default_factory=list)  # the legend's entries as written: a long one on two lines
    legend_size: float = LEGEND_PT


@dataclass(frozen=True)
class LegendPlan:
    """A legend's entries in columns (filled top to bottom, as matplotlib fills them): each entry as
    written (a long one broken onto two lines), and the size it takes, in points."""

    texts: list[str]
    columns: int
    rows: int
    width: float
    height: float
    size: float = LEGEND_PT

    @property
    def broken(self) -> int:
        """How many lines the broken entries add."""
        return sum(text.count("\n") for text in self.texts)


def legend_keys(measured: Sequence[Point], baseline: Point | None, history: Sequence[Point],
                target: Point | None, required_path: Sequence[Point], projection: Sequence[Point],
                verdict_basis: Point | None = None, breaks: Sequence[int] = (), gaps: Sequence[int] = ()) -> list[str]:
    """What the legend lists: only what is drawn. "Measured" needs a figure besides the baseline;
    "gap" (no figure) is one entry however many years have none."""
    drawn = {
        "gap": bool(gaps),
        "basis": verdict_basis is not None,
        "measured": any(baseline is None or p.year != baseline.year for p in measured),
        "baseline": baseline is not None,
        "history": bool(history),
        "target": target is not None,
        "path": bool(required_path),
        "projection": bool(projection),
        "break": bool(breaks),
    }
    return [key for key in LEGEND_ORDER if drawn[key]]


def frame(title: str, subtitle: str, foot: str, legend_labels: Sequence[str], measure: Measure) -> ChartLayout:
    """The vertical plan of a chart: title and subtitle on top (wrapped, never cut), legend and
    footer below, the axes in what is left. The legend takes as many columns as fit the width."""
    width_pt = (WIDTH_IN - LEFT_IN - RIGHT_IN) * 72
    title_size = TITLE_PT
    title_lines = wrap(title, width_pt, title_size, True, measure)
    if len(title_lines) > 2:  # a long title: a smaller type before a third line
        title_size = 12.0
        title_lines = wrap(title, width_pt, title_size, True, measure)
    sub_lines = wrap(subtitle, width_pt, SUBTITLE_PT, True, measure) if subtitle else []
    foot_lines = wrap(foot, width_pt, FOOT_PT, False, measure) if foot else []
    legend = fitted_legend(legend_labels, width_pt, WIDTH_IN * HEIGHT_IN * 72 * 72 * LEGEND_SHARE, measure)
    height_pt = HEIGHT_IN * 72
    top = 10 + len(title_lines) * title_size * 1.25 + len(sub_lines) * SUBTITLE_PT * 1.3 + 16
    bottom = 6 + len(foot_lines) * FOOT_PT * 1.3 + 4 + legend.height + 26  # x tick labels: 26
    legend_bottom = (6 + len(foot_lines) * FOOT_PT * 1.3 + 4) / height_pt
    axes = (LEFT_IN / WIDTH_IN, bottom / height_pt, width_pt / (WIDTH_IN * 72), (height_pt - top - bottom) / height_pt)
    return ChartLayout(title_lines, sub_lines, foot_lines, axes, legend.columns, legend.rows, legend_bottom,
                       title_size=title_size, legend_texts=legend.texts, legend_size=legend.size)


def fitted_legend(labels: Sequence[str], width: float, area: float, measure: Measure) -> LegendPlan:
    """The legend's plan within ``area`` square points where it can be: entries on two lines at most
    in the usual type, then on three, then in a smaller type (a narrow figure); the last tried where
    nothing fits."""
    for size in (LEGEND_PT, *LEGEND_SMALLER):
        for lines in (2, 3):
            plan = legend_plan(labels, width, measure, size, max_lines=lines)
            if plan.width * plan.height <= area:
                return plan
    return plan


def legend_plan(labels: Sequence[str], width: float, measure: Measure, size: float = LEGEND_PT,
                handle: float = LEGEND_HANDLE, max_lines: int = 2) -> LegendPlan:
    """The legend's entries in the columns that make it least tall within ``width`` points (on a tie,
    the fewest lines, then the fewest columns): a long entry may be broken between words onto
    ``max_lines`` lines. ``handle``: the handle and the space after it, in font sizes."""
    if not labels:
        return LegendPlan([], 1, 0, 0.0, 0.0, size)
    plans = [plan for columns in range(1, min(len(labels), LEGEND_MAX_COLUMNS) + 1) for even in (False, True)
             if (plan := _in_columns(list(labels), columns, width, measure, (size, handle, max_lines), even))
             is not None]
    if not plans:  # nothing fits, not even one column of entries on two lines: one column, as it comes
        lines = [wrap(label, width - handle * size, size, False, measure) for label in labels]
        return _sized([lines], 1, measure, size, handle)
    # a broken entry must save more than the space between two rows, or it is left whole
    return min(plans, key=lambda p: (round(p.height + LEGEND_GAP * size * p.broken, 3), p.broken, p.columns))


def _in_columns(labels: list[str], columns: int, width: float, measure: Measure,
                style: tuple[float, float, int], even: bool) -> LegendPlan | None:
    """``labels`` in ``columns`` columns no wider than ``width`` together, long entries broken onto
    more lines (``style``: size, handle, at most so many lines) where that makes them fit: the widest
    column's alone, or (``even``) every column wider than the level that makes them fit; None where
    they cannot."""
    size, handle, max_lines = style
    base, extra = divmod(len(labels), columns)
    groups: list[list[list[str]]] = []
    start = 0
    for count in [base + 1] * extra + [base] * (columns - extra):  # as numpy's array_split: the first ones longer
        groups.append([[label] for label in labels[start:start + count]])
        start += count
    widths = [max(measure(entry[0], size, False) for entry in group) for group in groups]
    over = columns * handle * size + (columns - 1) * LEGEND_SPACING * size + 2 * LEGEND_BORDER * size \
        + sum(widths) - width
    if over > 0:
        caps = _level(widths, over) if even else [w - over if w == max(widths) else w for w in widths]
        for n, cap in enumerate(caps):
            if cap < widths[n]:
                broken = [_phrases(entry[0], cap, size, measure) for entry in groups[n]]
                if cap <= 0 or any(len(lines) > max_lines or " ".join(lines) != entry[0]
                                   for lines, entry in zip(broken, groups[n], strict=True)):
                    return None  # too many lines, or a word broken: not in this many columns
                groups[n] = broken
    return _sized(groups, columns, measure, size, handle)


def _phrases(text: str, width: float, size: float, measure: Measure) -> list[str]:
    """A legend entry in lines no wider than ``width``, broken between words but never inside
    brackets: "Projection" and "(linear trend)", never "Projection (linear" and "trend)"."""
    glue = "\u2060"  # not a space to str.split, measured as one
    depth, glued = 0, []
    for char in text:
        depth += (char == "(") - (char == ")")
        glued.append(glue if char == " " and depth > 0 else char)

    def spaced(line: str, points: float, bold: bool) -> float:
        return measure(line.replace(glue, " "), points, bold)

    return [line.replace(glue, " ") for line in wrap("".join(glued), width, size, False, spaced)]


def _level(widths: Sequence[float], over: float) -> list[float]:
    """The widths cut down to one level, the widest first, so that together they lose ``over``."""
    ranked = sorted(widths, reverse=True)
    for n in range(1, len(ranked) + 1):
        level = (sum(ranked[:n]) - over) / n
        if n == len(ranked) or level >= ranked[n]:
            return [min(w, level) for w in widths]
    return list(widths)


def _sized(groups: list[list[list[str]]], columns: int, measure: Measure, size: float, handle: float) -> LegendPlan:
    """The plan of entries laid out in ``groups`` (columns of entries of lines), with its size."""
    widths = [max(measure(line, size, False) for entry in group for line in entry) + handle * size for group in groups]
    heights = [sum(len(entry) for entry in group) * LEGEND_LINE * size + (len(group) - 1) * LEGEND_GAP * size
               for group in groups]
    return LegendPlan(["\n".join(entry) for group in groups for entry in group], columns,
                      max(len(group) for group in groups),
                      sum(widths) + (len(groups) - 1) * LEGEND_SPACING * size + 2 * LEGEND_BORDER * size,
                      max(heights) + 2 * LEGEND_BORDER * size, size)


# --- value labels ---------------------------------------------------------------------------------

GAP = 6.0
DIRECTIONS = {  # offset in points, and the alignment that puts the text on that side of the point
    "N": ((0, GAP), "center", "bottom"), "S": ((0, -GAP), "center", "top"),
    "E": ((GAP + 2, 0), "left", "center"), "W": ((-GAP - 2, 0), "right", "center"),
    "NE": ((GAP, GAP * 0.8), "left", "bottom"), "NW": ((-GAP, GAP * 0.8), "right", "bottom"),
    "SE": ((GAP, -GAP * 0.8), "left", "top"), "SW": ((-GAP, -GAP * 0.8), "right", "top"),
    "N2": ((0, GAP * 2.6), "center", "bottom"), "S2": ((0, -GAP * 2.6), "center", "top"),
}
PREFERENCE = {
    "baseline": ("N", "NW", "W", "S", "SW", "NE", "SE", "N2", "S2", "E"),
    "latest": ("N", "NE", "E", "S", "SE", "NW", "SW", "N2", "S2", "W"),
    "basis": ("N2", "NE", "NW", "SE", "SW", "S2", "E", "W", "N", "S"),  # clear of the ring around its point
    "target": ("N", "S", "W", "NW", "SW", "E", "NE", "SE", "N2", "S2"),
    "projection": ("E", "SE", "NE", "S", "N", "SW", "NW", "W", "S2", "N2"),
    "off_chart": ("W", "SW", "NW", "S", "N"),
}


def _box(anchor: tuple[float, float], direction: str, width: float, height: float) -> tuple[float, float, float, float]:
    (dx, dy), ha, va = DIRECTIONS[direction]
    x, y = anchor[0] + dx, anchor[1] + dy
    x0 = x - width / 2 if ha == "center" else x if ha == "left" else x - width
    y0 = y - height / 2 if va == "center" else y if va == "bottom" else y - height
    return (x0, y0, x0 + width, y0 + height)


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _crosses(box: tuple[float, float, float, float], p: tuple[float, float], q: tuple[float, float]) -> bool:
    """Whether the segment p–q passes through the box (Liang–Barsky clipping)."""
    x0, y0, x1, y1 = box
    dx, dy = q[0] - p[0], q[1] - p[1]
    lo, hi = 0.0, 1.0
    for edge_p, edge_q in ((-dx, p[0] - x0), (dx, x1 - p[0]), (-dy, p[1] - y0), (dy, y1 - p[1])):
        if edge_p == 0:
            if edge_q < 0:
                return False
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            lo = max(lo, t)
        else:
            hi = min(hi, t)
        if lo > hi:
            return False
    return True


@dataclass
class Scene:
    """What is drawn on the axes, in figure points: the points and lines labels must stay clear of."""

    to_points: Callable[[float, float], tuple[float, float]]
    area: tuple[float, float, float, float]  # the axes' box: labels stay inside it
    from_points: Callable[[float, float], tuple[float, float]] | None = None  # the inverse of to_points
    points: list[tuple[float, float]] = field(default_factory=list)
    lines: list[list[tuple[float, float]]] = field(default_factory=list)
    soft_lines: list[list[tuple[float, float]]] = field(default_factory=list)  # faint: avoided if possible

    def add_points(self, points: Sequence[Point]) -> None:
        self.points += [self.to_points(p.year, p.value) for p in points]

    def add_line(self, points: Sequence[Point], soft: bool = False) -> None:
        if len(points) >= 2:
            (self.soft_lines if soft else self.lines).append([self.to_points(p.year, p.value) for p in points])


def place(scene: Scene, wanted: Sequence[tuple[str, str, tuple[float, float]]], measure: Measure,
          size: float = LABEL_PT) -> list[Label]:
    """Each wanted (kind, text, (year, value)) label on the first side of its point, in that kind's
    order of preference, where it stays inside the axes and touches no point, no line and no label
    placed before it; where no side is clear, the side with the fewest clashes."""
    placed: list[Label] = []
    pad = 2.0
    for kind, text, xy in wanted:
        anchor = scene.to_points(*xy)
        width, height = measure(text, size, kind == "target") + 2 * pad, size * 1.25 + pad
        candidates = [(xy, anchor, direction) for direction in PREFERENCE[kind]]
        if kind == "off_chart" and scene.from_points is not None:
            # a note about a line that left the axes may stand in any corner, the nearest first
            x0, y0, x1, y1 = scene.area
            top = anchor[1] > (y0 + y1) / 2
            corners = [((x1 - 2, y1 - 2), "SW"), ((x0 + 2, y1 - 2), "SE"), ((x1 - 2, y0 + 2), "NW"),
                       ((x0 + 2, y0 + 2), "NE")]
            if not top:
                corners = corners[2:] + corners[:2]
            candidates += [(scene.from_points(*corner), corner, direction) for corner, direction in corners]
        best = None
        for rank, (where, anchor, direction) in enumerate(candidates):
            box = _box(anchor, direction, width, height)
            outside = not (box[0] >= scene.area[0] and box[2] <= scene.area[2]
                           and box[1] >= scene.area[1] and box[3] <= scene.area[3])
            hard = sum(_overlaps(box, (x - 4.5, y - 4.5, x + 4.5, y + 4.5)) for x, y in scene.points)
            hard += sum(_crosses(box, line[i], line[i + 1]) for line in scene.lines for i in range(len(line) - 1))
            hard += sum(_overlaps(box, other.box) for other in placed)
            soft = sum(_crosses(box, line[i], line[i + 1]) for line in scene.soft_lines
                       for i in range(len(line) - 1))
            score = (outside, hard, soft, rank)
            if best is None or score < best[0]:
                best = (score, direction, box, where)
            if not outside and not hard and not soft:
                break
        (score, direction, box, where) = best
        (dx, dy), ha, va = DIRECTIONS[direction]
        placed.append(Label(kind, text, tuple(where), (dx, dy), ha, va, box, clear=not any(score[:3])))
    return placed
