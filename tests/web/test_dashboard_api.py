"""The dashboard's JSON endpoints and the route geometry behind the map (no browser)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from tradelane.geo.distance_cache import DistanceCache
from tradelane.geo.sea_routes import SeaRouter, _key
from tradelane.io.case_toml import read_case
from tradelane.planning import plan_service
from tradelane.planning.route_map import along, leg_paths, ship_positions

CASE = Path(__file__).resolve().parents[2] / "cases" / "shandong-usec.toml"


def test_a_cache_file_without_paths_still_serves_distances(tmp_path: Path) -> None:
    case = read_case(CASE)
    a, b = case.ports["CNTAO"], case.ports["CNNGB"]
    key = _key(a.position, b.position, frozenset())
    path = tmp_path / "legs.json"
    path.write_text(json.dumps({key: [123.0, []]}))  # the format before route lines
    router = SeaRouter(DistanceCache(path))
    assert router.leg(a, b, frozenset()).distance_nm == 123.0
    line = router.path(a, b, frozenset())
    assert line[0] == (round(a.lon_deg, 2), round(a.lat_deg, 2)) and len(line) > 2
    router.cache.save()
    entry = json.loads(path.read_text())[key]
    assert len(entry) == 3 and entry[2][-1] == [round(b.lon_deg, 2), round(b.lat_deg, 2)]


def test_along_interpolates_by_length_and_across_the_antimeridian() -> None:
    assert along([(0.0, 0.0), (10.0, 0.0)], 0.5) == (5.0, 0.0)
    assert along([(0.0, 0.0), (1.0, 0.0), (10.0, 0.0)], 0.1) == (1.0, 0.0)
    assert abs(along([(170.0, 0.0), (-170.0, 0.0)], 0.5)[0]) == 180.0


def test_every_ship_is_placed_on_the_proforma() -> None:
    case = read_case(CASE)
    plan = plan_service(case)
    option = plan.first_feasible()
    assert option is not None and option.proforma is not None
    paths = leg_paths(case, option, SeaRouter())
    starts = {c.locode: p[0] for c, p in zip(option.proforma.calls, paths, strict=True)}
    moment = plan.start + timedelta(days=7 * 30, hours=5)
    positions = ship_positions(plan, option, paths, moment)
    assert len(positions) == option.proforma.ships
    for pos in positions:
        assert pos.state in ("in port", "at sea", "waiting")
        if pos.state == "in port":
            assert (pos.lon_deg, pos.lat_deg) == starts[pos.where]
    first = ship_positions(plan, option, paths, plan.start + timedelta(hours=1))
    assert first[0].state == "in port" and first[1].state == "not yet in service"


def test_plan_endpoint_applies_the_scenario(site: Any) -> None:
    client = site.client()
    base = client.get("/api/plan").json()
    assert [o["routing"] for o in base["options"]] == ["panama", "suez", "cape"]
    relaxed = client.get("/api/plan", params={"panama_draft_limit_m": 15.2,
                                              "routing": "panama"}).json()
    assert relaxed["options"][0]["feasible"] and not base["options"][0]["feasible"]
    fewer = client.get("/api/plan", params={"ships": 14}).json()
    assert all(o["ships"] == 14 for o in fewer["options"])
    r = client.get("/api/plan", params={"ships": 12, "speed_kn": 16})
    assert r.status_code == 400
    assert r.json()["statusCodeMessage"].startswith("speed_kn = 16.0")


def test_private_endpoints_need_a_key_and_berth_weeks_are_checked(site: Any) -> None:
    client = site.client()
    assert client.get("/api/utilisation").status_code == 401
    assert client.get("/api/sailings/001E/bookings").status_code == 401
    r = client.get("/api/berth-plan", params={"week": "2030-01-08"})
    assert r.status_code == 400 and "Monday" in r.json()["statusCodeMessage"]
    assert client.get("/").text.startswith("<!doctype html>")
    assert client.get("/world.json").json()["land"]


def test_bench_web_refuses_bad_options(tmp_path: Path, capsys: Any) -> None:
    from tradelane.cli import main

    assert main(["bench", "web", "--runs", "0"]) == 2
    assert "--runs = 0" in capsys.readouterr().err
    assert main(["bench", "web", "--chromium", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err


def test_new_three_by_the_trade_report_s_hs_subheadings() -> None:
    from tradelane.api.dashboard.operations import cargo_mix, commodity_label
    from tradelane.store.utilisation import BookingLine

    assert commodity_label(("870380",), ("Cars",)) == "electric passenger cars"
    assert commodity_label(("850760",), ("",)) == "lithium-ion accumulators"
    assert commodity_label(("854143",), ()) == "photovoltaic modules"
    assert commodity_label(("854142",), ()) == "photovoltaic cells"
    # the same 4-digit headings outside the "new three" subheadings are not new three
    assert commodity_label(("870323",), ("Petrol cars",)) == "Petrol cars"
    assert commodity_label(("850710",), ("Lead-acid batteries",)) == "Lead-acid batteries"
    assert commodity_label(("854140",), ()) == "854140"
    assert commodity_label(("870380",), ("Used electric cars",)) == "used cars"
    assert commodity_label(("940360",), ("Furniture",)) == "Furniture"
    assert commodity_label((), ()) == "unspecified"
    moment = datetime(2030, 1, 7, tzinfo=UTC)
    lines = [BookingLine("r1", "A", "CONFIRMED", "1E", "CNTAO", "USSAV", moment, 6, 30.0, 0,
                         True, ((4, ("850760",), ("Batteries",)), (2, ("870380",), ("EV",)))),
             BookingLine("r2", "B", "CONFIRMED", "1E", "CNTAO", "USSAV", moment, 2, 10.0, 0,
                         False, ((2, ("940360",), ("Furniture",)),))]
    mix = cargo_mix(lines)
    assert mix["teu"] == 8 and mix["dg_share"] == 0.75 and mix["new_three_share"] == 0.75
    assert mix["new_three_teu"] == {"electric passenger cars": 2,
                                    "lithium-ion accumulators": 4, "photovoltaic cells": 0,
                                    "photovoltaic modules": 0}
    assert mix["shippers"] == [{"name": "A", "teu": 6}, {"name": "B", "teu": 2}]
    assert cargo_mix([])["dg_share"] is None
