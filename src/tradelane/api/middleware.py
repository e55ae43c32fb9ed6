"""ASGI middleware of the API: a request body limit and the security headers.

Both are plain ASGI (no ``BaseHTTPMiddleware``): they wrap ``receive``/``send`` and cost a few
dictionary look-ups per request.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request

from tradelane.api.errors import error_response

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

DASHBOARD_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; "
                 "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                 "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The dashboard's Content-Security-Policy: nothing from elsewhere, no inline script."""
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
"""``/docs`` and ``/redoc``: Swagger UI and ReDoc set inline styles and ReDoc runs a worker."""
_DOCS = ("/docs", "/redoc")


class BodyLimit:
    """Refuse request bodies over ``max_bytes`` with a DCSA 413, before anything parses them.

    A ``Content-Length`` over the limit is answered at once (the body is never read, the
    request never reaches authentication); a body sent without one (chunked) is counted as it
    streams in and refused as soon as it passes the limit.
    """

    def __init__(self, app: App, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None:
            if not length.isdigit():
                await self._refuse(scope, receive, send, 400, length)
                return
            if int(length) > self.max_bytes:
                await self._refuse(scope, receive, send, 413, length)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, f"more than {self.max_bytes} bytes")
            return message

        await self.app(scope, counted, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, status: int,
                      length: str) -> None:
        request = Request(scope, receive)
        if status == 413:
            problem = (f"is over the limit of {self.max_bytes} bytes per request body "
                       "(TRADELANE_MAX_BODY_BYTES)")
        else:
            problem = "is not a whole number of bytes"
        response = error_response(request, status, "Content-Length", length[:20], problem,
                                  headers={"Connection": "close"})
        await response(scope, receive, send)


class SecurityHeaders:
    """Headers every response carries, and ``Cache-Control: no-store`` where a key was sent.

    ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``, frame protection
    (``X-Frame-Options: DENY`` and CSP ``frame-ancestors 'none'``), a Content-Security-Policy
    (the dashboard's, or the docs pages' looser one), and ``no-store`` on every answer to a
    request with an ``Authorization`` header or under ``/v2/bookings`` (bookings are private).
    """

    def __init__(self, app: App) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        private = path.startswith("/v2/bookings") or _header(scope, b"authorization") is not None
        csp = DOCS_CSP if path.startswith(_DOCS) else DASHBOARD_CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = message.setdefault("headers", [])
                names = {name.lower() for name, _ in headers}
                extra = [(b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"no-referrer"),
                         (b"x-frame-options", b"DENY"),
                         (b"content-security-policy", csp.encode())]
                if private:
                    extra.append((b"cache-control", b"no-store"))
                headers.extend(h for h in extra if h[0] not in names)
            await send(message)

        await self.app(scope, receive, with_headers)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key.lower() == name:
            return bytes(value).decode("latin-1").strip()
    return None
