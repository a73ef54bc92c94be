"""`goaltrack db current` and `upgrade`: the database's schema revision."""

from __future__ import annotations

import os

import click

from goaltrack.cli.app import app
from goaltrack.cli.options import CONTEXT, db_option
from goaltrack.cli.output import info


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
    from goaltrack.storage.database import connect, upgrade
    from goaltrack.storage.urls import shown_url

    engine = connect(app().url)
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
    from goaltrack.storage.database import HEAD, connect, current_revision
    from goaltrack.storage.urls import shown_url

    engine = connect(app().url)
    where = shown_url(engine.url)
    if engine.dialect.name == "sqlite" and engine.url.database and not os.path.exists(engine.url.database):
        click.echo(f"{where}\nrevision: none (the database is created on first use)")
        return
    with engine.connect() as conn:
        revision = current_revision(conn)
    state = "newest" if revision == HEAD else f"newest is {HEAD}; run goaltrack db upgrade"
    click.echo(f"{where}\nrevision: {revision or 'none'} ({state})")
