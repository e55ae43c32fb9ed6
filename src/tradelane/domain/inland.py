"""The inland network that feeds a sea port: inland ports, rail links, block trains, road.

An inland port (dry port, rail terminal) sends containers to a sea port's rail terminal by
block train over a rail link, or by truck over the road. Block trains run to a weekly
timetable; each departure offers TEU, tonnes, reefer TEU and dangerous-goods TEU. At the sea
port a transfer time (rail terminal → quay) applies, and the vessel's cut-off closes the gate
before the ship's departure. Inland demand rows are the case's ``[[demand]]`` rows whose
origin is an inland port. Times of day are UTC.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from tradelane.domain import _checks
from tradelane.domain.demand import Demand
from tradelane.errors import InputError

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""Departure days as the timetable names them (Monday = 0)."""

_TIME = re.compile(r"^(\d{2}):(\d{2})$")


class InlandCargoKind(enum.StrEnum):
    """What a demand row ships, as far as a train's acceptance goes."""

    DRY = "dry"
    REEFER = "reefer"
    DG = "dg"


@dataclass(frozen=True, slots=True)
class InlandPort:
    """An inland port or rail terminal: ``locode`` (UN/LOCODE where one exists, else a
    case-made code of the same shape), name and position."""

    locode: str
    name: str
    lat_deg: float
    lon_deg: float

    def __post_init__(self) -> None:
        where = f"inland.ports.{self.locode}"
        _checks.locode(where, self.locode)
        _checks.text(f"{where}.name", self.name)
        if not -90 <= self.lat_deg <= 90:
            raise InputError(f"{where}.lat_deg", self.lat_deg, "must be from -90 to 90")
        if not -180 <= self.lon_deg <= 180:
            raise InputError(f"{where}.lon_deg", self.lon_deg, "must be from -180 to 180")


@dataclass(frozen=True, slots=True)
class RailLink:
    """The rail line from an inland port to a sea port's rail terminal.

    ``distance_km`` is the rail distance (given, or great circle × circuity when the case
    gives none), ``running_h`` the block train's running time, ``cost_usd_per_teu`` the rail
    freight per TEU. ``index`` is the link's place in ``[[inland.rail_links]]`` (for messages).
    """

    inland_port: str
    sea_port: str
    distance_km: float
    running_h: float
    cost_usd_per_teu: float
    index: int = 0

    def __post_init__(self) -> None:
        where = f"inland.rail_links[{self.index}]"
        _checks.positive(f"{where}.distance_km", self.distance_km)
        _checks.positive(f"{where}.running_h", self.running_h)
        _checks.non_negative(f"{where}.cost_usd_per_teu", self.cost_usd_per_teu)


def hour_of_day(where: str, text: str) -> float:
    """``"HH:MM"`` (00:00 to 23:59) as hours after midnight, else InputError naming ``where``."""
    match = _TIME.match(text) if isinstance(text, str) else None
    if match is None or int(match[1]) > 23 or int(match[2]) > 59:
        raise InputError(where, text, "is not a time of day HH:MM from 00:00 to 23:59")
    return int(match[1]) + int(match[2]) / 60


