"""The Booking 2.0 request as far as tradelane reads it; every other DCSA field is kept as sent.

Field names are DCSA's (camelCase). Unknown fields are allowed and stored with the booking,
except the fields the carrier sets (``CARRIER_FIELDS``), which a request may not carry. Types are
strict: no string or boolean where DCSA says number, no number where it says string, no NaN or
infinity; every string is free of control characters and the document is at most
``MAX_DEPTH`` levels deep.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from tradelane.api.errors import ApiError

CARRIER_FIELDS = ("carrierBookingRequestReference", "carrierBookingReference", "bookingStatus",
                  "amendedBookingStatus", "bookingCancellationStatus", "feedbacks")
"""Booking fields DCSA has the carrier set; a shipper's request carrying one is refused."""
MAX_DEPTH = 32
"""Deepest nesting of objects and arrays a request body may have."""
_BAD_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""Control characters (but tab, line feed, carriage return) and lone surrogates."""


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow", strict=True, allow_inf_nan=False)


def check_text(value: Any, path: str = "", depth: int = 0) -> None:
    """Refuse control characters, unpaired surrogates and nesting deeper than MAX_DEPTH
    anywhere in ``value`` (a parsed JSON document), naming the first offending field."""
    if depth > MAX_DEPTH:
        raise ApiError(400, path or "body", "(nested)", f"is nested deeper than {MAX_DEPTH} "
                       "levels")
    if isinstance(value, str):
        if _BAD_TEXT.search(value):
            raise ApiError(400, path or "body", value[:40].encode("unicode_escape").decode(),
                           "contains a control character or an unpaired surrogate")
    elif isinstance(value, dict):
        for key, item in value.items():
            check_text(key, path, depth + 1)
            check_text(item, f"{path}.{key}" if path else str(key), depth + 1)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            check_text(item, f"{path}[{i}]", depth + 1)


class Weight(_Open):
    """A weight with its DCSA unit (KGM or LBR)."""

    value: float = Field(gt=0, le=1e9)
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


class BookingContent(_Open):
    """The fields of a DCSA Booking 2.0 request tradelane reads (required fields enforced)."""

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
    declaredValue: float | None = Field(default=None, ge=0, le=1e15)
    declaredValueCurrency: str | None = Field(default=None, pattern=r"^[A-Z]{3}$")

    @model_validator(mode="after")
    def _value_has_currency(self) -> BookingContent:
        if (self.declaredValue is None) != (self.declaredValueCurrency is None):
            raise ApiError(400, "declaredValueCurrency", self.declaredValueCurrency,
                           "is mandatory with declaredValue and empty without it "
                           "(DCSA Booking 2.0)")
        return self

    def place(self, code: str) -> str | None:
        """The UN/LOCODE of the shipment location of type ``code`` (``PRE``, ``PDE``), if
        given as five letters or digits."""
        for loc in self.shipmentLocations:
            value = loc.location.UNLocationCode
            if loc.locationTypeCode == code and value and len(value) == 5 and value.isalnum():
                return value.upper()
        return None


class BookingRequest(BookingContent):
    """``CreateBooking`` / ``UpdateBooking`` of DCSA Booking 2.0, as a shipper sends it."""

    @model_validator(mode="before")
    @classmethod
    def _shipper_fields_only(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for name in CARRIER_FIELDS:
                if name in data:
                    raise ApiError(400, name, _shown(data[name]), "is set by the carrier, "
                                   "not in a booking request (DCSA Booking 2.0)")
            check_text(data)
        return data


def _shown(value: Any) -> Any:
    return value if isinstance(value, str | int | float | bool) else "(" + type(value).__name__ \
        .replace("dict", "object").replace("list", "array") + ")"


class Feedback(_Open):
    """A warning or decision note on a booking (``feedbacks``)."""

    severity: Literal["INFO", "WARN", "ERROR"]
    code: str
    message: str


class BookingDocument(BookingContent):
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


class DeskLeg(BaseModel):
    """A leg a booking sails on, with the capacity still free on it."""

    legId: int
    from_: str = Field(alias="from")
    to: str
    departureDateTime: str
    arrivalDateTime: str
    TEULeft: int
    tonnesLeft: float
    reeferPlugsLeft: int


class BookingSummary(BaseModel):
    """One booking in ``GET /v2/bookings`` (a tradelane extension): what the desk decides on."""

    carrierBookingRequestReference: str
    carrierBookingReference: str | None = None
    bookingStatus: str
    shipper: str
    carrierServiceCode: str
    carrierExportVoyageNumber: str
    POL: str
    POD: str
    departureDateTime: str
    arrivalDateTime: str
    TEU: int
    grossWeightTonnes: float
    reeferPlugs: int
    isDangerous: bool
    receivedDateTime: str
    updatedDateTime: str
    feedbacks: list[Feedback] = []
    legs: list[DeskLeg]
