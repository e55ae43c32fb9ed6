"""Reader of the Larsen–Pacino container instances (``container_instances/Vessel_*/V*.txt``).

R. Larsen, D. Pacino, "A heuristic and a benchmark for the stowage planning problem",
Maritime Economics & Logistics (2020); CC0. The files carry no format description; as read
here:

- ``# Parameters: nPorts nContainers`` — one line;
- ``# Transport type: id length=(20,40) weight type=(DC,RC,HC,HR)`` — one line per type:
  length (ft), weight (t, gross), DC dry, RC reefer, HC high cube, HR high-cube reefer;
- ``# Container: startPort endPort typeId [bay stack tier slot]`` — one line per container;
  the four optional numbers place a container already aboard (bay, stack and tier indices of
  the vessel file; slot 1 = the fore 20-ft slot or the 40-ft cell, 2 = the aft 20-ft slot).

Ports are indices 0 … nPorts − 1, written as the UN/LOCODE-shaped names ``ZZP`` + two letters
(``ZZPAA`` for port 0); ISO size-types: 22G1, 22R1, 42G1, 42R1, 45G1, 45R1; reefers get a
setpoint of −18 °C (the files give none). Positions map to ISO 9711 with the vessel file's
:class:`tradelane.io.larsen_pacino_vessel.LarsenPacinoMap`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tradelane.domain.stowage import ContainerUnit, Placement, SlotPosition
from tradelane.errors import InputError
from tradelane.io.larsen_pacino_vessel import LarsenPacinoMap

_ISO = {(20, "DC"): "22G1", (20, "RC"): "22R1", (20, "HC"): "25G1", (20, "HR"): "25R1",
        (40, "DC"): "42G1", (40, "RC"): "42R1", (40, "HC"): "45G1", (40, "HR"): "45R1"}
REEFER_SETPOINT_C = -18.0


@dataclass(frozen=True, slots=True)
class LPContainer:
    """One container line: ports, type and, when pre-placed, its file indices."""

    start_port: int
    end_port: int
    length_ft: int
    weight_t: float
    kind: str
    placed: tuple[int, int, int, int] | None


@dataclass(frozen=True, slots=True)
class LarsenPacinoInstance:
    """A Larsen–Pacino load list: ports and containers (some already aboard)."""

    name: str
    ports: int
    containers: tuple[LPContainer, ...]


def port_code(index: int) -> str:
    """The UN/LOCODE-shaped name of port ``index`` (``ZZPAA`` …)."""
    return "ZZP" + chr(65 + index // 26) + chr(65 + index % 26)


def parse_larsen_pacino_instance(text: str, *, name: str = "instance"
                                 ) -> LarsenPacinoInstance:
    """The instance in ``text``; InputError naming the line on bad input."""
    section, ports, count = "", 0, 0
    types: dict[int, tuple[int, float, str]] = {}
    containers: list[LPContainer] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            section = line.lstrip("#").split(":")[0].strip().lower()
            continue
        tokens = line.split()
        try:
            if section == "parameters":
                ports, count = int(tokens[0]), int(tokens[1])
            elif section == "transport type":
                length, kind = int(tokens[1]), tokens[3].upper()
                if (length, kind) not in _ISO:
                    raise InputError(f"line {n}", line, "has an unknown length or type")
                types[int(tokens[0])] = (length, float(tokens[2]), kind)
            elif section == "container":
                if len(tokens) not in (3, 7):
                    raise InputError(f"line {n}", line, "needs startPort endPort typeId "
                                     "[bay stack tier slot]")
                s, e, t = int(tokens[0]), int(tokens[1]), int(tokens[2])
                if t not in types or not 0 <= s < e < max(ports, 1):
                    raise InputError(f"line {n}", line, "names an unknown type or ports out "
                                     "of order")
                length, weight, kind = types[t]
                placed = tuple(int(x) for x in tokens[3:]) if len(tokens) == 7 else None
                containers.append(LPContainer(s, e, length, weight, kind, placed))  # type: ignore[arg-type]
            else:
                raise InputError(f"line {n}", line, "comes before a known '#' header")
        except (ValueError, IndexError):
            raise InputError(f"line {n}", line, "must be whole numbers as its header "
                             "says") from None
    if not ports or len(containers) != count:
        raise InputError("instance", name, f"declares {count} containers but has "
                         f"{len(containers)}")
    return LarsenPacinoInstance(name, ports, tuple(containers))


def read_larsen_pacino_instance(path: str | Path) -> LarsenPacinoInstance:
    """Read an instance file."""
    p = Path(path)
    return parse_larsen_pacino_instance(p.read_text(encoding="utf-8"), name=p.stem)


def instance_units(inst: LarsenPacinoInstance, mapping: LarsenPacinoMap
                   ) -> tuple[list[Placement], list[ContainerUnit]]:
    """(containers aboard at their ISO positions, containers to load), numbered ``LPIU…``."""
    from stdnum import iso6346

    onboard: list[Placement] = []
    cargo: list[ContainerUnit] = []
    for k, c in enumerate(inst.containers):
        body = f"LPIU{k:06d}"
        unit = ContainerUnit(
            number=body + iso6346.calc_check_digit(body), iso_type=_ISO[(c.length_ft, c.kind)],
            vgm_t=c.weight_t, pol=port_code(c.start_port), pod=port_code(c.end_port),
            reefer_setpoint_c=REEFER_SETPOINT_C if c.kind in ("RC", "HR") else None,
            placeholder_number=True)
        if c.placed is None:
            cargo.append(unit)
            continue
        bay, stack, tier, slot = c.placed
        on_deck = tier in mapping.deck_tiers and tier not in mapping.hold_tiers
        try:
            iso_bay, row, iso_tier = mapping.iso(bay, stack, tier, on_deck)
        except KeyError:
            raise InputError(f"container {k}", c.placed, "is not a position of the vessel"
                             ) from None
        if c.length_ft == 20:
            iso_bay += -1 if slot == 1 else 1
        onboard.append(Placement(unit, SlotPosition(iso_bay, row, iso_tier)))
    return onboard, cargo
