"""A report an analyst can hand on: report.md and report.html with the status table, a sentence per
goal in plain words, and the charts beside them, in one folder that can be sent as it is."""

from __future__ import annotations

import datetime
import html
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from goaltrack import __version__, progress
from goaltrack.charts import CATEGORY_COLOUR, chart_folder, chart_name, prepare_folder, write_charts
from goaltrack.i18n import LABELS, REPORT_WORDS
from goaltrack.render import number, rule_text, status_as_markdown
from goaltrack.status import GoalStatus, Place

WORDS = REPORT_WORDS


def _amount(value: float, unit: str, lang: str) -> str:
    """A difference in the goal's unit: '2,431', '1.7 points' for percentages."""
    if unit == "percent":
        return f"{number(value, 'score', lang)} {WORDS[lang]['points']}"
    return number(value, unit, lang)


def sentence(status: GoalStatus, lang: str = "en") -> str:
    """One goal in plain words, e.g. 'Homeless persons: 6,431 in 2019, 2,431 above the target of 4,000;
    moving away from it; missed.'"""
    w, spec, a, unit = WORDS[lang], status.spec, status.assessment, status.goal.unit
    title = f"{status.goal.title(lang)}, {status.place.label(lang)}"
    if a.latest is None:
        return f"{title}: {w['no_figures']}."
    parts = [f"{number(a.latest.value, unit, lang)} {w['in']} {a.latest.year}"]
    if spec.baseline is not None and a.latest.year == spec.baseline.year:
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
            parts.append(f"{_amount(a.distance, unit, lang)} {side} {w['the_target_of']} {target}")
        if a.progress_pct is not None and not a.achieved and a.latest.year != spec.baseline.year:
            clauses.append(w["away"] if a.progress_pct < 0 else w["on_track"] if a.on_path else w["behind"])
    elif spec.baseline is not None and a.latest.year != spec.baseline.year:
        change = spec.direction * (a.latest.value - spec.baseline.value)
        clauses.append(w["improving"] if change > 0 else w["worsening"] if change < 0 else w["flat"])
    if a.verdict is not None:
        clauses.append(w["verdict_unknown"] if a.verdict == progress.UNKNOWN else LABELS[lang][a.verdict])
    return f"{title}: " + ", ".join(parts) + "".join(f"; {c}" for c in clauses) + "."


@dataclass(frozen=True)
class Report:
    markdown: Path
    html: Path
    charts: list[Path]


def write_report(statuses: Sequence[GoalStatus], out: Path, as_of: int, scope: Place, lang: str = "en",
                 today: datetime.date | None = None, step: Callable[[str], None] | None = None) -> Report:
    """Write report.md, report.html and charts/ into ``out``: a chart for each goal with figures in
    the scope, and an overview; the goals without figures are listed by name instead of drawn."""
    out = prepare_folder(Path(out))
    drawn = [s for s in statuses if s.has_figures]
    empty = [s for s in statuses if not s.has_figures]
    charts = write_charts(drawn, out / "charts", as_of, lang, "png", overview=True, step=step)
    today = today or datetime.date.today()
    w = WORDS[lang]
    title = f"{w['report']} · {scope.label(lang)}"
    heading = f"{w['date']}: {today.isoformat()} · {w['as_of']} {as_of} · {w['scope']} {scope.label(lang)}"
    folder = chart_folder(drawn[0]) if drawn else ""
    overview = f"charts/{folder}/overview.png" if folder else "charts/overview.png"
    md = [f"# {title}", "", heading, ""]
    if drawn:
        md += [f"![{w['overview']}]({overview})", ""]
    md += [f"## {w['status']}", "", status_as_markdown(statuses, as_of, scope, lang).split("\n", 2)[2].rstrip(),
           "", f"## {w['goals']}", ""]
    for s in drawn:
        md += [f"### {s.goal.title(lang)}", "", sentence(s, lang), "",
               f"![{s.goal.title(lang)}](charts/{chart_name(s)})", ""]
        if s.assessment.latest is not None and s.assessment.latest.source:
            md += [f"*{w['source']}: {s.assessment.latest.source}*", ""]
    if empty:
        md += [f"## {w['without']}", ""]
        md += [f"- {s.goal.title(lang)}: {no_figures(s, lang)}" for s in empty] + [""]
    md += ["---", f"{w['made_by']} {__version__}.", ""]
    markdown_path = out / "report.md"
    html_path = out / "report.html"
    markdown_path.write_text("\n".join(md), encoding="utf-8")
    html_path.write_text(_html(statuses, title, heading, overview if drawn else None, as_of, scope, lang),
                         encoding="utf-8")
    return Report(markdown_path, html_path, charts)