@dataclass(frozen=True, slots=True)
class BlockTrain:
    """A block train of the weekly timetable on one rail link.

    It leaves ``inland_port`` for ``sea_port`` on each of ``days`` at ``departure`` (HH:MM
    UTC); every departure offers ``teu_per_train`` TEU on ``wagons`` wagons, at most
    ``max_t_per_train`` tonnes of cargo, ``reefer_teu`` TEU of reefers and ``dg_teu`` TEU of
    dangerous goods (0: not accepted). Bookings close ``cutoff_h`` hours before departure.
    """

    name: str
    inland_port: str
    sea_port: str
    days: tuple[str, ...]
    departure: str
    wagons: int
    teu_per_train: int
    max_t_per_train: float
    reefer_teu: int = 0
    dg_teu: int = 0
    cutoff_h: float = 12.0
    index: int = 0

    def __post_init__(self) -> None:
        where = f"inland.trains[{self.index}]"
        _checks.non_negative(f"{where}.cutoff_h", self.cutoff_h)
        _checks.text(f"{where}.name", self.name)
        if not self.days:
            raise InputError(f"{where}.days", list(self.days), "needs at least one weekday")
        for day in self.days:
            if day not in WEEKDAYS:
                raise InputError(f"{where}.days", day, f"is not one of {', '.join(WEEKDAYS)}")
        if len(set(self.days)) != len(self.days):
            raise InputError(f"{where}.days", list(self.days), "names a day twice")
        hour_of_day(f"{where}.departure", self.departure)
        _checks.positive_int(f"{where}.wagons", self.wagons)
        _checks.positive_int(f"{where}.teu_per_train", self.teu_per_train)
        _checks.positive(f"{where}.max_t_per_train", self.max_t_per_train)
        for name in ("reefer_teu", "dg_teu"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise InputError(f"{where}.{name}", value, "must be a whole number of 0 or more")
            if value > self.teu_per_train:
                raise InputError(f"{where}.{name}", value,
                                 f"is more than the train's {self.teu_per_train} TEU")

    @property
    def departure_h(self) -> float:
        """Departure time as hours after midnight UTC."""
        return hour_of_day(f"inland.trains[{self.index}].departure", self.departure)

    def departures_h(self) -> tuple[float, ...]:
        """Departures as hours after Monday 00:00 UTC, in the timetable's day order."""
        return tuple(24 * WEEKDAYS.index(d) + self.departure_h for d in self.days)

    def accepts(self, kind: InlandCargoKind) -> bool:
        """True when the train takes cargo of ``kind``."""
        return kind is InlandCargoKind.DRY or (self.reefer_teu if kind is InlandCargoKind.REEFER
                                         else self.dg_teu) > 0


@dataclass(frozen=True, slots=True)
class PortTransfer:
    """At a sea port: hours from train arrival to the quay, and the vessel cut-off (hours
    before the ship's departure by which cargo must be at the quay)."""

    sea_port: str
    transfer_h: float
    vessel_cutoff_h: float

    def __post_init__(self) -> None:
        _checks.non_negative(f"inland.transfers.{self.sea_port}.transfer_h", self.transfer_h)
        _checks.non_negative(f"inland.transfers.{self.sea_port}.vessel_cutoff_h",
                             self.vessel_cutoff_h)


@dataclass(frozen=True, slots=True)
class RoadHaul:
    """The road alternative: trucks from any inland port straight to the sea port.

    Road distance = great circle × ``circuity``; time = distance / ``speed_kmh``; cost and
    CO2 per TEU-km. ``rail_co2_kg_per_teu_km`` is the rail figure the CO2 saved is counted
    against. ``enabled = False`` leaves rail as the only way inland.
    """

    cost_usd_per_teu_km: float
    co2_kg_per_teu_km: float
    rail_co2_kg_per_teu_km: float
    speed_kmh: float = 60.0
    circuity: float = 1.25
    enabled: bool = True

    def __post_init__(self) -> None:
        _checks.non_negative("inland.road.cost_usd_per_teu_km", self.cost_usd_per_teu_km)
        _checks.non_negative("inland.road.co2_kg_per_teu_km", self.co2_kg_per_teu_km)
        _checks.non_negative("inland.road.rail_co2_kg_per_teu_km", self.rail_co2_kg_per_teu_km)
        _checks.positive("inland.road.speed_kmh", self.speed_kmh)
        if not 1 <= self.circuity <= 3:
            raise InputError("inland.road.circuity", self.circuity, "must be from 1 to 3")


@dataclass(frozen=True, slots=True)
class InlandDemand:
    """A demand row from an inland port: the weekly row, what it ships and its tonnes per TEU.

    ``index`` is the row's place in ``[[demand]]`` (for messages).
    """

    row: Demand
    cargo: InlandCargoKind = InlandCargoKind.DRY
    t_per_teu: float = 10.0
    index: int = 0

    def __post_init__(self) -> None:
        _checks.positive(f"demand[{self.index}].t_per_teu", self.t_per_teu)


@dataclass(frozen=True, slots=True)
class InlandNetwork:
    """Inland ports, rail links, trains, port transfers, the road, and the inland demand.

    ``demand`` holds the ``[[demand]]`` rows whose origin is an inland port, with their place
    in the file (``InlandDemand.index``); ``sea_demand`` the other rows. The case's ``demand``
    is the port-to-port view of both (:meth:`port_view`).

    Raises InputError naming the field when a link or a train names an unknown inland port,
    a train runs on no link, or an inland demand row has no link to any sea port.
    """

    ports: Mapping[str, InlandPort]
    links: tuple[RailLink, ...]
    trains: tuple[BlockTrain, ...]
    transfers: Mapping[str, PortTransfer]
    road: RoadHaul
    demand: tuple[InlandDemand, ...] = ()
    sea_demand: tuple[Demand, ...] = ()
    sea_ports: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        pairs = set()
        for link in self.links:
            where = f"inland.rail_links[{link.index}]"
            if link.inland_port not in self.ports:
                raise InputError(f"{where}.inland_port", link.inland_port,
                                 "is not an inland port of [inland.ports]")
            if self.sea_ports and link.sea_port not in self.sea_ports:
                raise InputError(f"{where}.sea_port", link.sea_port,
                                 "is not a port the service calls")
            if (link.inland_port, link.sea_port) in pairs:
                raise InputError(f"{where}.sea_port", link.sea_port,
                                 f"is linked to {link.inland_port} twice")
            pairs.add((link.inland_port, link.sea_port))
        for train in self.trains:
            if (train.inland_port, train.sea_port) not in pairs:
                raise InputError(f"inland.trains[{train.index}].inland_port", train.inland_port,
                                 f"has no rail link to {train.sea_port} in "
                                 f"[[inland.rail_links]]")
        for d in self.demand:
            if not any(link.inland_port == d.row.origin for link in self.links):
                raise InputError(f"demand[{d.index}].origin", d.row.origin,
                                 "is an inland port with no rail link to any sea port")
        for code in {link.sea_port for link in self.links}:
            if code not in self.transfers:
                raise InputError(f"inland.transfers.{code}", None, "is missing: a sea port "
                                 "with rail links needs transfer_h and vessel_cutoff_h")

    def port_view(self, demand: tuple[Demand, ...]) -> tuple[Demand, ...]:
        """The port-to-port view of ``demand`` (the case's rows in file order) that the
        port-call model, the stowage load list and the simulation read.

        Each inland row starts at the sea port of its first rail link; rows then sharing
        origin and destination are merged (TEU added, revenue TEU-weighted, the shortest
        transit limit), in the order the pairs first appear.
        """
        inland = {d.index for d in self.demand}
        groups: dict[tuple[str, str], list[Demand]] = {}
        for i, row in enumerate(demand):
            if i in inland:
                row = replace(row, origin=self.links_from(row.origin)[0].sea_port)
            groups.setdefault((row.origin, row.destination), []).append(row)
        return tuple(_merged(rows) for rows in groups.values())

    def links_from(self, inland_port: str) -> tuple[RailLink, ...]:
        """Rail links leaving ``inland_port``."""
        return tuple(link for link in self.links if link.inland_port == inland_port)

    def trains_on(self, link: RailLink) -> tuple[BlockTrain, ...]:
        """Block trains running on ``link``."""
        return tuple(t for t in self.trains
                     if (t.inland_port, t.sea_port) == (link.inland_port, link.sea_port))


def _merged(rows: list[Demand]) -> Demand:
    """One row for rows of the same origin and destination."""
    if len(rows) == 1:
        return rows[0]
    teu = sum(r.teu_per_week for r in rows)
    revenue = sum(r.revenue_usd_per_teu * r.teu_per_week for r in rows) / teu if teu else \
        rows[0].revenue_usd_per_teu
    limits = [r.max_transit_days for r in rows if r.max_transit_days is not None]
    return Demand(rows[0].origin, rows[0].destination, teu, revenue,
                  min(limits) if limits else None)
