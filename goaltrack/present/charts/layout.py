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
LEGEND_ORDER = ("measured", "baseline", "history", "target", "path", "projection", "basis", "break")


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


def legend_keys(measured: Sequence[Point], baseline: Point | None, history: Sequence[Point],
                target: Point | None, required_path: Sequence[Point], projection: Sequence[Point],
                verdict_basis: Point | None = None, breaks: Sequence[int] = ()) -> list[str]:
    """What the legend lists: only what is drawn. "Measured" needs a figure besides the baseline."""
    drawn = {
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
    footer below, the axes in what is left."""
    width_pt = (WIDTH_IN - LEFT_IN - RIGHT_IN) * 72
    title_size = TITLE_PT
    title_lines = wrap(title, width_pt, title_size, True, measure)
    if len(title_lines) > 2:  # a long title: a smaller type before a third line
        title_size = 12.0
        title_lines = wrap(title, width_pt, title_size, True, measure)
    sub_lines = wrap(subtitle, width_pt, SUBTITLE_PT, True, measure) if subtitle else []
    foot_lines = wrap(foot, width_pt, FOOT_PT, False, measure) if foot else []
    columns = 3
    while columns > 1:
        widest = max((measure(label, LEGEND_PT, False) for label in legend_labels), default=0)
        if columns * (widest + 3.2 * LEGEND_PT + 2.0 * LEGEND_PT) <= width_pt:
            break
        columns -= 1
    rows = -(-len(legend_labels) // columns) if legend_labels else 0
    height_pt = HEIGHT_IN * 72
    top = 10 + len(title_lines) * title_size * 1.25 + len(sub_lines) * SUBTITLE_PT * 1.3 + 16
    bottom = 6 + len(foot_lines) * FOOT_PT * 1.3 + 6 + rows * LEGEND_PT * 1.75 + 26  # x tick labels: 26
    legend_bottom = (6 + len(foot_lines) * FOOT_PT * 1.3 + 4) / height_pt
    axes = (LEFT_IN / WIDTH_IN, bottom / height_pt, width_pt / (WIDTH_IN * 72), (height_pt - top - bottom) / height_pt)
    return ChartLayout(title_lines, sub_lines, foot_lines, axes, columns, rows, legend_bottom, title_size=title_size)


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
