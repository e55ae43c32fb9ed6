"""Use case: evaluate a LINER-LIB network exactly on its benchmark instance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tradelane.domain.linerlib import LinerlibNetwork
from tradelane.errors import InputError
from tradelane.flow.params import FlowParams
from tradelane.io.linerlib_data import read_vessel_classes
from tradelane.linerlib.evaluate import Evaluation, Evaluator
from tradelane.linerlib.instance import Instance, data_folder, load_instance
from tradelane.linerlib.published import read_network_file
from tradelane.result import Result

EVALUATE_PARAMS = FlowParams(time_limit_s=600.0, seed=0)
"""Default flow parameters of an evaluation: 600 s, seed 0, one thread."""


@dataclass(frozen=True, slots=True)
class EvaluateRequest:
    """A network file (a published log or our JSON) and how to evaluate it.

    ``instance`` and ``capacity`` default to what the file names (capacity ``base``).
    """

    network: Path
    data: Path | None
    instance: str | None = None
    capacity: str | None = None
    transit_times: bool = False
    erratum_idle: bool = False
    fixed_demand: bool = False
    params: FlowParams = EVALUATE_PARAMS


@dataclass(frozen=True, slots=True)
class NetworkEvaluation:
    """The instance the network was evaluated on, the network and the evaluator's result."""

    instance: Instance
    network: LinerlibNetwork
    result: Result[Evaluation]


def evaluate_network(request: EvaluateRequest) -> NetworkEvaluation:
    """Read the network and the instance, and evaluate the network exactly."""
    if request.data is None:
        raise InputError("data", None, "is needed: the LINER-LIB folder or its data/ folder "
                         "(or set TRADELANE_LINERLIB)")
    folder = data_folder(request.data)
    classes = {c.name: c for c in read_vessel_classes(folder / "fleet_data.csv")}
    network = read_network_file(request.network, classes)
    name = request.instance or network.instance
    if name is None:
        raise InputError("instance", None, f"is needed: {request.network.name} does not name "
                         "one")
    ports = tuple({c for s in network.services for c in s.calls})
    instance = load_instance(folder, name, request.capacity or network.capacity_case or "base",
                             fixed_demand=request.fixed_demand,
                             transit_times=request.transit_times, extra_ports=ports)
    result = Evaluator(instance, network, transit_times=request.transit_times,
                       erratum_idle=request.erratum_idle, params=request.params).evaluate()
    return NetworkEvaluation(instance, network, result)
