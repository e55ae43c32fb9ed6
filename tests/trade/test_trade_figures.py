"""Trade figures checked by hand on the bookings of ``tradekit`` (table in its docstring).

Counted by default: F (V1), and A, B, C (V2) — D is cancelled, E declined, G only received.
V2 by hand: TEU 4 (A) + 2 (B) + 2 (C) = 8; containers 2 + 1 + 1 = 4; tonnes 16 + 8 + 20 = 44;
B's one 40' splits by weight: solar modules 6/8 → 1.5 TEU, furniture 0.5 TEU. New three:
A 4 + B's modules 1.5 = 5.5 of 8 = 68.75 %; DG: A 4 of 8 = 50 %; reefer: C 2 of 8 = 25 %.
Value in CNY: A 500,000 + B 10,000 USD × 7.08 = 70,800 → 570,800 (C declares none).
"""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from tradekit import HandSet, run_cli


def _report(hand: HandSet, *args: str) -> dict:
    week = (hand.etd_v2 - timedelta(days=3), hand.etd_v2 + timedelta(days=3))
    code, out, err = run_cli("report", "trade", "--db", hand.db_url, "--from",
                             week[0].isoformat(), "--to", week[1].isoformat(),
                             "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def test_total_of_the_week_by_hand(hand: HandSet) -> None:
    doc = _report(hand, "--by", "pol")
    assert doc["currency"] == "CNY"
    assert doc["total"] == {
        "group": "total", "teu": 8.0, "containers": 4.0, "tonnes": 44.0, "value": 570_800.0,
        "new_three_share_pct": 68.75, "dg_share_pct": 50.0, "reefer_share_pct": 25.0,
        "growth_pct": 700.0}  # previous 7 days: F's 1 TEU
    assert [r["group"] for r in doc["rows"]] == ["CNTAO"]
    assert set(doc["rows"][0]) == set(doc["total"])


def test_two_commodities_split_by_hs(hand: HandSet) -> None:
    rows = {r["group"]: r for r in _report(hand, "--by", "hs")["rows"]}
    assert {g: r["teu"] for g, r in rows.items()} == {
        "8703.80": 4.0, "0303.89": 2.0, "8541.43": 1.5, "9403.60": 0.5}
    assert rows["8541.43"]["value"] == pytest.approx(53_100.0)  # 70,800 × 1.5 / 2
    assert rows["9403.60"]["tonnes"] == 2.0
    assert rows["8541.43"]["new_three_share_pct"] == 100.0
    assert rows["9403.60"]["new_three_share_pct"] == 0.0
    assert rows["0303.89"]["reefer_share_pct"] == 100.0


def test_usd_and_a_given_rate(hand: HandSet) -> None:
    usd = _report(hand, "--by", "shipper", "--currency", "USD")
    assert usd["currency"] == "USD"
    assert usd["total"]["value"] == pytest.approx(500_000 / 7.08 + 10_000, abs=0.01)
    given = _report(hand, "--by", "shipper", "--rate", "USD/CNY=7.0")
    assert given["total"]["value"] == 570_000.0
    shippers = {r["group"]: r["teu"] for r in given["rows"]}
    assert shippers == {"Acme Batteries": 6.0, "Bolt Solar": 2.0}


def test_received_counts_only_when_asked(hand: HandSet) -> None:
    doc = _report(hand, "--by", "commodity", "--status", "CONFIRMED,RECEIVED")
    assert doc["total"]["teu"] == 9.0  # + G's 20'; D (cancelled) and E (declined) never
    assert doc["total"]["value"] == 610_800.0
    assert "rubber and tyres" in {r["group"] for r in doc["rows"]}


def test_market_of_a_us_port(hand: HandSet) -> None:
    doc = _report(hand, "--by", "market")
    assert [(r["group"], r["teu"]) for r in doc["rows"]] == [("traditional: US", 8.0)]


def test_week_rows_grow_on_the_previous_week(hand: HandSet) -> None:
    code, out, err = run_cli("report", "trade", "--db", hand.db_url, "--from",
                             hand.etd_v1.isoformat(), "--to", hand.etd_v2.isoformat(),
                             "--by", "week", "--format", "json")
    assert code == 0, err
    rows = json.loads(out)["rows"]
    assert [r["teu"] for r in rows] == [1.0, 8.0]
    assert [r["growth_pct"] for r in rows] == [None, 700.0]


def test_csv_has_a_row_per_group_and_the_total(hand: HandSet, tmp_path) -> None:
    out = tmp_path / "trade.csv"
    code, _, err = run_cli("report", "trade", "--db", hand.db_url, "--from", "2030-01-01",
                           "--to", "2030-02-28", "--by", "month", "--format", "csv",
                           "--out", str(out))
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0].startswith("group,teu,containers,tonnes,value,new_three_share_pct")
    assert lines[1].startswith("2030-01,9.0,") and lines[-1].startswith("total,9.0,")


def test_one_sailing_alone_by_pol(hand: HandSet) -> None:
    """A window whose previous period holds no sailing (one slot of calls only)."""
    day = hand.etd_v1.isoformat()
    code, out, err = run_cli("report", "trade", "--db", hand.db_url, "--from", day, "--to", day,
                             "--by", "hs", "--format", "json")
    assert code == 0, err
    doc = json.loads(out)
    assert [(r["group"], r["teu"], r["value"]) for r in doc["rows"]] == [
        ("3924.90", 1.0, 20_000.0)]
    assert doc["total"]["growth_pct"] is None


def test_parquet_has_typed_columns(hand: HandSet, tmp_path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path / "trade.parquet"
    code, _, err = run_cli("report", "trade", "--db", hand.db_url, "--from", "2030-01-01",
                           "--to", "2030-02-28", "--by", "shipper", "--format", "parquet",
                           "--out", str(out))
    assert code == 0, err
    table = pq.read_table(out)
    assert str(table.schema.field("growth_pct").type) == "double"  # even when all null
    rows = table.to_pylist()
    assert rows[-1]["group"] == "total" and rows[-1]["teu"] == 9.0
    assert {r["group"]: r["teu"] for r in rows[:-1]} == {"Acme Batteries": 7.0,
                                                          "Bolt Solar": 2.0}
