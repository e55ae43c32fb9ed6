"""The package's exceptions: one base class, one for bad user input."""

from __future__ import annotations


class TradelaneError(Exception):
    """Base class of every failure tradelane raises on purpose."""


class InputError(TradelaneError, ValueError):
    """Bad user input: a malformed file, an unknown code, an out-of-range value.

    The message is one sentence that names the field and the value, fit to show a user as is.
    """

    def __init__(self, field: str, value: object, problem: str) -> None:
        self.field = field
        self.value = value
        self.problem = problem
        super().__init__(f"{field} = {value!r}: {problem}.")
