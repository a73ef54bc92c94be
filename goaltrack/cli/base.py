"""What every command shares: the one error path, the shared options (decorators), the database of
the run, and printing (data on stdout, messages on stderr, escaped). Only click and the standard
library load here; the library's heavy parts are imported inside the commands that need them.
"""

from __future__ import annotations

import datetime
import os
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import click

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
    from goaltrack.storage.database import redact
    from goaltrack.domain.text import printable, shorten

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
            try:
                return super().invoke(ctx)
            finally:  # finished, or failed and about to say so: a Ctrl-C from now on changes nothing
                self._done()
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except GoaltrackError as error:
            fail(error)
        except BrokenPipeError:  # `goaltrack status | head`: the reader left; that is fine
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            done = sys.modules.get("goaltrack.db") is not None and sys.modules["goaltrack.db"].writes_committed()
            files = sys.modules.get("goaltrack.present.outputs") is not None and sys.modules["goaltrack.present.outputs"].files_written()
            if done:
                said = "Error: interrupted after the write was done: it is complete"
            elif files:  # charts drawn in parallel: a worker may have finished one more than reported
                said = ("Error: interrupted while writing files: some were written, the others not "
                        "(run the command again to write them all)")
            else:
                said = "Error: interrupted; nothing was written by the interrupted step"
            click.echo(said, err=True)
            sys.exit(130)
        except Exception as exc:
            from goaltrack.storage.database import database_error, is_database_error, resolve_url

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


from goaltrack.domain.figure import FIRST_YEAR, LAST_YEAR  # noqa: E402  (plain constants, no heavy import)

as_of_option = click.option("--as-of", "as_of", type=YearType(FIRST_YEAR, LAST_YEAR), default=this_year,
                            show_default="this year", metavar="YEAR",
                            help="Judge the goals as they stood in this year.")


def database(load_shipped: bool = True) -> Engine:
    """The database of this run: opened, migrated, and holding the shipped catalogue on first use
    (unless the command is about to load a catalogue of its own)."""
    from goaltrack.storage import store
    from goaltrack.catalogue import chosen_catalogue_path
    from goaltrack.storage.database import count_writes_from_here, open_database

    ctx = click.get_current_context()
    root = ctx.find_root()
    if "goaltrack.engine" not in root.meta:
        engine = open_database(root.meta.get(_DB_KEY))
        try:
            loaded = store.ensure_catalogue(engine) if load_shipped else None
        except GoaltrackError as error:  # say which setting chose the file
            if chosen_catalogue_path() is None:
                raise
            raise GoaltrackError(f"GOALTRACK_CATALOGUE: {error.message}", error.problems, error.file,
                                 error.total) from None
        if loaded is not None:
            chosen = chosen_catalogue_path()
            what = f"{chosen} (GOALTRACK_CATALOGUE)" if chosen else "the shipped catalogue"
            info(f"Loaded {what} into a new database: {counted(len(loaded.added), 'goal')}, "
                 f"{counted(loaded.measurements_added, 'published figure')}.")
        root.meta["goaltrack.engine"] = engine
        count_writes_from_here()  # Ctrl-C from now on reports the command's own write, done or not
    return root.meta["goaltrack.engine"]


def print_version(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    """--version: read from the package's metadata only when asked (it costs every start otherwise)."""
    if not value or ctx.resilient_parsing:
        return
    from goaltrack import __version__

    click.echo(f"goaltrack, version {__version__}")
    ctx.exit()


def widen(out: Any, table: Any) -> None:
    """Make the console at least as wide as ``table`` (with --wide, or a terminal narrower than even the
    narrowest layout): the terminal then wraps or scrolls its lines, and no figure is ever cut short."""
    out.width = max(out.width, sum(c.width or 0 for c in table.columns) + 3 * (len(table.columns) - 1))


def counted(n: int, word: str) -> str:
    """'1 goal', '2 goals', '1,000 rows': a count of English nouns that take an s."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def info(message: str) -> None:
    """A message on stderr; control characters from the data (a file name, a source) escaped."""
    from goaltrack.domain.text import printable

    click.echo(printable(message), err=True)


class TerminalSafe:
    """A stream for data bound for a terminal: control characters escaped, tabs and line breaks kept."""

    def __init__(self, stream: Any):
        self.stream = stream

    def write(self, text: str) -> int:
        from goaltrack.domain.text import printable

        return self.stream.write(printable(text, keep="\t\n"))


def data(text: str) -> None:
    """Data on stdout, as it is for a file or a pipe; on a terminal, with control characters escaped
    (tabs and line breaks kept), so that no text in the data can act on the terminal."""
    if sys.stdout.isatty():
        from goaltrack.domain.text import printable

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
    from goaltrack.domain.units import parse_value

    try:
        return parse_value(text)
    except ValueError as exc:
        raise GoaltrackError(f"value {exc}") from None


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


def hide_passwords_in_process_list() -> bool:
    """Blank out the passwords of any URL in this process's command line, as ``ps`` shows it to every
    local user (and shows it for each forked chart worker). Linux only: the command line lives in the
    process's own memory, where /proc/self/mem can overwrite it. Python's own copy, sys.argv, is kept.
    Returns whether anything was blanked out."""
    if not any("://" in arg for arg in sys.argv[1:]):
        return False
    from goaltrack.storage.database import secrets

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
