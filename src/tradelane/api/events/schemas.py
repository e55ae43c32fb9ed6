"""Request and response bodies of ``/v2/event-subscriptions`` and the carrier's actuals."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal["SHIPMENT", "TRANSPORT", "EQUIPMENT"]
ShipmentCode = Literal["RECE", "DRFT", "PENA", "PENU", "REJE", "APPR", "ISSU", "SURR", "SUBM",
                       "VOID", "CONF", "REQS", "CMPL", "HOLD", "RELS"]
DocumentType = Literal["CBR", "BKG", "SHI", "SRM", "TRD", "ARN", "VGM", "CAS", "CUS", "DGD",
                       "OOG"]
TransportCode = Literal["ARRI", "DEPA"]
EquipmentCode = Literal["LOAD", "DISC", "GTIN", "GTOT", "STUF", "STRP", "PICK", "DROP", "INSP",
                        "RSEA", "RMVD"]
Text = Annotated[str, Field(min_length=1)]

_STRICT = ConfigDict(extra="forbid", strict=True)


class SubscriptionFilters(BaseModel):
    """The DCSA subscription body: the callback and the filters (AND between filters, OR
    within a list)."""

    model_config = _STRICT
    callbackUrl: Annotated[str, Field(min_length=1, max_length=2000)]
    eventType: list[EventType] | None = None
    shipmentEventTypeCode: list[ShipmentCode] | None = None
    documentTypeCode: list[DocumentType] | None = None
    carrierBookingReference: Annotated[Text | None, Field(max_length=35)] = None
    bookingReference: Annotated[Text | None, Field(max_length=35)] = None
    transportDocumentReference: Annotated[Text | None, Field(max_length=20)] = None
    transportEventTypeCode: list[TransportCode] | None = None
    transportCallID: Annotated[Text | None, Field(max_length=100)] = None
    vesselIMONumber: Annotated[Text | None, Field(max_length=7)] = None
    exportVoyageNumber: Annotated[Text | None, Field(max_length=50)] = None
    carrierVoyageNumber: Annotated[Text | None, Field(max_length=50)] = None
    carrierServiceCode: Annotated[Text | None, Field(max_length=5)] = None
    UNLocationCode: Annotated[Text | None, Field(max_length=5)] = None
    equipmentEventTypeCode: list[EquipmentCode] | None = None
    equipmentReference: Annotated[Text | None, Field(max_length=15)] = None

    def filters(self) -> dict[str, Any]:
        """The filters as stored (the body without the callback)."""
        return self.model_dump(exclude_none=True,
                               exclude={"callbackUrl", "secret", "subscriptionID"})


class NewSubscription(SubscriptionFilters):
    """``POST /v2/event-subscriptions``: the body with the shared ``secret`` (base64; the
    HMAC key of ``Notification-Signature`` is its bytes)."""

    secret: Annotated[str, Field(min_length=1, max_length=1000)]


class ChangedSubscription(SubscriptionFilters):
    """``PUT /v2/event-subscriptions/{subscriptionID}``: the whole subscription again, without
    the secret (change it with ``PUT …/secret``)."""

    subscriptionID: str | None = None


class NewSecret(BaseModel):
    """``PUT /v2/event-subscriptions/{subscriptionID}/secret``."""

    model_config = _STRICT
    secret: Annotated[str, Field(min_length=1, max_length=1000)]


class Subscription(SubscriptionFilters):
    """A subscription as returned, with the delivery status (tradelane extension: ACTIVE, or
    SUSPENDED when deliveries gave up; a PUT re-activates it)."""

    model_config = ConfigDict(extra="forbid")
    subscriptionID: str
    deliveryStatus: Literal["ACTIVE", "SUSPENDED"]
    deliveryStatusReason: str | None = None


class ActualBody(BaseModel):
    """An actual arrival or departure (tradelane extension): DCSA transport event fields."""

    model_config = ConfigDict(extra="forbid")
    transportEventTypeCode: TransportCode
    eventDateTime: datetime
    delayReasonCode: Annotated[str | None, Field(min_length=1, max_length=3)] = None
    changeRemark: Annotated[str | None, Field(max_length=250)] = None


class EstimateOut(BaseModel):
    """A later call's new estimate."""

    UNLocationCode: str
    transportCallSequenceNumber: int
    exportVoyageNumber: str
    plannedArrival: str
    estimatedArrival: str
    plannedDeparture: str
    estimatedDeparture: str
    delayHours: float


class RecordedOut(BaseModel):
    """What recording an actual did."""

    eventID: str
    vesselName: str
    estimates: list[EstimateOut]
    estimatedEventIDs: list[str]
    notifiedBookings: list[str]
