"""A HiGHS instance that prints nothing (no start-up banner on stdout, no log)."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Mapping
from typing import Any

import highspy

_scheduler_lock = threading.Lock()
_threads_in_use = [0]
"""Thread count of HiGHS's process-wide scheduler (0: not started yet)."""


def quiet_highs(options: Mapping[str, Any]) -> highspy.Highs:
    """``highspy.Highs()`` with ``options`` set and its banner kept off stdout (JSON output).

    HiGHS starts one scheduler per process, sized by the first run's ``threads``; a later run
    asking for another count fails ("Not Set"). So the scheduler is restarted here whenever the
    count changes (never while a run with another count is going on: runs side by side use
    the same count).
    """
    threads = int(options.get("threads", 0))
    with _scheduler_lock:
        if threads and threads != _threads_in_use[0]:
            if _threads_in_use[0]:
                highspy.Highs.resetGlobalScheduler(True)
            _threads_in_use[0] = threads
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
    for key, value in options.items():
        highs.setOptionValue(key, value)
    return highs
