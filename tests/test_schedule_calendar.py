"""The lane calendar: phase-in, voyage numbers (import/export per call), sailings, windows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tradelane.domain import VesselClass
from tradelane.errors import InputError
from tradelane.schedule.calendar import LaneCalendar, direction_of_calls, vessel_names
from tradelane.schedule.proforma import VoyageLeg, plan_round_voyage

VESSEL = VesselClass(
    name="T", capacity_teu=1000, loa_m=200, beam_m=30, design_draft_m=10, min_speed_kn=10,
    design_speed_kn=15, max_speed_kn=20, fuel_at_design_t_per_day=30, idle_fuel_t_per_day=2,
    charter_usd_per_day=10_000)
# Asia (A, B) → America (C, D) → back: the two ocean legs are B→C and D→A.
LEGS = [VoyageLeg("CNAAA", "CNBBB", 300, ()), VoyageLeg("CNBBB", "USCCC", 5000, ()),
        VoyageLeg("USCCC", "USDDD", 200, ()), VoyageLeg("USDDD", "CNAAA", 5100, ())]
START = datetime(2024, 1, 1, tzinfo=UTC)


def calendar(ships: int = 6) -> LaneCalendar:
    p = plan_round_voyage(LEGS, [24.0] * 4, 7, VESSEL, ships=ships)
    return LaneCalendar(p, LEGS, START, vessel_names("TST", ships))


def test_directions_split_at_the_two_longest_legs() -> None:
    assert direction_of_calls(LEGS) == ["E", "E", "W", "W"]


def test_ships_phase_in_one_per_week_and_voyages_are_unique() -> None:
    calls = calendar().calls_for_weeks(12)
    first_calls = sorted((c.eta, c.ship) for c in calls if c.locode == "CNAAA")[:6]
    assert first_calls == [(START + timedelta(weeks=k), k + 1) for k in range(6)]
    assert calls[0].export_voyage == "401E"  # ISO week 1 of 2024, eastbound
    owners: dict[str, set[int]] = {}
    for c in calls:
        owners.setdefault(c.export_voyage, set()).add(c.ship)
    assert all(len(ships) == 1 for ships in owners.values()), "a voyage belongs to one ship"
    assert all(c.eta < START + timedelta(weeks=12) for c in calls)
    assert all(c.etd - c.eta == timedelta(hours=24) for c in calls)


def test_each_ship_repeats_its_loop_after_ships_times_frequency() -> None:
    calls = calendar().calls_for_weeks(20)
    ship1 = [c for c in calls if c.ship == 1 and c.locode == "CNAAA"]
    assert ship1[1].eta - ship1[0].eta == timedelta(days=42)
    assert (ship1[0].sequence, ship1[1].sequence) == (1, 5)


def test_import_and_export_voyages_per_call() -> None:
    cal = calendar()
    # ship 1, first loop: A, B load 401E; C, D discharge 401E and load the W voyage
    a, b, c, d, a2 = (cal.call(1, n) for n in range(1, 6))
    assert (a.import_voyage, a.export_voyage) == ("401E", "401E")  # no earlier voyage
    assert (b.import_voyage, b.export_voyage) == ("401E", "401E")
    w = c.export_voyage
    assert w.endswith("W") and (c.import_voyage, d.import_voyage, d.export_voyage) == (
        "401E", "401E", w)
    # the W voyage ends where the next E voyage loads: A's import is W, export the new E
    assert a2.import_voyage == w and a2.export_voyage == "407E"


def test_a_sailing_runs_from_its_load_ports_to_its_last_discharge_port() -> None:
    cal = calendar()
    sailing = cal.sailing(1, 1)
    assert [c.locode for c in sailing.calls] == ["CNAAA", "CNBBB", "USCCC", "USDDD"]
    assert [c.locode for c in sailing.load_calls] == ["CNAAA", "CNBBB"]
    west = cal.sailing(1, 3)
    assert [c.locode for c in west.calls] == ["USCCC", "USDDD", "CNAAA", "CNBBB"]
    assert [c.sequence for c in west.calls] == [3, 4, 5, 6]
    assert all(west.voyage in (c.import_voyage, c.export_voyage) for c in west.calls)


def test_sailings_departing_a_window_and_the_next_window_continue() -> None:
    cal = calendar()
    week1 = cal.sailings_departing(START, START + timedelta(weeks=1))
    assert [(s.voyage, s.ship) for s in week1] == [("401E", 1)]
    later = START + timedelta(weeks=30)
    both = cal.sailings_departing(later, later + timedelta(weeks=2))
    split = (cal.sailings_departing(later, later + timedelta(weeks=1))
             + cal.sailings_departing(later + timedelta(weeks=1), later + timedelta(weeks=2)))
    assert both == sorted(split, key=lambda s: (s.departure, s.ship))
    assert {s.direction for s in both} == {"E", "W"}
    assert len({s.voyage for s in both}) == len(both) == 4


def test_where_a_ship_is() -> None:
    cal = calendar()
    last, nxt = cal.where(2, START + timedelta(days=3))
    assert last is None and nxt is not None and nxt.eta == START + timedelta(weeks=1)
    last, nxt = cal.where(1, START + timedelta(hours=5))
    assert last is not None and last.locode == "CNAAA" and nxt is not None
    assert nxt.locode == "CNBBB"


def test_rotation_that_starts_mid_direction_wraps_its_first_group() -> None:
    # start at B: directions E (B), W (C, D), E (A) — A and the next B form one group
    legs = LEGS[1:] + LEGS[:1]
    p = plan_round_voyage(legs, [24.0] * 4, 7, VESSEL, ships=6)
    cal = LaneCalendar(p, legs, START, vessel_names("TST", 6))
    calls = [cal.call(1, n) for n in range(1, 7)]
    assert [c.direction for c in calls] == ["E", "W", "W", "E", "E", "W"]
    assert calls[3].export_voyage == calls[4].export_voyage  # A then B: one voyage
    assert calls[4].import_voyage == calls[1].export_voyage


def test_far_future_is_refused_with_the_field_named() -> None:
    far = datetime(9999, 12, 27, tzinfo=UTC)
    with pytest.raises(InputError, match=r"^start = "):
        calendar().calls_between(far, far + timedelta(days=1))
