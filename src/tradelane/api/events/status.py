"""The JSON of a service's status (``GET /api/voyages/status``, the dashboard's voyage view):
each ship's calls with planned and best-known times, where each comes from (ACT, EST, PLN)
and the delay, and the sailings at risk, as ``app.voyage_status`` gives them."""

from __future__ import annotations

from typing import Any

from tradelane.app.voyage_status import CallStatus, ServiceStatus
from tradelane.store.events import dcsa_time


def status_document(status: ServiceStatus) -> dict[str, Any]:
    """The status of a service as JSON (times in ISO 8601 UTC)."""
    return {
        "service": status.service_code, "at": dcsa_time(status.at),
        "thresholdHours": status.threshold_h,
        "recorded": any(c.arrival_classifier != "PLN" or c.departure_classifier != "PLN"
                        for s in status.ships for c in s.calls),
        "ships": [{"vesselName": s.vessel_name, "delayHours": round(s.delay_h, 2),
                   "lastCall": _call(s.last_call) if s.last_call else None,
                   "nextCall": _call(s.next_call) if s.next_call else None,
                   "calls": [_call(c) for c in s.calls]} for s in status.ships],
        "atRisk": [{"voyage": r.voyage, "vesselName": r.vessel_name,
                    "UNLocationCode": r.locode, "plannedArrival": dcsa_time(r.planned_eta),
                    "estimatedArrival": dcsa_time(r.eta), "delayHours": round(r.delay_h, 2),
                    "bookings": r.bookings} for r in status.at_risk]}


def _call(c: CallStatus) -> dict[str, Any]:
    return {"UNLocationCode": c.locode, "transportCallSequenceNumber": c.sequence,
            "importVoyageNumber": c.import_voyage, "exportVoyageNumber": c.export_voyage,
            "plannedArrival": dcsa_time(c.planned_eta),
            "plannedDeparture": dcsa_time(c.planned_etd),
            "arrival": dcsa_time(c.eta), "arrivalClassifier": c.arrival_classifier,
            "departure": dcsa_time(c.etd), "departureClassifier": c.departure_classifier,
            "delayHours": round(c.delay_h, 2)}
