"""The dashboard's trade view in real Chromium, under the dashboard's real
Content-Security-Policy, against ``tradelane serve`` on the reference case's sample bookings."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from tradekit import CASE, REPO, run_cli

from tradelane.store.db import open_database
from tradelane.store.parties import add_party
from tradelane_bench.local_server import LocalServer


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[LocalServer, str]]:
    """Three weeks of sample bookings and an analyst's key."""
    folder = tmp_path_factory.mktemp("trade-view")
    db = f"sqlite:///{folder / 'db.sqlite3'}"
    assert run_cli("report", "sample-bookings", str(CASE), "--weeks", "3", "--db", db)[0] == 0
    with open_database(db, pool_size=1).begin() as session:
        key = add_party(session, "Trade analyst", "analyst", datetime.now(UTC))[1]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"),
           "TRADELANE_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "cache")}
    server = LocalServer(["--db", db, "--case", str(CASE)], env=env, ready_path="/api/case",
                         timeout_s=60, stderr=subprocess.DEVNULL)
    yield server, key
    server.stop()


def test_trade_view_charts_tables_and_csv(browser: Any, site: tuple[LocalServer, str],
                                          tmp_path) -> None:
    server, key = site
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url,
                                  accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto("/#trade")
    page.get_by_text("Enter an API key").wait_for()
    page.fill("#api-key", key)
    page.click("#key-form button")
    page.get_by_test_id("trade-tiles").wait_for()
    for testid in ("trade-month-market", "trade-month", "trade-shippers", "trade-flows"):
        panel = page.get_by_test_id(testid)
        assert panel.locator("svg").count() >= 1, testid
        assert panel.locator("table tbody tr").count() >= 1, testid
    assert page.get_by_test_id("trade-stacked").locator("rect").count() >= 2
    assert page.locator("[data-flow]").count() >= 3  # POL → POD arcs on the map
    # the page shows what the API answers for the same query
    start, end = (page.get_by_test_id(f"trade-{n}").input_value() for n in ("from", "to"))
    doc = httpx.get(f"{server.url}/api/trade", params={"from": start, "to": end,
                                                         "by": "shipper"},
                    headers={"Authorization": f"Bearer {key}"}).json()
    first = page.get_by_test_id("trade-shippers-table").locator("tbody tr").first
    assert first.locator("td").first.inner_text() == doc["rows"][0]["group"]
    with page.expect_download() as download:
        page.get_by_test_id("csv-trade-shippers.csv").click()
    path = tmp_path / "shippers.csv"
    download.value.save_as(path)
    lines = path.read_text().splitlines()
    assert lines[0].startswith("group,teu,containers,tonnes,value,new_three_share_pct")
    total = lines[-1].split(",")
    assert total[0] == "total" and float(total[1]) == doc["total"]["teu"]
    assert len(lines) == len(doc["rows"]) + 2
    assert not errors, errors
    folder = os.environ.get("TRADELANE_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/trade.png", full_page=True)
    context.close()
