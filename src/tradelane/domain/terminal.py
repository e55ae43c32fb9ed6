"""Container terminals: berths, quay cranes and the other services' weekly windows."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True, slots=True)
class Berth:
    """One berth: quay length, depth alongside and the quay cranes based there."""

    name: str
    quay_length_m: float
    max_draft_m: float
    cranes: int

    def __post_init__(self) -> None:
        _checks.text("berth.name", self.name)
        _checks.positive(f"berths.{self.name}.quay_length_m", self.quay_length_m)
        _checks.positive(f"berths.{self.name}.max_draft_m", self.max_draft_m)
        _checks.positive_int(f"berths.{self.name}.cranes", self.cranes)


@dataclass(frozen=True, slots=True)
class WeeklyCall:
    """Another service's weekly call at the terminal: arrival (weekday, hour UTC), LOA, moves."""

    service: str
    weekday: int
    hour_utc: float
    loa_m: float
    moves: int

    def __post_init__(self) -> None:
        if not 0 <= self.weekday <= 6:
            raise InputError(f"other_calls.{self.service}.day", self.weekday,
                             "must be Mon, Tue, Wed, Thu, Fri, Sat or Sun")
        if not 0 <= self.hour_utc < 24:
            raise InputError(f"other_calls.{self.service}.hour_utc", self.hour_utc,
                             "must lie in 0-24")
        _checks.positive(f"other_calls.{self.service}.loa_m", self.loa_m)
        _checks.positive_int(f"other_calls.{self.service}.moves", self.moves)

    @property
    def arrival_h(self) -> float:
        """Hours after Monday 00:00 UTC."""
        return self.weekday * 24 + self.hour_utc


@dataclass(frozen=True, slots=True)
class Terminal:
    """A terminal's berths and crane productivity, for port-stay and berth planning.

    Port stay of a call = ``berthing_h`` + the crane split's makespan (``planning.port_calls``),
    with at most ``max_cranes_per_ship`` cranes on one ship, ``clearance_bays`` empty bays
    between working cranes, a hatch-cover move costing ``hatch_cover_moves`` crane moves;
    moves = TEU / ``teu_per_move``.
    """

    locode: str
    name: str
    berths: tuple[Berth, ...]
    crane_moves_per_h: float
    max_cranes_per_ship: int
    teu_per_move: float
    berthing_h: float
    other_calls: tuple[WeeklyCall, ...] = ()
    lane_berth: str | None = None
    hatch_cover_moves: float = 2.0
    clearance_bays: int = 1

    def __post_init__(self) -> None:
        where = f"terminals.{self.locode}"
        _checks.locode(f"{where}.locode", self.locode)
        if not self.berths:
            raise InputError(f"{where}.berths", [], "needs at least one berth")
        _checks.positive(f"{where}.crane_moves_per_h", self.crane_moves_per_h)
        _checks.positive_int(f"{where}.max_cranes_per_ship", self.max_cranes_per_ship)
        _checks.positive(f"{where}.teu_per_move", self.teu_per_move)
        _checks.non_negative(f"{where}.berthing_h", self.berthing_h)
        _checks.non_negative(f"{where}.hatch_cover_moves", self.hatch_cover_moves)
        if isinstance(self.clearance_bays, bool) or not isinstance(self.clearance_bays, int) \
                or self.clearance_bays < 0:
            raise InputError(f"{where}.clearance_bays", self.clearance_bays,
                             "must be a whole number of bays, 0 or more")
        names = [b.name for b in self.berths]
        if len(set(names)) != len(names):
            raise InputError(f"{where}.berths", names, "has a berth name twice")
        if self.lane_berth is not None and self.lane_berth not in names:
            raise InputError(f"{where}.lane_berth", self.lane_berth, "is not one of its berths")

    @property
    def cranes_per_ship(self) -> int:
        """Cranes that can work one ship: the per-ship cap, never more than the quay has."""
        return min(self.max_cranes_per_ship, sum(b.cranes for b in self.berths))

    def handling_h(self, moves: float, cranes: int) -> float:
        """Hours at berth for ``moves`` with ``cranes`` cranes, berthing and unberthing included."""
        return self.berthing_h + moves / (cranes * self.crane_moves_per_h)
