"""Stowage planning: which slot each container takes (solvers layer; records in ``domain``)."""
