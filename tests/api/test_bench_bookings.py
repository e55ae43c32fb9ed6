"""``tradelane bench bookings`` on a tiny load: it runs end to end and writes its CSV row."""

from __future__ import annotations

import csv
from pathlib import Path

from tradelane.cli import main
from tradelane.cli.bench_bookings import FIELDS


def test_bench_bookings_writes_one_row_per_run(tmp_path: Path) -> None:
    out = tmp_path / "bookings.csv"
    assert main(["bench", "bookings", "--requests", "20", "--concurrency", "2", "--runs", "1",
                 "--out", str(out)]) == 0
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1 and tuple(rows[0]) == FIELDS
    row = rows[0]
    assert row["status"] == "ok" and row["db"] == "sqlite" and row["requests"] == "20"
    assert float(row["throughput_per_s"]) > 0 and 0 < float(row["p50_ms"]) <= float(row["p99_ms"])
    assert row["objective"] == row["bound"] == row["gap_pct"] == ""


def test_bench_bookings_refuses_zero_requests(tmp_path: Path) -> None:
    assert main(["bench", "bookings", "--requests", "0", "--out", str(tmp_path / "x.csv")]) == 2
