"""The loading computer on the small box ship, against hand calculations."""

from __future__ import annotations

import pytest
from vessel_small_ship import at, box, small_ship

from tradelane.errors import InputError
from tradelane.stowage.condition import loading_condition


def test_empty_ship_matches_box_hull_by_hand():
    c = loading_condition(small_ship(), [])
    # Δ = 1000 t → T = 1000 / 492 = 2.0325 m; KM = T/2 + 64/(12 T) = 1.0163 + 2.6240
    assert c.displacement_t == pytest.approx(1000.0)
    assert c.draft_m == pytest.approx(2.0325, abs=1e-4)
    # (the table has a row every 0.05 m; KM is interpolated linearly between rows)
    assert c.km_m == pytest.approx(3.6403, abs=1e-3)
    assert c.kg_m == pytest.approx(2.0)
    assert c.gm_m == pytest.approx(1.6403, abs=1e-3)
    # LCG −0.75 m aft of LCB 0: trim = 1000 · 0.75 / (100 · 24.6) = 0.3049 m by the stern
    assert c.lcg_m == pytest.approx(-0.75)
    assert c.trim_m == pytest.approx(0.3049, abs=1e-4)
    assert c.draft_aft_m == pytest.approx(2.0325 + 0.3049 / 2, abs=1e-4)
    assert c.draft_fore_m == pytest.approx(2.0325 - 0.3049 / 2, abs=1e-4)
    assert c.heel_deg == pytest.approx(0.0)


def test_one_deck_container_by_hand():
    c = loading_condition(small_ship(), [at(box("A"), "0020082")])
    # 20 t at x = +12, z = 9 + 2.591/2 = 10.2955: Δ 1020, KG = (2000 + 205.91)/1020
    assert c.displacement_t == pytest.approx(1020.0)
    assert c.kg_m == pytest.approx(2.16266, abs=1e-4)
    assert c.lcg_m == pytest.approx((-750.0 + 240.0) / 1020.0)
    # T = 1020/492 = 2.07317; KM = 1.03659 + 64/24.878 = 3.60914
    assert c.km_m == pytest.approx(3.60914, abs=1e-3)
    assert c.gm_m == pytest.approx(3.60914 - 2.16266, abs=1e-3)
    assert c.trim_m == pytest.approx(1020 * 0.5 / 2460, abs=1e-4)


def test_vcg_stacks_on_the_containers_below():
    ship = small_ship()
    hc, std = box("HC", "45G1", 10.0), box("STD", "42G1", 10.0)
    c1 = loading_condition(ship, [at(hc, "0020002"), at(std, "0020004")])
    c2 = loading_condition(ship, [at(std, "0020002"), at(hc, "0020004")])
    # same masses, heights swapped: moment of the pair 10·(1+1.448) + 10·(1+2.896+1.2955)
    # versus 10·(1+1.2955) + 10·(1+2.591+1.448); the first is higher by 10 · 0.305 / 2 · 2
    diff = (c1.kg_m - c2.kg_m) * c1.displacement_t
    assert diff == pytest.approx(10 * (2.896 - 2.591), abs=1e-6)


def test_heel_from_an_off_centre_load():
    c = loading_condition(small_ship(), [at(box(f"S{k}", t=30.0), f"0020{t:02d}")
                                         for k, t in enumerate((102, 104, 106))])
    # 90 t at y = +2.5: TCG = 225 / 1090; heel = atan(TCG / GM)
    assert c.tcg_m == pytest.approx(225 / 1090)
    assert c.heel_deg is not None and c.heel_deg > 1.0


def test_shear_and_bending_close_at_the_ends_and_follow_the_load():
    ship = small_ship()
    light = loading_condition(ship, [])
    codes = [f"002{r}{t}" for r in ("00", "01", "02") for t in ("02", "04")]
    heavy = loading_condition(ship, [at(box(f"B{k}", t=30.0), c) for k, c in enumerate(codes)])
    assert all(abs(s.shear_t) < 20 for s in light.stations)
    # 180 t at x = +12: Δ 1180, LCG = (−750 + 2160) / 1180 = 1.1949. Buoyancy 295 t a section,
    # tilted by k = LCG Δ / Σ b x² = 1.1949 · 1180 / (295 · 1125) = 0.0042486 per m:
    # section at +22.5 carries 323.2 t, at +7.5 304.4 t.
    # Shear at x = 15: 240 − 323.2 = −83.2 t; at x = 0: 240 + 240 + 180 − 323.2 − 304.4 = 32.4 t
    at15, at0 = heavy.stations[0], heavy.stations[1]
    assert at15.shear_t == pytest.approx(-83.2, abs=0.1)
    assert at0.shear_t == pytest.approx(32.4, abs=0.1)
    # bending at x = 0: 240·22.5 + 240·7.5 + 180·12 − 323.2·22.5 − 304.4·7.5 = −195 t·m
    assert at0.bending_tm == pytest.approx(-195.0, abs=1.0)
    assert at0.shear_pct == pytest.approx(32.4 / 300 * 100, abs=0.1)


def test_ballast_must_fit_the_tank():
    with pytest.raises(InputError, match="tank"):
        loading_condition(small_ship(), [], ballast={"NOPE": 1.0})
