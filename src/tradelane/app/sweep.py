"""Use case: sweep a grid of case changes, routings, scenarios and policies × replications.

:func:`plan_sweep` checks every input before anything runs (the grid against the case file,
each changed case through the normal reader, scenarios, policies and routings) and lays out
the cells; :func:`run_sweep` simulates the cells not yet in the results folder, on a Dask
client (:func:`dask_client`: a ``LocalCluster`` of worker processes, or an existing
scheduler) or, without one, one after the other in this process. Each cell's replications
draw from child ``cell`` of ``numpy.random.SeedSequence(seed)`` (or all from child 0 with
common random numbers), so the figures never depend on the workers, their number or the
order in which cells finish.
"""

from __future__ import annotations

import functools
import hashlib
import time
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from tradelane.app.resources import Resources
from tradelane.app.simulation import republish_of, sim_case
from tradelane.app.sweep_engine import Client, dask_client, run_cells
from tradelane.domain import Routing
from tradelane.errors import InputError, TradelaneError
from tradelane.io.case_toml import parse_case
from tradelane.sim import Policy, Scenario, SimCase, SimParams, read_scenario, simulate_runs
from tradelane.sweep.explore import HeatMap, SweepResults, heat_map
from tradelane.sweep.grid import Grid, apply_case_paths, check_case_paths, column_values
from tradelane.sweep.parts import ResultParts

__all__ = ["CaseVariant", "CellTask", "SweepPlan", "SweepRequest", "SweepResult", "cell_seed",
           "dask_client", "plan_sweep", "run_cell", "run_sweep", "sweep_heat_map"]

