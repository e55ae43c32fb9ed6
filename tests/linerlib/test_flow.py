"""The generic flow models on their own: both exact models agree, warm and cold agree."""

from __future__ import annotations

import pytest

from tradelane.errors import InputError
from tradelane.flow import arcflow, paths
from tradelane.flow.data import Commodity, FlowData, FlowPort, FlowService

PORTS = tuple(FlowPort(c, h, t) for c, h, t in (("A", 10, 5), ("B", 20, 7), ("C", 30, 9),
                                                 ("D", 5, 3)))
# a butterfly service calling B twice, and a feeder B-D
SERVICES = (FlowService(("A", "B", "C", "B"), 100.0), FlowService(("B", "D"), 40.0))
COMMODITIES = (
    Commodity("A", "C", 80, 900, 1000), Commodity("C", "A", 60, 700, 1000),
    Commodity("A", "D", 50, 1200, 1000), Commodity("D", "C", 30, 800, 1000),
    Commodity("C", "D", 20, 300, 0),
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
        Commodity("A", "B", -1, 1, 1)
