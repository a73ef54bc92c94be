"""What a goal's chart shows, before anything is drawn: ChartData, axes, subtitle, legend, value labels.

``chart_data`` prepares it from a goal's status; the axis limits and tick labels, the subtitle, the
footer, the legend's entries and the values written on the chart follow from it. Pure (no
matplotlib): tested as numbers.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from goaltrack.catalogue import NATION
from goaltrack.domain import breaks, flags, progress
from goaltrack.domain.progress import Point
from goaltrack.domain.regions import derived_text
from goaltrack.domain.text import printable
from goaltrack.domain.units import UNITS, clamp, counts
from goaltrack.judging.status import GoalStatus
from goaltrack.present.charts import layout
from goaltrack.present.i18n import CHART_WORDS, LABELS
from goaltrack.present.numbers import clip, number
from goaltrack.present.status_text import (
    basis_source,
    derived_target_text,
    distance_text,
    level_number,
    provisional,
    rule_text,
    sources_text,
    target_level_text,
    verdict_text,
)

# Okabe & Ito's palette: told apart by readers with every common kind of colour blindness.
CATEGORY_COLOUR = {
    progress.ACHIEVED: "#009E73",  # bluish green
    progress.SUBSTANTIAL: "#0072B2",  # blue
    progress.MODERATE: "#56B4E9",  # sky blue
    progress.LIMITED: "#E69F00",  # orange
    progress.DETERIORATION: "#D55E00",  # vermillion
    progress.INSUFFICIENT: "#999999",  # grey
}


# After the deadline a chart is coloured by its verdict, from the same palette: met as achieved,
# missed as deterioration, unknown as insufficient data.
VERDICT_COLOUR = {
    progress.MET: "#009E73",  # bluish green
    progress.MISSED: "#D55E00",  # vermillion
    progress.UNKNOWN: "#999999",  # grey
}


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
    known_at: datetime.date | None = None  # drawn from the record as known at this day
    target_text: str = ""  # the target's value as written beside it: a derived one with its decimals, 0.70

    @property
    def segments(self) -> list[list[Point]]:
        """The measured figures as lines: a figure flagged B (break in series) starts a new one, never
        joined to the figures before it."""
        out: list[list[Point]] = []
        for point in self.measured:
            if not out or point.flag == breaks.BREAK:
                out.append([])
            out[-1].append(point)
        return out

    @property
    def breaks(self) -> list[int]:
        """The years a new series starts among the measured figures (after the first)."""
        return [segment[0].year for segment in self.segments[1:]]

    @property
    def gaps(self) -> tuple[int, ...]:
        """The years inside the series' span without a figure (a figure withheld, "..", is never stored):
        marked at the axis, so that a gap reads as no figure rather than as a line's bend."""
        return gap_years(self.history + self.measured)

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


def gap_years(points: Sequence[Point]) -> tuple[int, ...]:
    """The years the series' own rhythm expected a figure and has none (withheld, or not published):
    an annual series 2011–2016 without 2014 → (2014,). The rhythm is the most common step between its
    years (the smaller of two as common): a count made every other year has no gap in the years
    between, and a two-yearly one that skips a count has one."""
    years = sorted({p.year for p in points})
    steps = [later - year for year, later in zip(years, years[1:])]
    if not steps:
        return ()
    step = min(set(steps), key=lambda s: (-steps.count(s), s))
    return tuple(missing for year, later in zip(years, years[1:]) if later - year > step
                 for missing in range(year + step, later, step))


def chart_data(status: GoalStatus, as_of: int, lang: str = "en") -> ChartData:
    """Everything a goal's chart shows, from its status as of ``as_of``."""
    spec, a, goal = status.spec, status.assessment, status.goal
    counted = progress.counted(spec, status.points, as_of)
    history = [p for p in status.points if p.year <= as_of and spec.baseline is not None
               and p.year < spec.baseline.year]
    target = Point(spec.target_year, spec.target_value) if spec.target_value is not None else None
    road: list[Point] = []
    # Before its baseline year a goal has nothing known to draw (docs/method.md#as-of-a-year): no
    # baseline, no road from it (drawn, a 2015 baseline in a 2014 chart fell outside every axis).
    baseline = spec.baseline if spec.baseline is not None and spec.baseline.year <= as_of else None
    # Across a series break the road and the projection start from the bridged baseline, and without a
    # bridge there are none (docs/method.md#series-breaks-and-bridged-baselines), as in every table.
    _, start, series = breaks.one_series(baseline, counted, spec.bridges)
    if start is not None and target is not None and series is not None:
        road = [start, target]
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
        baseline=baseline,
        target=target,
        required_path=road,
        projection=projection_line(spec, series or [], a.projection),
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
        known_at=status.known_at,
        target_text=level_number(status, target.value, lang) if target is not None else "",
    )


