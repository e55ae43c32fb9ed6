"""Each rule of the loading computer on the small ship, where the right answer is obvious."""

from __future__ import annotations

import pytest
from vessel_small_ship import at, box, small_ship

from tradelane.errors import InputError
from tradelane.stowage.check import StabilityCriteria, check_condition, check_report


def rules(placements, **kw):
    return sorted({b.rule for b in check_condition(kw.pop("ship", small_ship()), placements,
                                                   **kw)})


def where(placements, rule, **kw):
    return [b.position for b in check_condition(small_ship(), placements, **kw) if b.rule == rule]


BALANCED = [at(box("A"), "0020002"), at(box("B"), "0060002"),
            at(box("C", "22G1", 10.0), "0010102"), at(box("D", "22G1", 10.0), "0030102"),
            at(box("E", "22G1", 10.0), "0050202"), at(box("F", "22G1", 10.0), "0070202"),
            at(box("G", t=12.0), "0020004"), at(box("H", t=12.0), "0060004")]
"""Symmetric about midships and the centre line: Δ 1104 t, LCG −0.68 m, TCG 0."""


def test_a_sound_plan_breaks_no_rule():
    assert check_condition(small_ship(), BALANCED, next_port_depth_m=5.0) == []


def test_twenty_on_forty():
    plan = [at(box("F40"), "0020102"), at(box("T20", "22G1", 10.0), "0010104")]
    assert where(plan, "20-on-40") == ["0010104"]


def test_forty_on_two_twenties_is_fine_but_on_one_it_floats():
    two = [at(box("A", "22G1", 10.0), "0010102"), at(box("B", "22G1", 10.0), "0030102"),
           at(box("C", t=10.0), "0020104")]
    assert where(two, "support") == []
    one = two[:1] + two[2:]
    assert where(one, "support") == ["0020104"]


def test_floating_container():
    assert where([at(box("UP"), "0020004")], "support") == ["0020004"]


def test_reefer_only_on_plugs():
    plugged = [at(box("R1", "45R1", reefer=True), "0020082")]
    unplugged = [at(box("R2", "45R1", reefer=True), "0020002")]
    assert where(plugged, "reefer-plug") == []
    assert where(unplugged, "reefer-plug") == ["0020002"]
    # a reefer box shipped as dry cargo (no setpoint) needs no plug
    assert where([at(box("R3", "45R1"), "0020002")], "reefer-plug") == []


def test_two_twenty_reefers_share_a_two_plug_cell():
    ok = [at(box("R1", "22R1", 10.0, reefer=True), "0010082"),
          at(box("R2", "22R1", 10.0, reefer=True), "0030082")]
    assert where(ok, "reefer-plug") == []


def test_overweight_stack_of_forties():
    plan = [at(box(f"W{k}", t=30.0), f"00201{t}") for k, t in enumerate(("02", "04", "06"))]
    broken = where(plan, "stack-weight")
    assert broken == ["0020106"]  # 90 t of 40s over the stack's 80 t


def test_overweight_twenty_column():
    plan = [at(box(f"W{k}", "22G1", 25.0), f"00101{t}") for k, t in enumerate(("02", "04", "06"))]
    assert where(plan, "stack-weight") == ["0010106"]  # 75 t over the column's 60 t


def test_high_cubes_overflow_the_stack_height():
    two_hc = [at(box("H1", "45G1", 10.0), "0020002"), at(box("H2", "45G1", 10.0), "0020004"),
              at(box("S1", "42G1", 10.0), "0020006")]
    one_hc = [at(box("H1", "45G1", 10.0), "0020002"), at(box("S1", "42G1", 10.0), "0020004"),
              at(box("S2", "42G1", 10.0), "0020006")]
    assert where(two_hc, "stack-height") == ["0020006"]  # 8.38 m over 8.2 m
    assert where(one_hc, "stack-height") == []  # 8.08 m


def test_two_containers_in_one_slot_and_a_forty_over_twenties():
    assert where([at(box("A"), "0020002"), at(box("B"), "0020002")],
                 "one-per-slot") == ["0020002"]
    mixed = [at(box("A"), "0020002"), at(box("T", "22G1", 10.0), "0010002")]
    assert where(mixed, "one-per-slot") == ["0020002"]


def test_lengths_and_unknown_slots():
    assert where([at(box("T", "22G1", 10.0), "0020002")], "length") == ["0020002"]
    assert where([at(box("F"), "0010002")], "length") == ["0010002"]
    assert where([at(box("X"), "0020502")], "no-such-slot") == ["0020502"]
    assert where([at(box("Y"), "0040002")], "no-such-slot") == ["0040002"]


def test_top_heavy_load_breaks_gm_and_the_same_load_low_does_not():
    high = [at(box(f"D{k}", t=30.0), f"{b}{r}{t}") for k, (b, r, t) in enumerate(
        (b, r, t) for b in ("002", "006") for r in ("00", "01", "02") for t in ("82",))]
    low = [at(p.container, p.position.code[:5] + "02") for p in high]
    # deck: KG = (2000 + 180 · 10.30) / 1180 = 3.27, KM(2.40 m) = 3.42 → GM ≈ 0.15 m
    assert "gm" in rules(high)
    # hold: KG = (2000 + 180 · 2.30) / 1180 = 2.05 → GM ≈ 1.37 m
    assert "gm" not in rules(low)


def test_list_breaks_heel():
    plan = [at(box(f"S{k}", t=30.0), f"0020{t}") for k, t in enumerate(("102", "104", "106"))]
    assert "heel" in rules(plan)  # 90 t 2.5 m to starboard: about 15 degrees


def test_load_at_the_bow_trims_by_the_head():
    plan = [at(box(f"B{k}", t=30.0), f"002{r}02") for k, r in enumerate(("00", "01", "02"))]
    assert "trim" in rules(plan)
    lenient = StabilityCriteria(min_trim_m=-2.0)
    assert "trim" not in rules(plan, criteria=lenient)


def test_draft_over_the_next_ports_depth():
    # Δ 1104 t → mean 2.244 m; trim 1104 · 0.679 / 2460 = 0.305 m → aft 2.396 m
    broken = check_condition(small_ship(), BALANCED, port="CNTAO", next_port_depth_m=2.3)
    assert [b.rule for b in broken] == ["draft"]
    assert "CNTAO" in broken[0].message and "cm" in broken[0].message
    assert check_condition(small_ship(), BALANCED, next_port_depth_m=2.5) == []


def test_shear_and_bending_over_limits():
    weak = small_ship(shear_t=20.0, bending_tm=100.0)
    found = rules([*BALANCED, at(box("BOW", t=30.0), "0020102")], ship=weak)
    assert "shear" in found and "bending" in found


def test_heavier_than_the_table():
    # the table ends at 2.0 m (984 t); the ship with BALANCED aboard displaces 1104 t
    report = check_report(small_ship(max_draft_m=2.0), BALANCED)
    assert "hydrostatics" in {b.rule for b in report.broken_rules}
    assert report.condition is not None and not report.condition.in_table


def test_criteria_are_validated():
    with pytest.raises(InputError, match="min_trim_m"):
        StabilityCriteria(min_trim_m=3.0, max_trim_m=2.0)
