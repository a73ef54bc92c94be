"""`goaltrack delete`: a figure recorded by mistake out, kept in the history as deleted."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    YearType,
    db_option,
    lang_option,
    scope_option,
    set_option,
)
from goaltrack.cli.output import info


@click.command()
@click.argument("goal")
@click.option("--year", type=YearType(), required=True, help="The year of the figure to delete.")
@scope_option
@click.option("--note", metavar="TEXT", help="Why it is deleted (kept in the history).")
@set_option
@lang_option
@db_option
def delete(goal: str, year: int, scope: str, note: str | None, set_id: str | None, lang: str) -> None:
    """Delete the current figure of GOAL for YEAR (a figure recorded by mistake).

    Nothing is lost: the figure stays in the history, marked deleted, with when and the --note.

    \b
    Examples:
      goaltrack delete placement-breakdown --year 2015 --note "typed 47 for 4.7"
      goaltrack delete homelessness --year 2019 --scope København
    """
    from goaltrack.present.i18n import said
    from goaltrack.present.numbers import number
    from goaltrack.storage import store

    result = store.delete(database(), goal, year, scope, note, set_id=set_id)
    m = result.entry
    info(said("deleted", lang, goal=goal, scope=m.scope, year=m.year, shown=number(m.value, result.unit, lang)))
