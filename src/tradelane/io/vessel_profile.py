"""Vessel profile files: tradelane's own JSON (or TOML) format, and the Larsen–Pacino files.

Our format (``docs/stowage-vessel.md`` describes every key) is one object with the main
dimensions, ``hydrostatics`` as columns (``displacement_t``, ``km_m`` and optionally
``draft_m``, ``lcb_m``, ``lcf_m``, ``mtc_tm_per_cm``, ``min_lcg_m``, ``max_lcg_m``),
``sections``, ``stations``, ``tanks`` and ``stacks`` (each with its ``tiers`` bottom-up and
optional ``reefer_plugs``, ``no20``, ``no40`` lists). JSON is written; JSON or TOML is read.
"""

from __future__ import annotations

import json
import math
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tradelane.domain.vessel_profile import (
    Cell,
    HydroPoint,
    Section,
    Stack,
    Station,
    Tank,
    VesselProfile,
)
from tradelane.errors import InputError
from tradelane.io.larsen_pacino_vessel import parse_larsen_pacino_vessel

FORMAT = "tradelane-vessel-profile/1"
_HYDRO = ("displacement_t", "km_m", "draft_m", "lcb_m", "lcf_m", "mtc_tm_per_cm",
          "min_lcg_m", "max_lcg_m")
__all__ = ["FORMAT", "format_profile", "parse_larsen_pacino_vessel", "parse_profile",
           "profile_from_mapping", "profile_to_mapping", "read_larsen_pacino_vessel",
           "read_profile", "write_profile"]


def parse_profile(text: str, *, toml: bool = False) -> VesselProfile:
    """A profile from our JSON (or, with ``toml=True``, TOML) text; InputError on bad input."""
    try:
        data = tomllib.loads(text) if toml else json.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError("profile", "file", f"is not valid {'TOML' if toml else 'JSON'} "
                         f"({exc})") from None
    if not isinstance(data, dict):
        raise InputError("profile", type(data).__name__, "must be an object of keys")
    return profile_from_mapping(data)


def read_profile(path: str | Path) -> VesselProfile:
    """Read a profile file: ours (``.json``, ``.toml``) or a Larsen–Pacino vessel file."""
    p = Path(path)
    text = p.read_text(encoding="utf-8")
    if text.lstrip().startswith("# Ship"):
        return parse_larsen_pacino_vessel(text, name=p.stem)
    return parse_profile(text, toml=p.suffix.lower() == ".toml")


def read_larsen_pacino_vessel(path: str | Path) -> VesselProfile:
    """Read a Larsen–Pacino ``vessel_{S,M,L}.txt`` file (see :mod:`.larsen_pacino_vessel`)."""
    p = Path(path)
    return parse_larsen_pacino_vessel(p.read_text(encoding="utf-8"), name=p.stem)


def format_profile(profile: VesselProfile) -> str:
    """The profile as our JSON text: one key, section, station, tank or stack per line."""
    lines = []
    for key, value in profile_to_mapping(profile).items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            inner = ",\n  ".join(json.dumps(v, separators=(",", ":")) for v in value)
            lines.append(f' "{key}": [\n  {inner}\n ]')
        elif isinstance(value, dict):
            inner = ",\n  ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in value.items())
            lines.append(f' "{key}": {{\n  {inner}\n }}')
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(value)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def write_profile(profile: VesselProfile, path: str | Path) -> None:
    """Write the profile as our JSON."""
    Path(path).write_text(format_profile(profile), encoding="utf-8")


# --- mapping → records -------------------------------------------------------------------
def _get(data: Mapping[str, Any], key: str, where: str, kind: Callable[[Any], Any],
         default: Any = ...) -> Any:
    if key not in data:
        if default is ...:
            raise InputError(f"{where}.{key}" if where else key, None, "is missing")
        return default
    value = data[key]
    if value is None and default is None:
        return None
    try:
        if kind is float and (isinstance(value, bool) or not isinstance(value, int | float)):
            raise TypeError
        if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
            raise TypeError
        if kind in (list, dict, bool) and not isinstance(value, kind):
            raise TypeError
        out = kind(value)
    except (TypeError, ValueError):
        raise InputError(f"{where}.{key}" if where else key, value,
                         f"must be {_KIND.get(kind, 'valid')}") from None
    if isinstance(out, float) and not math.isfinite(out):
        raise InputError(f"{where}.{key}" if where else key, value, "must be a finite number")
    return out


_KIND: dict[Callable[[Any], Any], str] = {
    float: "a number", int: "a whole number", list: "a list", dict: "an object", str: "a text",
    bool: "true or false"}


def _floats(values: Any, where: str) -> tuple[float, ...]:
    if not isinstance(values, list):
        raise InputError(where, values, "must be a list of numbers")
    return tuple(_get({"v": v}, "v", where, float) for v in values)


