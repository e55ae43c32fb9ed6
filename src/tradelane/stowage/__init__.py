"""Stowage: load lists, dangerous-goods rules, the loading computer and the slot planners."""
