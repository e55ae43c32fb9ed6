"""The command line end to end through ``tradelane.cli.main``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tradelane.cli import main
from tradelane.io.linerlib_network import read_log, write_network

from .conftest import write_tiny

LOGS = Path("results") / "BrouerDesaulniersPisinger2014"


def test_evaluate_json(linerlib_root: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = linerlib_root / LOGS / "Baltic_best_base.log"
    code = main(["linerlib", "evaluate", "--data", str(linerlib_root), "--instance", "Baltic",
                 "--capacity", "base", str(log), "--json"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["weekly_objective_usd"] == pytest.approx(246_605, abs=5)
    # the log's objective 246,605 USD/week over 180 days, negative = profit: −6,341,271 USD
    assert doc["z_180d_usd"] == pytest.approx(-6_341_271, abs=150)
    assert set(doc["costs_usd"]) >= {"charter", "bunker_sailing", "bunker_idle", "port_calls",
                                     "canals", "handling", "transshipment", "rejection_penalty"}
    for key in ("weekly_revenue_usd", "weekly_profit_usd", "transported_pct", "violations",
                "runtime_s"):
        assert key in doc


def test_evaluate_table_from_our_json_file(linerlib_root: Path, tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A published network written in our format evaluates to the same objective."""
    classes = {450.0: "Feeder_450", 800.0: "Feeder_800"}
    log = read_log(linerlib_root / LOGS / "Baltic_best_low_30827_3.log", classes, "Baltic", "low")
    write_network(log.network, tmp_path / "baltic.json")
    code = main(["linerlib", "evaluate", "--data", str(linerlib_root / "data"),
                 str(tmp_path / "baltic.json"), "--json", "--erratum-idle"])
    assert code == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["capacity_case"] == "low"
    waiting = doc["costs_usd"]["bunker_idle"]
    code = main(["linerlib", "evaluate", "--data", str(linerlib_root / "data"),
                 str(tmp_path / "baltic.json")])
    out = capsys.readouterr().out
    assert code == 0 and "objective (profit − penalty)" in out and "-137,370" in out
    assert waiting > 17_580  # the erratum adds idle fuel while waiting


def test_malformed_network_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_tiny(tmp_path, "AAAAA\tBBBBB\t5\t100\t3\n")
    bad = tmp_path / "bad.log"
    bad.write_text("service 0 service id 0\ncapacity 100\n # vessels 0\n")
    code = main(["linerlib", "evaluate", "--data", str(data), "--instance", "Tiny", str(bad)])
    err = capsys.readouterr().err
    assert code == 2
    assert err == "error: bad.log line 3: # vessels = 0.0: must be a whole number ≥ 1.\n"
    assert "Traceback" not in err and err.count("\n") == 1


def test_unknown_instance_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = write_tiny(tmp_path, "AAAAA\tBBBBB\t5\t100\t3\n")
    net = tmp_path / "n.json"
    net.write_text('{"format": "tradelane.linerlib.network", "version": 1, "services": []}')
    code = main(["linerlib", "evaluate", "--data", str(data), "--instance", "Nowhere", str(net)])
    err = capsys.readouterr().err
    assert code == 2 and "--instance = 'Nowhere'" in err and err.count("\n") == 1


def test_bench_writes_csv(linerlib_root: Path, tmp_path: Path) -> None:
    out = tmp_path / "bench.csv"
    code = main(["bench", "linerlib", "--data", str(linerlib_root), "--out", str(out),
                 "--only", "Baltic_best", "--warm-changes", "1"])
    assert code == 0
    rows = list(csv.DictReader(out.open()))
    assert len(rows) == 3
    for key in ("instance", "seed", "status", "objective", "bound", "reference_value", "gap_pct",
                "runtime_s", "time_limit_s", "git_commit", "cpu", "diff_pct", "lp_rows",
                "lp_cols", "solve_s", "total_s", "z_ours_usd", "z_log_usd", "warm_drop_s",
                "cold_drop_s", "warm_drop_ratio", "warm_insert_s", "warm_class_s",
                "warm_max_rel_diff"):
        assert key in rows[0]
    assert all(float(r["warm_max_rel_diff"]) <= 1e-9 for r in rows)
    assert all(abs(float(r["diff_pct"])) < 0.1 for r in rows)
