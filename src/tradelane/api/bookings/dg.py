"""The dangerous-goods check of one declared line against the shipped list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradelane.api.bookings.schemas import Commodity, DangerousGoods
from tradelane.api.errors import ApiError
from tradelane.data.cargo import dangerous_goods

UN3556_ONLY_FROM = date(2026, 1, 1)
"""From this sailing date lithium-ion vehicles must be UN3556; UN3171 is refused for them."""
ELECTRIC_VEHICLE_HS = ("870380", "870360", "870370", "871160")
"""HS subheadings of vehicles driven by (or with) lithium-ion traction batteries."""


@dataclass(frozen=True, slots=True)
class DGLine:
    """A declared dangerous-goods line, checked against the shipped list."""

    un_number: str
    imo_class: str
    packing_group: int | None
    proper_shipping_name: str


def check_dg(d: DangerousGoods, path: str, commodity: Commodity, sailing: date) -> DGLine:
    """The checked DG line, or ApiError(400) naming the field."""
    if d.UNNumber is None:
        raise ApiError(400, f"{path}.UNNumber", d.NANumber, "is required (NA numbers are "
                       "not accepted on this ocean service)")
    un = "UN" + d.UNNumber
    entry = dangerous_goods().get(un)
    if entry is None:
        raise ApiError(400, f"{path}.UNNumber", d.UNNumber, "is not on the carrier's "
                       "dangerous-goods list")
    if d.imoClass != entry.imo_class:
        raise ApiError(400, f"{path}.imoClass", d.imoClass,
                       f"does not match {un} (class {entry.imo_class})")
    if d.packingGroup is not None and d.packingGroup not in entry.packing_groups:
        allowed = "/".join(map(str, entry.packing_groups)) or "none"
        raise ApiError(400, f"{path}.packingGroup", d.packingGroup,
                       f"does not match {un} (packing group {allowed})")
    if entry.valid_from is not None and sailing < entry.valid_from:
        raise ApiError(400, f"{path}.UNNumber", d.UNNumber,
                       f"may be used only for sailings from {entry.valid_from.isoformat()} "
                       f"(this sailing is on {sailing.isoformat()}; use UN3171)")
    if un == "UN3171" and sailing >= UN3556_ONLY_FROM and _lithium_ion_vehicle(d, commodity):
        raise ApiError(400, f"{path}.UNNumber", d.UNNumber,
                       f"is not allowed for lithium-ion vehicles sailing from "
                       f"{UN3556_ONLY_FROM.isoformat()} (declare UN3556)")
    return DGLine(un, entry.imo_class, d.packingGroup, entry.proper_shipping_name)


def _lithium_ion_vehicle(d: DangerousGoods, commodity: Commodity) -> bool:
    text = " ".join(filter(None, (d.properShippingName, d.technicalName,
                                  commodity.commodityType))).lower()
    if "lithium" in text and ("ion" in text or "li-ion" in text):
        return True
    return any(h.startswith(ELECTRIC_VEHICLE_HS) for h in commodity.HSCodes)
