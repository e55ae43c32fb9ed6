"""The race's shared state: the cheapest plan wins, bounds only rise, a proof ends it."""

from __future__ import annotations

from tradelane.berth.race import Race
from tradelane.domain.berth import BerthAssignment, BerthPlan


def _plan(tiny, end_s0: int) -> BerthPlan:
    # s1 on A 0-10, s2 on B 5-11, s0 on A from 10 (cost 20) or later.
    return BerthPlan((BerthAssignment(ship=0, berth=0, start_h=end_s0 - 10, end_h=end_s0),
                      BerthAssignment(ship=1, berth=0, start_h=0, end_h=10),
                      BerthAssignment(ship=2, berth=1, start_h=5, end_h=11)))


def test_cheaper_plans_replace_dearer_ones_and_a_met_bound_ends_the_race(tiny):
    dear, cheap = _plan(tiny, 25), _plan(tiny, 20)
    race = Race(tiny, dear, lb=30.0)
    assert race.best == (dear, dear.weighted_service_h(tiny), 30.0) and not race.done
    race.offer(cheap)
    race.offer(dear)  # dearer than the best: ignored
    assert race.best[0] is cheap and race.best[1] == 42
    race.raise_bound(35.0)
    race.raise_bound(31.0)  # lower than the best bound: ignored
    assert race.best[2] == 35.0 and not race.done
    race.raise_bound(42.0)
    assert race.done


def test_a_plan_meeting_the_bound_ends_the_race(tiny):
    race = Race(tiny, _plan(tiny, 25), lb=42.0)
    assert not race.done
    race.offer(_plan(tiny, 20))
    assert race.done
