"""Kept for the flow modules' imports: the helper lives in :mod:`tradelane.solvers.highs`."""

from tradelane.solvers.highs import quiet_highs

__all__ = ["quiet_highs"]
