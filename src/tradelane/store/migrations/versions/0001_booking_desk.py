"""booking desk tables

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-26 07:45:58.561579
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('role', sa.String(length=10), nullable=False),
    sa.Column('api_key_sha256', sa.String(length=64), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('api_key_sha256')
    )
    op.create_table('services',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=11), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('vessels',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('imo_number', sa.String(length=7), nullable=True),
    sa.Column('vessel_class', sa.String(length=50), nullable=False),
    sa.Column('is_placeholder', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('name')
    )
    op.create_table('voyages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('service_id', sa.Integer(), nullable=False),
    sa.Column('vessel_id', sa.Integer(), nullable=False),
    sa.Column('carrier_voyage_number', sa.String(length=50), nullable=False),
    sa.Column('direction', sa.String(length=1), nullable=False),
    sa.Column('auto_confirm', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['service_id'], ['services.id'], ),
    sa.ForeignKeyConstraint(['vessel_id'], ['vessels.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('service_id', 'carrier_voyage_number')
    )
    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('voyage_id', sa.Integer(), nullable=False),
    sa.Column('vessel_id', sa.Integer(), nullable=False),
    sa.Column('sequence', sa.Integer(), nullable=False),
    sa.Column('locode', sa.String(length=5), nullable=False),
    sa.Column('eta', UTCDateTime(), nullable=False),
    sa.Column('etd', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['vessel_id'], ['vessels.id'], ),
    sa.ForeignKeyConstraint(['voyage_id'], ['voyages.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('vessel_id', 'sequence')
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_calls_locode'), ['locode'], unique=False)
        batch_op.create_index(batch_op.f('ix_calls_voyage_id'), ['voyage_id'], unique=False)

    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('carrier_booking_request_reference', sa.String(length=100), nullable=False),
    sa.Column('carrier_booking_reference', sa.String(length=35), nullable=True),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('idempotency_key', sa.String(length=100), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('voyage_id', sa.Integer(), nullable=False),
    sa.Column('pol_call_id', sa.Integer(), nullable=False),
    sa.Column('pod_call_id', sa.Integer(), nullable=False),
    sa.Column('teu', sa.Integer(), nullable=False),
    sa.Column('weight_t', sa.Float(), nullable=False),
    sa.Column('reefer_plugs', sa.Integer(), nullable=False),
    sa.Column('is_dangerous', sa.Boolean(), nullable=False),
    sa.Column('holds_capacity', sa.Boolean(), nullable=False),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.Column('feedbacks', sa.JSON(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], ),
    sa.ForeignKeyConstraint(['pod_call_id'], ['calls.id'], ),
    sa.ForeignKeyConstraint(['pol_call_id'], ['calls.id'], ),
    sa.ForeignKeyConstraint(['voyage_id'], ['voyages.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('carrier_booking_reference'),
    sa.UniqueConstraint('carrier_booking_request_reference'),
    sa.UniqueConstraint('party_id', 'idempotency_key')
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_party_id'), ['party_id'], unique=False)

    op.create_table('legs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('vessel_id', sa.Integer(), nullable=False),
    sa.Column('from_call_id', sa.Integer(), nullable=False),
    sa.Column('to_call_id', sa.Integer(), nullable=False),
    sa.Column('capacity_teu', sa.Integer(), nullable=False),
    sa.Column('capacity_t', sa.Float(), nullable=False),
    sa.Column('reefer_plugs', sa.Integer(), nullable=False),
    sa.Column('used_teu', sa.Integer(), nullable=False),
    sa.Column('used_t', sa.Float(), nullable=False),
    sa.Column('used_reefer_plugs', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['from_call_id'], ['calls.id'], ),
    sa.ForeignKeyConstraint(['to_call_id'], ['calls.id'], ),
    sa.ForeignKeyConstraint(['vessel_id'], ['vessels.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('from_call_id')
    )
    op.create_table('booking_equipments',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('iso_equipment_code', sa.String(length=4), nullable=False),
    sa.Column('units', sa.Integer(), nullable=False),
    sa.Column('teu', sa.Integer(), nullable=False),
    sa.Column('cargo_gross_weight_t', sa.Float(), nullable=False),
    sa.Column('tare_weight_t', sa.Float(), nullable=False),
    sa.Column('is_operating_reefer', sa.Boolean(), nullable=False),
    sa.Column('temperature_setpoint', sa.Float(), nullable=True),
    sa.Column('temperature_unit', sa.String(length=3), nullable=True),
    sa.Column('hs_codes', sa.JSON(), nullable=False),
    sa.Column('equipment_references', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('booking_equipments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_equipments_booking_id'), ['booking_id'], unique=False)

    op.create_table('booking_legs',
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('leg_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.ForeignKeyConstraint(['leg_id'], ['legs.id'], ),
    sa.PrimaryKeyConstraint('booking_id', 'leg_id')
    )
    op.create_table('booking_dg_lines',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('equipment_id', sa.Integer(), nullable=False),
    sa.Column('un_number', sa.String(length=6), nullable=False),
    sa.Column('imo_class', sa.String(length=4), nullable=False),
    sa.Column('packing_group', sa.Integer(), nullable=True),
    sa.Column('proper_shipping_name', sa.String(length=250), nullable=False),
    sa.ForeignKeyConstraint(['equipment_id'], ['booking_equipments.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('booking_dg_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_booking_dg_lines_equipment_id'), ['equipment_id'], unique=False)




def downgrade() -> None:

    with op.batch_alter_table('booking_dg_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_dg_lines_equipment_id'))

    op.drop_table('booking_dg_lines')
    op.drop_table('booking_legs')
    with op.batch_alter_table('booking_equipments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_booking_equipments_booking_id'))

    op.drop_table('booking_equipments')
    op.drop_table('legs')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_party_id'))

    op.drop_table('bookings')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_calls_voyage_id'))
        batch_op.drop_index(batch_op.f('ix_calls_locode'))

    op.drop_table('calls')
    op.drop_table('voyages')
    op.drop_table('vessels')
    op.drop_table('services')
    op.drop_table('parties')

