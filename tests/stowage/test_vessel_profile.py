"""Profile records, ISO mapping and the profile file format."""

from __future__ import annotations

import json

import pytest
from vessel_small_ship import small_ship

from tradelane.domain.stowage import SlotPosition
from tradelane.domain.vessel_profile import Cell, Stack
from tradelane.errors import InputError
from tradelane.io.vessel_profile import format_profile, parse_profile, read_profile
from tradelane.stowage.profiles import load_profile


def test_slot_maps_iso_positions_to_stacks_and_columns():
    ship = small_ship()
    fore = ship.slot(SlotPosition.parse("0010002"))
    forty = ship.slot(SlotPosition.parse("0020002"))
    aft = ship.slot(SlotPosition.parse("0030002"))
    assert (fore.column, forty.column, aft.column) == ("fore", "40", "aft")
    assert forty.lcg_m == 12.0 and fore.lcg_m == pytest.approx(15.067)
    assert aft.lcg_m == pytest.approx(8.933)
    assert ship.slot(SlotPosition.parse("0060284")).tcg_m == -2.5
    with pytest.raises(InputError, match="not a slot"):
        ship.slot(SlotPosition.parse("0040002"))


def test_positions_and_totals():
    ship = small_ship()
    assert len(ship.positions_40) == 30 and len(ship.positions_20) == 60
    assert ship.capacity_teu == 60 and ship.reefer_plugs == 2
    assert SlotPosition.parse("0070206") in ship.positions_20


def test_stack_validation_names_the_stack():
    with pytest.raises(InputError, match="tiers must rise"):
        Stack(0, 1, False, 0.0, 1.0, 1.0, 8.0, 50.0, 60.0, (Cell(4), Cell(2)))
    with pytest.raises(InputError, match="deck tiers"):
        Stack(0, 1, True, 0.0, 1.0, 9.0, 8.0, 50.0, 60.0, (Cell(4),))
    with pytest.raises(InputError, match="max_weight40_t"):
        Stack(0, 1, False, 0.0, 1.0, 1.0, 8.0, 50.0, -1.0, (Cell(2),))
    with pytest.raises(InputError, match="reefer_plugs"):
        Cell(2, 3)


def test_round_trip_through_our_json(tmp_path):
    ship = small_ship()
    text = format_profile(ship)
    again = parse_profile(text)
    assert again.stacks == ship.stacks and again.stations == ship.stations
    # the file keeps 4 decimals of the hydrostatic table
    assert [h.km_m for h in again.hydrostatics] == pytest.approx(
        [h.km_m for h in ship.hydrostatics], abs=1e-4)
    assert again.accommodation_x_m == ship.accommodation_x_m
    path = tmp_path / "small.json"
    path.write_text(text, encoding="utf-8")
    assert load_profile(path).capacity_teu == 60
    assert read_profile(path).name == "SMALL"


def test_bad_profile_files_name_the_field():
    data = json.loads(format_profile(small_ship()))
    del data["stacks"][3]["tiers"]
    with pytest.raises(InputError, match=r"stacks\[3\]\.tiers"):
        parse_profile(json.dumps(data))
    data = json.loads(format_profile(small_ship()))
    data["hydrostatics"]["km_m"] = data["hydrostatics"]["km_m"][:-1]
    with pytest.raises(InputError, match="same length"):
        parse_profile(json.dumps(data))
    with pytest.raises(InputError, match="JSON"):
        parse_profile("{nope")
    with pytest.raises(InputError, match="neither a shipped profile"):
        load_profile("B99")


def test_toml_profiles_are_read(tmp_path):
    path = tmp_path / "tiny.toml"
    path.write_text("""
name = "TINY"
loa_m = 20.0
lbp_m = 18.0
beam_m = 6.0
[hydrostatics]
displacement_t = [100.0, 200.0]
km_m = [5.0, 4.0]
[[sections]]
x_aft_m = -9.0
x_fore_m = 9.0
lightship_t = 80.0
lightship_vcg_m = 2.0
buoyancy_t = [100.0, 200.0]
[[stacks]]
bay = 0
row = 0
deck = true
lcg_m = 0.0
tcg_m = 0.0
bottom_m = 4.0
max_height_m = 6.0
max_weight20_t = 30.0
max_weight40_t = 40.0
tiers = [82, 84]
""", encoding="utf-8")
    p = read_profile(path)
    assert p.capacity_teu == 4 and not p.has_draft_table and p.design_draft_m is None
