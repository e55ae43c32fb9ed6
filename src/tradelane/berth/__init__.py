"""Berth allocation: which berth and when for each ship, minimising weighted time in port."""

from tradelane.berth.check import is_feasible, plan_violations
from tradelane.berth.solve import BerthParams, BerthSolver, solve

__all__ = ["BerthParams", "BerthSolver", "is_feasible", "plan_violations", "solve"]
