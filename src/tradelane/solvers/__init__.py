"""Helpers shared by the solver packages (``flow``, ``berth``, ...)."""
