"""Drawing a goal's chart and the overview of small multiples, with matplotlib.

``matplotlib.figure.Figure`` directly, never pyplot, and matplotlib imported only inside the functions.
The layout is fixed by hand (``chart_layout``, with goaltrack.present.charts.layout): constrained
layout would cost more time than the drawing itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from goaltrack.domain import progress
from goaltrack.domain.progress import Point
from goaltrack.domain.units import counts
from goaltrack.present.charts import layout
from goaltrack.present.charts.data import (
    CATEGORY_COLOUR,
    VERDICT_COLOUR,
    ChartData,
    axis_limits,
    basis_word,
    foot_text,
    legend_keys,
    legend_labels,
    value_formatter,
    value_labels,
    year_range,
)
from goaltrack.present.i18n import CHART_WORDS, LABELS, unit_name
from goaltrack.present.numbers import clip

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


# Text from the data is drawn as written: never read as mathtext ("$5 $6" would crash or be typeset)
# nor handed to TeX, whatever the user's matplotlibrc says.
PLAIN = {"parse_math": False, "usetex": False}


INK, QUIET, PATH_COLOUR, TARGET_COLOUR = "#222222", "#9A9A9A", "#555555", "#000000"
DEFAULT_DPI = 150  # 1200 × 750 pixels by default (8 × 5 inches)
_MEASURE_CACHE: dict[tuple[str, float, bool], float] = {}


def measure_text(text: str, size: float, bold: bool) -> float:
    """The width of ``text`` in points, as matplotlib will draw it (DejaVu Sans, no mathtext)."""
    key = (text, size, bold)
    if key not in _MEASURE_CACHE:
        from matplotlib.font_manager import FontProperties
        from matplotlib.textpath import TextToPath

        prop = FontProperties(size=size, weight="bold" if bold else "normal")
        width, _height, _descent = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
        _MEASURE_CACHE[key] = width
    return _MEASURE_CACHE[key]


def chart_layout(data: ChartData, lang: str, measure: layout.Measure | None = None) -> layout.ChartLayout:
    """Every decision of a goal's chart, before drawing: the wrapped title, subtitle and footer, the
    legend's columns, the axes' box, and where each value label goes."""
    measure = measure or measure_text
    plan = layout.frame(data.title, data.subtitle, foot_text(data, lang), legend_labels(data, lang), measure)
    left, bottom_f, width_f, height_f = plan.axes
    fig_w, fig_h = layout.WIDTH_IN * 72, layout.HEIGHT_IN * 72  # read at each call: a test may narrow them
    x0, y0, w, h = left * fig_w, bottom_f * fig_h, width_f * fig_w, height_f * fig_h
    first, last = year_range(data)
    xmin, xmax = first - 0.6, last + 0.6
    ymin, ymax, _cut = axis_limits(data)

    def to_points(year: float, value: float) -> tuple[float, float]:
        return (x0 + (year - xmin) / (xmax - xmin) * w, y0 + (clip(value) - ymin) / (ymax - ymin) * h)

    def from_points(x: float, y: float) -> tuple[float, float]:
        return (xmin + (x - x0) / w * (xmax - xmin), ymin + (y - y0) / h * (ymax - ymin))

    scene = layout.Scene(to_points, (x0, y0, x0 + w, y0 + h), from_points)
    shown = [p for p in data.projection[-1:] if ymin <= p.value <= ymax]
    scene.add_points(data.measured + data.history + data.derived + shown
                     + [p for p in (data.baseline, data.target) if p] + [Point(year, ymin) for year in data.gaps])
    for segment in data.segments:
        scene.add_line(segment)
    scene.add_line(data.history)
    if data.history and data.measured:
        scene.add_line([data.history[-1], data.measured[0]])
    scene.add_line(data.required_path)
    scene.add_line(data.projection)  # where it leaves the axes too: the segment still crosses what is inside
    if data.target is not None:
        scene.add_line([Point(xmin, data.target.value), Point(xmax, data.target.value)], soft=True)
    plan.labels = layout.place(scene, value_labels(data, lang), measure)
    return plan


def _year_axis(ax: Axes, first: int, last: int) -> None:
    """Whole years on the x axis, from ``first`` to ``last`` with a little room either side."""
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(first - 0.6, last + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))


def _style_axes(ax: Axes) -> None:
    """Quiet axes: no top or right spine, grey ticks, a faint horizontal grid behind the figures."""
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#BBBBBB")
    ax.tick_params(colors="#444444", labelsize=9)
    ax.grid(axis="y", color="#E6E6E6", linewidth=0.8)
    ax.set_axisbelow(True)


def plot_goal(ax: Axes, data: ChartData, lang: str, small: bool = False) -> None:
    """Draw one goal's data on an axes; shared by the goal chart and the overview's panels. Every
    artist with a legend label is one the legend lists (layout.legend_keys)."""
    from matplotlib.ticker import FuncFormatter, MaxNLocator

    marker = 3.5 if small else 6
    _style_axes(ax)
    first, last = year_range(data)
    _year_axis(ax, first, last)
    bottom, top, _cut = axis_limits(data)
    ax.set_ylim(bottom, top)
    if counts(data.unit) and top - bottom < 10:  # a few persons: whole ticks, never 0, 0, 0, 1, 1, 1
        ax.yaxis.set_major_locator(MaxNLocator(integer=True, min_n_ticks=2))
    ax.yaxis.set_major_formatter(FuncFormatter(value_formatter(data.unit, lang)))
    _plot_road(ax, data, lang, marker, last)
    _plot_series(ax, data, lang, marker, small, (bottom, top))
    _plot_marks(ax, data, lang, marker, small)
    if not small:  # the overview's small panels stay quiet: their legend is of colours only
        _plot_gaps(ax, data, lang)


def _plot_gaps(ax: Axes, data: ChartData, lang: str) -> None:
    """A hollow triangle standing on the x axis at each year inside the series without a figure (one
    legend entry for them all): a withheld figure is a gap in the line, and said to be one."""
    from matplotlib.transforms import ScaledTranslation

    if not data.gaps:
        return
    lift = ScaledTranslation(0, 2.6 / 72, ax.figure.dpi_scale_trans)  # standing on the axis line, not above it
    ax.plot(list(data.gaps), [0.0] * len(data.gaps), transform=ax.get_xaxis_transform() + lift, marker="^",
            markersize=6, markerfacecolor="white", markeredgecolor="#777777", markeredgewidth=1.1,
            linestyle="none", clip_on=False, label=CHART_WORDS[lang]["gap"], zorder=6)


def _plot_road(ax: Axes, data: ChartData, lang: str, marker: float, last: int) -> None:
    """The deadline, the required path and the target."""
    words = CHART_WORDS[lang]
    if data.deadline is not None and data.deadline <= last:
        ax.axvline(data.deadline, color="#CCCCCC", linewidth=1, linestyle=(0, (1, 2)), zorder=1)
    if data.required_path:
        ax.plot([p.year for p in data.required_path], [clip(p.value) for p in data.required_path],
                color=PATH_COLOUR, linewidth=1.2, linestyle=(0, (5, 3)), label=words["path"], zorder=2)
    if data.target is not None:
        ax.axhline(clip(data.target.value), color=TARGET_COLOUR, linewidth=0.6, alpha=0.25, zorder=1)
        ax.plot([data.target.year], [clip(data.target.value)], marker="D", markersize=marker + 2, color=TARGET_COLOUR,
                linestyle="none", label=data.target_label or words["target"], zorder=5)


def _plot_series(ax: Axes, data: ChartData, lang: str, marker: float, small: bool,
                 limits: tuple[float, float]) -> None:
    """The figures: the quiet history, the projection, the measured figures and the derived ones."""
    words, colour, (bottom, top) = CHART_WORDS[lang], data.colour, limits
    if data.history:
        ax.plot([p.year for p in data.history], [clip(p.value) for p in data.history], color=QUIET, linewidth=1,
                marker="o", markersize=marker * 0.7, label=words["history"], zorder=3)
        if data.measured:  # join the quiet history to the baseline, so the series reads as one
            joint = [data.history[-1], data.measured[0]]
            ax.plot([p.year for p in joint], [clip(p.value) for p in joint], color=QUIET, linewidth=1,
                    linestyle=":", zorder=3)
    if data.projection:
        ax.plot([p.year for p in data.projection], [clip(p.value) for p in data.projection],  # clipped by the axes
                color=colour, linewidth=1.3, linestyle=(0, (1, 1.5)), alpha=0.9, label=words["projection"], zorder=3)
        end = data.projection[-1]
        if bottom <= clip(end.value) <= top:
            ax.plot([end.year], [clip(end.value)], marker="o", markersize=marker, markerfacecolor="white",
                    markeredgecolor=colour, linestyle="none", zorder=4)
    for n, segment in enumerate(data.segments):  # the baseline alone is drawn as the baseline, not as a series
        ax.plot([p.year for p in segment], [clip(p.value) for p in segment], color=colour,
                linewidth=2.2 if not small else 1.6, marker="o", markersize=marker,
                label=words["measured"] if n == 0 and "measured" in legend_keys(data) else None, zorder=4)
    for n, year in enumerate(data.breaks):  # a series break: a gap in the line, and a mark where it falls
        ax.axvline(year - 0.5, color=QUIET, linewidth=1, linestyle=(0, (4, 3)), zorder=2,
                   label=words["break"] if n == 0 else None)
    if data.derived:  # summed, not published: hollow, and said so in the legend
        ax.plot([p.year for p in data.derived], [p.value for p in data.derived], marker="o",
                markersize=marker + 1, markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.6,
                linestyle="none", label=data.derived_label, zorder=5)


def _plot_marks(ax: Axes, data: ChartData, lang: str, marker: float, small: bool) -> None:
    """The baseline's square, and the ring around the figure that decided the verdict."""
    if data.baseline is not None:
        ax.plot([data.baseline.year], [clip(data.baseline.value)], marker="s", markersize=marker + 1,
                markerfacecolor="white", markeredgecolor=INK, markeredgewidth=1.4, linestyle="none",
                label=CHART_WORDS[lang]["baseline"], zorder=6)
    if data.verdict_basis is not None:  # the figure that decided the verdict: a ring around its point;
        # grey, and not said to decide, where it is too old to decide anything
        ax.plot([data.verdict_basis.year], [clip(data.verdict_basis.value)], marker="o", markersize=marker * 2.3,
                markerfacecolor="none", markeredgecolor=VERDICT_COLOUR[progress.UNKNOWN] if data.basis_too_old else INK,
                markeredgewidth=1.5 if not small else 1.1, linestyle="none", label=basis_word(data, lang), zorder=6)


