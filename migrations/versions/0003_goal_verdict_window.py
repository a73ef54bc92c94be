"""goal verdict window: how many years a verdict basis may lie before the target year (method v2)

A new nullable column; existing goals keep every row and get the method's default window (3 years).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 19:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('verdict_window', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.drop_column('verdict_window')