def profile_from_mapping(data: Mapping[str, Any]) -> VesselProfile:
    """A profile from a parsed JSON/TOML mapping (keys as :func:`profile_to_mapping` writes)."""
    hydro = _get(data, "hydrostatics", "", dict)
    columns = {k: _floats(hydro[k], f"hydrostatics.{k}") for k in _HYDRO if k in hydro}
    for k in ("displacement_t", "km_m"):
        if k not in columns:
            raise InputError(f"hydrostatics.{k}", None, "is missing")
    n = len(columns["displacement_t"])
    if any(len(v) != n for v in columns.values()):
        raise InputError("hydrostatics", {k: len(v) for k, v in columns.items()},
                         "columns must have the same length")
    points = tuple(HydroPoint(**{k: v[i] for k, v in columns.items()}) for i in range(n))
    return VesselProfile(
        name=_get(data, "name", "", str),
        loa_m=_get(data, "loa_m", "", float), lbp_m=_get(data, "lbp_m", "", float),
        beam_m=_get(data, "beam_m", "", float),
        design_draft_m=_get(data, "design_draft_m", "", float, None),
        stacks=tuple(_stack(s, f"stacks[{i}]") for i, s in
                     enumerate(_get(data, "stacks", "", list))),
        sections=tuple(_section(s, f"sections[{i}]") for i, s in
                       enumerate(_get(data, "sections", "", list, []))),
        stations=tuple(_station(s, f"stations[{i}]") for i, s in
                       enumerate(_get(data, "stations", "", list, []))),
        hydrostatics=points,
        tanks=tuple(_tank(t, f"tanks[{i}]") for i, t in
                    enumerate(_get(data, "tanks", "", list, []))),
        accommodation_bays=tuple(_get(data, "accommodation_bays", "", list, [])),
        engine_room_bays=tuple(_get(data, "engine_room_bays", "", list, [])),
        accommodation_x_m=_span(data.get("accommodation_x_m"), "accommodation_x_m"),
        heat_x_m=tuple(_span(v, f"heat_x_m[{k}]") or (0.0, 0.0)
                       for k, v in enumerate(_get(data, "heat_x_m", "", list, []))),
        holds=tuple(_get(data, "holds", "", list, [])),
        max_tcg_m=_get(data, "max_tcg_m", "", float, None),
        water_density_t_per_m3=_get(data, "water_density_t_per_m3", "", float, 1.025),
        source=_get(data, "source", "", str, ""))


