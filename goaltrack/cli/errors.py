"""The one error path: every expected failure is one ``Error: …`` line (``Fejl: …`` in Danish) on stderr and exit 1, never a traceback."""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

import click

from goaltrack.cli.app import DB_ENV, app
from goaltrack.cli.output import in_language, language
from goaltrack.errors import GoaltrackError

DEBUG_ENV = "GOALTRACK_DEBUG"


def fail(error: GoaltrackError) -> None:
    """Print the error, one ``Error: …`` line (``Fejl: …`` in Danish, each part of it translated where
    a pattern knows it; then its problems), with no password in it anywhere and no control character
    from the data (a goal id or catalogue key may hold ESC)."""
    from goaltrack.domain.text import printable, shorten
    from goaltrack.present.i18n import said
    from goaltrack.storage.urls import redact

    ctx = click.get_current_context(silent=True)
    url = (None if ctx is None else app(ctx).url) or os.environ.get(DB_ENV)
    lang = language()
    lines = [printable(shorten(in_language(redact(line, url), lang), 1000)) for line in error.lines()]
    click.echo(f"{said('error', lang)}{lines[0]}", err=True)
    for line in lines[1:]:
        click.echo(line, err=True)
    sys.exit(1)


def show_usage_error(error: click.ClickException) -> None:
    """A usage error (exit 2) or another of click's own, in Danish: click's usage line, its hint and its
    ``Error:`` line, each said in Danish where a pattern knows the words."""
    from goaltrack.domain.text import printable
    from goaltrack.present.i18n import said

    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage:", said("usage", "da"), 1).replace("[OPTIONS]", "[TILVALG]")
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            option = max(ctx.command.get_help_option_names(ctx), key=len)
            hint = said("try_help", "da", command=ctx.command_path, option=option) + "\n"
        click.echo(f"{usage}\n{hint}", err=True)
    click.echo(said("error", "da") + printable(in_language(error.format_message(), "da")), err=True)
    sys.exit(error.exit_code)


class GoaltrackGroup(click.Group):
    """Turns every expected failure into ``Error: …`` on stderr and exit 1; never a traceback
    unless GOALTRACK_DEBUG is set."""

    manages_interrupts = False  # set by goaltrack.entry for the real program (never inside tests)

    def invoke(self, ctx: click.Context) -> Any:
        if self.manages_interrupts:  # from now on Ctrl-C is a KeyboardInterrupt, reported below
            signal.signal(signal.SIGINT, signal.default_int_handler)
        outputs = sys.modules.get("goaltrack.present.outputs")
        if outputs is not None:  # a Ctrl-C reports this command's files, not an earlier command's
            outputs.count_files_from_here()
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
        except click.exceptions.ClickException as error:
            if language() == "da" and not isinstance(error, click.exceptions.NoArgsIsHelpError):
                show_usage_error(error)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise
        except GoaltrackError as error:
            fail(error)
        except BrokenPipeError:  # `goaltrack status | head`: the reader left; that is fine
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except KeyboardInterrupt:
            done = sys.modules.get("goaltrack.storage.database") is not None and sys.modules["goaltrack.storage.database"].writes_committed()
            files = sys.modules.get("goaltrack.present.outputs") is not None and sys.modules["goaltrack.present.outputs"].files_written()
            from goaltrack.present.i18n import said

            lang = language()
            # files: charts drawn in parallel: a worker may have finished one more than reported
            key = "interrupted_done" if done else "interrupted_files" if files else "interrupted"
            click.echo(said("error", lang) + said(key, lang), err=True)
            sys.exit(130)
        except Exception as exc:
            from goaltrack.storage.database import (
                database_error,
                is_database_error,
                resolve_url,
            )

            if is_database_error(exc):  # a locked file, a server gone away: expected, never a traceback
                fail(database_error(exc, resolve_url(app(ctx).url)))
            if os.environ.get(DEBUG_ENV):
                raise
            fail(GoaltrackError(f"unexpected {type(exc).__name__}: {exc} "
                                f"(set {DEBUG_ENV}=1 to see where; please report it)"))

    def _done(self) -> None:
        """The command has finished (or failed, and says so next): a Ctrl-C now changes nothing."""
        if self.manages_interrupts:
            signal.signal(signal.SIGINT, signal.SIG_IGN)
