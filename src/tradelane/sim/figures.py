"""Figures of a replication (:class:`RunFigures`) and of many (:class:`SimSummary`).

Reliability is measured as Sea-Intelligence does: a call is on time when the ship arrives
within ± 1 day of its scheduled arrival; the average delay of late arrivals is the mean of
(arrival − scheduled) over the calls more than a day late.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import timedelta
from typing import Any

import numpy as np

from tradelane.sim.model import SimCase
from tradelane.sim.scenario import Scenario
from tradelane.sim.voyage import ON_TIME_H, RunLog


@dataclass(frozen=True, slots=True)
class Reliability:
    """Arrival counts of one group of calls (a port, a month, or all)."""

    calls: int = 0
    on_time: int = 0
    late: int = 0
    late_delay_days: float = 0.0
    """Sum of (arrival − scheduled) over the late calls, in days."""

    def plus(self, other: Reliability) -> Reliability:
        """Both groups' counts together."""
        return Reliability(self.calls + other.calls, self.on_time + other.on_time,
                           self.late + other.late, self.late_delay_days + other.late_delay_days)

    @property
    def on_time_pct(self) -> float | None:
        """Share of calls on time, in %; ``None`` without calls."""
        return 100 * self.on_time / self.calls if self.calls else None

    @property
    def late_avg_delay_days(self) -> float | None:
        """Mean delay of the late calls in days; ``None`` without late calls."""
        return self.late_delay_days / self.late if self.late else None


@dataclass(frozen=True, slots=True)
class RunFigures:
    """What one replication produced (per run; ``*_t`` and ``round_voyage_days`` per round
    voyage of one ship, averaged over the ``ship_voyages`` loops completed in the horizon,
    NaN when none).

    ``cost_usd`` is the run's total: bunker, charter, port calls, canal fees and cargo
    (delay of late calls' TEU, rolled TEU of skipped calls and blank sailings); cost per TEU
    divides it by the TEU loaded at the calls made.
    """

    run: int
    policy: str
    all_calls: Reliability
    skipped_calls: int
    omitted_sailings: int
    ship_voyages: int
    round_voyage_days: float
    fuel_t: float
    co2_t: float
    cost_usd_per_teu: float
    fuel_total_t: float
    co2_total_t: float
    bunker_usd: float
    cost_usd: float
    cargo_delayed_teu: float
    cargo_rolled_teu: float
    cargo_cost_usd: float
    ports: tuple[tuple[str, Reliability], ...]
    months: tuple[tuple[str, Reliability], ...]

    def row(self) -> dict[str, Any]:
        """One flat row (scalars only), e.g. for Parquet: per-port and per-month counts as
        ``port.<LOCODE>.<count>`` and ``month.<YYYY-MM>.<count>`` columns."""
        row: dict[str, Any] = {k: getattr(self, k) for k in (
            "run", "policy", "skipped_calls", "omitted_sailings", "ship_voyages",
            "round_voyage_days",
            "fuel_t", "co2_t", "cost_usd_per_teu", "fuel_total_t", "co2_total_t",
            "bunker_usd", "cost_usd", "cargo_delayed_teu", "cargo_rolled_teu",
            "cargo_cost_usd")}
        row |= asdict(self.all_calls)
        row["on_time_pct"] = self.all_calls.on_time_pct
        for prefix, groups in (("port", self.ports), ("month", self.months)):
            for key, rel in groups:
                row |= {f"{prefix}.{key}.{k}": v for k, v in asdict(rel).items()}
        return row


def run_figures(case: SimCase, scenario: Scenario, log: RunLog, run: int,
                policy: str) -> RunFigures:
    """The figures of one replication's log."""
    ports: dict[str, Reliability] = {}
    months: dict[str, Reliability] = {}
    total = Reliability()
    delayed_teu = delay_cost = loaded_teu = 0.0
    for a in sorted(log.arrivals, key=lambda a: (a.scheduled_h, a.ship, a.position)):
        delay_h = a.arrival_h - a.scheduled_h
        late = delay_h > ON_TIME_H
        one = Reliability(1, int(abs(delay_h) <= ON_TIME_H), int(late),
                          delay_h / 24 if late else 0.0)
        total = total.plus(one)
        port = case.locode(a.index)
        ports[port] = ports.get(port, Reliability()).plus(one)
        month = f"{case.anchor + timedelta(hours=a.scheduled_h):%Y-%m}"
        months[month] = months.get(month, Reliability()).plus(one)
        loaded_teu += case.loaded_teu[a.index]
        if late:
            delayed_teu += case.moved_teu[a.index]
            delay_cost += case.moved_teu[a.index] * delay_h / 24 \
                * scenario.cargo_delay_usd_per_teu_day
    frequency = case.calendar.proforma.frequency_days
    rolled = sum(case.moved_teu[i] for _, i in log.skipped) + log.omitted * sum(case.loaded_teu)
    cargo_cost = delay_cost + rolled * (scenario.reroute_usd_per_teu
                                        + frequency * scenario.cargo_delay_usd_per_teu_day)
    fuel = log.sea_fuel_t + log.idle_fuel_t
    bunker = fuel * case.bunker_usd_per_t
    cost = (bunker + log.ship_hours / 24 * case.vessel.charter_usd_per_day + log.port_usd
            + log.canal_usd + cargo_cost)
    loops = len(log.loops_h)
    return RunFigures(
        run=run, policy=policy, all_calls=total, skipped_calls=len(log.skipped),
        omitted_sailings=log.omitted, ship_voyages=loops,
        round_voyage_days=sum(log.loops_h) / loops / 24 if loops else math.nan,
        fuel_t=sum(log.loops_fuel_t) / loops if loops else math.nan,
        co2_t=sum(log.loops_fuel_t) / loops * case.co2_t_per_t if loops else math.nan,
        cost_usd_per_teu=cost / loaded_teu if loaded_teu else math.nan,
        fuel_total_t=fuel, co2_total_t=fuel * case.co2_t_per_t, bunker_usd=bunker,
        cost_usd=cost, cargo_delayed_teu=delayed_teu, cargo_rolled_teu=rolled,
        cargo_cost_usd=cargo_cost, ports=tuple(ports.items()),
        months=tuple(sorted(months.items())))


