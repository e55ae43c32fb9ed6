"""The HiGHS runtime: the process-wide state every HiGHS run shares, in one object.

HiGHS keeps one task scheduler per process, sized by the thread count of the first run that
starts it; a later run asking for another count fails ("Not Set") unless the scheduler is
restarted first, and restarting it while a run is going on breaks that run. A run may also
outlive the solve that started it: the berth race leaves a final MIP in a long root LP to stop
by itself. :class:`HighsRuntime` owns both, plus the quiet construction of ``highspy.Highs``:

* :meth:`HighsRuntime.highs` builds a run (banner kept off stdout) and restarts the scheduler,
  under a lock and after the lingering runs have stopped, when the thread count changes;
* :meth:`HighsRuntime.start_lingering` starts a thread that may outlive its solve;
* :meth:`HighsRuntime.settle` waits for those threads and returns the seconds waited, so that a
  benchmark charges them to the run that started them;
* :meth:`HighsRuntime.close` settles and refuses further work; :data:`RUNTIME`, the process's
  runtime, is closed at interpreter exit (a HiGHS run still going then aborts the process).
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
import time
from collections.abc import Mapping
from typing import Any

import highspy


class HighsRuntime:
    """HiGHS's process-wide state: scheduler thread count, lingering runs, quiet construction.

    The scheduler is process-wide, so one runtime per process (:data:`RUNTIME`) is the rule:
    a second one sizing the scheduler would leave the first with a wrong idea of its count
    (tests make their own only to exercise the thread lifecycle). The first sized run restarts
    the scheduler, as this runtime does not know what count it was started with (a restart
    before any run is harmless).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._threads: int | None = None  # scheduler's thread count; None: unknown
        self._lingering: list[threading.Thread] = []
        self._restarts = 0
        self._closed = False

    @property
    def scheduler_threads(self) -> int | None:
        """Thread count the scheduler was last sized for, ``None`` before the first sized run."""
        return self._threads

    @property
    def restarts(self) -> int:
        """How many times this runtime restarted the scheduler."""
        return self._restarts

    @property
    def lingering(self) -> int:
        """Threads started by :meth:`start_lingering` that are still running."""
        with self._lock:
            return sum(t.is_alive() for t in self._lingering)

    def highs(self, options: Mapping[str, Any]) -> highspy.Highs:
        """A ``highspy.Highs`` with ``options`` set and its banner kept off stdout.

        Parameters
        ----------
        options : Mapping[str, Any]
            HiGHS options; a non-zero ``threads`` sizes the scheduler, restarting it (after
            :meth:`settle`) when it was sized for another count.

        Returns
        -------
        highspy.Highs
            A silent instance (``output_flag`` off).
        """
        self._check_open()
        threads = int(options.get("threads", 0))
        if threads and threads != self._threads:
            self._resize(threads)
        highs = self._silent_highs()
        for key, value in options.items():
            highs.setOptionValue(key, value)
        return highs

    def _resize(self, threads: int) -> None:
        self.settle()  # a restart under a running HiGHS breaks it
        with self._lock:
            if threads != self._threads:
                highspy.Highs.resetGlobalScheduler(True)
                self._threads = threads
                self._restarts += 1

    @staticmethod
    def _silent_highs() -> highspy.Highs:
        sys.stdout.flush()
        saved = os.dup(1)
        try:
            with open(os.devnull, "w") as null:
                os.dup2(null.fileno(), 1)
                highs = highspy.Highs()
                highs.setOptionValue("output_flag", False)
        finally:
            os.dup2(saved, 1)
            os.close(saved)
        return highs

    def start_lingering(self, thread: threading.Thread) -> None:
        """Start ``thread``, a HiGHS run that may outlive the solve that starts it.

        It must stop by itself (for instance at HiGHS's next callback once its race is over);
        :meth:`settle` waits for it.
        """
        self._check_open()
        with self._lock:
            self._lingering = [t for t in self._lingering if t.is_alive()]
            self._lingering.append(thread)
        thread.start()

    def settle(self) -> float:
        """Wait for every thread of :meth:`start_lingering` to stop.

        Returns
        -------
        float
            Seconds waited (0 when none was running).
        """
        t0 = time.perf_counter()
        while True:
            with self._lock:
                if not self._lingering:
                    break
                thread = self._lingering.pop()
            if thread is not threading.current_thread():
                thread.join()
        return time.perf_counter() - t0

    def close(self) -> float:
        """Settle and refuse further runs; returns the seconds waited. Idempotent."""
        self._closed = True
        return self.settle()

    def _check_open(self) -> None:
        if self._closed:
            raise RuntimeError("the HiGHS runtime is closed (interpreter exit).")


RUNTIME = HighsRuntime()
"""The process's HiGHS runtime; every solver in tradelane builds its HiGHS runs here."""

atexit.register(RUNTIME.close)


def quiet_highs(options: Mapping[str, Any]) -> highspy.Highs:
    """``RUNTIME.highs(options)``: a silent HiGHS run from the process's runtime."""
    return RUNTIME.highs(options)
