"""goal sets: several catalogues in one database, each goal in one set

Every goal keeps its row and its id (so every measurement keeps its goal): the goals already there
form the shipped set, dk-2020, judged in the nation by default. Goals of other sets get ids of the
form SET/ID when their catalogue is synced.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 19:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('goal_set',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal_set'))
    )
    # The set the goals already here belong to, named as the catalogue loaded last named itself.
    op.execute("INSERT INTO goal_set (id, name, scope, position) SELECT 'dk-2020', "
               "COALESCE((SELECT value FROM meta WHERE key = 'catalogue_name' AND value <> ''), 'dk-2020'), "
               "'DK', 0")
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('set_id', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      server_default='dk-2020', nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_column('set_id')
    op.drop_table('goal_set')
