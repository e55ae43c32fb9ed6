"""Reader of discrete dynamic berth allocation (DBAP) instance files.

The format (whitespace-separated integers, CRLF or LF line ends)::

    N                       ships
    M                       berths
    a_1 .. a_N              arrival times
    s_1 .. s_M              berth opening times
    h_i1 .. h_iM            N lines: handling time of ship i at berth j, 99999 = not allowed
    e_1 .. e_M              berth closing times
    d_1 .. d_N [w_1 .. w_N] latest departures, then (optionally) cost weights

Each line is read for the values it must hold; values left over at the end of a line are padding
and are ignored (many ``lalla_ruiz_90`` files pad with extra ``600``). Weights are read when the
last line holds exactly ``2N`` values or when a further line follows; otherwise every weight is 1.
"""

from __future__ import annotations

from pathlib import Path

from tradelane.domain.berth import BerthInstance
from tradelane.errors import InputError

FORBIDDEN = 99999
"""Handling time that marks a berth the ship may not use."""

_Line = tuple[int, list[str]]


def _ints(line: _Line, count: int, what: str) -> list[int]:
    number, tokens = line
    if len(tokens) < count:
        raise InputError(f"line {number} ({what})", " ".join(tokens),
                         f"expected {count} values, found {len(tokens)}")
    values = []
    for k, token in enumerate(tokens[:count]):
        try:
            values.append(int(token))
        except ValueError:
            raise InputError(f"line {number} ({what}, value {k + 1})", token,
                             "not an integer") from None
        if values[-1] < 0:
            raise InputError(f"line {number} ({what}, value {k + 1})", token, "negative")
    return values


def _take(lines: list[_Line], index: int, what: str) -> _Line:
    if index >= len(lines):
        last = lines[-1][0] if lines else 0
        raise InputError(f"line {last + 1} ({what})", "", "missing: the file ends too early")
    return lines[index]


def parse_dbap(text: str, name: str = "dbap") -> BerthInstance:
    """Parse the text of a DBAP instance file.

    Parameters
    ----------
    text : str
        File contents.
    name : str
        Instance name to record.

    Returns
    -------
    BerthInstance
        The validated instance; ships and berths 0-based in file order.

    Raises
    ------
    InputError
        Naming the line and field of the first malformed value.
    """
    lines = [(k + 1, raw.split()) for k, raw in enumerate(text.splitlines()) if raw.strip()]
    (n,) = _ints(_take(lines, 0, "number of ships"), 1, "number of ships")
    (m,) = _ints(_take(lines, 1, "number of berths"), 1, "number of berths")
    for what, count in (("number of ships", n), ("number of berths", m)):
        if count == 0:
            raise InputError(f"line {1 if what.endswith('ships') else 2} ({what})", count,
                             "must be at least 1")
    arrival = _ints(_take(lines, 2, "arrival times"), n, "arrival times")
    opening = _ints(_take(lines, 3, "berth opening times"), m, "berth opening times")
    handling: list[tuple[int | None, ...]] = []
    for i in range(n):
        what = f"handling times of ship {i + 1}"
        row = _ints(_take(lines, 4 + i, what), m, what)
        handling.append(tuple(None if h == FORBIDDEN else h for h in row))
    closing = _ints(_take(lines, 4 + n, "berth closing times"), m, "berth closing times")
    last = _take(lines, 5 + n, "latest departure times")
    departure = _ints(last, n, "latest departure times")
    weights: list[int] = [1] * n
    if len(last[1]) == 2 * n:
        weights = _ints((last[0], last[1][n:]), n, "weights")
    elif len(lines) > 6 + n:
        weights = _ints(lines[6 + n], n, "weights")
    _check_logic(lines, n, handling, opening, closing)
    try:
        return BerthInstance(
            name=name, arrival_h=tuple(arrival), latest_departure_h=tuple(departure),
            weight_per_h=tuple(float(w) for w in weights), berth_open_h=tuple(opening),
            berth_close_h=tuple(closing), handling_h=tuple(handling))
    except ValueError as exc:  # pragma: no cover - the checks above catch these first
        raise InputError("instance", name, str(exc).rstrip(".")) from None


def _check_logic(lines: list[_Line], n: int, handling: list[tuple[int | None, ...]],
                 opening: list[int], closing: list[int]) -> None:
    for i, row in enumerate(handling):
        for j, h in enumerate(row):
            if h == 0:
                raise InputError(f"line {lines[4 + i][0]} (handling time of ship {i + 1} at "
                                 f"berth {j + 1})", h, "must be at least 1")
    for j, (s, e) in enumerate(zip(opening, closing, strict=True)):
        if e < s:
            raise InputError(f"line {lines[4 + n][0]} (closing time of berth {j + 1})", e,
                             f"before the berth opens at {s}")


def read_dbap(path: str | Path) -> BerthInstance:
    """Read a DBAP instance file; the instance is named after the file stem.

    Raises
    ------
    InputError
        When the file is malformed (the message names the file, line and field).
    OSError
        When the file cannot be read.
    """
    p = Path(path)
    text = p.read_text(encoding="utf-8", errors="replace")
    try:
        return parse_dbap(text, name=p.stem)
    except InputError as exc:
        raise InputError(f"{p.name}: {exc.field}", exc.value, exc.problem) from None
