"""The words of a goal's status, as every picture of it writes them: figures, targets, verdicts, notes.

Shared by the table, Markdown, the report and the charts: a figure with its year, the target (and
how a derived one came about), the distance, the verdict and the figure that decided it, the
footnotes of derived figures, the sources, the title line; and the statuses grouped by goal set.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from goaltrack.catalogue import NATION
from goaltrack.domain import flags, progress
from goaltrack.domain.regions import derived_text
from goaltrack.domain.text import printable, shorten
from goaltrack.domain.units import MAX_TEXT
from goaltrack.judging.status import NATIONAL, RELATIVE, SCALED, GoalStatus, Place
from goaltrack.present.i18n import LABELS
from goaltrack.present.numbers import difference, number, precise
from goaltrack.storage.models import SHIPPED_SET

CATEGORY_STYLE = {  # symbol, colour; the weather symbols of the German sustainability strategy
    progress.ACHIEVED: ("✔", "bold green"),
    progress.SUBSTANTIAL: ("☀", "green"),
    progress.MODERATE: ("⛅", "yellow"),
    progress.LIMITED: ("☁", "dark_orange"),
    progress.DETERIORATION: ("⛈", "bold red"),
    progress.INSUFFICIENT: ("·", "dim"),
}
VERDICT_STYLE = {progress.MET: "bold green", progress.MISSED: "bold red", progress.UNKNOWN: "dim"}


def shown(text: str, keep: str = "") -> str:
    """Text from the data as a terminal gets it: control characters escaped (no escape sequence
    acts), and cut at MAX_TEXT characters (what was stored before texts were bounded)."""
    return printable(shorten(text, MAX_TEXT), keep)


def point_text(point: progress.Point | None, unit: str, lang: str) -> str:
    """'6,431 (2019)'; a flagged figure carries its flag's letter, which a footnote explains: '256 (2020) P'."""
    if point is None:
        return "–"
    text = f"{number(point.value, unit, lang)} ({point.year})"
    return f"{text} {point.flag}" if point.flag else text


def provisional(status: GoalStatus) -> bool:
    """Whether the verdict rests on a provisional or estimated figure (flag P or E)."""
    basis = status.assessment.verdict_basis
    return status.assessment.verdict is not None and basis is not None and basis.flag in flags.TENTATIVE


DERIVED_MARKS = {SCALED: "¹", RELATIVE: "²", NATIONAL: "³"}  # the order of the kinds; marks go by what is shown


def derived_marks(statuses: Sequence[GoalStatus]) -> dict[str, str]:
    """The footnote mark of each kind of derived target among ``statuses``, numbered by what is shown:
    a comparison with only national levels marks them ¹, never ³ with no ¹ or ² anywhere."""
    shown = {s.rule for s in statuses if s.rule in DERIVED_MARKS and s.spec.target_value is not None}
    marks = list(DERIVED_MARKS.values())
    return {rule: marks[i] for i, rule in enumerate(r for r in DERIVED_MARKS if r in shown)}


def target_text(status: GoalStatus, lang: str, mark: dict[str, str] | None = None) -> str:
    """'≤ 4,000 (2020)'; with ``mark`` (``derived_marks`` of the statuses shown together), a derived
    target carries the mark its footnote explains."""
    spec = status.spec
    if spec.target_year is None:
        return "–"
    if spec.target_value is None:
        arrow = "↑" if spec.direction > 0 else "↓"
        return f"{arrow} {LABELS[lang]['improve']} ({spec.target_year})"
    text = f"{target_level_text(status, lang)} ({spec.target_year})"
    return text + mark.get(status.rule or "", "") if mark else text


def target_level_text(status: GoalStatus, lang: str) -> str:
    """'≤ 4,000'."""
    sign = "≥" if status.spec.direction > 0 else "≤"
    return f"{sign} {level_number(status, status.spec.target_value, lang)}"


def level_number(status: GoalStatus, value: float | None, lang: str) -> str:
    """A target level or a distance to it: a target derived for the scope (scaled, relative) with the
    decimals that tell it apart (0.70 deaths), the catalogue's own as figures are written."""
    if status.rule in (SCALED, RELATIVE):
        return precise(value, status.goal.unit, lang)
    return number(value, status.goal.unit, lang)