def draw_goal(data: ChartData, lang: str = "en", dpi: int = DEFAULT_DPI) -> Figure:
    """A goal's chart, laid out by ``chart_layout``: title and subtitle, the axes with their value
    labels, the legend and the footer."""
    from matplotlib.figure import Figure

    plan = chart_layout(data, lang)
    fig = Figure(figsize=(layout.WIDTH_IN, layout.HEIGHT_IN), dpi=dpi, facecolor="white")
    ax = fig.add_axes(plan.axes)
    plot_goal(ax, data, lang)
    ax.set_ylabel(unit_name(data.unit, lang), fontsize=9, color="#444444")
    _draw_value_labels(ax, data, plan)
    _draw_headings(fig, data, plan)
    _draw_legend(fig, ax, data, lang, plan)
    left, fig_h, y = plan.axes[0], layout.HEIGHT_IN * 72, 6
    for line in reversed(plan.foot):
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=layout.FOOT_PT, color="#666666", ha="left",
                 va="bottom")
        y += layout.FOOT_PT * 1.3
    return fig


def _draw_value_labels(ax: Axes, data: ChartData, plan: layout.ChartLayout) -> None:
    """The values written beside their points, where ``plan`` placed them."""
    colour = data.colour
    for label in plan.labels:
        quiet = label.kind == "basis" and data.basis_too_old  # decided nothing: grey, not bold
        ink = TARGET_COLOUR if label.kind == "target" else _ink(colour) if label.kind in ("projection", "off_chart") \
            else _ink(VERDICT_COLOUR[progress.UNKNOWN]) if quiet else INK
        ax.annotate(label.text, xy=label.xy, xytext=label.offset, textcoords="offset points", ha=label.ha,
                    va=label.va, fontsize=layout.LABEL_PT, color=ink, annotation_clip=False, **PLAIN,
                    fontweight="bold" if label.kind in ("target", "basis") and not quiet else "normal", zorder=7,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def _draw_headings(fig: Figure, data: ChartData, plan: layout.ChartLayout) -> None:
    """The title's and the subtitle's lines, from the top of the figure down."""
    left, fig_h = plan.axes[0], layout.HEIGHT_IN * 72
    y = fig_h - 10
    for line in plan.title:
        y -= plan.title_size * 1.25
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=plan.title_size, fontweight="bold", color=INK, ha="left",
                 va="baseline")
    for line in plan.subtitle:
        y -= layout.SUBTITLE_PT * 1.3
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=layout.SUBTITLE_PT, color=_ink(data.colour), ha="left",
                 va="baseline", fontweight="bold")


