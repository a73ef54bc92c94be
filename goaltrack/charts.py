"""Progress charts: one per goal, and an overview of small multiples.

``chart_data`` prepares what a chart shows (pure, from the progress module: tested as numbers);
``draw_goal`` and ``draw_overview`` draw it with ``matplotlib.figure.Figure``, never pyplot, and
are the only places matplotlib is imported. Layout is fixed by hand: constrained layout would
cost more time than the drawing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack import progress
from goaltrack.errors import GoaltrackError
from goaltrack.progress import Point
from goaltrack.catalogue import NATION
from goaltrack.i18n import CHART_WORDS, LABELS, unit_name
from goaltrack.render import clip, derived_target_text, distance_text, number, rule_text, target_level_text, verdict_text
from goaltrack.sanitise import printable
from goaltrack.status import GoalStatus

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# Okabe & Ito's palette: told apart by readers with every common kind of colour blindness.
CATEGORY_COLOUR = {
    progress.ACHIEVED: "#009E73",  # bluish green
    progress.SUBSTANTIAL: "#0072B2",  # blue
    progress.MODERATE: "#56B4E9",  # sky blue
    progress.LIMITED: "#E69F00",  # orange
    progress.DETERIORATION: "#D55E00",  # vermillion
    progress.INSUFFICIENT: "#999999",  # grey
}
# Text from the data is drawn as written: never read as mathtext ("$5 $6" would crash or be typeset)
# nor handed to TeX, whatever the user's matplotlibrc says.
PLAIN = {"parse_math": False, "usetex": False}
# After the deadline a chart is coloured by its verdict, from the same palette: met as achieved,
# missed as deterioration, unknown as insufficient data.
VERDICT_COLOUR = {
    progress.MET: "#009E73",  # bluish green
    progress.MISSED: "#D55E00",  # vermillion
    progress.UNKNOWN: "#999999",  # grey
}
INK, QUIET, PATH_COLOUR, TARGET_COLOUR = "#222222", "#9A9A9A", "#555555", "#000000"
WIDTH_IN, HEIGHT_IN, DEFAULT_DPI = 8.0, 5.0, 150  # 1200 × 750 pixels by default

@dataclass(frozen=True)
class ChartData:
    """Everything one goal's chart shows, in data coordinates."""

    goal_id: str
    title: str  # the goal and the scope: "Homeless persons · København (101)"
    subtitle: str
    unit: str
    category: str
    history: list[Point]  # before the baseline year: drawn quietly
    measured: list[Point]  # the baseline and every figure after it, up to as_of
    baseline: Point | None
    target: Point | None
    required_path: list[Point]  # from baseline to target: the straight road
    projection: list[Point]  # the fitted line, year by year, from the first counted figure to the target year
    deadline: int | None
    source: str | None
    as_of: int
    scope: str = NATION  # its code
    scope_label: str = ""  # "København (101)", the end of the title
    target_label: str = ""  # the legend's: "Target ≤ 1,059, scaled from the national target" when derived
    derived: list[Point] = field(default_factory=list)  # figures goaltrack derived (a region's sums)
    derived_label: str = ""  # the legend's: "Sum of 11 municipalities"
    verdict: str | None = None  # after the deadline: met, missed or unknown
    verdict_basis: Point | None = None  # the figure that decided it (marked and labelled)
    verdict_label: str = ""  # "missed · 6,431 (2019)", the overview panel's label after the deadline

    @property
    def colour(self) -> str:
        """The verdict's colour once the deadline has passed, the category's before."""
        return VERDICT_COLOUR[self.verdict] if self.verdict else CATEGORY_COLOUR[self.category]

    @property
    def goal_title(self) -> str:
        """The title without the scope: an overview names its scope once, at the top."""
        suffix = f" · {self.scope_label}"
        return self.title[: -len(suffix)] if self.scope_label and self.title.endswith(suffix) else self.title


