"""The command line: parses, calls the library, renders. Nothing heavy is imported at start-up.

Only click and the standard library load here; SQLAlchemy, alembic, PyYAML, rich and matplotlib are
imported inside the commands that need them, so ``goaltrack --help`` starts at once.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

from goaltrack import __version__
from goaltrack.errors import GoaltrackError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

Progress = Callable[[str, int, int], None]

DEBUG_ENV = "GOALTRACK_DEBUG"
DB_ENV = "GOALTRACK_DATABASE_URL"
_DB_KEY = "goaltrack.db"
CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def this_year() -> int:
    return datetime.date.today().year


# --- one error path -------------------------------------------------------------------------------


def fail(error: GoaltrackError) -> None:
    """Print the error, one ``Error: …`` line (then its problems), with no password in it anywhere
    and no control character from the data (a goal id or catalogue key may hold ESC)."""
    from goaltrack.db import redact
    from goaltrack.sanitise import printable, shorten

    ctx = click.get_current_context(silent=True)
    url = os.environ.get(DB_ENV) if ctx is None else ctx.find_root().meta.get(_DB_KEY) or os.environ.get(DB_ENV)
    lines = [printable(shorten(redact(line, url), 1000)) for line in error.lines()]
    click.echo(f"Error: {lines[0]}", err=True)
    for line in lines[1:]:
        click.echo(line, err=True)
    sys.exit(1)


class GoaltrackGroup(click.Group):
    """Turns every expected failure into ``Error: …`` on stderr and exit 1; never a traceback
    unless GOALTRACK_DEBUG is set."""

    manages_interrupts = False  # set by goaltrack.entry for the real program (never inside tests)

    def invoke(self, ctx: click.Context) -> Any:
        if self.manages_interrupts:  # from now on Ctrl-C is a KeyboardInterrupt, reported below
            signal.signal(signal.SIGINT, signal.default_int_handler)
        if not os.environ.get(DEBUG_ENV):
            # psycopg logs a second line of its own ("error ignored terminating …") when a server goes
            # away mid-COPY; the Error line already says what happened.
            import logging

            logging.getLogger("psycopg").addHandler(logging.NullHandler())
        try:
            result = super().invoke(ctx)
            self._done()
            return result
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            self._done()
            raise
        except GoaltrackError as error:
            self._done()
            fail(error)
        except BrokenPipeError:  # `goaltrack status | head`: the reader left; that is fine
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            self._done()
            done = sys.modules.get("goaltrack.db") is not None and sys.modules["goaltrack.db"].writes_committed()
            click.echo("Error: interrupted after the write was done: it is complete" if done
                       else "Error: interrupted; nothing was written by the interrupted step", err=True)
            sys.exit(130)
        except Exception as exc:
            self._done()
            from goaltrack.db import database_error, is_database_error, resolve_url

            if is_database_error(exc):  # a locked file, a server gone away: expected, never a traceback
                fail(database_error(exc, resolve_url(ctx.meta.get(_DB_KEY))))
            if os.environ.get(DEBUG_ENV):
                raise
            fail(GoaltrackError(f"unexpected {type(exc).__name__}: {exc} "
                                f"(set {DEBUG_ENV}=1 to see where; please report it)"))


    def _done(self) -> None:
        """The command has finished (or failed, and says so next): a Ctrl-C now changes nothing."""
        if self.manages_interrupts:
            signal.signal(signal.SIGINT, signal.SIG_IGN)


# --- shared options -------------------------------------------------------------------------------


def _remember_db(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
    """--db may stand before or after the command; the one after wins. Without it, the library reads
    GOALTRACK_DATABASE_URL, then falls back to the user's SQLite file."""
    if value is not None:
        ctx.find_root().meta[_DB_KEY] = value


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


