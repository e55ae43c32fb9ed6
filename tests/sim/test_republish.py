"""A schedule re-published mid-horizon: each loop sails the proforma in force when it opens."""

from __future__ import annotations

from datetime import timedelta

import numpy as np
import pytest

from tradelane.app.resources import Resources
from tradelane.app.simulation import sim_case
from tradelane.errors import InputError
from tradelane.io.case_toml import read_case
from tradelane.sim import Policy, Republication, Scenario, SimCase, SimParams, simulate_runs
from tradelane.sim.voyage import run_once

from .conftest import CASE_FILE

WEEKS = 26


@pytest.fixture(scope="module")
def republished(resources: Resources, suez: SimCase) -> SimCase:
    """The Suez schedule, re-published for the Cape 30 days after the calendar's start."""
    moment = suez.anchor + timedelta(days=30)
    return sim_case(read_case(CASE_FILE), resources, routing="suez",
                    republish=((moment, "cape"),))


def test_randomness_off_each_loop_keeps_the_schedule_in_force_when_it_opened(
        republished: SimCase, suez: SimCase, cape: SimCase) -> None:
    scenario = Scenario(republications=(Republication(suez.anchor + timedelta(days=30),
                                                      "cape"),))
    log = run_once(republished, scenario, Policy.NONE, WEEKS * 7 * 24.0,
                   np.random.SeedSequence(1), 0, True)
    n = suez.calls_per_loop
    seen = set()
    for a in log.arrivals:
        # ship k opens loop L on day 7 (k - 1) + 84 L: before day 30 the Suez proforma
        opens_d = 7 * (a.ship - 1) + 84 * (a.position // n)
        plan = cape if opens_d >= 30 else suez
        eta, etd = plan.scheduled_h(a.ship, a.position)
        assert a.arrival_h == pytest.approx(eta, abs=1e-6)
        assert a.departure_h == pytest.approx(etd, abs=1e-6)
        assert republished.published_h(a.ship, a.position) == (eta, etd)   # the voyage view
        seen.add(plan.routing)
    assert seen == {"suez", "cape"} and len(log.arrivals) == 138
    # the two proformas differ: a Suez loop reaches Savannah later than a Cape one
    assert suez.calendar.proforma.calls[3].eta_h > cape.calendar.proforma.calls[3].eta_h + 4


def test_a_scenario_needs_the_simcase_planned_with_its_republications(suez: SimCase) -> None:
    scenario = Scenario(republications=(Republication(suez.anchor, "cape"),))
    with pytest.raises(InputError, match=r"scenario\.republish"):
        simulate_runs(suez, SimParams(runs=1, weeks=4), scenario, np.random.SeedSequence(1))
