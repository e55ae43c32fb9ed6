"""The Booking 2.0 request as far as tradelane reads it; every other DCSA field is kept as sent.

Field names are DCSA's (camelCase). Unknown fields are allowed and stored with the booking.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Weight(_Open):
    """A weight with its DCSA unit (KGM or LBR)."""

    value: float = Field(gt=0)
    unit: Literal["KGM", "LBR"]

    def tonnes(self) -> float:
        """The weight in tonnes."""
        return self.value / 1000 if self.unit == "KGM" else self.value * 0.45359237 / 1000


class ReeferSettings(_Open):
    """``activeReeferSettings``: set point and unit (CEL or FAH)."""

    temperatureSetpoint: float
    temperatureUnit: Literal["CEL", "FAH"]


class DangerousGoods(_Open):
    """One dangerous-goods line of an outer packaging."""

    UNNumber: str | None = Field(default=None, pattern=r"^\d{4}$")
    NANumber: str | None = Field(default=None, pattern=r"^\d{4}$")
    properShippingName: str = Field(min_length=1, max_length=250)
    technicalName: str | None = None
    imoClass: str = Field(min_length=1, max_length=4)
    packingGroup: int | None = Field(default=None, ge=1, le=3)


class OuterPackaging(_Open):
    """Outer packaging; tradelane reads its dangerous goods."""

    dangerousGoods: list[DangerousGoods] = []


class Commodity(_Open):
    """A commodity of an equipment line."""

    commodityType: str = Field(min_length=1, max_length=550)
    HSCodes: list[str] = []
    cargoGrossWeight: Weight | None = None
    outerPackaging: OuterPackaging | None = None


class RequestedEquipment(_Open):
    """A requested-equipment line: ISO size-type code, units, weight, reefer, commodities."""

    ISOEquipmentCode: str = Field(min_length=1, max_length=4)
    units: int = Field(ge=1, le=10_000)
    isShipperOwned: bool
    isNonOperatingReefer: bool = False
    activeReeferSettings: ReeferSettings | None = None
    cargoGrossWeight: Weight | None = None
    tareWeight: Weight | None = None
    equipmentReferences: list[str] = []
    commodities: list[Commodity] = []


class Location(_Open):
    """A location; tradelane needs its UN/LOCODE."""

    UNLocationCode: str | None = None


class ShipmentLocation(_Open):
    """A shipment location with its type code (POL, POD, PRE, PDE, …)."""

    location: Location
    locationTypeCode: str = Field(min_length=1, max_length=3)


class Vessel(_Open):
    """The vessel the shipper names (optional)."""

    name: str = Field(min_length=1, max_length=50)
    vesselIMONumber: str | None = Field(default=None, pattern=r"^\d{7,8}$")


class BookingRequest(_Open):
    """``CreateBooking`` / ``UpdateBooking`` of DCSA Booking 2.0 (required fields enforced)."""

    receiptTypeAtOrigin: Literal["CY", "SD", "CFS"]
    deliveryTypeAtDestination: Literal["CY", "SD", "CFS"]
    cargoMovementTypeAtOrigin: str = Field(min_length=1, max_length=3)
    cargoMovementTypeAtDestination: str = Field(min_length=1, max_length=3)
    isEquipmentSubstitutionAllowed: bool
    documentParties: dict[str, Any]
    shipmentLocations: list[ShipmentLocation] = Field(min_length=1)
    requestedEquipments: list[RequestedEquipment] = Field(min_length=1)
    carrierServiceCode: str | None = Field(default=None, max_length=11)
    carrierExportVoyageNumber: str | None = Field(default=None, max_length=50)
    vessel: Vessel | None = None


class Feedback(_Open):
    """A warning or decision note on a booking (``feedbacks``)."""

    severity: Literal["INFO", "WARN", "ERROR"]
    code: str
    message: str


class BookingDocument(BookingRequest):
    """The DCSA ``Booking``: the request as sent plus references, status and feedbacks."""

    carrierBookingRequestReference: str
    bookingStatus: Literal["RECEIVED", "UPDATE_RECEIVED", "CONFIRMED", "DECLINED", "REJECTED",
                           "CANCELLED"]
    carrierBookingReference: str | None = None
    feedbacks: list[Feedback] = []


class CancelRequest(_Open):
    """``PATCH`` body: ``bookingStatus: CANCELLED`` and an optional reason."""

    bookingStatus: Literal["CANCELLED"]
    reason: str | None = Field(default=None, max_length=500)


class CreateBookingResponse(BaseModel):
    """``202`` body of ``POST /v2/bookings``."""

    carrierBookingRequestReference: str


class DecisionRequest(BaseModel):
    """Body of our ``/confirm`` and ``/decline`` extensions (reason optional)."""

    reason: str | None = Field(default=None, max_length=500)
