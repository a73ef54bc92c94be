"""goal set population: the indicator whose figures are a scope's inhabitants, for rates (method v3)

A new nullable column; existing sets keep every row and name no population indicator until their
catalogue is synced again.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('goal_set', schema=None) as batch_op:
        batch_op.add_column(sa.Column('population', sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('goal_set', schema=None) as batch_op:
        batch_op.drop_column('population')
