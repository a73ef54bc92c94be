"""The database: where it lives, opening it, and keeping its schema at the newest migration.

SQLite is the default (a file in the user's data directory, created on first use); any SQLAlchemy
URL works, PostgreSQL included. SQLite runs in WAL mode with a busy timeout, and writing
transactions begin IMMEDIATE so two commands at once wait for each other instead of failing.
Importing this module is cheap: SQLAlchemy and alembic are imported inside the functions.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from goaltrack.errors import GoaltrackError
from goaltrack.storage.urls import mask_url, parse_url, redact, shown_url

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ENV_URL = "GOALTRACK_DATABASE_URL"
_WRITES = {"committed": 0}  # write transactions committed by this process (see writes_committed)
_READ_ONLY: WeakKeyDictionary = WeakKeyDictionary()  # engines on an SQLite file this process may only read
# The newest migration. A test checks that it is alembic's head, so opening a database that is
# already current needs no alembic import (which would cost a third of a second at every start).
HEAD = "0009"
BUSY_TIMEOUT_MS = 30_000
BUSY_RETRIES = 5  # after the busy timeout, try to begin a write this many times more, backing off
CONNECT_TIMEOUT_S = 10  # a server that does not answer: give up after this, with a clear error
_PG_WRITE_LOCK = 0x60A17  # pg_advisory_xact_lock key: one writing goaltrack transaction at a time


def default_url() -> str:
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('goaltrack', appauthor=False)) / 'goaltrack.db'}"


def resolve_url(url: str | None) -> str:
    return url or os.environ.get(ENV_URL) or default_url()


def migrations_dir() -> Path:
    """The migrations that ship inside the package (or, in a source tree, at its top)."""
    packaged = Path(str(resources.files("goaltrack") / "migrations"))
    if (packaged / "env.py").is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "migrations"


def connect(url: str | None = None) -> Engine:
    """An engine for the URL (default: the user's SQLite file), without touching the database yet."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    url = resolve_url(url)
    try:
        parsed = parse_url(url)
    except (ArgumentError, ValueError):
        raise GoaltrackError(f"not a database URL: {mask_url(url)!r} (try sqlite:///path/to/file.db)") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            access = "write"
            if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
                path = Path(parsed.database).expanduser()
                if url == default_url():  # only the default data folder is made on first use
                    path.parent.mkdir(parents=True, exist_ok=True)
                elif not path.parent.is_dir():  # a mistyped path: refuse, create nothing
                    what = "is a file, not a folder" if path.parent.exists() else "does not exist"
                    raise GoaltrackError(f"cannot use database {mask_url(url)}: the folder {path.parent} {what} "
                                         "(goaltrack creates only its default data folder)")
                access = sqlite_access(path)
            if access == "write":
                engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            else:
                engine = create_engine(parsed, creator=_read_only_creator(path, access))
                _READ_ONLY[engine] = access
            _configure_sqlite(engine)
        elif parsed.get_backend_name() == "postgresql":
            engine = create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_S})
        else:
            engine = create_engine(parsed)
    except NoSuchModuleError:
        raise GoaltrackError(f"no driver for {parsed.drivername} (for PostgreSQL: pip install 'goaltrack[postgres]')") from None
    except ModuleNotFoundError as exc:
        raise GoaltrackError(f"the database driver {exc.name} is not installed "
                             "(for PostgreSQL: pip install 'goaltrack[postgres]')") from None
    except OSError as exc:
        raise GoaltrackError(f"cannot create the database folder for {mask_url(url)}: {exc.strerror or exc}") from None

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("write")
        if engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
        elif engine.dialect.name == "postgresql" and write:
            # Writers take turns, as on SQLite: a check-then-write (is this figure recorded yet?)
            # cannot race another process's write. Readers never wait.
            conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({_PG_WRITE_LOCK})")

    return engine


def sqlite_access(path: Path) -> str:
    """How this process may open the SQLite file at ``path``, without writing anything to find out:

    - "write": it may write the file and its folder (or the file is still to be created);
    - "read": it may not, and a writer is at work (its -wal and -shm files exist): read through
      them, read-only (SQLite's mode=ro), creating nothing;
    - "immutable": it may not, and no writer is at work: read the file as it stands, taking no locks
      and creating no -wal or -shm file that would lock its owner out of the next write.
    """
    if not path.exists():
        return "write"
    # access(2), not a trial open: closing any descriptor of an SQLite file drops every lock this
    # process holds on it through its other connections (a "disk I/O error" in the next write).
    if os.access(path, os.W_OK) and os.access(path.parent, os.W_OK):
        return "write"
    if Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists():
        return "read"
    return "immutable"


def _read_only_creator(path: Path, access: str):
    from urllib.parse import quote

    uri = f"file:{quote(str(path.resolve()))}?{'mode=ro' if access == 'read' else 'immutable=1'}"

    def create() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)

    return create


def read_only(engine: Engine) -> bool:
    """Whether this process may only read the database (an SQLite file it cannot write)."""
    return engine in _READ_ONLY


