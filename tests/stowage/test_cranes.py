"""Crane split: zones, clearance and makespan against hand figures and brute force."""

from __future__ import annotations

import itertools
import random

import pytest

from tradelane.errors import InputError
from tradelane.stowage.cranes import crane_split


def test_two_cranes_split_four_equal_bays_in_half() -> None:
    split = crane_split([36, 36, 36, 36], cranes=2, moves_per_crane_h=36)
    assert [(c.first_bay, c.last_bay) for c in split.cranes] == [(0, 1), (2, 3)]
    # crane 1 ends at bay 1 while crane 2 left bay 2 after an hour: no wait, 2 h each
    assert split.makespan_h == pytest.approx(2.0, abs=1 / 60)
    assert split.lower_bound_h == pytest.approx(2.0)


def test_clearance_makes_the_bow_crane_wait() -> None:
    # crane 1's zone is bay 0 + bay 1 (1 h each); crane 2's first bay 2 takes 3 h: crane 1
    # reaches bay 1 after 1 h but must wait until crane 2 leaves bay 2 (clearance 1 bay)
    split = crane_split([36, 36, 108, 36], cranes=2, moves_per_crane_h=36)
    zones = [(c.first_bay, c.last_bay) for c in split.cranes]
    assert zones == [(0, 1), (2, 3)]
    assert split.cranes[0].finish_h == pytest.approx(4.0, abs=2 / 60)
    assert split.makespan_h == pytest.approx(4.0, abs=2 / 60)
    assert split.lower_bound_h == pytest.approx(4.0)


def test_few_bays_limit_the_cranes() -> None:
    split = crane_split([0, 50, 0, 0, 0], cranes=6, moves_per_crane_h=25)
    assert len(split.cranes) == 1 and split.makespan_h == pytest.approx(2.0, abs=1 / 60)
    assert crane_split([0, 0], cranes=2, moves_per_crane_h=30).makespan_h == 0.0


def _best_partition(work: list[int], k: int) -> int:
    best = sum(work)
    for cuts in itertools.combinations(range(1, len(work)), k - 1):
        points = [0, *cuts, len(work)]
        best = min(best, max(sum(work[a:b]) for a, b in itertools.pairwise(points)))
    return best


@pytest.mark.parametrize("seed", range(15))
def test_zones_are_an_optimal_partition_and_the_schedule_respects_it(seed: int) -> None:
    rng = random.Random(seed)
    work = [rng.randint(1, 80) for _ in range(rng.randint(4, 9))]
    cranes = rng.randint(1, 3)
    split = crane_split(work, cranes=cranes, moves_per_crane_h=30)
    usable = min(cranes, (len(work) + 1) // 2)
    longest = max(c.moves for c in split.cranes)
    assert longest == _best_partition(work, usable)
    assert sum(c.moves for c in split.cranes) == sum(work) == split.moves
    assert split.makespan_h >= split.lower_bound_h - 1 / 60
    assert split.makespan_h >= longest / 30 - 1 / 60
    zones = [(c.first_bay, c.last_bay) for c in split.cranes]
    assert all(b < c for (_, b), (c, _) in itertools.pairwise(zones))  # never cross


def test_bad_input_names_the_field() -> None:
    with pytest.raises(InputError, match="cranes"):
        crane_split([1], cranes=0, moves_per_crane_h=30)
    with pytest.raises(InputError, match="moves_per_bay"):
        crane_split([-1], cranes=1, moves_per_crane_h=30)
