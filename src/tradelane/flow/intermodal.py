"""Door-to-port cargo routing: feeder departures (block trains, road) into one liner service.

A path LP with every path written out, solved with HiGHS. One cyclic service (the ship legs, each
with its weekly capacity) carries two kinds of commodity:

* sea commodities (port to port), on each *way* along the rotation from a call at the origin to
  the next call at the destination;
* inland commodities (inland origin to port of discharge), on a *feeder* (one departure of the
  weekly timetable of a block train, or the road) to the feeder's sea port, then a way from there.

A feeder departure has capacity rows for FFE, tonnes, reefer FFE and dangerous-goods FFE (the road
has none). A path is written only when it arrives in time: ``door_to_departure_days`` of the
feeder (from its departure to the ship's departure at the sea port, waits and cut-offs included)
plus the way's days after the ship's departure must not pass the commodity's limit. Maximise
Σ (revenue + rejection penalty − handling at both sea ends − feeder cost) × flow; the penalty of
the volume not carried is a constant taken off afterwards. With a single service every path is
known in advance, so no pricing is needed: the LP is small (one column per commodity, feeder and
way).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import highspy
import numpy as np
import numpy.typing as npt

from tradelane.errors import InputError
from tradelane.flow.data import FlowCommodity, FlowPort, FlowService
from tradelane.flow.params import DEFAULT_FLOW_PARAMS, FlowParams
from tradelane.result import Result, Status
from tradelane.solvers.highs import quiet_highs

__all__ = ["Feeder", "InlandCommodity", "IntermodalData", "IntermodalSolution", "Way", "solve",
           "ways"]

_INF = highspy.kHighsInf
_EPS_USD = 1e-6  # per leg and feeder: tie-breaker, excluded from the reported money
FloatArray = npt.NDArray[np.float64]
KINDS = ("dry", "reefer", "dg")


@dataclass(frozen=True, slots=True)
class Feeder:
    """One weekly departure into a sea port: a block train's departure, or the road.

    ``door_to_departure_days``: from this departure to the ship's departure at ``sea_port``
    (running, transfer to the quay, the wait for the ship). Capacities are per departure and
    week; ``math.inf`` (the road) means no limit. ``reefer_ffe`` / ``dg_ffe`` = 0: not accepted.
    """

    name: str
    origin: str
    sea_port: str
    door_to_departure_days: float
    cost_usd_per_ffe: float
    capacity_ffe: float = math.inf
    capacity_t: float = math.inf
    reefer_ffe: float = math.inf
    dg_ffe: float = math.inf

    def __post_init__(self) -> None:
        for name in ("door_to_departure_days", "cost_usd_per_ffe", "capacity_ffe", "capacity_t",
                     "reefer_ffe", "dg_ffe"):
            value = getattr(self, name)
            if not value >= 0:
                raise InputError(f"Feeder {self.name}.{name}", value, "must be a number ≥ 0")

    @property
    def limited(self) -> bool:
        """True when the departure has capacity rows (a train; the road has none)."""
        return math.isfinite(self.capacity_ffe)

    def accepts(self, kind: str) -> bool:
        """True when cargo of ``kind`` (dry, reefer, dg) may travel on it."""
        return kind == "dry" or (self.reefer_ffe if kind == "reefer" else self.dg_ffe) > 0


@dataclass(frozen=True, slots=True)
class InlandCommodity:
    """Weekly demand from an inland origin to a port of discharge (``kind``: dry, reefer, dg)."""

    origin: str
    destination: str
    volume_ffe: float
    revenue_usd_per_ffe: float
    rejection_penalty_usd_per_ffe: float = 0.0
    max_transit_days: float | None = None
    t_per_ffe: float = 20.0
    kind: str = "dry"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"InlandCommodity {self.origin}-{self.destination}.kind",
                             self.kind, "must be dry, reefer or dg")
        for name in ("volume_ffe", "revenue_usd_per_ffe", "rejection_penalty_usd_per_ffe",
                     "t_per_ffe"):
            if not getattr(self, name) >= 0:
                raise InputError(f"InlandCommodity {self.origin}-{self.destination}.{name}",
                                 getattr(self, name), "must be a number ≥ 0")


@dataclass(frozen=True, slots=True)
class IntermodalData:
    """One service, its sea ports' costs, sea and inland commodities and the feeders."""

    ports: tuple[FlowPort, ...]
    service: FlowService
    sea: tuple[FlowCommodity, ...]
    inland: tuple[InlandCommodity, ...]
    feeders: tuple[Feeder, ...]

    def __post_init__(self) -> None:
        codes = {p.code for p in self.ports}
        for code in self.service.calls:
            if code not in codes:
                raise InputError("IntermodalData.service.calls", code, "is not a known port")
        for f in self.feeders:
            if f.sea_port not in self.service.calls:
                raise InputError(f"Feeder {f.name}.sea_port", f.sea_port,
                                 "is not called by the service")


