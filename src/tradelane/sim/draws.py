"""Random draws with common random numbers: one stream per run, ship and source.

Every stream is a ``numpy.random.Generator`` (PCG64) seeded by a child of the caller's
``SeedSequence`` whose spawn key appends ``(run, ship, source)``. A stream draws one value per
stream position of the ship (its call sequence − 1), so a policy that skips, swaps or blanks
calls still meets, at every call, the same weather, berth wait and handling as any other
policy under the same seed. Only standard variates are drawn here; the distributions turn
them into hours and shares (:mod:`tradelane.sim.voyage`), so that a changed route or
parameter keeps the same luck.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

SOURCES = ("weather", "berth_wait", "berth_time", "handling", "canal")
"""The random sources, in the order of their spawn-key index."""


@dataclass(frozen=True, slots=True)
class ShipDraws:
    """Standard variates of one ship in one run, indexed by stream position.

    ``weather``, ``berth_time`` and ``handling`` are standard normal; ``berth_wait`` and
    ``canal`` uniform on [0, 1).
    """

    weather: NDArray[np.float64]
    berth_wait: NDArray[np.float64]
    berth_time: NDArray[np.float64]
    handling: NDArray[np.float64]
    canal: NDArray[np.float64]


def stream(seed_sequence: np.random.SeedSequence, run: int, ship: int,
           source: str) -> np.random.Generator:
    """The generator of ``source`` for ``ship`` in ``run`` (pure: no state is consumed from
    ``seed_sequence``)."""
    child = np.random.SeedSequence(
        seed_sequence.entropy,
        spawn_key=(*seed_sequence.spawn_key, run, ship, SOURCES.index(source)))
    return np.random.Generator(np.random.PCG64(child))


def ship_draws(seed_sequence: np.random.SeedSequence, run: int, ship: int,
               positions: int) -> ShipDraws:
    """``positions`` variates of every source for ``ship`` in ``run``."""
    def normal(source: str) -> NDArray[np.float64]:
        return stream(seed_sequence, run, ship, source).standard_normal(positions)

    def uniform(source: str) -> NDArray[np.float64]:
        return stream(seed_sequence, run, ship, source).random(positions)

    return ShipDraws(weather=normal("weather"), berth_wait=uniform("berth_wait"),
                     berth_time=normal("berth_time"), handling=normal("handling"),
                     canal=uniform("canal"))


def lognormal(mean: float, cv: float, z: float) -> float:
    """The lognormal value of mean ``mean`` and coefficient of variation ``cv`` at standard
    normal ``z`` (``mean`` itself when ``cv`` is 0; 0 when ``mean`` is 0)."""
    if mean <= 0:
        return 0.0
    s2 = math.log1p(cv * cv)
    return math.exp(math.log(mean) - s2 / 2 + math.sqrt(s2) * z)


def median_one(cv: float, z: float) -> float:
    """A lognormal factor of median 1 and coefficient of variation ``cv`` at ``z``."""
    return math.exp(math.sqrt(math.log1p(cv * cv)) * z)


def exponential(mean: float, u: float) -> float:
    """The exponential value of mean ``mean`` at uniform ``u`` (inverse CDF)."""
    return -mean * math.log1p(-u)
