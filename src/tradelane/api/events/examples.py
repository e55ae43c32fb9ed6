"""OpenAPI examples of the events request bodies (each is accepted as shown)."""

from __future__ import annotations

from typing import Any

_SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="  # base64 of 32 bytes
SUBSCRIBE: dict[str, Any] = {"arrivals": {
    "summary": "Arrivals and departures of one voyage (transport events)",
    "value": {"callbackUrl": "https://tms.example.com/dcsa/events?shipper=acme",
              "secret": _SECRET, "eventType": ["TRANSPORT"],
              "transportEventTypeCode": ["ARRI", "DEPA"], "exportVoyageNumber": "002E"}}}
CHANGE: dict[str, Any] = {"booking": {
    "summary": "Everything about one booking",
    "value": {"callbackUrl": "https://tms.example.com/dcsa/events?shipper=acme",
              "carrierBookingReference": "TLBCB9D4A1BE81"}}}
SECRET: dict[str, Any] = {"new-secret": {"summary": "A new shared secret (base64)",
                                         "value": {"secret": _SECRET}}}
ACTUAL: dict[str, Any] = {"late-arrival": {
    "summary": "The ship arrived late (weather)",
    "value": {"transportEventTypeCode": "ARRI", "eventDateTime": "2030-01-09T00:00:00Z",
              "delayReasonCode": "WEA", "changeRemark": "Gale in the Yellow Sea"}}}
