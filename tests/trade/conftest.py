"""Fixtures of the trade tests (helpers in ``tradekit``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tradekit import HandSet, database_url, hand_set


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def hand(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> HandSet:
    """The hand-made bookings on SQLite and (with TRADELANE_TEST_PG_URL) PostgreSQL."""
    tmp: Path = tmp_path_factory.mktemp("trade")
    return hand_set(database_url(request.param, tmp, "trade_hand"))
