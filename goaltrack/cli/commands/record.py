"""`goaltrack record`: one published figure in, a correction keeping the old one."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    YearType,
    db_option,
    lang_option,
    parse_value_arg,
    scope_option,
    set_option,
)
from goaltrack.cli.output import info


@click.command()
@click.argument("goal")
@click.argument("value")
@click.option("--year", type=YearType(), required=True, help="The year the figure is for.")
@scope_option
@click.option("--source", metavar="TEXT", help="Where the figure was published.")
@click.option("--note", metavar="TEXT", help="Anything a later reader should know.")
@click.option("--replace", is_flag=True,
              help="Correct a figure already recorded (needs --source); the old one stays in the history.")
@click.option("--published", metavar="YYYY-MM-DD",
              help="The day its producer released the figure (default: today). --known-at reads by it.")
@click.option("--flag", metavar="P|E|B|D|U|none",
              help="P provisional, E estimated, B break in series (starts a new series), D definition differs, "
                   "U low reliability; none: no flag (a provisional figure become final). A new release of the "
                   "same figure keeps its flag unless --flag is given.")
@click.option("--force", is_flag=True, help="Record a figure even if it is far out of line with its neighbours.")
@set_option
@lang_option
@db_option
def record(goal: str, value: str, year: int, scope: str | None, source: str | None, note: str | None,
           replace: bool, published: str | None, flag: str | None, force: bool, set_id: str | None, lang: str) -> None:
    """Record a published figure for GOAL: VALUE in YEAR.

    VALUE is a plain number; a Danish decimal comma is fine (5,7), thousands separators are not
    (write 5820, not 5.820 or 5,820). A different figure for a goal, scope and year already recorded
    is refused unless --replace is given, with the --source of the revision. The same figure with a
    new --source takes the source (the old one stays in the history). A figure far out of line with
    the same goal's figures in that scope (0.047 among figures near 5) is refused unless --force.
    Nothing is overwritten: each figure is a new entry of the record, with the day it was --published
    and its --flag. GOAL is its ID (the shipped set's goal, else the one set's that has it), SET/ID, or
    an ID with --set; without --scope the figure is for the scope of the goal's set (DK for the
    shipped set). Goals of several sets that track one indicator share its figures.

    \b
    Examples:
      goaltrack record homelessness 6431 --year 2019 --source "VIVE 2019"
      goaltrack record placement-breakdown 5,1 --year 2015
      goaltrack record homelessness 612 --year 2019 --scope København
      goaltrack record homelessness 6635 --year 2017 --replace --source "VIVE, revised count"
      goaltrack record drug-deaths 256 --year 2020 --flag P --published 2021-09-14 --source "SST"
      goaltrack record aarhus-2030/homelessness 540 --year 2021
    """
    from goaltrack.present.i18n import said
    from goaltrack.present.numbers import number
    from goaltrack.storage import store

    figure = parse_value_arg(value)
    result = store.record(database(), goal, figure, year, scope, source, note, replace, force,
                          published=published, flag=flag, set_id=set_id)
    m, unit = result.entry, result.unit
    shown = number(m.value, unit, lang) + (f" {result.flag}" if result.flag else "")
    old = number(result.replaced, unit, lang) if result.outcome == "replaced" else None
    info(said(result.outcome, lang, goal=goal, scope=m.scope, year=m.year, shown=shown, old=old))
