"""Use case: fill the booking store with sample bookings of a case (the demo and the benchmark).

For every published export voyage of the case's service and every ``[[demand]]`` row it
serves (origin call before a later call at the destination on the same voyage), bookings are
drawn until the row's weekly TEU is reached: one cargo of ``data/trade_sample_mix.csv`` per
booking (eastbound rows use the ``east`` mix, rows from the Americas the ``west`` mix), 1–5
containers, one booking in ten with a second equipment line of another cargo, declared values
in CNY or USD (one in ten without), a few bookings received through a place of receipt inland
or bound to a place of delivery beyond the port. States: 88 % confirmed, 4 % received, 5 %
cancelled, 3 % declined. The rows are written with Core INSERTs (no HTTP, no booking rules):
the point is a realistic store to report on, fast. A seed fixes every draw.
"""

from __future__ import annotations

import csv
import functools
import io
import uuid
import zlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from tradelane.app.publishing import PublishRequest, publish_window
from tradelane.app.resources import Resources
from tradelane.data.cargo import dangerous_goods, equipment_types
from tradelane.domain import Case
from tradelane.domain.trade import DeclaredCommodity, split_line
from tradelane.errors import InputError
from tradelane.io.case_toml import parse_start, read_case
from tradelane.store.models import (
    Base,
    Booking,
    BookingCommodity,
    BookingEquipment,
    BookingLeg,
    Call,
    DangerousGoodsLine,
    Leg,
    Party,
    ServiceRow,
    Voyage,
)
from tradelane.store.parties import add_party
from tradelane.store.sailings import service_calendar_start

STATES = (("CONFIRMED", 0.88), ("RECEIVED", 0.04), ("CANCELLED", 0.05), ("DECLINED", 0.03))
"""Booking states of the sample and their probabilities."""
USD_CNY = 7.08
"""CNY per USD the sample's USD values are declared at (``data/exchange_rates.csv``)."""
INLAND = ("CNTNA", "CNZBO", "CNWEF", "CNLYI")
"""★ Places of receipt inland of Qingdao (Jinan, Zibo, Weifang, Linyi: rail to the port)."""
BEYOND = {"east": ("MXATM", "COCTG", "DOCAU", "PECLL", "BRSSZ"),
          "west": ("VNSGN", "THLCH", "IDJKT", "MYPKG", "PHMNL")}
"""★ Places of delivery beyond the port (transshipment to Latin America / ASEAN)."""
_TABLES = {m: Base.metadata.tables[m.__tablename__] for m in (
    Booking, BookingEquipment, BookingCommodity, DangerousGoodsLine, BookingLeg)}


@dataclass(frozen=True, slots=True)
class SampleCargo:
    """One line of the sample mix (``data/trade_sample_mix.csv``)."""

    direction: str
    name: str
    share_teu: float
    iso_type: str
    hs_code: str
    commodity_type: str
    cargo_t: tuple[float, float, float]
    value_cny_per_teu: float
    un_number: str | None
    setpoint_c: float | None


@functools.cache
def sample_mix() -> tuple[SampleCargo, ...]:
    """The shipped sample mix."""
    text = resources.files("tradelane.data").joinpath("trade_sample_mix.csv").read_text(
        encoding="utf-8")
    rows = csv.DictReader(io.StringIO("\n".join(
        line for line in text.splitlines() if not line.startswith("#"))))
    return tuple(SampleCargo(
        r["direction"], r["cargo"], float(r["share_teu"]), r["iso_type"], r["hs_code"],
        r["commodity_type"], (float(r["cargo_t_min"]), float(r["cargo_t_mode"]),
                              float(r["cargo_t_max"])),
        float(r["value_cny_per_teu"]), r["un_number"] or None,
        float(r["setpoint_c"]) if r["setpoint_c"] else None) for r in rows)


@dataclass(frozen=True, slots=True)
class SampleResult:
    """What ``add_sample_bookings`` wrote."""

    bookings: int
    teu: int
    voyages: int
    seed: int


@dataclass(frozen=True, slots=True)
class _Route:
    voyage_id: int
    voyage: str
    pol: str
    pod: str
    pol_call_id: int
    pod_call_id: int
    etd: datetime
    leg_ids: tuple[int, ...]


