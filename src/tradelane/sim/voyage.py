"""One replication: every ship of the fleet sails its calls as a SimPy process.

Clock: hours from the lane calendar's anchor. A ship appears at its first call at the
scheduled arrival; at each call it berths no earlier than the scheduled arrival (the berth
window), after the port's berth wait and any strike, works cargo for the scheduled stay less
its buffer times the handling factor and departs no earlier than the scheduled departure; then
the policy picks the next call and the speed and the ship sails the leg (or its detour when a
canal on it is closed or too shallow) at the planned speed over ground, spending up to the sea
margin's extra power against the weather, queueing and transiting at each canal. Arrival is
the berthing time, as the proforma's ETA is. Each loop sails the schedule in force when it
opens (a re-published one from its date). Calls whose scheduled arrival lies beyond the
horizon are not sailed.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import numpy as np
import simpy

from tradelane.sim.areas import SPEED_LOSS_MAX, SPEED_LOSS_MEAN, mean_speed_loss
from tradelane.sim.draws import ShipDraws, exponential, lognormal, median_one, ship_draws
from tradelane.sim.model import SimCase, SimLeg
from tradelane.sim.params import Policy
from tradelane.sim.scenario import Scenario

ON_TIME_H = 24.0
"""A call is on time within ± this many hours of its scheduled arrival (Sea-Intelligence)."""


@dataclass(slots=True)
class Arrival:
    """One call made: ship, stream position, rotation index, scheduled and actual arrival,
    departure, and the hours of cargo work (the stay less its buffer, times the handling
    factor)."""

    ship: int
    position: int
    index: int
    scheduled_h: float
    arrival_h: float
    departure_h: float
    work_h: float = 0.0


@dataclass(slots=True)
class RunLog:
    """Everything one replication records."""

    arrivals: list[Arrival] = field(default_factory=list)
    skipped: list[tuple[int, int]] = field(default_factory=list)   # (ship, rotation index)
    omitted: int = 0
    loops_h: list[float] = field(default_factory=list)             # round-voyage hours
    loops_fuel_t: list[float] = field(default_factory=list)
    sea_fuel_t: float = 0.0
    idle_fuel_t: float = 0.0
    canal_usd: float = 0.0
    port_usd: float = 0.0
    ship_hours: float = 0.0


def run_once(case: SimCase, scenario: Scenario, policy: Policy, horizon_h: float,
             seed_sequence: np.random.SeedSequence, run: int, deterministic: bool) -> RunLog:
    """Sail every ship once through the horizon; the log of what happened."""
    env = simpy.Environment()
    log = RunLog()
    for ship in range(1, case.ships + 1):
        positions = _positions(case, ship, horizon_h)
        if positions == 0:
            continue
        draws = None if deterministic else ship_draws(seed_sequence, run, ship, positions + 2)
        sailor = _Ship(case, scenario, policy, horizon_h, ship, draws, log)
        env.process(sailor.sail(env))
    env.run()
    return log


def _positions(case: SimCase, ship: int, horizon_h: float) -> int:
    """Stream positions of ``ship`` with a scheduled arrival inside the horizon."""
    first, _ = case.scheduled_h(ship, 0)
    if first >= horizon_h:
        return 0
    loop_h = case.calendar.proforma.round_trip_days * 24
    return (math.ceil((horizon_h - first) / loop_h) + 1) * case.calls_per_loop


class _Ship:
    """One ship's process and its policy."""

    def __init__(self, case: SimCase, scenario: Scenario, policy: Policy, horizon_h: float,
                 ship: int, draws: ShipDraws | None, log: RunLog) -> None:
        self.case, self.scenario, self.policy = case, scenario, policy
        self.horizon_h, self.ship, self.draws, self.log = horizon_h, ship, draws, log
        self.shift_h = 0.0            # one frequency per blanked sailing
        self.route: deque[tuple[int, SimLeg]] = deque()
        self.loop_start: tuple[int, float, float] | None = None   # (loop, time, fuel)
        self.fuel_t = 0.0
        self.visited: set[int] = set()

    # ---- schedule -----------------------------------------------------------------------
    def plan(self, position: int) -> SimCase:
        """The schedule (SimCase) in force for the loop of stream ``position``."""
        if not self.case.republished:
            return self.case
        first = position - position % self.case.calls_per_loop
        return self.case.plan_for_loop(self.case.scheduled_h(self.ship, first)[0] + self.shift_h)

    def scheduled(self, position: int) -> tuple[float, float]:
        eta, etd = self.plan(position).scheduled_h(self.ship, position)
        return eta + self.shift_h, etd + self.shift_h

    def _draw(self, name: str, position: int) -> float:
        return float(getattr(self.draws, name)[position]) if self.draws is not None else 0.0

    # ---- the process --------------------------------------------------------------------
    def sail(self, env: simpy.Environment) -> Generator[simpy.Event, Any, None]:
        n = self.case.calls_per_loop
        position = 0
        start, _ = self.scheduled(0)
        yield env.timeout(start)
        while True:
            eta, etd = self.scheduled(position)
            index = position % n
            self._loop_boundary(position // n, env.now)
            berth = self._berth_time(position, index, max(env.now, eta))
            self._idle(berth - env.now)
            yield env.timeout(berth - env.now)
            work = self.plan(position).stay_h(index) * (1 - self.scenario.port_buffer_share) \
                * self._handling(position)
            stay = max(berth + work, etd) - berth
            self._idle(stay)
            yield env.timeout(stay)
            self.log.arrivals.append(Arrival(self.ship, position, index, eta, berth, env.now,
                                             work))
            self.visited.add(position)
            self.log.port_usd += self.case.call_cost_usd[index]
            target, leg = self._next(position, env.now)
            if self.scheduled(target)[0] >= self.horizon_h:
                break
            ahead = {p for p, _ in self.route}
            for skipped in range(position + 1, target):
                if skipped not in self.visited and skipped not in ahead:
                    self.log.skipped.append((self.ship, skipped % n))
            yield env.timeout(self._leg_time(leg, position, target, env.now))
            position = target
        self.log.ship_hours += env.now - start

    def _loop_boundary(self, loop: int, now: float) -> None:
        if self.loop_start is None:
            self.loop_start = (loop, now, self.fuel_t)
        elif loop > self.loop_start[0]:
            self.log.loops_h.append(now - self.loop_start[1])
            self.log.loops_fuel_t.append(self.fuel_t - self.loop_start[2])
            self.loop_start = (loop, now, self.fuel_t)

    def _berth_time(self, position: int, index: int, ready: float) -> float:
        port = self.case.locode(index)
        wait = self.scenario.wait_at(port)
        hours = 0.0
        if self.draws is not None and self._draw("berth_wait", position) < wait.probability:
            hours = lognormal(wait.mean_h, wait.cv, self._draw("berth_time", position))
        return self._after_strikes(port, ready + hours)

    def _after_strikes(self, port: str, moment: float) -> float:
        for strike in self.scenario.strikes:
            if strike.port == port:
                start = self._hours(strike.start)
                if start <= moment < start + strike.days * 24:
                    moment = start + strike.days * 24
        return moment

    def _handling(self, position: int) -> float:
        if self.draws is None:
            return 1.0
        return median_one(self.scenario.handling_cv, self._draw("handling", position))

    def _hours(self, moment: Any) -> float:
        return float((moment - self.case.anchor) / timedelta(hours=1))

    # ---- the policy ---------------------------------------------------------------------
    def _next(self, position: int, now: float) -> tuple[int, SimLeg]:
        """The next call's stream position and the leg to it, by the policy."""
        if self.route:
            return self.route.popleft()
        n = self.case.calls_per_loop
        index = position % n
        plan = self.plan(position)
        plain = (position + 1, plan.legs[index])
        late_h = self._projected(plain[1], position, now) - self.scheduled(position + 1)[0]
        if self.policy is Policy.SKIP and late_h > ON_TIME_H:
            skip = plan.skips[index]
            if skip is not None:
                return position + 2, skip
        if self.policy is Policy.SWAP and plan.swaps[index] is not None:
            struck = self._struck((position + 1) % n, now + late_h)
            if late_h > ON_TIME_H or struck:
                first, back, on = plan.swaps[index]  # type: ignore[misc]
                self.route.extend([(position + 1, back), (position + 3, on)])
                return position + 2, first
        if self.policy is Policy.OMIT_SAILING and (position + 1) % n == 0 and \
                late_h > self.case.calendar.proforma.frequency_days * 12:
            self.shift_h += self.case.calendar.proforma.frequency_days * 24
            self.log.omitted += 1
        return plain

    def _struck(self, index: int, moment: float) -> bool:
        port = self.case.locode(index)
        return self._after_strikes(port, moment) > moment

    def _projected(self, leg: SimLeg, position: int, now: float) -> float:
        """Arrival at the next call by ``leg`` within the proforma's buffer (the weather of
        the leg known)."""
        plan = self.plan(position)
        sim_leg = self._routed(leg, now, plan)
        loss = self._loss(sim_leg, position, now)
        canal_h = self._canal_h(sim_leg, position)
        left_h = self.scheduled(position + 1)[0] - now - canal_h
        _, sog = self._speeds(plan, sim_leg.leg.distance_nm, left_h, loss, recover=False)
        return now + sim_leg.leg.distance_nm / sog + canal_h

    # ---- sailing ------------------------------------------------------------------------
    def _routed(self, leg: SimLeg, now: float, plan: SimCase) -> SimLeg:
        """``leg``, or its detour when a canal on it is closed or too shallow at ``now``."""
        moment = self.case.anchor + timedelta(hours=now)
        for canal in sorted(leg.canals):
            limit = self.scenario.draft_limit_m(canal, moment)
            shallow = limit is not None and limit < self.case.vessel.design_draft_m
            if self.scenario.closed(canal, moment) or shallow:
                index = self._leg_index(leg, plan)
                detours = plan.detours.get(canal)
                detour = detours[index] if detours is not None and index is not None else None
                if detour is not None:
                    return detour
        return leg

    @staticmethod
    def _leg_index(leg: SimLeg, plan: SimCase) -> int | None:
        for i, planned in enumerate(plan.legs):
            if planned is leg:
                return i
        return None

    def _loss(self, leg: SimLeg, position: int, now: float) -> float:
        if self.draws is None:
            return 0.0
        month = (self.case.anchor + timedelta(hours=now)).month
        mean = mean_speed_loss(leg.areas, month, SPEED_LOSS_MEAN) * self.scenario.weather_scale
        loss = lognormal(mean, self.scenario.weather_cv, self._draw("weather", position))
        return min(loss, SPEED_LOSS_MAX)

    def _canal_h(self, leg: SimLeg, position: int) -> float:
        hours = leg.leg.canal_transit_h
        if self.draws is not None:
            for canal in sorted(leg.canals):
                mean_days = self.scenario.canal_wait_mean_days.get(canal, 0.0)
                hours += 24 * exponential(mean_days, self._draw("canal", position))
        return hours

    def _leg_time(self, leg: SimLeg, position: int, target: int, now: float) -> float:
        """Hours from departure to arrival at the end of ``leg``; fuel and fees booked."""
        plan = self.plan(position)
        sailed = self._routed(leg, now, plan)
        loss = self._loss(sailed, position, now)
        canal_h = self._canal_h(sailed, position)
        left_h = self.scheduled(target)[0] - now - canal_h
        speed, sog = self._speeds(plan, sailed.leg.distance_nm, left_h, loss,
                                  recover=self.policy is Policy.SPEED_UP)
        sea_h = sailed.leg.distance_nm / sog
        self._sea(speed, sea_h)
        self._idle(canal_h)
        self.log.canal_usd += sum(self.case.canal_fee_usd.get(c, 0.0) for c in sailed.canals)
        return sea_h + canal_h

    def _speeds(self, plan: SimCase, distance_nm: float, left_h: float, loss: float, *,
                recover: bool) -> tuple[float, float]:
        """Speed set (calm-water equivalent, which the fuel law prices) and speed over ground
        for a leg of ``distance_nm`` due in ``left_h`` hours, against a speed loss ``loss``.

        The ship aims at the scheduled arrival over ground: never slower than the proforma
        speed, never faster than the proforma speed plus the schedule's sea buffer; it holds
        that speed against the weather within the sea margin's extra power (cubic law). With
        ``recover`` (``speed-up``) it sets whatever the arrival needs, up to the class maximum.
        """
        base = plan.speed_kn
        needed = distance_nm / left_h if left_h > 0 else math.inf
        target = min(max(needed, base), base / (1 - self.scenario.sea_buffer_share))
        speed = min(target / (1 - loss), target * (1 + self.scenario.sea_margin) ** (1 / 3))
        if recover:
            speed = min(max(needed / (1 - loss), speed),
                        max(self.case.vessel.max_speed_kn, speed))
        return speed, speed * (1 - loss)

    def _sea(self, speed_kn: float, hours: float) -> None:
        fuel = self.case.vessel.sea_fuel_t_per_day(speed_kn) * hours / 24
        self.log.sea_fuel_t += fuel
        self.fuel_t += fuel

    def _idle(self, hours: float) -> None:
        fuel = self.case.vessel.idle_fuel_t_per_day * hours / 24
        self.log.idle_fuel_t += fuel
        self.fuel_t += fuel


def iter_arrivals(log: RunLog) -> Iterator[Arrival]:
    """The log's arrivals ordered by scheduled time, then ship."""
    return iter(sorted(log.arrivals, key=lambda a: (a.scheduled_h, a.ship)))
