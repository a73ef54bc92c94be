"""`goaltrack chart`: progress charts, one per goal, and an overview."""

from __future__ import annotations

import click

from goaltrack.cli.app import database
from goaltrack.cli.options import (
    as_of_option,
    db_option,
    known_at_option,
    lang_option,
    scope_option,
    set_option,
)
from goaltrack.cli.output import info, progress_bar
from goaltrack.errors import GoaltrackError


@click.command()
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@click.option("--all", "all_goals", is_flag=True, help="Every goal of the catalogue, plus overview.png.")
@click.option("--out", type=click.Path(file_okay=True, path_type=str), default="charts", show_default=True,
              help="Folder to write the charts to (created if needed).")
@as_of_option
@known_at_option
@scope_option
@set_option
@lang_option
@click.option("--format", "fmt", type=click.Choice(["png", "svg"]), default="png", show_default=True,
              help="Image format.")
@click.option("--dpi", type=click.IntRange(50, 600), default=150, show_default=True,
              help="Resolution of PNG files (150: 1200 × 750 pixels).")
@db_option
def chart(goals: tuple[str, ...], all_goals: bool, out: str, as_of: int, scope: str | None, set_id: str | None,
          lang: str, fmt: str,
          dpi: int) -> None:
    """Draw progress charts: one per GOAL, named after its id.

    Each chart shows the measured figures (history before the baseline in grey), the baseline, the
    target, the required path from one to the other, and the projection to the target year. With
    --all, every goal is drawn, plus an overview of small panels coloured by category. With --scope
    and no GOAL, every goal that has figures in that scope is drawn. A scope other than the nation
    gets a folder of its own (charts/101/homelessness.png), so it never overwrites the nation's
    charts. The paths written are printed.

    \b
    Examples:
      goaltrack chart homelessness
      goaltrack chart --all --out report/charts --lang da
      goaltrack chart --scope 101
      goaltrack chart --set aarhus-2030
      goaltrack chart drug-deaths --as-of 2015 --format svg
    """
    from pathlib import Path

    from goaltrack.judging.status import build_status, place
    from goaltrack.present.charts.files import check_folder, write_charts
    from goaltrack.present.i18n import said

    if not goals and not all_goals and scope is None and set_id is None:
        raise click.UsageError("name one or more goals, or use --all, --scope or --set")
    check_folder(Path(out))
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, () if all_goals else goals, scope, set_id)
    if not goals and not all_goals:
        statuses = [s for s in statuses if s.has_figures]
        if not statuses:
            raise GoaltrackError(said("no_goal_figures", lang, place=where.label(lang) if scope else said("its_set", lang)))
    from goaltrack.present.charts.files import undrawable

    empty = undrawable(statuses, as_of)
    with progress_bar("Drawing", len(statuses) - len(empty) + all_goals) as bar:
        step = (lambda name: bar(name, 1, 0)) if bar else None
        paths = write_charts(statuses, Path(out), as_of, lang, fmt, dpi, overview=all_goals, step=step)
    for path in paths:
        click.echo(str(path))
    if empty:
        info(said("no_chart", lang, goals=", ".join(s.goal.id for s in empty))
             + (said("no_chart_panel", lang) if all_goals else "."))
