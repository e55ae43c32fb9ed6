"""The reference case's SimCase, planned once per session with a temporary distance cache."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.app.resources import Resources
from tradelane.app.simulation import sim_case
from tradelane.geo.distance_cache import DistanceCache
from tradelane.geo.sea_routes import SeaRouter
from tradelane.io.case_toml import read_case
from tradelane.sim import SimCase

REPO = Path(__file__).resolve().parents[2]
CASE_FILE = REPO / "cases" / "shandong-usec.toml"
RED_SEA = REPO / "cases" / "scenarios" / "red-sea-2024.toml"


@pytest.fixture(scope="session")
def resources(tmp_path_factory: pytest.TempPathFactory) -> Resources:
    path = tmp_path_factory.mktemp("sim-cache") / "legs.json"
    return Resources(SeaRouter(DistanceCache(path)))


@pytest.fixture(scope="session")
def cape(resources: Resources) -> SimCase:
    """The reference case as planned: via the Cape (Suez closed, Panama too shallow)."""
    return sim_case(read_case(CASE_FILE), resources)


@pytest.fixture(scope="session")
def suez(resources: Resources) -> SimCase:
    """The Suez schedule of the reference case (the red-sea scenario sails it)."""
    return sim_case(read_case(CASE_FILE), resources, routing="suez")
