"""goal statbank: the StatBank query that fetches a goal's figures (goaltrack fetch)

A new nullable column; existing goals keep every row and name no query until their catalogue is
synced again.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-06 15:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('statbank', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_column('statbank')
