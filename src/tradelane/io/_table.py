"""Shared helpers for tab-separated text tables: line splitting and field conversion."""

from __future__ import annotations

from collections.abc import Iterator

from tradelane.errors import InputError


class FileFormatError(InputError):
    """A malformed line in an input file; the message names file, line and field."""

    def __init__(self, source: str, line: int, field: str, value: object, problem: str) -> None:
        self.source = source
        self.line = line
        super().__init__(f"{source} line {line}: {field}", value, problem)


def rows(
    text: str, source: str, columns: int, *, header: bool = True
) -> Iterator[tuple[int, list[str]]]:
    """Yield ``(line number, fields)`` for each non-blank data line of a tab-separated text.

    CRLF and LF line ends are both accepted; the first line is skipped when ``header`` is set.
    A line with fewer than ``columns`` fields raises :class:`FileFormatError`.
    """
    for number, raw in enumerate(text.splitlines(), start=1):
        if header and number == 1:
            continue
        line = raw.strip("\r\n")
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) < columns:
            raise FileFormatError(
                source, number, "line", line,
                f"expected {columns} tab-separated fields, got {len(fields)}",
            )
        yield number, fields


def number(source: str, line: int, field: str, value: str, *, minimum: float = 0.0) -> float:
    """``value`` as a float ≥ ``minimum`` or a :class:`FileFormatError`."""
    try:
        result = float(value)
    except ValueError:
        raise FileFormatError(source, line, field, value, "not a number") from None
    if not result >= minimum or abs(result) == float("inf"):
        raise FileFormatError(source, line, field, value, f"must be a finite number ≥ {minimum:g}")
    return result


def optional_number(source: str, line: int, field: str, value: str, *,
                    minimum: float = 0.0) -> float | None:
    """Like :func:`number`, but an empty or ``NULL`` field gives ``None``."""
    if value in ("", "NULL"):
        return None
    return number(source, line, field, value, minimum=minimum)


def flag(source: str, line: int, field: str, value: str) -> bool:
    """A ``0``/``1`` flag field (empty means 0)."""
    if value in ("", "0"):
        return False
    if value == "1":
        return True
    raise FileFormatError(source, line, field, value, "must be 0 or 1")


def code(source: str, line: int, field: str, value: str) -> str:
    """A non-empty port or class code."""
    if not value:
        raise FileFormatError(source, line, field, value, "must not be empty")
    return value
