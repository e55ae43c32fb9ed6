"""Callback URLs a subscription may use, and the signature of what is sent to them.

A callback must be ``http`` or ``https``, must not point at this server, and must not resolve
to a loopback or private address unless ``TRADELANE_ALLOW_PRIVATE_CALLBACKS=1`` (tests, local
demos); link-local (cloud metadata), multicast, unspecified and reserved addresses are always
refused. The check runs when the subscription is made and again before every delivery (a
name may resolve elsewhere later).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import ipaddress
import socket
from collections.abc import Callable, Collection
from urllib.parse import urlsplit

from tradelane.api.errors import ApiError

IpAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def secret_key(secret: str, field: str = "secret") -> bytes:
    """The HMAC key of a base64 ``secret`` (its bytes); 400 unless it is base64 of at least
    16 bytes."""
    try:
        key = base64.b64decode(secret.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ApiError(400, field, "(hidden)", "must be base64 (RFC 4648)") from None
    if len(key) < 16:
        raise ApiError(400, field, "(hidden)", f"is {len(key)} bytes; use at least 16 "
                       f"random bytes (32 or more recommended)")
    return key


def signature(secret: str, body: bytes) -> str:
    """The ``Notification-Signature`` of ``body``: ``sha256=`` and the hex HMAC-SHA256 of the
    body with the secret's bytes as key."""
    key = base64.b64decode(secret.encode("ascii"))
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def check_callback(url: str, *, allow_private: bool,
                   own: Collection[tuple[str, int]] = ()) -> None:
    """ApiError(400) naming ``callbackUrl`` if events may not be sent to ``url``; ``own`` are
    this server's (host, port) pairs."""
    def refuse(problem: str) -> ApiError:
        return ApiError(400, "callbackUrl", url[:200], problem)

    try:
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise refuse("is not a URL") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise refuse("must be an http:// or https:// URL with a host")
    host = parts.hostname.lower().rstrip(".")
    addresses = _addresses(host, port, refuse)
    own_ports = {p for _, p in own}
    if (host, port) in {(h.lower(), p) for h, p in own} or any(
            a.is_loopback and port in own_ports for a in addresses):
        raise refuse("points at this server; give the subscriber's own endpoint")
    for address in addresses:
        if address.is_link_local or address.is_multicast or address.is_unspecified or \
                address.is_reserved:
            raise refuse(f"resolves to {address}, an address events are never sent to")
        if (address.is_loopback or address.is_private) and not allow_private:
            raise refuse(f"resolves to the loopback or private address {address} (allowed "
                         f"only with TRADELANE_ALLOW_PRIVATE_CALLBACKS=1)")


def _addresses(host: str, port: int, refuse: Callable[[str], ApiError]) -> list[IpAddress]:
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
        return [_unmapped(literal)]
    except ValueError:
        pass
    if host == "localhost" or host.endswith(".localhost"):
        return [ipaddress.ip_address("127.0.0.1")]
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise refuse("has a host name that does not resolve") from None
    return [_unmapped(ipaddress.ip_address(str(info[4][0]).split("%")[0])) for info in infos]


def _unmapped(address: IpAddress) -> IpAddress:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address
