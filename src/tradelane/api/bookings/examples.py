"""Request examples shown in ``/openapi.json`` (and so in ``/docs`` and ``/redoc``).

The booking: Qingdao → Savannah, one 40' of lithium-ion batteries (UN3480, class 9) and one
40' high-cube reefer at −18 °C. Take ``carrierExportVoyageNumber`` from
``GET /v1/point-to-point-routes?placeOfReceipt=CNTAO&placeOfDelivery=USSAV``.
"""

from __future__ import annotations

from typing import Any

BOOKING: dict[str, Any] = {
    "receiptTypeAtOrigin": "CY", "deliveryTypeAtDestination": "CY",
    "cargoMovementTypeAtOrigin": "FCL", "cargoMovementTypeAtDestination": "FCL",
    "isEquipmentSubstitutionAllowed": False,
    "documentParties": {"bookingAgent": {"partyName": "Acme Batteries"}},
    "carrierServiceCode": "SUE", "carrierExportVoyageNumber": "003E",
    "shipmentLocations": [
        {"location": {"UNLocationCode": "CNTAO"}, "locationTypeCode": "POL"},
        {"location": {"UNLocationCode": "USSAV"}, "locationTypeCode": "POD"}],
    "requestedEquipments": [
        {"ISOEquipmentCode": "42G1", "units": 1, "isShipperOwned": False,
         "cargoGrossWeight": {"value": 18000, "unit": "KGM"},
         "commodities": [{
             "commodityType": "Lithium-ion batteries", "HSCodes": ["850760"],
             "outerPackaging": {"dangerousGoods": [{
                 "UNNumber": "3480", "imoClass": "9",
                 "properShippingName": "LITHIUM ION BATTERIES"}]}}]},
        {"ISOEquipmentCode": "45R1", "units": 1, "isShipperOwned": False,
         "activeReeferSettings": {"temperatureSetpoint": -18, "temperatureUnit": "CEL"},
         "cargoGrossWeight": {"value": 22000, "unit": "KGM"},
         "commodities": [{"commodityType": "Frozen seafood", "HSCodes": ["030389"]}]}],
}
"""A booking CNTAO → USSAV with a battery container and a reefer."""

OPENAPI_BOOKING = {"battery-and-reefer": {
    "summary": "Qingdao → Savannah: 40' of Li-ion batteries (UN3480) and a 40' reefer",
    "description": "Take carrierExportVoyageNumber from GET /v1/point-to-point-routes.",
    "value": BOOKING}}
OPENAPI_CANCEL = {"cancel": {"summary": "Cancel the booking",
                             "value": {"bookingStatus": "CANCELLED",
                                       "reason": "Order withdrawn by the consignee"}}}
OPENAPI_DECLINE = {"decline": {"summary": "Decline with a reason",
                               "value": {"reason": "No reefer plugs left on this sailing"}}}
