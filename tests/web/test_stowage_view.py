"""The stowage view in real Chromium, under the real Content-Security-Policy: the side profile
of a departure, a bay picked by clicking it, the figures and the crane split; and the JSON
behind it (``/api/stowage``, ``/api/stowage/bay``). One short solve (2 s: departures may
break rules), kept by the server and read again by the page (``/?time_limit_s=2#stowage``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from tradelane.api.dashboard import stowage as module

expect = pytest.importorskip("playwright.sync_api").expect

SVG = "{http://www.w3.org/2000/svg}"
DEFAULTS = {"voyage": "401E", "seed": 1, "time_limit_s": 2}  # short: figures, not quality


@pytest.fixture(scope="module")
def stowage(site: Any) -> dict[str, Any]:
    """The reference case's voyage 401E with a 2 s time limit (solved once, then kept)."""
    with site.client() as client:
        answer = client.get("/api/stowage", params=DEFAULTS, timeout=180)
    assert answer.status_code == 200, answer.text
    doc: dict[str, Any] = answer.json()
    return doc


def test_stowage_json_has_every_call_with_figures_and_pictures(stowage: dict[str, Any]
                                                                ) -> None:
    assert [p["locode"] for p in stowage["ports"]][:3] == ["CNTAO", "CNNGB", "KRPUS"]
    assert stowage["profile"] == "A13" and stowage["seed"] == 1
    colours = {p["locode"]: p["colour"] for p in stowage["pods"]}
    for p in stowage["ports"]:
        assert p["gm_m"] is not None and p["max_shear_pct"] is not None
        assert sum(b["containers"] for b in p["bays"]) == p["containers_aboard"]
        assert sum(c["moves"] for c in p["cranes"]) == sum(b["moves"] for b in p["bays"])
        side = ET.fromstring(p["side_svg"])
        assert len(side.findall(f".//{SVG}g[@class='bay']")) == len(p["bays"])
        fills = {r.get("fill") for r in side.iter(f"{SVG}rect") if r.get("class") == "tier"}
        aboard = {pod for b in p["bays"] for pod in b["teu_by_pod"]}
        assert {colours[pod] for pod in aboard} <= fills
        ET.fromstring(p["cranes_svg"])


def test_bay_json_and_bad_input(site: Any, stowage: dict[str, Any]) -> None:
    port = stowage["ports"][1]
    busiest = max(port["bays"], key=lambda b: b["containers"])
    with site.client() as client:
        bay = client.get("/api/stowage/bay", params={**DEFAULTS, "port": port["locode"],
                                                     "bay": int(busiest["bay"])}).json()
        assert len(bay["containers"]) == busiest["containers"]
        n = int(busiest["bay"])
        assert {c["position"][:3] for c in bay["containers"]} <= {f"{k:03d}" for k in
                                                                 (n - 1, n, n + 1)}
        boxes = ET.fromstring(bay["svg"]).findall(f".//{SVG}g[@class='box']")
        assert len(boxes) == busiest["containers"]
        odd = client.get("/api/stowage/bay", params={**DEFAULTS, "port": port["locode"],
                                                     "bay": n + 1})
        assert odd.status_code == 400 and "40-ft bay" in odd.text
        slow = client.get("/api/stowage", params={**DEFAULTS, "time_limit_s": 61})
        assert slow.status_code == 400 and "time_limit_s" in slow.text
        week = client.get("/api/stowage", params={**DEFAULTS, "voyage": "499E"})
        assert week.status_code == 400 and "499E" in week.text and "week 99" in week.text
        port_ = client.get("/api/stowage/bay", params={**DEFAULTS, "port": "NLRTM", "bay": 2})
        assert port_.status_code == 400 and "NLRTM" in port_.text


def test_view_shows_the_side_profile_and_a_picked_bay(browser: Any, site: Any, shot: Any,
                                                       stowage: dict[str, Any]) -> None:
    context = browser.new_context(viewport={"width": 1366, "height": 900}, base_url=site.url)
    page = context.new_page()
    page.set_default_timeout(60_000)
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    try:
        page.goto("/?voyage=401E&seed=1&time_limit_s=2#stowage")
        side = page.get_by_test_id("stow-side")
        first = stowage["ports"][0]
        expect(side.locator("g.bay")).to_have_count(len(first["bays"]))
        expect(page.get_by_test_id("stow-figures")).to_contain_text(f"{first['gm_m']:.2f}")
        expect(page.get_by_test_id("stow-cranes").locator("g.crane")).to_have_count(
            len(first["cranes"]))
        page.select_option("select[name=port]", stowage["ports"][1]["locode"])
        port = stowage["ports"][1]
        busiest = max(port["bays"], key=lambda b: b["containers"])
        side.locator(f"g.bay[data-bay='{busiest['bay']}'] rect.tier").first.click()
        bay = page.get_by_test_id("stow-bay")
        expect(bay.locator("h3")).to_contain_text(f"bay {busiest['bay']}")
        expect(bay.locator("g.box")).to_have_count(busiest["containers"])
        expect(side.locator(f"g.bay.picked[data-bay='{busiest['bay']}']")).to_have_count(1)
        bay.get_by_role("button", name="Table").click()
        expect(bay.locator("tbody tr")).to_have_count(busiest["containers"])
        shot(page, "stowage")
        assert errors == []
    finally:
        context.close()


def test_kept_plans_are_reused_and_the_oldest_dropped(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[tuple[str, int, float]] = []

    def fake(request: Any) -> tuple[str, int, float]:
        asked.append((request.voyage, request.params.seed, request.params.time_limit_s))
        return asked[-1]

    monkeypatch.setattr(module, "plan_voyage", fake)
    plans = module.StowagePlans(Path("case.toml"))
    assert plans.plan("401e", 1, 2.0) == ("401E", 1, 2.0)
    assert plans.plan("401E ", 1, 2.0) == ("401E", 1, 2.0)
    assert len(asked) == 1
    for seed in range(2, 6):  # four more: the first is dropped (four kept)
        plans.plan("401E", seed, 2.0)
    plans.plan("401E", 1, 2.0)
    assert len(asked) == 6 and asked[-1] == ("401E", 1, 2.0)
