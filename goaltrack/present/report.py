"""The report an analyst hands on: report.md and report.html, written into one folder.

Each holds the status table, a sentence per goal in plain words and the charts beside them, in one
folder that can be sent as it is."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from goaltrack import __version__
from goaltrack.domain import flags, progress
from goaltrack.domain.regions import derived_text
from goaltrack.domain.text import markdown_text
from goaltrack.errors import GoaltrackError
from goaltrack.judging.status import GoalStatus, Place
from goaltrack.present.charts.data import CATEGORY_COLOUR
from goaltrack.present.charts.files import (
    chart_folder,
    chart_name,
    prepare_folder,
    undrawable,
    write_charts,
)
from goaltrack.present.formats import status_as_markdown
from goaltrack.present.i18n import LABELS, REPORT_WORDS
from goaltrack.present.numbers import difference, number, progress_text
from goaltrack.present.outputs import check_targets, intend, remember, write_file
from goaltrack.present.report_style import STYLE, keep_together
from goaltrack.present.status_text import (
    basis_source,
    by_set,
    derived_marks,
    distance_text,
    figure_text,
    footnotes,
    level_number,
    provisional,
    rule_text,
    sources_text,
    summary_lines,
    target_text,
    verdict_text,
    vintage_of,
)

WORDS = REPORT_WORDS


def _amount(value: float, unit: str, lang: str, status: GoalStatus | None = None) -> str:
    """A difference in the goal's unit: '2,431', '1.7 points' for percentages; from a target derived
    for the scope, with its decimals ('0.30', never '0' beside a missed 0.70)."""
    if status is not None and unit != "percent":
        return level_number(status, value, lang)
    return difference(value, unit, lang, WORDS[lang]["points"])


def sentence(status: GoalStatus, lang: str = "en") -> str:
    """One goal in plain words. Before the deadline: where it stands ('Homeless persons: 5,820 in 2013,
    1,820 above the target of 4,000; moving away from it.'). After it, two questions kept apart: the
    verdict with the figure that decided it, then the latest figure ('Homeless persons: missed; 6,431
    in 2019 against the target of 4,000 by 2020. Latest: 5,789 in 2022, 1,789 above it.')."""
    a = status.assessment
    title = f"{status.goal.title(lang)}, {status.place.label(lang)}"
    if a.verdict is None:
        if a.latest is None:
            return f"{title}: {WORDS[lang]['no_figures']}."
        return f"{title}: {_standing(status, lang)}."
    return f"{title}: {_verdict_clause(status, lang)}. {_latest_clause(status, lang)}"


def _target(status: GoalStatus, lang: str) -> str:
    """'4,000', or a derived target with how it came about: '1,059 (scaled from the national target)'."""
    text = level_number(status, status.spec.target_value, lang)
    why = rule_text(status, lang)
    return f"{text} ({why})" if why else text


def _figure(point: progress.Point, unit: str, lang: str, status: GoalStatus | None = None) -> str:
    """'6,431 in 2019'; a region's sum says so: '660 in 2019 (sum of 11 municipalities)'."""
    text = f"{number(point.value, unit, lang)} {WORDS[lang]['in']} {point.year}"
    if point.flag:  # '256 in 2020 (provisional)'
        text += f" ({flags.label(point.flag, lang)})"
    summed = status.derived(point) if status is not None else None
    return text if summed is None else f"{text} ({derived_text(summed, lang)})"


def _standing(status: GoalStatus, lang: str) -> str:
    """Where the goal stands on its latest figure (before the deadline), without the final stop."""
    w, spec, a, unit = WORDS[lang], status.spec, status.assessment, status.goal.unit
    parts = [_figure(a.latest, unit, lang, status)]
    moved = spec.baseline is not None and a.latest.year != spec.baseline.year
    if spec.baseline is not None and not moved:
        parts[0] += f" ({w['baseline_only']})"
    clauses = []
    if spec.target_value is not None:
        target = number(spec.target_value, unit, lang)
        why = rule_text(status, lang)
        if why:
            target += f" ({why})"
        if a.achieved:
            parts.append(f"{w['reached']} {target}")
        else:
            side = w["above"] if spec.direction < 0 else w["below"]
            parts.append(f"{_amount(a.distance, unit, lang, status)} {side} {w['the_target_of']} {target}")
        if a.progress_pct is not None and not a.achieved:
            clauses.append(w["away"] if a.progress_pct < 0 else w["on_track"] if a.on_path else w["behind"])
    elif moved:
        clauses.append(_against_baseline(status, a.latest, lang))
    return ", ".join(parts) + "".join(f"; {c}" for c in clauses)


def _against_baseline(status: GoalStatus, point: progress.Point, lang: str) -> str:
    w, spec = WORDS[lang], status.spec
    change = spec.direction * (point.value - spec.baseline.value)
    return w["improving"] if change > 0 else w["worsening"] if change < 0 else w["flat"]


def _verdict_clause(status: GoalStatus, lang: str) -> str:
    """'missed; 6,431 in 2019 against the target of 4,000 by 2020', or why the verdict is unknown."""
    w, spec, a, unit = WORDS[lang], status.spec, status.assessment, status.goal.unit
    verdict = LABELS[lang][a.verdict] + (f", {LABELS[lang]['provisional']}" if provisional(status) else "")
    basis = a.verdict_basis
    if basis is not None and a.basis_break is not None:
        verdict += f" ({LABELS[lang]['across_break'].format(year=a.basis_break)})"
    if basis is None:
        key = "no_basis" if spec.baseline is not None else "no_basis_at_all"
        return f"{verdict}; {w[key].format(year=spec.target_year)}"
    figure = _figure(basis, unit, lang, status)
    if progress.basis_too_old(spec, basis):
        return f"{verdict}; " + w["too_old"].format(year=spec.target_year, figure=figure, window=spec.verdict_window)
    if spec.target_value is not None:
        return f"{verdict}; {figure} {w['against']} {w['the_target_of']} {_target(status, lang)} {w['by']} {spec.target_year}"
    if spec.baseline is None:
        return f"{verdict}; {figure}, " + w["no_baseline_to_judge"]
    return f"{verdict}; {figure} {w['against']} {w['the_baseline_of']} {_figure(spec.baseline, unit, lang)}"


def _latest_clause(status: GoalStatus, lang: str) -> str:
    """'Latest: 5,789 in 2022, 1,789 above it.' after a verdict; 'it' is the target the verdict named."""
    w, spec, a, unit = WORDS[lang], status.spec, status.assessment, status.goal.unit
    if a.latest is None:
        return f"{w['latest']}: {w['no_figures']}."
    same = a.verdict_basis is not None and a.latest == a.verdict_basis
    lead = w["no_figure_since"] if same else f"{w['latest']}: "
    text = "" if same else _figure(a.latest, unit, lang, status)
    if not same and spec.baseline is not None and a.latest.year == spec.baseline.year:
        text += f" ({w['baseline_only']})"
    still = f"{w['still']} " if same else ""
    named = (a.verdict_basis is not None and not progress.basis_too_old(spec, a.verdict_basis)
             and spec.target_value is not None)  # the verdict clause named the target: "it" will do
    if spec.target_value is not None:
        target = w["it"] if named else f"{w['the_target_of']} {_target(status, lang)}"
        if a.achieved:
            state = f"{w['reached_short']} {target}"
        else:
            side = w["above"] if spec.direction < 0 else w["below"]
            state = f"{_amount(a.distance, unit, lang, status)} {side} {target}"
    elif spec.baseline is not None and a.latest.year != spec.baseline.year:
        change = spec.direction * (a.latest.value - spec.baseline.value)
        state = w["better_than_baseline"] if change > 0 else w["worse_than_baseline"] if change < 0 \
            else w["level_with_baseline"]
    else:
        return f"{lead}{text}." if text else lead.rstrip(": ") + "."
    return f"{lead}{text}, {state}." if text else f"{lead}{still}{state}."


@dataclass(frozen=True)
class Report:
    markdown: Path
    html: Path
    charts: list[Path]


def write_report(statuses: Sequence[GoalStatus], out: Path, as_of: int, scope: Place, lang: str = "en",
                 today: datetime.date | None = None, step: Callable[[str], None] | None = None,
                 name: str | None = None, force: bool = False) -> Report:
    """Write report.md, report.html and charts/ into ``out``: a chart for each goal with figures in
    its scope, and an overview; the goals without figures are listed by name instead of drawn.
    Several goal sets get a part each, under the set's name, judged in the set's scope. The report is
    titled with the set's name (the catalogue's ``name``), else ``name``. report.html is one file:
    its charts are embedded, nothing is fetched."""
    out = prepare_folder(Path(out))
    markdown_path, html_path = out / "report.md", out / "report.html"

    if (out / "charts").is_symlink():
        raise GoaltrackError(f"{out / 'charts'} is a symbolic link; goaltrack never writes through a link")

    def check(charts: list[Path]) -> None:  # before anything is drawn or written
        check_targets(out, [markdown_path, html_path, *charts], force=force)
        intend(out, [markdown_path, html_path, *charts])  # so that an interrupted report can be finished

    blank = {id(s) for s in undrawable(statuses, as_of)}  # no figure at all: no chart, a panel in the overview
    # each source is named once, beside its goal's chart, so the charts leave it out of their footers
    charts = write_charts(statuses, out / "charts", as_of, lang, "png", overview=True, step=step, sources=False,
                          check=check)
    today = today or datetime.date.today()
    w = WORDS[lang]
    groups = by_set(statuses, scope)
    places = {place for _, place, _ in groups}
    shown = places.pop() if len(places) == 1 else None
    named = groups[0][2][0].set_name if len(groups) == 1 and groups[0][2] else None
    title = named or name or w["report"]
    if shown:
        title += f" · {shown.label(lang)}"
    heading = f"{w['date']}: {today.isoformat()} · {w['as_of']} {as_of}"
    day = vintage_of(statuses)
    if day is not None:
        heading += f" · {LABELS[lang]['known_at']} {day.isoformat()}"
    if shown:
        heading += f" · {w['scope']} {shown.label(lang)}"
    md = [f"# {markdown_text(title)}", "", markdown_text(heading), ""]
    summary = summary_lines(statuses, lang, with_place=len({s.place.code for s in statuses}) > 1)
    if summary:  # the first thing anyone asks, first: the same counts as the status table's footer
        md += [f"**{markdown_text(line)}**  " for line in summary] + [""]
    for set_name, place, group in groups:
        md += _markdown_part(group, set_name if len(groups) > 1 or set_name else None, place, as_of, lang, blank)
    md += ["---", f"{w['made_by']} {__version__}.", ""]
    write_file(markdown_path, "\n".join(md))
    write_file(html_path, _html(groups, title, heading, as_of, lang, out, blank))
    remember(out, [markdown_path, html_path, *charts])
    return Report(markdown_path, html_path, charts)


def _overview(group: Sequence[GoalStatus]) -> str | None:
    """Where the overview of a set's goals is, relative to the report; None: no goals."""
    if not group:
        return None
    folder = chart_folder(group[0])
    return f"charts/{folder}/overview.png" if folder else "charts/overview.png"


def _markdown_part(group: Sequence[GoalStatus], set_name: str | None, place: Place, as_of: int,
                   lang: str, blank: set[int]) -> list[str]:
    w = WORDS[lang]
    suffix = f" · {markdown_text(set_name)}" if set_name else ""
    md = []
    if set_name:
        md += [f"## {markdown_text(set_name)} · {markdown_text(place.label(lang))}", ""]
    overview = _overview(group)
    if overview:
        md += [f"![{w['overview']}{suffix}]({overview})", ""]
    table = status_as_markdown(group, as_of, place, lang, set_name).split("\n", 2)[2].rstrip()
    md += [f"## {w['status']}{suffix}", "", table, "", f"## {w['goals']}{suffix}", ""]
    for s in group:
        if id(s) in blank:
            continue
        name = markdown_text(s.goal.title(lang))  # data: no HTML, no link, no image, one line
        md += [f"### {name}", "", markdown_text(sentence(s, lang)), "", f"![{name}](charts/{chart_name(s)})", ""]
        source = source_line(s, lang)
        if source:
            md += [f"*{markdown_text(source)}*", ""]
    empty = [s for s in group if id(s) in blank]
    if empty:
        md += [f"## {w['without']}{suffix}", ""]
        md += [f"- {markdown_text(s.goal.title(lang))}: {markdown_text(no_figures(s, lang))}" for s in empty] + [""]
    return md


def source_line(status: GoalStatus, lang: str = "en") -> str:
    """'Source of the latest figure: VIVE 2022'; where an earlier figure decided the verdict and
    has a source of its own, both, once each: 'Source of the verdict: VIVE 2019 · of the latest
    figure: VIVE 2022'. Empty without any source."""
    latest = status.assessment.latest.source if status.assessment.latest is not None else None
    basis = basis_source(status, lang)
    if basis and basis != latest:
        return sources_text(basis, latest, lang)
    return f"{WORDS[lang]['source']}: {latest}" if latest else ""


def no_figures(status: GoalStatus, lang: str = "en") -> str:
    """'no figures for København yet'."""
    return WORDS[lang]["no_figures_for"].format(place=status.place.display_name(lang))


def data_uri(path: Path) -> str:
    """A PNG as a data: URI, so that report.html is one file that fetches nothing."""
    import base64

    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def _img(path: Path, alt: str) -> str:
    """The chart at ``path`` embedded in the page; nothing where no chart was drawn."""
    return f'<img src="{data_uri(path)}" alt="{html.escape(alt)}">' if path.is_file() else ""


def _html(groups: Sequence[tuple[str | None, Place, list[GoalStatus]]], title: str, heading: str, as_of: int,
          lang: str, out: Path, blank: set[int]) -> str:
    w, e = WORDS[lang], html.escape
    statuses = [s for _, _, group in groups for s in group]
    lines = summary_lines(statuses, lang, with_place=len({s.place.code for s in statuses}) > 1)
    parts = [f'<p class="summary"><strong>{e(line)}</strong></p>' for line in lines]
    for set_name, place, group in groups:  # a part each: in print, each set after the first on a new page
        named = f'<h2 class="set">{e(set_name)} · {e(place.label(lang))}</h2>\n' if set_name else ""
        parts.append(f'<div class="part">\n{named}{_html_part(group, set_name, lang, out, blank)}\n</div>')
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{e(title)} · {as_of}</title>
<style>
{STYLE}</style>
</head>
<body>
<h1>{e(title)}</h1>
<p class="meta">{e(heading)}</p>
{chr(10).join(parts)}
<p class="meta">{e(w['made_by'])} {e(__version__)}.</p>
</body>
</html>
"""


def _html_part(statuses: Sequence[GoalStatus], set_name: str | None, lang: str, out: Path, blank: set[int]) -> str:
    """One goal set's overview, status table, goals and goals without figures. Figures keep their units
    and signs on their line (report_style.keep_together); in print the status table comes before the
    overview, which it follows on screen."""
    w, labels, e = WORDS[lang], LABELS[lang], html.escape

    def t(text: str) -> str:
        return e(keep_together(text, lang))

    suffix = f" · {set_name}" if set_name else ""
    head = [labels[k] for k in ("goal", "baseline", "latest", "target", "distance", "progress", "category",
                                "verdict")]
    rows = []
    marks = derived_marks(statuses)
    for s in statuses:
        a = s.assessment
        cells = [s.goal.title(lang), figure_text(s, s.spec.baseline, lang), figure_text(s, a.latest, lang),
                 target_text(s, lang, marks), distance_text(s, lang), progress_text(s, lang)]
        colour = CATEGORY_COLOUR[a.category]
        rows.append("<tr>" + "".join(f"<td>{t(c)}</td>" for c in cells)
                    + f'<td><span class="dot" style="background:{colour}"></span>{e(labels[a.category])}</td>'
                    + f"<td>{t(verdict_text(s, lang))}</td></tr>")
    goals = []
    for s in statuses:
        if id(s) in blank:
            continue
        source = source_line(s, lang)
        goals.append(
            f'<section class="goal"><h3>{e(s.goal.title(lang))}</h3><p>{t(sentence(s, lang))}</p>'
            + _img(out / "charts" / chart_name(s), s.goal.title(lang))
            + (f'<p class="source">{t(source)}</p>' if source else "") + "</section>")
    if goals:  # no heading over nothing: a scope without figures has only the list below
        goals.insert(0, f"<h2>{e(w['goals'] + suffix)}</h2>")
    empty = [s for s in statuses if id(s) in blank]
    if empty:
        goals.append(f"<h2>{e(w['without'])}{e(suffix)}</h2><ul>"
                     + "".join(f"<li>{e(s.goal.title(lang))}: {t(no_figures(s, lang))}</li>" for s in empty)
                     + "</ul>")
    notes = "".join(f'<p class="source">{t(note)}</p>' for note in footnotes(statuses, lang))
    overview = _overview(statuses)
    picture = f'<figure class="overview">{_img(out / overview, w["overview"] + suffix)}</figure>\n' if overview else ""
    return f"""<div class="lead">
{picture}<div class="status">
<h2>{e(w['status'] + suffix)}</h2>
<table>
<thead><tr>{''.join(f'<th>{e(h)}</th>' for h in head)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{notes}
</div>
</div>
{chr(10).join(goals)}"""
