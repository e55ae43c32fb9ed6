"""Validation helpers for domain records: each raises InputError naming the field."""

from __future__ import annotations

import math
import re

from tradelane.errors import InputError

_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")


def positive(field: str, value: float) -> float:
    """Return ``value`` if it is a finite number > 0."""
    if not _is_number(value) or not math.isfinite(value) or value <= 0:
        raise InputError(field, value, "must be a number greater than zero")
    return value


def non_negative(field: str, value: float) -> float:
    """Return ``value`` if it is a finite number ≥ 0."""
    if not _is_number(value) or not math.isfinite(value) or value < 0:
        raise InputError(field, value, "must be a number of zero or more")
    return value


def positive_int(field: str, value: int) -> int:
    """Return ``value`` if it is a whole number ≥ 1."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InputError(field, value, "must be a whole number of 1 or more")
    return value


def locode(field: str, value: str) -> str:
    """Return ``value`` if it has the shape of a UN/LOCODE (two letters, three letters/digits)."""
    if not isinstance(value, str) or not _LOCODE.match(value):
        raise InputError(field, value, "is not a UN/LOCODE (two letters, then three letters or "
                         "digits 2-9, e.g. CNTAO)")
    return value


def text(field: str, value: str, *, max_len: int | None = None) -> str:
    """Return ``value`` if it is a non-empty string no longer than ``max_len``."""
    if not isinstance(value, str) or not value.strip():
        raise InputError(field, value, "must be a non-empty text")
    if max_len is not None and len(value) > max_len:
        raise InputError(field, value, f"must be at most {max_len} characters")
    return value


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