def _configure_sqlite(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's begin event emit BEGIN itself, so DDL is transactional and writers can ask
        # for IMMEDIATE. Nothing here writes: a file that is not ours must stay untouched.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()


@contextmanager
def writing(engine: Engine, check_keys: bool = True) -> Iterator[Connection]:
    """A connection in a transaction that holds the write lock from its start; commits at the end,
    or rolls back on any error, so a write is all or nothing.

    SQLite waits up to the busy timeout for another writer; should it still answer "busy", the
    transaction is begun again a few times, backing off. ``check_keys=False`` lets a bulk import skip
    SQLite's per-row foreign-key lookups, having checked the keys itself under the same lock.
    """
    if read_only(engine):
        raise GoaltrackError(f"{engine.url.database} is read-only for you (you may not write the file or its "
                             "folder): goaltrack can show what it holds, but not change it")
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if engine.dialect.name == "sqlite" and not check_keys else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction does SQLite take this
        try:
            conn = conn.execution_options(write=True)
            transaction = _begin(conn)
            try:
                yield conn
            except BaseException:  # an error, or Ctrl-C: none of it is written
                try:
                    if transaction.is_active:
                        transaction.rollback()
                except Exception:  # noqa: BLE001  a connection lost with it rolls back by itself
                    pass
                raise
            with _interrupt_deferred():  # Ctrl-C during the commit waits for it: then all of it is written
                transaction.commit()
                _WRITES["committed"] += 1
        finally:
            if raw is not None:
                try:
                    raw.execute("PRAGMA foreign_keys = ON")
                except sqlite3.Error:  # the connection went with the interrupted transaction: nothing to restore
                    pass


def count_writes_from_here() -> None:
    """Count only the writes that follow: a command's own, not the migration or the first catalogue
    load that opening a new database did (which are complete whatever happens next)."""
    _WRITES["committed"] = 0


def writes_committed() -> int:
    """How many write transactions this process has committed: after Ctrl-C, whether the command's
    write was done (1 or more) or not (0)."""
    return _WRITES["committed"]


@contextmanager
def _interrupt_deferred() -> Iterator[None]:
    """Hold Ctrl-C (SIGINT) back while the block runs, then deliver it: a commit is never cut short,
    and whoever reports the interruption can tell whether the commit was done."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda number, frame: caught.append(number))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            raise KeyboardInterrupt


def _begin(conn: Connection):
    import time

    from sqlalchemy.exc import OperationalError

    for attempt in range(BUSY_RETRIES + 1):
        try:
            return conn.begin()
        except OperationalError as exc:
            busy = "locked" in str(exc.orig) or "busy" in str(exc.orig)
            if not busy or attempt == BUSY_RETRIES:
                raise
            conn.rollback()
            time.sleep(0.05 * 2 ** attempt)
    raise AssertionError("unreachable")


def database_error(exc: Exception, url: str) -> GoaltrackError:
    """A one-line error for a database that cannot be reached or used."""
    orig = getattr(exc, "orig", None) or exc
    reason = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return GoaltrackError(f"cannot use database {mask_url(url)}: {redact(reason, url)}")


def current_revision(conn: Connection) -> str | None:
    """The schema revision; None for an empty database. Raises for a database that is not ours."""
    from sqlalchemy import inspect

    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise GoaltrackError(
                f"{shown_url(conn.engine.url)} is not a goaltrack database "
                f"(it holds other tables: {', '.join(sorted(tables)[:5])}); nothing was written"
            )
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def open_database(url: str | None = None) -> Engine:
    """Connect and bring the schema to the newest migration, creating the database if needed."""
    engine = connect(url)
    try:
        with engine.connect() as conn:
            version = current_revision(conn)
        if version != HEAD:
            upgrade(engine)
        elif engine.dialect.name == "sqlite":
            sqlite_wal(engine)
    except GoaltrackError:
        raise
    except Exception as exc:  # the driver's own errors: unreachable server, not a database file
        if not is_database_error(exc):
            raise
        raise database_error(exc, engine.url.render_as_string(hide_password=False)) from None
    return engine


def is_database_error(exc: Exception) -> bool:
    """An error from the database or its driver, wrapped by SQLAlchemy or not (a bulk COPY talks to
    psycopg directly: a SELECT-only role, a NUL in a text, a server gone away)."""
    import sys

    from sqlalchemy.exc import DBAPIError

    psycopg = sys.modules.get("psycopg")  # imported only where PostgreSQL is used
    driver_errors = (psycopg.Error,) if psycopg is not None else ()
    return isinstance(exc, (DBAPIError, sqlite3.Error, *driver_errors))


def sqlite_wal(engine: Engine) -> None:
    """Put a goaltrack SQLite file in WAL mode (readers never wait for a writer), once: on first use
    and by ``db upgrade``. Outside any transaction, as SQLite requires; never on a file this process
    may only read, nor on a file that is not a goaltrack database (call it after current_revision).
    Another process holding the file just now leaves it for the next run."""
    if engine.dialect.name != "sqlite" or read_only(engine) or engine.url.database in (None, "", ":memory:"):
        return

    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if raw.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
            try:
                raw.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:  # "database is locked": another process; next time
                pass


def alembic_config(conn: Connection | None = None):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Run every pending migration in one transaction; return (revision before, revision after)."""
    from alembic import command
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if read_only(engine):
        with engine.connect() as conn:
            before = current_revision(conn)
        if before == head:
            return before, head
        raise GoaltrackError(f"{engine.url.database} is at schema revision {before or 'none'} and needs "
                             f"{head}; you may only read it, so its owner must run goaltrack db upgrade")
    if engine.dialect.name == "sqlite":
        with engine.connect() as conn:
            current_revision(conn)  # a file that is not ours is refused before anything is written
        sqlite_wal(engine)
    with writing(engine) as conn:
        before = current_revision(conn)
        if before == head:
            return before, head
        known = {script.revision for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()}
        if before is not None and before not in known:
            raise GoaltrackError(
                f"the database is at schema revision {before}, which this goaltrack does not know "
                f"(newest: {head}); upgrade goaltrack"
            )
        command.upgrade(alembic_config(conn), "head")
    return before, head
