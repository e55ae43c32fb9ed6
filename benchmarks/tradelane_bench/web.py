"""``tradelane-bench web``: first load of the dashboard in headless Chromium on loopback.

A temporary SQLite database gets the reference case published (8 weeks), ``tradelane serve``
starts on 127.0.0.1, and each run opens ``/`` in a fresh browser context (empty cache) and
waits until the route map is drawn. Every request is logged; any request to a host other than
127.0.0.1 is blocked and fails the benchmark.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer
from rich.console import Console
from rich.table import Table

from tradelane.errors import InputError, TradelaneError
from tradelane_bench.cli import app
from tradelane_bench.local_server import LocalServer
from tradelane_bench.protocol import BenchCsv, Measurement

COLUMNS = ("run", "ready_s", "load_event_s", "requests", "bytes", "external_requests",
           "target_s", "load_avg_1m")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
READY = "[data-testid=route-map] path.route"
REFERENCE_CASE = resources.files("tradelane.data.cases").joinpath("shandong-usec.toml")


@app.command("web")
def bench_web(
    runs: Annotated[int, typer.Option(help="Page loads measured (median reported).")] = 5,
    out: Annotated[Path, typer.Option(help="CSV to write.")] = Path("bench-results/web.csv"),
    chromium: Annotated[Path, typer.Option(help="Chromium executable.")] = Path(
        "/usr/bin/chromium"),
    target_s: Annotated[float, typer.Option(help="Median first load must stay below this.")
                        ] = 1.0,
) -> None:
    """Time the first load of the dashboard (all assets, route map drawn) on loopback."""
    if runs < 1:
        raise InputError("--runs", runs, "must be a whole number of 1 or more")
    if not chromium.exists():
        raise InputError("--chromium", str(chromium), "does not exist (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise InputError("playwright", "missing", "is needed: pip install playwright "
                         "(no browser download; Debian's chromium is used)") from None
    with (tempfile.TemporaryDirectory() as tmp, _serve(Path(tmp)) as server,
          sync_playwright() as pw):
        browser = pw.chromium.launch(executable_path=str(chromium), headless=True,
                                     args=CHROMIUM_ARGS)
        _load(browser, server.url)  # warm-up: server caches and the OS page cache
        results = [_load(browser, server.url) for _ in range(runs)]
        browser.close()
    _report(results, out, target_s)


def _serve(tmp: Path) -> LocalServer:
    db = f"sqlite:///{tmp / 'bench.sqlite3'}"
    env = {**os.environ, "TRADELANE_CACHE_DIR": os.environ.get("TRADELANE_CACHE_DIR", "off")}
    with resources.as_file(REFERENCE_CASE) as case:
        subprocess.run([sys.executable, "-m", "tradelane", "publish", str(case),
                        "--weeks", "8", "--db", db, "--capacity-teu", "1000"], env=env,
                       check=True, capture_output=True)
    return LocalServer(["--db", db], env=env, ready_path="/api/case", timeout_s=30)


def _load(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    requests: list[str] = []
    external: list[str] = []
    sizes: list[int] = []

    def guard(route: Any) -> None:
        target = route.request.url
        requests.append(target)
        parts = urlsplit(target)
        if parts.scheme == "data" or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            external.append(target)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("response", lambda r: sizes.append(len(r.body())) if r.ok else None)
    load_avg = os.getloadavg()[0]
    start = time.perf_counter()
    page.goto(url + "/")
    page.wait_for_selector(READY, timeout=30_000)
    ready_s = time.perf_counter() - start
    load_event_s = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd > 0 ? n.loadEventEnd / 1000 : null; }")
    context.close()
    return {"ready_s": ready_s, "load_event_s": load_event_s, "requests": len(requests),
            "bytes": sum(sizes), "external": external, "load_avg_1m": load_avg}


def _report(results: list[dict[str, Any]], out: Path, target_s: float) -> None:
    median = statistics.median(r["ready_s"] for r in results)
    external = sorted({u for r in results for u in r["external"]})
    status = "ok" if not external and median < target_s else "failed"
    with BenchCsv(out, COLUMNS) as sheet:
        for i, r in enumerate(results):
            # the objective is the time measured: first load until the route map is drawn
            sheet.write(Measurement(instance="dashboard /", status=status,
                                    runtime_s=r["ready_s"], objective=round(r["ready_s"], 4)),
                        run=i, ready_s=f"{r['ready_s']:.4f}",
                        load_event_s=("" if r["load_event_s"] is None
                                      else f"{r['load_event_s']:.4f}"),
                        requests=r["requests"], bytes=r["bytes"],
                        external_requests=len(r["external"]), target_s=target_s,
                        load_avg_1m=f"{r['load_avg_1m']:.2f}")
    table = Table(title=f"dashboard first load, {len(results)} fresh browser contexts")
    for col in ("median s (map drawn)", "min s", "max s", "requests", "KiB", "external",
                "load avg"):
        table.add_column(col, justify="right")
    ready = [r["ready_s"] for r in results]
    table.add_row(f"{median:.3f}", f"{min(ready):.3f}", f"{max(ready):.3f}",
                  str(results[0]["requests"]), f"{results[0]['bytes'] / 1024:.0f}",
                  str(len(external)), f"{results[0]['load_avg_1m']:.1f}")
    Console().print(table)
    Console().print(f"rows written to {out}")
    if external:
        raise TradelaneError(f"requests left 127.0.0.1: {', '.join(external)}")
    if median >= target_s:
        raise TradelaneError(f"median first load {median:.3f} s is not below {target_s} s")
