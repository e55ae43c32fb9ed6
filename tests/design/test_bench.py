"""``tradelane bench design`` writes one protocol row per (instance, case, seed)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tradelane.cli import main as tradelane_main
from tradelane_bench.cli import main


def test_bench_rows_against_the_published_figures(tmp_path: Path, three_ports: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    root = three_ports.parent
    (root / "published_results_transcribed.csv").write_text(
        "instance,capacity_case,row,Z_Brouer2014a_TS_biweekly_allowed,"
        "Z_BDP2014_weekly_corrected,deployed_pct,transported_pct,cpu_s,matching_log_in_results\n"
        "Tri,base,best,-1.0e6,2.0e6,100,90,5,x.log\n")
    out = tmp_path / "design.csv"
    code = main(["design", "--data", str(root), "--instances", "Tri", "--cases", "base",
                 "--seeds", "2", "--iterations", "100", "--out", str(out),
                 "--logs", str(tmp_path / "logs")])
    assert code == 0, capsys.readouterr().err
    rows = list(csv.DictReader(out.open()))
    assert [r["seed"] for r in rows] == ["1", "2"]
    for r in rows:
        z = float(r["z_ours_usd"])
        assert float(r["objective"]) == z
        assert float(r["reference_value"]) == 2.0e6
        assert float(r["gap_pct"]) == pytest.approx(100 * (z - 2.0e6) / 2.0e6)
        assert float(r["gap_ts_pct"]) == pytest.approx(100 * (z + 1.0e6) / 1.0e6)
        assert r["time_limit_s"] == "5"  # BDP's CPU seconds for the row
        assert r["violations"] == "0"
        assert r["trace"]
        assert r["clock"] == "cpu"
        # the run's written log, evaluated separately, gives the row's Z exactly
        log = tmp_path / "logs" / f"Tri_base_seed{r['seed']}.log"
        capsys.readouterr()
        assert tradelane_main(["linerlib", "evaluate", "--data", str(root), "--instance", "Tri",
                               str(log), "--erratum-idle", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["z_180d_usd"] == z
