"""The grid file of a sweep (``[axes]``), its cells, and a cell's changes to the case file.

A grid is the cartesian product of its axes, in the order the file lists them (the last axis
varies fastest); cell ``i`` is the ``i``-th combination. An axis is a dotted path into the
case file (``"economics.bunker_usd_per_t" = [500, 650, 800]``) or one of the simulation's own
choices: ``policy`` (recovery policy), ``routing`` (routing option sailed) and ``scenario``
(scenario files, relative to the grid file).
"""

from __future__ import annotations

import itertools
import json
import math
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradelane.errors import InputError

SPECIAL_AXES = ("policy", "routing", "scenario")
"""Axis keys that are not case paths: the policy, the routing option, the scenario file."""

MAX_CELLS = 10_000_000
"""Most cells one grid may have."""


@dataclass(frozen=True, slots=True)
class Axis:
    """One axis of a grid: its key and the values it takes, in the file's order."""

    key: str
    values: tuple[Any, ...]

    @property
    def is_case_path(self) -> bool:
        """True for a dotted path into the case file (not policy, routing or scenario)."""
        return self.key not in SPECIAL_AXES


@dataclass(frozen=True, slots=True)
class Grid:
    """The axes of a sweep; ``cells`` is their cartesian product.

    Attributes
    ----------
    axes : tuple of Axis
        In the grid file's order.
    source : str
        The grid file (scenario paths are relative to its folder).
    """

    axes: tuple[Axis, ...]
    source: str = ""

    @property
    def size(self) -> int:
        """Number of cells."""
        return math.prod(len(a.values) for a in self.axes)

    @property
    def keys(self) -> tuple[str, ...]:
        """The axis keys, in order."""
        return tuple(a.key for a in self.axes)

    def cells(self) -> Iterator[dict[str, Any]]:
        """Each cell's value by axis key, cell 0 first."""
        for combo in itertools.product(*(a.values for a in self.axes)):
            yield dict(zip(self.keys, combo, strict=True))

    def axis(self, key: str) -> Axis:
        """The axis ``key``."""
        return next(a for a in self.axes if a.key == key)


def read_grid(path: Path | str) -> Grid:
    """Read and check the grid file at ``path``."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("grid file", str(path), "does not exist") from None
    except UnicodeDecodeError:
        raise InputError("grid file", str(path), "is not UTF-8 text") from None
    return parse_grid(text, source=str(path))


def parse_grid(text: str, source: str = "grid") -> Grid:
    """Build a Grid from a grid file's text: one table ``[axes]`` of non-empty lists."""
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InputError("grid file", source, f"is not valid TOML ({exc})") from None
    extra = sorted(set(doc) - {"axes"})
    if extra:
        raise InputError(extra[0], doc[extra[0]], "is not a grid table (the grid file has one "
                                                  "table, [axes])")
    raw = doc.get("axes")
    if not isinstance(raw, dict) or not raw:
        raise InputError("[axes]", raw, "is missing or has no axis")
    axes = tuple(_axis(key, values) for key, values in raw.items())
    grid = Grid(axes, source)
    if grid.size > MAX_CELLS:
        raise InputError("[axes]", f"{grid.size:,} cells", f"is more than {MAX_CELLS:,}")
    return grid


def _axis(key: str, values: object) -> Axis:
    where = f'axes."{key}"' if "." in key else f"axes.{key}"
    if isinstance(values, dict):
        raise InputError(where, values, "must be a list of values, not a table (quote a "
                                        "dotted case path: \"economics.bunker_usd_per_t\")")
    if not isinstance(values, list):
        raise InputError(where, values, "must be a list of values")
    if not values:
        raise InputError(where, values, "has no values")
    if key not in SPECIAL_AXES and "." not in key:
        raise InputError(where, values, "is not an axis (a dotted case path such as "
                                        "\"fleet.ships\", or policy, routing, scenario)")
    if key in SPECIAL_AXES and not all(isinstance(v, str) for v in values):
        raise InputError(where, values, "must be a list of texts")
    if len({json.dumps(v, sort_keys=True, default=str) for v in values}) < len(values):
        raise InputError(where, values, "repeats a value")
    return Axis(key, tuple(values))


def apply_case_paths(doc: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A copy of the case document ``doc`` with each dotted path of ``changes`` set.

    Every path must name a key the case file already has (so that a misspelt key is an error,
    not silently ignored); the changed document is then read by the normal case reader, which
    names any bad value.
    """
    out = _copy(doc)
    for key, value in changes.items():
        parts = key.split(".")
        table: Any = out
        for depth, part in enumerate(parts):
            if not isinstance(table, dict) or part not in table:
                raise InputError(f'axes."{key}"', value, _unknown(parts[:depth], table))
            if depth == len(parts) - 1:
                table[part] = value
            else:
                table = table[part]
    return out


def check_case_paths(doc: Mapping[str, Any], grid: Grid) -> None:
    """Raise :class:`InputError` naming the first case-path axis the case file lacks."""
    apply_case_paths(doc, {a.key: a.values[0] for a in grid.axes if a.is_case_path})


def _unknown(parent: Sequence[str], table: object) -> str:
    where = ".".join(parent) or "the case file"
    if not isinstance(table, dict):
        return f"is not a key of the case file ({where} is not a table)"
    known = ", ".join(sorted(table)) or "nothing"
    return f"is not a key of the case file ({where} has: {known})"


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def column_value(value: Any) -> Any:
    """An axis value as stored in a result column: numbers, texts and booleans as they are,
    anything else (lists, tables, dates) as its JSON text."""
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, sort_keys=True, default=str)


def column_values(axis: Axis) -> list[Any]:
    """The axis's values as one column type: numbers all float when any is, texts when the
    values mix kinds."""
    values = [column_value(v) for v in axis.values]
    kinds = {type(v) for v in values}
    if kinds <= {int, float} and float in kinds:
        return [float(v) for v in values]
    if len(kinds) > 1:
        return [v if isinstance(v, str) else json.dumps(v) for v in values]
    return values
