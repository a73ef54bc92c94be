"""The command line's group, assembled from one module per command.

The command line parses, calls the library, renders. This module only assembles the group; each
command lives in a module of its own under ``commands/``, over the shared parts: the run's application
object (``app``), the one error path (``errors``), the shared options (``options``) and printing
(``output``). Nothing heavy is imported at start-up.
"""

from __future__ import annotations

import click

from goaltrack.cli.app import hide_passwords_in_process_list
from goaltrack.cli.commands import (
    catalogue,
    changes,
    chart,
    compare,
    db,
    delete,
    export,
    fetch,
    goals,
    history,
    import_,
    record,
    report,
    scopes,
    show,
    site,
    status,
)
from goaltrack.cli.errors import GoaltrackGroup
from goaltrack.cli.options import CONTEXT, db_option, group_lang_option, print_version

__all__ = ["GoaltrackGroup", "cli", "hide_passwords_in_process_list", "main"]


@click.group(cls=GoaltrackGroup, context_settings=CONTEXT)
@click.option("-V", "--version", is_flag=True, expose_value=False, is_eager=True, callback=print_version,
              help="Show the version and exit.")
@db_option
@group_lang_option
def cli() -> None:
    """Track social-policy goals against their targets.

    goaltrack keeps a catalogue of goals (baseline, target, deadline) and the official figures
    published for them, and tells how far each goal is from its target, whether it is on track,
    and, past its deadline, whether it was met. The first run creates a SQLite database in your
    data folder and loads the shipped catalogue: Denmark's social 2020 goals.

    \b
    Examples:
      goaltrack status
      goaltrack record homelessness 6431 --year 2019 --source "VIVE, Hjemløshed i Danmark 2019"
      goaltrack status homelessness --format json
      goaltrack --db postgresql+psycopg://me@server/goals status
      goaltrack --lang da import tal.csv
    """


for command in (status.status, compare.compare, goals.goals_command, show.show, history.history, scopes.scopes,
                record.record, delete.delete, changes.changes, import_.import_command, fetch.fetch, export.export_command,
                chart.chart, report.report, site.site, catalogue.catalogue, db.db):
    cli.add_command(command)


def main(args: list[str] | None = None, prog_name: str = "goaltrack") -> None:
    if args is None:
        hide_passwords_in_process_list()
    cli.main(args=args, prog_name=prog_name)
