"""Booking rules that need no database: equipment, weights, reefers, dangerous goods, cut-offs.

Each refusal is an ``ApiError`` (400) naming the DCSA field (as a JSON path) and its value.
Check-digit failures of container and IMO numbers are warnings, not refusals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from stdnum import imo, iso6346

from tradelane.api.bookings.dg import DGLine, check_dg
from tradelane.api.bookings.limits import check_gross_mass, check_setpoint
from tradelane.api.bookings.schemas import BookingRequest, Commodity, RequestedEquipment
from tradelane.api.errors import ApiError
from tradelane.data.cargo import equipment_types
from tradelane.data.reference import ReferenceData
from tradelane.domain.cargo import CargoLoad
from tradelane.domain.trade import CommodityShare, DeclaredCommodity, split_line

CUT_OFF_H = {"dangerous goods": 72, "reefer": 24, "full container": 24}
"""Hours before ETD at the port of loading after which a booking is refused (case brief ★)."""
LITHIUM_ION_BATTERY_HS = ("850760",)
"""HS subheadings of lithium-ion accumulators: such cargo must be declared as DG."""
_CONTAINER = re.compile(r"^[A-Z]{3}[UJZR]\d{7}$")
_HS = re.compile(r"^\d{6,10}$")


@dataclass(frozen=True, slots=True)
class EquipmentLine:
    """A requested-equipment line with its slots, weights and declared DG."""

    iso_code: str
    units: int
    teu: int
    cargo_gross_weight_t: float
    tare_weight_t: float
    is_operating_reefer: bool
    temperature_setpoint: float | None
    temperature_unit: str | None
    hs_codes: tuple[str, ...]
    equipment_references: tuple[str, ...]
    dg_lines: tuple[DGLine, ...]
    commodities: tuple[CommodityShare, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckedCargo:
    """The cargo of a booking after every rule: lines, load per leg, flags and warnings."""

    lines: tuple[EquipmentLine, ...]
    load: CargoLoad
    is_dangerous: bool
    has_reefer: bool
    warnings: tuple[str, ...]


def ports(request: BookingRequest, ref: ReferenceData) -> tuple[str, str]:
    """The port of loading and port of discharge (``shipmentLocations`` POL and POD)."""
    found: dict[str, str] = {}
    for i, loc in enumerate(request.shipmentLocations):
        if loc.locationTypeCode in ("POL", "POD"):
            path = f"shipmentLocations[{i}].location.UNLocationCode"
            if loc.locationTypeCode in found:
                raise ApiError(400, f"shipmentLocations[{i}].locationTypeCode",
                               loc.locationTypeCode, "appears twice (a booking has one port "
                               "of loading and one port of discharge)")
            if not loc.location.UNLocationCode:
                raise ApiError(400, path, None, f"is required for the {loc.locationTypeCode}")
            found[loc.locationTypeCode] = _locode(ref, loc.location.UNLocationCode, path)
    for code in ("POL", "POD"):
        if code not in found:
            raise ApiError(400, "shipmentLocations", code, "needs a location with this "
                           "locationTypeCode and a UNLocationCode")
    if found["POL"] == found["POD"]:
        raise ApiError(400, "shipmentLocations", found["POD"], "POD must differ from the POL")
    return found["POL"], found["POD"]


def _locode(ref: ReferenceData, code: str, path: str) -> str:
    try:
        return ref.canonical_locode(code, path)
    except ValueError:
        raise ApiError(400, path, code, "is not a known UN/LOCODE") from None


def check_cargo(request: BookingRequest, sailing: date) -> CheckedCargo:
    """Apply the equipment, weight, reefer and DG rules for a sailing on ``sailing``."""
    warnings: list[str] = []
    if request.vessel and request.vessel.vesselIMONumber \
            and not imo.is_valid(request.vessel.vesselIMONumber):
        warnings.append(f"vessel.vesselIMONumber {request.vessel.vesselIMONumber} fails the "
                        "IMO check digit")
    lines = tuple(_line(e, f"requestedEquipments[{i}]", sailing, warnings)
                  for i, e in enumerate(request.requestedEquipments))
    load = CargoLoad(
        teu=sum(x.units * x.teu for x in lines),
        weight_t=round(sum(x.cargo_gross_weight_t + x.units * x.tare_weight_t for x in lines), 6),
        reefer_plugs=sum(x.units for x in lines if x.is_operating_reefer))
    return CheckedCargo(lines, load, any(x.dg_lines for x in lines),
                        any(x.is_operating_reefer for x in lines), tuple(warnings))


def check_cut_off(cargo: CheckedCargo, pol: str, etd: datetime, now: datetime) -> None:
    """Refuse a booking made after its cut-off (the strictest that applies)."""
    kinds = ["full container"] + (["reefer"] if cargo.has_reefer else []) \
        + (["dangerous goods"] if cargo.is_dangerous else [])
    kind = max(kinds, key=lambda k: CUT_OFF_H[k])
    cut_off = etd - timedelta(hours=CUT_OFF_H[kind])
    if now > cut_off:
        raise ApiError(400, "carrierExportVoyageNumber", etd.strftime("%Y-%m-%dT%H:%MZ"),
                       f"the {kind} cut-off at {pol} ({CUT_OFF_H[kind]} h before ETD, "
                       f"{cut_off:%Y-%m-%dT%H:%MZ}) has passed")


def _line(eq: RequestedEquipment, path: str, sailing: date, warnings: list[str]
          ) -> EquipmentLine:
    kind = equipment_types().get(eq.ISOEquipmentCode)
    if kind is None:
        raise ApiError(400, f"{path}.ISOEquipmentCode", eq.ISOEquipmentCode,
                       f"is not a supported ISO 6346 size-type code "
                       f"({', '.join(sorted(equipment_types()))})")
    operating = kind.is_reefer and not eq.isNonOperatingReefer
    if operating and eq.activeReeferSettings is None:
        raise ApiError(400, f"{path}.activeReeferSettings", None,
                       f"is required for an operating reefer ({eq.ISOEquipmentCode})")
    if not kind.is_reefer and eq.activeReeferSettings is not None:
        raise ApiError(400, f"{path}.activeReeferSettings", eq.ISOEquipmentCode,
                       "is only allowed on reefer equipment")
    _container_numbers(eq, path, warnings)
    dg_of = [_commodity_dg(c, f"{path}.commodities[{j}]", sailing)
             for j, c in enumerate(eq.commodities)]
    dg = tuple(d for lines in dg_of for d in lines)
    settings = eq.activeReeferSettings if operating else None
    if settings is not None:
        check_setpoint(f"{path}.activeReeferSettings", settings.temperatureSetpoint,
                       settings.temperatureUnit)
    gross_t = _gross_t(eq, path)
    tare_t = eq.tareWeight.tonnes() if eq.tareWeight else kind.tare_t
    check_gross_mass(path, eq.ISOEquipmentCode, eq.units, gross_t, tare_t)
    return EquipmentLine(
        iso_code=eq.ISOEquipmentCode, units=eq.units, teu=kind.teu,
        cargo_gross_weight_t=gross_t, tare_weight_t=tare_t,
        is_operating_reefer=operating,
        temperature_setpoint=settings.temperatureSetpoint if settings else None,
        temperature_unit=settings.temperatureUnit if settings else None,
        hs_codes=tuple(h for c in eq.commodities for h in c.HSCodes),
        equipment_references=tuple(eq.equipmentReferences), dg_lines=dg,
        commodities=split_line(eq.units, kind.teu, gross_t, operating, [
            DeclaredCommodity(c.HSCodes[0] if c.HSCodes else None, c.commodityType,
                              c.cargoGrossWeight.tonnes() if c.cargoGrossWeight else None,
                              bool(lines)) for c, lines in zip(eq.commodities, dg_of,
                                                              strict=True)]))


def _gross_t(eq: RequestedEquipment, path: str) -> float:
    if eq.cargoGrossWeight is not None:
        return eq.cargoGrossWeight.tonnes()
    weights = [c.cargoGrossWeight.tonnes() for c in eq.commodities if c.cargoGrossWeight]
    if not weights or len(weights) != len(eq.commodities):
        raise ApiError(400, f"{path}.cargoGrossWeight", None, "is required (on the equipment "
                       "or on every commodity) to check the leg's tonnes")
    return sum(weights)


def _container_numbers(eq: RequestedEquipment, path: str, warnings: list[str]) -> None:
    if len(eq.equipmentReferences) > eq.units:
        raise ApiError(400, f"{path}.equipmentReferences", len(eq.equipmentReferences),
                       f"lists more containers than the {eq.units} units requested")
    for k, number in enumerate(eq.equipmentReferences):
        compact = iso6346.compact(number)
        if not _CONTAINER.match(compact):
            raise ApiError(400, f"{path}.equipmentReferences[{k}]", number,
                           "is not an ISO 6346 container number (owner code, category "
                           "letter, six digits, check digit)")
        if not iso6346.is_valid(compact):
            warnings.append(f"{path}.equipmentReferences[{k}] {number} fails the ISO 6346 "
                            "check digit")


def _commodity_dg(c: Commodity, path: str, sailing: date) -> list[DGLine]:
    for k, hs in enumerate(c.HSCodes):
        if not _HS.match(hs):
            raise ApiError(400, f"{path}.HSCodes[{k}]", hs, "must be 6 to 10 digits")
    declared = c.outerPackaging.dangerousGoods if c.outerPackaging else []
    lines = [check_dg(d, f"{path}.outerPackaging.dangerousGoods[{k}]", c, sailing)
             for k, d in enumerate(declared)]
    if not lines and any(h.startswith(LITHIUM_ION_BATTERY_HS) for h in c.HSCodes):
        raise ApiError(400, f"{path}.outerPackaging.dangerousGoods", None,
                       "must declare lithium-ion batteries (HS 850760) as UN3480 or UN3481")
    return lines
