"""`goaltrack export`: figures out, in the form import reads."""

from __future__ import annotations

import contextlib
import sys

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    check_output,
    db_option,
    format_option,
    known_at_option,
    lang_option,
    output_options,
    scope_filter_option,
    set_option,
)
from goaltrack.cli.output import TerminalSafe, info
from goaltrack.errors import GoaltrackError


@click.command("export")
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@format_option("csv", "json", "xlsx")
@scope_filter_option
@set_option
@click.option("--history", is_flag=True,
              help="The whole record: every entry (replaced ones, deletions with their reason), each with its state "
                   "and when it was recorded; import into a new database reproduces it.")
@output_options
@known_at_option
@lang_option
@db_option
def export_command(goals: tuple[str, ...], fmt: str, scope: str | None, set_id: str | None, history: bool,
                   output: str | None, excel_da: bool, lang: str) -> None:
    """Write figures to stdout (or --output FILE) in the form goaltrack import reads.

    Export, then import --replace into another database, and the current figures are the same.
    A goal is written by its ID, or as SET/ID where more than one goal set has that ID.
    --format xlsx writes a workbook (numbers as numbers); --excel-da a CSV that Danish Excel reads.
    --lang da names the CSV and xlsx columns in Danish (mål, område, år, værdi, kilde, …), as import
    reads them; JSON keeps its English keys.

    \b
    Examples:
      goaltrack export > figures.csv
      goaltrack export homelessness --scope 101 --format json
      goaltrack export --history > backup.csv
      goaltrack export --set aarhus-2030 > aarhus.csv
      goaltrack export --format xlsx --output figures.xlsx
      goaltrack export --excel-da --output tal.csv
      goaltrack export --excel-da --lang da --output tal.csv
    """
    from goaltrack.present import export as exporter
    from goaltrack.present.i18n import counted_in, said
    from goaltrack.storage import store

    engine = database()
    if set_id is not None:
        store.get_set(engine, set_id)
    populations = store.populations(engine, set_id)  # a set's inhabitants, for rates: figures of no goal
    chosen = [g.id for g in (store.get_goals(engine, [g for g in goals if g not in populations], set_id)
                             if goals else store.list_goals(engine, set_id=set_id))]
    chosen += [p for p in populations if p in goals or not goals]
    if scope is not None:
        store.get_scope(engine, scope)
    check_output(fmt, output, excel_da)
    names = store.display_names(store.list_goals(engine, include_archived=True))
    rows = exporter.figures(engine, chosen, scope, history, names)
    if fmt == "xlsx":
        from goaltrack.present.spreadsheet import write_workbook

        count = write_workbook(output, exporter.sheets(rows, history, lang))
        info(said("exported_to", lang, figures=counted_in(count, "figure", lang), output=output))
        return
    try:
        out = sys.stdout if output is None else open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise GoaltrackError(f"cannot write {output}: {exc.strerror or exc}") from None
    if output is None and sys.stdout.isatty():
        out = TerminalSafe(sys.stdout)
    with out if output is not None else contextlib.nullcontext(out):
        count = (exporter.write_json(rows, out) if fmt == "json"
                 else exporter.write_csv(rows, out, history, excel_da, lang))
    figures = counted_in(count, "figure", lang)
    info(said("exported_to", lang, figures=figures, output=output) if output else said("exported", lang, figures=figures))
