"""Probes of the HTTP surface: forged cursors, far dates, oversized bodies, headers, methods,
path traversal, the docs pages. No probe may get a 5xx."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import httpx
import pytest
from seckit import Desk, good, post, refused, voyage

SCHEDULES = {
    "/v3/service-schedules": {},
    "/v1/vessel-schedules": {},
    "/v1/port-schedules": {"UNLocationCode": "CNTAO", "date": "2030-01-01"},
    "/v1/point-to-point-routes": {"placeOfReceipt": "CNTAO", "placeOfDelivery": "KRPUS"},
}


def _old_style(state: dict[str, object]) -> str:
    return base64.urlsafe_b64encode(json.dumps(state).encode()).decode()


FORGED = [
    _old_style({"offset": -5, "limit": 1, "query": {}}),
    _old_style({"offset": 0, "limit": 100_000, "query": {}}),
    _old_style({"offset": 0, "limit": 1, "query": {"startDate": "not a date"}}),
    "not-a-cursor", "", "..", "a.b", "%00", "🙂.🙂", "A" * 1000,
]


@pytest.mark.parametrize("path", SCHEDULES)
def test_forged_cursors_are_a_dcsa_400(desk: Desk, path: str) -> None:
    with desk.client() as c:
        for cursor in FORGED:
            r = c.get(path, params={"cursor": cursor})
            if cursor == "":  # an empty cursor is no cursor: the first page
                assert r.status_code in (200, 400)
                continue
            refused(r, 400, "cursor")


@pytest.mark.parametrize("path", SCHEDULES)
def test_signed_cursors_page_through_and_cannot_be_altered(desk: Desk, path: str) -> None:
    with desk.client() as c:
        first = c.get(path, params={**SCHEDULES[path], "limit": 1})
        assert first.status_code == 200
        cursor = first.headers.get("Next-Page-Cursor")
        if cursor is None:
            pytest.skip(f"{path} has a single item")
        nxt = c.get(path, params={"cursor": cursor})
        assert nxt.status_code == 200 and len(nxt.json()) == 1
        assert nxt.json() != first.json()
        text, _, mac = cursor.partition(".")
        state = json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
        state["l"] = 100_000
        forged = base64.urlsafe_b64encode(json.dumps(state).encode()).decode().rstrip("=")
        refused(c.get(path, params={"cursor": f"{forged}.{mac}"}), 400, "cursor")
        other = next(p for p in SCHEDULES if p != path)
        refused(c.get(other, params={"cursor": cursor}), 400, "cursor")


@pytest.mark.parametrize(("path", "params"), [
    ("/api/schedule", {"from": "9999-12-31"}),
    ("/api/schedule", {"from": "9999-12-31T23:59:59-05:00"}),
    ("/api/schedule.csv", {"from": "0001-01-01"}),
    ("/api/schedule.ics", {"from": "9999-12-31"}),
    ("/api/berth-plan", {"week": "9999-12-27"}),
    ("/api/berth-plan", {"week": "0001-01-01"}),
    ("/api/route", {"at": "9999-12-31T23:00:00-05:00"}),
    ("/v3/service-schedules", {"startDate": "9999-12-31"}),
    ("/v1/vessel-schedules", {"endDate": "0001-01-01"}),
    ("/v1/port-schedules", {"UNLocationCode": "CNTAO", "date": "9999-12-31"}),
    ("/v1/point-to-point-routes", {"placeOfReceipt": "CNTAO", "placeOfDelivery": "KRPUS",
                                   "arrivalEndDate": "9999-12-31"}),
])
def test_far_dates_are_a_dcsa_400(desk: Desk, path: str, params: dict[str, str]) -> None:
    with desk.client() as c:
        refused(c.get(path, params=params), 400)


@pytest.mark.parametrize(("path", "params"), [
    ("/api/plan", {"speed_kn": "nan"}), ("/api/plan", {"panama_draft_limit_m": "inf"}),
    ("/api/sailings/%00/bookings", {}), ("/api/sailings/..%2f..%2fetc/bookings", {}),
])
def test_odd_numbers_and_names_are_a_4xx(desk: Desk, path: str, params: dict[str, str]
                                         ) -> None:
    with desk.client("carrier") as c:
        r = c.get(path, params=params)
        assert 400 <= r.status_code < 500, (r.status_code, r.text[:300])


def _count_bookings(desk: Desk) -> int:
    with desk.client("carrier") as c:
        return len(c.get("/v2/bookings", params={"limit": 1000}).json())


def test_oversized_body_is_413_before_authentication(desk: Desk) -> None:
    before = _count_bookings(desk)
    with desk.client("acme") as acme, desk.client() as anonymous:
        body = good(voyage(acme))
        body["documentParties"]["padding"] = "x" * 20_000_000
        sentence = refused(post(anonymous, body), 413, "Content-Length")
        assert "1000000 bytes" in sentence
        refused(post(acme, body), 413)
        body["documentParties"]["padding"] = "x" * 1_100_000
        refused(acme.put(f"/v2/bookings/{'0' * 8}-0000-4000-8000-{'0' * 12}", json=body), 413)
    assert _count_bookings(desk) == before


def test_streamed_oversized_body_is_413(desk: Desk) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"documentParties": {"padding": "'
        for _ in range(40):
            yield b"x" * 65_536
        yield b'"}}'

    with desk.client("acme") as acme:
        r = acme.post("/v2/bookings", content=chunks(),
                      headers={"Content-Type": "application/json"})
        refused(r, 413, "body")


def test_bad_content_length_is_400(desk: Desk) -> None:
    with httpx.Client(base_url=desk.url) as c:
        request = c.build_request("POST", "/v2/bookings", content=b"{}")
        request.headers["Content-Length"] = "-1"
        try:
            r = c.send(request)
        except httpx.HTTPError:
            return  # the HTTP parser refused it before the app: no 5xx either
        assert r.status_code == 400


def test_security_headers(desk: Desk) -> None:
    with desk.client("acme") as acme, desk.client() as anonymous:
        dashboard = anonymous.get("/")
        assert dashboard.status_code == 200
        csp = dashboard.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        assert dashboard.headers["X-Frame-Options"] == "DENY"
        for r in (dashboard, anonymous.get("/openapi.json"), acme.get("/v2/bookings")):
            assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert acme.get("/v2/bookings").headers["Cache-Control"] == "no-store"
        assert acme.get("/api/utilisation").headers["Cache-Control"] == "no-store"
        assert anonymous.get("/v2/bookings").headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("method", "path", "allowed"), [
    ("DELETE", f"/v2/bookings/{'0' * 8}-0000-4000-8000-{'0' * 12}", "GET, PATCH, PUT"),
    ("DELETE", "/v2/bookings", "GET, POST"),
    ("POST", "/v1/vessel-schedules", "GET"),
    ("PUT", "/api/plan", "GET"),
    ("POST", "/", "GET, HEAD"),
])
def test_405_names_the_allowed_methods(desk: Desk, method: str, path: str, allowed: str
                                       ) -> None:
    with desk.client("carrier") as c:
        r = c.request(method, path)
        assert r.status_code == 405, r.text
        assert r.headers["Allow"] == allowed
        refused(r, 405, "httpMethod")


@pytest.mark.parametrize("path", [
    "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2f..%2fetc%2fpasswd",
    "/static/../../settings.py", "/docs-assets/../../../../etc/passwd",
    "/docs-assets/..%2f__init__.py", "/%2e%2e%5c%2e%2e%5cwindows%5cwin.ini",
    "/index.html%00.js", "/....//....//etc/passwd",
])
def test_path_traversal_finds_nothing(desk: Desk, path: str) -> None:
    with httpx.Client(base_url=desk.url) as c:
        r = c.send(httpx.Request("GET", desk.url + path))
        assert r.status_code in (400, 404), (path, r.status_code)
        assert "root:" not in r.text and "import" not in r.text


def test_plan_does_not_show_a_server_path(desk: Desk) -> None:
    with desk.client() as c:
        case = c.get("/api/plan").json()["case"]
        assert "/" not in case["file"] and case["file"].endswith(".toml")


def test_docs_are_served_from_inside_the_package(desk: Desk) -> None:
    with desk.client() as c:
        for page, asset in (("/docs", "swagger-ui-bundle.js"), ("/redoc", "redoc.standalone.js")):
            html = c.get(page)
            assert html.status_code == 200 and asset in html.text
            assert "http://" not in html.text and "https://" not in html.text
            assert "unsafe-inline" not in html.headers["Content-Security-Policy"].split(
                "script-src")[1].split(";")[0]
            js = c.get(f"/docs-assets/{asset}")
            assert js.status_code == 200 and len(js.content) > 100_000
        assert "SwaggerUIBundle" in c.get("/docs-init.js").text
