"""The comparison of scopes on one goal (goaltrack.judging.compare), shown: as JSON and as a table.

The table is fitted to the terminal like the status table (goaltrack.present.fit); rich is imported
inside the functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaltrack.domain.rates import PER
from goaltrack.domain.units import counts
from goaltrack.present.formats import goal_json
from goaltrack.present.i18n import LABELS
from goaltrack.present.numbers import json_number, number, progress_text
from goaltrack.present.status_text import (
    CATEGORY_STYLE,
    VERDICT_STYLE,
    derived_marks,
    figure_text,
    footnotes,
    shown,
    target_text,
    verdict_atoms,
    vintage_of,
)

if TYPE_CHECKING:
    from goaltrack.judging.compare import Comparison
    from goaltrack.present.fitted import FittedTable as Table


def compare_json(comparison: Comparison, lang: str = "en") -> dict:
    """{"goal", "as_of", "known_at", "year", "years", "rates", "scopes": [{"scope", "name", "ranked", "rank",
    "group", ...the status keys}]}: "rates" says how persons or counts became rates per 100,000 ({"per",
    "population", "target", "target_population_year", "left_out"}; null: the figures as they are, and
    each scope's values in the goal's unit); each group (municipality, region, other) its ranked scopes first, best first,
    then its unranked ones; the set's own scope (the nation) last, group "reference", never ranked.
    "year" is the first group's comparison year, "years" each group's."""
    day = vintage_of([e.status for e in comparison.entries])
    basis = comparison.rates
    rates = None if basis is None else {
        "per": PER, "population": basis.population, "target": json_number(basis.target),
        "target_population_year": basis.target_population_year, "left_out": basis.left_out}
    return {"goal": comparison.goal_id, "as_of": comparison.as_of, "known_at": day.isoformat() if day else None,
            "year": comparison.year, "years": dict(comparison.years), "rates": rates,
            "scopes": [{"scope": e.scope.code, "name": e.status.place.display_name(lang), "ranked": e.ranked,
                        "rank": e.rank, "group": e.group, **goal_json(e.status, lang)} for e in comparison.entries]}


def compare_rows(comparison: Comparison, lang: str = "en") -> list[dict]:
    """One flat row a scope, for CSV and spreadsheets: rank, scope, name, group, then the status CSV's
    fields (goaltrack.present.formats.status_rows)."""
    from goaltrack.present.formats import status_rows

    flat = status_rows([e.status for e in comparison.entries], lang)
    return [{"rank": e.rank, "scope_code": e.scope.code, "name": e.status.place.display_name(lang),
             "group": e.group, "ranked": e.ranked, **row} for e, row in zip(comparison.entries, flat, strict=True)]


def compare_as_csv(comparison: Comparison, lang: str = "en", excel_da: bool = False) -> str:
    """compare --format csv: ``compare_rows`` with the status CSV's cells (never a formula), its columns
    and words in ``lang`` (goaltrack.present.formats.row_in)."""
    import csv
    import io

    from goaltrack.present.formats import _csv_cell, row_in

    rows = [row_in(row, lang) for row in compare_rows(comparison, lang)]
    out = io.StringIO()
    if excel_da:
        out.write("\ufeff")
    if rows:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]), lineterminator="\n", delimiter=";" if excel_da else ",")
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _csv_cell(v, excel_da, lang) for k, v in row.items()})
    return out.getvalue()


def compare_sheets(comparison: Comparison, lang: str = "en") -> list:
    """The workbook of `compare --format xlsx`: a row a scope (``compare_rows``), numbers as numbers."""
    from goaltrack.present.formats import row_in
    from goaltrack.present.i18n import column
    from goaltrack.present.spreadsheet import Sheet

    rows = [row_in(row, lang) for row in compare_rows(comparison, lang)]
    header = list(rows[0]) if rows else [column(k, lang) for k in ("rank", "scope_code", "name", "group", "ranked")]
    return [Sheet(column("compare", lang), header, ([row[k] for k in header] for row in rows))]


def compare_as_markdown(comparison: Comparison, lang: str = "en") -> str:
    """compare --format markdown: the table's cells as a Markdown table under its heading, its notes below."""
    from goaltrack.domain.text import markdown_text

    columns, _ = compare_columns(comparison, lang)
    lines = [f"**{markdown_text(compare_heading(comparison, lang))}**", "",
             "| " + " | ".join(markdown_text(c.header) for c in columns) + " |",
             "|" + "|".join("---:" if c.right else ":---" for c in columns) + "|"]
    for i in range(len(comparison.entries)):
        lines.append("| " + " | ".join(markdown_text(" ".join(c.rows[i])) for c in columns) + " |")
    notes = compare_notes(comparison, lang)
    lines += [""] + [markdown_text(note) + "  " for note in notes] if notes else []
    return "\n".join(lines) + "\n"


def compare_view(comparison: Comparison, lang: str = "en", width: int | None = 160) -> tuple[Table, list[str]]:
    """The ranked scopes, numbered, with the year of each figure; then, after a rule, the scopes
    whose latest figure is from another year, unnumbered. Fitted to ``width`` like the status table
    (goaltrack.present.fit: no word, figure or symbol split; the columns left out first are progress, which
    never decides a rank, then the baseline, then the gap left; their headers are returned)."""
    from rich import box

    from goaltrack.present.fit import layout

    columns, styles = compare_columns(comparison, lang)
    plan = layout(columns, width, title_key="scope")
    # SIMPLE_HEAD, with a rule between the sections: a group's ranked and unranked scopes, the groups,
    # and the reference
    ruled = box.Box("    \n    \n ── \n    \n ╌╌ \n    \n    \n    \n")
    entries = comparison.entries
    rules = {i for i in range(len(entries) - 1)
             if (entries[i].group, entries[i].ranked) != (entries[i + 1].group, entries[i + 1].ranked)}
    from goaltrack.present.fitted import fitted_table

    table = fitted_table(plan, columns, styles, compare_heading(comparison, lang), compare_notes(comparison, lang),
                         ruled, rule_after=rules)
    return table, plan.omitted


