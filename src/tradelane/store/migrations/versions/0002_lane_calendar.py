"""lane calendar: import/export voyages per call, the service's calendar start

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06 01:40:00

A call's ``voyage_id`` is its export voyage (``NULL`` while that voyage is not yet on sale) and
``import_voyage_id`` the voyage the ship arrives on (likewise); ``import_voyage_number`` and
``export_voyage_number`` are the DCSA numbers from the lane calendar, on sale or not; ``sequence`` is the call's position in the
ship's stream of calls since the service's calendar start (``services.calendar_start``).
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.add_column(sa.Column('calendar_start', UTCDateTime(), nullable=True))
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.alter_column('voyage_id', existing_type=sa.Integer(), nullable=True)
        batch_op.add_column(sa.Column('import_voyage_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('import_voyage_number', sa.String(length=50),
                                      nullable=False, server_default=''))
        batch_op.add_column(sa.Column('export_voyage_number', sa.String(length=50),
                                      nullable=False, server_default=''))
        batch_op.create_foreign_key('fk_calls_import_voyage_id', 'voyages',
                                    ['import_voyage_id'], ['id'])
        batch_op.create_index('ix_calls_import_voyage_id', ['import_voyage_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index('ix_calls_import_voyage_id')
        batch_op.drop_constraint('fk_calls_import_voyage_id', type_='foreignkey')
        batch_op.drop_column('export_voyage_number')
        batch_op.drop_column('import_voyage_number')
        batch_op.drop_column('import_voyage_id')
        batch_op.alter_column('voyage_id', existing_type=sa.Integer(), nullable=False)
    with op.batch_alter_table('services', schema=None) as batch_op:
        batch_op.drop_column('calendar_start')
