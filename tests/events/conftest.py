"""Fixtures of the events tests (helpers in ``eventkit``)."""

from eventkit import desk  # noqa: F401  (fixture)
