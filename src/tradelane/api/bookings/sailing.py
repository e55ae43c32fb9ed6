"""The sailing a booking names: its voyage, the POL and POD calls and the legs in between.

One query (built once) finds them all: the POL call of the export voyage, the ship's first
later call at the POD within that voyage (up to the end of its discharge ports), and one row
per call from the POL up to the POD with the leg that leaves it (``NULL`` where no leg is on
sale).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Select, and_, bindparam, func, or_, select
from sqlalchemy.orm import Session

from tradelane.api.bookings.schemas import BookingRequest
from tradelane.api.errors import ApiError
from tradelane.store.models import Call, Leg, ServiceRow, Voyage


@dataclass(frozen=True, slots=True)
class BookedSailing:
    """What a booking sails on (ids), with what its rules need of the POL call and voyage."""

    voyage_id: int
    auto_confirm: bool
    pol_call_id: int
    pol_etd: datetime
    pod_call_id: int
    leg_ids: tuple[int, ...]


def _query(by_service: bool) -> Select[Any]:
    calls = Call.__table__
    pol, pod, on, later = (calls.alias(n) for n in ("pol", "pod", "on_way", "later"))
    first_pod = (select(func.min(later.c.sequence))
                 .where(later.c.vessel_id == pol.c.vessel_id,
                        later.c.sequence > pol.c.sequence,
                        later.c.locode == bindparam("pod"),
                        or_(later.c.voyage_id == pol.c.voyage_id,
                            later.c.import_voyage_id == pol.c.voyage_id))
                 .scalar_subquery())
    query = (
        select(pol.c.id, pol.c.etd, Voyage.id, Voyage.auto_confirm, pod.c.id,
               pod.c.sequence - pol.c.sequence, Leg.id)
        .select_from(pol)
        .join(Voyage, pol.c.voyage_id == Voyage.id)
        .outerjoin(pod, and_(pod.c.vessel_id == pol.c.vessel_id,
                             pod.c.sequence == first_pod))
        .outerjoin(on, and_(on.c.vessel_id == pol.c.vessel_id,
                            on.c.sequence >= pol.c.sequence, on.c.sequence < pod.c.sequence))
        .outerjoin(Leg, Leg.from_call_id == on.c.id)
        .where(Voyage.carrier_voyage_number == bindparam("number"),
               pol.c.locode == bindparam("pol"))
        .order_by(pol.c.id, Leg.id))
    if by_service:
        query = (query.join(ServiceRow, Voyage.service_id == ServiceRow.id)
                 .where(ServiceRow.code == bindparam("service")))
    return query


_QUERIES = {by_service: _query(by_service) for by_service in (False, True)}
"""Built once: SQLAlchemy then finds their compiled form in its cache without rebuilding."""


def find_sailing(session: Session, request: BookingRequest, pol: str, pod: str) -> BookedSailing:
    """The sailing of ``request`` from ``pol`` to ``pod``, or a 400 naming what is wrong."""
    number = request.carrierExportVoyageNumber
    if not number:
        raise ApiError(400, "carrierExportVoyageNumber", None, "is required to choose the "
                       "sailing (see GET /v1/point-to-point-routes)")
    code = request.carrierServiceCode
    params = {"number": number, "pol": pol, "pod": pod} | ({"service": code} if code else {})
    rows = session.execute(_QUERIES[bool(code)], params).all()
    if len({row[0] for row in rows}) != 1:
        problem = (f"has no published call at {pol}" if not rows else
                   "is ambiguous; give carrierServiceCode")
        raise ApiError(400, "carrierExportVoyageNumber", number, problem)
    pol_call_id, etd, voyage_id, auto_confirm, pod_call_id, legs_needed, _ = rows[0]
    if pod_call_id is None:
        raise ApiError(400, "shipmentLocations.POD", pod, f"is not a published later call "
                       f"of voyage {number} from {pol}")
    leg_ids = tuple(row[6] for row in rows if row[6] is not None)
    if len(leg_ids) != legs_needed:
        raise ApiError(400, "shipmentLocations.POD", pod, "is reached over legs that are not "
                       "all on sale")
    return BookedSailing(voyage_id, auto_confirm, pol_call_id, etd, pod_call_id, leg_ids)
