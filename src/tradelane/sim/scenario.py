"""Scenarios: the events and the uncertainty a simulation sails through, and their TOML file.

A scenario holds dated events (a canal closed and re-opened, a port strike of N days, a canal
draft limit from a date) and the parameters of every distribution (weather, berth waiting,
handling, canal queues) and of the cargo costs. ``Scenario()`` is the default: no events, the
documented distributions. The file format is in docs/simulation.md; :func:`parse_scenario`
names the key of any error.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any

from tradelane.errors import InputError
from tradelane.sim.areas import SPEED_LOSS_CV

CANAL_NAMES = ("panama", "suez")

PORT_BUFFER_SHARE = 0.25
"""Share of each scheduled port stay that is schedule buffer, not cargo work (assumption;
docs/simulation.md: the reference case's Qingdao terminal works a call in about 13 h of the
24 h window)."""

SEA_BUFFER_SHARE = 0.05
"""Share of each leg's scheduled sea time that is schedule buffer: a late ship may sail up to
the proforma speed / (1 − this share) over ground to make its next call (assumption)."""

SEA_MARGIN = 0.15
"""Power margin a ship spends to hold its planned speed against the weather (MAN Energy
Solutions' design sea margin for average weather: 15 % of the propulsion power)."""


@dataclass(frozen=True, slots=True)
class Closure:
    """A canal closed from ``start`` until ``end`` (``None``: not re-opened in the horizon)."""

    canal: str
    start: datetime
    end: datetime | None = None

    def closed_at(self, moment: datetime) -> bool:
        """True when the canal is closed at ``moment``."""
        return self.start <= moment and (self.end is None or moment < self.end)


@dataclass(frozen=True, slots=True)
class Strike:
    """A port that handles no ship for ``days`` days from ``start``."""

    port: str
    start: datetime
    days: float

    @property
    def end(self) -> datetime:
        """When work resumes."""
        return self.start + timedelta(days=self.days)


@dataclass(frozen=True, slots=True)
class DraftLimit:
    """A canal's draft limit in force from ``start`` (a ship drawing more goes round)."""

    canal: str
    start: datetime
    draft_m: float


@dataclass(frozen=True, slots=True)
class Republication:
    """The carrier's schedule re-published for ``routing`` from ``start``: every loop whose
    first call is scheduled from then on sails that routing's proforma."""

    start: datetime
    routing: str


@dataclass(frozen=True, slots=True)
class BerthWait:
    """Waiting for a berth at one port: with ``probability`` the ship waits, for a lognormal
    time of mean ``mean_h`` hours and coefficient of variation ``cv``."""

    probability: float = 0.3
    mean_h: float = 10.0
    cv: float = 1.0


@dataclass(frozen=True, slots=True)
class Scenario:
    """Events and distributions of one simulation (every field has its documented default).

    Attributes
    ----------
    name, description : str
        For people.
    routing : str | None
        Routing option whose schedule the ships sail (default: the case's first feasible).
    start : datetime | None
        Lane calendar start (first call's ETA) for this scenario (default: the case's).
    closures, strikes, draft_limits, republications : tuple
        Dated events.
    port_buffer_share : float
        Share of each scheduled stay that is buffer: the ship works cargo for the rest (times
        the handling factor) and departs no earlier than the scheduled departure.
    sea_buffer_share : float
        Share of each leg's scheduled sea time that is buffer: a late ship sails up to the
        proforma speed / (1 − share) over ground to make the next scheduled arrival.
    sea_margin : float
        Share of extra propulsion power a ship may spend to hold its planned speed over
        ground against the weather (fuel priced by the cubic law); beyond it the ship slows.
    weather_scale : float
        Multiplies every seasonal mean speed loss (1 = the documented table).
    weather_cv : float
        Coefficient of variation of a leg's speed loss.
    berth_wait : BerthWait
        Berth waiting at any port without its own entry.
    berth_wait_by_port : Mapping[str, BerthWait]
        Berth waiting by UN/LOCODE.
    handling_cv : float
        Spread of the port stay (crane productivity): the stay is the scheduled one times a
        lognormal factor of median 1 and this coefficient of variation.
    canal_wait_mean_days : Mapping[str, float]
        Mean of the exponential queue before each canal transit.
    cargo_delay_usd_per_teu_day, reroute_usd_per_teu : float
        Price of a TEU-day of delay, and of re-routing one TEU of a skipped call or blank
        sailing (on top of its delay of one frequency).
    """

    name: str = ""
    description: str = ""
    routing: str | None = None
    start: datetime | None = None
    closures: tuple[Closure, ...] = ()
    strikes: tuple[Strike, ...] = ()
    draft_limits: tuple[DraftLimit, ...] = ()
    republications: tuple[Republication, ...] = ()
    port_buffer_share: float = PORT_BUFFER_SHARE
    sea_buffer_share: float = SEA_BUFFER_SHARE
    sea_margin: float = SEA_MARGIN
    weather_scale: float = 1.0
    weather_cv: float = SPEED_LOSS_CV
    berth_wait: BerthWait = BerthWait()
    berth_wait_by_port: Mapping[str, BerthWait] = field(default_factory=dict)
    handling_cv: float = 0.15
    canal_wait_mean_days: Mapping[str, float] = field(
        default_factory=lambda: MappingProxyType({"panama": 0.5, "suez": 0.25}))
    cargo_delay_usd_per_teu_day: float = 20.0
    reroute_usd_per_teu: float = 150.0

    def wait_at(self, port: str) -> BerthWait:
        """Berth waiting at ``port``."""
        return self.berth_wait_by_port.get(port, self.berth_wait)

    def closed(self, canal: str, moment: datetime) -> bool:
        """True when a closure of ``canal`` is in force at ``moment``."""
        return any(c.canal == canal and c.closed_at(moment) for c in self.closures)

    def draft_limit_m(self, canal: str, moment: datetime) -> float | None:
        """The latest draft limit of ``canal`` in force at ``moment``, if any."""
        limits = [d for d in self.draft_limits if d.canal == canal and d.start <= moment]
        return max(limits, key=lambda d: d.start).draft_m if limits else None


_TOP = {"scenario": ("name", "description", "routing", "start"),
        "closure": ("canal", "start", "end"), "strike": ("port", "start", "days"),
        "draft_limit": ("canal", "start", "draft_m"), "republish": ("start", "routing"),
        "schedule": ("port_buffer_share", "sea_buffer_share", "sea_margin"),
        "weather": ("scale", "cv"),
        "berth_wait": ("probability", "mean_h", "cv"), "handling": ("cv",),
        "canal_wait": ("panama_mean_days", "suez_mean_days"),
        "costs": ("cargo_delay_usd_per_teu_day", "reroute_usd_per_teu")}


def read_scenario(path: Path | str) -> Scenario:
    """Read a scenario file (TOML); InputError naming the key of any error."""
    text = Path(path).read_text(encoding="utf-8")
    return parse_scenario(text, str(path))


def parse_scenario(text: str, source: str = "scenario") -> Scenario:
    """Parse a scenario's TOML text (format: docs/simulation.md)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError(source, "…", f"is not valid TOML ({exc})") from None
    for key in raw:
        if key not in _TOP:
            raise InputError(key, raw[key], f"is not a scenario key (known: "
                             f"{', '.join(_TOP)})")
    head, plan = _table(raw, "scenario"), _table(raw, "schedule")
    weather, handling, costs = (_table(raw, k) for k in ("weather", "handling", "costs"))
    waits = _table(raw, "canal_wait")
    return Scenario(
        name=str(head.get("name", "")), description=str(head.get("description", "")),
        routing=_routing(head.get("routing")),
        start=_moment("scenario.start", head["start"]) if "start" in head else None,
        closures=tuple(_closure(i, t) for i, t in enumerate(_array(raw, "closure"))),
        strikes=tuple(_strike(i, t) for i, t in enumerate(_array(raw, "strike"))),
        draft_limits=tuple(_draft(i, t) for i, t in enumerate(_array(raw, "draft_limit"))),
        republications=_republications(_array(raw, "republish")),
        port_buffer_share=_number("schedule.port_buffer_share",
                                  plan.get("port_buffer_share", PORT_BUFFER_SHARE), 0, 0.9),
        sea_buffer_share=_number("schedule.sea_buffer_share",
                                 plan.get("sea_buffer_share", SEA_BUFFER_SHARE), 0, 0.5),
        sea_margin=_number("schedule.sea_margin", plan.get("sea_margin", SEA_MARGIN), 0, 1),
        weather_scale=_number("weather.scale", weather.get("scale", 1.0), 0, 10),
        weather_cv=_number("weather.cv", weather.get("cv", SPEED_LOSS_CV), 0, 5),
        berth_wait=_berth_wait("berth_wait", _table(raw, "berth_wait"), BerthWait()),
        berth_wait_by_port=MappingProxyType(_waits_by_port(raw)),
        handling_cv=_number("handling.cv", handling.get("cv", 0.15), 0, 5),
        canal_wait_mean_days=MappingProxyType({
            c: _number(f"canal_wait.{c}_mean_days", waits.get(f"{c}_mean_days", d), 0, 60)
            for c, d in (("panama", 0.5), ("suez", 0.25))}),
        cargo_delay_usd_per_teu_day=_number("costs.cargo_delay_usd_per_teu_day",
                                            costs.get("cargo_delay_usd_per_teu_day", 20.0), 0),
        reroute_usd_per_teu=_number("costs.reroute_usd_per_teu",
                                    costs.get("reroute_usd_per_teu", 150.0), 0),
    )


def _table(raw: Mapping[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise InputError(key, value, "must be a table")
    for k in value:
        if k not in _TOP[key] and not (key == "berth_wait" and isinstance(value[k], dict)):
            raise InputError(f"{key}.{k}", value[k], f"is not a scenario key (known: "
                             f"{', '.join(_TOP[key])})")
    return {k: v for k, v in value.items() if not isinstance(v, dict)}


def _array(raw: Mapping[str, Any], key: str) -> list[dict[str, Any]]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(t, dict) for t in value):
        raise InputError(key, value, f"must be an array of tables ([[{key}]])")
    for i, table in enumerate(value):
        for k in table:
            if k not in _TOP[key]:
                raise InputError(f"{key}[{i}].{k}", table[k], f"is not a scenario key "
                                 f"(known: {', '.join(_TOP[key])})")
        for k in _TOP[key]:
            if k not in table and k != "end":
                raise InputError(f"{key}[{i}].{k}", None, "is missing")
    return value


def _closure(i: int, t: Mapping[str, Any]) -> Closure:
    start = _moment(f"closure[{i}].start", t["start"])
    end = _moment(f"closure[{i}].end", t["end"]) if "end" in t else None
    if end is not None and end < start:
        raise InputError(f"closure[{i}].end", end.isoformat(), f"is before the closure's "
                         f"start {start.isoformat()}")
    return Closure(_canal(f"closure[{i}].canal", t["canal"]), start, end)


def _strike(i: int, t: Mapping[str, Any]) -> Strike:
    port = t["port"]
    if not (isinstance(port, str) and len(port) == 5 and port.isalnum()):
        raise InputError(f"strike[{i}].port", port, "must be a UN/LOCODE such as USSAV")
    return Strike(port.upper(), _moment(f"strike[{i}].start", t["start"]),
                  _number(f"strike[{i}].days", t["days"], 0, 366))


def _draft(i: int, t: Mapping[str, Any]) -> DraftLimit:
    return DraftLimit(_canal(f"draft_limit[{i}].canal", t["canal"]),
                      _moment(f"draft_limit[{i}].start", t["start"]),
                      _number(f"draft_limit[{i}].draft_m", t["draft_m"], 1, 30))


def _republications(tables: list[dict[str, Any]]) -> tuple[Republication, ...]:
    out = []
    for i, t in enumerate(tables):
        routing = _routing(t["routing"], f"republish[{i}].routing")
        out.append(Republication(_moment(f"republish[{i}].start", t["start"]), str(routing)))
        if i and out[-1].start <= out[-2].start:
            raise InputError(f"republish[{i}].start", out[-1].start.isoformat(),
                             f"must be after republish[{i - 1}].start")
    return tuple(out)


def _waits_by_port(raw: Mapping[str, Any]) -> dict[str, BerthWait]:
    tables = raw.get("berth_wait", {})
    base = _berth_wait("berth_wait", _table(raw, "berth_wait"), BerthWait())
    out = {}
    for port, t in tables.items():
        if isinstance(t, dict):
            if not (len(port) == 5 and port.isalnum()):
                raise InputError(f"berth_wait.{port}", t, "must be a UN/LOCODE table")
            for k in t:
                if k not in _TOP["berth_wait"]:
                    raise InputError(f"berth_wait.{port}.{k}", t[k], "is not a scenario key "
                                     f"(known: {', '.join(_TOP['berth_wait'])})")
            out[port.upper()] = _berth_wait(f"berth_wait.{port}", t, base)
    return out


def _berth_wait(key: str, t: Mapping[str, Any], base: BerthWait) -> BerthWait:
    return BerthWait(
        probability=_number(f"{key}.probability", t.get("probability", base.probability), 0, 1),
        mean_h=_number(f"{key}.mean_h", t.get("mean_h", base.mean_h), 0, 24 * 60),
        cv=_number(f"{key}.cv", t.get("cv", base.cv), 0, 10))


def _routing(value: object, key: str = "scenario.routing") -> str | None:
    if value is None:
        return None
    if value not in ("panama", "suez", "cape"):
        raise InputError(key, value, "must be panama, suez or cape")
    return str(value)


def _canal(key: str, value: object) -> str:
    if value not in CANAL_NAMES:
        raise InputError(key, value, "must be panama or suez")
    return str(value)


def _moment(key: str, value: object) -> datetime:
    if isinstance(value, datetime):
        moment = value if value.tzinfo else value.replace(tzinfo=UTC)
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day, tzinfo=UTC)
    else:
        raise InputError(key, value, "must be a TOML date or date-time such as 2023-12-15")
    if not datetime(1970, 1, 1, tzinfo=UTC) <= moment < datetime(2200, 1, 1, tzinfo=UTC):
        raise InputError(key, moment.isoformat(), "must lie between 1970 and 2200")
    return moment.astimezone(UTC)


def _number(key: str, value: object, low: float, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or \
            not math.isfinite(value) or not low <= value <= high:
        span = f"from {low:g}" if math.isinf(high) else f"from {low:g} to {high:g}"
        raise InputError(key, value, f"must be a number {span}")
    return float(value)
