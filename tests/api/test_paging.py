"""Signed paging cursors without a server: round trip, tampering, other secrets, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tradelane.api.errors import ApiError
from tradelane.api.paging import Cursors, PageState

NOW = datetime(2030, 1, 5, 12, tzinfo=UTC)
STATE = PageState(20, 10, {"UNLocationCode": "CNTAO", "startDate": "2030-01-01"})


def test_round_trip() -> None:
    cursors = Cursors(b"k" * 32, 3600)
    assert cursors.read("/a", cursors.sign("/a", STATE, NOW), NOW) == STATE


@pytest.mark.parametrize("change", [
    lambda c: c[:-2] + ("AA" if not c.endswith("AA") else "BB"),  # the MAC
    lambda c: "e" + c[1:] if c[0] != "e" else "f" + c[1:],        # the payload
    lambda c: c.split(".")[0],                                     # no MAC
])
def test_any_change_is_refused(change: object) -> None:
    cursors = Cursors(b"k" * 32, 3600)
    cursor = cursors.sign("/a", STATE, NOW)
    with pytest.raises(ApiError, match="not a cursor this server gave") as info:
        cursors.read("/a", change(cursor), NOW)  # type: ignore[operator]
    assert info.value.status == 400


def test_other_endpoint_and_other_secret_are_refused() -> None:
    cursor = Cursors(b"k" * 32, 3600).sign("/a", STATE, NOW)
    with pytest.raises(ApiError):
        Cursors(b"k" * 32, 3600).read("/b", cursor, NOW)
    with pytest.raises(ApiError):
        Cursors(b"j" * 32, 3600).read("/a", cursor, NOW)


def test_stale_cursor_is_refused() -> None:
    cursors = Cursors(b"k" * 32, 60)
    cursor = cursors.sign("/a", STATE, NOW)
    assert cursors.read("/a", cursor, NOW + timedelta(seconds=60)) == STATE
    with pytest.raises(ApiError, match="expired"):
        cursors.read("/a", cursor, NOW + timedelta(seconds=61))