def chart_data(status: GoalStatus, as_of: int, lang: str = "en") -> ChartData:
    spec, a, goal = status.spec, status.assessment, status.goal
    counted = progress.counted(spec, status.points, as_of)
    history = [p for p in status.points if p.year <= as_of and spec.baseline is not None
               and p.year < spec.baseline.year]
    target = Point(spec.target_year, spec.target_value) if spec.target_value is not None else None
    road: list[Point] = []
    if spec.baseline is not None and target is not None:
        road = [spec.baseline, target]
    from goaltrack.regions import derived_text

    derived = [p for p in history + counted if status.derived(p) is not None]
    source = a.latest.source if a.latest is not None else goal.source
    if status.derived(a.latest) is not None:
        source = derived_text(status.derived(a.latest), lang)
    target_label = CHART_WORDS[lang]["target"]
    if target is not None and rule_text(status, lang):
        target_label += f" {derived_target_text(status, lang)}"
    return ChartData(
        goal_id=goal.id,
        title=printable(f"{goal.title(lang)} · {status.place.label(lang)}"),  # no control character in a picture
        subtitle=subtitle(status, lang),
        unit=goal.unit,
        category=a.category,
        history=history,
        measured=counted,
        baseline=spec.baseline,
        target=target,
        required_path=road,
        projection=projection_line(spec, counted, a.projection),
        deadline=spec.target_year,
        source=printable(source) if source else source,
        as_of=as_of,
        scope=status.place.code,
        scope_label=printable(status.place.label(lang)),
        target_label=printable(target_label),
        derived=derived,
        derived_label=derived_text(status.derived(derived[-1]), lang).capitalize() if derived else "",
        verdict=a.verdict,
        verdict_basis=a.verdict_basis,
        verdict_label=verdict_text(status, lang),
    )


def projection_line(spec: progress.Goal, counted: Sequence[Point], projection: Point | None) -> list[Point]:
    """The least-squares line of the progress module, year by year from the first counted figure to
    the target year, kept inside the unit's range: it ends at exactly the projection status reports.
    Like the projection, it is fitted through the figures up to the target year only."""
    if projection is None or not counted:
        return []
    line = progress.least_squares(progress.projection_points(spec, counted))
    if line is None:
        return []
    slope, intercept = line
    points = []
    for year in range(min(counted[0].year, projection.year), projection.year + 1):
        value = slope * year + intercept
        if spec.minimum is not None:
            value = max(spec.minimum, value)
        if spec.maximum is not None:
            value = min(spec.maximum, value)
        points.append(Point(year, value))
    return points


def subtitle(status: GoalStatus, lang: str) -> str:
    """Before the deadline: "Deterioration · 1,820 from the target". After it, the verdict with the
    figure that decided it, then the latest state: "Missed: 6,431 in 2019 against ≤ 4,000 · 5,789 in 2022"."""
    words, chart_words, a = LABELS[lang], CHART_WORDS[lang], status.assessment
    if a.verdict is not None:
        return verdict_subtitle(status, lang)
    parts = [words[a.category].capitalize()]
    if a.distance is not None and not a.achieved:  # "achieved" says it already
        parts.append(f"{distance_text(status, lang)} {chart_words['from_target']}")
    elif status.spec.target_year is not None and status.spec.target_value is None:
        parts.append(chart_words["improve"])
    return " · ".join(parts)


def verdict_subtitle(status: GoalStatus, lang: str) -> str:
    words, w, a, spec, unit = LABELS[lang], CHART_WORDS[lang], status.assessment, status.spec, status.goal.unit
    basis = a.verdict_basis

    def figure(point: Point) -> str:
        return f"{number(point.value, unit, lang)} {w['in']} {point.year}"

    head = words[a.verdict].capitalize() + ": "
    if basis is None:
        head += f"{w['no_figure_by']} {spec.target_year}"
    elif progress.basis_too_old(spec, basis):
        head += f"{figure(basis)} {w['too_old']}"
    elif spec.target_value is not None:
        head += f"{figure(basis)} {w['against']} {target_level_text(status, lang)}"
    elif spec.baseline is not None:
        head += f"{figure(basis)} {w['against']} {w['the_baseline']} {number(spec.baseline.value, unit, lang)}"
    else:
        head += f"{figure(basis)}, {w['no_baseline']}"
    if a.latest is None:
        return head
    if a.latest == basis:
        return f"{head} · {w['none_since']}"
    if spec.baseline is not None and a.latest.year == spec.baseline.year:
        return f"{head} · {figure(a.latest)}, {w['the_baseline']}"
    return f"{head} · {figure(a.latest)}"


# --- drawing --------------------------------------------------------------------------------------


