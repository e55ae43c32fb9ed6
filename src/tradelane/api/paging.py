"""Paging cursors: opaque, signed with the server's secret (HMAC-SHA256), and short-lived.

A cursor carries the endpoint it belongs to, the next page's position (an offset, or the last
id seen), the page size and the filters of the first request, as base64url JSON followed by
``.`` and the HMAC of that text. A cursor changed in any way, made for another endpoint, signed
with another secret or older than ``Settings.cursor_ttl_s`` is refused with a DCSA 400; the
filters it carries were checked when it was issued, so they are not checked again.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fastapi import Request

from tradelane.api.errors import ApiError

MAX_LIMIT = 1000
"""The largest page any endpoint serves."""


@dataclass(frozen=True, slots=True)
class PageState:
    """Where the next page starts, its size and the filters in force."""

    position: int
    limit: int
    query: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Cursors:
    """Signs and reads the cursors of one server (all its processes share ``key``)."""

    key: bytes
    ttl_s: int

    def sign(self, endpoint: str, state: PageState, now: datetime) -> str:
        """The cursor of ``state`` on ``endpoint``, issued at ``now``."""
        payload = {"e": endpoint, "p": state.position, "l": state.limit, "q": state.query,
                   "t": int(now.timestamp())}
        text = _b64(json.dumps(payload, separators=(",", ":"), sort_keys=True).encode())
        return f"{text}.{_b64(self._mac(text))}"

    def read(self, endpoint: str, cursor: str, now: datetime) -> PageState:
        """The state in ``cursor``, or ApiError(400) if it is forged, foreign or stale."""
        text, _, mac = cursor.partition(".")
        try:
            valid = hmac.compare_digest(_unb64(mac), self._mac(text))
            payload = json.loads(_unb64(text)) if valid else None
        except (ValueError, binascii.Error):
            valid, payload = False, None
        if not valid or not isinstance(payload, dict) or payload.get("e") != endpoint:
            raise ApiError(400, "cursor", cursor[:40], "is not a cursor this server gave "
                           "for this endpoint (send the Next-Page-Cursor header as is)")
        if now.timestamp() - payload["t"] > self.ttl_s:
            raise ApiError(400, "cursor", cursor[:40], f"has expired (cursors are valid for "
                           f"{self.ttl_s} s); start again from the first page")
        return PageState(int(payload["p"]), int(payload["l"]), dict(payload["q"]))

    def _mac(self, text: str) -> bytes:
        return hmac.new(self.key, text.encode("ascii"), hashlib.sha256).digest()


def cursors_of(request: Request) -> Cursors:
    """The app's cursor signer (built by the app factory)."""
    cursors: Cursors = request.app.state.cursors
    return cursors


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not text.isascii():
        raise ValueError(text)
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
