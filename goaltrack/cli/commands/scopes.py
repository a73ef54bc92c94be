"""`goaltrack scopes`: the scopes figures can be recorded for."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    db_option,
    format_option,
    lang_option,
)
from goaltrack.cli.output import print_rich


@click.command()
@format_option("table", "json")
@lang_option
@db_option
def scopes(fmt: str, lang: str) -> None:
    """List the scopes figures can be recorded for (DK, regions, municipalities).

    \b
    Examples:
      goaltrack scopes --format json
      goaltrack scopes --lang da
    """
    from goaltrack.present.formats import to_json
    from goaltrack.present.listings import scopes_json, scopes_table
    from goaltrack.storage import store

    rows = store.list_scopes(database())
    if fmt == "json":
        click.echo(to_json(scopes_json(rows, lang)), nl=False)
    else:
        print_rich(scopes_table(rows, lang))