@dataclass(frozen=True, slots=True)
class Way:
    """Legs sailed from a call at one port to the next call at another, and the days from the
    ship's arrival at the first to its arrival at the second (port stays included)."""

    legs: tuple[int, ...]
    days: float


def ways(service: FlowService, origin: str, destination: str) -> tuple[Way, ...]:
    """Every way along the loop from a call at ``origin`` to the next call at ``destination``.

    Per leg: the port stay at its departure call plus its sailing days, as
    :mod:`tradelane.flow.paths` counts transit time.
    """
    n, found = len(service.calls), []
    leg_days = service.leg_days or (0.0,) * n
    for i in (k for k, code in enumerate(service.calls) if code == origin):
        days, j, legs = 0.0, i, []
        for _ in range(n):
            days += service.port_stay_days + leg_days[j]
            legs.append(j)
            j = (j + 1) % n
            if service.calls[j] == destination:
                found.append(Way(tuple(legs), days))
                break
    return tuple(found)


@dataclass(frozen=True, slots=True)
class IntermodalSolution:
    """Optimal weekly routing, in FFE and USD.

    ``inland_feeder_ffe[k, f]``: FFE of inland commodity ``k`` on feeder ``f``;
    ``feeder_dual_usd_per_ffe[f]``: what one more FFE of room on departure ``f`` would add
    (0 for the road and for departures with room); ``leg_dual_usd_per_ffe`` likewise per leg.
    """

    sea_delivered_ffe: FloatArray
    inland_feeder_ffe: FloatArray
    leg_flow_ffe: FloatArray
    leg_dual_usd_per_ffe: FloatArray
    feeder_dual_usd_per_ffe: FloatArray
    feeder_t: FloatArray
    revenue_usd: float
    handling_cost_usd: float
    feeder_cost_usd: float
    penalty_usd: float

    @property
    def inland_delivered_ffe(self) -> FloatArray:
        """FFE carried per inland commodity."""
        return self.inland_feeder_ffe.sum(axis=1)

    @property
    def value_usd(self) -> float:
        """Revenue − handling − feeder cost − rejection penalty."""
        return self.revenue_usd - self.handling_cost_usd - self.feeder_cost_usd - self.penalty_usd


class _Columns:
    """Columns in HiGHS's column-wise form, with what each one carries."""

    def __init__(self) -> None:
        self.cost: list[float] = []
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []
        self.tag: list[tuple[int, int, Way]] = []  # (commodity, feeder or -1, way)

    def add(self, cost: float, rows: list[tuple[int, float]], tag: tuple[int, int, Way]) -> None:
        self.starts.append(len(self.index))
        self.index += [r for r, _ in rows]
        self.value += [v for _, v in rows]
        self.cost.append(cost)
        self.tag.append(tag)


def solve(data: IntermodalData, params: FlowParams = DEFAULT_FLOW_PARAMS
          ) -> Result[IntermodalSolution]:
    """Route sea and inland commodities at maximum value within their transit-time limits.

    Returns
    -------
    Result[IntermodalSolution]
        ``optimal`` (objective = bound = the routing's value), or ``unknown`` without a solution.
    """
    t0 = time.perf_counter()
    handling = {p.code: p.handling_cost_usd_per_ffe for p in data.ports}
    n_sea, n_in, n_leg = len(data.sea), len(data.inland), len(data.service.calls)
    leg_row = n_sea + n_in
    feeder_row = leg_row + n_leg  # 4 rows per limited feeder: FFE, t, reefer FFE, DG FFE
    limited = [i for i, f in enumerate(data.feeders) if f.limited]
    row_of = {f: feeder_row + 4 * j for j, f in enumerate(limited)}
    cols = _Columns()
    for k, c in enumerate(data.sea):
        value = c.revenue_usd_per_ffe + c.rejection_penalty_usd_per_ffe \
            - handling[c.origin] - handling[c.destination]
        for way in ways(data.service, c.origin, c.destination):
            if c.max_transit_days is None or way.days <= c.max_transit_days + 1e-9:
                cols.add(-value + _EPS_USD * len(way.legs),
                         [(k, 1.0)] + [(leg_row + leg, 1.0) for leg in way.legs], (k, -1, way))
    for k, ic in enumerate(data.inland):
        _inland_columns(data, cols, k, ic, handling, n_sea + k, leg_row, row_of)
    upper = [c.volume_ffe for c in data.sea] + [c.volume_ffe for c in data.inland] \
        + [data.service.capacity_ffe] * n_leg
    for f in limited:
        d = data.feeders[f]
        upper += [d.capacity_ffe, d.capacity_t, d.reefer_ffe, d.dg_ffe]
    highs = quiet_highs(params.highs_options())
    n_rows = len(upper)
    highs.addRows(n_rows, np.full(n_rows, -_INF), np.array(upper, dtype=float), 0,
                  np.zeros(n_rows, np.int32), np.zeros(0, np.int32), np.zeros(0))
    n = len(cols.cost)
    if n:
        highs.addCols(n, np.array(cols.cost), np.zeros(n), np.full(n, _INF), len(cols.index),
                      np.array(cols.starts, np.int32), np.array(cols.index, np.int32),
                      np.array(cols.value))
        highs.run()
        status = highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            return Result(Status.UNKNOWN, None, None, time.perf_counter() - t0, params.seed, None,
                          {"highs_status": highs.modelStatusToString(status)})
        lp = highs.getSolution()
        x, dual = np.asarray(lp.col_value), -np.asarray(lp.row_dual)
    else:
        x, dual = np.zeros(0), np.zeros(n_rows)
    sol = _solution(data, cols, x, dual, leg_row, row_of)
    runtime = time.perf_counter() - t0
    return Result(Status.OPTIMAL, sol.value_usd, sol.value_usd, runtime, params.seed, sol,
                  {"lp_rows": n_rows, "lp_cols": n})


