"""Request bodies of ``/api/vehicles``: bounded, and without any server-owned field (a body
that sends ``sha256``, ``sequence`` or ``recorded_at`` is refused as an unknown field)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Step = Literal["PURCHASE", "TRANSFER_REGISTRATION", "INSPECTION", "DEREGISTRATION",
               "EXPORT_BOOKING", "LOADED", "AFTER_SALES"]
Powertrain = Literal["ICE", "HEV", "PHEV", "BEV", "FCEV"]


class VehicleIn(BaseModel):
    """A vehicle to register (dealers only)."""

    model_config = ConfigDict(extra="forbid")
    vin: str = Field(max_length=40, description="ISO 3779 VIN, 17 characters.")
    make: str = Field(min_length=1, max_length=50)
    model: str = Field(min_length=1, max_length=50)
    year: int = Field(ge=1950, le=2100, description="Model year.")
    powertrain: Powertrain = Field(
        default="ICE", description="A BEV's export booking must declare UN3556 (or UN3171).")


class DocumentIn(BaseModel):
    """A document by reference and the SHA-256 digest of its file (never the file)."""

    model_config = ConfigDict(extra="forbid")
    ref: str = Field(min_length=1, max_length=200)
    sha256: str = Field(pattern=r"^[0-9a-fA-F]{64}$", description="64 hexadecimal digits.")


class EventIn(BaseModel):
    """A step of the chain; the role of the caller's key must own the step."""

    model_config = ConfigDict(extra="forbid")
    step: Step
    time: datetime = Field(description="When the step happened (with a UTC offset).")
    place: str = Field(min_length=1, max_length=100, description="UN/LOCODE or a place name.")
    documents: list[DocumentIn] = Field(default_factory=list, max_length=20)
    booking: str | None = Field(default=None, max_length=100, description=(
        "EXPORT_BOOKING: the exporter's booking (carrier booking or request reference)."))
    container: str | None = Field(default=None, max_length=20,
                                  description="ISO 6346 container number.")
    inspection: Literal["PASS", "FAIL"] | None = Field(
        default=None, description="INSPECTION only: the result.")
