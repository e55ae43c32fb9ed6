"""Fixtures of the API tests; the helpers live in ``apikit`` (a unique module name, so that
``from apikit import …`` never resolves to another folder's conftest)."""

from apikit import auto_server, server  # noqa: F401  (fixtures)
