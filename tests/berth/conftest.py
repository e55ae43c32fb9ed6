"""Shared fixtures: the benchmark folder and tiny hand-made instances."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tradelane.domain.berth import BerthWindow, ShipCall, build_instance

REPO = Path(__file__).resolve().parents[2]


def shared_bap() -> Path:
    root = Path(os.environ.get("TRADELANE_SHARED", REPO.parent / "shared"))
    return root / "benchmarks" / "bap"


@pytest.fixture
def bap_dir() -> Path:
    path = shared_bap()
    if not (path / "lalla_ruiz_90").is_dir():
        pytest.skip(f"benchmark data not found at {path}; set TRADELANE_SHARED")
    return path


@pytest.fixture
def tiny():
    """Two berths, three ships; optimum worked out by hand in test_solve.py."""
    berths = [BerthWindow("A", 0, 100), BerthWindow("B", 0, 100)]
    ships = [
        ShipCall("s0", arrival_h=0, handling_h={"A": 10, "B": 20}),
        ShipCall("s1", arrival_h=0, handling_h={"A": 10}),
        ShipCall("s2", arrival_h=5, handling_h={"A": 4, "B": 6}, weight_per_h=2.0),
    ]
    return build_instance("tiny", ships, berths)
