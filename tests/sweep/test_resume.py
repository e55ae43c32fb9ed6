"""A sweep resumes from its results folder: finished cells are skipped, the rest run, and the
table is the one an uninterrupted run writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.app.sweep import plan_sweep, run_sweep
from tradelane.errors import InputError
from tradelane.sweep import ResultParts, read_results

from .conftest import RUNS, request, same_bits


def test_resume_runs_only_the_missing_cells(tmp_path: Path, serial: object) -> None:
    out = tmp_path / "r.parquet"
    first = run_sweep(plan_sweep(request(out, part_s=0.0)))  # a part per cell
    assert first.cells_run == 8 and first.parts_written == 8
    parts = sorted(out.glob("part-*.parquet"))
    for lost in (parts[2], parts[5]):  # as if the sweep had been killed before writing them
        lost.unlink()
    (out / "tmpabc.tmp").write_bytes(b"half a part")  # a write cut short by the kill
    assert ResultParts(out, plan_sweep(request(out)).manifest).done_cells() == {
        0, 1, 3, 4, 6, 7}
    seen: list[tuple[int, int]] = []
    again = run_sweep(plan_sweep(request(out)), progress=lambda c, r: seen.append((c, r)))
    assert (again.cells_skipped, again.cells_run, again.rows_written) == (6, 2, 2 * RUNS)
    assert seen == [(6, 6 * RUNS), (1, RUNS), (1, RUNS)]
    assert not list(out.glob("*.tmp"))
    assert same_bits(read_results(out), serial)
    done = run_sweep(plan_sweep(request(out)))
    assert done.cells_run == 0 and done.parts_written == 0


def test_another_sweep_is_not_mixed_into_a_folder(tmp_path: Path) -> None:
    out = tmp_path / "r.parquet"
    run_sweep(plan_sweep(request(out, runs=1)))
    with pytest.raises(InputError, match=r"holds the results of another sweep \(it differs in "
                                         r"runs, seed\)"):
        run_sweep(plan_sweep(request(out, runs=2, seed=8)))


def test_another_seed_changes_the_figures(tmp_path: Path, serial: object) -> None:
    out = tmp_path / "r.parquet"
    run_sweep(plan_sweep(request(out, seed=8)))
    other = read_results(out)
    assert other.column("cell").to_pylist() == serial.column("cell").to_pylist()  # type: ignore[attr-defined]
    assert not same_bits(other, serial)
