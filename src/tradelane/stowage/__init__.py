"""Stowage planning: the loading computer, the slot planner, the crane split."""
