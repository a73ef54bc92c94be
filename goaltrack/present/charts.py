"""Progress charts: one per goal, and an overview of small multiples.

``chart_data`` prepares what a chart shows (pure, from the progress module: tested as numbers);
``draw_goal`` and ``draw_overview`` draw it with ``matplotlib.figure.Figure``, never pyplot, and
are the only places matplotlib is imported. Layout is fixed by hand: constrained layout would
cost more time than the drawing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.present import chartlayout
from goaltrack.domain import progress
from goaltrack.errors import GoaltrackError
from goaltrack.domain.progress import Point
from goaltrack.catalogue import NATION
from goaltrack.present.i18n import CHART_WORDS, LABELS, unit_name
from goaltrack.present.render import (basis_source, clip, derived_target_text, distance_text, number, rule_text, sources_text,
                              target_level_text, verdict_text)
from goaltrack.domain.text import printable
from goaltrack.judging.status import GoalStatus

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
    basis_too_old: bool = False  # the last figure by the deadline decided nothing: ringed grey, said so
    basis_source: str | None = None  # the verdict basis's source, where the basis is not the latest figure
    verdict_label: str = ""  # "missed · 6,431 (2019)", the overview panel's label after the deadline

    @property
    def colour(self) -> str:
        """The verdict's colour once the deadline has passed, the category's before."""
        return VERDICT_COLOUR[self.verdict] if self.verdict else CATEGORY_COLOUR[self.category]

    @property
    def drawable(self) -> bool:
        """Whether there is any figure to draw (a measurement, or at least the baseline)."""
        return bool(self.measured or self.history or self.baseline)

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
    from goaltrack.domain.regions import derived_text

    derived = [p for p in history + counted if status.derived(p) is not None]
    source = a.latest.source if a.latest is not None else goal.source
    if status.derived(a.latest) is not None:
        source = derived_text(status.derived(a.latest), lang)
    basis_from = basis_source(status, lang)
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
        basis_too_old=a.verdict_basis is not None and progress.basis_too_old(spec, a.verdict_basis),
        basis_source=printable(basis_from) if basis_from else None,
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
    from goaltrack.domain.units import UNITS

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
    """Draw one goal's data on an axes; shared by the goal chart and the overview's panels. Every
    artist with a legend label is one the legend lists (chartlayout.legend_keys)."""
    from matplotlib.ticker import FuncFormatter

    words = CHART_WORDS[lang]
    colour = data.colour
    marker = 3.5 if small else 6
    keys = legend_keys(data)
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
    if data.measured:  # the baseline alone is drawn as the baseline, not as a measured series
        ax.plot([p.year for p in data.measured], [clip(p.value) for p in data.measured], color=colour,
                linewidth=2.2 if not small else 1.6, marker="o", markersize=marker,
                label=words["measured"] if "measured" in keys else None, zorder=4)
    if data.derived:  # summed, not published: hollow, and said so in the legend
        ax.plot([p.year for p in data.derived], [p.value for p in data.derived], marker="o",
                markersize=marker + 1, markerfacecolor="white", markeredgecolor=colour, markeredgewidth=1.6,
                linestyle="none", label=data.derived_label, zorder=5)
    if data.baseline is not None:
        ax.plot([data.baseline.year], [clip(data.baseline.value)], marker="s", markersize=marker + 1,
                markerfacecolor="white", markeredgecolor=INK, markeredgewidth=1.4, linestyle="none",
                label=words["baseline"], zorder=6)
    if data.verdict_basis is not None:  # the figure that decided the verdict: a ring around its point;
        # grey, and not said to decide, where it is too old to decide anything
        ax.plot([data.verdict_basis.year], [clip(data.verdict_basis.value)], marker="o", markersize=marker * 2.3,
                markerfacecolor="none", markeredgecolor=VERDICT_COLOUR[progress.UNKNOWN] if data.basis_too_old else INK,
                markeredgewidth=1.5 if not small else 1.1, linestyle="none", label=basis_word(data, lang), zorder=6)


def legend_keys(data: ChartData) -> list[str]:
    """What the chart's legend lists: only what is drawn."""
    return chartlayout.legend_keys(data.measured, data.baseline, data.history, data.target, data.required_path,
                                   data.projection, data.verdict_basis)


