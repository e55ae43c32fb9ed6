"""trade desk: declared cargo value, places of receipt and delivery, commodity shares

Adds DCSA Booking 2.0's ``declaredValue`` / ``declaredValueCurrency`` and the ``PRE`` / ``PDE``
shipment locations as columns of ``bookings``, the ``booking_commodities`` table (one row per
commodity of an equipment line, ``domain.trade.split_line``) and the indexes the trade report
reads through. Bookings stored before this revision are filled in from their DCSA document.

Revision ID: 0007_trade
Revises: 0006_vehicles
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = '0007_trade'
down_revision = '0006_vehicles'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('declared_value', sa.Float(), nullable=True))
        batch_op.add_column(sa.Column('declared_value_currency', sa.String(length=3),
                                      nullable=True))
        batch_op.add_column(sa.Column('place_of_receipt', sa.String(length=5), nullable=True))
        batch_op.add_column(sa.Column('place_of_delivery', sa.String(length=5), nullable=True))
        batch_op.create_index('ix_bookings_trade', [
            'pol_call_id', 'status', 'id', 'teu', 'declared_value', 'declared_value_currency',
            'party_id', 'pod_call_id', 'place_of_receipt', 'place_of_delivery'], unique=False)
    op.create_table('booking_commodities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('equipment_id', sa.Integer(), nullable=False),
    sa.Column('hs_code', sa.String(length=10), nullable=True),
    sa.Column('commodity_type', sa.String(length=550), nullable=True),
    sa.Column('teu', sa.Float(), nullable=False),
    sa.Column('containers', sa.Float(), nullable=False),
    sa.Column('tonnes', sa.Float(), nullable=False),
    sa.Column('is_dangerous', sa.Boolean(), nullable=False),
    sa.Column('is_reefer', sa.Boolean(), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ),
    sa.ForeignKeyConstraint(['equipment_id'], ['booking_equipments.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_booking_commodities_trade', 'booking_commodities', [
        'booking_id', 'hs_code', 'is_dangerous', 'is_reefer', 'teu', 'containers', 'tonnes',
        'commodity_type'], unique=False)
    op.create_index('ix_booking_commodities_equipment_id', 'booking_commodities',
                    ['equipment_id'], unique=False)
    _backfill(op.get_bind())


def downgrade() -> None:
    op.drop_index('ix_booking_commodities_equipment_id', table_name='booking_commodities')
    op.drop_index('ix_booking_commodities_trade', table_name='booking_commodities')
    op.drop_table('booking_commodities')
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index('ix_bookings_trade')
        batch_op.drop_column('place_of_delivery')
        batch_op.drop_column('place_of_receipt')
        batch_op.drop_column('declared_value_currency')
        batch_op.drop_column('declared_value')


def _backfill(bind: Any) -> None:
    """Fill the new columns and rows of bookings stored before this revision, from their DCSA
    document (commodities split as ``domain.trade.split_line`` does)."""
    from tradelane.domain.trade import DeclaredCommodity, split_line

    meta = sa.MetaData()
    bookings = sa.Table('bookings', meta, autoload_with=bind)
    equipments = sa.Table('booking_equipments', meta, autoload_with=bind)
    commodities = sa.Table('booking_commodities', meta, autoload_with=bind)
    docs = dict(bind.execute(sa.select(bookings.c.id, bookings.c.document)).all())
    lines: dict[int, list[Any]] = {}
    for row in bind.execute(sa.select(equipments).order_by(equipments.c.id)).mappings():
        lines.setdefault(row["booking_id"], []).append(row)
    rows = []
    for booking_id, doc in docs.items():
        doc = doc or {}
        bind.execute(bookings.update().where(bookings.c.id == booking_id).values(
            declared_value=doc.get("declaredValue"),
            declared_value_currency=doc.get("declaredValueCurrency"),
            place_of_receipt=_place(doc, "PRE"), place_of_delivery=_place(doc, "PDE")))
        sent = doc.get("requestedEquipments", [])
        for k, line in enumerate(lines.get(booking_id, [])):
            declared = sent[k].get("commodities", []) if k < len(sent) else []
            items = [DeclaredCommodity(
                (c.get("HSCodes") or [None])[0], c.get("commodityType"),
                _tonnes(c.get("cargoGrossWeight")),
                bool((c.get("outerPackaging") or {}).get("dangerousGoods")))
                for c in declared]
            teu_per_unit = line["teu"]
            for share in split_line(line["units"], teu_per_unit, line["cargo_gross_weight_t"],
                                    line["is_operating_reefer"], items):
                rows.append({"booking_id": booking_id, "equipment_id": line["id"],
                             "hs_code": share.hs_code,
                             "commodity_type": share.commodity_type, "teu": share.teu,
                             "containers": share.containers, "tonnes": share.tonnes,
                             "is_dangerous": share.is_dangerous, "is_reefer": share.is_reefer})
    if rows:
        bind.execute(commodities.insert(), rows)


def _place(doc: dict[str, Any], code: str) -> str | None:
    for loc in doc.get("shipmentLocations", []):
        if loc.get("locationTypeCode") == code:
            value = (loc.get("location") or {}).get("UNLocationCode")
            return value.upper() if isinstance(value, str) and len(value) == 5 else None
    return None


def _tonnes(weight: Any) -> float | None:
    if not isinstance(weight, dict) or "value" not in weight:
        return None
    factor = 0.001 if weight.get("unit") == "KGM" else 0.45359237 / 1000
    return float(weight["value"]) * factor
