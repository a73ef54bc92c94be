"""`goaltrack record`: one published figure in, a correction keeping the old one."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    YearType,
    db_option,
    parse_value_arg,
    scope_option,
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
@click.option("--force", is_flag=True, help="Record a figure even if it is far out of line with its neighbours.")
@db_option
def record(goal: str, value: str, year: int, scope: str | None, source: str | None, note: str | None,
           replace: bool, force: bool) -> None:
    """Record a published figure for GOAL: VALUE in YEAR.

    VALUE is a plain number; a Danish decimal comma is fine (5,7), thousands separators are not
    (write 5820, not 5.820 or 5,820). A different figure for a goal, scope and year already recorded
    is refused unless --replace is given, with the --source of the revision. The same figure with a
    new --source takes the source (the old one stays in the history). A figure far out of line with
    the same goal's figures in that scope (0.047 among figures near 5) is refused unless --force.
    GOAL is its ID, or SET/ID where several goal sets have that ID; without --scope the figure is
    for the scope of the goal's set (DK for the shipped set).

    \b
    Examples:
      goaltrack record homelessness 6431 --year 2019 --source "VIVE 2019"
      goaltrack record placement-breakdown 5,1 --year 2015
      goaltrack record homelessness 612 --year 2019 --scope København
      goaltrack record homelessness 6635 --year 2017 --replace --source "VIVE, revised count"
      goaltrack record aarhus-2030/homelessness 540 --year 2021
    """
    from goaltrack.present.numbers import number
    from goaltrack.storage import store

    figure = parse_value_arg(value)
    result = store.record(database(), goal, figure, year, scope, source, note, replace, force)
    m, unit = result.measurement, result.unit
    shown = number(m.value, unit)
    if result.outcome == "recorded":
        info(f"Recorded {goal} {m.scope} {m.year}: {shown}.")
    elif result.outcome == "replaced":
        info(f"Replaced {goal} {m.scope} {m.year}: {number(result.replaced, unit)} → {shown} "
             "(the old figure stays in the history).")
    elif result.outcome == "resourced":
        info(f"Updated the source of {goal} {m.scope} {m.year} ({shown}); the old source stays in the history.")
    else:
        info(f"Unchanged: {goal} {m.scope} {m.year} is already {shown}.")
