"""Build the DCSA schedule documents from published calls."""

from __future__ import annotations

from typing import Any

from tradelane.api.schedules.operations import CallView, iso, timestamps


def ovs_service_schedule(code: str, name: str, vessels: dict[str, list[CallView]],
                         operator_code: str) -> dict[str, Any]:
    """An OVS 3.0 ``ServiceSchedule``."""
    return {"carrierServiceName": name, "carrierServiceCode": code, "vesselSchedules": [
        {"vesselOperatorSMDGLinerCode": operator_code, "vesselIMONumber": _imo(calls),
         "vesselName": vessel[:35], "isDummyVessel": calls[0].vessel.is_placeholder,
         "transportCalls": [_ovs_call(v) for v in calls]}
        for vessel, calls in vessels.items()]}


def _imo(calls: list[CallView]) -> str:
    return calls[0].vessel.imo_number or ""


def _ovs_call(v: CallView) -> dict[str, Any]:
    return {"transportCallReference": v.ref, "carrierImportVoyageNumber": v.import_voyage,
            "carrierExportVoyageNumber": v.export_voyage,
            "location": {"locationType": "UNLO", "UNLocationCode": v.call.locode},
            "timestamps": timestamps(v.call)}


def cs_service_schedule(code: str, name: str, vessels: dict[str, list[CallView]]
                        ) -> dict[str, Any]:
    """A Commercial Schedules 1.0 ``ServiceSchedule`` (vessel schedules)."""
    return {"carrierServiceName": name, "carrierServiceCode": code, "vesselSchedules": [
        {"vessel": {"vesselIMONumber": _imo(calls), "name": vessel},
         "isDummyVessel": calls[0].vessel.is_placeholder,
         "transportCalls": [
             {"transportCallReference": v.ref, "carrierImportVoyageNumber": v.import_voyage,
              "carrierExportVoyageNumber": v.export_voyage,
              "location": {"UNLocationCode": v.call.locode}, "timestamps": timestamps(v.call)}
             for v in calls]}
        for vessel, calls in vessels.items()]}


def port_schedule(locode: str, calls: list[CallView]) -> dict[str, Any]:
    """A Commercial Schedules 1.0 ``PortSchedule`` of one port."""
    return {"location": {"UNLocationCode": locode}, "vesselSchedules": [
        {"servicePartners": [{
            "carrierServiceName": v.service.name,
            "carrierServiceCode": v.service.code,
            "carrierImportVoyageNumber": v.import_voyage,
            "carrierExportVoyageNumber": v.export_voyage}],
         "vessel": {"vesselIMONumber": v.vessel.imo_number or "", "name": v.vessel.name},
         "isDummyVessel": v.vessel.is_placeholder, "timestamps": timestamps(v.call)}
        for v in calls]}


def point_to_point(number: int, pol: CallView, pod: CallView, between: list[CallView]
                   ) -> dict[str, Any]:
    """A direct Commercial Schedules 1.0 ``PointToPoint`` route on one ship."""
    transport = {"modeOfTransport": "VESSEL", "transportCallReference": pol.ref,
                 "servicePartners": [{"carrierServiceName": pol.service.name,
                                      "carrierServiceCode": pol.service.code,
                                      "carrierImportVoyageNumber": pol.import_voyage,
                                      "carrierExportVoyageNumber": pol.export_voyage}],
                 "vessel": {"vesselIMONumber": pol.vessel.imo_number or "",
                            "name": pol.vessel.name}}
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
