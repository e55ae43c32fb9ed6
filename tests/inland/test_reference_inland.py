"""The reference case with its inland network: every inland row routed or rejected with a reason,
the JSON per inland port, and the door-to-port flow cross-checked against the path LP."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from tradelane.domain import Routing
from tradelane.flow.data import FlowData
from tradelane.flow.intermodal import IntermodalData
from tradelane.flow.intermodal import solve as solve_intermodal
from tradelane.flow.paths import solve as solve_paths
from tradelane.io.case_toml import parse_case
from tradelane.planning.cargo import _flow_data
from tradelane.planning.service_plan import ServicePlan, plan_service

CASE_FILE = Path(__file__).resolve().parents[2] / "cases" / "shandong-usec.toml"


@pytest.fixture(scope="module")
def plan() -> ServicePlan:
    return plan_service(parse_case(CASE_FILE.read_text(encoding="utf-8")))


def test_every_inland_row_is_routed_or_rejected_with_a_reason(plan: ServicePlan) -> None:
    net = plan.case.inland
    assert net is not None
    for option in plan.options:
        assert option.inland is not None and option.cargo is not None
        rejected = {(r.origin, r.destination): r for r in option.cargo.rejected
                    if r.origin in net.ports}
        for port in option.inland.ports:
            assert port.rail_teu + port.road_teu + port.rejected_teu == pytest.approx(
                port.offered_teu)
            short = sum(r.teu for (o, _), r in rejected.items() if o == port.locode)
            assert short == pytest.approx(port.rejected_teu)
        assert all(r.reason for r in rejected.values())


def test_suez_leaves_zhengzhou_to_charleston_over_the_limit(plan: ServicePlan) -> None:
    option = plan.option(Routing.SUEZ)
    assert option.cargo is not None
    row = next(r for r in option.cargo.rejected if r.origin == "CNCGO")
    assert row.destination == "USCHS" and row.cause.value == "transit_limit"


def test_offered_is_the_brief_s_total(plan: ServicePlan) -> None:
    cargo = plan.option(Routing.CAPE).cargo
    assert cargo is not None and cargo.offered_teu == pytest.approx(16_250)


def test_intermodal_lp_without_inland_equals_the_path_lp() -> None:
    case = parse_case(CASE_FILE.read_text(encoding="utf-8"))
    plan = plan_service(case, routings=[Routing.CAPE])
    option = plan.options[0]
    assert option.proforma is not None
    sea = _flow_data(replace(case, demand=case.demand, inland=None), option.legs, option.proforma)
    theirs = solve_paths(FlowData(sea.ports, sea.services, sea.commodities))
    ours = solve_intermodal(IntermodalData(sea.ports, sea.services[0], sea.commodities, (), ()))
    assert ours.objective == pytest.approx(theirs.objective, rel=1e-9)


def test_plan_json_carries_inland_per_option(tmp_path: Path) -> None:
    run = subprocess.run([sys.executable, "-m", "tradelane", "plan", str(CASE_FILE), "--json"],
                         capture_output=True, text=True, timeout=300, check=True)
    doc = json.loads(run.stdout)
    for option in doc["options"]:
        rows = option["inland"]
        assert [r["locode"] for r in rows] == ["CNTNA", "CNZBO", "CNLYI", "CNWEF", "CNCGO",
                                               "CNXAN"]
        assert set(rows[0]) >= {"locode", "name", "rail_teu", "road_teu", "rejected_teu",
                                "train_utilisation_pct", "co2_saved_t"}
    cape = next(o for o in doc["options"] if o["routing"] == "cape")
    jinan = cape["inland"][0]
    # via the Cape only Saturday's Jinan train (2.5 days to the ship) makes the 45 days to
    # Savannah: 100 TEU by rail, the other 100 by road
    assert (jinan["rail_teu"], jinan["road_teu"]) == (100, 100)


def test_dashboard_route_doc_carries_the_inland_network(plan: ServicePlan) -> None:
    from tradelane.api.dashboard.inland import inland_doc

    option = plan.option(Routing.CAPE)
    doc = inland_doc(plan.case, option)
    assert doc is not None
    assert [p["locode"] for p in doc["sea_ports"]] == ["CNTAO"]
    assert len(doc["links"]) == 6 and len(doc["trains"]) == 18
    jinan = next(p for p in doc["ports"] if p["locode"] == "CNTNA")
    assert (jinan["rail_teu"], jinan["road_teu"]) == (100, 100)
    full = [t["label"] for t in doc["trains"] if t["utilisation_pct"] == 100]
    assert "Jinan-Qingdao Sat 12:00" in full
