"""deleted figures: a replaced_measurement row may be a figure deleted, with the reason given

Every existing row keeps its data and becomes "not deleted" (it was replaced by a correction).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-23 19:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0006'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('replaced_measurement', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('replaced_measurement', schema=None) as batch_op:
        batch_op.drop_column('reason')
        batch_op.drop_column('deleted')
