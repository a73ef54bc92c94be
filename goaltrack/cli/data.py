"""Data in and out: record, delete, import, export."""

from __future__ import annotations

import contextlib
import os
import sys

import click

from goaltrack.cli.base import (
    TerminalSafe,
    YearType,
    check_output,
    counted,
    database,
    db_option,
    format_option,
    info,
    output_options,
    parse_value_arg,
    progress_bar,
    scope_filter_option,
    scope_option,
    set_option,
)
from goaltrack.errors import GoaltrackError


@click.command()
@click.argument("goal")
@click.argument("value")
@click.option("--year", type=YearType(), required=True, help="The year the figure is for.")
@scope_option
@click.option("--source", metavar="TEXT", help="Where the figure was published.")
@click.option("--note", metavar="TEXT", help="Anything a later reader should know.")
@click.option("--replace", is_flag=True,
              help="Correct a figure already recorded (needs --source); the old one stays in the history.")
@click.option("--force", is_flag=True, help="Record a figure even if it is far out of line with its neighbours.")
@db_option
def record(goal: str, value: str, year: int, scope: str | None, source: str | None, note: str | None,
           replace: bool, force: bool) -> None:
    """Record a published figure for GOAL: VALUE in YEAR.

    VALUE is a plain number; a Danish decimal comma is fine (5,7), thousands separators are not
    (write 5820, not 5.820 or 5,820). A different figure for a goal, scope and year already recorded
    is refused unless --replace is given, with the --source of the revision. The same figure with a
    new --source takes the source (the old one stays in the history). A figure far out of line with
    the same goal's figures in that scope (0.047 among figures near 5) is refused unless --force.
    GOAL is its ID, or SET/ID where several goal sets have that ID; without --scope the figure is
    for the scope of the goal's set (DK for the shipped set).

    \b
    Examples:
      goaltrack record homelessness 6431 --year 2019 --source "VIVE 2019"
      goaltrack record placement-breakdown 5,1 --year 2015
      goaltrack record homelessness 612 --year 2019 --scope København
      goaltrack record homelessness 6635 --year 2017 --replace --source "VIVE, revised count"
      goaltrack record aarhus-2030/homelessness 540 --year 2021
    """
    from goaltrack.storage import store
    from goaltrack.present.render import number

    figure = parse_value_arg(value)
    result = store.record(database(), goal, figure, year, scope, source, note, replace, force)
    m, unit = result.measurement, result.unit
    shown = number(m.value, unit)
    if result.outcome == "recorded":
        info(f"Recorded {goal} {m.scope} {m.year}: {shown}.")
    elif result.outcome == "replaced":
        info(f"Replaced {goal} {m.scope} {m.year}: {number(result.replaced, unit)} → {shown} "
             "(the old figure stays in the history).")
    elif result.outcome == "resourced":
        info(f"Updated the source of {goal} {m.scope} {m.year} ({shown}); the old source stays in the history.")
    else:
        info(f"Unchanged: {goal} {m.scope} {m.year} is already {shown}.")


@click.command()
@click.argument("goal")
@click.option("--year", type=YearType(), required=True, help="The year of the figure to delete.")
@scope_option
@click.option("--note", metavar="TEXT", help="Why it is deleted (kept in the history).")
@db_option
def delete(goal: str, year: int, scope: str, note: str | None) -> None:
    """Delete the current figure of GOAL for YEAR (a figure recorded by mistake).

    Nothing is lost: the figure stays in the history, marked deleted, with when and the --note.

    \b
    Examples:
      goaltrack delete placement-breakdown --year 2015 --note "typed 47 for 4.7"
      goaltrack delete homelessness --year 2019 --scope København
    """
    from goaltrack.storage import store
    from goaltrack.present.render import number

    result = store.delete(database(), goal, year, scope, note)
    m = result.measurement
    info(f"Deleted {goal} {m.scope} {m.year}: {number(m.value, result.unit)} (it stays in the history, marked deleted).")


@click.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and report, write nothing.")
@click.option("--replace", is_flag=True,
              help="Correct figures already recorded (each row needs its source); the old ones stay in the history.")
@click.option("--goal", "goal", metavar="ID", help="The goal of every figure, for a file without a goal column.")
@click.option("--scope", "scope", metavar="SCOPE", default=None,
              help="The scope of a figure whose row names none, by code or name (default: its goal set's "
                   "scope, DK for the shipped set).")
