"""Alembic environment for goaltrack.

goaltrack runs migrations from code (``goaltrack db upgrade``, and automatically on first use) and
passes its own connection in ``config.attributes["connection"]``, so users need no alembic.ini.
Without a connection it opens the database named by ``-x url=…`` (else goaltrack's default).
"""

from alembic import context

import goaltrack.storage.models  # noqa: F401  (registers the tables on the metadata)
from goaltrack.storage.models import metadata

config = context.config


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite cannot ALTER most things; batch mode is safe on every backend
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    from goaltrack.storage.database import connect

    engine = connect(context.get_x_argument(as_dictionary=True).get("url"))
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
