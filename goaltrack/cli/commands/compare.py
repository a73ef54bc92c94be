"""`goaltrack compare`: the scopes with figures for a goal, ranked like for like."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    YearType,
    as_of_option,
    check_output,
    db_option,
    format_option,
    goal_set_option,
    known_at_option,
    lang_option,
    output_options,
    wide_option,
)
from goaltrack.cli.output import console, emit, info, widen
from goaltrack.domain.figure import FIRST_YEAR, LAST_YEAR
from goaltrack.errors import GoaltrackError
from goaltrack.present.i18n import LABELS, counted_in


@click.command()
@click.argument("goal")
@as_of_option
@format_option("table", "json", "csv", "markdown", "xlsx")
@lang_option
@wide_option
@goal_set_option
@known_at_option
@click.option("--kind", type=click.Choice(["municipality", "region"]),
              help="Only the municipalities, or only the regions (default: each ranked apart).")
@click.option("--region", metavar="REGION", help="Only the municipalities of this region (by code or name).")
@click.option("--year", "year", type=YearType(FIRST_YEAR, LAST_YEAR), metavar="YEAR",
              help="Compare on figures from this year (default: the latest-figure year most scopes share).")
@click.option("--counts", "as_counts", is_flag=True,
              help="Compare persons and counts as they are, even where population figures give rates.")
@output_options
@db_option
def compare(goal: str, as_of: int, fmt: str, lang: str, wide: bool, set_id: str | None, kind: str | None,
            region: str | None, year: int | None, as_counts: bool, output: str | None, excel_da: bool) -> None:
    """Rank the scopes that have figures for GOAL, like for like.

    Each scope is judged like status --scope judges it: its own baseline, and the national target
    (scaled by its baseline for persons and counts). Only figures of the same year are ranked: the
    comparison year is the latest-figure year most scopes share; those scopes are ranked (achieved
    first, then by category, then by the share of the gap left, then by name), and the others are
    listed after them, unranked, with the year of their latest figure. Municipalities are ranked among
    themselves and regions apart, each on its own year; the set's own scope (the nation) is the
    reference, listed last and never ranked. Progress in percent is shown but never decides a rank.

    Persons and counts are compared as rates per 100,000 inhabitants where the catalogue names a
    population indicator (population: ...) and it has figures: each figure over its scope's
    population of the same year (a figure without one is left out, and counted), each scope held to
    the set's target as a rate. Load the population with import (a yearly table of inhabitants per
    area, with --goal population). Otherwise counts, with a note saying why.

    \b
    Examples:
      goaltrack compare homelessness
      goaltrack compare homelessness --wide
      goaltrack compare placement-breakdown --as-of 2018 --format json
      goaltrack compare homelessness --region "Region Hovedstaden" --year 2019
      goaltrack compare homelessness --kind region --format csv
      goaltrack compare homelessness --format xlsx --output compare.xlsx
      goaltrack import population.csv --goal population && goaltrack compare drug-deaths
      goaltrack compare drug-deaths --counts
    """
    from goaltrack.judging.compare import compare_scopes
    from goaltrack.storage import store

    check_output(fmt, output, excel_da)
    engine = database()
    if region is not None:
        found = store.get_scope(engine, store.resolve_scope(engine, region))
        if found.kind != "region":
            raise GoaltrackError(f"--region {region}: {found.name} ({found.code}) is not a region")
        region = found.code
    comparison = compare_scopes(engine, store.get_goals(engine, [goal], set_id)[0].id, as_of, kind, region, year,
                                use_rates=not as_counts)
    if fmt == "table":
        show_table(comparison, as_of, lang, wide)
    else:
        write_formatted(comparison, fmt, lang, output, excel_da)


def write_formatted(comparison, fmt: str, lang: str, output: str | None, excel_da: bool) -> None:
    """The comparison as JSON, CSV or Markdown (to stdout or --output), or as a workbook."""
    from goaltrack.present import compare as present
    from goaltrack.present.formats import to_json

    if fmt == "json":
        emit(to_json(present.compare_json(comparison, lang)), output)
    elif fmt == "csv":
        emit(present.compare_as_csv(comparison, lang, excel_da), output)
    elif fmt == "markdown":
        emit(present.compare_as_markdown(comparison, lang), output)
    else:
        from goaltrack.present.spreadsheet import write_workbook

        write_workbook(output, present.compare_sheets(comparison, lang))
        info(LABELS[lang]["wrote"].format(output=output, n=counted_in(len(comparison.entries), "scope", lang)))


def show_table(comparison, as_of: int, lang: str, wide: bool) -> None:
    """The comparison on the terminal, fitted to its width (or --wide); what was left out said on stderr."""
    from goaltrack.present.compare import compare_view
    from goaltrack.present.table import omitted_note

    if not comparison.entries:  # an empty table would look like a fault: say why there is nothing
        info(LABELS[lang]["nothing_to_compare"].format(goal=comparison.goal_id, year=as_of))
        return
    out = console()
    width = out.width
    table, omitted = compare_view(comparison, lang, None if wide else width)
    widen(out, table)
    out.print(table)
    if omitted:
        info(omitted_note(omitted, width, lang))
