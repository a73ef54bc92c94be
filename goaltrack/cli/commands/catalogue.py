"""`goaltrack catalogue check` and `sync`: a goal catalogue checked, or followed by the database."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import CONTEXT, db_option
from goaltrack.cli.output import counted, info

LISTED = 20  # goals named a kind of change; the rest are counted


@click.group(context_settings=CONTEXT)
def catalogue() -> None:
    """Check a goal catalogue (YAML), or make the database follow one.

    \b
    Examples:
      goaltrack catalogue check goals.yaml
      goaltrack catalogue sync goals.yaml --archive
    """


def _catalogue_file(file: str | None) -> str:
    from goaltrack.catalogue import default_catalogue_path

    return file if file is not None else str(default_catalogue_path())


@catalogue.command("check")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
def catalogue_check(file: str | None) -> None:
    """Validate FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue) and list every problem with its line number.

    \b
    Example:
      goaltrack catalogue check goals.yaml
    """
    from goaltrack.catalogue import load_catalogue

    file = _catalogue_file(file)
    result = load_catalogue(file)
    for warning in result.warnings:
        info(f"Warning: {warning.where(file)}")
    info(f"{file}: {counted(len(result.goals), 'goal')}, {counted(len(result.scopes), 'scope')}, no problems.")


@catalogue.command("sync")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--archive", is_flag=True,
              help="Keep goals missing from FILE that have measurements, out of status, instead of failing.")
@db_option
def catalogue_sync(file: str | None, archive: bool) -> None:
    """Make the database's goals follow FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue).

    New goals are added and changed ones updated. A goal missing from FILE is removed if it has no
    measurements; if it has some, the sync fails naming it, unless --archive keeps it (with all its
    figures) out of status and charts. Nothing is written when anything fails.

    \b
    Examples:
      goaltrack catalogue sync my-goals.yaml
      goaltrack catalogue sync
    """
    from goaltrack.catalogue import load_catalogue
    from goaltrack.domain.units import format_plain
    from goaltrack.storage import store

    file = _catalogue_file(file)
    definition = load_catalogue(file)
    for warning in definition.warnings:
        info(f"Warning: {warning.where(file)}")
    # Another set's catalogue on a new database: the shipped one first, whose scopes (the 98
    # municipalities) it names; the shipped catalogue itself is loaded once, by this sync.
    from goaltrack.storage.models import SHIPPED_SET

    result = store.sync_catalogue(database(load_shipped=definition.set_id != SHIPPED_SET), definition,
                                  archive=archive)
    parts = [f"{len(getattr(result, key))} {key}" for key in ("added", "updated", "restored", "archived", "removed")]
    info(f"Synced {file} into goal set {definition.set_id}: {', '.join(parts)}; "
         f"{counted(result.measurements_added, 'published figure')} loaded"
         + (f", {counted(result.dated, 'figure')} dated from the catalogue." if result.dated else "."))
    for key in ("added", "updated", "restored", "archived", "removed"):
        named = getattr(result, key)
        for goal_id in named[:LISTED]:
            info(f"  {key}: {goal_id}")
        if len(named) > LISTED:  # a catalogue of 10,000 goals: not 10,000 lines
            info(f"  {key}: … and {len(named) - LISTED:,} more (goaltrack goals --set {definition.set_id} lists them)")
    for goal_id, scope, year, held, given, source in result.differing:
        info(f"  kept: {goal_id} {scope} {year} is {format_plain(held)} here; the catalogue has "
             f"{format_plain(given)}" + (f" ({source})" if source else "")
             + f"; to take it: goaltrack record {goal_id} {format_plain(given)} --year {year} --scope {scope} "
               "--replace --source …")
