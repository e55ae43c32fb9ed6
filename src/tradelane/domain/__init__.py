"""Frozen, validated domain records with units in field names; no I/O, no solvers."""
