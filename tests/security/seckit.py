"""Helpers of the security suite: bookings that pass every rule, and the DCSA error check."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from copy import deepcopy
from pathlib import Path
from typing import Any

import httpx
from apikit import NOW, REPO, booking, ref, sailings, shared_dir, validate

from tradelane_bench.local_server import free_port

POD = "KRPUS"
"""CNTAO → KRPUS: an international booking (CN → KR), so the cabotage rule does not apply."""


class Desk:
    """A running server, its database URL, the parties' keys and its log files."""

    def __init__(self, db_url: str, keys: dict[str, str], folder: Path) -> None:
        self.db_url = db_url
        self.keys = keys
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.access_log = folder / "access.log"
        self.error_log = folder / "error.log"
        env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TRADELANE_NOW": NOW}
        env.pop("TRADELANE_CABOTAGE_ALLOWED", None)
        with self.access_log.open("wb") as out, self.error_log.open("wb") as err:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "tradelane", "serve", "--db", db_url,
                 "--host", "127.0.0.1", "--port", str(self.port)],
                env=env, stdout=out, stderr=err)
        self._wait()

    def _wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                httpx.get(self.url + "/openapi.json", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"server did not start: {self.error_log.read_text()}")

    def client(self, who: str | None = None, **headers: str) -> httpx.Client:
        """An HTTP client with ``who``'s key (none if ``who`` is None)."""
        if who:
            headers["Authorization"] = f"Bearer {self.keys[who]}"
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=30)


def voyage(client: httpx.Client, index: int = 1) -> str:
    """The ``index``-th sailing CNTAO → KRPUS (0 is too close to its cut-offs)."""
    return sailings(client, "CNTAO", POD)[index]


def good(voyage_number: str, **equipment: Any) -> dict[str, Any]:
    """A booking CNTAO → KRPUS that passes every rule."""
    body = booking(voyage_number, pod=POD)
    body["requestedEquipments"][0].update(equipment)
    return body


def with_top(body: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A copy of ``body`` with top-level ``fields`` set."""
    return {**deepcopy(body), **fields}


def refused(response: httpx.Response, status: int, *words: str) -> str:
    """Assert a DCSA error with ``status`` whose sentence contains ``words``; the sentence."""
    assert response.status_code == status, (response.status_code, response.text[:500])
    doc = response.json()
    assert doc["statusCode"] == status and doc["errors"][0]["errorCodeMessage"]
    if (shared_dir() / "standards" / "dcsa" / "bkg" / "BKG_v2.0.4.yaml").exists():
        validate("bkg/BKG_v2.0.4.yaml", ref("ErrorResponse"), doc)
    sentence = str(doc["errors"][0]["errorCodeMessage"])
    for word in words:
        assert word in sentence, (word, sentence)
    assert not sentence.endswith(".."), sentence
    return sentence


def post(client: httpx.Client, body: Any, **headers: str) -> httpx.Response:
    """POST a booking (``body`` as JSON, or raw text/bytes)."""
    if isinstance(body, str | bytes):
        return client.post("/v2/bookings", content=body,
                           headers={"Content-Type": "application/json", **headers})
    return client.post("/v2/bookings", json=body, headers=headers)


def reference_of(response: httpx.Response) -> str:
    """The ``carrierBookingRequestReference`` of a 202."""
    assert response.status_code == 202, response.text[:500]
    return str(response.json()["carrierBookingRequestReference"])
