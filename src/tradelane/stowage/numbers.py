"""Placeholder ISO 6346 container numbers for containers a booking did not number.

The check digit comes from python-stdnum (``stdnum.iso6346``); a container given such a number
carries ``placeholder_number=True`` so that no report mistakes it for a real box.
"""

from __future__ import annotations

import re

from stdnum import iso6346

from tradelane.errors import InputError

DEFAULT_OWNER_CODE = "TLNU"
"""Owner code + category U of placeholder numbers (not a BIC-registered prefix of ours)."""


def placeholder_number(index: int, owner_code: str = DEFAULT_OWNER_CODE) -> str:
    """The ``index``-th placeholder number: owner code, six-digit serial, check digit.

    Parameters
    ----------
    index
        0 … 999,999; distinct indices give distinct numbers.
    owner_code
        Three letters and the equipment category ``U`` (``"TLNU"``).

    Returns
    -------
    str
        An eleven-character ISO 6346 number that ``stdnum.iso6346.is_valid`` accepts.
    """
    if not re.fullmatch(r"[A-Z]{3}[UJZ]", owner_code):
        raise InputError("owner_code", owner_code, "must be three letters and U, J or Z")
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < 1_000_000:
        raise InputError("index", index, "must be a whole number from 0 to 999999")
    body = f"{owner_code}{index:06d}"
    return body + iso6346.calc_check_digit(body)
