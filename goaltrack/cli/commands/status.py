"""`goaltrack status`: how far each goal is from its target, in every format."""

from __future__ import annotations

import io

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    as_of_option,
    check_output,
    db_option,
    format_option,
    known_at_option,
    lang_option,
    output_options,
    scope_option,
    set_option,
    wide_option,
)
from goaltrack.cli.output import console, emit, info, widen
from goaltrack.present.i18n import LABELS, counted_in


@click.command()
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@as_of_option
@known_at_option
@scope_option
@set_option
@format_option("table", "json", "csv", "markdown", "xlsx")
@lang_option
@wide_option
@click.option("--with-figures", is_flag=True,
              help="Only the goals with a figure in the scope judged (a municipality has few); says how many "
                   "were left out.")
@output_options
@db_option
def status(goals: tuple[str, ...], as_of: int, scope: str | None, set_id: str | None, fmt: str, lang: str,
           wide: bool, with_figures: bool, output: str | None, excel_da: bool) -> None:
    """How far each goal is from its target, and whether it is on track or was met.

    Shows every goal of every goal set (or of --set, or the GOALs named: ID, or SET/ID where
    several sets have ID) with baseline, latest figure, target, distance, progress, trend, category
    and, once the deadline has passed, the verdict; a table a set. Without --scope, each set is
    judged in its own scope (the nation for the shipped set).

    \b
    Examples:
      goaltrack status
      goaltrack status homelessness drug-deaths --as-of 2015
      goaltrack status --format json | jq '.goals[] | {id, verdict}'
      goaltrack status --format markdown --lang da > status.md
      goaltrack status --wide --lang da
      goaltrack status --set aarhus-2030
      goaltrack status --scope Tårnby --with-figures
      goaltrack status --format xlsx --output status.xlsx
      goaltrack status --format csv --excel-da --output status.csv
    """
    from goaltrack.judging.status import build_status, place
    from goaltrack.present.formats import (
        status_as_csv,
        status_as_json,
        status_as_markdown,
        status_sheets,
    )

    check_output(fmt, output, excel_da)
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, goals, scope, set_id)
    if with_figures:
        shown = [s for s in statuses if s.points]
        if len(shown) < len(statuses):
            info(LABELS[lang]["left_out_goals"].format(n=counted_in(len(statuses) - len(shown), "goal", lang),
                                                        scope=where.label(lang), year=as_of))
        statuses = shown
    if fmt == "table" and output is None:
        print_tables(statuses, where, as_of, lang, wide)
    elif fmt == "table":  # to a file: as wide as it takes, without colour
        emit(tables_text(statuses, where, as_of, lang), output)
    elif fmt == "json":
        emit(status_as_json(statuses, as_of, where if scope else None, lang), output)
    elif fmt == "csv":
        emit(status_as_csv(statuses, lang, excel_da), output)
    elif fmt == "xlsx":
        from goaltrack.present.spreadsheet import write_workbook

        write_workbook(output, status_sheets(statuses, as_of, where, lang))
        info(LABELS[lang]["wrote"].format(output=output, n=counted_in(len(statuses), "goal", lang)))
    else:
        emit(status_as_markdown(statuses, as_of, where, lang), output)


def print_tables(statuses: list, where, as_of: int, lang: str, wide: bool) -> None:
    """The status tables on the terminal, a table a goal set, fitted to its width (or --wide); the
    columns left out to fit are said on stderr."""
    from goaltrack.present.status_text import by_set
    from goaltrack.present.table import omitted_note, status_view

    out = console()
    width = out.width
    for number, (set_name, group_place, group) in enumerate(by_set(statuses, where)):
        table, omitted = status_view(group, as_of, group_place, lang, None if wide else width, set_name)
        widen(out, table)
        if number:
            out.print()
        out.print(table)
        if omitted:
            info(omitted_note(omitted, width, lang))


def tables_text(statuses: list, where, as_of: int, lang: str) -> str:
    """The status tables as text for a file: every column, no colour, no trailing spaces."""
    from rich.console import Console

    from goaltrack.present.status_text import by_set
    from goaltrack.present.table import status_view

    file_console = Console(file=io.StringIO(), width=1000, markup=False, highlight=False, emoji=False,
                           color_system=None)
    for number, (set_name, group_place, group) in enumerate(by_set(statuses, where)):
        if number:
            file_console.print()
        file_console.print(status_view(group, as_of, group_place, lang, None, set_name)[0])
    return "\n".join(line.rstrip() for line in file_console.file.getvalue().splitlines()) + "\n"
