"""voyage events (DCSA Track & Trace 2.2), event subscriptions and the delivery outbox

Revision ID: 0004_events
Revises: 0003_desk_hardening

``events`` keeps every published event (its DCSA document, immutable) with the columns the
filters and the shippers' visibility need; ``event_subscriptions`` the parties' callbacks
(secret as sent, base64); ``event_outbox`` one row per event and subscription until the
subscriber has it (at-least-once delivery that survives a restart);
``booking_status_changes`` the booking status changes whose events are not written yet (the
booking transaction adds one small row; ``store.booking_events`` turns it into events).
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime

revision = '0004_events'
down_revision = '0003_desk_hardening'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=10), nullable=False),
    sa.Column('classifier', sa.String(length=3), nullable=False),
    sa.Column('type_code', sa.String(length=4), nullable=False),
    sa.Column('event_at', UTCDateTime(), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('booking_id', sa.Integer(), nullable=True),
    sa.Column('document_type_code', sa.String(length=3), nullable=True),
    sa.Column('carrier_booking_reference', sa.String(length=100), nullable=True),
    sa.Column('equipment_reference', sa.String(length=15), nullable=True),
    sa.Column('transport_call_id', sa.String(length=100), nullable=True),
    sa.Column('vessel_imo', sa.String(length=7), nullable=True),
    sa.Column('export_voyage', sa.String(length=50), nullable=True),
    sa.Column('service_code', sa.String(length=11), nullable=True),
    sa.Column('locode', sa.String(length=5), nullable=True),
    sa.Column('document', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('event_id')
    )
    op.create_index('ix_events_booking_id', 'events', ['booking_id'], unique=False)
    op.create_index('ix_events_call_id', 'events', ['call_id'], unique=False)
    op.create_index('ix_events_created_at', 'events', ['created_at'], unique=False)
    op.create_index('ix_events_transport_call_id', 'events', ['transport_call_id'], unique=False)
    op.create_table('booking_status_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('carrier_booking_reference', sa.String(length=35), nullable=True),
    sa.Column('changed_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('event_subscriptions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.String(length=36), nullable=False),
    sa.Column('party_id', sa.Integer(), nullable=False),
    sa.Column('callback_url', sa.String(length=2000), nullable=False),
    sa.Column('secret', sa.String(length=1000), nullable=False),
    sa.Column('filters', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('suspended_at', UTCDateTime(), nullable=True),
    sa.Column('suspended_reason', sa.String(length=300), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.Column('updated_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['party_id'], ['parties.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('subscription_id')
    )
    op.create_index('ix_event_subscriptions_party_id', 'event_subscriptions', ['party_id'], unique=False)
    op.create_table('event_outbox',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('subscription_id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('next_attempt_at', UTCDateTime(), nullable=False),
    sa.Column('last_error', sa.String(length=300), nullable=True),
    sa.Column('delivered_at', UTCDateTime(), nullable=True),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], ),
    sa.ForeignKeyConstraint(['subscription_id'], ['event_subscriptions.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_event_outbox_next_attempt_at', 'event_outbox', ['next_attempt_at'], unique=False)
    op.create_index('ix_event_outbox_subscription_id', 'event_outbox', ['subscription_id'], unique=False)


def downgrade() -> None:
    op.drop_table('event_outbox')
    op.drop_table('event_subscriptions')
    op.drop_table('booking_status_changes')
    op.drop_table('events')
