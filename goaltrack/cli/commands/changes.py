"""`goaltrack changes`: the goals whose verdict, category or latest figure changed between two vintages."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    as_of_option,
    day_value,
    db_option,
    format_option,
    lang_option,
    scope_option,
    set_option,
)
from goaltrack.cli.output import console, info


@click.command()
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@click.option("--since", required=True, metavar="YYYY-MM-DD", callback=day_value,
              help="The earlier vintage: the record as it was known at the end of this day.")
@click.option("--until", metavar="YYYY-MM-DD", callback=day_value,
              help="The later vintage (default: the record as it stands).")
@as_of_option
@scope_option
@set_option
@format_option("table", "json")
@lang_option
@db_option
def changes(goals: tuple[str, ...], since, until, as_of: int, scope: str | None, set_id: str | None, fmt: str,
            lang: str) -> None:
    """The goals whose verdict (or the figure deciding it), category or latest figure changed between two vintages.

    Each goal is judged twice, on the figures as they were known at the end of --since and of --until
    (for each goal, scope and year: the newest figure published by then), and listed where the two
    pictures differ, with the figures published in between that changed it: revisions (the value
    replaced, and the new one), new figures, deletions, with their publication day and flag.

    \b
    Examples:
      goaltrack changes --since 2020-06-30
      goaltrack changes drug-deaths --since 2020-06-30 --until 2022-06-30
      goaltrack changes --since 2021-01-01 --format json
    """
    from goaltrack.judging.changes import changes as find_changes
    from goaltrack.present.changes import changes_json, changes_table
    from goaltrack.present.formats import to_json

    if until is not None and until < since:
        raise click.BadParameter(f"{until.isoformat()} is before --since {since.isoformat()}",
                                 param_hint="--until")
    found = find_changes(database(), since, until, as_of, goals, scope, set_id)
    if fmt == "json":
        click.echo(to_json(changes_json(found, since, until, as_of, lang)), nl=False)
    elif not found:
        from goaltrack.present.i18n import said

        info(said("no_changes", lang, since=since.isoformat(), until=until.isoformat() if until else said("now", lang)))
    else:
        console().print(changes_table(found, since, until, lang))