def legend_labels(data: ChartData, lang: str) -> list[str]:
    """The legend's entries, in order: what is drawn, with a derived target's and derived figures' own words."""
    words = CHART_WORDS[lang]
    keys = legend_keys(data)
    labels = [data.target_label or words["target"] if key == "target" else basis_word(data, lang) if key == "basis"
              else words[key] for key in keys]
    if data.derived and data.derived_label:  # a region's sums: hollow markers, right after the measured figures
        labels.insert(1 if "measured" in keys else 0, data.derived_label)
    return labels


def basis_word(data: ChartData, lang: str) -> str:
    """The ringed point's name in the legend: "Decided the verdict", or, where it is too old to
    decide, "Last figure by the deadline (too old)"."""
    return CHART_WORDS[lang]["basis_too_old" if data.basis_too_old else "basis"]


def foot_text(data: ChartData, lang: str) -> str:
    """"Source: VIVE 2022 · goaltrack, as of 2026"; where an earlier figure decided the verdict, its
    source too, each once (goaltrack.present.render.sources_text)."""
    words = CHART_WORDS[lang]
    made = f"goaltrack, {words['as_of']} {data.as_of}"
    sources = sources_text(data.basis_source, data.source, lang)
    return f"{sources} · {made}" if sources else made


def value_labels(data: ChartData, lang: str) -> list[tuple[str, str, tuple[float, float]]]:
    """The values written on a chart: the baseline, the latest figure, the target, the projection's
    end (or, when it falls off the chart, where and how far)."""
    words = CHART_WORDS[lang]
    wanted = []
    if data.baseline is not None:
        wanted.append(("baseline", number(data.baseline.value, data.unit, lang),
                       (data.baseline.year, clip(data.baseline.value))))
    basis = data.verdict_basis
    if basis is not None:  # the figure that decided the verdict, ringed: its value and its year; or too old
        text = f"{basis.year}: {words['too_old_short']}" if data.basis_too_old \
            else f"{number(basis.value, data.unit, lang)} ({basis.year})"
        wanted.append(("basis", text, (basis.year, clip(basis.value))))
    if data.measured and (data.baseline is None or data.measured[-1].year != data.baseline.year) \
            and (basis is None or data.measured[-1].year != basis.year):
        latest = data.measured[-1]
        wanted.append(("latest", number(latest.value, data.unit, lang), (latest.year, clip(latest.value))))
    if data.target is not None:
        wanted.append(("target", number(data.target.value, data.unit, lang), (data.target.year, clip(data.target.value))))
    bottom, top, cut = axis_limits(data)
    if data.projection:
        end = data.projection[-1]
        if cut is None:
            wanted.append(("projection", number(end.value, data.unit, lang), (end.year, clip(end.value))))
        else:
            edge = top - (top - bottom) * 0.04 if clip(cut.value) > top else bottom + (top - bottom) * 0.04
            wanted.append(("off_chart", f"{words['projection_short']} {number(cut.value, data.unit, lang)} "
                                        f"({cut.year}), {words['off_chart']}", (cut.year, edge)))
    return wanted


