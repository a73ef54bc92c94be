"""The database: where it lives, opening it, and keeping its schema at the newest migration.

SQLite is the default (a file in the user's data directory, created on first use); any SQLAlchemy
URL works, PostgreSQL included. SQLite runs in WAL mode with a busy timeout, and writing
transactions begin IMMEDIATE so two commands at once wait for each other instead of failing.
Importing this module is cheap: SQLAlchemy and alembic are imported inside the functions.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from goaltrack.errors import GoaltrackError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ENV_URL = "GOALTRACK_DATABASE_URL"
# The newest migration. A test checks that it is alembic's head, so opening a database that is
# already current needs no alembic import (which would cost a third of a second at every start).
HEAD = "0006"
BUSY_TIMEOUT_MS = 30_000
BUSY_RETRIES = 5  # after the busy timeout, try to begin a write this many times more, backing off
CONNECT_TIMEOUT_S = 10  # a server that does not answer: give up after this, with a clear error
_PG_WRITE_LOCK = 0x60A17  # pg_advisory_xact_lock key: one writing goaltrack transaction at a time

_PASSWORD = re.compile(r"(://[^/:@]*:)[^/]*(@)")


def mask_url(url: str) -> str:
    """The URL with any password replaced by ***, fit to print."""
    return _PASSWORD.sub(r"\1***\2", url)


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
    return Path(__file__).resolve().parent.parent / "migrations"


def connect(url: str | None = None) -> Engine:
    """An engine for the URL (default: the user's SQLite file), without touching the database yet."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    url = resolve_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise GoaltrackError(f"not a database URL: {mask_url(url)!r} (try sqlite:///path/to/file.db)") from None
    try:
        if parsed.get_backend_name() == "sqlite":
            if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
                folder = Path(parsed.database).expanduser().parent
                if url == default_url():  # only the default data folder is made on first use
                    folder.mkdir(parents=True, exist_ok=True)
                elif not folder.is_dir():  # a mistyped path: refuse, create nothing
                    what = "is a file, not a folder" if folder.exists() else "does not exist"
                    raise GoaltrackError(f"cannot use database {mask_url(url)}: the folder {folder} {what} "
                                         "(goaltrack creates only its default data folder)")
            engine = create_engine(parsed, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
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
    with engine.connect() as conn:
        raw = conn.connection.driver_connection if engine.dialect.name == "sqlite" and not check_keys else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")  # only outside a transaction does SQLite take this
        try:
            conn = conn.execution_options(write=True)
            with _begin(conn):
                yield conn
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


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
    return GoaltrackError(f"cannot use database {mask_url(url)}: {mask_url(reason)}")


def current_revision(conn: Connection) -> str | None:
    """The schema revision; None for an empty database. Raises for a database that is not ours."""
    from sqlalchemy import inspect

    tables = set(inspect(conn).get_table_names())
    if "alembic_version" not in tables:
        if tables:
            raise GoaltrackError(
                f"{mask_url(str(conn.engine.url))} is not a goaltrack database "
                f"(it holds other tables: {', '.join(sorted(tables)[:5])}); nothing was written"
            )
        return None
    return conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()


def open_database(url: str | None = None) -> Engine:
    """Connect and bring the schema to the newest migration, creating the database if needed."""
    engine = connect(url)
    try:
        if engine.dialect.name == "sqlite":
            _sqlite_wal_if_new(engine)
        with engine.connect() as conn:
            version = current_revision(conn)
        if version != HEAD:
            upgrade(engine)
    except GoaltrackError:
        raise
    except Exception as exc:  # the driver's own errors: unreachable server, not a database file
        if not is_database_error(exc):
            raise
        raise database_error(exc, str(engine.url)) from None
    return engine


def is_database_error(exc: Exception) -> bool:
    import sqlite3

    from sqlalchemy.exc import DBAPIError

    return isinstance(exc, (DBAPIError, sqlite3.Error))


def _sqlite_wal_if_new(engine: Engine) -> None:
    """Switch a new, empty SQLite file to WAL (outside any transaction, as SQLite requires)."""
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        if raw.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
            raw.execute("PRAGMA journal_mode = WAL")


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
