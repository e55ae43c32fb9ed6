"""Case-file tables for port calls and cargo: ``[terminals.X]``, ``[[demand]]``, moves.

Part of the case file reader (``case_toml``); see ``docs/case-file.md``.
"""

from __future__ import annotations

from typing import Any

from tradelane.data.reference import ReferenceData
from tradelane.domain import Berth, Demand, Terminal, WeeklyCall
from tradelane.domain.terminal import WEEKDAYS
from tradelane.errors import InputError

_TERMINAL_KEYS = {"name", "berths", "crane_moves_per_h", "max_cranes_per_ship", "teu_per_move",
                  "berthing_h", "other_calls", "lane_berth", "hatch_cover_moves",
                  "clearance_bays"}


def parse_terminals(doc: dict[str, Any], ref: ReferenceData) -> dict[str, Terminal]:
    """``[terminals.LOCODE]`` tables → Terminal records keyed by canonical UN/LOCODE."""
    table = doc.get("terminals", {})
    if not isinstance(table, dict):
        raise InputError("[terminals]", table, "must be a table of terminals by UN/LOCODE")
    return {ref.canonical_locode(code, f"terminals.{code}"): _terminal(code, t, ref)
            for code, t in table.items()}


def _terminal(code: str, t: Any, ref: ReferenceData) -> Terminal:
    where = f"terminals.{code}"
    if not isinstance(t, dict):
        raise InputError(where, t, "must be a table")
    unknown = sorted(set(t) - _TERMINAL_KEYS)
    if unknown:
        raise InputError(f"{where}.{unknown[0]}", t[unknown[0]], "is not a known key")
    for key in ("berths", "crane_moves_per_h", "max_cranes_per_ship", "teu_per_move"):
        if key not in t:
            raise InputError(f"{where}.{key}", None, "is missing")
    return Terminal(
        locode=ref.canonical_locode(code, where), name=str(t.get("name", code)),
        berths=tuple(_berth(where, i, b) for i, b in enumerate(_list(t, "berths", where))),
        crane_moves_per_h=t["crane_moves_per_h"], max_cranes_per_ship=t["max_cranes_per_ship"],
        teu_per_move=t["teu_per_move"], berthing_h=t.get("berthing_h", 0.0),
        other_calls=tuple(_weekly_call(where, i, c)
                          for i, c in enumerate(_list(t, "other_calls", where, required=False))),
        lane_berth=None if t.get("lane_berth") is None else str(t["lane_berth"]),
        hatch_cover_moves=t.get("hatch_cover_moves", 2.0),
        clearance_bays=t.get("clearance_bays", 1),
    )


def _list(t: dict[str, Any], key: str, where: str, *, required: bool = True) -> list[Any]:
    value = t.get(key, None if required else [])
    if not isinstance(value, list):
        raise InputError(f"{where}.{key}", value, "must be a list")
    return value


def _berth(where: str, i: int, b: Any) -> Berth:
    if not isinstance(b, dict):
        raise InputError(f"{where}.berths[{i}]", b, "must be a table")
    try:
        return Berth(name=str(b["name"]), quay_length_m=b["quay_length_m"],
                     max_draft_m=b["max_draft_m"], cranes=b["cranes"])
    except KeyError as exc:
        raise InputError(f"{where}.berths[{i}].{exc.args[0]}", None, "is missing") from None


def _weekly_call(where: str, i: int, c: Any) -> WeeklyCall:
    if not isinstance(c, dict):
        raise InputError(f"{where}.other_calls[{i}]", c, "must be a table")
    day = c.get("day")
    if day not in WEEKDAYS:
        raise InputError(f"{where}.other_calls[{i}].day", day, "must be Mon, Tue, Wed, Thu, "
                         "Fri, Sat or Sun")
    try:
        return WeeklyCall(service=str(c.get("service", f"call {i + 1}")),
                          weekday=WEEKDAYS.index(day), hour_utc=c["hour_utc"],
                          loa_m=c["loa_m"], moves=c["moves"])
    except KeyError as exc:
        raise InputError(f"{where}.other_calls[{i}].{exc.args[0]}", None, "is missing") from None


def parse_demand(doc: dict[str, Any], ref: ReferenceData,
                 inland: frozenset[str] = frozenset()) -> tuple[Demand, ...]:
    """``[[demand]]`` rows → Demand records (FFE figures are converted to TEU: 1 FFE = 2 TEU).

    An origin in ``inland`` (the case's inland ports) is kept as it is written."""
    rows = doc.get("demand", [])
    if not isinstance(rows, list):
        raise InputError("[[demand]]", rows, "must be an array of tables")
    return tuple(_demand(i, row, ref, inland) for i, row in enumerate(rows))


def _demand(i: int, row: Any, ref: ReferenceData, inland: frozenset[str]) -> Demand:
    where = f"demand[{i}]"
    if not isinstance(row, dict):
        raise InputError(where, row, "must be a table")
    for key in ("origin", "destination"):
        if key not in row:
            raise InputError(f"{where}.{key}", None, "is missing")
    volume = _one_of(row, where, "teu_per_week", "ffe_per_week")
    rate = _one_of(row, where, "revenue_usd_per_teu", "revenue_usd_per_ffe")
    return Demand(
        origin=row["origin"] if row["origin"] in inland
        else ref.canonical_locode(row["origin"], f"{where}.origin"),
        destination=ref.canonical_locode(row["destination"], f"{where}.destination"),
        teu_per_week=volume[1] * (2 if volume[0] == "ffe_per_week" else 1),
        revenue_usd_per_teu=rate[1] / (2 if rate[0] == "revenue_usd_per_ffe" else 1),
        max_transit_days=row.get("max_transit_days"),
    )


def _one_of(row: dict[str, Any], where: str, teu_key: str, ffe_key: str) -> tuple[str, float]:
    present = [k for k in (teu_key, ffe_key) if k in row]
    if len(present) != 1:
        raise InputError(f"{where}.{teu_key}", row.get(teu_key),
                         f"give exactly one of {teu_key} and {ffe_key}")
    value = row[present[0]]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InputError(f"{where}.{present[0]}", value, "must be a number")
    return present[0], float(value)
