"""The voyage view and the sweep explorer in real Chromium, against ``tradelane serve --sweep``
on 127.0.0.1, under the dashboard's real Content-Security-Policy."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tradelane.app.sweep import SweepRequest, plan_sweep, run_sweep
from tradelane.sweep import parse_grid
from tradelane_bench.local_server import LocalServer

REPO = Path(__file__).resolve().parents[2]
CASE = REPO / "cases" / "shandong-usec.toml"
GRID = """[axes]
"economics.bunker_usd_per_t" = [500, 800]
policy = ["none", "speed-up", "skip"]
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalServer]:
    """A sweep of 6 cells × 2 runs, and a server showing it (and the reference case)."""
    folder = tmp_path_factory.mktemp("voyages")
    out = folder / "results.parquet"
    run_sweep(plan_sweep(SweepRequest(case_path=CASE, grid=parse_grid(GRID), runs=2, out=out,
                                      weeks=14)))
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"),
           "TRADELANE_CACHE_DIR": str(tmp_path_factory.getbasetemp() / "cache")}
    site = LocalServer(["--db", f"sqlite:///{folder / 'db.sqlite3'}", "--case", str(CASE),
                        "--sweep", str(out)], env=env, ready_path="/api/case", timeout_s=60,
                       stderr=subprocess.DEVNULL)
    yield site
    site.stop()


@pytest.fixture
def view(browser: Any, server: LocalServer) -> Iterator[tuple[Any, list[str]]]:
    """A page under the real CSP, and the console errors it logs."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=server.url)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page, errors
    context.close()


def test_voyage_view_shows_each_ship_planned_and_simulated(
        view: tuple[Any, list[str]], server: LocalServer, shot: Any) -> None:
    page, errors = view
    query: dict[str, str | int] = {"weeks": 26, "runs": 50, "seed": 1, "policy": "none"}
    doc = httpx.get(f"{server.url}/api/simulation", params=query, timeout=120).json()
    page.goto("/#voyages")
    page.wait_for_selector("[data-testid=voyage-tracks] svg.gantt .item.late, "
                           "[data-testid=voyage-tracks] svg.gantt .item.on-time")
    assert page.locator("[data-testid=on-time] .big").inner_text() == \
        f"{doc['summary']['on_time_pct']:.1f} %"
    shot(page, "voyages")
    planned = sum(len(s["calls"]) for s in doc["ships"])
    assert page.locator("svg.gantt .item:not(.late):not(.on-time)").count() == planned
    # the table beside the chart: one row per scheduled call, the delay the server computed
    page.locator("[data-testid=voyage-tracks] .switch button", has_text="Table").click()
    rows = page.locator("[data-testid=voyage-table] tbody tr")
    assert rows.count() == planned
    first = doc["ships"][0]["calls"][1]
    cells = rows.nth(1).locator("td").all_inner_texts()
    assert cells[2] == first["locode"] and cells[5] == f"{first['delay_h']['p50']:.1f}"
    ports = page.locator("[data-testid=reliability-ports-table] tbody tr")
    assert ports.count() == len(doc["summary"]["ports"]) == 6
    months = page.locator("[data-testid=reliability-months] svg rect.bar")
    assert months.count() == 2 * len(doc["summary"]["months"])
    # another policy is simulated on change
    page.select_option("#vy-policy", "speed-up")
    faster = httpx.get(f"{server.url}/api/simulation", params=query | {"policy": "speed-up"},
                       timeout=120).json()
    page.wait_for_selector(f"[data-testid=on-time] .big >> text='"
                           f"{faster['summary']['on_time_pct']:.1f} %'")
    assert faster["summary"]["on_time_pct"] > doc["summary"]["on_time_pct"]
    assert not errors


def test_sweep_explorer_heat_map_and_table(view: tuple[Any, list[str]],
                                           server: LocalServer, shot: Any) -> None:
    page, errors = view
    page.goto("/#sweep")
    page.wait_for_selector("[data-testid=sweep-heatmap] svg.heat g.cell")
    assert "6 of 6 cells done × 2 runs" in page.locator("[data-testid=sweep-summary]").inner_text()
    assert page.locator("svg.heat g.cell").count() == 6  # bunker (x) × policy (y)
    page.select_option("#sw-metric", "on_time_pct")
    api = httpx.get(f"{server.url}/api/sweep/heatmap", params={
        "x": "economics.bunker_usd_per_t", "y": "policy", "metric": "on_time_pct"}).json()
    speed_up = api["values"][1][0]
    page.wait_for_selector(f"svg.heat text.in >> text='{speed_up:.1f}'")
    shot(page, "sweep-explorer")
    page.locator("[data-testid=sweep-heatmap] .switch button", has_text="Table").click()
    rows = page.locator("[data-testid=sweep-table] tbody tr")
    assert rows.all_inner_texts()[1].split("\t")[0] == "speed-up"
    assert rows.nth(1).locator("td").nth(1).inner_text() == f"{speed_up:.1f}"
    # picking x's axis for y swaps them: policy across, bunker price down
    page.select_option("#sw-y", "economics.bunker_usd_per_t")
    assert page.locator("#sw-x").input_value() == "policy"
    expect = pytest.importorskip("playwright.sync_api").expect
    expect(page.locator("[data-testid=sweep-table] tbody tr")).to_have_count(2)
    assert page.locator("select[id^=sw-at-]").count() == 0  # no axis left to hold
    header = page.locator("[data-testid=sweep-table] thead th").all_inner_texts()
    assert header[1:] == ["none", "speed-up", "skip"]
    assert not errors
