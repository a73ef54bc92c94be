"""initial schema: goals, scopes, current and replaced measurements, meta

Revision ID: 0001
Revises:
Create Date: 2026-11-23 15:22:25.007871
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('goal',
    sa.Column('id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title_en', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('title_da', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('unit', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('direction', sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
    sa.Column('baseline_year', sa.Integer(), nullable=True),
    sa.Column('baseline_value', sa.Float(), nullable=True),
    sa.Column('target_year', sa.Integer(), nullable=True),
    sa.Column('target_value', sa.Float(), nullable=True),
    sa.Column('target_change_pct', sa.Float(), nullable=True),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('archived', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_goal'))
    )
    op.create_table('meta',
    sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('value', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_meta'))
    )
    op.create_table('scope',
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('name', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_scope'))
    )
    op.create_table('measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_measurement_goal_id_goal')),
    sa.ForeignKeyConstraint(['scope'], ['scope.code'], name=op.f('fk_measurement_scope_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurement')),
    sa.UniqueConstraint('goal_id', 'scope', 'year', name=op.f('uq_measurement_goal_id_scope_year'))
    )
    op.create_table('replaced_measurement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('goal_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('replaced_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_replaced_measurement_goal_id_goal')),
    sa.ForeignKeyConstraint(['scope'], ['scope.code'], name=op.f('fk_replaced_measurement_scope_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replaced_measurement'))
    )
    with op.batch_alter_table('replaced_measurement', schema=None) as batch_op:
        batch_op.create_index('ix_replaced_measurement_key', ['goal_id', 'scope', 'year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('replaced_measurement', schema=None) as batch_op:
        batch_op.drop_index('ix_replaced_measurement_key')

    op.drop_table('replaced_measurement')
    op.drop_table('measurement')
    op.drop_table('scope')
    op.drop_table('meta')
    op.drop_table('goal')