def emit(text: str, output: str | None) -> None:
    """Text to stdout, or to the file ``output`` (written whole, or an Error line)."""
    if output is None:
        data(text)
        return
    try:
        with open(output, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
    except OSError as exc:
        raise GoaltrackError(f"cannot write {output}: {exc.strerror or exc}") from None
    info(f"Wrote {output}.")


lang_option = click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
                           envvar="GOALTRACK_LANG", help="Language of titles and labels.")
def _resolve_scope(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """A scope named by code or name ("0101", "København", "Region Hovedstaden", "Hele landet"),
    resolved by the library's one resolver to its code."""
    if value is None:
        return None
    from goaltrack import store

    return store.resolve_scope(database(), value)


wide_option = click.option("--wide", is_flag=True,
                           help="Every column and the full titles, however wide the terminal.")
scope_option = click.option("--scope", default=None, metavar="SCOPE", callback=_resolve_scope,
                            help="Where the figures apply: DK (the nation), a region or a municipality, by code "
                                 "(101, 0101) or name (København, Region Hovedstaden, Hele landet). "
                                 "Default: the scope of each goal's set (DK for the shipped set).")
set_option = click.option("--set", "set_id", default=None, metavar="SET",
                          help="Only the goals of this goal set (default: every set, grouped by set).")


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
        text = str(value).strip()
        if not (text.isascii() and text.isdigit() and len(text) <= 4):
            shown = repr(text) if len(text) <= 12 else repr(text[:12]) + f"… ({len(text):,} characters)"
            self.fail(f"{shown} is not a year (write four digits, e.g. 2019)", param, ctx)
        year = int(text)
        if self.low is not None and not self.low <= year <= self.high:
            self.fail(f"{year} is not in the range {self.low}<=x<={self.high}.", param, ctx)
        return year


as_of_option = click.option("--as-of", "as_of", type=YearType(1900, 2100), default=this_year,
                            show_default="this year", metavar="YEAR",
                            help="Judge the goals as they stood in this year.")


def database(load_shipped: bool = True) -> Engine:
    """The database of this run: opened, migrated, and holding the shipped catalogue on first use
    (unless the command is about to load a catalogue of its own)."""
    from goaltrack import store
    from goaltrack.catalogue import default_catalogue_path, shipped_catalogue_path
    from goaltrack.db import open_database

    ctx = click.get_current_context()
    root = ctx.find_root()
    if "goaltrack.engine" not in root.meta:
        engine = open_database(root.meta.get(_DB_KEY))
        loaded = store.ensure_catalogue(engine) if load_shipped else None
        if loaded is not None:
            start = default_catalogue_path()
            what = "the shipped catalogue" if start == shipped_catalogue_path() else f"{start} (GOALTRACK_CATALOGUE)"
            info(f"Loaded {what} into a new database: {len(loaded.added)} goals, "
                 f"{loaded.measurements_added} published figures.")
        root.meta["goaltrack.engine"] = engine
    return root.meta["goaltrack.engine"]


def info(message: str) -> None:
    """A message on stderr; control characters from the data (a file name, a source) escaped."""
    from goaltrack.sanitise import printable

    click.echo(printable(message), err=True)


class TerminalSafe:
    """A stream for data bound for a terminal: control characters escaped, tabs and line breaks kept."""

    def __init__(self, stream: Any):
        self.stream = stream

    def write(self, text: str) -> int:
        from goaltrack.sanitise import printable

        return self.stream.write(printable(text, keep="\t\n"))


def data(text: str) -> None:
    """Data on stdout, as it is for a file or a pipe; on a terminal, with control characters escaped
    (tabs and line breaks kept), so that no text in the data can act on the terminal."""
    if sys.stdout.isatty():
        from goaltrack.sanitise import printable

        text = printable(text, keep="\t\n")
    click.echo(text, nl=False)


def console():
    """The console for data on stdout: no markup (user text is printed as written), colour only on a
    terminal and never with NO_COLOR; 160 columns when writing to a file or a pipe."""
    from rich.console import Console

    width = None if sys.stdout.isatty() or os.environ.get("COLUMNS") else 160
    return Console(markup=False, highlight=False, emoji=False, width=width)


def print_rich(renderable: Any) -> None:
    console().print(renderable)


def parse_value_arg(text: str) -> float:
    from goaltrack.units import parse_value

    try:
        return parse_value(text)
    except ValueError as exc:
        raise GoaltrackError(f"value {exc}") from None


# --- commands -------------------------------------------------------------------------------------


@click.group(cls=GoaltrackGroup, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="goaltrack")
@db_option
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
    """


@cli.command()
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
    from goaltrack import render
    from goaltrack.status import build_status, place

    check_output(fmt, output, excel_da)
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, goals, scope, set_id)
    if fmt == "table" and output is None:
        out = console()
        for number, (set_name, group_place, group) in enumerate(render.by_set(statuses, where)):
            table, omitted = render.status_view(group, as_of, group_place, lang, None if wide else out.width,
                                                set_name)
            if wide:  # as wide as the table is: a terminal narrower than that wraps or scrolls, as it will
                out.width = max(out.width, sum(c.width or 0 for c in table.columns) + 3 * (len(table.columns) - 1))
            if number:
                out.print()
            out.print(table)
            if omitted:
                info(render.omitted_note(omitted, out.width, lang))
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
        from goaltrack.spreadsheet import write_workbook

        write_workbook(output, render.status_sheets(statuses, as_of, where, lang))
        info(f"Wrote {output}: {len(statuses)} goals.")
    else:
        emit(render.status_as_markdown(statuses, as_of, where, lang), output)


@cli.command()
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@click.option("--all", "all_goals", is_flag=True, help="Every goal of the catalogue, plus overview.png.")
@click.option("--out", type=click.Path(file_okay=True, path_type=str), default="charts", show_default=True,
              help="Folder to write the charts to (created if needed).")
@as_of_option
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

    from goaltrack.charts import check_folder, write_charts
    from goaltrack.status import build_status, place

    if not goals and not all_goals and scope is None and set_id is None:
        raise click.UsageError("name one or more goals, or use --all, --scope or --set")
    check_folder(Path(out))
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, () if all_goals else goals, scope, set_id)
    if not goals and not all_goals:
        statuses = [s for s in statuses if s.has_figures]
        if not statuses:
            raise GoaltrackError(f"no goal has figures for {where.label() if scope else 'its set'} yet; nothing was drawn "
                                 "(goaltrack chart --all draws every goal)")
    from goaltrack.charts import undrawable

    empty = undrawable(statuses, as_of)
    with progress_bar("Drawing", len(statuses) - len(empty) + all_goals) as bar:
        step = (lambda name: bar(name, 1, 0)) if bar else None
        paths = write_charts(statuses, Path(out), as_of, lang, fmt, dpi, overview=all_goals, step=step)
    for path in paths:
        click.echo(str(path))
    if empty:
        info(f"No chart for {', '.join(s.goal.id for s in empty)}: no figures yet"
             + (" (a panel in the overview says so)." if all_goals else "."))


@cli.command()
@click.option("--out", type=click.Path(path_type=str), required=True, help="Folder to write the report to.")
@click.option("--force", is_flag=True,
              help="Overwrite files in --out that goaltrack did not write (or that were changed since).")
@as_of_option
@scope_option
@set_option
@lang_option
@db_option
def report(out: str, force: bool, as_of: int, scope: str | None, set_id: str | None, lang: str) -> None:
    """Write a report to hand on: report.md, report.html and the charts, in one folder.

    The report has the date, the status table, a sentence per goal in plain words, and each goal's
    chart beside it, with an overview at the top. Goals without figures in the scope are listed
    ("no figures for København yet") instead of drawn. Send the folder as it is.

    goaltrack writes over the files it wrote there before, and refuses to write over anything else
    (a report.md of your own, a symbolic link) unless --force is given.

    \b
    Examples:
      goaltrack report --out status-2026
      goaltrack report --out kbh --scope 101
      goaltrack report --out aarhus --set aarhus-2030
      goaltrack report --out rapport --lang da --as-of 2020
    """
    from pathlib import Path

    from goaltrack import store
    from goaltrack.charts import check_folder
    from goaltrack.report import write_report
    from goaltrack.status import build_status, place

    check_folder(Path(out))
    engine = database()
    where = place(engine, scope or "DK")
    statuses = build_status(engine, as_of, (), scope, set_id)
    with progress_bar("Drawing", sum(s.has_figures for s in statuses) + 1) as bar:
        written = write_report(statuses, Path(out), as_of, where, lang,
                               step=(lambda name: bar(name, 1, 0)) if bar else None,
                               name=store.catalogue_name(engine), force=force)
    click.echo(str(written.markdown))
    click.echo(str(written.html))
    info(f"Wrote {len(written.charts)} charts to {Path(out) / 'charts'}.")


@contextmanager
def progress_bar(label: str, total: int | None, show: bool | None = None) -> Iterator[Progress | None]:
    """A progress bar on stderr for long work on a terminal, else None. ``show`` defaults to "three
    steps or more"; ``total`` None means the work tells its total as it goes.

    The callback takes (phase, done, total): with a total, done is a position; without one (0),
    done is a step to advance by.
    """
    if show is None:
        show = (total or 0) >= 3
    if not show or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    # No refresh thread (auto_refresh off): charts are drawn by forked processes, and a process
    # should not fork while another thread runs.
    with Progress(TextColumn(label), BarColumn(), TaskProgressColumn(), TextColumn("{task.description}"),
                  console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("", total=total)
        bar.refresh()

        def update(phase: str, done: int, total: int) -> None:
            if total:
                bar.update(task, completed=done, total=total, description=phase)
            else:
                bar.update(task, advance=done, description=phase)
            bar.refresh()

        yield update


@cli.command()
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
    from goaltrack import store
    from goaltrack.render import number

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


@cli.command()
@click.argument("goal")
@click.option("--year", type=int, required=True, help="The year of the figure to delete.")
@scope_option
@click.option("--note", metavar="TEXT", help="Why it is deleted (kept in the history).")
@db_option
def delete(goal: str, year: int, scope: str, note: str | None) -> None:
    """Delete the current figure of GOAL for YEAR (a figure recorded by mistake).

    Nothing is lost: the figure stays in the history, marked deleted, with when and the --note.

    \b
    Examples:
      goaltrack delete placement-breakdown --year 2015 --note "typed 47 for 4.7"
      goaltrack delete homelessness --year 2019 --scope København
    """
    from goaltrack import store
    from goaltrack.render import number

    result = store.delete(database(), goal, year, scope, note)
    m = result.measurement
    info(f"Deleted {goal} {m.scope} {m.year}: {number(m.value, result.unit)} (it stays in the history, marked deleted).")


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--dry-run", is_flag=True, help="Check every row and report, write nothing.")
@click.option("--replace", is_flag=True,
              help="Correct figures already recorded (each row needs its source); the old ones stay in the history.")
@click.option("--goal", "goal", metavar="ID", help="The goal of every figure, for a file without a goal column.")
@click.option("--scope", "scope", metavar="SCOPE", default=None,
              help="The scope of a figure whose row names none, by code or name (default: its goal set's "
                   "scope, DK for the shipped set).")
@click.option("--encoding", metavar="NAME", help="A CSV file's encoding (default: UTF-8, or Windows-1252 detected).")
@click.option("--sheet", metavar="NAME", help="The sheet of an .xlsx file (default: the first).")
@click.option("--force", is_flag=True, help="Import figures even if far out of line with their neighbours.")
@db_option
def import_command(file: str, dry_run: bool, replace: bool, goal: str | None, scope: str | None,
                   encoding: str | None, sheet: str | None, force: bool) -> None:
    """Import figures from a CSV, JSON or .xlsx FILE, all or nothing.

    Long tables (a row per figure: goal, scope, year, value, source, note), wide ones (a column per
    year) and Statistics Denmark's StatBank exports (OMRÅDE;TID;INDHOLD) are read, with English or
    Danish headers in any case (mål, område/kommune, år/tid, værdi/indhold, kilde, bemærkning).
    Scopes by code or name (0101, København, Region Hovedstaden, Hele landet). Title rows above the
    table and notes under it are skipped; withheld cells (.., ., -, empty) are skipped and counted.
    Every row is checked first; one bad row means nothing is written, and the error lists the
    problems with their line numbers. A row that repeats a recorded figure changes nothing; the
    same figure with a new source takes the source (the old one stays in the history).

    \b
    Examples:
      goaltrack import figures.csv --dry-run
      goaltrack import kommuner-2019.csv
      goaltrack import HJEM1.csv --goal homelessness          # StatBank: OMRÅDE;TID;INDHOLD
      goaltrack import anbringelser.xlsx --sheet Tabel2 --goal placement-breakdown
      goaltrack import gammel.csv --encoding cp1252
      goaltrack import revised.json --replace
    """
    from goaltrack.importer import import_file

    engine = database()
    large = os.path.isfile(file) and os.path.getsize(file) >= 5_000_000
    with progress_bar("Importing", None, show=large) as bar:
        result = import_file(engine, file, replace=replace, dry_run=dry_run, progress=bar, goal=goal, scope=scope,
                             encoding=encoding, sheet=sheet, force=force)
    what = "Would import" if dry_run else "Imported"
    parts = [f"{result.added:,} new", f"{result.replaced:,} replaced", f"{result.unchanged:,} unchanged"]
    if result.resourced:
        parts.append(f"{result.resourced:,} with a new source")
    if result.history:
        parts.append(f"{result.history:,} earlier figures")
    extra = []
    if result.withheld:
        extra.append(f"{result.withheld:,} {'cell' if result.withheld == 1 else 'cells'} withheld or empty")
    if result.skipped_lines:
        extra.append(f"{result.skipped_lines:,} title or note lines skipped")
    info(f"{what} {file}: {result.rows:,} rows; {', '.join(parts)}"
         + (f" ({'; '.join(extra)})" if extra else "")
         + (" (dry run: nothing written)." if dry_run else "."))


@cli.command("export")
@click.argument("goals", nargs=-1, metavar="[GOAL]...")
@format_option("csv", "json", "xlsx")
@scope_filter_option
@set_option
@click.option("--history", is_flag=True, help="Also the replaced figures, marked, with when.")
@output_options
@db_option
def export_command(goals: tuple[str, ...], fmt: str, scope: str | None, set_id: str | None, history: bool,
                   output: str | None, excel_da: bool) -> None:
    """Write figures to stdout (or --output FILE) in the form goaltrack import reads.

    Export, then import --replace into another database, and the current figures are the same.
    A goal is written by its ID, or as SET/ID where more than one goal set has that ID.
    --format xlsx writes a workbook (numbers as numbers); --excel-da a CSV that Danish Excel reads.

    \b
    Examples:
      goaltrack export > figures.csv
      goaltrack export homelessness --scope 101 --format json
      goaltrack export --history > backup.csv
      goaltrack export --set aarhus-2030 > aarhus.csv
      goaltrack export --format xlsx --output figures.xlsx
      goaltrack export --excel-da --output tal.csv
    """
    from goaltrack import exporter, store

    engine = database()
    if set_id is not None:
        store.get_set(engine, set_id)
    chosen = [g.id for g in (store.get_goals(engine, goals, set_id) if goals
                             else store.list_goals(engine, set_id=set_id))]
    if scope is not None:
        store.get_scope(engine, scope)
    check_output(fmt, output, excel_da)
    names = store.display_names(store.list_goals(engine, include_archived=True))
    rows = exporter.figures(engine, chosen, scope, history, names)
    if fmt == "xlsx":
        from goaltrack.spreadsheet import write_workbook

        count = write_workbook(output, exporter.sheets(rows, history))
        info(f"Exported {count:,} figures to {output}.")
        return
    try:
        out = sys.stdout if output is None else open(output, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise GoaltrackError(f"cannot write {output}: {exc.strerror or exc}") from None
    if output is None and sys.stdout.isatty():
        out = TerminalSafe(sys.stdout)
    with out if output is not None else contextlib.nullcontext(out):
        count = exporter.write_json(rows, out) if fmt == "json" else exporter.write_csv(rows, out, history, excel_da)
    info(f"Exported {count:,} figures" + (f" to {output}." if output else "."))


@cli.command()
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
    from goaltrack import render
    from goaltrack.status import compare_scopes

    comparison = compare_scopes(database(), goal, as_of)
    if fmt == "json":
        click.echo(render.to_json(render.compare_json(comparison, lang)), nl=False)
    else:
        out = console()
        table, omitted = render.compare_view(comparison, lang, None if wide else out.width)
        if wide:  # as wide as the table is, as status --wide
            out.width = max(out.width, sum(c.width or 0 for c in table.columns) + 3 * (len(table.columns) - 1))
        out.print(table)
        if omitted:
            info(render.omitted_note(omitted, out.width, lang))


@cli.command("goals")
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
    from goaltrack import render, store

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


@cli.command()
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
    from goaltrack import render, store

    engine = database()
    definition = store.get_goals(engine, [goal])[0]
    rows = store.history(engine, goal)
    click.echo(render.goal_text(definition, lang) + "\n")
    if rows:
        print_rich(render.history_table(definition, rows, lang))
    else:
        click.echo(render.LABELS[lang]["no_measurements"])


@cli.command()
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
    from goaltrack import render, store

    engine = database()
    definition = store.get_goals(engine, [goal])[0]
    if scope is not None:
        store.get_scope(engine, scope)
    rows = store.history(engine, goal, scope)
    if fmt == "json":
        click.echo(render.to_json(render.history_json(definition, rows)), nl=False)
    else:
        print_rich(render.history_table(definition, rows, lang))


@cli.command()
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
    from goaltrack import render, store

    rows = store.list_scopes(database())
    if fmt == "json":
        click.echo(render.to_json(render.scopes_json(rows, lang)), nl=False)
    else:
        print_rich(render.scopes_table(rows, lang))


# --- catalogue ------------------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def catalogue() -> None:
    """Check a goal catalogue (YAML), or make the database follow one.

    \b
    Examples:
      goaltrack catalogue check goals.yaml
      goaltrack catalogue sync goals.yaml --archive
    """


def _catalogue_file(file: str | None) -> str:
    from goaltrack.catalogue import default_catalogue_path

    return file if file is not None else str(default_catalogue_path())


@catalogue.command("check")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
def catalogue_check(file: str | None) -> None:
    """Validate FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue) and list every problem with its line number.

    \b
    Example:
      goaltrack catalogue check goals.yaml
    """
    from goaltrack.catalogue import load_catalogue

    file = _catalogue_file(file)
    result = load_catalogue(file)
    for warning in result.warnings:
        info(f"Warning: {warning.where(file)}")
    info(f"{file}: {len(result.goals)} goals, {len(result.scopes)} scopes, no problems.")


@catalogue.command("sync")
@click.argument("file", type=click.Path(dir_okay=False), required=False)
@click.option("--archive", is_flag=True,
              help="Keep goals missing from FILE that have measurements, out of status, instead of failing.")
@db_option
def catalogue_sync(file: str | None, archive: bool) -> None:
    """Make the database's goals follow FILE (default: GOALTRACK_CATALOGUE, else the shipped catalogue).

    New goals are added and changed ones updated. A goal missing from FILE is removed if it has no
    measurements; if it has some, the sync fails naming it, unless --archive keeps it (with all its
    figures) out of status and charts. Nothing is written when anything fails.

    \b
    Examples:
      goaltrack catalogue sync my-goals.yaml
      goaltrack catalogue sync
    """
    from goaltrack import store
    from goaltrack.catalogue import load_catalogue

    file = _catalogue_file(file)
    definition = load_catalogue(file)
    for warning in definition.warnings:
        info(f"Warning: {warning.where(file)}")
    result = store.sync_catalogue(database(load_shipped=False), definition, archive=archive)
    parts = [f"{len(getattr(result, key))} {key}" for key in ("added", "updated", "restored", "archived", "removed")]
    info(f"Synced {file} into goal set {definition.set_id}: {', '.join(parts)}; "
         f"{result.measurements_added} published figures loaded.")
    for key in ("added", "updated", "restored", "archived", "removed"):
        for goal_id in getattr(result, key):
            info(f"  {key}: {goal_id}")


# --- db -------------------------------------------------------------------------------------------


@cli.group(context_settings=CONTEXT)
def db() -> None:
    """Inspect or upgrade the database schema (goaltrack upgrades on first use by itself).

    \b
    Examples:
      goaltrack db current
      goaltrack --db postgresql+psycopg://me@server/goals db upgrade
    """


@db.command("upgrade")
@db_option
def db_upgrade() -> None:
    """Apply every pending migration to the database.

    \b
    Example:
      goaltrack db upgrade
    """
    from goaltrack.db import connect, shown_url, upgrade

    engine = connect(click.get_current_context().find_root().meta.get(_DB_KEY))
    before, after = upgrade(engine)  # a database error becomes one Error line in GoaltrackGroup
    where = shown_url(engine.url)
    if before == after:
        info(f"{where} is already at the newest schema revision ({after}).")
    else:
        info(f"Upgraded {where} from {before or 'an empty database'} to {after}.")


@db.command("current")
@db_option
def db_current() -> None:
    """Print the database URL (password masked) and its schema revision.

    \b
    Example:
      goaltrack db current
    """
    from goaltrack.db import HEAD, connect, current_revision, shown_url

    engine = connect(click.get_current_context().find_root().meta.get(_DB_KEY))
    where = shown_url(engine.url)
    if engine.dialect.name == "sqlite" and engine.url.database and not os.path.exists(engine.url.database):
        click.echo(f"{where}\nrevision: none (the database is created on first use)")
        return
    with engine.connect() as conn:
        revision = current_revision(conn)
    state = "newest" if revision == HEAD else f"newest is {HEAD}; run goaltrack db upgrade"
    click.echo(f"{where}\nrevision: {revision or 'none'} ({state})")


def hide_passwords_in_process_list() -> bool:
    """Blank out the passwords of any URL in this process's command line, as ``ps`` shows it to every
    local user (and shows it for each forked chart worker). Linux only: the command line lives in the
    process's own memory, where /proc/self/mem can overwrite it. Python's own copy, sys.argv, is kept.
    Returns whether anything was blanked out."""
    if not any("://" in arg for arg in sys.argv[1:]):
        return False
    from goaltrack.db import secrets

    try:
        with open("/proc/self/cmdline", "rb") as f:
            cmdline = f.read()
        with open("/proc/self/stat", "rb") as f:
            arg_start = int(f.read().rsplit(b")", 1)[1].split()[45])  # field 48: where argv starts
        changed = cmdline
        for arg in sys.argv[1:]:
            for secret in secrets(arg.partition("=")[2] if arg.startswith("--db=") else arg):
                raw = secret.encode()
                changed = changed.replace(raw, b"*" * len(raw))
        if changed == cmdline:
            return False
        with open("/proc/self/mem", "r+b", buffering=0) as mem:
            mem.seek(arg_start)
            mem.write(changed)
        return True
    except (OSError, IndexError, ValueError):  # not Linux, or a kernel that forbids it
        return False


def main(args: list[str] | None = None, prog_name: str = "goaltrack") -> None:
    if args is None:
        hide_passwords_in_process_list()
    cli.main(args=args, prog_name=prog_name)


