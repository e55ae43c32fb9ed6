"""The voyage view's recorded voyages in real Chromium: after the carrier records a late
arrival, each call's planned and actual/estimated times and delay, as the API gives them."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradelane.cli import main
from tradelane.store.db import open_database
from tradelane.store.parties import add_party
from tradelane_bench.local_server import LocalServer

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"


@pytest.fixture(scope="module")
def recorded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, str]]:
    """A server (clock 2030-01-09) where SUE 03 arrived at Qingdao 48 h late; the carrier key."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('recorded') / 'db.sqlite3'}"
    assert main(["publish", str(CASE), "--weeks", "4", "--db", db_url,
                 "--start", "2030-01-07T00:00:00Z"]) == 0
    with open_database(db_url, pool_size=1).begin() as session:
        key = add_party(session, "Tradelane Lines", "carrier", datetime.now(UTC))[1]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": "2030-01-09T00:00:00Z",
           "TRADELANE_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "cache")}
    site = LocalServer(["--db", db_url, "--case", str(CASE)], env=env, ready_path="/api/case",
                       timeout_s=60, stderr=subprocess.DEVNULL)
    try:
        r = httpx.post(f"{site.url}/api/voyages/SUE/002E/calls/CNTAO/actuals",
                       headers={"Authorization": f"Bearer {key}"}, timeout=60,
                       json={"transportEventTypeCode": "ARRI",
                             "eventDateTime": "2030-01-09T00:00:00Z"})
        assert r.status_code == 201, r.text
        yield site, key
    finally:
        site.stop()


def test_recorded_voyages_show_planned_actual_and_estimated_times(
        browser: Any, recorded: tuple[LocalServer, str], shot: Any) -> None:
    site, key = recorded
    doc = httpx.get(f"{site.url}/api/voyages/status",
                    headers={"Authorization": f"Bearer {key}"}, timeout=60).json()
    expected = [(s["vesselName"], c) for s in doc["ships"] for c in s["calls"]
                if c["arrivalClassifier"] != "PLN" or c["departureClassifier"] != "PLN"]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto("/#voyages")
        page.wait_for_selector("[data-testid=recorded-note]")  # no key yet: it says so
        assert "carrier" in page.locator("[data-testid=recorded-note]").inner_text()
        page.fill("#api-key", key)
        page.click("#key-form button")
        page.goto("/#schedule")
        page.goto("/#voyages")
        page.wait_for_selector("[data-testid=recorded-tracks] svg.gantt .item.late")
        shot(page, "voyages-recorded")
        page.locator("[data-testid=recorded-tracks] .switch button", has_text="Table").click()
        rows = page.locator("[data-testid=recorded-table] tbody tr")
        assert rows.count() == len(expected)
        cells = rows.nth(0).locator("td").all_inner_texts()
        # SUE 03 at Qingdao: arrived (ACT) 48 h after the planned 2030-01-07 00:00
        assert cells[0] == "SUE 03" and cells[2] == "CNTAO"
        assert cells[4].endswith("ACT") and cells[6].endswith("EST") and cells[7] == "48.0"
        assert {r.locator("td").nth(2).inner_text() for r in rows.all()} == {
            c["UNLocationCode"] for _, c in expected}
        assert not errors
    finally:
        context.close()
