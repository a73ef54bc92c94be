"""The database as known at a date (``--known-at``): an engine that carries the date, read by every query.

``at(engine, day)`` gives the same engine with the date attached (SQLAlchemy's execution options: no
new connection pool); every reading query in goaltrack.storage.queries then sees, for each indicator,
scope and year, the newest entry published on or before that day, and not one deleted by then. The
record itself is never written through such an engine.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

_OPTION = "goaltrack_known_at"


def at(engine: Engine, day: datetime.date | None) -> Engine:
    """``engine``, reading the record as it stood at the end of ``day`` (None: as it stands)."""
    return engine if day is None else engine.execution_options(**{_OPTION: day})


def known_at(engine: Engine) -> datetime.date | None:
    """The day ``engine`` reads the record as of, or None: as it stands now."""
    return engine.get_execution_options().get(_OPTION)
