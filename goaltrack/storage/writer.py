"""The one writer of the record of figures (``figure``) in raw SQL: single entries, batches, and COPY.

Every figure that enters the database goes through ``FigureWriter``: releases, revisions, deletions,
a catalogue's first figures, imports and entries restored from an export. The record is append-only:
the writer only inserts. Each method takes a batch of entries (a single one is a batch of one) and
writes it on the connection it was given, inside that connection's transaction: the caller commits, or
rolls back. PostgreSQL takes the entries by COPY (several times faster than INSERTs), elsewhere by the
driver's ``executemany``, in batches of ``BATCH``. Times are written as SQLAlchemy itself stores them
on each backend, so that the ORM reads them back alike.

Importing this module is cheap: the models (SQLModel, SQLAlchemy) are imported inside the functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

BATCH = 50_000  # rows per executemany
COLUMNS = "indicator, scope, year, value, source, note, flag, published, replaces, recorded_at, deleted"
_COPY = f"COPY figure ({COLUMNS}) FROM STDIN"

# A new entry: (indicator, scope, year, value, source, note, flag, published, replaces); published is
# 'YYYY-MM-DD' or None (unknown: the day it is recorded), replaces the id of the entry it follows or None.
EntryRow = tuple[str, str, int, float, "str | None", "str | None", "str | None", "str | None", "int | None"]


class FigureWriter:
    """Writes entries on one connection, all recorded at the same moment, ``now`` (unless restored)."""

    def __init__(self, conn: Connection, now: datetime.datetime | None = None):
        from goaltrack.storage.models import utcnow

        self.conn = conn
        self.now = now or utcnow()
        self.today = self.now.date().isoformat()
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.sqlite = conn.dialect.name == "sqlite"
        self.postgresql = conn.dialect.name == "postgresql"

    @classmethod
    def on_session(cls, session: Any) -> FigureWriter:
        """The writer on an ORM session's connection, inside its transaction, the session's pending
        changes flushed first so that what it writes follows them."""
        session.flush()
        return cls(session.connection())

    def add(self, rows: Iterable[EntryRow], deleted: bool = False) -> None:
        """New entries, recorded now; ``deleted``: withdrawals of the figures they replace (each with
        the value it withdraws, and the reason as its note). SQLite takes the rows as they come (a
        generator is never made a list); PostgreSQL by COPY."""
        if self.postgresql:
            now, today = self.now, self.today
            copy_entries(self.conn, ((*row[:7], row[7] or today, row[8], now, deleted) for row in rows))
            return
        mark = self.mark
        # the one time and day, written in once
        sql = (f"INSERT INTO figure ({COLUMNS}) VALUES ({', '.join([mark] * 7)}, COALESCE({mark}, '{self.today}'), "
               f"{mark}, {sql_time(self.conn, self.now)}, {'1' if deleted else '0'})")
        if self.sqlite:
            self.conn.connection.driver_connection.executemany(sql, rows)
        else:
            self._run(sql, list(rows))

    def add_plain(self, rows: Iterable[tuple], notes: bool = True) -> None:
        """New figures (indicator, scope, year, value, source, note): no flag, published today, following
        no entry. The common case of a large import, kept lean: SQLite binds six values a row, not nine;
        ``notes=False``: the rows hold no note (five values, the note NULL)."""
        if not self.sqlite:
            self.add((*row, None, None, None) if notes else (*row, None, None, None, None) for row in rows)
            return
        note = "?" if notes else "NULL"
        sql = (f"INSERT INTO figure (indicator, scope, year, value, source, note, published, recorded_at, deleted) "
               f"VALUES (?, ?, ?, ?, ?, {note}, '{self.today}', {sql_time(self.conn, self.now)}, 0)")
        self.conn.connection.driver_connection.executemany(sql, rows)

    def restore(self, rows: Iterable[tuple]) -> None:
        """Entries as an export gives them, in the order given: (indicator, scope, year, value, source,
        note, flag, published, replaces, recorded_at, deleted); recorded_at None: now; published None:
        the day it was recorded; replaces None: the newest entry of its key so far (the one before it,
        in an export's order), found as each goes in."""
        mark = self.mark
        newest = (f"COALESCE({mark}, (SELECT max(id) FROM figure WHERE indicator = {mark} AND scope = {mark} "
                  f"AND year = {mark}))")
        sql = f"INSERT INTO figure ({COLUMNS}) VALUES ({', '.join([mark] * 8)}, {newest}, {mark}, {mark})"
        full = []
        for row in rows:
            recorded = row[9] or self.now
            published = row[7] or recorded.date().isoformat()
            full.append((*row[:7], published, row[8], *row[:3], param_time(self.conn, recorded), bool(row[10])))
        self._run(sql, full)

    def _run(self, sql: str, rows: list[tuple]) -> None:
        for chunk in _chunks(rows, BATCH):
            self.conn.exec_driver_sql(sql, chunk)


def copy_entries(conn: Connection, rows: Iterable[tuple]) -> None:
    """Entries (in the order of ``COLUMNS``) into PostgreSQL by COPY, in the connection's transaction:
    several times faster than INSERTs."""
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(_COPY) as copy:
        for row in rows:
            copy.write_row(row)


def _chunks(items: Sequence, size: int) -> Iterator[Sequence]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def sql_time(conn: Connection, moment: datetime.datetime) -> str:
    """A timestamp literal, in the form SQLAlchemy itself stores on this backend."""
    text = moment.strftime("%Y-%m-%d %H:%M:%S.%f")
    return f"'{text}'" if conn.dialect.name == "sqlite" else f"TIMESTAMP '{text}'"


def param_time(conn: Connection, moment: datetime.datetime) -> Any:
    """A timestamp as a statement's parameter, in the form SQLAlchemy itself stores on this backend."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f") if conn.dialect.name == "sqlite" else moment
