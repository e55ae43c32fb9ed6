"""A seed repeats exactly; the answer does not depend on where the workers ran."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.app.design import DesignRequest, design_network
from tradelane.design.params import DesignParams
from tradelane.design.solve import solve
from tradelane.errors import InputError
from tradelane.linerlib.instance import load_instance


def test_same_seed_same_network(three_ports: Path) -> None:
    inst = load_instance(three_ports, "Tri")
    params = DesignParams(time_limit_s=120.0, seed=7, iterations=400, round_iterations=60)
    a, b = solve(inst, params), solve(inst, params)
    assert a.solution is not None and b.solution is not None
    assert a.solution.network == b.solution.network
    assert a.objective == b.objective
    assert a.solution.iterations == 400


def test_seeds_differ_in_their_search(four_ports: Path) -> None:
    inst = load_instance(four_ports, "Quad")
    runs = [solve(inst, DesignParams(time_limit_s=120.0, seed=s, iterations=40,
                                     round_iterations=40)) for s in (1, 2, 3)]
    assert len({r.solution.evaluations for r in runs if r.solution}) > 1


def test_dask_workers_repeat_the_in_process_run(three_ports: Path) -> None:
    params = DesignParams(time_limit_s=300.0, seed=5, iterations=120, round_iterations=40,
                          workers=2)
    inst = load_instance(three_ports, "Tri")
    here = solve(inst, params)  # the two workers of each round, one after the other
    on_dask = design_network(DesignRequest(three_ports, "Tri", "base", params)).result
    assert here.solution is not None and on_dask.solution is not None
    assert on_dask.solution.network == here.solution.network
    assert on_dask.objective == here.objective
    assert on_dask.solution.evaluations == here.solution.evaluations


@pytest.mark.parametrize(("field", "kwargs"), [
    ("iterations", {"iterations": 0}), ("round_iterations", {"round_iterations": 0}),
    ("workers", {"workers": 0}), ("max_services", {"max_services": 0}),
    ("time_limit_s", {"time_limit_s": float("inf")}), ("seed", {"seed": -1}),
])
def test_params_name_the_bad_field(field: str, kwargs: dict[str, float]) -> None:
    base: dict[str, float] = {"time_limit_s": 10.0}
    with pytest.raises(InputError) as info:
        DesignParams(**{**base, **kwargs})  # type: ignore[arg-type]
    assert info.value.field == field
