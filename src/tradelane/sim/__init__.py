"""Voyage and disruption simulation (SimPy): the lane sailed under uncertainty.

Public API (docs/simulation.md): :class:`SimParams`, :class:`Policy`, :class:`SimCase`,
:class:`Scenario` and its events (:class:`Closure`, :class:`Strike`, :class:`DraftLimit`,
:class:`Republication`; :func:`read_scenario`, :func:`parse_scenario`), :func:`simulate`,
the pure :func:`simulate_runs` and :func:`summarise`, :class:`RunFigures`,
:class:`SimSummary`.
"""

from tradelane.sim.figures import Percentiles, Reliability, RunFigures, SimSummary, summarise
from tradelane.sim.model import SimCase, SimLeg
from tradelane.sim.params import Policy, SimParams
from tradelane.sim.run import simulate, simulate_runs
from tradelane.sim.scenario import (
    BerthWait,
    Closure,
    DraftLimit,
    Republication,
    Scenario,
    Strike,
    parse_scenario,
    read_scenario,
)

__all__ = [
    "BerthWait", "Closure", "DraftLimit", "Percentiles", "Policy", "Reliability",
    "Republication", "RunFigures", "Scenario", "SimCase", "SimLeg", "SimParams", "SimSummary",
    "Strike",
    "parse_scenario", "read_scenario", "simulate", "simulate_runs", "summarise",
]
