"""figures as publications: one append-only record (``figure``) in place of measurement and its history

Every row of ``measurement`` and every row of ``replaced_measurement`` becomes an entry of ``figure``,
for its goal's indicator (the goal's id within its set), in the order it was recorded: for each
indicator, scope and year, the figures a correction replaced first (oldest recorded first), then the
current one, so that the current figure stays current. A deleted figure becomes two entries: the figure,
then its deletion (recorded when it was deleted, its reason as the deletion's note). Each entry after
the first of its key ``replaces`` the one before it. ``published`` is unknown for all of them and is the
day each was recorded (method v3). Goals get their ``indicator`` and ``breaks`` (bridged baselines).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 05:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 20_000


def upgrade() -> None:
    with op.batch_alter_table('goal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('indicator', sqlmodel.sql.sqltypes.AutoString(length=64),
                                      server_default='', nullable=False))
        batch_op.add_column(sa.Column('breaks', sa.Text(), nullable=True))
    conn = op.get_bind()
    goal = sa.table('goal', sa.column('id', sa.String), sa.column('indicator', sa.String))
    for (goal_id,) in conn.execute(sa.select(goal.c.id)).all():
        conn.execute(goal.update().where(goal.c.id == goal_id).values(indicator=goal_id.rsplit('/', 1)[-1]))
    figure = op.create_table('figure',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('source', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.Column('published', sa.Date(), nullable=False),
    sa.Column('recorded_at', sa.DateTime(), nullable=False),
    sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('flag', sqlmodel.sql.sqltypes.AutoString(length=1), nullable=True),
    sa.Column('replaces', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['scope'], ['scope.code'], name=op.f('fk_figure_scope_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_figure'))
    )
    op.create_index('ix_figure_key', 'figure', ['indicator', 'scope', 'year'], unique=False)
    _copy_figures(conn, figure)
    op.drop_index('ix_replaced_measurement_key', table_name='replaced_measurement')
    op.drop_table('replaced_measurement')
    op.drop_table('measurement')


def _copy_figures(conn, figure) -> None:
    """Both old tables into ``figure``, key by key in the order described above, streamed."""
    goal = sa.table('goal', sa.column('id', sa.String), sa.column('indicator', sa.String))
    current = sa.table('measurement', *[sa.column(c) for c in (
        'goal_id', 'scope', 'year', 'value', 'source', 'note', 'recorded_at')])
    old = sa.table('replaced_measurement', *[sa.column(c) for c in (
        'goal_id', 'scope', 'year', 'value', 'source', 'note', 'recorded_at', 'replaced_at', 'deleted', 'reason')])
    rows = sa.union_all(
        sa.select(old.c.goal_id, old.c.scope, old.c.year, old.c.value, old.c.source, old.c.note, old.c.recorded_at,
                  old.c.replaced_at, old.c.deleted, old.c.reason, sa.literal(0).label('is_current')),
        sa.select(current.c.goal_id, current.c.scope, current.c.year, current.c.value, current.c.source,
                  current.c.note, current.c.recorded_at, sa.null().label('replaced_at'),
                  sa.false().label('deleted'), sa.null().label('reason'), sa.literal(1).label('is_current')),
    ).subquery()
    ordered = (sa.select(goal.c.indicator, rows).join(goal, goal.c.id == rows.c.goal_id)
               .order_by(goal.c.indicator, rows.c.scope, rows.c.year, rows.c.is_current, rows.c.recorded_at,
                         rows.c.replaced_at, rows.c.goal_id))
    next_id, last_key, last_id = 0, None, None
    batch: list[dict] = []
    for row in conn.execute(ordered).all():
        key = (row.indicator, row.scope, row.year)
        if key != last_key:
            last_key, last_id = key, None
        entries = [(row.note, _moment(row.recorded_at), False)]
        if row.deleted:
            entries.append((row.reason, _moment(row.replaced_at), True))
        for note, when, deleted in entries:
            next_id += 1
            batch.append({'id': next_id, 'indicator': row.indicator, 'scope': row.scope, 'year': row.year,
                          'value': row.value, 'source': row.source, 'note': note, 'published': _day(when),
                          'recorded_at': when, 'deleted': deleted, 'flag': None, 'replaces': last_id})
            last_id = next_id
        if len(batch) >= BATCH:
            conn.execute(figure.insert(), batch)
            batch = []
    if batch:
        conn.execute(figure.insert(), batch)
    if conn.dialect.name == 'postgresql' and next_id:
        conn.execute(sa.text("SELECT setval(pg_get_serial_sequence('figure', 'id'), :n)"), {'n': next_id})


def _moment(moment):
    """A time as read back: SQLite without the column's type gives its text."""
    import datetime

    return datetime.datetime.fromisoformat(moment) if isinstance(moment, str) else moment


def _day(moment):
    return moment.date()


def downgrade() -> None:
    """Back to a current table and a history: the current entries, and every earlier one as replaced
    (a figure followed by a deletion: deleted, with the deletion's note as its reason). Figures of an
    indicator go to the shipped set's goal of that indicator, else to the first goal that tracks it."""
    conn = op.get_bind()
    goals = {}  # indicator → the goal that keeps its figures
    for goal_id, indicator in conn.execute(sa.text("SELECT id, indicator FROM goal ORDER BY id")).all():
        if indicator not in goals or '/' not in goal_id:
            goals[indicator] = goal_id
    with op.batch_alter_table('goal', schema=None) as batch_op:  # before the tables that refer to goal
        batch_op.drop_column('breaks')
        batch_op.drop_column('indicator')
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
    sa.UniqueConstraint('goal_id', 'scope', 'year', name=op.f('uq_measurement_goal_id'))
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
    sa.Column('deleted', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(), nullable=True),
    sa.ForeignKeyConstraint(['goal_id'], ['goal.id'], name=op.f('fk_replaced_measurement_goal_id_goal')),
    sa.ForeignKeyConstraint(['scope'], ['scope.code'], name=op.f('fk_replaced_measurement_scope_scope')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_replaced_measurement'))
    )
    op.create_index('ix_replaced_measurement_key', 'replaced_measurement', ['goal_id', 'scope', 'year'], unique=False)
    entries = conn.execute(sa.text(
        "SELECT indicator, scope, year, value, source, note, recorded_at, deleted FROM figure "
        "ORDER BY indicator, scope, year, id")).all()
    current, old = [], []
    for i, e in enumerate(entries):
        if e.indicator not in goals:
            continue
        after = entries[i + 1] if i + 1 < len(entries) else None
        last = after is None or (after.indicator, after.scope, after.year) != (e.indicator, e.scope, e.year)
        base = {'goal_id': goals[e.indicator], 'scope': e.scope, 'year': e.year, 'value': e.value,
                'source': e.source, 'recorded_at': e.recorded_at}
        if e.deleted:
            continue
        if last:
            current.append({**base, 'note': e.note})
        else:
            gone = bool(after.deleted)
            old.append({**base, 'note': e.note, 'replaced_at': after.recorded_at, 'deleted': gone,
                        'reason': after.note if gone else None})
    if current:
        conn.execute(sa.table('measurement', *[sa.column(c) for c in current[0]]).insert(), current)
    if old:
        conn.execute(sa.table('replaced_measurement', *[sa.column(c) for c in old[0]]).insert(), old)
    op.drop_index('ix_figure_key', table_name='figure')
    op.drop_table('figure')