def add_sample_bookings(session: Session, case: Case, seed: int, now: datetime,
                        max_bookings: int | None = None) -> SampleResult:
    """Write sample bookings for every published voyage of ``case``'s service.

    Parameters
    ----------
    session
        A write session on a store where the case's sailings are published.
    case
        The case: service code and ``[[demand]]`` (TEU per week per port pair).
    seed
        Seed of every draw (with the voyage number and port pair).
    now
        Creation time of the bookings.
    max_bookings
        Stop after this many bookings (default: every voyage's whole demand).
    """
    routes = _routes(session, case)
    if not routes:
        raise InputError("db", case.service.code, "has no published sailings; run tradelane "
                         "publish first")
    shippers = _shippers(session, now)
    written = teu = 0
    rows = {(d.origin, d.destination): d for d in case.demand}
    for route in sorted((r for rs in routes.values() for r in rs),
                        key=lambda r: (r.etd, r.pol, r.pod)):  # sailing by sailing
        if max_bookings is not None and written >= max_bookings:
            break
        row = rows[(route.pol, route.pod)]
        direction = "west" if route.pol[:2] in ("US", "CA", "MX") else "east"
        rng = np.random.default_rng([seed, zlib.crc32(
            f"{route.voyage}:{route.pol}:{route.pod}".encode())])
        drafts = _draw(rng, direction, row.teu_per_week, route.pol)
        if max_bookings is not None:
            drafts = drafts[:max_bookings - written]
        _write(session, route, drafts, shippers, now)
        written += len(drafts)
        teu += sum(d["teu"] for d in drafts)
    return SampleResult(bookings=written, teu=teu, voyages=len(
        {r.voyage_id for rs in routes.values() for r in rs}), seed=seed)


def publish_and_fill(session: Session, case_file: str | Path, *, weeks: int, seed: int,
                     now: datetime, start: str | None = None,
                     max_bookings: int | None = None) -> SampleResult:
    """Publish ``weeks`` of the case's sailings from ``start`` (default: the case's start) if
    its service has none yet, then ``add_sample_bookings``; the caller owns the transaction."""
    case = read_case(case_file)
    if service_calendar_start(session, case.service.code) is None:
        begin = parse_start(start) if start else case.start
        publish_window(PublishRequest(case=case, weeks=weeks, start=begin, allow_past=True,
                                      capacity_teu=case.vessel_class.capacity_teu),
                       session, Resources.for_process(), now)
    return add_sample_bookings(session, case, seed, now, max_bookings)


def _routes(session: Session, case: Case) -> dict[tuple[str, str], list[_Route]]:
    calls = session.execute(
        select(Call.id, Call.vessel_id, Call.sequence, Call.locode, Call.voyage_id,
               Call.import_voyage_id, Call.etd, Voyage.carrier_voyage_number)
        .join(Voyage, Voyage.id == Call.voyage_id, isouter=True)
        .join(ServiceRow, ServiceRow.id == Voyage.service_id, isouter=True)
        .where((ServiceRow.code == case.service.code) | Call.voyage_id.is_(None))
        .order_by(Call.vessel_id, Call.sequence)).all()
    legs = dict(session.execute(select(Leg.from_call_id, Leg.id)).all())
    by_vessel: dict[int, list[Any]] = defaultdict(list)
    for c in calls:
        by_vessel[c.vessel_id].append(c)
    wanted = {(d.origin, d.destination) for d in case.demand}
    routes: dict[tuple[str, str], list[_Route]] = defaultdict(list)
    for stream in by_vessel.values():
        for i, pol in enumerate(stream):
            if pol.voyage_id is None:
                continue
            for pod in stream[i + 1:]:
                if pol.voyage_id not in (pod.voyage_id, pod.import_voyage_id):
                    break
                path = [legs.get(c.id) for c in stream[i:stream.index(pod)]]
                if (pol.locode, pod.locode) in wanted and None not in path:
                    routes[(pol.locode, pod.locode)].append(_Route(
                        pol.voyage_id, pol.carrier_voyage_number, pol.locode, pod.locode,
                        pol.id, pod.id, pol.etd,
                        tuple(x for x in path if x is not None)))
    return routes


