"""The generic flow models on their own: both exact models agree, warm and cold agree."""

from __future__ import annotations

import numpy as np
import pytest

from tradelane.errors import InputError
from tradelane.flow import _change, arcflow, paths
from tradelane.flow.data import FlowCommodity, FlowData, FlowPort, FlowService
from tradelane.flow.params import FlowParams

PORTS = tuple(FlowPort(c, h, t) for c, h, t in (("A", 10, 5), ("B", 20, 7), ("C", 30, 9),
                                                 ("D", 5, 3)))
# a butterfly service calling B twice, and a feeder B-D
SERVICES = (FlowService(("A", "B", "C", "B"), 100.0), FlowService(("B", "D"), 40.0))
COMMODITIES = (
    FlowCommodity("A", "C", 80, 900, 1000), FlowCommodity("C", "A", 60, 700, 1000),
    FlowCommodity("A", "D", 50, 1200, 1000), FlowCommodity("D", "C", 30, 800, 1000),
    FlowCommodity("C", "D", 20, 300, 0),
)
DATA = FlowData(PORTS, SERVICES, COMMODITIES)


def test_both_models_agree_and_by_hand() -> None:
    a = arcflow.solve(DATA)
    p = paths.solve(DATA)
    assert a.objective == pytest.approx(p.objective, abs=1e-4)
    sol = p.solution
    assert sol is not None
    # A->D (50) needs the feeder B->D (40), transshipping at B: value 1200+1000-10-5-7 = 2178
    # per FFE beats C->D (300+0-30-5-7 = 258) on that leg, so A->D 40 and C->D 0.
    # Leg A->B (100) carries A->C and A->D: A->C gets 100 - 40 = 60.
    # D->C (30) uses D->B (40) and transships at B: all carried. C->A (60) stays on board.
    assert sol.delivered_ffe == pytest.approx([60, 60, 40, 30, 0])
    assert sol.transshipped_ffe["B"] == pytest.approx(40 + 30)
    assert sol.leg_flow_ffe[0] == pytest.approx([100, 60 + 30, 60, 60])


@pytest.mark.parametrize("module", [arcflow, paths])
def test_leg_duals_by_hand(module) -> None:  # type: ignore[no-untyped-def]
    sol = module.solve(DATA).solution
    assert sol is not None
    # A->B is full and A->C (value 900 + 1000 - 10 - 30 = 1860 per FFE) is partly carried: one
    # more FFE of room there carries one more A->C: 1860. B->D is full: one more FFE lets one
    # A->C FFE become A->D (2178, after 7 of transshipment at B): 2178 - 1860 = 318.
    # Every other leg has room: 0. (Each leg sailed also costs a 1e-6 tie-breaker.)
    assert sol.leg_dual_usd_per_ffe[0] == pytest.approx([1860, 0, 0, 0], abs=1e-3)
    assert sol.leg_dual_usd_per_ffe[1] == pytest.approx([318, 0], abs=1e-3)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"time_limit_s": 0}, "time_limit_s = 0: must be a positive number"),
        ({"time_limit_s": float("nan")}, "time_limit_s = nan"),
        ({"seed": -1}, "seed = -1: must be between 0 and 2147483647."),
        ({"seed": 1.5}, "seed = 1.5"),
        ({"threads": 0}, "threads = 0: must be at least 1."),
        ({"threads": True}, "threads = True"),
        ({"dual_smoothing": 1.0}, "dual_smoothing = 1.0: must be at least 0"),
        ({"purge_min_columns": -5}, "purge_min_columns = -5"),
    ],
)
def test_bad_flow_params_name_the_field(fields: dict[str, object], message: str) -> None:
    with pytest.raises(InputError) as info:
        FlowParams(**fields)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)


def test_params_reach_the_result() -> None:
    params = FlowParams(seed=11, dual_smoothing=0.0, time_limit_s=30.0)
    for module in (arcflow, paths):
        result = module.solve(DATA, params)
        assert result.seed == 11
        assert result.objective == pytest.approx(module.solve(DATA).objective, abs=1e-4)


def test_warm_equals_cold_in_both_models() -> None:
    new = FlowService(("A", "C", "D"), 70.0)
    cold = FlowData(PORTS, (SERVICES[0], new), COMMODITIES)
    for module, model_cls in ((arcflow, arcflow.FlowModel), (paths, paths.PathFlowModel)):
        model = model_cls(DATA)
        model.solve()
        model.replace_service(1, new)
        assert model.solve().objective == pytest.approx(module.solve(cold).objective, abs=1e-4)
        model.replace_service(1, SERVICES[1])
        assert model.solve().objective == pytest.approx(module.solve(DATA).objective, abs=1e-4)


