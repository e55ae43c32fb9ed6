"""The reference case's sample bookings: eastbound cargo ≈ 40 % "new three" (case brief ★)."""

from __future__ import annotations

import json

from tradekit import CASE, run_cli


def test_sample_bookings_of_the_reference_case(tmp_path) -> None:
    db = f"sqlite:///{tmp_path / 'sample.sqlite3'}"
    code, out, err = run_cli("report", "sample-bookings", str(CASE), "--weeks", "2",
                             "--seed", "7", "--db", db)
    assert code == 0, err
    assert "sample bookings" in out
    code, out, err = run_cli("report", "trade", "--db", db, "--from", "2024-01-01",
                             "--to", "2024-03-31", "--by", "pol", "--format", "json")
    assert code == 0, err
    rows = {r["group"]: r for r in json.loads(out)["rows"]}
    for port in ("CNTAO", "CNNGB", "KRPUS"):  # eastbound: the brief's ≈ 40 % ★
        assert 36.0 <= rows[port]["new_three_share_pct"] <= 44.0, rows[port]
    assert rows["CNTAO"]["reefer_share_pct"] < 10.0
    code, out, err = run_cli("report", "trade", "--db", db, "--from", "2024-01-01",
                             "--to", "2024-03-31", "--by", "commodity", "--format", "json")
    commodities = {r["group"]: r for r in json.loads(out)["rows"]}
    assert commodities["used cars"]["new_three_share_pct"] == 0.0  # its own commodity
    assert commodities["electric passenger cars"]["dg_share_pct"] == 100.0


def test_same_seed_same_figures(tmp_path) -> None:
    docs = []
    for name in ("a", "b"):
        db = f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
        assert run_cli("report", "sample-bookings", str(CASE), "--weeks", "1", "--seed", "3",
                       "--db", db)[0] == 0
        _, out, _ = run_cli("report", "trade", "--db", db, "--from", "2024-01-01",
                            "--to", "2024-02-29", "--by", "shipper", "--format", "json")
        docs.append(json.loads(out))
    assert docs[0] == docs[1]
    assert docs[0]["total"]["teu"] > 0
