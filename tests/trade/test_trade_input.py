"""Bad input: one sentence and exit status 2 (CLI) or a 4xx (API); the API's role checks."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from tradekit import NOW, HandSet, run_cli

from tradelane.api.app import create_app
from tradelane.settings import Settings
from tradelane.store.db import open_database
from tradelane.store.parties import add_party


@pytest.mark.parametrize(("args", "words"), [
    (("--by", "colour"), "--by = 'colour': is not a grouping"),
    (("--by", "market,month"), "--by = 'market,month': may hold one of month and week, and "
                               "then first"),
    (("--by", "pol,pod,hs"), "--by = 'pol,pod,hs': must name one grouping or two"),
    (("--to", "2024-01-01"), "--to = '2024-01-01': is before --from 2024-02-01"),
    (("--status", "CANCELLED"), "--status = 'CANCELLED': is never counted"),
    (("--rate", "USD=7"), "--rate = 'USD=7': must be BASE/QUOTE=number"),
    (("--currency", "XYZ"), "--currency = 'XYZ': has no exchange rate"),
    (("--format", "xls"), "--format = 'xls': must be one of"),
    (("--from", "2024-02-30"), "--from = '2024-02-30': is not a date"),
])
def test_bad_input_is_one_sentence(tmp_path, args: tuple[str, ...], words: str) -> None:
    base = {"--from": "2024-02-01", "--to": "2024-02-29"}
    for flag, value in zip(args[::2], args[1::2], strict=True):
        base[flag] = value
    flat = [x for pair in base.items() for x in pair]
    code, out, err = run_cli("report", "trade", "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}",
                             *flat)
    assert code == 2
    assert out == ""
    assert err.startswith("error: " + words), err
    assert err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture(scope="module")
def api(hand: HandSet) -> tuple[TestClient, dict[str, str]]:
    sessions = open_database(hand.db_url, pool_size=2)
    keys = {}
    with sessions.begin() as session:
        for role in ("analyst", "carrier", "shipper"):
            keys[role] = add_party(session, f"{role} key", role, NOW)[1]
    return TestClient(create_app(Settings(db_url=hand.db_url, now=NOW))), keys


def _get(api: tuple[TestClient, dict[str, str]], who: str | None, hand: HandSet, **params: str):
    client, keys = api
    headers = {"Authorization": f"Bearer {keys[who]}"} if who else {}
    query = {"from": (hand.etd_v2 - timedelta(days=3)).isoformat(),
             "to": (hand.etd_v2 + timedelta(days=3)).isoformat(), **params}
    return client.get("/api/trade", params=query, headers=headers)


@pytest.mark.parametrize("who", ["analyst", "carrier"])
def test_carrier_and_analyst_read_the_same_figures_as_the_cli(api, hand, who) -> None:
    response = _get(api, who, hand, by="hs")
    assert response.status_code == 200
    doc = response.json()
    assert doc["total"]["teu"] == 8.0 and doc["total"]["value"] == 570_800.0
    assert {r["group"] for r in doc["rows"]} == {"8703.80", "0303.89", "8541.43", "9403.60"}


def test_shipper_and_anonymous_are_refused(api, hand) -> None:
    assert _get(api, "shipper", hand).status_code == 403
    assert _get(api, None, hand).status_code == 401


def test_bad_query_is_a_400_naming_the_field(api, hand) -> None:
    response = _get(api, "analyst", hand, by="colour")
    assert response.status_code == 400
    assert "by = 'colour'" in response.json()["errors"][0]["errorCodeMessage"]
    backwards = _get(api, "analyst", hand, **{"from": "2030-03-01", "to": "2030-02-01"})
    assert backwards.status_code == 400
    assert "is before" in backwards.json()["errors"][0]["errorCodeMessage"]


def test_analyst_may_not_book(api, hand) -> None:
    client, keys = api
    response = client.post("/v2/bookings", json={}, headers={
        "Authorization": f"Bearer {keys['analyst']}"})
    assert response.status_code in (400, 403)
