"""Use case: design a LINER-LIB network for an instance, write it, report its exact figures.

The search runs in rounds of ``workers`` independent tasks (``tradelane.design.solve``); with
more than one worker, or a scheduler address, the tasks run on Dask distributed (a
``LocalCluster`` of ``workers`` processes, or the cluster at ``scheduler``), otherwise in this
process. The answer depends on the seed, the worker count and the moves per worker, never on
where the tasks ran.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tradelane.app.sweep_engine import dask_client
from tradelane.design.log import write_log
from tradelane.design.params import DesignParams
from tradelane.design.search import WorkerResult, WorkerTask, run_worker
from tradelane.design.solve import Design, Progress, solve
from tradelane.domain.linerlib import LinerlibNetwork
from tradelane.errors import InputError
from tradelane.io.linerlib_data import read_vessel_classes
from tradelane.io.linerlib_network import write_network
from tradelane.linerlib.instance import Instance, data_folder, load_instance
from tradelane.linerlib.published import read_network_file
from tradelane.result import Result

__all__ = ["DesignOutcome", "DesignRequest", "design_network", "run_design", "summary"]


@dataclass(frozen=True, slots=True)
class DesignRequest:
    """An instance to design for, the search's parameters and where to write the network.

    ``start`` is our network JSON or a LINER-LIB log (e.g. a published best network);
    ``scheduler`` a Dask scheduler address (``tcp://HOST:8786``).
    """

    data: Path | None
    instance: str
    capacity: str
    params: DesignParams
    start: Path | None = None
    scheduler: str | None = None
    out: Path | None = None
    log: Path | None = None


@dataclass(frozen=True, slots=True)
class DesignOutcome:
    """The instance designed for and the designer's result (its solution: a :class:`Design`)."""

    instance: Instance
    result: Result[Design]


def _read_start(folder: Path, path: Path) -> LinerlibNetwork:
    classes = {c.name: c for c in read_vessel_classes(folder / "fleet_data.csv")}
    return read_network_file(path, classes)


def run_design(instance: Instance, params: DesignParams, start: LinerlibNetwork | None = None,
               scheduler: str | None = None,
               progress: Callable[[Progress], None] | None = None) -> Result[Design]:
    """Design for ``instance``: in this process, or on Dask with ``workers`` > 1 or a scheduler."""
    if scheduler or params.workers > 1:
        with dask_client(scheduler, params.workers) as client:
            def on_dask(tasks: Sequence[WorkerTask]) -> list[WorkerResult]:
                futures = [client.submit(run_worker, t, pure=False) for t in tasks]
                return list(client.gather(futures))
            return solve(instance, params, start=start, run_round=on_dask, progress=progress)
    return solve(instance, params, start=start, progress=progress)


def design_network(request: DesignRequest,
                   progress: Callable[[Progress], None] | None = None) -> DesignOutcome:
    """Load the instance (and start network), design, write ``out`` and ``log``."""
    if request.data is None:
        raise InputError("data", None, "is needed: the LINER-LIB folder or its data/ folder "
                         "(or set TRADELANE_LINERLIB)")
    folder = data_folder(request.data)
    start = _read_start(folder, request.start) if request.start is not None else None
    ports = tuple(sorted({c for s in start.services for c in s.calls})) if start else ()
    instance = load_instance(folder, request.instance, request.capacity,
                             transit_times=request.params.transit_times, extra_ports=ports)
    if start is not None:
        for s in start.services:
            if s.vessel_class not in instance.vessel_classes:
                raise InputError("start", s.vessel_class, "is not a vessel class of the instance")
            for code in s.calls:
                if code not in instance.ports:
                    raise InputError("start", code, "is not a port of ports.csv")
    result = run_design(instance, request.params, start, request.scheduler, progress)
    design = result.solution
    if design is not None:
        if request.out is not None:
            write_network(design.network, request.out)
        if request.log is not None:
            write_log(request.log, design.network, design.evaluation, instance)
    return DesignOutcome(instance, result)


def summary(outcome: DesignOutcome) -> dict[str, object]:
    """The figures every face shows: Z (published sign), weekly objective, cargo, fleet, time."""
    result = outcome.result
    design = result.solution
    if design is None:
        raise InputError("design", result.status.value, "the final cargo flow was not solved")
    ev = design.evaluation
    return {
        "instance": outcome.instance.name, "capacity_case": outcome.instance.capacity_case,
        "status": result.status.value, "seed": result.seed,
        "z_180d_usd": ev.z_180d_usd, "weekly_objective_usd": ev.weekly_objective_usd,
        "weekly_profit_usd": ev.weekly_profit_usd, "transported_pct": ev.transported_pct,
        "vessels": ev.vessels_deployed, "deployed_pct": ev.deployed_pct,
        "services": [
            {"name": s.name, "vessel_class": s.vessel_class, "vessels": s.vessels,
             "speed_kn": s.speed_kn, "calls": list(s.calls),
             "round_trip_days": f.round_trip_days}
            for s, f in zip(design.network.services, ev.services, strict=True)],
        "violations": list(ev.violations),
        "runtime_s": result.runtime_s, "time_to_best_s": design.time_to_best_s,
        "iterations": design.iterations, "evaluations": design.evaluations,
        "rounds": design.rounds, "start_weekly_objective_usd": design.start_objective_usd,
    }
