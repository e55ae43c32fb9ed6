"""The generated A13 profile against hand calculations and the case's figures."""

from __future__ import annotations

import itertools
from importlib import resources

import numpy as np
import pytest

from tradelane.domain.stowage import ContainerUnit, Placement, SlotPosition
from tradelane.io.vessel_profile import format_profile
from tradelane.stowage.a13 import generate_a13
from tradelane.stowage.condition import loading_condition
from tradelane.stowage.profiles import load_profile, shipped_profiles


@pytest.fixture(scope="module")
def a13():
    return load_profile("A13")


def _row(profile, draft_m):
    return next(h for h in profile.hydrostatics if abs((h.draft_m or 0) - draft_m) < 1e-6)


def test_shipped_file_is_the_generators_output():
    assert "A13" in shipped_profiles()
    shipped = resources.files("tradelane.data").joinpath("vessels/A13.json").read_text(
        encoding="utf-8")
    assert format_profile(generate_a13()) == shipped


def test_main_dimensions_capacity_plugs_and_deadweight(a13):
    assert (a13.loa_m, a13.beam_m, a13.design_draft_m) == (366.0, 48.4, 14.5)
    assert a13.capacity_teu == pytest.approx(13_500, rel=0.03)
    assert a13.reefer_plugs == 1_000
    assert a13.bays == 24
    deadweight = _row(a13, 15.5).displacement_t - a13.lightship_t
    assert deadweight == pytest.approx(140_000, abs=500)
    rows = {s.row for s in a13.stacks if s.on_deck}
    assert len(rows) == 19 and max(len(s.cells) for s in a13.stacks if not s.on_deck) == 11


def test_displacement_and_km_at_design_draft_by_hand(a13):
    # C_B from the profile's own displacement: Δ / (ρ L B T) at 14.5 m
    row = _row(a13, 14.5)
    cb = row.displacement_t / (1.025 * 350 * 48.4 * 14.5)
    assert cb == pytest.approx(0.7076, abs=5e-4)
    # hand calculation with C_B = 0.7076:
    #   C_WP = (1 + 2 · 0.7076) / 3 = 0.8051 (Schneekluth)
    #   KB = 14.5 · (5/6 − 0.7076 / (3 · 0.8051)) = 14.5 · 0.54036 = 7.835 m (Morrish)
    #   C_I = 0.1216 · 0.8051 − 0.0410 = 0.05690; BM = 0.05690 · 48.4² / (0.7076 · 14.5)
    #       = 133.29 / 10.260 = 12.99 m → KM = 20.83 m
    assert row.km_m == pytest.approx(20.83, abs=0.03)
    # a box hull of the same size: KB = T/2 = 7.25 m, BM = B² / (12 T) = 13.46 m, KM = 20.71 m;
    # the ship-shaped hull's KM lies within 2 % of it
    assert row.km_m == pytest.approx(20.71, rel=0.02)


def test_km_falls_with_draft_and_lcb_lies_aft_of_midships(a13):
    kms = [h.km_m for h in a13.hydrostatics]
    assert all(b < a for a, b in itertools.pairwise(kms) if a > 21)
    lcb = a13.hydrostatics[0].lcb_m
    assert lcb is not None and -0.02 * 350 < lcb < 0


def test_lightship_estimate_is_plausible(a13):
    # Watson–Gilfillan steel + machinery + outfit for a 350 m × 48.4 m × 29.9 m ship
    assert 42_000 < a13.lightship_t < 55_000
    c = loading_condition(a13, [])
    assert c.gm_m > 10  # light ship: KM is large at 4-5 m draft
    assert c.draft_m is not None and 3.5 < c.draft_m < 5.5


def test_a_loaded_condition_has_a_plausible_gm(a13):
    """5,750 FEU (11,500 TEU, the case's load after Busan), 6/14/26 t triangular, heaviest
    lowest, double bottoms full: GM 0.5–4 m, the range of laden large container ships."""
    rng = np.random.default_rng(1)
    masses = np.sort(rng.triangular(6, 14, 26, 5750))[::-1]
    cells = [(s, c) for s in a13.stacks for c in s.cells]
    order = sorted(cells, key=lambda sc: (sc[0].on_deck, sc[1].tier, abs(sc[0].tcg_m),
                                          sc[0].tcg_m))
    placements = [Placement(ContainerUnit(f"C{k}", "42G1", float(m), "CNTAO", "USSAV"),
                            SlotPosition(s.iso_bay, s.row, c.tier))
                  for k, (m, (s, c)) in enumerate(zip(masses, order, strict=False))]
    ballast = {t.name: t.capacity_t for t in a13.tanks if t.name.startswith("DB")}
    c = loading_condition(a13, placements, ballast=ballast)
    assert 0.5 < c.gm_m < 4.0
    assert c.draft_m is not None and c.draft_m < 14.5
    assert c.max_bending_pct < 100 and c.max_shear_pct < 100


def test_design_condition_is_within_the_strength_limits(a13):
    from tradelane.stowage.a13 import design_condition

    c = loading_condition(a13, design_condition(a13, 14.5))
    assert c.draft_m == pytest.approx(14.5, abs=0.01)
    assert c.max_bending_pct <= 100 and c.max_shear_pct <= 100


def test_slots_and_dg_geometry(a13):
    fore, forty, aft = (a13.slot(SlotPosition.parse(c)) for c in ("0010082", "0020082",
                                                                  "0030082"))
    assert fore.lcg_m > forty.lcg_m > aft.lcg_m
    assert fore.lcg_m - aft.lcg_m == pytest.approx(2 * 3.067)
    assert a13.accommodation_x_m is not None and a13.heat_x_m
    near = a13.distance_to_living_quarters_m(SlotPosition.parse("0300082"))
    far = a13.distance_to_living_quarters_m(SlotPosition.parse("0020082"))
    assert near < 2 < 50 < far
    assert a13.distance_to_heat_m(SlotPosition.parse("0020082")) == float("inf")  # on deck
    assert a13.hold_of(SlotPosition.parse("0020002")) == a13.hold_of(SlotPosition.parse(
        "0060002")) != a13.hold_of(SlotPosition.parse("0100002"))