@click.option("--encoding", metavar="NAME", help="A CSV file's encoding (default: UTF-8, or Windows-1252 detected).")
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx file (default: the first).")
@click.option("--force", is_flag=True, help="Import figures even if far out of line with their neighbours.")
@db_option
def import_command(file: str, dry_run: bool, replace: bool, goal: str | None, scope: str | None,
                   encoding: str | None, sheet: str | None, force: bool) -> None:
    """Import figures from a CSV, JSON or .xlsx FILE, all or nothing.

    Long tables (a row per figure: goal, scope, year, value, source, note), wide ones (a column per
    year) and Statistics Denmark's StatBank exports (OMRÅDE;TID;INDHOLD) are read, with English or
    Danish headers in any case (mål, område/kommune, år/tid, værdi/indhold, kilde, bemærkning).
    Scopes by code or name (0101, København, Region Hovedstaden, Hele landet). Title rows above the
    table and notes under it are skipped; withheld cells (.., ., -, empty) are skipped and counted.
    Every row is checked first; one bad row means nothing is written, and the error lists the
    problems with their line numbers. A row that repeats a recorded figure changes nothing; the
    same figure with a new source takes the source (the old one stays in the history).

    \b
    Examples:
      goaltrack import figures.csv --dry-run
      goaltrack import kommuner-2019.csv
      goaltrack import HJEM1.csv --goal homelessness          # StatBank: OMRÅDE;TID;INDHOLD
      goaltrack import anbringelser.xlsx --sheet Tabel2 --goal placement-breakdown
      goaltrack import gammel.csv --encoding cp1252
      goaltrack import revised.json --replace
    """
    from goaltrack.ingest.importer import import_file

    engine = database()
    large = os.path.isfile(file) and os.path.getsize(file) >= 5_000_000
    with progress_bar("Importing", None, show=large) as bar:
        result = import_file(engine, file, replace=replace, dry_run=dry_run, progress=bar, goal=goal, scope=scope,
                             encoding=encoding, sheet=sheet, force=force)
    what = "Would import" if dry_run else "Imported"
    parts = [f"{result.added:,} new", f"{result.replaced:,} replaced", f"{result.unchanged:,} unchanged"]
    if result.resourced:
        parts.append(f"{result.resourced:,} with a new source")
    if result.history:
        parts.append(f"{counted(result.history, 'earlier figure')}")
    extra = []
    if result.withheld:
        extra.append(f"{counted(result.withheld, 'cell')} withheld or empty")
    if result.skipped_lines:
        extra.append(f"{counted(result.skipped_lines, 'title or note line')} skipped")
    info(f"{what} {file}: {counted(result.rows, 'row')}; {', '.join(parts)}"
         + (f" ({'; '.join(extra)})" if extra else "")
         + (" (dry run: nothing written)." if dry_run else "."))


@click.command("export")
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@format_option("csv", "json", "xlsx")
@scope_filter_option
@set_option
@click.option("--history", is_flag=True, help="Also the replaced figures, marked, with when.")
@output_options
@db_option
def export_command(goals: tuple[str, ...], fmt: str, scope: str | None, set_id: str | None, history: bool,
                   output: str | None, excel_da: bool) -> None:
    """Write figures to stdout (or --output FILE) in the form goaltrack import reads.

    Export, then import --replace into another database, and the current figures are the same.
    A goal is written by its ID, or as SET/ID where more than one goal set has that ID.
    --format xlsx writes a workbook (numbers as numbers); --excel-da a CSV that Danish Excel reads.

    \b
    Examples:
      goaltrack export > figures.csv
      goaltrack export homelessness --scope 101 --format json
      goaltrack export --history > backup.csv
      goaltrack export --set aarhus-2030 > aarhus.csv
      goaltrack export --format xlsx --output figures.xlsx
      goaltrack export --excel-da --output tal.csv
    """
    from goaltrack.present import export as exporter
    from goaltrack.storage import store

    engine = database()
    if set_id is not None:
        store.get_set(engine, set_id)
    chosen = [g.id for g in (store.get_goals(engine, goals, set_id) if goals
                             else store.list_goals(engine, set_id=set_id))]
    if scope is not None:
        store.get_scope(engine, scope)
    check_output(fmt, output, excel_da)
    names = store.display_names(store.list_goals(engine, include_archived=True))
    rows = exporter.figures(engine, chosen, scope, history, names)
    if fmt == "xlsx":
        from goaltrack.present.spreadsheet import write_workbook

        count = write_workbook(output, exporter.sheets(rows, history))
        info(f"Exported {counted(count, 'figure')} to {output}.")
        return
    try:
        out = sys.stdout if output is None else open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise GoaltrackError(f"cannot write {output}: {exc.strerror or exc}") from None
    if output is None and sys.stdout.isatty():
        out = TerminalSafe(sys.stdout)
    with out if output is not None else contextlib.nullcontext(out):
        count = exporter.write_json(rows, out) if fmt == "json" else exporter.write_csv(rows, out, history, excel_da)
    info(f"Exported {counted(count, 'figure')}" + (f" to {output}." if output else "."))
