"""Seeds repeat exactly (in this process and in another one); every policy meets the same
weather and delays under one seed (common random numbers)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from tradelane.app.resources import Resources
from tradelane.sim import Policy, Scenario, SimCase, SimParams, simulate, simulate_runs
from tradelane.sim.draws import ship_draws
from tradelane.sim.voyage import run_once

from .conftest import CASE_FILE

HORIZON_H = 26 * 7 * 24.0


def test_the_same_seed_sequence_repeats_bit_for_bit(cape: SimCase) -> None:
    params = SimParams(weeks=12, runs=5, policy=Policy.SPEED_UP)
    first = simulate_runs(cape, params, None, np.random.SeedSequence(3))
    again = simulate_runs(cape, params, None, np.random.SeedSequence(3))
    other = simulate_runs(cape, params, None, np.random.SeedSequence(4))
    assert repr([r.row() for r in first]) == repr([r.row() for r in again])
    assert repr([r.row() for r in first]) != repr([r.row() for r in other])
    summary = simulate(cape, SimParams(weeks=12, runs=5, seed=3, policy=Policy.SPEED_UP)).solution
    assert summary is not None
    assert summary.all_calls.late == sum(r.all_calls.late for r in first)
    assert summary.all_calls.late_delay_days == pytest.approx(
        sum(r.all_calls.late_delay_days for r in first))


def test_runs_do_not_depend_on_how_they_are_batched(cape: SimCase) -> None:
    """Run r of a 6-run call equals run r of a spawned task's own sequence: the draws are keyed
    by (run, ship, source) under the task's seed sequence, never by a counter."""
    ss = np.random.SeedSequence(11)
    six = simulate_runs(cape, SimParams(weeks=8, runs=6), None, ss)
    three = simulate_runs(cape, SimParams(weeks=8, runs=3), None, ss)
    assert repr([r.row() for r in six[:3]]) == repr([r.row() for r in three])


_CHILD = """
import numpy as np
from pathlib import Path
from tradelane.app.resources import Resources
from tradelane.app.simulation import sim_case
from tradelane.geo.distance_cache import DistanceCache
from tradelane.geo.sea_routes import SeaRouter
from tradelane.io.case_toml import read_case
from tradelane.sim import SimParams, simulate_runs
case = sim_case(read_case({case!r}), Resources(SeaRouter(DistanceCache(Path({cache!r})))))
runs = simulate_runs(case, SimParams(weeks=12, runs=4, policy="skip"), None,
                     np.random.SeedSequence(5, spawn_key=(2,)))
print(repr([r.row() for r in runs]))
"""


def test_another_process_gets_the_same_numbers(cape: SimCase, resources: Resources) -> None:
    runs = simulate_runs(cape, SimParams(weeks=12, runs=4, policy=Policy.SKIP), None,
                         np.random.SeedSequence(5, spawn_key=(2,)))
    code = _CHILD.format(case=str(CASE_FILE), cache=str(resources.router.cache.path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == repr([r.row() for r in runs])


@pytest.mark.parametrize("policy", [p for p in Policy if p is not Policy.NONE])
def test_every_policy_meets_the_same_luck(cape: SimCase, policy: Policy) -> None:
    ss = np.random.SeedSequence(8)
    for run in range(3):
        base = run_once(cape, Scenario(), Policy.NONE, HORIZON_H, ss, run, False)
        other = run_once(cape, Scenario(), policy, HORIZON_H, ss, run, False)
        # before any decision (each ship's first call) the two runs are the same
        first = {a.ship: (a.arrival_h, a.departure_h) for a in base.arrivals if a.position == 0}
        assert first == {a.ship: (a.arrival_h, a.departure_h)
                         for a in other.arrivals if a.position == 0}
        # at every call both make, whatever came before, the crane productivity is the same
        work = {(a.ship, a.position): a.work_h for a in base.arrivals}
        shared = [(a, work[(a.ship, a.position)]) for a in other.arrivals
                  if (a.ship, a.position) in work]
        assert len(shared) > 50
        assert len({w for _, w in shared}) > 50       # the factor differs call by call
        for a, hours in shared:
            assert a.work_h == pytest.approx(hours, rel=1e-12)
    # and the variates behind every call are the policy's too: they are keyed by
    # (run, ship, source) and indexed by the call's stream position
    assert np.array_equal(ship_draws(ss, 1, 4, 30).handling,
                          ship_draws(ss, 1, 4, 40).handling[:30])