def rule_text(status: GoalStatus, lang: str) -> str | None:
    """How a derived target came about ('scaled from the national target'); None for the catalogue's."""
    if status.rule not in DERIVED_MARKS:
        return None
    key = status.rule if status.home == NATION else f"{status.rule}_home"
    return LABELS[lang][key]


def derived_target_text(status: GoalStatus, lang: str) -> str:
    """'≤ 1,059, scaled from the national target'; the catalogue's own target plainly."""
    why = rule_text(status, lang)
    level = target_level_text(status, lang)
    return f"{level}, {why}" if why else level


SUM_MARK = "Σ"


def figure_text(status: GoalStatus, point: progress.Point | None, lang: str) -> str:
    """point_text, with Σ after a figure goaltrack summed from the region's municipalities."""
    text = point_text(point, status.goal.unit, lang)
    return text + SUM_MARK if status.derived(point) is not None else text


def footnotes(statuses: Sequence[GoalStatus], lang: str) -> list[str]:
    """A line for each kind of derived figure shown: '¹ scaled from the national target',
    'Σ sum of 11 municipalities'."""
    seen = {s.rule: s for s in statuses if s.rule in DERIVED_MARKS and s.spec.target_value is not None}
    notes = [f"{mark} {rule_text(seen[rule], lang)}" for rule, mark in derived_marks(statuses).items()]
    counts = sorted({s.derived(p) for s in statuses for p in (s.spec.baseline, s.assessment.latest)} - {None})
    notes += [f"{SUM_MARK} {derived_text(count, lang)}" for count in counts]
    marked = {p.flag for s in statuses for p in (s.spec.baseline, s.assessment.latest, s.assessment.verdict_basis)
              if p is not None and p.flag}
    notes += [f"{flag} {flags.label(flag, lang)}" for flag in flags.FLAGS if flag in marked]
    words = LABELS[lang]
    later = [s for s in statuses if s.later_baseline]  # "baseline 2014": no figure for the catalogue's year
    if len(later) > 3:  # a comparison of many scopes: one line, the year stands beside each baseline
        notes.append(words["later_baselines"].format(count=len(later), catalogue=later[0].goal.baseline_year))
    for s in later if len(later) <= 3 else []:
        notes.append(words["later_baseline"].format(goal=shown(s.goal.title(lang, short=True)),
                                                    scope=shown(s.place.display_name(lang)),
                                                    year=s.spec.baseline.year, catalogue=s.goal.baseline_year))
    for s in statuses:
        a = s.assessment
        if a.series_break is not None:
            key = "break_bridged" if a.bridged is not None else "break_unbridged"
            notes.append(words[key].format(goal=shown(s.goal.title(lang, short=True)), year=a.series_break))
    return notes


def summary_lines(statuses: Sequence[GoalStatus], lang: str, with_place: bool = True) -> list[str]:
    """'2020 goals, Denmark: 1 met · 2 missed · 11 unknown (2 provisional)', a line per set, scope and
    deadline (goaltrack.judging.summary); before a deadline the goals per category."""
    from goaltrack.judging.summary import summarise

    words = LABELS[lang]
    lines = []
    for summary in summarise(statuses):
        where = f", {summary.place.display_name(lang)}" if with_place else ""
        counts = " · ".join(f"{n} {words[key]}" for key, n in summary.counts.items())
        tentative = f" ({summary.provisional} {words['provisional_n']})" if summary.provisional else ""
        lines.append(f"{words['goals_of'].format(year=summary.deadline)}{where}: {counts}{tentative}")
    return lines


def title_line(scope: Place, as_of: int, lang: str, set_name: str | None = None,
               known_at: datetime.date | None = None) -> str:
    """'goaltrack · København (101) · as of 2026'; with a set's name after 'goaltrack' when the
    picture holds several sets (or one other than the shipped one); with the vintage judged, when
    not today's record: '· as known at 2021-06-01'."""
    named = f" · {set_name}" if set_name else ""
    vintage = f" · {LABELS[lang]['known_at']} {known_at.isoformat()}" if known_at else ""
    return f"goaltrack{named} · {scope.label(lang)} · {LABELS[lang]['as_of']} {as_of}{vintage}"


