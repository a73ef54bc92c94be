"""The options commands share, as decorators: --db, --format, --output, --lang, --scope, --set, --wide, --as-of, and years as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from goaltrack.cli.app import DB_ENV, app, database
from goaltrack.cli.output import LANG_ENV
from goaltrack.domain.figure import FIRST_YEAR, LAST_YEAR, this_year
from goaltrack.errors import GoaltrackError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _remember_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--db may stand before or after the command; the one after wins. Without it, the library reads
    GOALTRACK_DATABASE_URL, then falls back to the user's SQLite file."""
    if value is not None:
        app(ctx).url = value


def db_option(f: Callable) -> Callable:
    # Eager: taken before the other options, so that --scope can be looked up in this database.
    return click.option(
        "--db", "db_url", metavar="URL", expose_value=False, callback=_remember_db, is_eager=True,
        help=f"Database URL (SQLAlchemy form; env {DB_ENV}). Default: a SQLite file in your data folder.",
    )(f)


def format_option(*choices: str) -> Callable:
    return click.option("--format", "fmt", type=click.Choice(choices), default=choices[0], show_default=True,
                        help="Output format.")


def output_options(f: Callable) -> Callable:
    """--output FILE (needed for xlsx, optional otherwise) and --excel-da (CSV for Danish Excel)."""
    f = click.option("--excel-da", is_flag=True,
                     help="CSV for Danish Excel: ';' between cells, decimal commas, a byte-order mark.")(f)
    return click.option("--output", "-o", metavar="FILE", type=click.Path(dir_okay=False, path_type=str),
                        help="Write to FILE instead of stdout (needed for xlsx).")(f)


def check_output(fmt: str, output: str | None, excel_da: bool) -> None:
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx writes a workbook: name it with --output FILE")
    if excel_da and fmt != "csv":
        raise click.UsageError("--excel-da is for --format csv")


def _remember_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
    """--lang after the command wins over --lang before it; GOALTRACK_LANG counts only where neither
    is given (read by the App, which takes en or da from it and leaves another value, such as site's
    "both", to English). The run's App keeps the language, so that its messages and Error lines speak it too."""
    run = app(ctx)
    if value is not None:
        run.lang = value
    return run.language()


lang_option = click.option("--lang", type=click.Choice(["en", "da"]), default=None,
                           show_default=f"en, or {LANG_ENV}", callback=_remember_lang, is_eager=True,
                           help="Language of everything a reader sees: titles, labels, messages, Error lines, "
                                "progress bars, CSV and xlsx columns and words.")


def group_lang_option(f: Callable) -> Callable:
    """--lang before the command (goaltrack --lang da import …): the run's language for every command."""
    return click.option("--lang", type=click.Choice(["en", "da"]), default=None, expose_value=False,
                        callback=_remember_group_lang, is_eager=True,
                        help="Language of messages and Error lines for any command (env GOALTRACK_LANG); a "
                             "command's own --lang wins.")(f)


def _remember_group_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    if value is not None:
        app(ctx).lang = value


def _resolve_scope(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A scope named by code or name ("0101", "København", "Region Hovedstaden", "Hele landet"),
    resolved by the library's one resolver to its code."""
    if value is None:
        return None
    from goaltrack.storage import store

    return store.resolve_scope(database(), value)


wide_option = click.option("--wide", is_flag=True,
                           help="Every column and the full titles, however wide the terminal.")


scope_option = click.option("--scope", default=None, metavar="SCOPE", callback=_resolve_scope,
                            help="Where the figures apply: DK (the nation), a region or a municipality, by code "
                                 "(101, 0101) or name (København, Region Hovedstaden, Hele landet). "
                                 "Default: the scope of each goal's set (DK for the shipped set).")


set_option = click.option("--set", "set_id", default=None, metavar="SET",
                          help="Only the goals of this goal set (default: every set, grouped by set).")


goal_set_option = click.option(
    "--set", "set_id", default=None, metavar="SET",
    help="The goal set GOAL is in (default: the shipped set's goal of that ID, else the one set that has it).")


def scope_filter_option(f: Callable) -> Callable:
    return click.option("--scope", default=None, metavar="SCOPE", callback=_resolve_scope,
                        help="Only this scope, by code or name (default: all).")(f)


class YearType(click.ParamType):
    """A year as typed: ASCII digits, at most four of them (a 5,000-digit "year" is refused in one
    short line, not echoed back; ٢٠١٩ is refused too), optionally within a range."""

    name = "year"

    def __init__(self, low: int | None = None, high: int | None = None):
        self.low, self.high = low, high

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        if isinstance(value, int):
            return value
        from goaltrack.domain.figure import year_text_problem

        why = year_text_problem(str(value))
        if why:
            self.fail(why, param, ctx)
        year = int(str(value).strip())
        if self.low is not None and not self.low <= year <= self.high:
            self.fail(f"{year} is not in the range {self.low}<=x<={self.high}.", param, ctx)
        return year


as_of_option = click.option("--as-of", "as_of", type=YearType(FIRST_YEAR, LAST_YEAR), default=this_year,
                            show_default="this year", metavar="YEAR",
                            help="Judge the goals as they stood in this year.")


def day_value(ctx: click.Context, param: click.Parameter, value: str | None):
    """An option's day, YYYY-MM-DD, not in the future (goaltrack.domain.flags.parse_date); a usage error
    otherwise."""
    if value is None:
        return None
    from goaltrack.domain.flags import parse_date

    name = f"--{param.name.replace('_', '-')}"
    day, why = parse_date(value, name)
    if why:
        raise click.BadParameter(why.removeprefix(f"{name} "), ctx, param)
    return day


def _known_at(ctx: click.Context, param: click.Parameter, value: str | None):
    """--known-at DATE: the run reads the record as it stood at the end of that day."""
    day = day_value(ctx, param, value)
    if day is not None:
        app(ctx).known_at = day
    return day


known_at_option = click.option(
    "--known-at", "known_at", metavar="YYYY-MM-DD", callback=_known_at, expose_value=False,
    help="Judge on the figures as they were known at the end of this day: for each goal, scope and year, "
         "the newest figure published by then (record --published), and none deleted by then.")


def print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version: read from the package's metadata only when asked (it costs every start otherwise)."""
    if not value or ctx.resilient_parsing:
        return
    from goaltrack import __version__

    click.echo(f"goaltrack, version {__version__}")
    ctx.exit()


def parse_value_arg(text: str) -> float:
    from goaltrack.domain.units import parse_value

    try:
        return parse_value(text)
    except ValueError as exc:
        raise GoaltrackError(f"value {exc}") from None
