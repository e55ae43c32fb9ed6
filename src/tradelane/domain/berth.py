"""Berth allocation records: the instance (ships, berths, times) and the berth plan.

Times are integer periods. The benchmark files use abstract periods; tradelane's own cases use
hours, so the fields carry ``_h``. A ship may use a berth only where its handling time is given.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field


def _check_int(field_name: str, value: object, *, minimum: int | None = 0) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"{field_name} = {value!r}: must be an integer number of periods.")
    if minimum is not None and value < minimum:
        raise ValueError(f"{field_name} = {value!r}: must be at least {minimum}.")


@dataclass(frozen=True, slots=True)
class BerthInstance:
    """A discrete dynamic berth allocation instance (ships in file order, 0-based).

    Attributes
    ----------
    name : str
        Instance name, for reports.
    arrival_h : tuple[int, ...]
        Arrival time of each ship.
    latest_departure_h : tuple[int, ...]
        Time by which each ship must have left its berth.
    weight_per_h : tuple[float, ...]
        Cost per period a ship spends in port (waiting plus handling); non-negative.
    berth_open_h, berth_close_h : tuple[int, ...]
        Time window of each berth; handling must lie inside it.
    handling_h : tuple[tuple[int | None, ...], ...]
        ``handling_h[ship][berth]``: handling time, ``None`` where the ship may not use the berth.
    ship_names, berth_names : tuple[str, ...]
        Labels; default ``"0", "1", ...``.
    """

    name: str
    arrival_h: tuple[int, ...]
    latest_departure_h: tuple[int, ...]
    weight_per_h: tuple[float, ...]
    berth_open_h: tuple[int, ...]
    berth_close_h: tuple[int, ...]
    handling_h: tuple[tuple[int | None, ...], ...]
    ship_names: tuple[str, ...] = field(default=())
    berth_names: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        n, m = len(self.arrival_h), len(self.berth_open_h)
        if n == 0 or m == 0:
            raise ValueError(f"ships, berths = {(n, m)!r}: need at least one ship and one berth.")
        if not self.ship_names:
            object.__setattr__(self, "ship_names", tuple(str(i) for i in range(n)))
        if not self.berth_names:
            object.__setattr__(self, "berth_names", tuple(str(j) for j in range(m)))
        for label, seq, size in (
            ("latest_departure_h", self.latest_departure_h, n),
            ("weight_per_h", self.weight_per_h, n),
            ("berth_close_h", self.berth_close_h, m),
            ("handling_h", self.handling_h, n),
            ("ship_names", self.ship_names, n),
            ("berth_names", self.berth_names, m),
        ):
            if len(seq) != size:
                raise ValueError(f"{label} length = {len(seq)!r}: expected {size}.")
        self._check_values(n, m)

    def _check_values(self, n: int, m: int) -> None:
        for i in range(n):
            _check_int(f"arrival_h[{i}]", self.arrival_h[i])
            _check_int(f"latest_departure_h[{i}]", self.latest_departure_h[i])
            w = self.weight_per_h[i]
            if isinstance(w, bool) or not isinstance(w, int | float) or not w >= 0:
                raise ValueError(f"weight_per_h[{i}] = {w!r}: must be a number >= 0.")
            if len(self.handling_h[i]) != m:
                raise ValueError(f"handling_h[{i}] length = {len(self.handling_h[i])!r}: "
                                 f"expected {m}.")
            for j, h in enumerate(self.handling_h[i]):
                if h is not None:
                    _check_int(f"handling_h[{i}][{j}]", h, minimum=1)
        for j in range(m):
            _check_int(f"berth_open_h[{j}]", self.berth_open_h[j])
            _check_int(f"berth_close_h[{j}]", self.berth_close_h[j])
            if self.berth_close_h[j] < self.berth_open_h[j]:
                raise ValueError(f"berth_close_h[{j}] = {self.berth_close_h[j]!r}: "
                                 f"before the berth opens at {self.berth_open_h[j]}.")

    @property
    def n_ships(self) -> int:
        """Number of ships."""
        return len(self.arrival_h)

    @property
    def n_berths(self) -> int:
        """Number of berths."""
        return len(self.berth_open_h)

    def allowed(self, ship: int, berth: int) -> bool:
        """Whether ``ship`` may use ``berth`` at all (ignoring time windows)."""
        return self.handling_h[ship][berth] is not None

    def start_window_h(self, ship: int, berth: int) -> tuple[int, int] | None:
        """Earliest and latest start of ``ship`` at ``berth``, ``None`` when impossible."""
        h = self.handling_h[ship][berth]
        if h is None:
            return None
        lo = max(self.arrival_h[ship], self.berth_open_h[berth])
        hi = min(self.berth_close_h[berth], self.latest_departure_h[ship]) - h
        return (lo, hi) if lo <= hi else None

    def cost(self, ship: int, berth: int, start_h: int) -> float:
        """Weighted time in port of ``ship`` if handled at ``berth`` from ``start_h``."""
        h = self.handling_h[ship][berth]
        if h is None:
            raise ValueError(f"berth = {berth!r}: ship {ship} may not use it.")
        return self.weight_per_h[ship] * (start_h + h - self.arrival_h[ship])


@dataclass(frozen=True, slots=True)
class ShipCall:
    """One ship to berth, for building an instance in code.

    Attributes
    ----------
    name : str
        Ship (or call) label.
    arrival_h : int
        Arrival time.
    handling_h : Mapping[str, int]
        Handling time per allowed berth name; berths not listed are forbidden.
    weight_per_h : float
        Cost per period in port.
    latest_departure_h : int | None
        Deadline; ``None`` means no deadline beyond the berths' closing times.
    """

    name: str
    arrival_h: int
    handling_h: Mapping[str, int]
    weight_per_h: float = 1.0
    latest_departure_h: int | None = None


@dataclass(frozen=True, slots=True)
class BerthWindow:
    """A berth and its opening window, for building an instance in code."""

    name: str
    open_h: int
    close_h: int


def build_instance(name: str, ships: Sequence[ShipCall],
                   berths: Sequence[BerthWindow]) -> BerthInstance:
    """Build a validated :class:`BerthInstance` from ship calls and berth windows.

    Raises
    ------
    ValueError
        If a ship names an unknown berth or a value is invalid.
    """
    index = {b.name: j for j, b in enumerate(berths)}
    horizon = max((b.close_h for b in berths), default=0)
    rows = []
    for s in ships:
        unknown = sorted(set(s.handling_h) - set(index))
        if unknown:
            raise ValueError(f"{s.name}.handling_h berth = {unknown[0]!r}: unknown berth.")
        rows.append(tuple(s.handling_h.get(b.name) for b in berths))
    return BerthInstance(
        name=name,
        arrival_h=tuple(s.arrival_h for s in ships),
        latest_departure_h=tuple(
            horizon if s.latest_departure_h is None else s.latest_departure_h for s in ships),
        weight_per_h=tuple(s.weight_per_h for s in ships),
        berth_open_h=tuple(b.open_h for b in berths),
        berth_close_h=tuple(b.close_h for b in berths),
        handling_h=tuple(rows),
        ship_names=tuple(s.name for s in ships),
        berth_names=tuple(b.name for b in berths),
    )


@dataclass(frozen=True, slots=True)
class BerthAssignment:
    """Where and when one ship is handled (0-based ship and berth indices)."""

    ship: int
    berth: int
    start_h: int
    end_h: int


@dataclass(frozen=True, slots=True)
class BerthPlan:
    """A berth plan: one assignment per ship, in ship order.

    Attributes
    ----------
    assignments : tuple[BerthAssignment, ...]
        ``assignments[i].ship == i``.
    """

    assignments: tuple[BerthAssignment, ...]

    def __post_init__(self) -> None:
        for i, a in enumerate(self.assignments):
            if a.ship != i:
                raise ValueError(f"assignments[{i}].ship = {a.ship!r}: expected {i}.")

    def weighted_service_h(self, instance: BerthInstance) -> float:
        """Σ weight · (end − arrival): the objective, recomputed from the assignments."""
        return sum(instance.weight_per_h[a.ship] * (a.end_h - instance.arrival_h[a.ship])
                   for a in self.assignments)