@dataclass(frozen=True, slots=True)
class Percentiles:
    """P10, P50 and P90 of a figure over the runs (``None`` when no run has it)."""

    p10: float | None
    p50: float | None
    p90: float | None

    @classmethod
    def of(cls, values: Iterable[float]) -> Percentiles:
        """The percentiles of ``values``, NaNs left out."""
        data = np.asarray([v for v in values if not math.isnan(v)], dtype=float)
        if data.size == 0:
            return cls(None, None, None)
        p10, p50, p90 = (float(x) for x in np.percentile(data, [10, 50, 90]))
        return cls(p10, p50, p90)


@dataclass(frozen=True, slots=True)
class SimSummary:
    """Many replications summed up (every count pooled over the runs).

    Attributes
    ----------
    runs : int
    policy : str
    all_calls : Reliability
        Pooled counts: ``on_time_pct`` and ``late_avg_delay_days`` come from them.
    ports, months : Mapping[str, Reliability]
        Pooled counts by UN/LOCODE and by month of the scheduled arrival (``YYYY-MM``).
    round_voyage_days, fuel_t, co2_t, cost_usd_per_teu : Percentiles
        Over the runs.
    means : Mapping[str, float]
        Per-run means of skipped calls, blank sailings, cargo delayed and rolled (TEU), cargo
        cost, bunker and total cost (USD), fuel and CO2 (t).
    """

    runs: int
    policy: str
    all_calls: Reliability
    ports: Mapping[str, Reliability]
    months: Mapping[str, Reliability]
    round_voyage_days: Percentiles
    fuel_t: Percentiles
    co2_t: Percentiles
    cost_usd_per_teu: Percentiles
    means: Mapping[str, float]

    @property
    def on_time_pct(self) -> float | None:
        """Share of all calls on time, in %."""
        return self.all_calls.on_time_pct

    @property
    def late_avg_delay_days(self) -> float | None:
        """Mean delay of late calls, in days."""
        return self.all_calls.late_avg_delay_days

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: the keys ``tradelane simulate --json`` prints."""
        def rel(r: Reliability) -> dict[str, Any]:
            return {"calls": r.calls, "on_time_pct": r.on_time_pct,
                    "late_avg_delay_days": r.late_avg_delay_days}

        return {"runs": self.runs, "policy": self.policy, "calls": self.all_calls.calls,
                "on_time_pct": self.on_time_pct,
                "late_avg_delay_days": self.late_avg_delay_days,
                "ports": {k: rel(v) for k, v in self.ports.items()},
                "months": {k: rel(v) for k, v in self.months.items()},
                **{name: asdict(getattr(self, name)) for name in (
                    "round_voyage_days", "fuel_t", "co2_t", "cost_usd_per_teu")},
                "means": dict(self.means)}


_MEANS = ("skipped_calls", "omitted_sailings", "cargo_delayed_teu", "cargo_rolled_teu",
          "cargo_cost_usd", "bunker_usd", "cost_usd", "fuel_total_t", "co2_total_t")


def summarise(runs: Sequence[RunFigures]) -> SimSummary:
    """Pool the figures of ``runs`` (at least one, all of one policy)."""
    if not runs:
        raise ValueError("summarise needs at least one run")
    total = Reliability()
    ports: dict[str, Reliability] = {}
    months: dict[str, Reliability] = {}
    for r in runs:
        total = total.plus(r.all_calls)
        for key, rel in r.ports:
            ports[key] = ports.get(key, Reliability()).plus(rel)
        for key, rel in r.months:
            months[key] = months.get(key, Reliability()).plus(rel)
    return SimSummary(
        runs=len(runs), policy=runs[0].policy, all_calls=total, ports=ports,
        months=dict(sorted(months.items())),
        round_voyage_days=Percentiles.of(r.round_voyage_days for r in runs),
        fuel_t=Percentiles.of(r.fuel_t for r in runs),
        co2_t=Percentiles.of(r.co2_t for r in runs),
        cost_usd_per_teu=Percentiles.of(r.cost_usd_per_teu for r in runs),
        means={k: float(np.mean([getattr(r, k) for r in runs])) for k in _MEANS})
