"""The one writer of figure rows in raw SQL: single rows, batches, and PostgreSQL's COPY.

Every write of a figure into ``measurement`` and ``replaced_measurement`` can go through
``FigureWriter``: new figures, the current figures kept as history before they change, revisions,
and history rows restored from an export. Each method takes a batch of rows (a single row is a batch
of one) and writes it on the connection it was given, inside that connection's transaction: the
caller commits, or rolls back. New figures go into PostgreSQL by COPY (several times faster than
INSERTs), elsewhere by the driver's ``executemany``, in batches of ``BATCH``. Times are written as
SQLAlchemy itself stores them on each backend, so that the ORM reads them back alike.

Importing this module is cheap: the models (SQLModel, SQLAlchemy) are imported inside the functions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

BATCH = 50_000  # rows per executemany
KEEP_BATCH = 500  # ids per "WHERE id IN (...)"
_NEW = "INSERT INTO measurement (goal_id, scope, year, value, source, note, recorded_at) VALUES "
_COPY = "COPY measurement (goal_id, scope, year, value, source, note, recorded_at) FROM STDIN"
_HISTORY_COLUMNS = "goal_id, scope, year, value, source, note, recorded_at, replaced_at, deleted"
_HISTORY = f"INSERT INTO replaced_measurement ({_HISTORY_COLUMNS})"

FigureRow = tuple[str, str, int, float, "str | None", "str | None"]  # goal, scope, year, value, source, note


class FigureWriter:
    """Writes figure rows on one connection, all recorded (or replaced) at the same moment, ``now``."""

    def __init__(self, conn: Connection, now: datetime.datetime | None = None):
        from goaltrack.storage.models import utcnow

        self.conn = conn
        self.now = now or utcnow()
        self.stamp = sql_time(conn, self.now)
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        self.sqlite = conn.dialect.name == "sqlite"
        self.postgresql = conn.dialect.name == "postgresql"

    @classmethod
    def on_session(cls, session: Any) -> FigureWriter:
        """The writer on an ORM session's connection, inside its transaction, the session's pending
        changes flushed first so that what it writes follows them."""
        session.flush()
        return cls(session.connection())

    def add(self, rows: Iterable[FigureRow]) -> None:
        """New figures (goal, scope, year, value, source, note), recorded now. SQLite takes the rows as
        they come (a generator is never made a list); PostgreSQL by COPY."""
        if self.postgresql:
            copy_figures(self.conn, [(*row, self.now) for row in rows])
            return
        sql = _NEW + f"({', '.join([self.mark] * 6)}, {self.stamp})"  # the one time, written in once
        if self.sqlite:
            self.conn.connection.driver_connection.executemany(sql, rows)
        else:
            self._run(sql, list(rows))

    def add_recorded(self, rows: Iterable[tuple]) -> None:
        """New figures (goal, scope, year, value, source, note, recorded_at), each recorded when its
        last item says (None: now)."""
        if self.postgresql:
            copy_figures(self.conn, [(*row[:6], row[6] or self.now) for row in rows])
            return
        self._run(_NEW + f"({', '.join([self.mark] * 7)})", [(*row[:6], self._when(row[6])) for row in rows])

    def keep(self, ids: Sequence[int]) -> None:
        """The current figures of these ids into the history as they stand, replaced now: before they
        change, so that nothing is ever lost."""
        for chunk in _chunks(ids, KEEP_BATCH):
            self._to_history(chunk, deleted=False)

    def delete(self, ids: Sequence[int], reason: str | None = None) -> None:
        """The current figures of these ids deleted: each kept in the history first, marked deleted now,
        with ``reason`` (the note given when deleting), then gone from the current figures."""
        for chunk in _chunks(ids, KEEP_BATCH):
            self._to_history(chunk, deleted=True, reason=reason)
            self.conn.exec_driver_sql(f"DELETE FROM measurement WHERE id IN ({', '.join([self.mark] * len(chunk))})",
                                      tuple(chunk))

    def _to_history(self, ids: Sequence[int], deleted: bool, reason: str | None = None) -> None:
        """Copies of the current figures of these ids into the history, replaced (or deleted) now."""
        marks = ", ".join([self.mark] * len(ids))
        self.conn.exec_driver_sql(
            f"INSERT INTO replaced_measurement ({_HISTORY_COLUMNS}, reason) SELECT goal_id, scope, year, value, "
            f"source, note, recorded_at, {self.stamp}, {self.mark}, {self.mark} FROM measurement WHERE id IN ({marks})",
            (deleted, reason, *ids))

    def revise(self, rows: Sequence[tuple]) -> None:
        """Current figures changed in place: (value, source, note, recorded_at, id), recorded_at None
        for now. Keep them first (``keep``)."""
        mark = self.mark
        self._run(f"UPDATE measurement SET value = {mark}, source = {mark}, note = {mark}, recorded_at = {mark} "
                  f"WHERE id = {mark}",
                  [(value, source, note, self._when(recorded), id_) for value, source, note, recorded, id_ in rows])

    def add_history(self, rows: Sequence[tuple]) -> None:
        """Replaced or deleted figures, as an export with history gives them: (goal, scope, year, value,
        source, note, recorded_at, replaced_at, deleted), recorded_at None for now."""
        self._run(f"{_HISTORY} VALUES ({', '.join([self.mark] * 9)})",
                  [(*row[:6], self._when(row[6]), param_time(self.conn, row[7]), row[8]) for row in rows])

    def _when(self, moment: datetime.datetime | None) -> Any:
        return param_time(self.conn, moment or self.now)

    def _run(self, sql: str, rows: list[tuple]) -> None:
        for chunk in _chunks(rows, BATCH):
            self.conn.exec_driver_sql(sql, chunk)


def copy_figures(conn: Connection, rows: Sequence[tuple]) -> None:
    """New figures (goal, scope, year, value, source, note, recorded_at) into PostgreSQL by COPY, in the
    connection's transaction: several times faster than INSERTs."""
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