def axis_limits(data: ChartData) -> tuple[float, float, Point | None]:
    """y limits that show the figures, baseline, target and path, with room to breathe.

    A projection far outside that range would squash everything else: it may widen the range by
    half at most, and is otherwise cut at the edge (returned, to be labelled there).
    """
    core = [clip(p.value) for p in data.measured + data.history + data.required_path]
    if data.target is not None:
        core.append(clip(data.target.value))
    if not core:
        core = [clip(p.value) for p in data.projection] or [0.0, 1.0]
    low, high = min(core), max(core)
    span = high - low or max(abs(high), 1.0) * 0.5
    cut = None
    if data.projection:
        end = data.projection[-1]
        if clip(end.value) > high + span * 0.5 or clip(end.value) < low - span * 0.5:
            cut = end
        low = min(low, *(max(clip(p.value), low - span * 0.5) for p in data.projection))
        high = max(high, *(min(clip(p.value), high + span * 0.5) for p in data.projection))
    pad = (high - low or span) * 0.12
    bottom, top = low - pad, high + pad
    from goaltrack.units import UNITS

    unit = UNITS[data.unit]
    if unit.minimum is not None and bottom < unit.minimum:
        bottom = unit.minimum
    if unit.maximum is not None and top > unit.maximum:
        top = unit.maximum + pad * 0.3
    return bottom, top, cut


def value_formatter(unit: str, lang: str) -> Callable[[float, int], str]:
    def fmt(value: float, _pos: int = 0) -> str:
        if unit in ("persons", "count"):
            return number(value, unit, lang)
        text = number(value, "score", lang)
        return f"{text} %" if unit == "percent" else text

    return fmt


def _year_axis(ax: Axes, first: int, last: int) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.set_xlim(first - 0.6, last + 0.6)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))


def _style_axes(ax: Axes) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#BBBBBB")
    ax.tick_params(colors="#444444", labelsize=9)
    ax.grid(axis="y", color="#E6E6E6", linewidth=0.8)
    ax.set_axisbelow(True)


def _years(data: ChartData) -> tuple[int, int]:
    years = [p.year for p in data.history + data.measured + data.projection]
    if data.target is not None:
        years.append(data.target.year)
    if data.deadline is not None:
        years.append(data.deadline)
    if not years:
        years = [data.as_of]
    first, last = min(years), max(years)
    return min(first, last - 4), last  # at least five years, so the axis shows whole years


