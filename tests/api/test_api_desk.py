"""The carrier's desk: ``GET /v2/bookings``, ``parties list/revoke``, the stored secret."""

from __future__ import annotations

import contextlib
import io
from datetime import UTC, datetime
from pathlib import Path

import pytest
from apikit import Server, booking, sailings

from tradelane.cli import main
from tradelane.settings import Settings
from tradelane.store.db import open_database
from tradelane.store.server_secrets import CURSOR_KEY, server_secret


def _book(server: Server, who: str, voyage: str, units: int) -> str:
    with server.client(who) as c:
        r = c.post("/v2/bookings", json=booking(voyage, pod="KRPUS", units=units))
        assert r.status_code == 202, r.text
        return str(r.json()["carrierBookingRequestReference"])


def test_queue_lists_received_bookings_with_legs_and_capacity_left(server: Server) -> None:
    with server.client("carrier") as carrier:
        voyage = sailings(carrier)[5]
        refs = [_book(server, "acme", voyage, 2), _book(server, "bolt", voyage, 3)]
        confirmed = carrier.post(f"/v2/bookings/{refs[1]}/confirm")
        assert confirmed.status_code == 200
        received = carrier.get("/v2/bookings", params={"bookingStatus": "RECEIVED",
                                                       "limit": 1000}).json()
        mine = [b for b in received if b["carrierBookingRequestReference"] in refs]
        assert [b["carrierBookingRequestReference"] for b in mine] == refs[:1]
        item = mine[0]
        assert item["shipper"] == "Acme Batteries" and item["TEU"] == 2
        assert (item["POL"], item["POD"], item["carrierExportVoyageNumber"]) == (
            "CNTAO", "KRPUS", voyage)
        assert [(leg["from"], leg["to"]) for leg in item["legs"]] == [
            ("CNTAO", "CNNGB"), ("CNNGB", "KRPUS")]
        # 100 TEU per leg; Bolt's 3 × 22G1 confirmed on both legs
        assert {leg["TEULeft"] for leg in item["legs"]} == {97}


def test_shipper_lists_its_own_and_pages_with_a_signed_cursor(server: Server) -> None:
    with server.client("bolt") as bolt:
        voyage = sailings(bolt)[5]
        for _ in range(3):
            _book(server, "bolt", voyage, 1)
        first = bolt.get("/v2/bookings", params={"limit": 2})
        assert first.status_code == 200 and len(first.json()) == 2
        cursor = first.headers["Next-Page-Cursor"]
        seen = [b["carrierBookingRequestReference"] for b in first.json()]
        while cursor:
            page = bolt.get("/v2/bookings", params={"cursor": cursor})
            seen += [b["carrierBookingRequestReference"] for b in page.json()]
            cursor = page.headers.get("Next-Page-Cursor", "")
        assert len(seen) == len(set(seen)) >= 3
        assert all(b["shipper"] == "Bolt Solar"
                   for b in bolt.get("/v2/bookings", params={"limit": 1000}).json())
        with server.client("carrier") as carrier:  # a cursor is the endpoint's, not a key's
            assert carrier.get("/v2/bookings", params={"cursor": first.headers[
                "Next-Page-Cursor"]}).status_code == 200


def test_parties_list_and_revoke(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    for name in ("Acme Batteries", "Tradelane Lines"):
        with contextlib.redirect_stdout(io.StringIO()), \
                contextlib.redirect_stderr(io.StringIO()):
            assert main(["parties", "add", name, "--db", db]) == 0
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["parties", "revoke", "Acme Batteries", "--db", db]) == 0
        assert main(["parties", "list", "--db", db]) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("revoked the key of party 1")
    assert lines[1].split("\t")[:3] == ["1", "shipper", "Acme Batteries"]
    assert "\trevoked " in lines[1] and lines[2].endswith("\tactive")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["parties", "revoke", "Acme Batteries", "--db", db]) == 2
    assert "is not an active party" in err.getvalue()


def test_server_secret_is_generated_once_and_kept(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.sqlite3'}"
    now = datetime(2030, 1, 1, tzinfo=UTC)
    first = server_secret(open_database(db), CURSOR_KEY, now)
    again = server_secret(open_database(db), CURSOR_KEY, now)
    assert first == again and len(first) >= 40
    other = server_secret(open_database(f"sqlite:///{tmp_path / 't.sqlite3'}"), CURSOR_KEY, now)
    assert other != first


def test_cabotage_setting_reads_a_list_and_names_a_bad_code(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TRADELANE_CABOTAGE_ALLOWED", "cn, US")
    assert Settings().cabotage_allowed == ["CN", "US"]
    monkeypatch.setenv("TRADELANE_CABOTAGE_ALLOWED", "CHN")
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["parties", "list", "--db", f"sqlite:///{tmp_path / 'c.sqlite3'}"]) == 2
    assert err.getvalue().strip() == ("error: TRADELANE_CABOTAGE_ALLOWED = 'CHN': CHN is not "
                                      "an ISO 3166 two-letter country code.")
