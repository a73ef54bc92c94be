"""The run's application object (``ctx.obj``), and the run's command line kept out of ``ps``.

The App holds the database the run works on, opened once through the library's bootstrap, and the
language the run speaks to its reader (``--lang``, before or after the command, or GOALTRACK_LANG)."""

from __future__ import annotations

import datetime
import os
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import click

from goaltrack.cli.output import LANG_ENV, info

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

DB_ENV = "GOALTRACK_DATABASE_URL"
LANGUAGES = ("en", "da")


@dataclass
class App:
    """What one run of goaltrack works on: the --db URL (None: GOALTRACK_DATABASE_URL, else the
    user's SQLite file) and, once a command asks for it, the opened database."""

    url: str | None = None
    engine: Engine | None = None
    known_at: datetime.date | None = None  # --known-at: every read sees the record as it stood then
    lang: str | None = None  # --lang, before or after the command (the one after wins)

    def language(self) -> str:
        """The run's language: --lang, else GOALTRACK_LANG (en or da; another value, such as site's
        "both", counts as en here), else English."""
        if self.lang in LANGUAGES:
            return self.lang
        return os.environ.get(LANG_ENV) if os.environ.get(LANG_ENV) in LANGUAGES else "en"

    def database(self, load_shipped: bool = True) -> Engine:
        """The database of this run: opened, migrated, and holding the starting catalogue on first use
        (unless the command is about to load a catalogue of its own); said on stderr when loaded."""
        if self.engine is None:
            from goaltrack.storage.bootstrap import open_goaltrack
            from goaltrack.storage.database import count_writes_from_here

            opened = open_goaltrack(self.url, load_catalogue=load_shipped)
            if opened.loaded is not None:
                from goaltrack.present.i18n import counted_in, said

                lang = self.language()
                catalogue = said("the_shipped", lang) if opened.catalogue == "the shipped catalogue" \
                    else opened.catalogue
                info(said("loaded", lang, catalogue=catalogue, goals=counted_in(len(opened.loaded.added), "goal", lang),
                          figures=counted_in(opened.loaded.measurements_added, "published", lang)))
            self.engine = opened.engine
            count_writes_from_here()  # Ctrl-C from now on reports the command's own write, done or not
        if self.known_at is not None:
            from goaltrack.storage.vintage import at

            return at(self.engine, self.known_at)
        return self.engine


def app(ctx: click.Context | None = None) -> App:
    """The run's App, in the root context's ``obj`` (made on first use)."""
    ctx = ctx or click.get_current_context()
    return ctx.find_root().ensure_object(App)


def database(load_shipped: bool = True) -> Engine:
    """The database of the current run (see App.database)."""
    return app().database(load_shipped)


def hide_passwords_in_process_list() -> bool:
    """Blank out the passwords of any URL in this process's command line, as ``ps`` shows it to every
    local user (and shows it for each forked chart worker). Linux only: the command line lives in the
    process's own memory, where /proc/self/mem can overwrite it. Python's own copy, sys.argv, is kept.
    Returns whether anything was blanked out."""
    if not any("://" in arg for arg in sys.argv[1:]):
        return False
    from goaltrack.storage.urls import secrets

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