def plot_goal(ax: Axes, data: ChartData, lang: str, small: bool = False) -> None:
    """Draw one goal's data on an axes; shared by the goal chart and the overview's panels."""
    from matplotlib.ticker import FuncFormatter

    words = CHART_WORDS[lang]
    colour = data.colour
    marker = 3.5 if small else 6
    _style_axes(ax)
    first, last = _years(data)
    _year_axis(ax, first, last)
    bottom, top, cut = axis_limits(data)
    ax.set_ylim(bottom, top)
    ax.yaxis.set_major_formatter(FuncFormatter(value_formatter(data.unit, lang)))

    if data.deadline is not None and data.deadline <= last:
        ax.axvline(data.deadline, color="#CCCCCC", linewidth=1, linestyle=(0, (1, 2)), zorder=1)
    if data.required_path:
        ax.plot([p.year for p in data.required_path], [clip(p.value) for p in data.required_path],
                color=PATH_COLOUR, linewidth=1.2, linestyle=(0, (5, 3)), label=words["path"], zorder=2)
    if data.target is not None:
        ax.axhline(clip(data.target.value), color=TARGET_COLOUR, linewidth=0.6, alpha=0.25, zorder=1)
        ax.plot([data.target.year], [clip(data.target.value)], marker="D", markersize=marker + 2, color=TARGET_COLOUR,
                linestyle="none", label=data.target_label or words["target"], zorder=5)
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
            if not small:
                ax.annotate(number(end.value, data.unit, lang), xy=(end.year, clip(end.value)), xytext=(7, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=8.5, color=colour,
                            zorder=7)
    if data.measured:
        ax.plot([p.year for p in data.measured], [clip(p.value) for p in data.measured], color=colour,
                linewidth=2.2 if not small else 1.6, marker="o", markersize=marker, label=words["measured"],
                zorder=4)
    if data.derived:  # summed, not published: hollow, and said so in the legend
        ax.plot([p.year for p in data.derived], [p.value for p in data.derived], marker="o",
                markersize=marker + 1, markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.6,
                linestyle="none", label=data.derived_label, zorder=5)
    if data.baseline is not None:
        ax.plot([data.baseline.year], [clip(data.baseline.value)], marker="s", markersize=marker + 1,
                markerfacecolor="white", markeredgecolor=INK, markeredgewidth=1.4, linestyle="none",
                label=words["baseline"], zorder=6)
    if data.verdict_basis is not None:  # the figure that decided the verdict: a ring around its point
        ax.plot([data.verdict_basis.year], [clip(data.verdict_basis.value)], marker="o", markersize=marker * 2.3,
                markerfacecolor="none", markeredgecolor=INK, markeredgewidth=1.5 if not small else 1.1,
                linestyle="none", label=words["basis"], zorder=6)
    if not data.measured and not data.history:
        ax.text(0.5, 0.5, words["no_data"], transform=ax.transAxes, ha="center", va="center",
                color="#777777", fontsize=8 if small else 11)
        if data.target is None:
            ax.set_yticks([])  # no values at all: a scale would be made up
    if cut is not None and not small:
        edge = top if clip(cut.value) > top else bottom
        ax.annotate(f"{words['projection_short']} {number(cut.value, data.unit, lang)} "
                    f"({cut.year}), {words['off_chart']}",
                    xy=(cut.year, edge), xytext=(-6, -12 if edge == top else 12), textcoords="offset points",
                    ha="right", va="center", fontsize=8, color=colour)


def _label_points(ax: Axes, data: ChartData, lang: str) -> None:
    """Values beside the baseline, the latest figure and the target, pushed apart when they crowd."""
    labels = []
    if data.verdict_basis is not None:
        _label_basis(ax, data, lang)
    if data.baseline is not None:
        labels.append((data.baseline, "left"))
    if data.measured and (data.baseline is None or data.measured[-1] != data.baseline) \
            and data.measured[-1] != data.verdict_basis:
        labels.append((data.measured[-1], "right"))
    if data.target is not None:
        labels.append((data.target, "target"))
    bottom, top = ax.get_ylim()
    span = top - bottom
    placed: list[tuple[float, float]] = []
    for point, kind in labels:
        dy = 10
        for (year, value) in placed:  # two labels near each other: put this one below
            if abs(year - point.year) < 2.5 and abs(value - clip(point.value)) < span * 0.08:
                dy = -14
        placed.append((point.year, clip(point.value)))
        text = number(point.value, data.unit, lang)
        ax.annotate(text, xy=(point.year, clip(point.value)), xytext=(0, dy), textcoords="offset points",
                    ha="center", va="bottom" if dy > 0 else "top", fontsize=9,
                    color=TARGET_COLOUR if kind == "target" else INK,
                    fontweight="bold" if kind == "target" else "normal", zorder=7,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


# Where the verdict basis's label may go, in points from it: (dx, dy, ha, va), tried in this order.
BASIS_SPOTS = ((0, 16, "center", "bottom"), (-12, -12, "right", "top"), (12, -12, "left", "top"),
               (-12, 12, "right", "bottom"), (12, 12, "left", "bottom"), (0, -18, "center", "top"))


def _label_basis(ax: Axes, data: ChartData, lang: str) -> None:
    """"6,431 (2019)" beside the ringed point that decided the verdict, in the spot its lines cross least."""
    point = data.verdict_basis
    text = f"{number(point.value, data.unit, lang)} ({point.year})"
    scale = ax.figure.dpi / 72  # points to pixels
    width, height = len(text) * 9 * 0.62 * scale, 9 * 1.3 * scale
    x0, y0 = ax.transData.transform((point.year, clip(point.value)))
    drawn = [data.measured, data.projection, data.required_path, data.history]
    samples = []
    for line in drawn:
        for a, b in zip(line, line[1:]):
            (xa, ya), (xb, yb) = (ax.transData.transform((a.year, clip(a.value))),
                                  ax.transData.transform((b.year, clip(b.value))))
            samples += [(xa + (xb - xa) * i / 24, ya + (yb - ya) * i / 24) for i in range(25)]
    others = [p for p in (data.baseline, data.target) if p is not None and p != point]
    samples += [tuple(ax.transData.transform((p.year, clip(p.value)))) for p in others]

    def crossings(spot: tuple) -> int:
        dx, dy, ha, va = spot
        left = x0 + dx * scale - {"left": 0, "center": width / 2, "right": width}[ha]
        bottom = y0 + dy * scale - {"bottom": 0, "top": height}[va]
        return sum(left - 4 <= x <= left + width + 4 and bottom - 4 <= y <= bottom + height + 4 for x, y in samples)

    dx, dy, ha, va = min(BASIS_SPOTS, key=crossings)  # the first of the least crossed
    ax.annotate(text, xy=(point.year, clip(point.value)), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                fontsize=9, color=INK, fontweight="bold", zorder=7,
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})


def draw_goal(data: ChartData, lang: str = "en", dpi: int = DEFAULT_DPI) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=dpi, facecolor="white")
    ax = fig.add_axes((0.10, 0.235, 0.86, 0.595))
    plot_goal(ax, data, lang)
    ax.set_ylabel(unit_name(data.unit, lang), fontsize=9, color="#444444")
    _label_points(ax, data, lang)
    fig.text(0.10, 0.94, _fit_title(data, 70), **PLAIN, fontsize=14, fontweight="bold", color=INK, ha="left", va="center")
    fig.text(0.10, 0.885, _fit(data.subtitle, 95), **PLAIN, fontsize=10.5, color=_ink(data.colour), ha="left",
             va="center", fontweight="bold")
    handles, labels = ax.get_legend_handles_labels()
    order = [CHART_WORDS[lang][key]
             for key in ("measured", "baseline", "history", "target", "path", "projection", "basis")]
    if data.target_label:
        order[order.index(CHART_WORDS[lang]["target"])] = data.target_label
    if data.derived_label:
        order.insert(1, data.derived_label)
    legend = sorted(zip(handles, labels, strict=True), key=lambda item: order.index(item[1]))
    if legend:
        drawn = fig.legend([h for h, _ in legend], [label for _, label in legend], loc="lower left",
                           bbox_to_anchor=(0.085, 0.045), ncol=3, frameon=False, fontsize=8.5, handlelength=2.4,
                           columnspacing=2.0)
        for text in drawn.get_texts():  # a derived target's label names a scope: data, never mathtext
            text.set_parse_math(False)
    words = CHART_WORDS[lang]
    foot = f"{words['source']}: {data.source}" if data.source else ""
    foot = f"{_fit(foot, 120)}   ·   goaltrack, {words['as_of']} {data.as_of}".lstrip(" ·")
    fig.text(0.10, 0.018, foot, **PLAIN, fontsize=7.5, color="#666666", ha="left", va="bottom")
    return fig


