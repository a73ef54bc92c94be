"""`goaltrack show`: one goal, its definition and all its figures."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    db_option,
    goal_set_option,
    known_at_option,
    lang_option,
)
from goaltrack.cli.output import print_rich


@click.command()
@click.argument("goal")
@lang_option
@goal_set_option
@known_at_option
@db_option
def show(goal: str, lang: str, set_id: str | None) -> None:
    """Show one GOAL: its definition and all its measurements.

    \b
    Examples:
      goaltrack show homelessness
      goaltrack show homelessness --lang da
    """
    from goaltrack.present.i18n import LABELS
    from goaltrack.present.listings import goal_text, history_table
    from goaltrack.storage import store

    engine = database()
    definition = store.get_goals(engine, [goal], set_id)[0]
    rows = store.history(engine, definition.id)
    click.echo(goal_text(definition, lang) + "\n")
    if rows:
        print_rich(history_table(definition, rows, lang))
    else:
        click.echo(LABELS[lang]["no_measurements"])
