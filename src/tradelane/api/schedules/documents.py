"""Build the DCSA schedule documents from published calls."""

from __future__ import annotations

from typing import Any

from tradelane.api.schedules.operations import CallView, iso, timestamps


def ovs_service_schedule(code: str, name: str, vessels: dict[str, list[CallView]],
                         operator_code: str) -> dict[str, Any]:
    """An OVS 3.0 ``ServiceSchedule``."""
    return {"carrierServiceName": name, "carrierServiceCode": code, "vesselSchedules": [
        {"vesselOperatorSMDGLinerCode": operator_code, "vesselIMONumber": _imo(calls),
         "vesselName": vessel[:35], "isDummyVessel": False,
         "transportCalls": [_ovs_call(v) for v in calls]}
        for vessel, calls in vessels.items()]}


def _imo(calls: list[CallView]) -> str:
    return calls[0].call.voyage.vessel.imo_number or ""


def _ovs_call(v: CallView) -> dict[str, Any]:
    return {"transportCallReference": v.ref, "carrierImportVoyageNumber": v.import_voyage,
            "carrierExportVoyageNumber": v.call.voyage.carrier_voyage_number,
            "location": {"locationType": "UNLO", "UNLocationCode": v.call.locode},
            "timestamps": timestamps(v.call)}


def cs_service_schedule(code: str, name: str, vessels: dict[str, list[CallView]]
                        ) -> dict[str, Any]:
    """A Commercial Schedules 1.0 ``ServiceSchedule`` (vessel schedules)."""
    return {"carrierServiceName": name, "carrierServiceCode": code, "vesselSchedules": [
        {"vessel": {"vesselIMONumber": _imo(calls), "name": vessel}, "isDummyVessel": False,
         "transportCalls": [
             {"transportCallReference": v.ref, "carrierImportVoyageNumber": v.import_voyage,
              "carrierExportVoyageNumber": v.call.voyage.carrier_voyage_number,
              "location": {"UNLocationCode": v.call.locode}, "timestamps": timestamps(v.call)}
             for v in calls]}
        for vessel, calls in vessels.items()]}


def port_schedule(locode: str, calls: list[CallView]) -> dict[str, Any]:
    """A Commercial Schedules 1.0 ``PortSchedule`` of one port."""
    return {"location": {"UNLocationCode": locode}, "vesselSchedules": [
        {"servicePartners": [{
            "carrierServiceName": v.call.voyage.service.name,
            "carrierServiceCode": v.call.voyage.service.code,
            "carrierImportVoyageNumber": v.import_voyage,
            "carrierExportVoyageNumber": v.call.voyage.carrier_voyage_number}],
         "vessel": {"vesselIMONumber": v.call.voyage.vessel.imo_number or "",
                    "name": v.call.voyage.vessel.name},
         "isDummyVessel": False, "timestamps": timestamps(v.call)} for v in calls]}


def point_to_point(number: int, pol: CallView, pod: CallView, between: list[CallView]
                   ) -> dict[str, Any]:
    """A direct Commercial Schedules 1.0 ``PointToPoint`` route on one ship."""
    voyage = pol.call.voyage
    transport = {"modeOfTransport": "VESSEL", "transportCallReference": pol.ref,
                 "servicePartners": [{"carrierServiceName": voyage.service.name,
                                      "carrierServiceCode": voyage.service.code,
                                      "carrierImportVoyageNumber": pol.import_voyage,
                                      "carrierExportVoyageNumber": voyage.carrier_voyage_number}],
                 "vessel": {"vesselIMONumber": voyage.vessel.imo_number or "",
                            "name": voyage.vessel.name}}
    days = (pod.call.eta - pol.call.etd).total_seconds() / 86400
    return {
        "placeOfReceipt": _place(pol, pol.call.etd),
        "placeOfDelivery": _place(pod, pod.call.eta),
        "solutionNumber": number, "transitTime": round(days),
        "legs": [{"sequenceNumber": 1, "transport": transport,
                  "departure": {**_place(pol, pol.call.etd), "transportCallReference": pol.ref},
                  "intermediateCalls": [
                      {"transportCallReference": v.ref, "facilityTypeCode": "POTE",
                       "location": {"UNLocationCode": v.call.locode},
                       "arrivalDateTime": iso(v.call.eta), "departureDateTime": iso(v.call.etd)}
                      for v in between],
                  "arrival": {**_place(pod, pod.call.eta), "transportCallReference": pod.ref}}],
    }


def _place(v: CallView, moment: Any) -> dict[str, Any]:
    return {"facilityTypeCode": "POTE", "location": {"UNLocationCode": v.call.locode},
            "dateTime": iso(moment)}
