"""Where a sweep's cells run: Dask distributed (a ``LocalCluster`` of worker processes, or an
existing scheduler), or this process when no client is given.

Never a home-made pool: Dask schedules, moves data and restarts lost workers; this module only
opens the client and keeps a bounded number of cells in flight.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from tradelane.errors import InputError

if TYPE_CHECKING:
    from distributed import Client
else:
    Client = Any

V = TypeVar("V", bound=Hashable)
T = TypeVar("T")
R = TypeVar("R")

CONNECT_TIMEOUT_S = 10
"""How long the sweep waits for an existing scheduler to answer, and for its first worker."""


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A Dask client: on the scheduler at ``scheduler`` (``tcp://HOST:8786``), or on a new
    ``LocalCluster`` of ``workers`` single-threaded worker processes (default: one per core),
    closed on exit.

    Raises
    ------
    InputError
        Naming ``scheduler`` when no scheduler answers there or it has no worker, or
        ``workers`` when it is below 1.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        _check_reachable(scheduler)
        try:
            client = Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError("scheduler", scheduler, "no Dask scheduler answered there within "
                             f"{CONNECT_TIMEOUT_S} s ({type(exc).__name__})") from None
        try:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT_S)
        except TimeoutError:
            client.close()
            raise InputError("scheduler", scheduler, "has no worker (start one with `dask "
                             f"worker {scheduler}`)") from None
        with client:
            yield client
        return
    n = workers if workers is not None else (os.cpu_count() or 1)
    if n < 1:
        raise InputError("workers", n, "must be 1 or more (0 runs the sweep in this process)")
    with LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                      dashboard_address=None, silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        yield client


def _check_reachable(scheduler: str) -> None:
    """Fail at once, naming the address, when it is malformed or nothing listens there (a
    Dask client would retry until its timeout)."""
    from distributed.comm import parse_address, parse_host_port

    try:
        protocol, location = parse_address(scheduler, strict=True)
        host, port = parse_host_port(location) if protocol == "tcp" else (None, None)
    except (ValueError, TypeError):
        raise InputError("scheduler", scheduler, "is not a Dask scheduler address such as "
                         "tcp://127.0.0.1:8786") from None
    if host is None:
        return  # another transport (tls, inproc, ucx): the client's own timeout applies
    try:
        socket.create_connection((host, port), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as exc:
        raise InputError("scheduler", scheduler, "no Dask scheduler answered there "
                         f"({exc.strerror or type(exc).__name__})") from None


def run_cells(client: Client | None, tasks: Iterable[tuple[V, T]],
              fn: Callable[[V, T], R]) -> Iterator[R]:
    """``fn(variant, task)`` for each pair of ``tasks``, yielded as they finish.

    Without a client, in this process and in order. With one, each distinct variant is
    scattered to the cluster once and at most four cells per worker thread are in flight,
    so that a grid of millions of cells does not sit in the scheduler's memory.
    """
    if client is None:
        for variant, task in tasks:
            yield fn(variant, task)
        return
    from distributed import as_completed

    window = 4 * max(1, sum(client.nthreads().values()))
    scattered: dict[V, Any] = {}
    pending = iter(tasks)

    def submit() -> Any | None:
        item = next(pending, None)
        if item is None:
            return None
        variant, task = item
        if variant not in scattered:
            scattered[variant] = client.scatter(variant, hash=False)
        return client.submit(fn, scattered[variant], task, pure=False)

    futures = as_completed([f for f in (submit() for _ in range(window)) if f is not None])
    for future in futures:
        try:
            yield future.result()
        finally:
            future.release()
        following = submit()
        if following is not None:
            futures.add(following)