def no_figures(status: GoalStatus, lang: str = "en") -> str:
    """'no figures for København yet'."""
    return WORDS[lang]["no_figures_for"].format(place=status.place.display_name(lang))


def _html(statuses: Sequence[GoalStatus], title: str, heading: str, overview: str | None, as_of: int,
          scope: Place, lang: str) -> str:
    from goaltrack.render import distance_text, footnotes, point_text, progress_text, target_text

    w, labels, e = WORDS[lang], LABELS[lang], html.escape
    head = [labels[k] for k in ("goal", "baseline", "latest", "target", "distance", "progress", "category",
                                "verdict")]
    rows = []
    for s in statuses:
        a, unit = s.assessment, s.goal.unit
        cells = [s.goal.title(lang), point_text(s.spec.baseline, unit, lang), point_text(a.latest, unit, lang),
                 target_text(s, lang, mark=True), distance_text(s, lang), progress_text(s, lang)]
        colour = CATEGORY_COLOUR[a.category]
        rows.append("<tr>" + "".join(f"<td>{e(c)}</td>" for c in cells)
                    + f'<td><span class="dot" style="background:{colour}"></span>{e(labels[a.category])}</td>'
                    + f"<td>{e(labels[a.verdict]) if a.verdict else ''}</td></tr>")
    goals = []
    for s in statuses:
        if not s.has_figures:
            continue
        source = s.assessment.latest.source if s.assessment.latest is not None else None
        goals.append(
            f"<section><h3>{e(s.goal.title(lang))}</h3><p>{e(sentence(s, lang))}</p>"
            f'<img src="charts/{e(chart_name(s))}" alt="{e(s.goal.title(lang))}">'
            + (f'<p class="source">{e(w["source"])}: {e(source)}</p>' if source else "") + "</section>")
    empty = [s for s in statuses if not s.has_figures]
    if empty:
        goals.append(f"<h2>{e(w['without'])}</h2><ul>"
                     + "".join(f"<li>{e(s.goal.title(lang))}: {e(no_figures(s, lang))}</li>" for s in empty)
                     + "</ul>")
    notes = "".join(f'<p class="source">{e(note)}</p>' for note in footnotes(statuses, lang))
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<title>{e(title)} · {as_of}</title>
<style>
body {{ font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; color: #222; max-width: 1100px;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }}
h1 {{ margin-bottom: 0.2em; }} .meta, .source {{ color: #666; font-size: 0.9em; }}
table {{ border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 1em 0 2em; }}
th, td {{ padding: 0.35em 0.6em; border-bottom: 1px solid #ddd; text-align: right; vertical-align: top; }}
th:first-child, td:first-child, th:nth-last-child(-n+2), td:nth-last-child(-n+2) {{ text-align: left; }}
.dot {{ display: inline-block; width: 0.75em; height: 0.75em; border-radius: 50%; margin-right: 0.4em; }}
img {{ max-width: 100%; height: auto; }} section {{ margin: 2em 0 3em; }}
</style>
</head>
<body>
<h1>{e(title)}</h1>
<p class="meta">{e(heading)}</p>
{f'<img src="{e(overview)}" alt="{e(w["overview"])}">' if overview else ""}
<h2>{e(w['status'])}</h2>
<table>
<thead><tr>{''.join(f'<th>{e(h)}</th>' for h in head)}</tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{notes}
<h2>{e(w['goals'])}</h2>
{chr(10).join(goals)}
<p class="meta">{e(w['made_by'])} {e(__version__)}.</p>
</body>
</html>
"""
