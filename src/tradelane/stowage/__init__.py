"""Stowage: load lists, dangerous-goods rules, the loading computer, the slot planners and the
crane split."""
