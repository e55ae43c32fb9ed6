"""What the exact solver's lanes share: the best plan, the best bound, and a finish flag.

The exact solver has two ways to close the gap after the LP bound (:mod:`.exact`): *threshold
dives* (small MIPs asking "is the optimum at most T?" for T from the bound up) and the *final
MIP* over every arc of a plan cheaper than the incumbent. Neither dominates: dives win where
the root of each small MIP settles it, the final MIP where every dive must branch
(docs/berth.md has the measurements). With two threads both run at once (HiGHS releases the
GIL), each single-threaded, and the first to prove ends both; with one thread the dives get a
share of the time and the final MIP the rest.
"""

from __future__ import annotations

import threading

from tradelane.domain.berth import BerthInstance, BerthPlan


class Race:
    """Best plan and lower bound found so far by any lane; thread-safe."""

    def __init__(self, inst: BerthInstance, plan: BerthPlan, lb: float) -> None:
        self._inst = inst
        self._lock = threading.Lock()
        self._plan = plan
        self._ub = plan.weighted_service_h(inst)
        self._lb = lb
        self._done = threading.Event()

    def offer(self, plan: BerthPlan) -> None:
        """Keep ``plan`` if it is cheaper than the best so far (the caller checked it)."""
        cost = plan.weighted_service_h(self._inst)
        with self._lock:
            if cost < self._ub - 1e-9:
                self._plan, self._ub = plan, cost
                if self._lb >= cost - 1e-6:
                    self._done.set()

    def raise_bound(self, lb: float) -> None:
        """Record a proven lower bound; the race is over once it meets the best plan."""
        with self._lock:
            self._lb = max(self._lb, lb)
            if self._lb >= self._ub - 1e-6:
                self._done.set()

    def finish(self) -> None:
        """Stop every lane (time is up, or a lane proved the optimum)."""
        self._done.set()

    @property
    def done(self) -> bool:
        """True once the optimum is proven or :meth:`finish` was called."""
        return self._done.is_set()

    @property
    def best(self) -> tuple[BerthPlan, float, float]:
        """The best plan, its cost and the best lower bound."""
        with self._lock:
            return self._plan, self._ub, self._lb