def test_bad_flow_input() -> None:
    with pytest.raises(InputError, match="is not a known port"):
        FlowData(PORTS, (FlowService(("A", "Z"), 1.0),), ())
    with pytest.raises(InputError, match="volume_ffe"):
        FlowCommodity("A", "B", -1, 1, 1)


def test_align_keeps_order_and_matches_most_calls() -> None:
    assert _change.align(("A", "B", "C", "D"), ("A", "C", "D")) == [0, None, 1, 2]
    assert _change.align(("A", "C"), ("A", "B", "C")) == [0, 2]
    assert _change.align(("A", "B", "A", "C"), ("A", "C")) in ([0, None, None, 1],
                                                                 [None, None, 0, 1])
    assert _change.align(("A", "B"), ("C", "D")) == [None, None]


def _random_data(rng: np.random.Generator, timed: bool) -> FlowData:
    codes = [f"P{i}" for i in range(7)]
    ports = tuple(FlowPort(c, float(rng.integers(0, 30)), float(rng.integers(0, 20)))
                  for c in codes)
    services = tuple(_random_service(rng, codes) for _ in range(3))
    commodities = []
    for _ in range(14):
        o, d = rng.choice(len(codes), 2, replace=False)
        penalty = float(rng.integers(0, 3)) * 500
        commodities.append(FlowCommodity(codes[o], codes[d], float(rng.integers(5, 60)),
                                     float(rng.integers(100, 2000)), penalty,
                                     float(rng.integers(3, 9)) if timed else None))
    return FlowData(ports, services, tuple(commodities))


def _random_service(rng: np.random.Generator, codes: list[str],
                    calls: tuple[str, ...] | None = None) -> FlowService:
    if calls is None:
        n = int(rng.integers(2, 6))
        calls = tuple(codes[int(c)] for c in rng.choice(len(codes), n, replace=False))
        if n >= 4 and rng.random() < 0.3:  # a butterfly: the first port called twice
            calls = (*calls[:2], calls[0], *calls[2:])
    days = tuple(float(rng.uniform(0.5, 2.5)) for _ in calls)
    return FlowService(calls, float(rng.integers(20, 120)), days, 1.0)


def _random_change(rng: np.random.Generator, service: FlowService,
                   codes: list[str]) -> FlowService:
    calls = list(service.calls)
    kind = rng.integers(0, 4)
    if kind == 0 and len(calls) > 2:  # drop a call
        calls.pop(int(rng.integers(0, len(calls))))
    elif kind == 1:  # insert a call
        free = [c for c in codes if c not in calls]
        if free:
            calls.insert(int(rng.integers(0, len(calls) + 1)), free[int(rng.integers(len(free)))])
    elif kind == 2 and len(calls) > 2:  # move a call
        c = calls.pop(int(rng.integers(0, len(calls))))
        calls.insert(int(rng.integers(0, len(calls) + 1)), c)
    if any(a == b for a, b in zip(calls, calls[1:] + calls[:1], strict=True)):
        calls = list(service.calls)  # a port twice in a row: keep the calls
    return _random_service(rng, codes, tuple(calls))  # new capacity and leg times


@pytest.mark.parametrize(("timed", "purge"), [(False, False), (True, False), (False, True)])
def test_warm_equals_cold_after_random_changes(timed: bool, purge: bool) -> None:
    """Drop, insert, move calls, change capacity and leg times: warm = cold after every change.

    With ``purge``, idle columns are deleted whatever the size of the master (as on large
    instances), in every round including the last one.
    """
    params = FlowParams(purge_min_columns=0) if purge else FlowParams()
    rng = np.random.default_rng(7 if timed else 3)
    for _ in range(6):
        data = _random_data(rng, timed)
        codes = [p.code for p in data.ports]
        model = paths.PathFlowModel(data, params)
        model.solve()
        services = list(data.services)
        for _ in range(8):
            i = int(rng.integers(0, len(services)))
            services[i] = _random_change(rng, services[i], codes)
            model.replace_service(i, services[i])
            warm = model.solve()
            changed = FlowData(data.ports, tuple(services), data.commodities)
            cold = paths.solve(changed)
            assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-6)
            if not timed:
                assert warm.objective == pytest.approx(arcflow.solve(changed).objective,
                                                       rel=1e-9, abs=1e-6)
