"""Steps of one vehicle sent at once: each is appended after the other (the vehicle row is
locked on PostgreSQL, writers queue on SQLite), none is lost, and the chain verifies."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from vehiclekit import database, desk_on, vin


@pytest.mark.parametrize("kind", ["sqlite", "postgresql"])
def test_simultaneous_inspections_are_all_chained(kind: str, tmp_path: Path) -> None:
    with desk_on(database(kind, tmp_path, "vehicles_concurrent")) as desk:
        v = vin(301)
        desk.register(v)
        assert desk.step(v, "PURCHASE", 1, "dealer").status_code == 201
        with ThreadPoolExecutor(8) as pool:
            codes = list(pool.map(lambda _: desk.step(v, "INSPECTION", 2, "inspector",
                                                      inspection="PASS").status_code,
                                  range(24)))
        assert codes == [201] * 24
        report = desk.client.get(f"/api/vehicles/{v}/verify").json()
        assert report == {"vin": v, "valid": True, "events": 25, "first_bad_event": None}
