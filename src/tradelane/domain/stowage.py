"""Stowage records: slot positions, containers, placements, broken rules (records only).

Positions follow ISO 9711-1 (as BAPLIE writes them, ``BBBRRTT``): bays are numbered from the
bow, odd numbers for 20-ft positions and the even number between two of them for the 40-ft
position over both (40-ft bay ``i`` from the bow, 0-based, covers 20-ft bays ``4i + 1`` (fore)
and ``4i + 3`` (aft), and is bay ``4i + 2``); rows are numbered from the centre line, odd to
starboard and even to port (``00`` on the centre line of a ship with an odd number of rows);
tiers are even numbers from the bottom, ``02``, ``04``… in the hold and ``82``, ``84``… on deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError

_POSITION = re.compile(r"^\d{6,7}$")


@dataclass(frozen=True, slots=True, order=True)
class SlotPosition:
    """An ISO 9711 stowage position: bay (odd 20-ft, even 40-ft), row and tier."""

    bay: int
    row: int
    tier: int

    def __post_init__(self) -> None:
        if not 0 < self.bay < 1000 or not 0 <= self.row < 100 or not 0 < self.tier < 100:
            raise InputError("position", f"{self.bay}/{self.row}/{self.tier}",
                             "is not an ISO 9711 bay (1-999), row (0-99) and tier (1-99)")

    @property
    def code(self) -> str:
        """``BBBRRTT`` as BAPLIE's LOC+147 writes it."""
        return f"{self.bay:03d}{self.row:02d}{self.tier:02d}"

    @property
    def on_deck(self) -> bool:
        """Tiers from 80 up are on deck."""
        return self.tier >= 80

    @property
    def is_40ft_bay(self) -> bool:
        """Even bay numbers are 40-ft positions over two 20-ft bays."""
        return self.bay % 2 == 0

    @classmethod
    def parse(cls, text: str) -> SlotPosition:
        """``BBBRRTT`` (or ``BBRRTT``) → position; InputError naming ``position``."""
        code = text.strip()
        if not _POSITION.match(code):
            raise InputError("position", text, "is not an ISO 9711 position BBBRRTT")
        code = code.zfill(7)
        return cls(int(code[:3]), int(code[3:5]), int(code[5:]))


@dataclass(frozen=True, slots=True)
class DangerousCargo:
    """One dangerous-goods entry of a container (UN number and IMDG class)."""

    un_number: str
    imo_class: str

    def __post_init__(self) -> None:
        if not re.fullmatch(r"\d{4}", self.un_number):
            raise InputError("un_number", self.un_number, "must be four digits")
        _checks.text("imo_class", self.imo_class, max_len=4)


@dataclass(frozen=True, slots=True)
class ContainerUnit:
    """One container to stow or stowed: number, ISO size-type, weights, ports, reefer and DG.

    ``number`` is an ISO 6346 number; ``placeholder_number`` marks one made up for a container
    the booking did not number. ``vgm_t`` is the verified gross mass (cargo + tare).
    """

    number: str
    iso_type: str
    vgm_t: float
    pol: str
    pod: str
    reefer_setpoint_c: float | None = None
    dangerous: tuple[DangerousCargo, ...] = ()
    placeholder_number: bool = False
    booking_reference: str | None = None

    def __post_init__(self) -> None:
        _checks.text("number", self.number, max_len=17)
        if not re.fullmatch(r"[0-9A-Z]{4}", self.iso_type):
            raise InputError("iso_type", self.iso_type, "is not an ISO 6346 size-type code")
        _checks.positive("vgm_t", self.vgm_t)
        _checks.locode("pol", self.pol)
        _checks.locode("pod", self.pod)

    @property
    def length_ft(self) -> int:
        """20, 40 or 45 from the size-type's first character."""
        return {"2": 20, "4": 40, "L": 45}.get(self.iso_type[0], 40)

    @property
    def high_cube(self) -> bool:
        """9 ft 6 in high (size-type second character 5)."""
        return self.iso_type[1] == "5"

    @property
    def height_m(self) -> float:
        """2.90 m for a high cube, else 2.59 m."""
        return 2.896 if self.high_cube else 2.591

    @property
    def teu(self) -> int:
        """1 for a 20-ft container, 2 otherwise."""
        return 1 if self.length_ft == 20 else 2

    @property
    def is_reefer(self) -> bool:
        """An operating reefer (it has a setpoint and needs a plug)."""
        return self.reefer_setpoint_c is not None


@dataclass(frozen=True, slots=True)
class Placement:
    """A container at a slot position."""

    container: ContainerUnit
    position: SlotPosition


@dataclass(frozen=True, slots=True)
class BrokenRule:
    """A rule a stowage condition breaks: the rule's name, where (ISO position) and why."""

    rule: str
    position: str | None
    message: str
