"""`goaltrack db current` and `upgrade`: the database's schema revision."""

from __future__ import annotations

import os

import click

from goaltrack.cli.app import app
from goaltrack.cli.options import CONTEXT, db_option, lang_option
from goaltrack.cli.output import info
from goaltrack.present.i18n import said


@click.group(context_settings=CONTEXT)
def db() -> None:
    """Inspect or upgrade the database schema (goaltrack upgrades on first use by itself).

    \b
    Examples:
      goaltrack db current
      goaltrack --db postgresql+psycopg://me@server/goals db upgrade
    """


@db.command("upgrade")
@lang_option
@db_option
def db_upgrade(lang: str) -> None:
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
        info(said("at_newest", lang, where=where, revision=after))
    else:
        info(said("upgraded", lang, where=where, before=before or said("empty_database", lang), after=after))


@db.command("current")
@lang_option
@db_option
def db_current(lang: str) -> None:
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
        click.echo(f"{where}\n{said('revision_none', lang)}")
        return
    with engine.connect() as conn:
        revision = current_revision(conn)
    state = said("newest", lang) if revision == HEAD else said("newest_is", lang, head=HEAD)
    click.echo(f"{where}\n{said('revision', lang, revision=revision or said('none', lang), state=state)}")
