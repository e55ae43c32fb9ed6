"""The Larsen–Pacino vessel files read into profiles (from ../shared; skipped if absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.errors import InputError
from tradelane.io.larsen_pacino_vessel import larsen_pacino_map, parse_larsen_pacino_vessel
from tradelane.io.vessel_profile import read_larsen_pacino_vessel
from tradelane.stowage.ballast import plan_ballast
from tradelane.stowage.check import StabilityCriteria, check_report
from tradelane.stowage.condition import loading_condition
from tradelane.stowage.profiles import load_profile

DATA = (Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "stowage"
        / "stowage_planning_larsen_pacino" / "vessel_data")
if not DATA.is_dir():
    DATA = Path("/work/shared/benchmarks/stowage/stowage_planning_larsen_pacino/vessel_data")
needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="Larsen–Pacino files not present")


@needs_data
@pytest.mark.parametrize(("size", "bays", "cells", "plugs"), [
    ("S", 21, 3516, 770), ("M", 24, 5132, 951), ("L", 24, 7686, 1144)])
def test_counts_match_the_benchmark_readme(size, bays, cells, plugs):
    p = read_larsen_pacino_vessel(DATA / f"vessel_{size}.txt")
    assert p.bays == bays
    assert p.capacity_teu == 2 * cells
    assert p.reefer_plugs == plugs
    assert not p.has_draft_table and p.max_tcg_m == pytest.approx(0.1)


@needs_data
def test_buoyancy_points_add_up_to_each_displacement():
    p = read_larsen_pacino_vessel(DATA / "vessel_S.txt")
    for k, h in enumerate(p.hydrostatics):
        assert sum(s.buoyancy_t[k] for s in p.sections) == pytest.approx(h.displacement_t,
                                                                         rel=1e-4)


@needs_data
def test_rows_and_tiers_follow_iso():
    text = (DATA / "vessel_S.txt").read_text(encoding="utf-8")
    index = larsen_pacino_map(text)
    # stacks 8 and 7 have TCG +1.215 and −1.215: the innermost starboard and port rows
    assert index.rows[8] == 1 and index.rows[7] == 2
    assert index.rows[15] == 15 and index.rows[0] == 16
    assert index.hold_tiers[0] == 2 and index.deck_tiers[10] == 82
    p = parse_larsen_pacino_vessel(text)
    assert all((s.tcg_m > 0) == (s.row % 2 == 1) for s in p.stacks)
    # bay 1's stack 6 on deck: lcg 129.8, hatch 3, base 26.1 m, tiers 10-14 → 82-90
    s = p.stack_at(1, index.rows[6], True)
    assert s is not None and s.lcg_m == pytest.approx(129.8) and s.hatch == 3
    assert [c.tier for c in s.cells] == [82, 84, 86, 88, 90] and s.bottom_m == 26.1


@needs_data
def test_check_runs_without_a_draft_table():
    p = load_profile(DATA / "vessel_M.txt")
    report = check_report(p, [], next_port_depth_m=12.8)
    assert report.condition is not None and report.condition.draft_m is None
    assert any("no draft table" in n for n in report.notes)
    assert "draft" not in {b.rule for b in report.broken_rules}
    # the empty ship's LCG lies far aft of the range the file allows
    assert "lcg" in {b.rule for b in report.broken_rules}


@needs_data
def test_station_limits_take_the_files_sign():
    # bay 0 of vessel S: minShear −4090, maxShear 3510, maxBending 30000 (docs/stowage-vessel.md:
    # the file's shear is buoyancy − weight forward of the station, its bending bound limits
    # sagging only)
    p = read_larsen_pacino_vessel(DATA / "vessel_S.txt")
    st = p.stations[0]
    assert (st.min_shear_t, st.max_shear_t, st.max_bending_tm) == (-3510.0, 4090.0, 30000.0)
    assert not st.hogging_limited
    assert st.x_m == pytest.approx((148.0 + 129.8) / 2)


@needs_data
@pytest.mark.parametrize("size", ["S", "M", "L"])
def test_empty_ship_is_within_its_limits_once_ballasted(size):
    # under the former reading (bending limited both ways, shear in our sign) no ballast
    # brought any of the three empty ships within its limits
    p = read_larsen_pacino_vessel(DATA / f"vessel_{size}.txt")
    plan = plan_ballast(p, [], StabilityCriteria(), None)
    c = loading_condition(p, [], ballast=plan.tanks_t)
    assert c.max_shear_pct <= 100 and c.max_bending_pct <= 100
    assert c.min_lcg_m is not None and c.max_lcg_m is not None
    assert c.min_lcg_m - 1e-6 <= c.lcg_m <= c.max_lcg_m + 1e-6


def test_bad_file_names_the_line():
    with pytest.raises(InputError, match="# Ship"):
        parse_larsen_pacino_vessel("hello\n")
    with pytest.raises(InputError, match="line 4"):
        parse_larsen_pacino_vessel("# Ship: bays stacks tiers tcgTollerance\n1 1 1 0.1\n"
                                   "## HydroPoints: displacement minLcg maxLcg metacenter\n"
                                   "1000 x 1 2\n")
