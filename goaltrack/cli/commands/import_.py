"""`goaltrack import`: figures from a file, all or nothing."""

from __future__ import annotations

import os

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    db_option,
    lang_option,
)
from goaltrack.cli.output import info, progress_bar


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
@click.option("--force", is_flag=True, help="Import figures even if far out of line with their neighbours (or, in a "
              "JSON-stat table, in a stated unit that is not the goal's).")
@click.option("--source", "source", metavar="TEXT",
              help="The source of every row that gives none (a StatBank file carries no source column).")
@click.option("--note", "note", metavar="TEXT", help="The note of every row that gives none.")
@click.option("--published", "published", metavar="YYYY-MM-DD",
              help="The day the figures were published, for every row that gives none (default: today).")
@click.option("--set", "set_id", metavar="SET",
              help="The goal set a bare goal ID in the file (or --goal) belongs to (default: the shipped set's "
                   "goal, else the one set that has it).")
@lang_option
@db_option
def import_command(file: str, dry_run: bool, replace: bool, goal: str | None, scope: str | None,
                   encoding: str | None, sheet: str | None, force: bool, source: str | None, note: str | None,
                   published: str | None, set_id: str | None, lang: str) -> None:
    """Import figures from a CSV, JSON or .xlsx FILE, all or nothing.

    Long tables (a row per figure: goal, scope, year, value, source, note), wide ones (a column per
    year) and Statistics Denmark's StatBank exports (OMRÅDE;TID;INDHOLD) are read, with English or
    Danish headers in any case (mål, område/kommune, år/tid, værdi/indhold, kilde, bemærkning).
    Scopes by code or name (0101, København, Region Hovedstaden, Hele landet), or as StatBank
    writes them (000 for all Denmark, 081-085 for the regions, "101 København"); a StatBank matrix
    may leave its corner empty. Title rows above the
    table and notes under it are skipped; withheld cells (.., ., -, empty) are skipped and counted.
    Every row is checked first; one bad row means nothing is written, and the error lists the
    problems with their line numbers. A row that repeats a recorded figure changes nothing; the
    same figure with a new source, publication day or flag is a new release of it (the earlier one
    stays in the history). Optional columns: published/offentliggjort (YYYY-MM-DD, the day the
    producer released the figure) and flag/markering (P E B D U); a StatBank year marked 2021* is
    provisional. An export with --history comes back as the same record. --source, --note and
    --published stand in for a column a file lacks (a StatBank file has no source column).

    \b
    Examples:
      goaltrack import figures.csv --dry-run
      goaltrack import kommuner-2019.csv
      goaltrack import HJEM1.csv --goal homelessness          # StatBank: OMRÅDE;TID;INDHOLD
      goaltrack import HJEM1.csv --goal homelessness --source "Danmarks Statistik, HJEM1" --published 2024-09-30
      goaltrack import anbringelser.xlsx --sheet Tabel2 --goal placement-breakdown
      goaltrack import gammel.csv --encoding cp1252
      goaltrack import revised.json --replace
      goaltrack import aarhus.csv --set aarhus-2030
      goaltrack import tal.csv --dry-run --lang da
    """
    from goaltrack.ingest import import_file
    from goaltrack.ingest.load import Defaults

    defaults = Defaults.checked(source, note, published)  # before the database is opened: a typo costs nothing
    engine = database()
    large = os.path.isfile(file) and os.path.getsize(file) >= 5_000_000
    with progress_bar("Importing", None, show=large) as bar:
        result = import_file(engine, file, replace=replace, dry_run=dry_run, progress=bar, goal=goal, scope=scope,
                             encoding=encoding, sheet=sheet, force=force, set_id=set_id, defaults=defaults)
    info(import_summary(result, file, dry_run, lang))


def import_summary(result, file: str, dry_run: bool, lang: str) -> str:
    """"Imported FILE: 3 rows; 2 new, 1 replaced, 0 unchanged (…)." in ``lang``."""
    from goaltrack.present.i18n import counted_in, said, whole

    parts = [said(key + ("_one" if n == 1 else ""), lang, n=whole(n, lang))
             for key, n in (("n_new", result.added), ("n_replaced", result.replaced), ("n_unchanged", result.unchanged))]
    if result.resourced:
        parts.append(said("n_resourced", lang, n=whole(result.resourced, lang)))
    if result.history:
        parts.append(counted_in(result.history, "earlier", lang))
    extra = []
    if result.withheld:
        extra.append(said("withheld", lang, cells=counted_in(result.withheld, "cell", lang)))
    if result.skipped_lines:
        extra.append(said("skipped", lang, lines=counted_in(result.skipped_lines, "title_line", lang)))
    source = said("in_sheet", lang, file=file, sheet=result.sheet) if result.sheet is not None else file
    return (said("import", lang, what=said("would_import" if dry_run else "imported", lang), source=source,
                 rows=counted_in(result.rows, "row", lang), parts=", ".join(parts))
            + (f" ({'; '.join(extra)})" if extra else "") + (said("dry_run", lang) if dry_run else "."))