def _draw_legend(fig: Figure, ax: Axes, data: ChartData, lang: str, plan: layout.ChartLayout) -> None:
    """The legend under the axes: what is drawn, in the order ``legend_labels`` gives, in the columns
    and with the entries as ``plan`` writes them (a long one on two lines)."""
    handles, labels = ax.get_legend_handles_labels()
    order = legend_labels(data, lang)
    written = dict(zip(order, plan.legend_texts, strict=True)) if len(plan.legend_texts) == len(order) else {}
    legend = sorted((item for item in zip(handles, labels, strict=True) if item[1] in order),
                    key=lambda item: order.index(item[1]))
    if legend:
        drawn = fig.legend([h for h, _ in legend], [written.get(label, label) for _, label in legend], loc="lower left",
                           bbox_to_anchor=(plan.axes[0] - 0.015, plan.legend_bottom), ncol=plan.legend_columns,
                           frameon=False, fontsize=plan.legend_size, handlelength=2.4, columnspacing=2.0,
                           borderaxespad=0.2)
        for text in drawn.get_texts():  # a derived target's label names a scope: data, never mathtext
            text.set_parse_math(False)


OVERVIEW_TITLE_PT, OVERVIEW_TICK_PT = 10.0, 8.5
PANEL_W, PANEL_H = 3.6, 3.0  # the overview's panels, in inches
OVERVIEW_TOP_IN, OVERVIEW_BOTTOM_IN = 0.95, 0.55  # above the panels: the title; below: the legend of colours
OVERVIEW_LEFT_IN, PANEL_GAP_IN, PANEL_ABOVE_IN, PANEL_BELOW_IN = 0.7, 0.75, 0.85, 0.35  # around each panel's axes


