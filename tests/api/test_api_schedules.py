"""Schedules over HTTP, validated against the vendored OVS 3.0 and CS 1.0 schemas."""

from __future__ import annotations

from apikit import Server, ref, validate


def _array(name: str) -> dict[str, object]:
    return {"type": "array", "items": ref(name)}


def test_service_schedules_ovs(server: Server) -> None:
    with server.client() as c:
        r = c.get("/v3/service-schedules", params={"carrierServiceCode": "SUE"})
        assert r.status_code == 200
        validate("ovs/OVS_v3.0.2.yaml", _array("ServiceSchedule"), r.json())
        vessels = r.json()[0]["vesselSchedules"]
        # 8 weeks of eastbound sailings (8 ships) and of westbound ones (the ships 6 weeks
        # ahead in the rotation): all 12 ships of the fleet
        assert len(vessels) == 12
        only = c.get("/v3/service-schedules", params={"vesselName": "SUE 01"}).json()
        assert [v["vesselName"] for v in only[0]["vesselSchedules"]] == ["SUE 01"]
        assert c.get("/v3/service-schedules", params={"carrierServiceCode": "NONE"}).json() == []


def test_vessel_and_port_schedules_cs(server: Server) -> None:
    with server.client() as c:
        vessel = c.get("/v1/vessel-schedules", params={"UNLocationCode": "CNTAO"})
        validate("cs/CS_v1.0.3.yaml", _array("ServiceSchedule"), vessel.json())
        port = c.get("/v1/port-schedules", params={"UNLocationCode": "CNTAO",
                                                    "date": "2030-01-01"})
        assert port.status_code == 200
        validate("cs/CS_v1.0.3.yaml", _array("PortSchedule"), port.json())
        # 8 eastbound departures, and the westbound sailings' Qingdao discharge calls, of which
        # the last 2 weeks' are the same calls as the eastbound departures of weeks 7 and 8
        calls = port.json()[0]["vesselSchedules"]
        assert len(calls) == 14
        assert len({(c["vessel"]["name"], c["timestamps"][0]["eventDateTime"])
                    for c in calls}) == 14
        missing = c.get("/v1/port-schedules", params={"UNLocationCode": "CNTAO"})
        assert missing.status_code == 400 and "date" in missing.json()["statusCodeMessage"]


def test_point_to_point_and_paging(server: Server) -> None:
    with server.client() as c:
        params = {"placeOfReceipt": "CNTAO", "placeOfDelivery": "USSAV"}
        everything = c.get("/v1/point-to-point-routes", params=params).json()
        validate("cs/CS_v1.0.3.yaml", _array("PointToPoint"), everything)
        assert everything and all(r["transitTime"] > 30 for r in everything)
        first = c.get("/v1/point-to-point-routes", params={**params, "limit": 1})
        cursor = first.headers.get("Next-Page-Cursor")
        assert len(first.json()) == 1 and cursor
        pages = first.json()
        while cursor:
            nxt = c.get("/v1/point-to-point-routes", params={"cursor": cursor})
            pages += nxt.json()
            cursor = nxt.headers.get("Next-Page-Cursor")
        assert pages == everything
        bad = c.get("/v1/point-to-point-routes", params={"cursor": "garbage"})
        assert bad.status_code == 400


def test_openapi_served(server: Server) -> None:
    with server.client() as c:
        paths = c.get("/openapi.json").json()["paths"]
    assert {"/v2/bookings", "/v2/bookings/{bookingReference}", "/v3/service-schedules",
            "/v1/vessel-schedules", "/v1/port-schedules", "/v1/point-to-point-routes",
            "/v2/bookings/{bookingReference}/confirm"} <= set(paths)
