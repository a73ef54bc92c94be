"""Printing: data on stdout (escaped on a terminal), messages on stderr in the run's language, the rich console, progress bars."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import click

from goaltrack.errors import GoaltrackError

Progress = Callable[[str, int, int], None]
LANG_ENV = "GOALTRACK_LANG"


def language() -> str:
    """The language of the run (goaltrack.cli.app.App.language): --lang before or after the command, else
    GOALTRACK_LANG, else English; outside a command, GOALTRACK_LANG alone."""
    ctx = click.get_current_context(silent=True)
    obj = None if ctx is None else ctx.find_root().obj
    if obj is not None and hasattr(obj, "language"):
        return obj.language()
    return os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in ("en", "da") else "en"


def in_language(line: str, lang: str | None = None) -> str:
    """A message line in the run's language: the library's English translated into Danish where a
    pattern knows it (goaltrack.present.messages_da), else as it is."""
    if (lang or language()) != "da":
        return line
    from goaltrack.present.messages_da import danish

    return danish(line)


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
    from goaltrack.present.i18n import said

    info(said("wrote_file", language(), output=output))


def widen(out: Any, table: Any) -> None:
    """Make the console at least as wide as ``table`` (with --wide, or a terminal narrower than even the
    narrowest layout): the terminal then wraps or scrolls its lines, and no figure is ever cut short."""
    out.width = max(out.width, table.width)


def counted(n: int, word: str) -> str:
    """'1 goal', '2 goals', '1,000 rows': a count of English nouns that take an s."""
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def info(message: str) -> None:
    """A message on stderr, in the run's language (``in_language``); control characters from the data
    (a file name, a source) escaped."""
    from goaltrack.domain.text import printable

    click.echo(printable(in_language(message)), err=True)


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


@contextmanager
def progress_bar(label: str, total: int | None, show: bool | None = None) -> Iterator[Progress | None]:
    """A progress bar on stderr for long work on a terminal, else None. ``show`` defaults to "three
    steps or more"; ``total`` None means the work tells its total as it goes.

    The callback takes (phase, done, total): with a total, done is a position; without one (0),
    done is a step to advance by. The label and the phases are said in the run's language.
    """
    if show is None:
        show = (total or 0) >= 3
    if not show or not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TaskProgressColumn, TextColumn

    from goaltrack.present.i18n import progress_word

    lang = language()
    label = progress_word(label, lang)
    # No refresh thread (auto_refresh off): charts are drawn by forked processes, and a process
    # should not fork while another thread runs.
    with Progress(TextColumn(label), BarColumn(), TaskProgressColumn(), TextColumn("{task.description}"),
                  console=Console(stderr=True), transient=True, auto_refresh=False) as bar:
        task = bar.add_task("", total=total)
        bar.refresh()

        def update(phase: str, done: int, total: int) -> None:
            phase = progress_word(phase, lang)
            if total:
                bar.update(task, completed=done, total=total, description=phase)
            else:
                bar.update(task, advance=done, description=phase)
            bar.refresh()

        yield update
