"""Stowage: vessel profiles, the loading computer and its rules, the slot and voyage planners.

Import from the submodules (``tradelane.stowage.condition``, ``.check``, ``.profiles``…);
this package imports nothing itself, so that using the loading computer does not load the
planners.
"""
