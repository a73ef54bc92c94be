"""`goaltrack history`: every figure of a goal with its source, current, replaced and deleted."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    db_option,
    format_option,
    goal_set_option,
    known_at_option,
    lang_option,
    scope_filter_option,
)
from goaltrack.cli.output import print_rich


@click.command()
@click.argument("goal")
@scope_filter_option
@format_option("table", "json")
@lang_option
@goal_set_option
@known_at_option
@db_option
def history(goal: str, scope: str | None, fmt: str, lang: str, set_id: str | None) -> None:
    """List every figure of GOAL with its source, current and replaced.

    \b
    Examples:
      goaltrack history homelessness
      goaltrack history homelessness --scope DK --format json
      goaltrack history drug-deaths --known-at 2021-06-30
    """
    from goaltrack.present.formats import to_json
    from goaltrack.present.listings import history_json, history_table
    from goaltrack.storage import store

    engine = database()
    definition = store.get_goals(engine, [goal], set_id)[0]
    if scope is not None:
        store.get_scope(engine, scope)
    rows = store.history(engine, definition.id, scope)
    if fmt == "json":
        click.echo(to_json(history_json(definition, rows)), nl=False)
    else:
        print_rich(history_table(definition, rows, lang))
