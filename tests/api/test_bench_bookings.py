"""``tradelane bench bookings`` on a tiny load: it runs end to end and writes its CSV row."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tradelane.cli import main
from tradelane_bench.bookings import FIELDS, _prepare


@pytest.mark.parametrize("mode", ["spread", "hot-leg"])
def test_bench_bookings_writes_one_row_per_run(tmp_path: Path, mode: str) -> None:
    out = tmp_path / "bookings.csv"
    flags = ["--hot-leg", "--rate", "200"] if mode == "hot-leg" else []  # open loop too
    assert main(["bench", "bookings", "--requests", "20", "--concurrency", "2", "--runs", "1",
                 "--out", str(out), *flags]) == 0
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1 and tuple(rows[0]) == FIELDS
    row = rows[0]
    assert row["status"] == "ok" and row["db"] == "sqlite" and row["requests"] == "20"
    assert float(row["throughput_per_s"]) > 0 and 0 < float(row["p50_ms"]) <= float(row["p99_ms"])
    assert row["objective"] == row["bound"] == row["gap_pct"] == ""
    assert row["mode"] == mode and (row["lanes"] == "1") == (mode == "hot-leg")
    assert row["rate"] == ("200" if mode == "hot-leg" else "")
    assert float(row["server_cpu_ms"]) > 0 and row["db_cpu_ms"] == ""


def test_spread_lanes_are_international_and_sail_on_published_legs(tmp_path: Path) -> None:
    _, lanes = _prepare(f"sqlite:///{tmp_path / 'lanes.sqlite3'}", hot_leg=False)
    pairs = {(lane.pol, lane.pod) for lane in lanes}
    assert {("CNTAO", "USSAV"), ("KRPUS", "USILM"), ("CNNGB", "KRPUS")} <= pairs
    assert all(pol[:2] != pod[:2] for pol, pod in pairs)
    # twelve weeks of sailings: an eastbound and a westbound voyage a week
    assert len({lane.voyage for lane in lanes}) == 24
    assert all(lane.leg_ids and len(set(lane.leg_ids)) == len(lane.leg_ids) for lane in lanes)
    assert max(len(lane.leg_ids) for lane in lanes) == 5  # CNTAO -> USILM


def test_bench_bookings_refuses_zero_requests(tmp_path: Path) -> None:
    assert main(["bench", "bookings", "--requests", "0", "--out", str(tmp_path / "x.csv")]) == 2