def _shippers(session: Session, now: datetime) -> dict[str, list[int]]:
    """Three sample shippers per cargo (weights 5:3:1), created once per store."""
    have: dict[str, int] = {name: party_id for name, party_id in session.execute(
        select(Party.name, Party.id).where(Party.role == "shipper"))}
    pools: dict[str, list[int]] = {}
    for cargo in sample_mix():
        key = f"{cargo.direction}:{cargo.name}"
        pools[key] = []
        for k in ("A", "B", "C"):
            name = f"{cargo.name.capitalize()} exporter {cargo.direction[0].upper()}{k}"
            if name not in have:
                have[name] = add_party(session, name, "shipper", now)[0].id
            pools[key].append(have[name])
    return pools


def _draw(rng: np.random.Generator, direction: str, teu_per_week: float, origin: str
          ) -> list[dict[str, Any]]:
    mix = [c for c in sample_mix() if c.direction == direction]
    per_box = np.array([c.share_teu / equipment_types()[c.iso_type].teu for c in mix])
    chance = per_box / per_box.sum()
    drafts: list[dict[str, Any]] = []
    total = 0
    while total < teu_per_week:
        lines = [(mix[int(rng.choice(len(mix), p=chance))], int(rng.integers(1, 6)))]
        if rng.random() < 0.10:
            other = [c for c in mix if c is not lines[0][0]]
            lines.append((other[int(rng.integers(len(other)))], 1))
        teu = sum(equipment_types()[c.iso_type].teu * n for c, n in lines)
        drafts.append({"lines": lines, "teu": teu,
                       "state": STATES[int(rng.choice(len(STATES),
                                                      p=[p for _, p in STATES]))][0],
                       "pre": INLAND[int(rng.integers(len(INLAND)))]
                       if origin == "CNTAO" and rng.random() < 0.25 else None,
                       "pde": BEYOND[direction][int(rng.integers(5))]
                       if rng.random() < 0.06 else None,
                       "value_kind": float(rng.random()),
                       "weights": [float(rng.triangular(*c.cargo_t)) * n for c, n in lines],
                       "shipper": float(rng.random()), "ref": int(rng.integers(2**62))})
        if drafts[-1]["state"] in ("CONFIRMED", "RECEIVED"):
            total += teu
    return drafts


def _write(session: Session, route: _Route, drafts: Sequence[dict[str, Any]],
           shippers: dict[str, list[int]], now: datetime) -> None:
    if not drafts:
        return
    booking_rows = [_booking_row(route, d, shippers, now) for d in drafts]
    ids = session.execute(insert(_TABLES[Booking]).returning(
        _TABLES[Booking].c.id, sort_by_parameter_order=True), booking_rows).scalars().all()
    equipment_rows, line_facts = [], []
    for booking_id, d in zip(ids, drafts, strict=True):
        for (cargo, units), weight in zip(d["lines"], d["weights"], strict=True):
            kind = equipment_types()[cargo.iso_type]
            equipment_rows.append({
                "booking_id": booking_id, "iso_equipment_code": cargo.iso_type, "units": units,
                "teu": kind.teu, "cargo_gross_weight_t": round(weight, 3),
                "tare_weight_t": kind.tare_t, "is_operating_reefer": kind.is_reefer,
                "temperature_setpoint": cargo.setpoint_c,
                "temperature_unit": "CEL" if cargo.setpoint_c is not None else None,
                "hs_codes": [cargo.hs_code], "equipment_references": []})
            line_facts.append((booking_id, cargo, units, kind, round(weight, 3)))
    eq_ids = session.execute(insert(_TABLES[BookingEquipment]).returning(
        _TABLES[BookingEquipment].c.id, sort_by_parameter_order=True),
        equipment_rows).scalars().all()
    commodity_rows, dg_rows = [], []
    for eq_id, (booking_id, cargo, units, kind, weight) in zip(eq_ids, line_facts, strict=True):
        un = _un(cargo, route.etd)
        for share in split_line(units, kind.teu, weight, kind.is_reefer, [DeclaredCommodity(
                cargo.hs_code, cargo.commodity_type, weight, un is not None)]):
            commodity_rows.append({"booking_id": booking_id, "equipment_id": eq_id,
                                   "hs_code": share.hs_code,
                                   "commodity_type": share.commodity_type, "teu": share.teu,
                                   "containers": share.containers, "tonnes": share.tonnes,
                                   "is_dangerous": share.is_dangerous,
                                   "is_reefer": share.is_reefer})
        if un is not None:
            entry = dangerous_goods()[un]
            dg_rows.append({"equipment_id": eq_id, "un_number": un,
                            "imo_class": entry.imo_class,
                            "packing_group": entry.packing_groups[-1]
                            if entry.packing_groups else None,
                            "proper_shipping_name": entry.proper_shipping_name})
    session.execute(insert(_TABLES[BookingCommodity]), commodity_rows)
    if dg_rows:
        session.execute(insert(_TABLES[DangerousGoodsLine]), dg_rows)
    session.execute(insert(_TABLES[BookingLeg]), [
        {"booking_id": b, "leg_id": leg} for b in ids for leg in route.leg_ids])
    held = [r for r in booking_rows if r["holds_capacity"]]
    for leg_id in route.leg_ids:
        session.execute(update(Leg).where(Leg.id == leg_id).values(
            used_teu=Leg.used_teu + sum(r["teu"] for r in held),
            used_t=Leg.used_t + sum(r["weight_t"] for r in held),
            used_reefer_plugs=Leg.used_reefer_plugs + sum(r["reefer_plugs"] for r in held)))


