"""Fixtures: the LINER-LIB copy (``$TRADELANE_SHARED/benchmarks/linerlib``) and tiny cases."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TRADELANE_SHARED", REPO.parent / "shared"))
LINERLIB = SHARED / "benchmarks" / "linerlib"
FAST = os.environ.get("TRADELANE_FAST_TESTS") == "1"  # skip the EuropeAsia logs (~25 s)


@pytest.fixture(scope="session")
def linerlib_root() -> Path:
    """The LINER-LIB copy, or a skip naming the folder looked for."""
    if not (LINERLIB / "data" / "fleet_data.csv").is_file():
        pytest.skip(f"LINER-LIB data not found at {LINERLIB} (set TRADELANE_SHARED)")
    return LINERLIB


PORTS = (
    "UNLocode\tname\tCountry\tCabotage_Region\tD_Region\tLongitude\tLatitude\tDraft\t"
    "CostPerFULL\tCostPerFULLTrnsf\tPortCallCostFixed\tPortCallCostPerFFE\n"
    "AAAAA\tAlpha\tX\tX\tX\t0\t0\t10\t10\t5\t1000\t1\n"
    "BBBBB\tBeta\tX\tX\tX\t4\t0\t10\t20\t5\t2000\t2\n"
    "CCCCC\tGamma\tX\tX\tX\t12\t0\t10\t30\t5\t500\t0\n"
    "WP001\tWay point\tX\tX\tX\t\t\t\tNULL\tNULL\t\t\n"
)
DISTANCES = (
    "fromUNLOCODe\tToUNLOCODE\tDistance\tDraft\tIsPanama\tIsSuez\n"
    "AAAAA\tBBBBB\t240\t\t0\t0\n"
    "BBBBB\tAAAAA\t240\t\t0\t0\n"
    "BBBBB\tCCCCC\t480\t\t0\t0\n"
    "CCCCC\tBBBBB\t480\t\t0\t0\n"
    "BBBBB\tCCCCC\t300\t\t0\t1\n"
    "AAAAA\tCCCCC\t720\t\t0\t0\n"
    "CCCCC\tAAAAA\t720\t\t0\t0\n"
)
CLASSES = (
    "Vessel class\tCapacity FFE\tTC rate daily (fixed Cost)\tdraft\tminSpeed\tmaxSpeed\t"
    "designSpeed\tBunker ton per day at designSpeed\tIdle Consumption ton/day\tpanamaFee\t"
    "suezFee\n"
    "Small\t100\t1000\t8\t10\t20\t10\t24\t2\t\t\n"
)


def write_tiny(folder: Path, demand: str, fleet: int = 2) -> Path:
    """A LINER-LIB-shaped data folder with instance ``Tiny`` (3 ports, one class)."""
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    (data / "ports.csv").write_text(PORTS)
    (data / "dist_dense.csv").write_text(DISTANCES)
    (data / "fleet_data.csv").write_text(CLASSES)
    (data / "fleet_Tiny.csv").write_text(f"Vessel class\tQuantity\nSmall\t{fleet}\n")
    (data / "Demand_Tiny.csv").write_text(
        "Origin\tDestination\tFFEPerWeek\tRevenue_1\tTransitTime\n" + demand)
    return data
