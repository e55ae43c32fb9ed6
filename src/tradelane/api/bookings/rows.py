"""A booking's rows written with Core statements built once, not the ORM's unit of work.

On PostgreSQL a new booking of one equipment line without dangerous goods is ONE statement:
the booking's INSERT with ``RETURNING`` and, in data-modifying CTEs fed from it, its
status-change row (events), its legs, its equipment line and its commodity shares (trade
report) — one round trip instead of five (:func:`insert_new`). Elsewhere (SQLite; several
lines, whose ids must follow the lines' order, which CTEs do not promise; DG lines, whose rows
need the equipment ids first) it is four INSERTs (the booking with ``RETURNING id``, its equipment
lines, their commodity shares, its legs; a fifth for dangerous-goods lines) and the status
change is written at commit. The statements are built once (at import, or once per shape of
equipment lines), so that each request only binds values (the unit of work, statement
construction and cache-key generation were the largest share of a booking's CPU).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CTE, Integer, Select, bindparam, delete, insert, select, true
from sqlalchemy.orm import Session

from tradelane.api.bookings.rules import EquipmentLine
from tradelane.store.booking_events import booking_status_changed, booking_status_written
from tradelane.store.models import (
    Base,
    Booking,
    BookingCommodity,
    BookingEquipment,
    BookingLeg,
    BookingStatusChange,
    DangerousGoodsLine,
    Leg,
)

_BOOKINGS, _EQUIPMENTS, _DG_LINES, _LEGS, _ALL_LEGS, _COMMODITIES, _CHANGES = (
    Base.metadata.tables[m.__tablename__]
    for m in (Booking, BookingEquipment, DangerousGoodsLine, BookingLeg, Leg, BookingCommodity,
              BookingStatusChange))
_EQUIPMENT_COLUMNS = ("iso_equipment_code", "units", "teu", "cargo_gross_weight_t",
                      "tare_weight_t", "is_operating_reefer", "temperature_setpoint",
                      "temperature_unit", "hs_codes", "equipment_references")
_COMMODITY_COLUMNS = ("hs_code", "commodity_type", "teu", "containers", "tonnes",
                      "is_dangerous", "is_reefer")
_ONE_STATEMENT: dict[tuple[tuple[str, ...], tuple[int, ...]], Select[Any]] = {}
"""The one-statement new booking, by (booking columns, commodity shares of its line)."""

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


def insert_new(session: Session, values: dict[str, Any], lines: Sequence[EquipmentLine],
               leg_ids: Sequence[int], changed_at: datetime) -> int:
    """Insert a new booking (``values``: column → value, ``status`` and
    ``carrier_booking_reference`` among them), its content (as :func:`insert_content`) and its
    status-change row for the events (changed at ``changed_at``); return its id."""
    if (len(lines) != 1 or lines[0].dg_lines  # ids in line order; DG rows need them first
            or session.get_bind().dialect.name != "postgresql"):
        booking_id = insert_booking(session, values)
        insert_content(session, booking_id, lines, leg_ids)
        booking_status_changed(session, booking_id, values["status"],
                               values["carrier_booking_reference"], changed_at)
        return booking_id
    shape = (tuple(values), tuple(len(x.commodities) for x in lines))
    statement = _ONE_STATEMENT.get(shape)
    if statement is None:
        statement = _ONE_STATEMENT[shape] = _one_statement(*shape)
    params = {**{f"b_{k}": v for k, v in values.items()}, "changed_at": changed_at,
              "legs": list(leg_ids)}
    for i, x in enumerate(lines):
        params.update({f"e{i}_{k}": v for k, v in _equipment(0, x).items()})
        for j, c in enumerate(x.commodities):
            params.update({f"c{i}_{j}_{k}": getattr(c, k) for k in _COMMODITY_COLUMNS})
    booking_id = session.execute(statement, params).scalar_one()
    booking_status_written(session, booking_id, values["status"],
                           values["carrier_booking_reference"], changed_at)
    return booking_id


def _one_statement(columns: tuple[str, ...], shares: tuple[int, ...]) -> Select[Any]:
    """``WITH b AS (INSERT booking RETURNING id), ... SELECT b.id``: see the module."""
    def bind(table: Any, name: str, column: str) -> Any:
        return bindparam(name, type_=table.c[column].type)

    b = insert(_BOOKINGS).values({k: bind(_BOOKINGS, f"b_{k}", k) for k in columns}).returning(
        _BOOKINGS.c.id, _BOOKINGS.c.status, _BOOKINGS.c.carrier_booking_reference).cte("b")
    ctes: list[CTE] = [
        insert(_CHANGES).from_select(
            ["booking_id", "status", "carrier_booking_reference", "changed_at"],
            select(b.c.id, b.c.status, b.c.carrier_booking_reference,
                   bind(_CHANGES, "changed_at", "changed_at"))).cte("s"),
        insert(_LEGS).from_select(
            ["booking_id", "leg_id"],
            select(b.c.id, _ALL_LEGS.c.id).select_from(b.join(_ALL_LEGS, true())).where(
                _ALL_LEGS.c.id.in_(bindparam("legs", expanding=True)))).cte("l")]
    for i, n in enumerate(shares):
        e = insert(_EQUIPMENTS).from_select(
            ["booking_id", *_EQUIPMENT_COLUMNS],
            select(b.c.id, *(bind(_EQUIPMENTS, f"e{i}_{k}", k) for k in _EQUIPMENT_COLUMNS))
        ).returning(_EQUIPMENTS.c.id, _EQUIPMENTS.c.booking_id).cte(f"e{i}")
        ctes.append(e)
        for j in range(n):
            ctes.append(insert(_COMMODITIES).from_select(
                ["booking_id", "equipment_id", *_COMMODITY_COLUMNS],
                select(e.c.booking_id, e.c.id, *(bind(_COMMODITIES, f"c{i}_{j}_{k}", k)
                                         for k in _COMMODITY_COLUMNS))).cte(f"c{i}_{j}"))
    return select(b.c.id).add_cte(*ctes)


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
