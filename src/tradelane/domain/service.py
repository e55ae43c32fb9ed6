"""Liner services: a rotation of port calls sailed at a fixed frequency."""

from __future__ import annotations

from dataclasses import dataclass

from tradelane.domain import _checks
from tradelane.errors import InputError


@dataclass(frozen=True, slots=True)
class Service:
    """A liner service: a closed loop of calls (the last call sails back to the first).

    Attributes
    ----------
    code : str
        Service code, at most 5 characters (the DCSA Track & Trace limit).
    rotation : tuple[str, ...]
        UN/LOCODEs in call order; a port may be called twice (a "butterfly" rotation) but
        never twice in a row.
    frequency_days : float
        Days between two departures from the same port (7 for a weekly service).
    port_stay_h : tuple[float | None, ...]
        Hours at berth per call, one per entry of ``rotation``; ``None`` where the stay is to
        be computed from the terminal's cranes and the call's moves (``port_stay_h =
        "computed"`` in the case file).
    """

    code: str
    name: str
    rotation: tuple[str, ...]
    frequency_days: float
    port_stay_h: tuple[float | None, ...]

    def __post_init__(self) -> None:
        _checks.text("service.code", self.code, max_len=5)
        _checks.text("service.name", self.name)
        _checks.positive("service.frequency_days", self.frequency_days)
        for i, code in enumerate(self.rotation):
            _checks.locode(f"service.rotation[{i}]", code)
        if len(self.rotation) < 2:
            raise InputError("service.rotation", list(self.rotation),
                             "needs at least two port calls")
        n = len(self.rotation)
        for i, code in enumerate(self.rotation):
            if self.rotation[(i + 1) % n] == code:
                raise InputError(f"service.rotation[{i}]", code,
                                 "is called twice in a row; a leg needs two different ports")
        if len(self.port_stay_h) != n:
            raise InputError("service.port_stay_h", list(self.port_stay_h),
                             f"needs one value per call ({n})")
        for i, hours in enumerate(self.port_stay_h):
            if hours is not None:
                _checks.positive(f"port_stay_h at {self.rotation[i]}", hours)

    @property
    def legs(self) -> tuple[tuple[str, str], ...]:
        """``(from, to)`` per leg, including the leg that closes the loop."""
        n = len(self.rotation)
        return tuple((self.rotation[i], self.rotation[(i + 1) % n]) for i in range(n))
