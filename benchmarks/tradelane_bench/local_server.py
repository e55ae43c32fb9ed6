"""``tradelane serve`` as a child process on a free 127.0.0.1 port, for benchmarks and tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from types import TracebackType

import httpx

from tradelane.errors import InputError


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """Start ``tradelane serve ARGS`` on 127.0.0.1 and wait until ``ready_path`` answers.

    Raises InputError (one sentence) when the server exits or stays silent for ``timeout_s``.
    Usable as a context manager; ``stop()`` terminates, ``kill()`` sends SIGKILL.
    """

    def __init__(self, args: Sequence[str], *, env: Mapping[str, str] | None = None,
                 ready_path: str = "/openapi.json", timeout_s: float = 60.0,
                 stderr: int = subprocess.DEVNULL) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tradelane", "serve", *args, "--host", "127.0.0.1",
             "--port", str(self.port)],
            env=None if env is None else dict(env), stdout=subprocess.DEVNULL, stderr=stderr)
        self._wait(ready_path, timeout_s)

    def _wait(self, ready_path: str, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                httpx.get(self.url + ready_path, timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.2)
        if self.proc.poll() is not None:
            raise InputError("serve", self.url, f"exited with status {self.proc.returncode} "
                             "before answering")
        self.stop()
        raise InputError("serve", self.url, f"did not answer within {timeout_s:g} s")

    def stop(self, timeout_s: float = 30.0) -> None:
        """Terminate the server and wait for it to exit."""
        self.proc.terminate()
        self.proc.wait(timeout=timeout_s)

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flushing, in-flight requests cut off."""
        self.proc.kill()
        self.proc.wait(timeout=10)

    def __enter__(self) -> LocalServer:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