def draw_overview(items: Sequence[ChartData], lang: str = "en", dpi: int = DEFAULT_DPI, title: str = "") -> Figure:
    """Small multiples: a panel a goal, each coloured by its verdict once the deadline has passed and
    by its category before (or without a deadline), with a legend of the colours."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    columns = 4 if len(items) > 6 else max(1, min(3, len(items)))
    rows = max(1, -(-len(items) // columns))
    panel_w, panel_h = 3.3, 2.6
    top_in, bottom_in = 0.95, 0.55
    width, height = panel_w * columns, panel_h * rows + top_in + bottom_in
    width = max(width, WIDTH_IN)
    fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    left_in, gap_w, gap_h = 0.55, 0.55, 0.9
    cell_w = (width - left_in + gap_w - 0.25) / columns  # the last panel ends 0.25 in from the edge
    for index, data in enumerate(items):
        row, col = divmod(index, columns)
        x = (left_in + col * cell_w) / width
        y = (height - top_in - (row + 1) * panel_h + gap_h * 0.35) / height
        ax = fig.add_axes((x, y, (cell_w - gap_w) / width, (panel_h - gap_h) / height))
        plot_goal(ax, data, lang, small=True)
        ax.tick_params(labelsize=7)
        colour = data.colour
        for side in ("left", "bottom"):
            ax.spines[side].set_color(colour)
            ax.spines[side].set_linewidth(1.6)
        ax.set_facecolor(_tint(colour))
        ax.set_title(_wrap(data.goal_title, 40), **PLAIN, fontsize=8.5, loc="left", color=INK, fontweight="bold", pad=13,
                     linespacing=1.1)
        ax.text(0.0, 1.02, data.verdict_label or LABELS[lang][data.category], transform=ax.transAxes,
                fontsize=7.5, color=_ink(colour), fontweight="bold", ha="left", va="bottom")
    words = CHART_WORDS[lang]
    as_of = items[0].as_of if items else ""
    fig.text(left_in / width, 1 - 0.38 / height, title or words["overview"], **PLAIN, fontsize=15, fontweight="bold",
             color=INK, ha="left", va="center")
    fig.text(left_in / width, 1 - 0.70 / height, f"goaltrack, {words['as_of']} {as_of}", fontsize=9,
             color="#666666", ha="left", va="center")
    verdicts = [v for v in VERDICT_COLOUR if any(d.verdict == v for d in items)]
    shown = [c for c in CATEGORY_COLOUR if any(d.verdict is None and d.category == c for d in items)]
    groups = [(words["legend_verdict"], [Patch(facecolor=VERDICT_COLOUR[v], label=LABELS[lang][v]) for v in verdicts]),
              (words["legend_category"] if verdicts else "",
               [Patch(facecolor=CATEGORY_COLOUR[c], label=LABELS[lang][c]) for c in shown])]
    groups = [(name, handles) for name, handles in groups if handles]
    for i, (name, handles) in enumerate(groups):  # side by side: the verdicts, then the categories
        centre = 0.5 if len(groups) == 1 else (0.3, 0.7)[i]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(centre, 0.05 / height), ncol=len(handles),
                   frameon=False, fontsize=9, title=name or None, title_fontsize=8.5)
    return fig


def _ink(colour: str) -> str:
    """A colour for text: grey (unknown, insufficient data) darkened, to be read on white."""
    return "#6E6E6E" if colour == "#999999" else colour


def _tint(colour: str, strength: float = 0.08) -> tuple[float, float, float]:
    """The colour mixed into white: a panel background that says its category without shouting."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - strength * (1 - r), 1 - strength * (1 - g), 1 - strength * (1 - b))


