"""The booking desk's tables (SQLAlchemy 2). Change them only with an Alembic migration."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored as naive UTC and read back as an aware UTC datetime."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect
                             ) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    """Declarative base of every table."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON,
                                           list[Any]: JSON}


class Party(Base):
    """A shipper or the carrier, with the SHA-256 digest of its API key (never the key)."""

    __tablename__ = "parties"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(10))
    api_key_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class ServiceRow(Base):
    """A liner service as published (code and name)."""

    __tablename__ = "services"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(11), unique=True)
    name: Mapped[str] = mapped_column(String(50))
    calendar_start: Mapped[datetime | None]


class VesselRow(Base):
    """A ship of the published fleet."""

    __tablename__ = "vessels"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    imo_number: Mapped[str | None] = mapped_column(String(7))
    vessel_class: Mapped[str] = mapped_column(String(50))
    is_placeholder: Mapped[bool] = mapped_column(Boolean, default=False)


class Voyage(Base):
    """One voyage number of one ship on one service (e.g. ``401E``)."""

    __tablename__ = "voyages"
    __table_args__ = (UniqueConstraint("service_id", "carrier_voyage_number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[int] = mapped_column(ForeignKey("services.id"))
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    carrier_voyage_number: Mapped[str] = mapped_column(String(50))
    direction: Mapped[str] = mapped_column(String(1))
    auto_confirm: Mapped[bool] = mapped_column(Boolean, default=False)
    service: Mapped[ServiceRow] = relationship(lazy="joined")
    vessel: Mapped[VesselRow] = relationship(lazy="joined")


class Call(Base):
    """A port call: ETA and ETD, its export voyage (``voyage``, ``None`` while not on sale) and
    import voyage; ``sequence`` is the call's place in the ship's stream of calls since the
    service's calendar start (``schedule.calendar``)."""

    __tablename__ = "calls"
    __table_args__ = (UniqueConstraint("vessel_id", "sequence"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    voyage_id: Mapped[int | None] = mapped_column(ForeignKey("voyages.id"), index=True)
    import_voyage_id: Mapped[int | None] = mapped_column(ForeignKey("voyages.id"), index=True)
    import_voyage_number: Mapped[str] = mapped_column(String(50), server_default="")
    export_voyage_number: Mapped[str] = mapped_column(String(50), server_default="")
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    sequence: Mapped[int] = mapped_column(Integer)
    locode: Mapped[str] = mapped_column(String(5), index=True)
    eta: Mapped[datetime]
    etd: Mapped[datetime]
    voyage: Mapped[Voyage | None] = relationship(foreign_keys=[voyage_id], lazy="joined")
    import_voyage: Mapped[Voyage | None] = relationship(foreign_keys=[import_voyage_id],
                                                        lazy="joined")
    vessel: Mapped[VesselRow] = relationship(lazy="joined")


class Leg(Base):
    """The sea leg from one call to the ship's next, with its capacity and what is used."""

    __tablename__ = "legs"
    id: Mapped[int] = mapped_column(primary_key=True)
    vessel_id: Mapped[int] = mapped_column(ForeignKey("vessels.id"))
    from_call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), unique=True)
    to_call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    capacity_teu: Mapped[int] = mapped_column(Integer)
    capacity_t: Mapped[float] = mapped_column(Float)
    reefer_plugs: Mapped[int] = mapped_column(Integer)
    used_teu: Mapped[int] = mapped_column(Integer, default=0)
    used_t: Mapped[float] = mapped_column(Float, default=0.0)
    used_reefer_plugs: Mapped[int] = mapped_column(Integer, default=0)


class Booking(Base):
    """A booking request and its state; ``document`` keeps the DCSA request as sent."""

    __tablename__ = "bookings"
    __table_args__ = (
        UniqueConstraint("party_id", "idempotency_key"),
        # covers the trade report's reads (store.trade): the rows themselves are large
        Index("ix_bookings_trade", "pol_call_id", "status", "id", "teu", "declared_value",
              "declared_value_currency", "party_id", "pod_call_id", "place_of_receipt",
              "place_of_delivery"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_booking_request_reference: Mapped[str] = mapped_column(String(100), unique=True)
    carrier_booking_reference: Mapped[str | None] = mapped_column(String(35), unique=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    idempotency_sha256: Mapped[str | None] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    voyage_id: Mapped[int] = mapped_column(ForeignKey("voyages.id"))
    pol_call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    pod_call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"))
    teu: Mapped[int] = mapped_column(Integer)
    weight_t: Mapped[float] = mapped_column(Float)
    reefer_plugs: Mapped[int] = mapped_column(Integer)
    is_dangerous: Mapped[bool] = mapped_column(Boolean)
    holds_capacity: Mapped[bool] = mapped_column(Boolean, default=False)
    declared_value: Mapped[float | None] = mapped_column(Float)
    declared_value_currency: Mapped[str | None] = mapped_column(String(3))
    place_of_receipt: Mapped[str | None] = mapped_column(String(5))
    place_of_delivery: Mapped[str | None] = mapped_column(String(5))
    document: Mapped[dict[str, Any]]
    feedbacks: Mapped[list[Any]]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    equipments: Mapped[list[BookingEquipment]] = relationship(
        cascade="all, delete-orphan", order_by="BookingEquipment.id")
    voyage: Mapped[Voyage] = relationship(lazy="select")
    pol_call: Mapped[Call] = relationship(foreign_keys=[pol_call_id], lazy="select")
    legs: Mapped[list[BookingLeg]] = relationship(lazy="select")


class BookingEquipment(Base):
    """One requested-equipment line: ISO code, units, weights, HS codes, reefer settings."""

    __tablename__ = "booking_equipments"
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), index=True)
    iso_equipment_code: Mapped[str] = mapped_column(String(4))
    units: Mapped[int] = mapped_column(Integer)
    teu: Mapped[int] = mapped_column(Integer)
    cargo_gross_weight_t: Mapped[float] = mapped_column(Float)
    tare_weight_t: Mapped[float] = mapped_column(Float)
    is_operating_reefer: Mapped[bool] = mapped_column(Boolean)
    temperature_setpoint: Mapped[float | None] = mapped_column(Float)
    temperature_unit: Mapped[str | None] = mapped_column(String(3))
    hs_codes: Mapped[list[Any]]
    equipment_references: Mapped[list[Any]]
    dg_lines: Mapped[list[DangerousGoodsLine]] = relationship(
        cascade="all, delete-orphan", order_by="DangerousGoodsLine.id")


class DangerousGoodsLine(Base):
    """One declared dangerous-goods line of an equipment line."""

    __tablename__ = "booking_dg_lines"
    id: Mapped[int] = mapped_column(primary_key=True)
    equipment_id: Mapped[int] = mapped_column(ForeignKey("booking_equipments.id"), index=True)
    un_number: Mapped[str] = mapped_column(String(6))
    imo_class: Mapped[str] = mapped_column(String(4))
    packing_group: Mapped[int | None] = mapped_column(Integer)
    proper_shipping_name: Mapped[str] = mapped_column(String(250))


class BookingCommodity(Base):
    """A commodity's share of an equipment line (``domain.trade.split_line``): what the trade
    report counts (HS code, TEU, containers, cargo tonnes, DG, reefer)."""

    __tablename__ = "booking_commodities"
    __table_args__ = (
        # covers the trade report's reads (store.trade), by booking
        Index("ix_booking_commodities_trade", "booking_id", "hs_code", "is_dangerous",
              "is_reefer", "teu", "containers", "tonnes", "commodity_type"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"))
    equipment_id: Mapped[int] = mapped_column(ForeignKey("booking_equipments.id"), index=True)
    hs_code: Mapped[str | None] = mapped_column(String(10))
    commodity_type: Mapped[str | None] = mapped_column(String(550))
    teu: Mapped[float] = mapped_column(Float)
    containers: Mapped[float] = mapped_column(Float)
    tonnes: Mapped[float] = mapped_column(Float)
    is_dangerous: Mapped[bool] = mapped_column(Boolean)
    is_reefer: Mapped[bool] = mapped_column(Boolean)


class BookingLeg(Base):
    """A leg a booking sails on (from its port of loading to its port of discharge)."""

    __tablename__ = "booking_legs"
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), primary_key=True)
    leg_id: Mapped[int] = mapped_column(ForeignKey("legs.id"), primary_key=True)


class ServerSecret(Base):
    """A secret of the server (``cursor-hmac``: the key that signs paging cursors), generated
    on first start; every server process on the database reads the same one."""

    __tablename__ = "server_secrets"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class EventRow(Base):
    """A DCSA Track & Trace event as published (``document``, immutable), with the columns
    the event filters and the shippers' visibility need."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event_type: Mapped[str] = mapped_column(String(10))
    classifier: Mapped[str] = mapped_column(String(3))
    type_code: Mapped[str] = mapped_column(String(4))
    event_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"), index=True)
    document_type_code: Mapped[str | None] = mapped_column(String(3))
    carrier_booking_reference: Mapped[str | None] = mapped_column(String(100))
    equipment_reference: Mapped[str | None] = mapped_column(String(15))
    transport_call_id: Mapped[str | None] = mapped_column(String(100), index=True)
    vessel_imo: Mapped[str | None] = mapped_column(String(7))
    export_voyage: Mapped[str | None] = mapped_column(String(50))
    service_code: Mapped[str | None] = mapped_column(String(11))
    locode: Mapped[str | None] = mapped_column(String(5))
    document: Mapped[dict[str, Any]]


class BookingStatusChange(Base):
    """A booking status change not yet turned into events (``store.booking_events``): written
    by the booking's own transaction (one small row), deleted by the transaction that writes
    its shipment and planned equipment events. Its ``id`` orders the changes."""

    __tablename__ = "booking_status_changes"
    id: Mapped[int] = mapped_column(primary_key=True)
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"))
    status: Mapped[str] = mapped_column(String(20))
    carrier_booking_reference: Mapped[str | None] = mapped_column(String(35))
    changed_at: Mapped[datetime]


class EventSubscription(Base):
    """A party's event subscription: callback URL, shared secret (base64, as sent: the HMAC
    key is its bytes), filters; ``status`` ACTIVE or SUSPENDED (deliveries gave up)."""

    __tablename__ = "event_subscriptions"
    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[str] = mapped_column(String(36), unique=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    callback_url: Mapped[str] = mapped_column(String(2000))
    secret: Mapped[str] = mapped_column(String(1000))
    filters: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(10))
    suspended_at: Mapped[datetime | None]
    suspended_reason: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OutboxEntry(Base):
    """One event to deliver to one subscription: PENDING until the subscriber answers 2xx
    (DELIVERED) or the attempts run out (FAILED)."""

    __tablename__ = "event_outbox"
    id: Mapped[int] = mapped_column(primary_key=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("event_subscriptions.id"),
                                                 index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id"))
    status: Mapped[str] = mapped_column(String(10))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(String(300))
    delivered_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
