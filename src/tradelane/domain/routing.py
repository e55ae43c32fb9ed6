"""Routing options between oceans: via Panama, via Suez, or round the Cape of Good Hope."""

from __future__ import annotations

import enum


class Routing(enum.StrEnum):
    """Which interoceanic canal a service's ocean legs may use.

    ``PANAMA`` may use Panama and not Suez, ``SUEZ`` the reverse, ``CAPE`` neither (the legs
    go round the Cape of Good Hope, or Cape Horn, wherever they must).
    """

    PANAMA = "panama"
    SUEZ = "suez"
    CAPE = "cape"

    @property
    def canal(self) -> str | None:
        """The canal this routing may use, ``None`` for the Cape."""
        return None if self is Routing.CAPE else self.value

    @property
    def avoided_canals(self) -> frozenset[str]:
        """Canals the routing must not use."""
        return frozenset({"panama", "suez"} - {self.value})


CANALS = ("panama", "suez")
