"""What the use cases share in one process: the sea router and its distance cache.

Loading the sea-route network and the distance cache is slow next to a plan (see
docs/benchmarks.md, plan cold vs warm), and the router is not thread-safe, so a process builds
one :class:`Resources` (``Resources.for_process()``) and every face — the CLI, the API, the
dashboard — plans through it under its lock.
"""

from __future__ import annotations

import functools
import threading
from dataclasses import dataclass, field

from tradelane.geo.distance_cache import DistanceCache, default_cache_path
from tradelane.geo.sea_routes import SeaRouter


@dataclass(slots=True)
class Resources:
    """The router (with its on-disk distance cache) and the lock that serialises it."""

    router: SeaRouter
    lock: threading.RLock = field(default_factory=threading.RLock)

    @staticmethod
    @functools.cache
    def for_process() -> Resources:
        """The process's shared resources, built on first use."""
        return Resources(SeaRouter(DistanceCache(default_cache_path())))
