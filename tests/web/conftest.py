"""Fixtures: a published reference case behind ``tradelane serve`` and one headless Chromium.

Chromium is Debian's (``/usr/bin/chromium``, or ``$TRADELANE_CHROMIUM``); the tests skip when
it or the ``playwright`` package is missing. Set ``TRADELANE_SCREENSHOTS=DIR`` to save a
screenshot of every view (docs/screenshots holds the committed ones).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Iterator
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
NOW = "2030-01-09T12:00:00Z"
START = "2030-01-07T00:00:00Z"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


def chromium_path() -> str:
    return os.environ.get("TRADELANE_CHROMIUM", "/usr/bin/chromium")


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": NOW}


def _add_parties(db_url: str, parties: dict[str, tuple[str, str]]) -> dict[str, str]:
    """Add the parties in this process (``store.parties``) and return their API keys."""
    sessions = open_database(db_url, pool_size=1)
    keys = {}
    with sessions.begin() as session:
        for who, (name, role) in parties.items():
            keys[who] = add_party(session, name, role, datetime.now(UTC))[1]
    return keys


class Site(LocalServer):
    """A running ``tradelane serve`` with the parties' keys."""

    def __init__(self, db_url: str, keys: dict[str, str]) -> None:
        self.keys = keys
        self.now = NOW
        super().__init__(["--db", db_url, "--case", str(CASE)], env=_env(),
                         ready_path="/api/case", timeout_s=30, stderr=subprocess.PIPE)

    def client(self, who: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.keys[who]}"} if who else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The reference case published for 8 weeks, 100 TEU per leg, auto-confirmed."""
    db_url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'tradelane.sqlite3'}"
    code = main(["publish", str(CASE), "--weeks", "8", "--db", db_url, "--start", START,
                 "--capacity-teu", "100", "--auto-confirm"])
    assert code == 0
    keys = _add_parties(db_url, {"acme": ("Acme Batteries", "shipper"),
                                 "bolt": ("Bolt Solar", "shipper"),
                                 "carrier": ("Tradelane Lines", "carrier")})
    server = Site(db_url, keys)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the whole session."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(chromium_path()).exists():
        pytest.skip(f"{chromium_path()} not found (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), headless=True,
                                      args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any, site: Site) -> Iterator[Any]:
    """A fresh page (own session storage) with a laptop-sized viewport.

    ``bypass_csp``: these tests wait with ``page.wait_for_function("…")``, which evaluates a
    string, and the dashboard's Content-Security-Policy forbids that; test_queue.py runs
    under the real policy and fails on any violation."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=site.url,
                                  bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot() -> Callable[[Any, str], None]:
    """``shot(page, name)`` saves ``$TRADELANE_SCREENSHOTS/name.png`` when that is set."""
    folder = os.environ.get("TRADELANE_SCREENSHOTS")

    def save(page: Any, name: str) -> None:
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    return save
