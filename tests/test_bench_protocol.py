"""The benchmark protocol's CSV: common columns first, empty where a figure does not apply."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tradelane.result import Result, Status
from tradelane_bench.protocol import PROTOCOL_COLUMNS, BenchCsv, Machine, Measurement

HERE = Machine(git_commit="abc123", cpu="Test CPU")


def test_rows_carry_the_protocol_columns_then_the_bench_columns(tmp_path: Path) -> None:
    out = tmp_path / "sub" / "b.csv"
    result = Result(Status.FEASIBLE, objective=110.0, bound=100.0, runtime_s=1.23456, seed=7)
    with BenchCsv(out, ("solver",), machine=HERE) as sheet:
        sheet.write(Measurement.from_result("i1", result, time_limit_s=60.0), solver="exact")
        sheet.write(Measurement(instance="i2", status="ok", runtime_s=0.5), solver=None)
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert tuple(rows[0]) == (*PROTOCOL_COLUMNS, "solver")
    # gap: |110 − 100| / 110 = 9.0909 %
    assert rows[0] == {"instance": "i1", "seed": "7", "status": "feasible", "objective": "110.0",
                       "bound": "100.0", "reference_value": "", "gap_pct": "9.0909",
                       "runtime_s": "1.2346", "time_limit_s": "60", "git_commit": "abc123",
                       "cpu": "Test CPU", "solver": "exact"}
    assert rows[1]["seed"] == rows[1]["objective"] == rows[1]["gap_pct"] == ""
    assert rows[1]["time_limit_s"] == rows[1]["solver"] == ""


def test_append_writes_the_header_once(tmp_path: Path) -> None:
    out = tmp_path / "b.csv"
    for _ in range(2):
        with BenchCsv(out, ("run",), append=True, machine=HERE) as sheet:
            sheet.write(Measurement(instance="x", status="ok", runtime_s=1.0), run=0)
    lines = out.read_text().splitlines()
    assert len(lines) == 3 and lines[0].startswith("instance,seed,status")


def test_unknown_or_clashing_columns_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="protocol columns"):
        BenchCsv(tmp_path / "b.csv", ("status",), machine=HERE)
    with BenchCsv(tmp_path / "b.csv", ("run",), machine=HERE) as sheet, \
            pytest.raises(ValueError, match="threads"):
        sheet.write(Measurement(instance="x", status="ok", runtime_s=1.0), threads=2)
