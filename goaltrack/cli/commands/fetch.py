"""`goaltrack fetch`: new and revised figures from Statistics Denmark's StatBank, all or nothing."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import db_option
from goaltrack.cli.output import counted, data, info, language, progress_bar


@click.command("fetch")
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@click.option("--dry-run", is_flag=True, help="Ask and check every figure, say what would change, write nothing.")
@click.option("--set", "set_id", metavar="SET", help="Only this goal set's goals (and its bare goal IDs).")
@click.option("--force", is_flag=True, help="Record figures even if far out of line with their neighbours, or in a "
              "unit the table states that is not the goal's.")
@click.option("--timeout", type=click.FloatRange(min=1, max=600), default=60, show_default=True, metavar="SECONDS",
              help="How long to wait for each answer.")
@db_option
def fetch(goals: tuple[str, ...], dry_run: bool, set_id: str | None, force: bool, timeout: float) -> None:
    """Fetch the figures of GOALs from Statistics Denmark's StatBank.

    For each goal whose catalogue entry names a StatBank query (statbank: {table: …, variables:
    {OMRÅDE: [...]}, value: …}), asks the API (POST {base}/v1/data, JSON-stat, area codes), maps
    area codes to scopes (000 all Denmark, 081-085 the regions, 101 København) and records what is
    new or revised, with "<source>, <table>" as source and the table's update day as publication
    date; a year StatBank marks 2021* is provisional. Without GOAL: every goal with a query. Every
    answer is read and checked before anything is written, and all are written in one transaction,
    or nothing. The new and revised figures go to stdout, one a line; the summary to stderr. The
    API's address is $GOALTRACK_STATBANK_URL (default https://api.statbank.dk).

    \b
    Examples:
      goaltrack fetch --dry-run
      goaltrack fetch population
      GOALTRACK_STATBANK_URL=http://localhost:8080 goaltrack fetch
    """
    from goaltrack.ingest.fetch import base_url
    from goaltrack.ingest.fetch import fetch as fetch_goals

    base = base_url()  # before the database is opened: a typo costs nothing
    engine = database()
    with progress_bar("Fetching", None, show=True) as bar:
        fetched = fetch_goals(engine, goals, set_id, base, dry_run=dry_run, force=force, timeout=timeout,
                              progress=bar)
    danish = language() == "da"
    for item in fetched:
        for _, scope, year, before, value in item.result.changes or ():
            new, revised = ("ny", "revideret fra") if danish else ("new", "revised from")
            change = new if before is None else f"{revised} {_plain(before)}"
            data(f"{item.goal}\t{scope}\t{year}\t{_plain(value)}\t{change}\n")
    for item in fetched:
        r = item.result
        updated = f", updated {item.updated}" if item.updated else ""
        parts = [f"{r.added:,} new", f"{r.replaced:,} revised", f"{r.unchanged:,} unchanged"]
        if r.resourced:
            parts.append(f"{r.resourced:,} with a new source or flag")
        withheld = f" ({counted(r.withheld, 'cell')} withheld)" if r.withheld else ""
        what = "Would record" if dry_run else "Recorded"
        info(f"{what} {item.goal} from table {item.table}{updated}: {counted(r.rows, 'figure')}; "
             f"{', '.join(parts)}{withheld}" + (" (dry run: nothing written)." if dry_run else "."))


def _plain(value: float) -> str:
    from goaltrack.domain.units import format_plain

    return format_plain(value)
