"""The catalogue and the database: catalogue check/sync, db upgrade/current."""

from __future__ import annotations

import os

import click

from goaltrack.cli.base import (
    CONTEXT,
    _DB_KEY,
    counted,
    database,
    db_option,
    info,
)


# --- catalogue ------------------------------------------------------------------------------------


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
    from goaltrack.storage import store
    from goaltrack.catalogue import load_catalogue
    from goaltrack.domain.units import format_plain

    file = _catalogue_file(file)
    definition = load_catalogue(file)
    for warning in definition.warnings:
        info(f"Warning: {warning.where(file)}")
    result = store.sync_catalogue(database(load_shipped=False), definition, archive=archive)
    parts = [f"{len(getattr(result, key))} {key}" for key in ("added", "updated", "restored", "archived", "removed")]
    info(f"Synced {file} into goal set {definition.set_id}: {', '.join(parts)}; "
         f"{counted(result.measurements_added, 'published figure')} loaded.")
    for key in ("added", "updated", "restored", "archived", "removed"):
        for goal_id in getattr(result, key):
            info(f"  {key}: {goal_id}")
    for goal_id, scope, year, held, given, source in result.differing:
        info(f"  kept: {goal_id} {scope} {year} is {format_plain(held)} here; the catalogue has "
             f"{format_plain(given)}" + (f" ({source})" if source else "")
             + f"; to take it: goaltrack record {goal_id} {format_plain(given)} --year {year} --scope {scope} "
               "--replace --source …")


# --- db -------------------------------------------------------------------------------------------


@click.group(context_settings=CONTEXT)
def db() -> None:
    """Inspect or upgrade the database schema (goaltrack upgrades on first use by itself).

    \b
    Examples:
      goaltrack db current
      goaltrack --db postgresql+psycopg://me@server/goals db upgrade
    """


@db.command("upgrade")
@db_option
def db_upgrade() -> None:
    """Apply every pending migration to the database.

    \b
    Example:
      goaltrack db upgrade
    """
    from goaltrack.storage.database import connect, shown_url, upgrade

    engine = connect(click.get_current_context().find_root().meta.get(_DB_KEY))
    before, after = upgrade(engine)  # a database error becomes one Error line in GoaltrackGroup
    where = shown_url(engine.url)
    if before == after:
        info(f"{where} is already at the newest schema revision ({after}).")
    else:
        info(f"Upgraded {where} from {before or 'an empty database'} to {after}.")


@db.command("current")
@db_option
def db_current() -> None:
    """Print the database URL (password masked) and its schema revision.

    \b
    Example:
      goaltrack db current
    """
    from goaltrack.storage.database import HEAD, connect, current_revision, shown_url

    engine = connect(click.get_current_context().find_root().meta.get(_DB_KEY))
    where = shown_url(engine.url)
    if engine.dialect.name == "sqlite" and engine.url.database and not os.path.exists(engine.url.database):
        click.echo(f"{where}\nrevision: none (the database is created on first use)")
        return
    with engine.connect() as conn:
        revision = current_revision(conn)
    state = "newest" if revision == HEAD else f"newest is {HEAD}; run goaltrack db upgrade"
    click.echo(f"{where}\nrevision: {revision or 'none'} ({state})")
