"""Cargo records for bookings: equipment types, dangerous-goods entries, leg capacity."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class EquipmentType:
    """An ISO 6346 size-type code and the slots one unit takes on board."""

    iso_code: str
    teu: int
    tare_t: float
    is_reefer: bool
    description: str

    def __post_init__(self) -> None:
        if len(self.iso_code) != 4 or not self.iso_code.isalnum():
            raise InputError("equipment_types.iso_code", self.iso_code,
                             "must be a four-character ISO 6346 size-type code such as 22G1")
        _checks.positive_int(f"equipment_types.{self.iso_code}.teu", self.teu)
        _checks.positive(f"equipment_types.{self.iso_code}.tare_t", self.tare_t)


@dataclass(frozen=True, slots=True)
class DangerousGoodsEntry:
    """One entry of the dangerous-goods list: UN number, class, packing groups, name.

    ``packing_groups`` is empty where the entry has no packing group (e.g. lithium batteries);
    ``valid_from`` is the first sailing date on which the entry may be used (``None``: always).
    """

    un_number: str
    imo_class: str
    packing_groups: tuple[int, ...]
    proper_shipping_name: str
    valid_from: date | None = None

    def __post_init__(self) -> None:
        if len(self.un_number) != 6 or not self.un_number.startswith("UN") \
                or not self.un_number[2:].isdigit():
            raise InputError("dangerous_goods.un_number", self.un_number,
                             "must be 'UN' and four digits such as UN3480")
        _checks.text(f"dangerous_goods.{self.un_number}.imo_class", self.imo_class)
        for group in self.packing_groups:
            if group not in (1, 2, 3):
                raise InputError(f"dangerous_goods.{self.un_number}.packing_groups", group,
                                 "must be 1, 2 or 3")


@dataclass(frozen=True, slots=True)
class CargoLoad:
    """What a booking takes on every leg it uses: slots, gross tonnes and reefer plugs."""

    teu: int
    weight_t: float
    reefer_plugs: int

    def __post_init__(self) -> None:
        _checks.non_negative("teu", self.teu)
        _checks.non_negative("weight_t", self.weight_t)
        _checks.non_negative("reefer_plugs", self.reefer_plugs)
