"""used-car export chain: vehicles and their append-only, hash-linked events

Revision ID: 0006_vehicles
Revises: 0005_rail
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime
from tradelane.store.vehicles import create_append_only_triggers

revision = '0006_vehicles'
down_revision = '0005_rail'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('vehicles',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vin', sa.String(length=17), nullable=False),
    sa.Column('make', sa.String(length=50), nullable=False),
    sa.Column('model', sa.String(length=50), nullable=False),
    sa.Column('model_year', sa.Integer(), nullable=False),
    sa.Column('powertrain', sa.String(length=4), nullable=False),
    sa.Column('registered_by', sa.Integer(), nullable=False),
    sa.Column('registered_at', UTCDateTime(), nullable=False),
    sa.Column('events_count', sa.Integer(), nullable=False),
    sa.Column('head_sha256', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['registered_by'], ['parties.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vin')
    )
    op.create_table('vehicle_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vehicle_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('step', sa.String(length=30), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('booking_reference', sa.String(length=100), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('previous_sha256', sa.String(length=64), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('recorded_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], ),
    sa.ForeignKeyConstraint(['vehicle_id'], ['vehicles.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vehicle_id', 'sequence')
    )
    with op.batch_alter_table('vehicle_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_vehicle_events_vehicle_id'), ['vehicle_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_vehicle_events_booking_reference'), ['booking_reference'], unique=False)
    create_append_only_triggers(op.get_bind())


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'postgresql':
        bind.exec_driver_sql('DROP FUNCTION IF EXISTS vehicle_events_append_only() CASCADE')
    op.drop_table('vehicle_events')
    op.drop_table('vehicles')
