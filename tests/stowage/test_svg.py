"""The stowage pictures on the hand-built small ship: parsed as XML, counted and coloured."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from vessel_small_ship import at, box, small_ship

from tradelane.app.stowage import StowOutcome
from tradelane.cli.stow_plan import _write_svg
from tradelane.domain.stowage import ContainerUnit, DangerousCargo
from tradelane.stowage.check import StabilityCriteria
from tradelane.stowage.cranes import crane_split
from tradelane.stowage.planner import plan_stowage
from tradelane.stowage.planner_records import PortCall, StowParams
from tradelane.stowage.svg import (
    OTHER_COLOUR,
    PALETTE,
    bay_svg,
    cranes_svg,
    pod_colours,
    row_order,
    side_svg,
)

NS = {"s": "http://www.w3.org/2000/svg"}
COLOURS = pod_colours(["USSAV", "USCHS"])
CHS = ContainerUnit("CHSU0000001", "22G1", 12.5, "CNTAO", "USCHS")
PLAN = [
    at(box("SAVU0000001", t=20.0), "0020002"),                     # bay 0 hold row 00, 40 ft
    at(box("SAVU0000002", t=18.0, reefer=True), "0020082"),        # bay 0 deck: the plug
    at(box("SAVU0000003", t=15.0, dg=(DangerousCargo("1203", "3"),)), "0020182"),
    at(CHS, "0010202"),                                            # bay 0 hold row 02, fore 20
    at(box("SAVU0000004", "22G1", 9.0), "0030202"),                # bay 0 hold row 02, aft 20
    at(box("SAVU0000005", t=25.0), "0060004"),                     # bay 1 hold row 00 tier 04
]


def parse(text: str) -> ET.Element:
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    return root


def test_colours_follow_the_rotation_and_wrap() -> None:
    assert {"USSAV": PALETTE[0], "USCHS": PALETTE[1]} == COLOURS
    many = pod_colours(f"P{k:04d}" for k in range(len(PALETTE) + 1))
    assert list(many.values())[-1] == PALETTE[0]


def test_side_profile_has_a_box_per_tier_coloured_by_majority_pod() -> None:
    root = parse(side_svg(small_ship(), PLAN, COLOURS))
    bays = root.findall(".//s:g[@class='bay']", NS)
    assert [b.get("data-bay") for b in bays] == ["02", "06"]
    tiers = root.findall(".//s:rect[@class='tier']", NS)
    assert len(tiers) == 2 * 5  # two bays × (hold 02/04/06 + deck 82/84)
    bay0 = {r.get("data-tier"): r for b in bays if b.get("data-bay") == "02"
            for r in b.findall("s:rect", NS)}
    # hold tier 02 of bay 02: one 40 and two 20s, two for USSAV → USSAV's colour
    assert bay0["02"].get("fill") == PALETTE[0]
    assert "3 containers" in bay0["02"].findtext("s:title", namespaces=NS)
    assert "41.5 t" in bay0["02"].findtext("s:title", namespaces=NS)
    assert bay0["82"].get("fill") == PALETTE[0]
    assert bay0["84"].get("fill") == "#ffffff"
    # bow on the right: bay 02's column lies right of bay 06's
    x = {b.get("data-bay"): float(b.find("s:rect", NS).get("x")) for b in bays}
    assert x["02"] > x["06"]
    legend = root.findall(".//s:g[@class='legend']/s:rect", NS)
    assert [r.get("data-pod") for r in legend] == ["USSAV", "USCHS"]


def test_bay_cross_section_draws_cells_boxes_and_marks() -> None:
    root = parse(bay_svg(small_ship(), PLAN, 0, COLOURS))
    cells = root.findall(".//s:rect[@class='cell']", NS)
    assert len(cells) == 3 * 5  # rows 02/00/01 × five tiers
    boxes = {g.get("data-position"): g for g in root.findall(".//s:g[@class='box']", NS)}
    assert set(boxes) == {"0020002", "0020082", "0020182", "0010202", "0030202"}
    fills = {k: g.find("s:rect", NS).get("fill") for k, g in boxes.items()}
    assert fills["0010202"] == PALETTE[1] and fills["0030202"] == PALETTE[0]
    # two 20s share a cell, half width each, fore half on the left
    fore, aft = (boxes[k].find("s:rect", NS) for k in ("0010202", "0030202"))
    assert float(fore.get("width")) == float(aft.get("width")) == 12.0
    assert float(fore.get("x")) < float(aft.get("x"))
    assert root.findall(".//s:text[@class='reefer']", NS)[0].text == "R"
    assert len(root.findall(".//s:text[@class='reefer']", NS)) == 1
    assert len(root.findall(".//s:polygon[@class='dg']", NS)) == 1
    assert len(root.findall(".//s:circle[@class='plug']", NS)) == 1
    hover = boxes["0020182"].findtext("s:title", namespaces=NS)
    assert "SAVU0000003" in hover and "15.0 t" in hover and "UN1203 class 3" in hover
    assert "-18 °C" in boxes["0020082"].findtext("s:title", namespaces=NS)


def test_bay_cross_section_rows_seen_from_aft_and_unknown_pod_grey() -> None:
    assert row_order([0, 1, 2, 3, 4]) == [4, 2, 0, 1, 3]
    root = parse(bay_svg(small_ship(), PLAN, 1, {"USCHS": PALETTE[1]}))
    boxes = root.findall(".//s:g[@class='box']", NS)
    assert len(boxes) == 1 and boxes[0].find("s:rect", NS).get("fill") == OTHER_COLOUR
    labels = [t.text for t in root.findall(".//s:text[@class='row']", NS)]
    assert labels == ["02", "00", "01"]


def test_crane_chart_has_a_band_per_crane_over_its_zone() -> None:
    moves = [36, 36, 108, 36]
    split = crane_split(moves, cranes=2, moves_per_crane_h=36)
    root = parse(cranes_svg(split, moves, title="CNTAO"))
    assert len(root.findall(".//s:g[@class='bay-moves']", NS)) == 4
    bands = root.findall(".//s:g[@class='crane']", NS)
    assert [b.get("data-crane") for b in bands] == ["1", "2"]
    titles = [b.findtext("s:rect/s:title", namespaces=NS) for b in bands]
    assert titles[0].startswith("crane 1: bays 02–06, 72 moves, busy 2.0 h")
    assert "144 moves" in titles[1]
    assert root.find("s:text", NS).text == "CNTAO"
    summary = root.find("s:text[@class='summary']", NS).text
    assert "2 cranes, 216 moves" in summary and "makespan 4.0 h" in summary
    # bow on the right: crane 1 (bays 0–1) is right of crane 2 (bays 2–3)
    x1, x2 = (float(b.find("s:rect", NS).get("x")) for b in bands)
    assert x1 > x2


def test_stow_plan_svg_writes_side_worked_bays_and_cranes_per_call(tmp_path: Path) -> None:
    calls = (PortCall("CNTAO"), PortCall("USSAV"), PortCall("USCHS"))
    cargo = [ContainerUnit(f"TEST{k:07d}", "42G1", 10.0, "CNTAO", "USSAV" if k % 2 else "USCHS")
             for k in range(6)]
    params = StowParams(time_limit_s=20, criteria=StabilityCriteria(max_heel_deg=3.0))
    result = plan_stowage(small_ship(), calls, cargo, params)
    out = StowOutcome(result, small_ship(), calls, "test")
    written = _write_svg(out, tmp_path / "svg", "401E")
    names = sorted(p.name for p in written)
    assert sorted(p.name for p in (tmp_path / "svg").iterdir()) == names
    for port in ("CNTAO", "USSAV", "USCHS"):
        assert f"401E_{port}_side.svg" in names and f"401E_{port}_cranes.svg" in names
    plan = result.solution
    for p in plan.ports:
        worked = [f"401E_{p.locode}_bay{4 * i + 2:02d}.svg"
                  for i, m in enumerate(p.moves_per_bay) if m > 0]
        bays = sorted(n for n in names if n.startswith(f"401E_{p.locode}_bay"))
        assert worked and bays == worked
    side = parse((tmp_path / "svg" / "401E_CNTAO_side.svg").read_text(encoding="utf-8"))
    filled = [r for r in side.iter("{http://www.w3.org/2000/svg}rect")
              if r.get("class") == "tier" and r.get("data-pod")]
    assert filled and {r.get("data-pod") for r in filled} <= {"USSAV", "USCHS"}
    assert {r.get("fill") for r in filled} <= {PALETTE[1], PALETTE[2]}  # CNTAO is PALETTE[0]