ROWS_PER_PART = 50_000
"""A part is written once this many rows wait (or ``part_s`` has passed)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SweepRequest:
    """What to sweep.

    Attributes
    ----------
    case_path : Path
        The case file the case-path axes change.
    grid : Grid
        The axes (:func:`tradelane.sweep.read_grid`).
    runs : int
        Replications per cell.
    out : Path
        Results folder (Parquet parts); an existing one of the same sweep is resumed.
    seed : int
        Root of every cell's seed sequence.
    weeks : int
        Simulated horizon.
    scenario : Path or None
        Scenario of the cells without a ``scenario`` axis (default: none).
    common_random_numbers : bool
        Every cell draws from the same seed sequence (child 0) instead of its own.
    part_s : float
        Longest time finished cells wait before they are written to a part.
    """

    case_path: Path
    grid: Grid
    runs: int
    out: Path
    seed: int = 1
    weeks: int = 26
    scenario: Path | None = None
    common_random_numbers: bool = False
    part_s: float = 10.0


@dataclass(frozen=True, slots=True)
class CaseVariant:
    """A changed case file and how it is sailed: what a worker plans (cached per process)."""

    text: str
    source: str
    routing: str | None
    start: datetime | None
    republish: tuple[tuple[datetime, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CellTask:
    """One cell: its index, axis values (as result columns), scenario, parameters, seeds."""

    cell: int
    columns: Mapping[str, Any]
    scenario: Scenario
    params: SimParams
    seed_sequence: np.random.SeedSequence


@dataclass(frozen=True, slots=True)
class SweepPlan:
    """Every cell of a checked sweep: ``task(cell)`` gives its variant and task."""

    request: SweepRequest
    manifest: Mapping[str, Any]
    _variants: Mapping[tuple[int, ...], str]
    _scenarios: tuple[Scenario, ...]
    _columns: Mapping[str, list[Any]]

    @property
    def size(self) -> int:
        """Number of cells."""
        return self.request.grid.size

    def task(self, cell: int) -> tuple[CaseVariant, CellTask]:
        """The case variant and the task of ``cell``."""
        grid, req = self.request.grid, self.request
        index = dict(zip(grid.keys, np.unravel_index(cell, [len(a.values) for a in grid.axes]),
                         strict=True))
        raw = {k: grid.axis(k).values[i] for k, i in index.items()}
        scenario = self._scenarios[index["scenario"]] if "scenario" in index \
            else self._scenarios[0]
        text = self._variants[tuple(int(i) for k, i in index.items()
                                    if grid.axis(k).is_case_path)]
        variant = CaseVariant(text, str(req.case_path), raw.get("routing") or scenario.routing,
                              scenario.start, republish_of(scenario))
        params = SimParams(weeks=req.weeks, runs=req.runs, seed=req.seed,
                           policy=raw.get("policy", Policy.NONE))
        seeds = cell_seed(req.seed, 0 if req.common_random_numbers else cell)
        columns = {k: self._columns[k][int(i)] for k, i in index.items()}
        return variant, CellTask(cell, columns, scenario, params, seeds)


@dataclass(frozen=True, slots=True)
class SweepResult:
    """What a call of :func:`run_sweep` did."""

    cells: int
    cells_skipped: int
    cells_run: int
    rows_written: int
    parts_written: int
    runtime_s: float
    workers: int


def cell_seed(seed: int, cell: int) -> np.random.SeedSequence:
    """Child ``cell`` of ``SeedSequence(seed)``: equal to ``SeedSequence(seed).spawn(n)[cell]``
    for any ``n > cell``, without spawning the others."""
    return np.random.SeedSequence(seed, spawn_key=(cell,))


def plan_sweep(request: SweepRequest) -> SweepPlan:
    """Check the sweep's inputs and lay out its cells (nothing is simulated).

    Raises
    ------
    InputError
        One sentence naming the axis, key or file: an unknown case path, a value the case
        reader refuses, an unknown policy or routing, a bad scenario file.
    """
    grid = request.grid
    SimParams(weeks=request.weeks, runs=request.runs, seed=request.seed)
    try:
        case_text = request.case_path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError("case file", str(request.case_path), "does not exist") from None
    source = str(request.case_path)
    parse_case(case_text, source=source)
    doc = tomllib.loads(case_text)
    check_case_paths(doc, grid)
    variants = _variants(doc, grid, source)
    for key in ("policy", "routing"):
        if key in grid.keys:
            for value in grid.axis(key).values:
                _check_choice(key, value)
    base = _scenario("scenario", request.scenario) if request.scenario else Scenario()
    scenario_files = [_relative(grid, v) for v in grid.axis("scenario").values] \
        if "scenario" in grid.keys else []
    scenarios = tuple(_scenario("axes.scenario", p) for p in scenario_files) or (base,)
    manifest = {
        "format": 1, "case": request.case_path.name, "case_sha256": _sha(case_text),
        "axes": {a.key: list(a.values) for a in grid.axes}, "cells": grid.size,
        "runs": request.runs, "seed": request.seed, "weeks": request.weeks,
        "scenario": request.scenario.name if request.scenario else None,
        "scenario_sha256": [_sha(p.read_text("utf-8")) for p in scenario_files]
        or ([_sha(request.scenario.read_text("utf-8"))] if request.scenario else []),
        "common_random_numbers": request.common_random_numbers}
    columns = {a.key: column_values(a) for a in grid.axes}
    return SweepPlan(request, manifest, variants, scenarios, columns)


def run_sweep(plan: SweepPlan, client: Client | None = None,
              progress: Callable[[int, int], None] | None = None) -> SweepResult:
    """Simulate the cells of ``plan`` missing from its results folder and write them there.

    Parameters
    ----------
    plan : SweepPlan
        From :func:`plan_sweep`.
    client : distributed.Client, optional
        Where the cells run (:func:`dask_client`); ``None`` runs them here, in cell order.
    progress : callable, optional
        Called with ``(cells, runs)`` as cells finish (first with the cells already done).

    Raises
    ------
    TradelaneError
        When a cell fails (a routing that cannot be sailed, …), after writing every cell
        finished before it.
    """
    t0 = time.perf_counter()
    req = plan.request
    parts = ResultParts(req.out, plan.manifest)
    done = parts.done_cells()
    if progress is not None and done:
        progress(len(done), len(done) * req.runs)
    todo = (c for c in range(plan.size) if c not in done)
    leading = ["cell", "replication", *req.grid.keys, "routing"]
    buffer: list[dict[str, Any]] = []
    written = rows = cells = 0
    last = time.monotonic()

    def flush() -> None:
        nonlocal buffer, written, rows, last
        if buffer:
            parts.write(buffer, leading)
            written, rows, buffer, last = written + 1, rows + len(buffer), [], time.monotonic()

    try:
        for cell_rows in run_cells(client, (plan.task(c) for c in todo), run_cell):
            buffer.extend(cell_rows)
            cells += 1
            if progress is not None:
                progress(1, req.runs)
            if len(buffer) >= ROWS_PER_PART or time.monotonic() - last >= req.part_s:
                flush()
    finally:
        flush()
    workers = len(client.nthreads()) if client is not None else 1
    return SweepResult(plan.size, len(done), cells, rows, written,
                       time.perf_counter() - t0, workers)


def run_cell(variant: CaseVariant, task: CellTask) -> list[dict[str, Any]]:
    """Simulate one cell: one row per replication (axis values, cell, replication, the
    routing sailed and :meth:`RunFigures.row`). Pure: the same arguments give the same rows
    in any process.

    Raises
    ------
    TradelaneError
        With the cell's sentence when its case cannot be planned or sailed (a plain
        TradelaneError, so that it crosses process boundaries).
    """
    try:
        case = _sim_case(variant)
    except InputError as exc:
        where = ", ".join(f"{k} = {v}" for k, v in task.columns.items())
        raise TradelaneError(f"{str(exc).rstrip('.')} (cell {task.cell}: {where}).") from None
    runs = simulate_runs(case, task.params, task.scenario, task.seed_sequence)
    out = []
    for r in runs:
        row = r.row()
        replication = row.pop("run")
        out.append({"cell": task.cell, "replication": replication, **task.columns,
                    "routing": case.routing, **row})
    return out


@functools.lru_cache(maxsize=32)
def _sim_case(variant: CaseVariant) -> SimCase:
    """The SimCase of a case variant, planned once per process."""
    case = parse_case(variant.text, source=variant.source)
    return sim_case(case, Resources.for_process(), routing=variant.routing,
                    start=variant.start, republish=variant.republish)


def _variants(doc: dict[str, Any], grid: Grid, source: str) -> dict[tuple[int, ...], str]:
    """The case file's text for every combination of the case-path axes (each read through
    the case reader, so that a bad value is named by its key)."""
    import tomli_w

    paths = [a for a in grid.axes if a.is_case_path]
    out: dict[tuple[int, ...], str] = {}
    for combo in np.ndindex(*(len(a.values) for a in paths)):
        changes = {a.key: a.values[i] for a, i in zip(paths, combo, strict=True)}
        text = tomli_w.dumps(apply_case_paths(doc, changes))
        parse_case(text, source=source)
        out[tuple(int(i) for i in combo)] = text
    return out


def _check_choice(key: str, value: str) -> None:
    try:
        Policy(value) if key == "policy" else Routing(value)
    except ValueError:
        kinds = Policy if key == "policy" else Routing
        raise InputError(f"axes.{key}", value, "must be one of "
                         + ", ".join(k.value for k in kinds)) from None


def _scenario(field: str, path: Path) -> Scenario:
    if not path.is_file():
        raise InputError(field, str(path), "is not a scenario file")
    return read_scenario(path)


def _relative(grid: Grid, value: str) -> Path:
    path = Path(value)
    return path if path.is_absolute() else Path(grid.source).parent / path


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sweep_heat_map(results: SweepResults, x: str, y: str, metric: str,
                   at: Mapping[str, str] | None = None) -> HeatMap:
    """The sweep explorer's question: ``metric`` over axes ``x`` and ``y`` of the results
    folder, the other axes held at ``at`` (:func:`tradelane.sweep.heat_map`)."""
    return heat_map(results.cells(), results.axes(), x, y, metric, at)