def _wrap(text: str, width: int, lines: int = 2) -> str:
    import textwrap

    wrapped = textwrap.wrap(text, width)
    if len(wrapped) > lines:
        wrapped = wrapped[: lines - 1] + [_fit(" ".join(wrapped[lines - 1:]), width)]
    return "\n".join(wrapped)


def _fit_title(data: ChartData, limit: int) -> str:
    """The title within ``limit`` characters, shortening the goal's words, never the scope's name."""
    if len(data.title) <= limit or not data.scope_label:
        return _fit(data.title, limit)
    goal = data.title[: -len(data.scope_label) - 3]
    return f"{_fit(goal, max(10, limit - len(data.scope_label) - 3))} · {data.scope_label}"


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --- files ----------------------------------------------------------------------------------------


def check_folder(out: Path) -> None:
    """Refuse an output folder that is a file, before anything else is done."""
    if out.exists() and not out.is_dir():
        raise GoaltrackError(f"cannot write charts to {out}: it is a file, not a folder")


def prepare_folder(out: Path) -> Path:
    """The output folder, created if needed; a file in its place is an error."""
    check_folder(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise GoaltrackError(f"cannot create the folder {out}: {exc.strerror or exc}") from None
    return out


def chart_folder(status: GoalStatus) -> str:
    """Where a goal's chart goes inside the charts folder, the one rule every command uses: a
    folder for a goal set other than the shipped one (charts/aarhus-2030/), and in it a folder for
    a scope other than the set's own (charts/101/, charts/aarhus-2030/101/). The shipped set in the
    nation stays at the top: charts/homelessness.png. So no set or scope overwrites another's."""
    from goaltrack.models import SHIPPED_SET

    parts = [status.goal.set_id] if status.goal.set_id != SHIPPED_SET else []
    if status.place.code != status.home:
        parts.append(status.place.code)
    return "/".join(parts)


def chart_name(status: GoalStatus, fmt: str = "png") -> str:
    """The chart's path relative to the charts folder, with '/' (as a report links it)."""
    folder = chart_folder(status)
    return f"{folder}/{status.goal.code}.{fmt}" if folder else f"{status.goal.code}.{fmt}"


def chart_path(out: Path, name: str, fmt: str) -> Path:
    """``out/name.fmt`` (name may hold a folder: ``101/homelessness``), refusing any name that would
    land outside ``out`` (ids and codes are checked already; this is the second lock on the door)."""
    root = out.resolve()
    path = out / f"{name}.{fmt}"
    parent = path.parent.resolve()  # not the file itself: a link there is replaced, never followed
    if (parent != root and root not in parent.parents) or ".." in Path(name).parts:
        raise GoaltrackError(f"refusing to write {name!r}: the file would land outside {out}")
    return parent / path.name


def save(fig: Figure, path: Path, fmt: str) -> None:
    """Draw the figure into memory, then write the file whole (goaltrack.outputs: never through a
    link, never half a file)."""
    import io

    from goaltrack.outputs import write_file

    buffer = io.BytesIO()
    fig.savefig(buffer, format=fmt, facecolor="white")
    write_file(path, buffer.getvalue())


WORKERS_ENV = "GOALTRACK_CHART_WORKERS"


def default_workers(jobs: int) -> int:
    """Processes to draw with: one a core (at most four), none extra for a handful of charts.
    GOALTRACK_CHART_WORKERS overrides (1: draw in this process)."""
    import os

    wanted = os.environ.get(WORKERS_ENV)
    if wanted and wanted.isdigit():
        return max(1, int(wanted))
    if jobs < 4:
        return 1
    return max(1, min(os.cpu_count() or 1, 4, jobs))


def _draw_job(job: tuple) -> str:
    """Draw and save one file; runs in this process or in a worker."""
    kind, payload, path, fmt, lang, dpi = job
    fig = draw_goal(payload, lang, dpi) if kind == "goal" else draw_overview(payload[0], lang, dpi, payload[1])
    save(fig, path, fmt)
    return payload.goal_id if kind == "goal" else "overview"


def write_charts(statuses: Sequence[GoalStatus], out: Path, as_of: int, lang: str = "en", fmt: str = "png",
                 dpi: int = DEFAULT_DPI, overview: bool = False,
                 step: Callable[[str], None] | None = None, workers: int | None = None,
                 check: Callable[[list[Path]], None] | None = None) -> list[Path]:
    """Write a chart a goal (and an overview for each folder); return the paths written. ``step`` is
    called after each. Files go where ``chart_name`` says, so a scope never overwrites another's.
    ``check`` sees every path before anything is drawn, and may refuse (default: no folder and no
    symbolic link where a chart goes).

    Charts are independent, so with several cores they are drawn by forked worker processes, which
    share the parent's imported matplotlib and need nothing from the database.
    """
    import multiprocessing

    out = prepare_folder(Path(out))
    items = [(chart_folder(s), s.goal.code, chart_data(s, as_of, lang)) for s in statuses]
    jobs = []
    for folder in dict.fromkeys(folder for folder, _, _ in items):
        if folder:
            prepare_folder(out / folder)
        group = [(code, data) for f, code, data in items if f == folder]
        prefix = f"{folder}/" if folder else ""
        jobs += [("goal", data, chart_path(out, prefix + code, fmt), fmt, lang, dpi) for code, data in group]
        group = [data for _, data in group]
        if overview:  # the longest job goes first, so that the workers finish together
            place = next(s.place for s in statuses if chart_folder(s) == folder)
            title = f"{CHART_WORDS[lang]['overview']} · {place.label(lang)}"
            jobs.insert(0, ("overview", (group, title), chart_path(out, prefix + "overview", fmt), fmt, lang, dpi))
    paths = [job[2] for job in jobs]
    twice = next((path for path in paths if paths.count(path) > 1), None)
    if twice is not None:  # a goal whose id is "overview", from before the id was reserved
        raise GoaltrackError(f"two charts would be written to {twice}: rename the goal '{twice.stem}' in the catalogue")
    from goaltrack.outputs import check_targets

    (check or (lambda targets: check_targets(out, targets, force=None, keep_others=False)))(paths)
    workers = default_workers(len(jobs)) if workers is None else workers
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        import matplotlib.figure  # noqa: F401  (imported once here, inherited by every worker)

        with multiprocessing.get_context("fork").Pool(workers) as pool:
            for name in pool.imap_unordered(_draw_job, jobs):
                if step:
                    step(name)
    else:
        for job in jobs:
            name = _draw_job(job)
            if step:
                step(name)
    return [job[2] for job in jobs if job[0] == "goal"] + [job[2] for job in jobs if job[0] == "overview"]