def _un(cargo: SampleCargo, etd: datetime) -> str | None:
    if cargo.un_number == "UN3556" and etd.year < 2025:
        return "UN3171"
    return cargo.un_number


def _booking_row(route: _Route, d: dict[str, Any], shippers: dict[str, list[int]],
                 now: datetime) -> dict[str, Any]:
    first = d["lines"][0][0]
    pool = shippers[f"{first.direction}:{first.name}"]
    party = pool[0 if d["shipper"] < 5 / 9 else 1 if d["shipper"] < 8 / 9 else 2]
    value_cny = sum(c.value_cny_per_teu * equipment_types()[c.iso_type].teu * n
                    for c, n in d["lines"])
    currency = None if d["value_kind"] < 0.1 else \
        "USD" if d["value_kind"] < 0.4 or first.direction == "west" else "CNY"
    value = None if currency is None else round(
        value_cny / USD_CNY if currency == "USD" else value_cny, 2)
    tare = sum(equipment_types()[c.iso_type].tare_t * n for c, n in d["lines"])
    reefer = sum(n for c, n in d["lines"] if equipment_types()[c.iso_type].is_reefer)
    state = d["state"]
    reference = str(uuid.UUID(int=d["ref"] << 64 | zlib.crc32(route.voyage.encode()),
                              version=4))
    return {
        "carrier_booking_request_reference": reference,
        "carrier_booking_reference": f"TS{d['ref']:016X}"[:18] if state == "CONFIRMED"
        else None,
        "party_id": party, "idempotency_key": None, "idempotency_sha256": None,
        "status": state, "voyage_id": route.voyage_id, "pol_call_id": route.pol_call_id,
        "pod_call_id": route.pod_call_id, "teu": d["teu"],
        "weight_t": round(sum(d["weights"]) + tare, 3), "reefer_plugs": reefer,
        "is_dangerous": any(_un(c, route.etd) for c, _ in d["lines"]),
        "holds_capacity": state == "CONFIRMED", "declared_value": value,
        "declared_value_currency": currency, "place_of_receipt": d["pre"],
        "place_of_delivery": d["pde"], "document": _document(route, d, value, currency),
        "feedbacks": [], "created_at": now, "updated_at": now}


def _document(route: _Route, d: dict[str, Any], value: float | None,
              currency: str | None) -> dict[str, Any]:
    """A compact DCSA Booking 2.0 request matching the rows (kept like a real booking's)."""
    places = [("PRE", d["pre"]), ("POL", route.pol), ("POD", route.pod), ("PDE", d["pde"])]
    doc: dict[str, Any] = {
        "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
        "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
        "isEquipmentSubstitutionAllowed": False, "documentParties": {},
        "carrierExportVoyageNumber": route.voyage,
        "shipmentLocations": [{"location": {"UNLocationCode": code}, "locationTypeCode": kind}
                              for kind, code in places if code],
        "requestedEquipments": [
            {"ISOEquipmentCode": c.iso_type, "units": n, "isShipperOwned": False,
             "cargoGrossWeight": {"value": round(w * 1000), "unit": "KGM"},
             "commodities": [{"commodityType": c.commodity_type, "HSCodes": [c.hs_code]}]}
            for (c, n), w in zip(d["lines"], d["weights"], strict=True)]}
    if value is not None:
        doc["declaredValue"], doc["declaredValueCurrency"] = value, currency
    return doc
