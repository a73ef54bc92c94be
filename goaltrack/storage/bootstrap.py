"""Opening goaltrack's database for use: migrated, and holding its starting catalogue on first use.

This is what a library caller (a notebook, a script) and the command line both call, so that a new
database is never left empty: the first open loads ``GOALTRACK_CATALOGUE``, else the shipped
catalogue, with its published figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from goaltrack.errors import GoaltrackError

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from goaltrack.storage.sync import SyncResult


@dataclass(frozen=True)
class Opened:
    """A database ready for use, and what its first open loaded (None when it had a catalogue)."""

    engine: Engine
    loaded: SyncResult | None
    catalogue: str  # which catalogue a first open loads: "the shipped catalogue", or the chosen file


def open_goaltrack(url: str | None = None, load_catalogue: bool = True) -> Opened:
    """Open (creating and migrating as needed) the database at ``url`` (default: GOALTRACK_DATABASE_URL,
    else the user's SQLite file) and, unless ``load_catalogue`` is off (a command about to load a
    catalogue of its own), load the starting catalogue into it if it never had one. A problem in a
    catalogue chosen by GOALTRACK_CATALOGUE is named as coming from that setting."""
    from goaltrack.catalogue import chosen_catalogue_path
    from goaltrack.storage.database import open_database
    from goaltrack.storage.sync import ensure_catalogue

    engine = open_database(url)
    chosen = chosen_catalogue_path()
    try:
        loaded = ensure_catalogue(engine) if load_catalogue else None
    except GoaltrackError as error:
        if chosen is None:
            raise
        raise GoaltrackError(f"GOALTRACK_CATALOGUE: {error.message}", error.problems, error.file,
                             error.total) from None
    what = f"{chosen} (GOALTRACK_CATALOGUE)" if chosen else "the shipped catalogue"
    return Opened(engine, loaded, what)
