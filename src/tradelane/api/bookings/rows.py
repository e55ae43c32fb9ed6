"""A booking's rows written with Core statements built once, not the ORM's unit of work.

A new booking is four INSERTs (the booking with ``RETURNING id``, its equipment lines, their
commodity shares for the trade report, its legs; a fifth for dangerous-goods lines) in the
caller's transaction. The statements are built at import, so that each request only binds
values (the unit of work, statement construction and cache-key generation were the largest
share of a booking's CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Integer, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from tradelane.api.bookings.rules import EquipmentLine
from tradelane.store.models import (
    Base,
    Booking,
    BookingCommodity,
    BookingEquipment,
    BookingLeg,
    DangerousGoodsLine,
    Leg,
)

_BOOKINGS, _EQUIPMENTS, _DG_LINES, _LEGS, _ALL_LEGS, _COMMODITIES = (
    Base.metadata.tables[m.__tablename__]
    for m in (Booking, BookingEquipment, DangerousGoodsLine, BookingLeg, Leg, BookingCommodity))

_INSERT_BOOKING = insert(_BOOKINGS).returning(_BOOKINGS.c.id)
_INSERT_EQUIPMENTS = insert(_EQUIPMENTS).returning(_EQUIPMENTS.c.id,
                                                   sort_by_parameter_order=True)
_INSERT_DG_LINES = insert(_DG_LINES)
_INSERT_COMMODITIES = insert(_COMMODITIES)
_INSERT_LEGS = insert(_LEGS).from_select(
    ["booking_id", "leg_id"],
    select(bindparam("booking", type_=Integer()), _ALL_LEGS.c.id)
    .where(_ALL_LEGS.c.id.in_(bindparam("legs", expanding=True))))
"""One statement for any number of legs (an executemany costs more in psycopg's pipeline)."""
_DELETE = (
    delete(_COMMODITIES).where(_COMMODITIES.c.booking_id == bindparam("booking")),
    delete(_DG_LINES).where(_DG_LINES.c.equipment_id.in_(
        select(_EQUIPMENTS.c.id).where(_EQUIPMENTS.c.booking_id == bindparam("booking")))),
    delete(_EQUIPMENTS).where(_EQUIPMENTS.c.booking_id == bindparam("booking")),
    delete(_LEGS).where(_LEGS.c.booking_id == bindparam("booking")),
)


def insert_booking(session: Session, values: dict[str, Any]) -> int:
    """Insert the ``bookings`` row of ``values`` (column: value); return its id."""
    booking_id: int = session.execute(_INSERT_BOOKING, values).scalar_one()
    return booking_id


def insert_content(session: Session, booking_id: int, lines: Sequence[EquipmentLine],
                   leg_ids: Sequence[int]) -> None:
    """Insert the booking's equipment lines (with their DG lines) and the legs it sails on."""
    equipment_ids = session.execute(_INSERT_EQUIPMENTS, [_equipment(booking_id, x)
                                                         for x in lines]).scalars().all()
    dg_rows = [{"equipment_id": eq_id, "un_number": d.un_number, "imo_class": d.imo_class,
                "packing_group": d.packing_group,
                "proper_shipping_name": d.proper_shipping_name}
               for eq_id, x in zip(equipment_ids, lines, strict=True) for d in x.dg_lines]
    if dg_rows:
        session.execute(_INSERT_DG_LINES, dg_rows)
    session.execute(_INSERT_COMMODITIES, [
        {"booking_id": booking_id, "equipment_id": eq_id, "hs_code": c.hs_code,
         "commodity_type": c.commodity_type, "teu": c.teu, "containers": c.containers,
         "tonnes": c.tonnes, "is_dangerous": c.is_dangerous, "is_reefer": c.is_reefer}
        for eq_id, x in zip(equipment_ids, lines, strict=True) for c in x.commodities])
    session.execute(_INSERT_LEGS, {"booking": booking_id, "legs": list(leg_ids)})


def delete_content(session: Session, booking_id: int) -> None:
    """Delete the booking's equipment lines, their DG lines and its legs (to replace them)."""
    for statement in _DELETE:
        session.execute(statement, {"booking": booking_id})


def _equipment(booking_id: int, x: EquipmentLine) -> dict[str, Any]:
    return {"booking_id": booking_id, "iso_equipment_code": x.iso_code, "units": x.units,
            "teu": x.teu, "cargo_gross_weight_t": x.cargo_gross_weight_t,
            "tare_weight_t": x.tare_weight_t, "is_operating_reefer": x.is_operating_reefer,
            "temperature_setpoint": x.temperature_setpoint,
            "temperature_unit": x.temperature_unit, "hs_codes": list(x.hs_codes),
            "equipment_references": list(x.equipment_references)}
