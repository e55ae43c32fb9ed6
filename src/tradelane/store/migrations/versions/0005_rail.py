"""sea-rail block trains: departures on sale and the departure a booking holds

Revision ID: 0005_rail
Revises: 0004_events
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime

revision = '0005_rail'
down_revision = '0004_events'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('train_departures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('train_name', sa.String(length=100), nullable=False),
    sa.Column('inland_locode', sa.String(length=5), nullable=False),
    sa.Column('sea_locode', sa.String(length=5), nullable=False),
    sa.Column('departs_at', UTCDateTime(), nullable=False),
    sa.Column('arrives_at', UTCDateTime(), nullable=False),
    sa.Column('at_quay_at', UTCDateTime(), nullable=False),
    sa.Column('cutoff_at', UTCDateTime(), nullable=False),
    sa.Column('vessel_cutoff_h', sa.Float(), nullable=False),
    sa.Column('capacity_teu', sa.Integer(), nullable=False),
    sa.Column('capacity_t', sa.Float(), nullable=False),
    sa.Column('reefer_teu', sa.Integer(), nullable=False),
    sa.Column('dg_teu', sa.Integer(), nullable=False),
    sa.Column('used_teu', sa.Integer(), nullable=False),
    sa.Column('used_t', sa.Float(), nullable=False),
    sa.Column('used_reefer_teu', sa.Integer(), nullable=False),
    sa.Column('used_dg_teu', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('train_name', 'departs_at')
    )
    op.create_index('ix_train_departures_inland_locode', 'train_departures', ['inland_locode'])
    op.create_table('booking_trains',
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('departure_id', sa.Integer(), nullable=False),
    sa.Column('teu', sa.Integer(), nullable=False),
    sa.Column('weight_t', sa.Float(), nullable=False),
    sa.Column('reefer_teu', sa.Integer(), nullable=False),
    sa.Column('dg_teu', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id']),
    sa.ForeignKeyConstraint(['departure_id'], ['train_departures.id']),
    sa.PrimaryKeyConstraint('booking_id')
    )
    op.create_index('ix_booking_trains_departure_id', 'booking_trains', ['departure_id'])


def downgrade() -> None:
    op.drop_index('ix_booking_trains_departure_id', table_name='booking_trains')
    op.drop_table('booking_trains')
    op.drop_index('ix_train_departures_inland_locode', table_name='train_departures')
    op.drop_table('train_departures')