def compare_heading(comparison: Comparison, lang: str) -> str:
    """'Homeless persons · as of 2026 · compared in 2019'."""
    words, entries = LABELS[lang], comparison.entries
    title = entries[0].status.goal.title(lang) if entries else comparison.goal_id
    if comparison.rates is not None:
        title += f" {words['per_inhabitants']}"
    heading = f"{title} · {words['as_of']} {comparison.as_of}"
    day = vintage_of([e.status for e in entries])
    if day is not None:
        heading += f" · {words['known_at']} {day.isoformat()}"
    if comparison.year is not None:
        heading += f" · {words['compared_in']} {comparison.year}"
    return heading


def compare_notes(comparison: Comparison, lang: str) -> list[str]:
    """The footnotes of derived figures, and what the unranked scopes below the rule are."""
    words, entries = LABELS[lang], comparison.entries
    notes = footnotes([e.status for e in entries], lang)
    compared = [e for e in entries if e.group != "reference"]
    if any(not e.ranked for e in compared):
        notes.append(words["not_ranked_below"].format(year=comparison.year) if any(e.ranked for e in compared)
                     else words["not_ranked"])
    groups = [g for g in comparison.years if any(e.group == g for e in compared)]
    if len(groups) > 1:  # regions ranked apart from municipalities, each on its own year
        notes.append(words["ranked_apart"].format(groups=", ".join(
            f"{words['group_' + g]} {comparison.years[g] or '–'}" for g in groups)))
    notes += _measure_notes(comparison, lang, len(compared) > 1)
    reference = next((e for e in entries if e.group == "reference"), None)
    if reference is not None:
        notes.append(words["reference"].format(scope=shown(reference.status.place.label(lang))))
    return notes


def _measure_notes(comparison: Comparison, lang: str, several: bool) -> list[str]:
    """What the figures compared are: rates per 100,000 and how they were made, or counts and why."""
    words, entries, basis = LABELS[lang], comparison.entries, comparison.rates
    reference = next((e for e in entries if e.group == "reference"), None)
    home = reference.status.place.display_name(lang) if reference is not None else "–"
    if basis is not None:
        if basis.target is None:  # a goal by direction only
            notes = [words["rates_note_plain"].format(population=basis.population)]
        else:
            notes = [words["rates_note"].format(population=basis.population, home=home,
                                                target=number(basis.target, "rate", lang),
                                                year=basis.target_population_year)]
        return notes + ([words["rates_left_out"].format(n=basis.left_out)] if basis.left_out else [])
    if not several or not entries or not counts(entries[0].status.goal.unit):
        return []
    why = (words["counts_asked"] if comparison.counts_asked else words["no_population"] if comparison.population is None
           else words["no_population_figures"].format(population=comparison.population, home=home))
    return [words["counts_not_rates"], why]


def compare_columns(comparison: Comparison, lang: str = "en") -> tuple[list, dict[str, list[str]]]:
    """The comparison table's columns as pieces that must not be split (goaltrack.present.fit), the ranked
    scopes numbered and first, and each row's styles."""
    from goaltrack.present.fit import Column, atoms

    words, entries = LABELS[lang], comparison.entries
    marks = derived_marks([e.status for e in entries])
    show_verdict = any(e.status.assessment.verdict is not None for e in entries)
    header = {"rank": "#", "scope": words["scope"], "baseline": words["baseline"], "latest": words["latest"],
              "target": words["target"], "gap": words["gap_left"], "progress": words["progress"],
              "category": words["category"], "verdict": words["verdict"]}
    columns = {key: Column(key, header[key], [], right=key not in ("scope", "category", "verdict"), optional=drop)
               for key, drop in (("rank", 0), ("scope", 0), ("baseline", 2), ("latest", 0), ("target", 0),
                                 ("gap", 3), ("progress", 1), ("category", 0), ("verdict", 0))
               if key != "verdict" or show_verdict}
    for key in ("baseline", "latest", "target"):
        columns[key].group, columns[key].stack = 1, True
    styles: dict[str, list[str]] = {"category": [], "verdict": []}
    numbered = [("" if e.rank is None else str(e.rank), e) for e in entries]  # each group numbered from 1
    for rank, e in numbered:
        s, a = e.status, e.status.assessment
        symbol, style = CATEGORY_STYLE[a.category]
        share = "–" if a.distance_share is None else number(round(100 * a.distance_share), "percent", lang)
        cells = {"rank": [rank] if rank else [], "scope": atoms(shown(s.place.label(lang))),
                 "baseline": atoms(figure_text(s, s.spec.baseline, lang)),
                 "latest": atoms(figure_text(s, a.latest, lang)), "target": atoms(target_text(s, lang, marks)),
                 "gap": atoms(share), "progress": atoms(progress_text(s, lang)),
                 "category": atoms(f"{symbol} {words[a.category]}"), "verdict": verdict_atoms(s, lang)}
        for key, column in columns.items():
            column.rows.append(cells[key])
        styles["category"].append(style)
        styles["verdict"].append(VERDICT_STYLE[a.verdict] if a.verdict else "")
    return list(columns.values()), styles