def _inland_columns(data: IntermodalData, cols: _Columns, k: int, c: InlandCommodity,
                    handling: dict[str, float], row: int, leg_row: int,
                    row_of: dict[int, int]) -> None:
    """Columns of inland commodity ``k``: each feeder that takes it × each timely way."""
    stay = data.service.port_stay_days
    for f, feeder in enumerate(data.feeders):
        if feeder.origin != c.origin or not feeder.accepts(c.kind):
            continue
        value = c.revenue_usd_per_ffe + c.rejection_penalty_usd_per_ffe \
            - handling[feeder.sea_port] - handling[c.destination] - feeder.cost_usd_per_ffe
        for way in ways(data.service, feeder.sea_port, c.destination):
            days = feeder.door_to_departure_days + way.days - stay
            if c.max_transit_days is not None and days > c.max_transit_days + 1e-9:
                continue
            rows = [(row, 1.0)] + [(leg_row + leg, 1.0) for leg in way.legs]
            if f in row_of:
                r = row_of[f]
                rows += [(r, 1.0), (r + 1, c.t_per_ffe)]
                rows += [(r + 2, 1.0)] if c.kind == "reefer" else []
                rows += [(r + 3, 1.0)] if c.kind == "dg" else []
            cols.add(-value + _EPS_USD * (len(way.legs) + 1), rows, (k, f, way))


def _solution(data: IntermodalData, cols: _Columns, x: FloatArray, dual: FloatArray,
              leg_row: int, row_of: dict[int, int]) -> IntermodalSolution:
    handling = {p.code: p.handling_cost_usd_per_ffe for p in data.ports}
    n_leg = len(data.service.calls)
    sea = np.zeros(len(data.sea))
    inland = np.zeros((len(data.inland), len(data.feeders)))
    legs, feeder_t = np.zeros(n_leg), np.zeros(len(data.feeders))
    for (k, f, way), v in zip(cols.tag, x.tolist(), strict=True):
        if v <= 1e-9:
            continue
        if f < 0:
            sea[k] += v
        else:
            inland[k, f] += v
            feeder_t[f] += v * data.inland[k].t_per_ffe
        legs[list(way.legs)] += v
    carried_in = inland.sum(axis=1)
    revenue = sum(c.revenue_usd_per_ffe * v for c, v in zip(data.sea, sea, strict=True)) + sum(
        c.revenue_usd_per_ffe * v for c, v in zip(data.inland, carried_in, strict=True))
    hand = sum((handling[c.origin] + handling[c.destination]) * v
               for c, v in zip(data.sea, sea, strict=True))
    hand += sum((handling[f.sea_port] + handling[c.destination]) * inland[k, j]
                for k, c in enumerate(data.inland) for j, f in enumerate(data.feeders))
    feeder_cost = float(inland.sum(axis=0) @ np.array([f.cost_usd_per_ffe for f in data.feeders])
                        ) if len(data.feeders) else 0.0
    penalty = sum(c.rejection_penalty_usd_per_ffe * (c.volume_ffe - v)
                  for c, v in zip(data.sea, sea, strict=True)) + sum(
        c.rejection_penalty_usd_per_ffe * (c.volume_ffe - v)
        for c, v in zip(data.inland, carried_in, strict=True))
    feeder_dual = np.zeros(len(data.feeders))
    for f, r in row_of.items():
        feeder_dual[f] = max(0.0, float(dual[r]))
    return IntermodalSolution(
        sea_delivered_ffe=sea, inland_feeder_ffe=inland, leg_flow_ffe=legs,
        leg_dual_usd_per_ffe=np.maximum(dual[leg_row:leg_row + n_leg], 0.0),
        feeder_dual_usd_per_ffe=feeder_dual, feeder_t=feeder_t, revenue_usd=float(revenue),
        handling_cost_usd=float(hand), feeder_cost_usd=feeder_cost, penalty_usd=float(penalty))
