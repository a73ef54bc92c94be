"""`goaltrack goals`: the catalogue's goals, listed."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    db_option,
    format_option,
    lang_option,
    set_option,
)
from goaltrack.cli.output import print_rich


@click.command("goals")
@click.option("--archived", is_flag=True, help="Include goals archived by a catalogue sync.")
@set_option
@format_option("table", "json")
@lang_option
@db_option
def goals_command(archived: bool, set_id: str | None, fmt: str, lang: str) -> None:
    """List the goals of every goal set (or of --set), set by set, each in catalogue order.

    \b
    Examples:
      goaltrack goals
      goaltrack goals --format json --archived
      goaltrack goals --set dk-2020
    """
    from goaltrack.present.formats import to_json
    from goaltrack.present.listings import goal_definition, goals_table
    from goaltrack.storage import store

    engine = database()
    if set_id is not None:
        store.get_set(engine, set_id)
    goals = store.list_goals(engine, include_archived=archived, set_id=set_id)
    sets = store.list_sets(engine)
    if fmt == "json":
        click.echo(to_json([goal_definition(g) for g in goals]), nl=False)
    else:
        names = {s.id: s.name for s in sets}
        shown = list(dict.fromkeys(g.set_id for g in goals))
        for number, shown_set in enumerate(shown):
            if number:
                click.echo()
            title = f"{names.get(shown_set, shown_set)} ({shown_set})" if len(sets) > 1 else None
            print_rich(goals_table([g for g in goals if g.set_id == shown_set], lang, title))
