"""Tiny LINER-LIB-shaped instances, written in the benchmark's own file formats."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("TRADELANE_SHARED", REPO.parent / "shared"))
LINERLIB = SHARED / "benchmarks" / "linerlib"

HEADER_PORTS = ("UNLocode\tname\tCountry\tCabotage_Region\tD_Region\tLongitude\tLatitude\t"
                "Draft\tCostPerFULL\tCostPerFULLTrnsf\tPortCallCostFixed\tPortCallCostPerFFE\n")
HEADER_CLASSES = ("Vessel class\tCapacity FFE\tTC rate daily (fixed Cost)\tdraft\tminSpeed\t"
                  "maxSpeed\tdesignSpeed\tBunker ton per day at designSpeed\t"
                  "Idle Consumption ton/day\tpanamaFee\tsuezFee\n")


@pytest.fixture(scope="session")
def linerlib_root() -> Path:
    """The shared LINER-LIB copy, or a skip naming the folder looked for."""
    if not (LINERLIB / "data" / "fleet_data.csv").is_file():
        pytest.skip(f"LINER-LIB data not found at {LINERLIB} (set TRADELANE_SHARED)")
    return LINERLIB


def write_instance(folder: Path, name: str, ports: dict[str, tuple[float, float]],
                   miles: dict[tuple[str, str], float], classes: list[str],
                   fleet: dict[str, int], demand: list[tuple[str, str, float, float]]) -> Path:
    """A LINER-LIB data folder with one instance.

    ``ports``: code → (draft m, fixed call cost USD); ``miles``: symmetric distances;
    ``classes``: rows of fleet_data.csv after the class name; ``demand``: (origin,
    destination, FFE/week, USD/FFE).
    """
    data = folder / "data"
    data.mkdir(parents=True, exist_ok=True)
    rows = [f"{c}\t{c}\tX\tX\tX\t0\t0\t{draft}\t50\t20\t{fixed}\t1\n"
            for c, (draft, fixed) in ports.items()]
    (data / "ports.csv").write_text(HEADER_PORTS + "".join(rows))
    dist = ["fromUNLOCODe\tToUNLOCODE\tDistance\tDraft\tIsPanama\tIsSuez\n"]
    for (a, b), d in miles.items():
        dist += [f"{a}\t{b}\t{d}\t\t0\t0\n", f"{b}\t{a}\t{d}\t\t0\t0\n"]
    (data / "dist_dense.csv").write_text("".join(dist))
    (data / "fleet_data.csv").write_text(HEADER_CLASSES + "".join(c + "\n" for c in classes))
    (data / f"fleet_{name}.csv").write_text(
        "Vessel class\tQuantity\n" + "".join(f"{c}\t{n}\n" for c, n in fleet.items()))
    (data / f"Demand_{name}.csv").write_text(
        "Origin\tDestination\tFFEPerWeek\tRevenue_1\tTransitTime\n"
        + "".join(f"{o}\t{d}\t{v}\t{r}\t30\n" for o, d, v, r in demand))
    return data


THREE_PORTS = {"AAAAA": (12.0, 2000.0), "BBBBB": (12.0, 1500.0), "CCCCC": (12.0, 1000.0)}
THREE_MILES = {("AAAAA", "BBBBB"): 600.0, ("BBBBB", "CCCCC"): 900.0, ("AAAAA", "CCCCC"): 1200.0}
SMALL = "Small\t300\t4000\t9\t10\t18\t14\t30\t3\t\t"
LARGE = "Large\t700\t9000\t11\t12\t20\t16\t60\t5\t\t"


@pytest.fixture()
def three_ports(tmp_path: Path) -> Path:
    """3 ports, one class, 2 vessels: a butterfly or two services compete with a loop."""
    return write_instance(
        tmp_path, "Tri", THREE_PORTS, THREE_MILES, [SMALL], {"Small": 2},
        [("AAAAA", "BBBBB", 250, 900), ("BBBBB", "AAAAA", 120, 700),
         ("BBBBB", "CCCCC", 200, 1100), ("CCCCC", "AAAAA", 180, 1500),
         ("AAAAA", "CCCCC", 90, 1300)])


@pytest.fixture()
def four_ports(tmp_path: Path) -> Path:
    """4 ports (one too shallow for the large class), two classes, one vessel each."""
    ports = {**THREE_PORTS, "DDDDD": (10.0, 800.0)}
    miles = {**THREE_MILES, ("AAAAA", "DDDDD"): 500.0, ("BBBBB", "DDDDD"): 700.0,
             ("CCCCC", "DDDDD"): 400.0}
    return write_instance(
        tmp_path, "Quad", ports, miles, [SMALL, LARGE], {"Small": 1, "Large": 1},
        [("AAAAA", "BBBBB", 400, 800), ("BBBBB", "AAAAA", 300, 700),
         ("CCCCC", "DDDDD", 150, 1200), ("DDDDD", "AAAAA", 100, 1400),
         ("AAAAA", "CCCCC", 250, 1000)])