def projection_line(spec: progress.GoalSpec, counted: Sequence[Point], projection: Point | None) -> list[Point]:
    """The least-squares line of the progress module, year by year from the first counted figure to
    the target year, kept inside the unit's range: it ends at exactly the projection status reports.
    Like the projection, it is fitted through the figures up to the target year only."""
    if projection is None or not counted:
        return []
    line = progress.least_squares(progress.projection_points(spec, counted))
    if line is None:
        return []
    slope, intercept = line
    return [Point(year, clamp(slope * year + intercept, spec.minimum, spec.maximum))
            for year in range(min(counted[0].year, projection.year), projection.year + 1)]


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
    """"Missed: 6,431 in 2019 against ≤ 4,000 · 5,789 in 2022": the verdict, the figure that decided
    it, and the latest figure after it."""
    words, w, a, spec, unit = LABELS[lang], CHART_WORDS[lang], status.assessment, status.spec, status.goal.unit
    basis = a.verdict_basis

    def figure(point: Point) -> str:
        return f"{flagged(number(point.value, unit, lang), point)} {w['in']} {point.year}"

    head = words[a.verdict].capitalize() + (f", {words['provisional']}" if provisional(status) else "") + ": "
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


def year_range(data: ChartData) -> tuple[int, int]:
    """The first and last year on the x axis: every figure, the projection and the deadline."""
    years = [p.year for p in data.history + data.measured + data.projection]
    if data.target is not None:
        years.append(data.target.year)
    if data.deadline is not None:
        years.append(data.deadline)
    if not years:
        years = [data.as_of]
    first, last = min(years), max(years)
    return min(first, last - 4), last  # at least five years, so the axis shows whole years


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
    if counts(data.unit) and math.floor(top) - math.ceil(bottom) < 1:  # whole units: two whole ticks at least
        bottom, top = math.floor(low) - 0.15, math.floor(low) + 1.15
    unit = UNITS[data.unit]
    if unit.minimum is not None and bottom < unit.minimum:
        bottom = unit.minimum
    if unit.maximum is not None and top > unit.maximum:
        top = unit.maximum + pad * 0.3
    return bottom, top, cut


def value_formatter(unit: str, lang: str) -> Callable[[float, int], str]:
    """The y axis's tick labels: numbers as tables write them, '5,000', '12.5 %' (no unit word)."""
    def fmt(value: float, _pos: int = 0) -> str:
        if counts(unit):
            return number(value, unit, lang)
        text = number(value, "score", lang)
        return f"{text} %" if unit == "percent" else text

    return fmt


def flagged(text: str, point: Point) -> str:
    """A figure's label with its flag's letter, as the tables write it: "250 P"."""
    return f"{text} {point.flag}" if point.flag else text


def legend_keys(data: ChartData) -> list[str]:
    """What the chart's legend lists: only what is drawn."""
    return layout.legend_keys(data.measured, data.baseline, data.history, data.target, data.required_path,
                              data.projection, data.verdict_basis, data.breaks, data.gaps)


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
    source too, each once (goaltrack.present.status_text.sources_text)."""
    words = CHART_WORDS[lang]
    made = f"goaltrack, {words['as_of']} {data.as_of}"
    if data.known_at is not None:
        made += f", {LABELS[lang]['known_at']} {data.known_at.isoformat()}"
    sources = sources_text(data.basis_source, data.source, lang)
    marks = sorted({p.flag for p in data.measured if p.flag and p.flag != breaks.BREAK}, key="PEBDU".index)
    sources += "".join(f" · {flag} {flags.label(flag, lang)}" for flag in marks)
    return f"{sources.lstrip(' ·')} · {made}" if sources else made


def value_labels(data: ChartData, lang: str) -> list[tuple[str, str, tuple[float, float]]]:
    """The values written on a chart: the baseline, the latest figure, the target, the projection's
    end (or, when it falls off the chart, where and how far)."""
    words = CHART_WORDS[lang]
    wanted = []
    if data.baseline is not None:
        wanted.append(("baseline", flagged(number(data.baseline.value, data.unit, lang), data.baseline),
                       (data.baseline.year, clip(data.baseline.value))))
    basis = data.verdict_basis
    if basis is not None:  # the figure that decided the verdict, ringed: its value and its year; or too old
        text = f"{basis.year}: {words['too_old_short']}" if data.basis_too_old \
            else f"{flagged(number(basis.value, data.unit, lang), basis)} ({basis.year})"
        wanted.append(("basis", text, (basis.year, clip(basis.value))))
    if data.measured and (data.baseline is None or data.measured[-1].year != data.baseline.year) \
            and (basis is None or data.measured[-1].year != basis.year):
        latest = data.measured[-1]
        wanted.append(("latest", flagged(number(latest.value, data.unit, lang), latest),
                       (latest.year, clip(latest.value))))
    if data.target is not None:
        wanted.append(("target", data.target_text or number(data.target.value, data.unit, lang),
                       (data.target.year, clip(data.target.value))))
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