def chart_layout(data: ChartData, lang: str, measure: chartlayout.Measure | None = None) -> chartlayout.Layout:
    """Every decision of a goal's chart, before drawing: the wrapped title, subtitle and footer, the
    legend's columns, the axes' box, and where each value label goes."""
    measure = measure or measure_text
    plan = chartlayout.frame(data.title, data.subtitle, foot_text(data, lang), legend_labels(data, lang), measure)
    left, bottom_f, width_f, height_f = plan.axes
    fig_w, fig_h = chartlayout.WIDTH_IN * 72, chartlayout.HEIGHT_IN * 72
    x0, y0, w, h = left * fig_w, bottom_f * fig_h, width_f * fig_w, height_f * fig_h
    first, last = _years(data)
    xmin, xmax = first - 0.6, last + 0.6
    ymin, ymax, _cut = axis_limits(data)

    def to_points(year: float, value: float) -> tuple[float, float]:
        return (x0 + (year - xmin) / (xmax - xmin) * w, y0 + (clip(value) - ymin) / (ymax - ymin) * h)

    def from_points(x: float, y: float) -> tuple[float, float]:
        return (xmin + (x - x0) / w * (xmax - xmin), ymin + (y - y0) / h * (ymax - ymin))

    scene = chartlayout.Scene(to_points, (x0, y0, x0 + w, y0 + h), from_points)
    shown = [p for p in data.projection[-1:] if ymin <= p.value <= ymax]
    scene.add_points(data.measured + data.history + data.derived + shown
                     + [p for p in (data.baseline, data.target) if p])
    scene.add_line(data.measured)
    scene.add_line(data.history)
    if data.history and data.measured:
        scene.add_line([data.history[-1], data.measured[0]])
    scene.add_line(data.required_path)
    scene.add_line(data.projection)  # where it leaves the axes too: the segment still crosses what is inside
    if data.target is not None:
        scene.add_line([Point(xmin, data.target.value), Point(xmax, data.target.value)], soft=True)
    plan.labels = chartlayout.place(scene, value_labels(data, lang), measure)
    return plan


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


def draw_goal(data: ChartData, lang: str = "en", dpi: int = DEFAULT_DPI) -> Figure:
    from matplotlib.figure import Figure

    plan = chart_layout(data, lang)
    fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=dpi, facecolor="white")
    ax = fig.add_axes(plan.axes)
    plot_goal(ax, data, lang)
    ax.set_ylabel(unit_name(data.unit, lang), fontsize=9, color="#444444")
    colour = data.colour
    for label in plan.labels:
        quiet = label.kind == "basis" and data.basis_too_old  # decided nothing: grey, not bold
        ink = TARGET_COLOUR if label.kind == "target" else _ink(colour) if label.kind in ("projection", "off_chart") \
            else _ink(VERDICT_COLOUR[progress.UNKNOWN]) if quiet else INK
        ax.annotate(label.text, xy=label.xy, xytext=label.offset, textcoords="offset points", ha=label.ha,
                    va=label.va, fontsize=chartlayout.LABEL_PT, color=ink, annotation_clip=False, **PLAIN,
                    fontweight="bold" if label.kind in ("target", "basis") and not quiet else "normal", zorder=7,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.85})
    left = plan.axes[0]
    fig_h = HEIGHT_IN * 72
    y = fig_h - 10
    for line in plan.title:
        y -= plan.title_size * 1.25
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=plan.title_size, fontweight="bold", color=INK, ha="left",
                 va="baseline")
    for line in plan.subtitle:
        y -= chartlayout.SUBTITLE_PT * 1.3
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=chartlayout.SUBTITLE_PT, color=_ink(colour), ha="left",
                 va="baseline", fontweight="bold")
    handles, labels = ax.get_legend_handles_labels()
    order = legend_labels(data, lang)
    legend = sorted((item for item in zip(handles, labels, strict=True) if item[1] in order),
                    key=lambda item: order.index(item[1]))
    if legend:
        drawn = fig.legend([h for h, _ in legend], [label for _, label in legend], loc="lower left",
                           bbox_to_anchor=(left - 0.015, plan.legend_bottom), ncol=plan.legend_columns,
                           frameon=False, fontsize=chartlayout.LEGEND_PT, handlelength=2.4, columnspacing=2.0,
                           borderaxespad=0.2)
        for text in drawn.get_texts():  # a derived target's label names a scope: data, never mathtext
            text.set_parse_math(False)
    y = 6
    for line in reversed(plan.foot):
        fig.text(left, y / fig_h, line, **PLAIN, fontsize=chartlayout.FOOT_PT, color="#666666", ha="left",
                 va="bottom")
        y += chartlayout.FOOT_PT * 1.3
    return fig


OVERVIEW_TITLE_PT, OVERVIEW_TICK_PT = 10.0, 8.5


def overview_title(data: ChartData, width_pt: float, measure: chartlayout.Measure | None = None) -> list[str]:
    """A panel's title in lines of at most ``width_pt`` points: whole, never cut."""
    return chartlayout.wrap(data.goal_title, width_pt, OVERVIEW_TITLE_PT, True, measure or measure_text)