def _span(value: Any, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    values = _floats(value, where)
    if len(values) != 2:
        raise InputError(where, value, "must be [x_aft_m, x_fore_m]")
    return values[0], values[1]


def _obj(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise InputError(where, value, "must be an object of keys")
    return value


def _stack(value: Any, where: str) -> Stack:
    s = _obj(value, where)
    tiers = [_get({"t": t}, "t", f"{where}.tiers", int) for t in _get(s, "tiers", where, list)]
    plugs = _get(s, "reefer_plugs", where, list, [0] * len(tiers))
    if len(plugs) != len(tiers):
        raise InputError(f"{where}.reefer_plugs", len(plugs), "needs one value per tier")
    no20 = set(_get(s, "no20", where, list, []))
    no40 = set(_get(s, "no40", where, list, []))
    cells = tuple(Cell(t, int(p), t not in no20, t not in no40)
                  for t, p in zip(tiers, plugs, strict=True))
    return Stack(
        bay_index=_get(s, "bay", where, int), row=_get(s, "row", where, int),
        on_deck=_get(s, "deck", where, bool), lcg_m=_get(s, "lcg_m", where, float),
        tcg_m=_get(s, "tcg_m", where, float), bottom_m=_get(s, "bottom_m", where, float),
        max_height_m=_get(s, "max_height_m", where, float),
        max_weight20_t=_get(s, "max_weight20_t", where, float),
        max_weight40_t=_get(s, "max_weight40_t", where, float),
        cells=cells, hatch=_get(s, "hatch", where, int, 0))


def _section(value: Any, where: str) -> Section:
    s = _obj(value, where)
    return Section(_get(s, "x_aft_m", where, float), _get(s, "x_fore_m", where, float),
                   _get(s, "lightship_t", where, float), _get(s, "lightship_vcg_m", where, float),
                   _floats(_get(s, "buoyancy_t", where, list), f"{where}.buoyancy_t"))


def _station(value: Any, where: str) -> Station:
    s = _obj(value, where)
    return Station(_get(s, "x_m", where, float), _get(s, "min_shear_t", where, float),
                   _get(s, "max_shear_t", where, float), _get(s, "max_bending_tm", where, float),
                   hogging_limited=_get(s, "hogging_limited", where, bool, True))


def _tank(value: Any, where: str) -> Tank:
    t = _obj(value, where)
    cover = _get(t, "sections", where, list, [])
    pairs: list[tuple[int, float]] = []
    for k, pair in enumerate(cover):
        if not isinstance(pair, list) or len(pair) != 2:
            raise InputError(f"{where}.sections[{k}]", pair, "must be [section, share]")
        pairs.append((_get({"i": pair[0]}, "i", f"{where}.sections[{k}]", int),
                      _get({"s": pair[1]}, "s", f"{where}.sections[{k}]", float)))
    return Tank(
        name=_get(t, "name", where, str), capacity_t=_get(t, "capacity_t", where, float),
        lcg_m=_get(t, "lcg_m", where, float), tcg_m=_get(t, "tcg_m", where, float),
        vcg_empty_m=_get(t, "vcg_empty_m", where, float),
        vcg_full_m=_get(t, "vcg_full_m", where, float),
        content=_get(t, "content", where, str, "ballast"),
        free_surface_tm=_get(t, "free_surface_tm", where, float, 0.0),
        default_t=_get(t, "default_t", where, float, 0.0), sections=tuple(pairs))


# --- records → mapping -------------------------------------------------------------------
def profile_to_mapping(p: VesselProfile) -> dict[str, Any]:
    """The profile as plain data (what :func:`format_profile` writes as JSON)."""
    hydro: dict[str, list[float]] = {}
    for k in _HYDRO:
        values = [getattr(h, k) for h in p.hydrostatics]
        if all(v is not None for v in values):
            hydro[k] = [_r(v, 4) for v in values]
    return {
        "format": FORMAT, "name": p.name, "source": p.source, "loa_m": p.loa_m,
        "lbp_m": p.lbp_m, "beam_m": p.beam_m, "design_draft_m": p.design_draft_m,
        "water_density_t_per_m3": p.water_density_t_per_m3, "max_tcg_m": p.max_tcg_m,
        "accommodation_bays": list(p.accommodation_bays),
        "engine_room_bays": list(p.engine_room_bays),
        "accommodation_x_m": None if p.accommodation_x_m is None else list(p.accommodation_x_m),
        "heat_x_m": [list(span) for span in p.heat_x_m],
        "holds": list(p.holds),
        "hydrostatics": hydro,
        "sections": [{"x_aft_m": _r(s.x_aft_m), "x_fore_m": _r(s.x_fore_m),
                      "lightship_t": _r(s.lightship_t, 1),
                      "lightship_vcg_m": _r(s.lightship_vcg_m),
                      "buoyancy_t": [_r(b, 1) for b in s.buoyancy_t]} for s in p.sections],
        "stations": [{"x_m": _r(s.x_m), "min_shear_t": _r(s.min_shear_t, 1),
                      "max_shear_t": _r(s.max_shear_t, 1),
                      "max_bending_tm": _r(s.max_bending_tm, 0),
                      **({} if s.hogging_limited else {"hogging_limited": False})}
                     for s in p.stations],
        "tanks": [_tank_map(t) for t in p.tanks],
        "stacks": [_stack_map(s) for s in p.stacks],
    }


def _tank_map(t: Tank) -> dict[str, Any]:
    return {"name": t.name, "content": t.content, "capacity_t": _r(t.capacity_t, 1),
            "lcg_m": _r(t.lcg_m), "tcg_m": _r(t.tcg_m), "vcg_empty_m": _r(t.vcg_empty_m),
            "vcg_full_m": _r(t.vcg_full_m), "free_surface_tm": _r(t.free_surface_tm, 1),
            "default_t": _r(t.default_t, 1), "sections": [[i, _r(s, 4)] for i, s in t.sections]}


def _stack_map(s: Stack) -> dict[str, Any]:
    out: dict[str, Any] = {
        "bay": s.bay_index, "row": s.row, "deck": s.on_deck, "lcg_m": _r(s.lcg_m),
        "tcg_m": _r(s.tcg_m), "bottom_m": _r(s.bottom_m), "max_height_m": _r(s.max_height_m),
        "max_weight20_t": _r(s.max_weight20_t, 1), "max_weight40_t": _r(s.max_weight40_t, 1),
        "hatch": s.hatch, "tiers": [c.tier for c in s.cells]}
    if any(c.reefer_plugs for c in s.cells):
        out["reefer_plugs"] = [c.reefer_plugs for c in s.cells]
    for key, flag in (("no20", "allow20"), ("no40", "allow40")):
        banned = [c.tier for c in s.cells if not getattr(c, flag)]
        if banned:
            out[key] = banned
    return out


def _r(value: float, digits: int = 3) -> float:
    return round(float(value), digits)
