"""A HiGHS instance that prints nothing (no start-up banner on stdout, no log)."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import Any

import highspy


def quiet_highs(options: Mapping[str, Any]) -> highspy.Highs:
    """``highspy.Highs()`` with ``options`` set and its banner kept off stdout (JSON output)."""
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