def overview_title(data: ChartData, width_pt: float, measure: layout.Measure | None = None) -> list[str]:
    """A panel's title in lines of at most ``width_pt`` points: whole, never cut."""
    return layout.wrap(data.goal_title, width_pt, OVERVIEW_TITLE_PT, True, measure or measure_text)


def draw_overview(items: Sequence[ChartData], lang: str = "en", dpi: int = DEFAULT_DPI, title: str = "",
                  summary: str = "") -> Figure:
    """Small multiples: a panel a goal, each coloured by its verdict once the deadline has passed and
    by its category before (or without a deadline), with a legend of the colours. A goal without any
    figure gets a small panel that says so, and no axes that would be made up."""
    from matplotlib.figure import Figure

    words = CHART_WORDS[lang]
    columns = 3 if len(items) > 4 else max(1, min(2, len(items)))
    rows = max(1, -(-len(items) // columns))
    width = max(PANEL_W * columns, layout.WIDTH_IN)
    groups = legend_groups(items, lang)
    plans, side_by_side, below = overview_legend(groups, width)
    height = PANEL_H * rows + OVERVIEW_TOP_IN + max(OVERVIEW_BOTTOM_IN, below)
    fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    # the last panel ends 0.25 in from the edge
    cell_w = (width - OVERVIEW_LEFT_IN + PANEL_GAP_IN - 0.25) / columns
    axes_w = cell_w - PANEL_GAP_IN
    for index, data in enumerate(items):
        row, col = divmod(index, columns)
        x = (OVERVIEW_LEFT_IN + col * cell_w) / width
        y = (height - OVERVIEW_TOP_IN - (row + 1) * PANEL_H + PANEL_BELOW_IN) / height
        ax = fig.add_axes((x, y, axes_w / width, (PANEL_H - PANEL_ABOVE_IN - PANEL_BELOW_IN) / height))
        _overview_panel(ax, data, lang, axes_w)
    as_of = items[0].as_of if items else ""
    room = (width - OVERVIEW_LEFT_IN - 0.25) * 72  # a long set's name gets a smaller type, never cut
    title = title or words["overview"]
    fig.text(OVERVIEW_LEFT_IN / width, 1 - 0.38 / height, title, **PLAIN, fontweight="bold", color=INK, ha="left",
             va="center", fontsize=min(16.0, 16.0 * room / max(1.0, measure_text(title, 16.0, True))))
    made = f"goaltrack, {words['as_of']} {as_of}"  # and the summary's counts (goaltrack.judging.summary)
    made = f"{summary} · {made}" if summary else made
    fig.text(OVERVIEW_LEFT_IN / width, 1 - 0.70 / height, made, color="#666666", ha="left", va="center",
             parse_math=False, fontsize=min(10.0, 10.0 * room / max(1.0, measure_text(made, 10.0, False))))
    _overview_legend(fig, groups, plans, side_by_side, height)
    return fig


def _overview_panel(ax: Axes, data: ChartData, lang: str, axes_w: float) -> None:
    """One goal's panel, ``axes_w`` inches wide: its figures on a tinted ground with its title and its
    verdict or category above; without any figure, a quiet panel that says so, with no scale."""
    colour = data.colour
    lines = overview_title(data, axes_w * 72)
    if data.drawable:
        plot_goal(ax, data, lang, small=True)
        ax.tick_params(labelsize=OVERVIEW_TICK_PT)
        for side in ("left", "bottom"):
            ax.spines[side].set_color(colour)
            ax.spines[side].set_linewidth(1.6)
        ax.set_facecolor(_tint(colour))
        note, note_colour = data.verdict_label or LABELS[lang][data.category], _ink(colour)
    else:  # no figure at all: a quiet panel, no scale
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_color("#DDDDDD")
        ax.set_facecolor("#FAFAFA")
        ax.text(0.5, 0.5, CHART_WORDS[lang]["no_data"], transform=ax.transAxes, ha="center", va="center",
                color="#777777", fontsize=OVERVIEW_TITLE_PT)
        note, note_colour = "", colour
    lift = 0.2 / (PANEL_H - PANEL_ABOVE_IN - PANEL_BELOW_IN)  # the title stands above the category's line
    ax.text(0.0, 1.0 + lift, "\n".join(lines), **PLAIN, transform=ax.transAxes, fontsize=OVERVIEW_TITLE_PT,
            color=INK, fontweight="bold", ha="left", va="bottom", linespacing=1.15)
    if note:  # a long verdict label gets a smaller type rather than running into the next panel
        size = min(9.0, 9.0 * axes_w * 72 / max(1.0, measure_text(note, 9.0, True)))
        ax.text(0.0, 1.02, note, **PLAIN, transform=ax.transAxes, fontsize=size, color=note_colour,
                fontweight="bold", ha="left", va="bottom")


OVERVIEW_LEGEND_PT, OVERVIEW_LEGEND_TITLE_PT, PATCH_HANDLE = 10.0, 9.5, 2.8  # a patch and the space after it
OVERVIEW_LEGEND_ANCHOR_IN, OVERVIEW_LEGEND_SEP_IN = 0.05, 0.08  # the legend's foot above the edge; between two


def legend_groups(items: Sequence[ChartData], lang: str) -> list[tuple[str, list[str], list[str]]]:
    """The overview's legends of colours, (title, labels, colours): the verdicts shown, then the categories."""
    words = CHART_WORDS[lang]
    verdicts = [v for v in VERDICT_COLOUR if any(d.verdict == v and d.drawable for d in items)]
    shown = [c for c in CATEGORY_COLOUR if any(d.verdict is None and d.category == c and d.drawable for d in items)]
    groups = [(words["legend_verdict"], [LABELS[lang][v] for v in verdicts], [VERDICT_COLOUR[v] for v in verdicts]),
              (words["legend_category"] if verdicts else "", [LABELS[lang][c] for c in shown],
               [CATEGORY_COLOUR[c] for c in shown])]
    return [group for group in groups if group[1]]


def overview_legend(groups: Sequence[tuple[str, list[str], list[str]]], width_in: float,
                    measure: layout.Measure | None = None) -> tuple[list[layout.LegendPlan], bool, float]:
    """The colours' legends planned: side by side where each fits whole on one line in 40 % of the
    width, else one above the other, each in as many columns as fit the width; and the inches they
    take below the panels."""
    measure = measure or measure_text
    room = width_in * 72 - 36  # half an inch spare
    half = width_in * 72 * 0.4 - 6  # side by side, centred at 30 % and 70 % of the width: 40 % each at most
    plans = [layout.legend_plan(labels, half, measure, OVERVIEW_LEGEND_PT, PATCH_HANDLE) for _, labels, _ in groups]
    side_by_side = len(groups) <= 2 and all(
        plan.rows <= 1 and not plan.broken and plan.width <= half
        and measure(name, OVERVIEW_LEGEND_TITLE_PT, False) <= half
        for plan, (name, _, _) in zip(plans, groups, strict=True))
    if not side_by_side:
        plans = [layout.legend_plan(labels, room, measure, OVERVIEW_LEGEND_PT, PATCH_HANDLE) for _, labels, _ in groups]
    heights = [_legend_height(name, plan) for plan, (name, _, _) in zip(plans, groups, strict=True)]
    used = max(heights, default=0.0) if side_by_side \
        else sum(heights) + OVERVIEW_LEGEND_SEP_IN * 72 * (len(heights) - 1)
    return plans, side_by_side, OVERVIEW_LEGEND_ANCHOR_IN + used / 72 + 0.1


def _overview_legend(fig: Figure, groups: Sequence[tuple[str, list[str], list[str]]],
                     plans: Sequence[layout.LegendPlan], side_by_side: bool, height: float) -> None:
    """The colours' legends at the foot, as ``overview_legend`` planned them: side by side, or the
    verdicts above the categories."""
    from matplotlib.patches import Patch

    feet = [OVERVIEW_LEGEND_ANCHOR_IN * 72] * len(groups)  # in points; stacked, each above the ones after it
    if not side_by_side:
        for i in range(len(groups) - 2, -1, -1):
            feet[i] = feet[i + 1] + _legend_height(groups[i + 1][0], plans[i + 1]) + OVERVIEW_LEGEND_SEP_IN * 72
    for i, ((name, _labels, colours), plan) in enumerate(zip(groups, plans, strict=True)):
        centre = 0.5 if len(groups) == 1 or not side_by_side else (0.3, 0.7)[i]
        handles = [Patch(facecolor=colour, label=text) for text, colour in zip(plan.texts, colours, strict=True)]
        drawn = fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(centre, feet[i] / 72 / height),
                           ncol=plan.columns, frameon=False, fontsize=OVERVIEW_LEGEND_PT, title=name or None,
                           title_fontsize=OVERVIEW_LEGEND_TITLE_PT)
        for text in drawn.get_texts():
            text.set_parse_math(False)


def _legend_height(name: str, plan: layout.LegendPlan) -> float:
    """A legend of colours' height in points: its title, its entries, and matplotlib's space around it."""
    return plan.height + (OVERVIEW_LEGEND_TITLE_PT * 1.5 if name else 0) + OVERVIEW_LEGEND_PT * 0.5


def _ink(colour: str) -> str:
    """A colour for text: grey (unknown, insufficient data) darkened, to be read on white."""
    return "#6E6E6E" if colour == "#999999" else colour


def _tint(colour: str, strength: float = 0.08) -> tuple[float, float, float]:
    """The colour mixed into white: a panel background that says its category without shouting."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - strength * (1 - r), 1 - strength * (1 - g), 1 - strength * (1 - b))
