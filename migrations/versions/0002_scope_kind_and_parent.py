"""scope kind and parent: which scopes are the nation, regions and municipalities

Existing scopes keep every row; DK becomes the nation, the rest "other" until the next catalogue sync.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:45:20.476362
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('scope', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), server_default='other',
                                      nullable=False))
        batch_op.add_column(sa.Column('parent', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True))
    op.execute("UPDATE scope SET kind = 'nation' WHERE code = 'DK'")



def downgrade() -> None:
    with op.batch_alter_table('scope', schema=None) as batch_op:
        batch_op.drop_column('parent')
        batch_op.drop_column('kind')

