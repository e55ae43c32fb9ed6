"""Fixtures of the trade tests (helpers in ``tradekit``)."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # apikit

from tradekit import HandSet, database_url, hand_set


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hand(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> HandSet:
    """The hand-made bookings on SQLite and (with TRADELANE_TEST_PG_URL) PostgreSQL."""
    tmp: Path = tmp_path_factory.mktemp("trade")
    return hand_set(database_url(request.param, tmp, "trade_hand"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Debian Chromium (skipped when it or playwright is missing); module-scoped, so
    that it is gone before tests/web starts its own (two sync Playwrights cannot overlap)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = os.environ.get("TRADELANE_CHROMIUM", "/usr/bin/chromium")
    if not Path(chromium).exists():
        pytest.skip(f"{chromium} not found (apt-get install chromium)")
    with sync_api.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=chromium, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        yield launched
        launched.close()
