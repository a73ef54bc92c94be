"""Sessions on the database for the ORM: one write transaction (all or nothing), or a read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlmodel import Session

from goaltrack.storage import database as db

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine


@contextmanager
def writing_session(engine: Engine) -> Iterator[Session]:
    """A session in one write transaction (see goaltrack.storage.database.writing): all of it, or none of it."""
    with db.writing(engine) as conn, Session(bind=conn, expire_on_commit=False) as session:
        yield session
        session.flush()


def reading_session(engine: Engine) -> Session:
    return Session(engine)
