"""What the published sailings carry: legs with capacity and load, and the bookings on them.

Read-only queries for the dashboard. ``party_id=None`` reads every booking (the carrier);
a shipper's id restricts the load and the bookings to its own, so a shipper never learns what
others booked.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from tradelane.store.models import Booking, BookingLeg, Call, Leg, Party, Voyage

HOLDING = "CONFIRMED"
"""The state in which a booking holds leg capacity."""


@dataclass(frozen=True, slots=True)
class LegUsage:
    """One published leg: its sailing, capacity and the load of the bookings visible."""

    leg_id: int
    voyage: str
    vessel_name: str
    from_locode: str
    to_locode: str
    etd: datetime
    eta: datetime
    capacity_teu: int
    capacity_t: float
    reefer_plugs: int
    used_teu: int
    used_t: float
    used_reefer_plugs: int
    dg_teu: int


@dataclass(frozen=True, slots=True)
class BookingLine:
    """One booking as the dashboard lists it (``lines``: TEU and HS codes per equipment line)."""

    reference: str
    shipper: str
    status: str
    voyage: str
    pol: str
    pod: str
    etd: datetime
    teu: int
    weight_t: float
    reefer_plugs: int
    is_dangerous: bool
    lines: tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]  # teu, HS codes, types


def leg_loads(session: Session, party_id: int | None) -> list[LegUsage]:
    """Every published leg in departure order, loaded with the visible confirmed bookings,
    once under each voyage that sails it: the export voyage of the call it leaves and the
    import voyage of the call it reaches (the leg Savannah → Charleston carries the eastbound
    voyage's cargo for Charleston and the westbound voyage's cargo loaded at Savannah)."""
    frm, to = aliased(Call), aliased(Call)
    rows = session.execute(
        select(Leg, frm, to).join(frm, Leg.from_call_id == frm.id)
        .join(to, Leg.to_call_id == to.id).order_by(frm.etd, Leg.id)).all()
    load = _booked_load(session, party_id)
    out: list[LegUsage] = []
    for leg, a, b in rows:
        teu, t, plugs, dg = load.get(leg.id, (0, 0.0, 0, 0))
        if party_id is None:
            teu, t, plugs = leg.used_teu, leg.used_t, leg.used_reefer_plugs
        voyages = {v.id: v for v in (a.voyage, b.import_voyage) if v is not None}
        out.extend(LegUsage(leg.id, v.carrier_voyage_number, a.vessel.name, a.locode, b.locode,
                           a.etd, b.eta, leg.capacity_teu, leg.capacity_t, leg.reefer_plugs,
                           teu, round(t, 3), plugs, dg) for v in voyages.values())
    return out


def _booked_load(session: Session, party_id: int | None
                 ) -> dict[int, tuple[int, float, int, int]]:
    query = (select(BookingLeg.leg_id, Booking).join(Booking, BookingLeg.booking_id == Booking.id)
             .where(Booking.status == HOLDING))
    if party_id is not None:
        query = query.where(Booking.party_id == party_id)
    sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0, 0])
    for leg_id, b in session.execute(query).all():
        s = sums[leg_id]
        s[0] += b.teu
        s[1] += b.weight_t
        s[2] += b.reefer_plugs
        s[3] += b.teu if b.is_dangerous else 0
    return {k: (int(v[0]), v[1], int(v[2]), int(v[3])) for k, v in sums.items()}


def booking_lines(session: Session, party_id: int | None, voyage: str | None = None
                  ) -> list[BookingLine]:
    """Bookings visible to the party (all for ``None``), optionally of one voyage number."""
    pol, pod = aliased(Call), aliased(Call)
    query = (select(Booking, Party.name, Voyage.carrier_voyage_number, pol, pod)
             .join(Party, Booking.party_id == Party.id)
             .join(Voyage, Booking.voyage_id == Voyage.id)
             .join(pol, Booking.pol_call_id == pol.id).join(pod, Booking.pod_call_id == pod.id)
             .order_by(pol.etd, Booking.id))
    if party_id is not None:
        query = query.where(Booking.party_id == party_id)
    if voyage is not None:
        query = query.where(Voyage.carrier_voyage_number == voyage)
    return [BookingLine(b.carrier_booking_request_reference, name, b.status, number,
                        a.locode, z.locode, a.etd, b.teu, round(b.weight_t, 3), b.reefer_plugs,
                        b.is_dangerous, _lines(b))
            for b, name, number, a, z in session.execute(query).all()]


def _lines(b: Booking) -> tuple[tuple[int, tuple[str, ...], tuple[str, ...]], ...]:
    sent = b.document.get("requestedEquipments", [])
    out = []
    for i, eq in enumerate(b.equipments):
        commodities = sent[i].get("commodities", []) if i < len(sent) else []
        types = tuple(str(c.get("commodityType", "")) for c in commodities)
        out.append((eq.units * eq.teu, tuple(str(h) for h in eq.hs_codes), types))
    return tuple(out)