def vintage_of(statuses: Sequence[GoalStatus]) -> datetime.date | None:
    """The day the statuses were judged as known at (None: on the record as it stands)."""
    return next((s.known_at for s in statuses if s.known_at is not None), None)


def by_set(statuses: Sequence[GoalStatus], fallback: Place) -> list[tuple[str | None, Place, list[GoalStatus]]]:
    """The statuses grouped by goal set (and the scope each set is judged in), in order: (the set's
    name, or None when only the shipped set is shown; the scope; its statuses)."""
    groups: dict[tuple[str, str], list[GoalStatus]] = {}
    for s in statuses:
        groups.setdefault((s.goal.set_id, s.place.code), []).append(s)
    if not groups:
        return [(None, fallback, [])]
    named = len(groups) > 1 or next(iter(groups))[0] != SHIPPED_SET
    return [(group[0].set_name or set_id if named else None, group[0].place, group)
            for (set_id, _), group in groups.items()]


def distance_text(status: GoalStatus, lang: str) -> str:
    """'1,820'; between percentages in points: '1.7 pp'."""
    distance = status.assessment.distance
    if distance is None:
        return "–"
    if status.goal.unit != "percent":  # a distance to a derived 0.70 is 0.30, never "0" beside "missed"
        return level_number(status, distance, lang)
    return difference(distance, status.goal.unit, lang, LABELS[lang]["points"])


def verdict_parts(status: GoalStatus, lang: str) -> list[str]:
    """The verdict, the figure that decided it, and why an unknown verdict is unknown:
    ["missed", "6,431 (2019)"], ["unknown", "2013 too old"], ["unknown", "no figure"].
    Empty before the deadline."""
    a, spec, words = status.assessment, status.spec, LABELS[lang]
    if a.verdict is None:
        return []
    basis = a.verdict_basis
    if basis is None:
        return [words["unknown"], words["no_figure"]]  # the deadline stands in the target column
    shown = point_text(basis, status.goal.unit, lang)
    if progress.basis_too_old(spec, basis):  # its year says why; the report names its value
        return [words["unknown"], f"{basis.year} {words['too_old']}"]
    if a.verdict == progress.UNKNOWN:  # a goal by direction only, without a baseline
        return [words["unknown"], shown, words["no_baseline"]]
    verdict = words[a.verdict] + (f", {words['provisional']}" if provisional(status) else "")
    if a.basis_break is not None:  # the basis is of another series than the baseline: say so
        return [verdict, shown, words["across_break"].format(year=a.basis_break)]
    return [verdict, shown]


def basis_source(status: GoalStatus, lang: str = "en") -> str | None:
    """The source of the figure that decided the verdict, where that figure is not the latest one
    (whose source every picture names already); a region's sum names its municipalities."""
    basis, latest = status.assessment.verdict_basis, status.assessment.latest
    if basis is None or basis == latest:
        return None
    summed = status.derived(basis)
    return derived_text(summed, lang) if summed is not None else basis.source


def sources_text(basis: str | None, latest: str | None, lang: str = "en") -> str:
    """"Source: VIVE 2022", or with the verdict's own source beside it, each once: "Source of the
    verdict: VIVE 2019 · of the latest figure: VIVE 2022". Empty without any source."""
    words = LABELS[lang]
    if not basis or basis == latest:
        return f"{words['source_one']}: {latest}" if latest else ""
    text = f"{words['source_verdict']}: {basis}"
    return f"{text} · {words['source_latest']}: {latest}" if latest else text


def verdict_atoms(status: GoalStatus, lang: str) -> list[str]:
    """The verdict cell in two pieces that a narrow table puts on two lines: the verdict, and the
    figure that decided it (never split: "6,431 (2019)", "2012 too old")."""
    parts = verdict_parts(status, lang)
    return [f"{parts[0]} ·", " ".join(parts[1:])] if parts else []


def verdict_text(status: GoalStatus, lang: str) -> str:
    """"missed · 6,431 (2019)": the verdict and the figure that decided it; empty before the deadline."""
    parts = verdict_parts(status, lang)
    return f"{parts[0]} · " + " ".join(parts[1:]) if parts else ""