def draw_overview(items: Sequence[ChartData], lang: str = "en", dpi: int = DEFAULT_DPI, title: str = "") -> Figure:
    """Small multiples: a panel a goal, each coloured by its verdict once the deadline has passed and
    by its category before (or without a deadline), with a legend of the colours. A goal without any
    figure gets a small panel that says so, and no axes that would be made up."""
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    words = CHART_WORDS[lang]
    columns = 3 if len(items) > 4 else max(1, min(2, len(items)))
    rows = max(1, -(-len(items) // columns))
    panel_w, panel_h = 3.6, 3.0
    top_in, bottom_in = 0.95, 0.55
    width, height = panel_w * columns, panel_h * rows + top_in + bottom_in
    width = max(width, WIDTH_IN)
    fig = Figure(figsize=(width, height), dpi=dpi, facecolor="white")
    left_in, gap_w, above_in, below_in = 0.7, 0.75, 0.85, 0.35
    cell_w = (width - left_in + gap_w - 0.25) / columns  # the last panel ends 0.25 in from the edge
    axes_w = cell_w - gap_w
    for index, data in enumerate(items):
        row, col = divmod(index, columns)
        x = (left_in + col * cell_w) / width
        y = (height - top_in - (row + 1) * panel_h + below_in) / height
        ax = fig.add_axes((x, y, axes_w / width, (panel_h - above_in - below_in) / height))
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
            ax.text(0.5, 0.5, words["no_data"], transform=ax.transAxes, ha="center", va="center",
                    color="#777777", fontsize=OVERVIEW_TITLE_PT)
            note, note_colour = "", colour
        lift = 0.2 / (panel_h - above_in - below_in)  # the title stands above the category's line
        ax.text(0.0, 1.0 + lift, "\n".join(lines), **PLAIN, transform=ax.transAxes, fontsize=OVERVIEW_TITLE_PT, color=INK,
                fontweight="bold", ha="left", va="bottom", linespacing=1.15)
        if note:  # a long verdict label gets a smaller type rather than running into the next panel
            size = min(9.0, 9.0 * axes_w * 72 / max(1.0, measure_text(note, 9.0, True)))
            ax.text(0.0, 1.02, note, **PLAIN, transform=ax.transAxes, fontsize=size, color=note_colour,
                    fontweight="bold",
                    ha="left", va="bottom")
    as_of = items[0].as_of if items else ""
    fig.text(left_in / width, 1 - 0.38 / height, title or words["overview"], **PLAIN, fontsize=16, fontweight="bold",
             color=INK, ha="left", va="center")
    fig.text(left_in / width, 1 - 0.70 / height, f"goaltrack, {words['as_of']} {as_of}", fontsize=10,
             color="#666666", ha="left", va="center")
    verdicts = [v for v in VERDICT_COLOUR if any(d.verdict == v and d.drawable for d in items)]
    shown = [c for c in CATEGORY_COLOUR if any(d.verdict is None and d.category == c and d.drawable for d in items)]
    groups = [(words["legend_verdict"], [Patch(facecolor=VERDICT_COLOUR[v], label=LABELS[lang][v]) for v in verdicts]),
              (words["legend_category"] if verdicts else "",
               [Patch(facecolor=CATEGORY_COLOUR[c], label=LABELS[lang][c]) for c in shown])]
    groups = [(name, handles) for name, handles in groups if handles]
    for i, (name, handles) in enumerate(groups):  # side by side: the verdicts, then the categories
        centre = 0.5 if len(groups) == 1 else (0.3, 0.7)[i]
        fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(centre, 0.05 / height), ncol=len(handles),
                   frameon=False, fontsize=10, title=name or None, title_fontsize=9.5)
    return fig


def _ink(colour: str) -> str:
    """A colour for text: grey (unknown, insufficient data) darkened, to be read on white."""
    return "#6E6E6E" if colour == "#999999" else colour


def _tint(colour: str, strength: float = 0.08) -> tuple[float, float, float]:
    """The colour mixed into white: a panel background that says its category without shouting."""
    r, g, b = (int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5))
    return (1 - strength * (1 - r), 1 - strength * (1 - g), 1 - strength * (1 - b))


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
    from goaltrack.storage.models import SHIPPED_SET

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
    """Draw the figure into memory, then write the file whole (goaltrack.present.outputs: never through a
    link, never half a file)."""
    import io

    from goaltrack.present.outputs import write_file

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


