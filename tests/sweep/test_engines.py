"""The small grid on a real two-process LocalCluster and on a real ``dask scheduler`` with two
``dask worker`` processes on 127.0.0.1: the same table as the serial run, bit for bit."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradelane.app.sweep import dask_client, plan_sweep, run_sweep
from tradelane.sweep import read_results

from .conftest import RUNS, request, same_bits

BIN = Path(sys.executable).parent
START_TIMEOUT_S = 60


def test_local_cluster_of_two_processes(tmp_path: Path, serial: object) -> None:
    out = tmp_path / "local.parquet"
    with dask_client(workers=2) as client:
        assert len(client.nthreads()) == 2
        pids = set(client.run(os.getpid).values())
        result = run_sweep(plan_sweep(request(out)), client)
    assert len(pids) == 2 and os.getpid() not in pids  # two worker processes, not this one
    assert result.cells_run == 8 and result.rows_written == 8 * RUNS
    assert same_bits(read_results(out), serial)


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """``dask scheduler`` and two ``dask worker`` processes on 127.0.0.1, torn down after."""
    file = tmp_path / "scheduler.json"
    env = os.environ | {"DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    common = ["--no-dashboard"]
    procs = [subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1",
                               "--port", "0", "--scheduler-file", str(file), *common],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert file.exists(), "the scheduler did not start"
        for _ in range(2):
            procs.append(subprocess.Popen(
                [str(BIN / "dask"), "worker", "--scheduler-file", str(file), "--nthreads", "1",
                 "--host", "127.0.0.1", "--no-nanny", *common],
                env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        import json

        address = json.loads(file.read_text())["address"]
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=START_TIMEOUT_S)
        yield address
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


def test_scheduler_and_two_workers(tmp_path: Path, serial: object, scheduler: str) -> None:
    out = tmp_path / "remote.parquet"
    with dask_client(scheduler) as client:
        assert len(client.nthreads()) == 2
        pids = set(client.run(os.getpid).values())
        result = run_sweep(plan_sweep(request(out)), client)
    assert len(pids) == 2 and result.workers == 2
    assert same_bits(read_results(out), serial)
