"""A lean HTTP/1.1 load generator for the benchmarks: asyncio, keep-alive, httptools.

Each of ``concurrency`` connections sends one request, reads the whole answer (parsed by
httptools, the parser uvicorn uses), then sends the next; requests are prepared as bytes once,
so the client spends little CPU per request on the cores it shares with the server.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httptools

try:  # the event loop uvicorn uses, when installed
    import uvloop
    _LOOP: Callable[[], asyncio.AbstractEventLoop] | None = uvloop.new_event_loop
except ImportError:  # pragma: no cover - Windows
    _LOOP = None


@dataclass(frozen=True, slots=True)
class Sent:
    """One request as sent: which payload, the answer's status and its latency."""

    payload: int
    status: int
    latency_s: float


@dataclass(frozen=True, slots=True)
class Load:
    """A timed phase: wall time and every request of it."""

    wall_s: float
    sent: list[Sent]


def post_json(base_url: str, path: str, body: Any, headers: dict[str, str]) -> bytes:
    """A ``POST`` request with a JSON body, as bytes on the wire."""
    host = urlsplit(base_url).netloc
    data = json.dumps(body, separators=(",", ":")).encode()
    head = "".join(f"{k}: {v}\r\n" for k, v in {
        "Host": host, "Content-Type": "application/json", "Content-Length": str(len(data)),
        **headers}.items())
    return f"POST {path} HTTP/1.1\r\n{head}\r\n".encode("latin-1") + data


def drive(base_url: str, payloads: Sequence[bytes], *, warm_up: int, requests: int,
          concurrency: int, rate: float = 0.0,
          before_timed: Callable[[], None] = lambda: None) -> tuple[Load, Load]:
    """Send ``warm_up`` then ``requests`` requests over ``concurrency`` connections.

    Request ``i`` of each phase sends ``payloads[i % len(payloads)]``; ``before_timed`` is
    called between the phases. Closed loop (``rate`` 0): each connection sends its next
    request as soon as it has the answer. Open loop (``rate`` > 0, timed phase only): request
    ``i`` is due ``i / rate`` seconds after the start and its latency counts from then, so
    that time spent waiting for a free connection counts too (no coordinated omission).
    Returns the warm-up and the timed phase.
    """
    url = urlsplit(base_url)
    runner = asyncio.Runner(loop_factory=_LOOP)
    with runner:
        return runner.run(_phases(url.hostname or "127.0.0.1", url.port or 80, payloads,
                                  warm_up, requests, concurrency, rate, before_timed))


async def _phases(host: str, port: int, payloads: Sequence[bytes], warm_up: int,
                  requests: int, concurrency: int, rate: float,
                  before_timed: Callable[[], None]) -> tuple[Load, Load]:
    connections = [await _Connection.open(host, port) for _ in range(concurrency)]
    try:
        warm = await _phase(connections, payloads, warm_up, 0.0)
        before_timed()
        return warm, await _phase(connections, payloads, requests, rate)
    finally:
        for connection in connections:
            connection.close()


async def _phase(connections: list[_Connection], payloads: Sequence[bytes], n: int,
                 rate: float) -> Load:
    numbers = iter(range(n))
    sent: list[Sent] = []

    async def worker(connection: _Connection) -> None:
        for i in numbers:  # shared: each request number is taken by one connection
            payload = i % len(payloads)
            start = time.perf_counter()
            if rate > 0:
                due = t0 + i / rate
                if due > start:
                    await asyncio.sleep(due - start)
                start = due
            status = await connection.exchange(payloads[payload])
            sent.append(Sent(payload, status, time.perf_counter() - start))

    t0 = time.perf_counter()
    await asyncio.gather(*(worker(c) for c in connections))
    return Load(time.perf_counter() - t0, sent)


class _Connection:
    """One keep-alive connection: send a request, read its answer to the end."""

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.complete = False
        self.parser = httptools.HttpResponseParser(self)

    @classmethod
    async def open(cls, host: str, port: int) -> _Connection:
        reader, writer = await asyncio.open_connection(host, port)
        return cls(reader, writer)

    def on_message_complete(self) -> None:  # httptools callback
        self.complete = True

    async def exchange(self, request: bytes) -> int:
        """Send ``request``; the answer's status code once it has been read whole."""
        self.complete = False
        self.writer.write(request)
        while not self.complete:
            data = await self.reader.read(65536)
            if not data:
                raise ConnectionError("the server closed the connection")
            self.parser.feed_data(data)
        return int(self.parser.get_status_code())

    def close(self) -> None:
        self.writer.close()