def _leave_interrupts_to_parent() -> None:
    """A chart worker ignores Ctrl-C: the parent stops the pool and says, in one line, what was written."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _draw_job(job: tuple) -> str:
    """Draw and save one file; runs in this process or in a worker."""
    kind, payload, path, fmt, lang, dpi = job
    fig = draw_goal(payload, lang, dpi) if kind == "goal" else draw_overview(payload[0], lang, dpi, payload[1])
    save(fig, path, fmt)
    return payload.goal_id if kind == "goal" else "overview"


def undrawable(statuses: Sequence[GoalStatus], as_of: int) -> list[GoalStatus]:
    """The goals that get no chart file: not a single figure to draw, up to ``as_of``."""
    return [s for s in statuses if not chart_data(s, as_of).drawable]


def write_charts(statuses: Sequence[GoalStatus], out: Path, as_of: int, lang: str = "en", fmt: str = "png",
                 dpi: int = DEFAULT_DPI, overview: bool = False,
                 step: Callable[[str], None] | None = None, workers: int | None = None,
                 sources: bool = True, check: Callable[[list[Path]], None] | None = None) -> list[Path]:
    """Write a chart a goal (and an overview for each folder); return the paths written. ``step`` is
    called after each. Files go where ``chart_name`` says, so a scope never overwrites another's.
    A goal without any figure gets no chart of its own (see ``undrawable``), only a small panel in
    the overview that says so. ``sources=False`` leaves the source out of the charts' footers, for
    a report that names each source beside its chart already. ``check`` sees every path before
    anything is drawn, and may refuse (default: no folder and no symbolic link where a chart goes).

    Charts are independent, so with several cores they are drawn by forked worker processes, which
    share the parent's imported matplotlib and need nothing from the database.
    """
    import multiprocessing

    out = prepare_folder(Path(out))
    items = [(chart_folder(s), s.goal.code, chart_data(s, as_of, lang)) for s in statuses]
    if not sources:
        items = [(folder, code, replace(data, source=None, basis_source=None)) for folder, code, data in items]
    jobs = []
    for folder in dict.fromkeys(folder for folder, _, _ in items):
        if folder:
            prepare_folder(out / folder)
        group = [(code, data) for f, code, data in items if f == folder]
        prefix = f"{folder}/" if folder else ""
        jobs += [("goal", data, chart_path(out, prefix + code, fmt), fmt, lang, dpi) for code, data in group
                 if data.drawable]
        group = [data for _, data in group]
        if overview:  # the longest job goes first, so that the workers finish together
            place = next(s.place for s in statuses if chart_folder(s) == folder)
            title = f"{CHART_WORDS[lang]['overview']} · {place.label(lang)}"
            jobs.insert(0, ("overview", (group, title), chart_path(out, prefix + "overview", fmt), fmt, lang, dpi))
    paths = [job[2] for job in jobs]
    twice = next((path for path in paths if paths.count(path) > 1), None)
    if twice is not None:  # a goal whose id is "overview", from before the id was reserved
        raise GoaltrackError(f"two charts would be written to {twice}: rename the goal '{twice.stem}' in the catalogue")
    from goaltrack.present.outputs import check_targets

    (check or (lambda targets: check_targets(out, targets, force=None, keep_others=False)))(paths)
    workers = default_workers(len(jobs)) if workers is None else workers
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        import matplotlib.figure  # noqa: F401  (imported once here, inherited by every worker)

        from goaltrack.present.outputs import count_written

        with multiprocessing.get_context("fork").Pool(workers, initializer=_leave_interrupts_to_parent) as pool:
            for name in pool.imap_unordered(_draw_job, jobs):
                count_written()  # written by the worker
                if step:
                    step(name)
    else:
        for job in jobs:
            name = _draw_job(job)
            if step:
                step(name)
    return [job[2] for job in jobs if job[0] == "goal"] + [job[2] for job in jobs if job[0] == "overview"]
