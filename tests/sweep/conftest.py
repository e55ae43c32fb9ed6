"""A small grid of the reference case, and its results run serially once per session."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tradelane.app.sweep import SweepRequest, plan_sweep, run_sweep
from tradelane.sweep import parse_grid, read_results

REPO = Path(__file__).resolve().parents[2]
CASE_FILE = REPO / "cases" / "shandong-usec.toml"
RED_SEA = REPO / "cases" / "scenarios" / "red-sea-2024.toml"

GRID = """[axes]
"economics.bunker_usd_per_t" = [500, 800.5]
"fleet.ships" = [12, 13]
policy = ["none", "skip"]
"""
"""8 cells: bunker price × fleet × policy (a float among ints: the column is float)."""

RUNS = 3
WEEKS = 14


def request(out: Path, **changes: object) -> SweepRequest:
    """The small grid's request, writing to ``out``."""
    fields: dict[str, object] = {"case_path": CASE_FILE, "grid": parse_grid(GRID, "grid.toml"),
                                 "runs": RUNS, "out": out, "seed": 7, "weeks": WEEKS}
    return SweepRequest(**(fields | changes))  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def serial(tmp_path_factory: pytest.TempPathFactory) -> object:
    """The small grid run in this process, cell after cell: the reference table."""
    out = tmp_path_factory.mktemp("serial") / "results.parquet"
    with pytest.MonkeyPatch.context() as mp:  # the session's distance cache, not ~/.cache
        mp.setenv("TRADELANE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
        run_sweep(plan_sweep(request(out)))
    return read_results(out)


def same_bits(a: Any, b: Any) -> bool:
    """True when two tables have the same columns, types and values bit for bit (NaN equal to
    NaN of the same bits)."""
    if a.schema.names != b.schema.names or a.num_rows != b.num_rows:
        return False
    for name in a.schema.names:
        x, y = a.column(name), b.column(name)
        if x.type != y.type:
            return False
        if str(x.type) == "double":
            xs = x.to_numpy().view(np.uint64)
            ys = y.to_numpy().view(np.uint64)
            if not np.array_equal(xs, ys):
                return False
        elif x.to_pylist() != y.to_pylist():
            return False
    return True
