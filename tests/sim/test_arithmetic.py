"""The simulation checked against arithmetic: the proforma with randomness off, and a known
delay (a port strike) followed by hand through the calls."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from tradelane.app.planning import PlanRequest, plan_case
from tradelane.app.resources import Resources
from tradelane.domain import Routing
from tradelane.io.case_toml import read_case
from tradelane.schedule.calendar import at_minute
from tradelane.sim import Policy, Scenario, SimCase, SimParams, Strike, simulate_runs
from tradelane.sim.voyage import RunLog, run_once

from .conftest import CASE_FILE

WEEKS = 26
HORIZON_H = WEEKS * 7 * 24.0


def _log(case: SimCase, policy: Policy, scenario: Scenario | None = None) -> RunLog:
    return run_once(case, scenario or Scenario(), policy, HORIZON_H,
                    np.random.SeedSequence(1), 0, True)


@pytest.mark.parametrize("policy", list(Policy))
def test_randomness_off_sails_the_lane_calendar_exactly(cape: SimCase, policy: Policy) -> None:
    log = _log(cape, policy)
    calendar = cape.calendar
    expected = calendar.calls_for_weeks(WEEKS)
    assert len(log.arrivals) == len(expected) == 138
    got = {(a.ship, a.position + 1): a for a in log.arrivals}
    for call in expected:
        a = got[(call.ship, call.sequence)]
        assert cape.locode(a.index) == call.locode
        assert at_minute(calendar.anchor, a.arrival_h) == call.eta
        assert at_minute(calendar.anchor, a.departure_h) == call.etd
    assert log.skipped == [] and log.omitted == 0


def test_randomness_off_burns_the_planned_fuel_per_round_voyage(
        cape: SimCase, resources: Resources) -> None:
    plan = plan_case(PlanRequest(read_case(CASE_FILE)), resources)
    cost = plan.option(Routing.CAPE).cost
    assert cost is not None
    log = _log(cape, Policy.NONE)
    # ship k opens its first loop on day 7(k - 1) and closes one every 84 days: ships 1 and 2
    # close two loops before day 182, ships 3-12 one (ship 3's second would end on day 182)
    assert len(log.loops_h) == 14
    assert log.loops_h == pytest.approx([84 * 24.0] * 14, abs=1e-6)
    assert log.loops_fuel_t == pytest.approx([cost.fuel_t] * 14, rel=1e-9)
    (figures,) = simulate_runs(cape, SimParams(weeks=WEEKS, runs=1, deterministic=True),
                               None, np.random.SeedSequence(7))
    assert figures.all_calls.on_time == figures.all_calls.calls == 138
    assert figures.co2_t == pytest.approx(cost.co2_t, rel=1e-9)


def _strike_at_ship1_savannah(case: SimCase, days: float, port_buffer_share: float,
                              sea_buffer_share: float) -> tuple[Scenario, float]:
    """A strike at USSAV from an hour before ship 1 is due there on its first loop until
    ``days`` days after that arrival, with the schedule buffer given."""
    index = [case.locode(i) for i in range(case.calls_per_loop)].index("USSAV")
    eta_h, _ = case.scheduled_h(1, index)
    start = case.anchor + timedelta(hours=eta_h - 1)
    return Scenario(strikes=(Strike("USSAV", start, days + 1 / 24),),
                    port_buffer_share=port_buffer_share,
                    sea_buffer_share=sea_buffer_share), eta_h


def test_without_buffer_a_three_day_strike_delays_every_later_call_by_three_days(
        cape: SimCase) -> None:
    scenario, strike_h = _strike_at_ship1_savannah(cape, 3.0, 0.0, 0.0)
    log = _log(cape, Policy.NONE, scenario)
    late = [a for a in log.arrivals if a.arrival_h - a.scheduled_h > 1e-6]
    # by hand: without buffer the Cape proforma has no slack, so ship 1 stays 72 h behind;
    # its calls due from the strike to the horizon are 3 days late, every other call on time
    ship1_after = [c for c in cape.calendar.calls_for_weeks(WEEKS)
                   if c.ship == 1 and c.eta >= at_minute(cape.anchor, strike_h)]
    # ship 1 calls at positions 3 (USSAV, loop 1) to 14 (KRPUS, loop 3, day 172) in 26 weeks
    assert [c.sequence for c in ship1_after] == list(range(4, 16))
    assert sorted((a.ship, a.position + 1) for a in late) == \
        [(1, c.sequence) for c in ship1_after]
    assert all(a.arrival_h - a.scheduled_h == pytest.approx(72.0, abs=1e-6) for a in late)
    (fig,) = simulate_runs(cape, SimParams(weeks=WEEKS, runs=1, deterministic=True),
                           scenario, np.random.SeedSequence(1))
    assert (fig.all_calls.calls, fig.all_calls.late, fig.all_calls.on_time) == (138, 12, 126)
    assert fig.all_calls.on_time_pct == pytest.approx(100 * 126 / 138)
    assert fig.all_calls.late_avg_delay_days == pytest.approx(3.0)
    assert dict(fig.ports)["USSAV"].late == 2   # loops 1 and 2 of ship 1


def test_the_schedule_buffer_absorbs_a_three_day_strike_within_a_loop(cape: SimCase) -> None:
    port, sea = 0.25, 0.05
    scenario, _ = _strike_at_ship1_savannah(cape, 3.0, port, sea)
    log = _log(cape, Policy.NONE, scenario)
    delays = {a.position: a.arrival_h - a.scheduled_h for a in log.arrivals if a.ship == 1}
    departures = {a.position: a.departure_h - cape.scheduled_h(1, a.position)[1]
                  for a in log.arrivals if a.ship == 1}
    v = cape.speed_kn
    # by hand: each call works 24 h × (1 - 0.25) = 18 h, winning back 6 h; each leg sails up
    # to v / (1 - 0.05), winning back 5 % of its scheduled sea time d / v
    won = [sea * cape.legs[i].leg.distance_nm / v for i in range(6)]
    expected = {3: 72.0}
    for position in range(4, 9):
        expected[position] = max(0.0, expected[position - 1] - 6.0 - won[(position - 1) % 6])
    assert expected[6] == pytest.approx(72 - 18 - won[3] - won[4] - won[5])   # CNTAO, 8 h
    assert 0 < expected[7] < 24 and expected[8] == 0.0
    for position in range(3, 9):
        assert delays[position] == pytest.approx(expected[position], abs=1e-6)
    assert departures[3] == pytest.approx(66.0)     # a late ship works 18 h, not 24
    assert departures[8] == pytest.approx(0.0, abs=1e-6)   # never before its scheduled ETD
    assert all(d == pytest.approx(0.0, abs=1e-6) for p, d in delays.items() if p < 3 or p > 8)


def test_speed_up_wins_back_a_strike_on_the_way_home(cape: SimCase) -> None:
    scenario, _ = _strike_at_ship1_savannah(cape, 3.0, 0.0, 0.0)
    log = _log(cape, Policy.SPEED_UP, scenario)
    delays = {(a.ship, a.position): a.arrival_h - a.scheduled_h for a in log.arrivals}
    v, v_max = cape.speed_kn, cape.vessel.max_speed_kn
    sav_chs, chs_ilm = cape.legs[3].leg.distance_nm, cape.legs[4].leg.distance_nm
    # by hand: full speed on the short US legs wins back d/v - d/v_max hours each
    chs = 72.0 - (sav_chs / v - sav_chs / v_max)
    ilm = chs - (chs_ilm / v - chs_ilm / v_max)
    assert delays[(1, 3)] == pytest.approx(72.0)
    assert delays[(1, 4)] == pytest.approx(chs)
    assert delays[(1, 5)] == pytest.approx(ilm)
    assert delays[(1, 6)] == pytest.approx(0.0, abs=1e-6)   # the Cape leg home absorbs the rest
    assert sum(1 for d in delays.values() if d > 24) == 3
