"""booking desk hardening: idempotency digests, revoked keys, server secrets

Revision ID: 0003_desk_hardening
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

from tradelane.store.models import UTCDateTime

revision = '0003_desk_hardening'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revoked_at', UTCDateTime(), nullable=True))
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('idempotency_sha256', sa.String(length=64), nullable=True))
    op.create_table('server_secrets',
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('value', sa.String(length=200), nullable=False),
    sa.Column('created_at', UTCDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )


def downgrade() -> None:
    op.drop_table('server_secrets')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_column('idempotency_sha256')
    with op.batch_alter_table('parties', schema=None) as batch_op:
        batch_op.drop_column('revoked_at')
