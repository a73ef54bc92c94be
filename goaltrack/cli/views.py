"""Status and comparison: status, compare, goals, show, history, scopes."""

from __future__ import annotations

import io

import click

from goaltrack.cli.base import (
    as_of_option,
    check_output,
    console,
    counted,
    database,
    db_option,
    emit,
    format_option,
    info,
    lang_option,
    output_options,
    print_rich,
    scope_filter_option,
    scope_option,
    set_option,
    wide_option,
    widen,
)


@click.command()
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@as_of_option
@scope_option
@set_option
@format_option("table", "json", "csv", "markdown", "xlsx")
@lang_option
@wide_option
@output_options
@db_option
def status(goals: tuple[str, ...], as_of: int, scope: str | None, set_id: str | None, fmt: str, lang: str,
           wide: bool, output: str | None, excel_da: bool) -> None:
    """How far each goal is from its target, and whether it is on track or was met.

    Shows every goal of every goal set (or of --set, or the GOALs named: ID, or SET/ID where
    several sets have ID) with baseline, latest figure, target, distance, progress, trend, category
    and, once the deadline has passed, the verdict; a table a set. Without --scope, each set is
    judged in its own scope (the nation for the shipped set).

    \b
    Examples:
      goaltrack status
      goaltrack status homelessness drug-deaths --as-of 2015
      goaltrack status --format json | jq '.goals[] | {id, verdict}'
      goaltrack status --format markdown --lang da > status.md
      goaltrack status --wide --lang da
      goaltrack status --set aarhus-2030
      goaltrack status --format xlsx --output status.xlsx
      goaltrack status --format csv --excel-da --output status.csv
    """
    from goaltrack.present import render
    from goaltrack.judging.status import build_status, place

    check_output(fmt, output, excel_da)
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, goals, scope, set_id)
    if fmt == "table" and output is None:
        out = console()
        width = out.width
        for number, (set_name, group_place, group) in enumerate(render.by_set(statuses, where)):
            table, omitted = render.status_view(group, as_of, group_place, lang, None if wide else width, set_name)
            widen(out, table)
            if number:
                out.print()
            out.print(table)
            if omitted:
                info(render.omitted_note(omitted, width, lang))
    elif fmt == "table":  # to a file: as wide as it takes, without colour
        from rich.console import Console

        file_console = Console(file=io.StringIO(), width=1000, markup=False, highlight=False, emoji=False,
                               color_system=None)
        for number, (set_name, group_place, group) in enumerate(render.by_set(statuses, where)):
            if number:
                file_console.print()
            file_console.print(render.status_view(group, as_of, group_place, lang, None, set_name)[0])
        emit("\n".join(line.rstrip() for line in file_console.file.getvalue().splitlines()) + "\n", output)
    elif fmt == "json":
        emit(render.status_as_json(statuses, as_of, where if scope else None, lang), output)
    elif fmt == "csv":
        emit(render.status_as_csv(statuses, lang, excel_da), output)
    elif fmt == "xlsx":
        from goaltrack.present.spreadsheet import write_workbook

        write_workbook(output, render.status_sheets(statuses, as_of, where, lang))
        info(f"Wrote {output}: {counted(len(statuses), 'goal')}.")
    else:
        emit(render.status_as_markdown(statuses, as_of, where, lang), output)


@click.command()
@click.argument("goal")
@as_of_option
@format_option("table", "json")
@lang_option
@wide_option
@db_option
def compare(goal: str, as_of: int, fmt: str, lang: str, wide: bool) -> None:
    """Rank the scopes that have figures for GOAL, like for like.

    Each scope is judged like status --scope judges it: its own baseline, and the national target
    (scaled by its baseline for persons and counts). Only figures of the same year are ranked: the
    comparison year is the latest-figure year most scopes share; those scopes are ranked (achieved
    first, then by category, then by the share of the gap left, then by name), and the others are
    listed after them, unranked, with the year of their latest figure. Progress in percent is shown
    but never decides a rank.

    \b
    Examples:
      goaltrack compare homelessness
      goaltrack compare homelessness --wide
      goaltrack compare placement-breakdown --as-of 2018 --format json
    """
    from goaltrack.present import render
    from goaltrack.judging.status import compare_scopes

    comparison = compare_scopes(database(), goal, as_of)
    if fmt == "json":
        click.echo(render.to_json(render.compare_json(comparison, lang)), nl=False)
    elif not comparison.entries:  # an empty table would look like a fault: say why there is nothing
        info(f"No scope has a figure for {comparison.goal_id} up to {as_of}: nothing to compare.")
    else:
        out = console()
        width = out.width
        table, omitted = render.compare_view(comparison, lang, None if wide else width)
        widen(out, table)
        out.print(table)
        if omitted:
            info(render.omitted_note(omitted, width, lang))


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
    from goaltrack.present import render
    from goaltrack.storage import store

    engine = database()
    if set_id is not None:
        store.get_set(engine, set_id)
    goals = store.list_goals(engine, include_archived=archived, set_id=set_id)
    sets = store.list_sets(engine)
    if fmt == "json":
        click.echo(render.to_json([render.goal_definition(g) for g in goals]), nl=False)
    else:
        names = {s.id: s.name for s in sets}
        shown = list(dict.fromkeys(g.set_id for g in goals))
        for number, shown_set in enumerate(shown):
            if number:
                click.echo()
            title = f"{names.get(shown_set, shown_set)} ({shown_set})" if len(sets) > 1 else None
            print_rich(render.goals_table([g for g in goals if g.set_id == shown_set], lang, title))


@click.command()
@click.argument("goal")
@lang_option
@db_option
def show(goal: str, lang: str) -> None:
    """Show one GOAL: its definition and all its measurements.

    \b
    Examples:
      goaltrack show homelessness
      goaltrack show homelessness --lang da
    """
    from goaltrack.present import render
    from goaltrack.storage import store

    engine = database()
    definition = store.get_goals(engine, [goal])[0]
    rows = store.history(engine, goal)
    click.echo(render.goal_text(definition, lang) + "\n")
    if rows:
        print_rich(render.history_table(definition, rows, lang))
    else:
        click.echo(render.LABELS[lang]["no_measurements"])


@click.command()
@click.argument("goal")
@scope_filter_option
@format_option("table", "json")
@lang_option
@db_option
def history(goal: str, scope: str | None, fmt: str, lang: str) -> None:
    """List every figure of GOAL with its source, current and replaced.

    \b
    Examples:
      goaltrack history homelessness
      goaltrack history homelessness --scope DK --format json
    """
    from goaltrack.present import render
    from goaltrack.storage import store

    engine = database()
    definition = store.get_goals(engine, [goal])[0]
    if scope is not None:
        store.get_scope(engine, scope)
    rows = store.history(engine, goal, scope)
    if fmt == "json":
        click.echo(render.to_json(render.history_json(definition, rows)), nl=False)
    else:
        print_rich(render.history_table(definition, rows, lang))


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
    from goaltrack.present import render
    from goaltrack.storage import store

    rows = store.list_scopes(database())
    if fmt == "json":
        click.echo(render.to_json(render.scopes_json(rows, lang)), nl=False)
    else:
        print_rich(render.scopes_table(rows, lang))
