"""Probes of authentication and authorisation: bypass attempts, cross-party reads and writes,
role escalation, revoked keys, odd references."""

from __future__ import annotations

import contextlib
import io
import stat
from pathlib import Path

import pytest
from seckit import Desk, good, post, reference_of, refused, voyage

from tradelane.cli import main


@pytest.mark.parametrize("authorization", [
    None, "", "Bearer", "Basic dXNlcjpwYXNz", "Token tl_x", "Bearer tl_forged",
    "Bearer " + "A" * 8000, "Bearer ' OR '1'='1", "Bearer tl_\u00e9\u00ff",
])
def test_bad_credentials_are_401(desk: Desk, authorization: str | None) -> None:
    headers: dict[str, str] = {}
    if authorization is not None:  # latin-1 bytes on the wire, as a browser may send
        headers["Authorization"] = authorization.encode("latin-1")  # type: ignore[assignment]
    with desk.client(**headers) as c:
        for method, path in (("GET", "/v2/bookings"), ("GET", "/api/utilisation"),
                             ("POST", f"/v2/bookings/{'0' * 8}-0000-4000-8000-{'0' * 12}"
                                      "/confirm")):
            r = c.request(method, path)
            refused(r, 401, "Authorization")
            assert r.headers["WWW-Authenticate"] == "Bearer"


def test_a_valid_key_with_junk_or_in_the_query_is_refused(desk: Desk) -> None:
    key = desk.keys["acme"]
    with desk.client() as c:
        refused(c.get("/v2/bookings", headers={"Authorization": f"Bearer {key}x"}), 401)
        refused(c.get("/v2/bookings", headers={"Authorization": f"Bearer {key[:-1]}"}), 401)
        refused(c.get("/v2/bookings", params={"api_key": key}), 400)
        refused(c.get("/api/utilisation", params={"api_key": key}), 401)


def test_shippers_see_and_change_only_their_own(desk: Desk) -> None:
    with desk.client("acme") as acme, desk.client("bolt") as bolt, \
            desk.client("carrier") as carrier:
        body = good(voyage(acme))
        reference = reference_of(post(acme, body))
        path = f"/v2/bookings/{reference}"
        refused(bolt.get(path), 404)
        refused(bolt.put(path, json=body), 404)
        refused(bolt.patch(path, json={"bookingStatus": "CANCELLED"}), 404)
        assert reference not in {b["carrierBookingRequestReference"]
                                 for b in bolt.get("/v2/bookings").json()}
        mine = acme.get("/v2/bookings").json()
        assert reference in {b["carrierBookingRequestReference"] for b in mine}
        assert {b["shipper"] for b in mine} == {"Acme Batteries"}
        everyone = carrier.get("/v2/bookings", params={"limit": 1000}).json()
        assert reference in {b["carrierBookingRequestReference"] for b in everyone}
        assert acme.get(path).json()["bookingStatus"] == "RECEIVED"


def test_shippers_cannot_decide_or_escalate(desk: Desk) -> None:
    with desk.client("acme") as acme:
        body = good(voyage(acme))
        reference = reference_of(post(acme, body))
        path = f"/v2/bookings/{reference}"
        refused(acme.post(f"{path}/confirm"), 403)
        refused(acme.post(f"{path}/decline", json={"reason": "x"}), 403)
        refused(acme.patch(path, json={"bookingStatus": "CONFIRMED"}), 400, "bookingStatus")
        refused(acme.put(path, json={**body, "bookingStatus": "CONFIRMED"}), 400,
                "bookingStatus")
        assert acme.get(path).json()["bookingStatus"] == "RECEIVED"


@pytest.mark.parametrize("reference", [
    "not-a-uuid", "%00", "a" * 100, "00000000-0000-0000-0000-000000000000", "' OR 1=1 --",
    "..%2f..%2fetc%2fpasswd", "%F0%9F%99%82",
])
def test_odd_references_are_404(desk: Desk, reference: str) -> None:
    with desk.client("carrier") as c:
        for method in ("GET", "PATCH"):
            r = c.request(method, f"/v2/bookings/{reference}",
                          json={"bookingStatus": "CANCELLED"} if method == "PATCH" else None)
            assert r.status_code in (400, 404, 405), (reference, r.status_code, r.text[:200])


def test_revoked_key_is_refused_at_once(desk: Desk) -> None:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["parties", "add", "Short Lived", "--db", desk.db_url]) == 0
    key = out.getvalue().strip()
    with desk.client(Authorization=f"Bearer {key}") as c:
        assert c.get("/v2/bookings").status_code == 200
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["parties", "revoke", "Short Lived", "--db", desk.db_url]) == 0
        refused(c.get("/v2/bookings"), 401)


def test_sqlite_file_is_private(desk: Desk) -> None:
    if not desk.db_url.startswith("sqlite"):
        pytest.skip("PostgreSQL keeps its own files")
    path = Path(desk.db_url.removeprefix("sqlite:///"))
    for f in [path, *path.parent.glob(path.name + "-*")]:
        assert stat.S_IMODE(f.stat().st_mode) & 0o077 == 0, f
