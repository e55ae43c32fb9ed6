"""Phase-in of ships, voyage numbers and call times of the first weeks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tradelane.domain import VesselClass
from tradelane.schedule.calendar import direction_of_calls, port_calls, vessel_names
from tradelane.schedule.proforma import VoyageLeg, plan_round_voyage

VESSEL = VesselClass(
    name="T", capacity_teu=1000, loa_m=200, beam_m=30, design_draft_m=10, min_speed_kn=10,
    design_speed_kn=15, max_speed_kn=20, fuel_at_design_t_per_day=30, idle_fuel_t_per_day=2,
    charter_usd_per_day=10_000)
# Asia (A, B) → America (C, D) → back: the two ocean legs are B→C and D→A.
LEGS = [VoyageLeg("CNAAA", "CNBBB", 300, ()), VoyageLeg("CNBBB", "USCCC", 5000, ()),
        VoyageLeg("USCCC", "USDDD", 200, ()), VoyageLeg("USDDD", "CNAAA", 5100, ())]
START = datetime(2024, 1, 1, tzinfo=UTC)


def test_directions_split_at_the_two_longest_legs() -> None:
    assert direction_of_calls(LEGS) == ["E", "E", "W", "W"]


def test_ships_phase_in_one_per_week_and_voyages_are_unique() -> None:
    p = plan_round_voyage(LEGS, [24.0] * 4, 7, VESSEL, ships=6)
    calls = port_calls(p, LEGS, START, 12, vessel_names("TST", 6))
    first_calls = sorted((c.eta, c.ship) for c in calls if c.locode == "CNAAA")[:6]
    assert [eta for eta, _ in first_calls] == [START + timedelta(weeks=k) for k in range(6)]
    assert calls[0].voyage == "401E"  # ISO week 1 of 2024, eastbound
    per_voyage = {}
    for c in calls:
        per_voyage.setdefault((c.voyage, c.ship), set()).add(c.locode)
    voyages = [v for v, _ in per_voyage]
    assert len(voyages) == len(set(voyages)), "a voyage number belongs to one ship"
    assert all(c.eta < START + timedelta(weeks=12) for c in calls)
    assert all(c.etd - c.eta == timedelta(hours=24) for c in calls)


def test_each_ship_repeats_its_loop_after_ships_times_frequency() -> None:
    p = plan_round_voyage(LEGS, [24.0] * 4, 7, VESSEL, ships=6)
    calls = port_calls(p, LEGS, START, 20, vessel_names("TST", 6))
    ship1 = [c.eta for c in calls if c.ship == 1 and c.locode == "CNAAA"]
    assert ship1[1] - ship1[0] == timedelta(days=42)
