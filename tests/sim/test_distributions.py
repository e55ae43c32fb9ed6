"""Each distribution's mean and spread, tested statistically with a fixed seed (tolerance: 4
standard errors of the estimate), on the transforms and through the simulator."""

from __future__ import annotations

import math

import numpy as np
import pytest

from tradelane.sim import BerthWait, Policy, Scenario, SimCase
from tradelane.sim.areas import SPEED_LOSS_MEAN, area_of, area_shares, mean_speed_loss
from tradelane.sim.draws import exponential, lognormal, median_one, stream
from tradelane.sim.voyage import run_once

N = 100_000
SS = np.random.SeedSequence(20240101)


def _z(n: int = N) -> np.ndarray:
    return stream(SS, 0, 1, "weather").standard_normal(n)


def _check_mean_sd(sample: np.ndarray, mean: float, sd: float) -> None:
    n = sample.size
    assert abs(sample.mean() - mean) < 4 * sd / math.sqrt(n)
    # standard error of the sample sd is about sd * sqrt((kurtosis - 1) / (4 n)); the
    # sample's own fourth moment gives it
    kurt = float(np.mean((sample - sample.mean()) ** 4) / sample.var() ** 2)
    assert abs(sample.std() - sd) < 4 * sd * math.sqrt((kurt - 1) / (4 * n))


@pytest.mark.parametrize(("mean", "cv"), [(0.05, 0.6), (10.0, 1.0), (2.0, 0.15)])
def test_lognormal_has_the_mean_and_spread_asked_for(mean: float, cv: float) -> None:
    sample = np.array([lognormal(mean, cv, z) for z in _z()])
    _check_mean_sd(sample, mean, cv * mean)


def test_handling_factor_has_median_one_and_the_cv_asked_for() -> None:
    sample = np.array([median_one(0.15, z) for z in _z()])
    # the median's standard error is about 1.2533 * sd / sqrt(n)
    assert abs(np.median(sample) - 1.0) < 4 * 1.2533 * 0.15 / math.sqrt(N)
    _check_mean_sd(sample, math.sqrt(1 + 0.15**2), 0.15 * math.sqrt(1 + 0.15**2))


def test_canal_queue_is_exponential() -> None:
    u = stream(SS, 0, 1, "canal").random(N)
    sample = np.array([exponential(2.0, x) for x in u])
    _check_mean_sd(sample, 2.0, 2.0)


def test_ocean_areas_of_known_points() -> None:
    assert area_of(-40.0, 45.0) == "north_atlantic"
    assert area_of(-160.0, 40.0) == "north_pacific"
    assert area_of(18.0, -36.0) == "southern"
    assert area_of(70.0, 5.0) == "indian_ocean"
    assert area_of(122.0, 30.0) == "east_asia"
    assert area_of(33.0, 20.0) == "mediterranean"      # Red Sea
    assert area_of(-80.0, 15.0) == "tropical"          # Caribbean
    shares = dict(area_shares([(-40.0, 45.0), (-30.0, 45.0), (-20.0, 45.0)]))
    assert shares == {"north_atlantic": 1.0}
    assert mean_speed_loss((("north_atlantic", 0.5), ("tropical", 0.5)), 1) == \
        pytest.approx((0.08 + 0.025) / 2)


def _only(**kw: object) -> Scenario:
    """Every distribution off but the ones given."""
    base: dict[str, object] = dict(weather_scale=0.0, handling_cv=0.0, sea_margin=0.0,
                                   sea_buffer_share=0.0, port_buffer_share=0.0,
                                   berth_wait=BerthWait(0.0, 0.0, 0.0),
                                   canal_wait_mean_days={"panama": 0.0, "suez": 0.0})
    return Scenario(**(base | kw))  # type: ignore[arg-type]


def test_berth_waits_through_the_simulator(cape: SimCase) -> None:
    """Each ship appears at its first call on time: its berthing delay is the berth wait."""
    wait = BerthWait(probability=0.3, mean_h=10.0, cv=1.0)
    scenario = _only(berth_wait=wait)
    sample = []
    for run in range(2000):
        log = run_once(cape, scenario, Policy.NONE, 7 * 24 * 12.0, SS, run, False)
        sample += [a.arrival_h - a.scheduled_h for a in log.arrivals if a.position == 0]
    x = np.array(sample)
    mean = wait.probability * wait.mean_h
    second = wait.probability * wait.mean_h**2 * (1 + wait.cv**2)
    _check_mean_sd(x, mean, math.sqrt(second - mean**2))
    assert abs(np.mean(x > 0) - 0.3) < 4 * math.sqrt(0.3 * 0.7 / x.size)


def test_weather_speed_loss_through_the_simulator(cape: SimCase) -> None:
    """With weather only, the first leg's sailing time gives the loss drawn: its mean and
    spread are the leg's seasonal mean (January-February) and the documented CV."""
    scenario = _only(weather_scale=1.0)
    leg = cape.legs[0]
    losses = []
    for run in range(3000):
        log = run_once(cape, scenario, Policy.NONE, 7 * 24 * 7.0, SS, run, False)
        by_ship = {(a.ship, a.position): a for a in log.arrivals}
        for ship in range(1, 8):          # first legs sailed 1 Jan - 12 Feb 2024
            dep, arr = by_ship[(ship, 0)].departure_h, by_ship[(ship, 1)].arrival_h
            losses.append(1 - leg.leg.distance_nm / (cape.speed_kn * (arr - dep)))
    x = np.array(losses)
    mean = mean_speed_loss(leg.areas, 1, SPEED_LOSS_MEAN)
    assert dict(leg.areas).get("east_asia", 0) > 0.9
    _check_mean_sd(x, mean, scenario.weather_cv * mean)


def test_the_sea_margin_holds_the_speed_in_the_share_of_legs_it_covers(cape: SimCase) -> None:
    """With weather only and a 15 % sea margin, a leg keeps its planned speed over ground
    when the drawn loss is at most 1 - 1.15^(-1/3): that share of the first legs arrives on
    time exactly, the share the lognormal's CDF gives; the others arrive late."""
    scenario = _only(weather_scale=1.0, sea_margin=0.15)
    leg = cape.legs[0]
    held = []
    for run in range(1500):
        log = run_once(cape, scenario, Policy.NONE, 7 * 24 * 7.0, SS, run, False)
        held += [a.arrival_h - a.scheduled_h < 1e-9 for a in log.arrivals
                 if a.position == 1 and a.ship <= 7]
    mean = mean_speed_loss(leg.areas, 1, SPEED_LOSS_MEAN)
    s2 = math.log1p(scenario.weather_cv ** 2)
    threshold = 1 - 1.15 ** (-1 / 3)
    p = 0.5 * (1 + math.erf((math.log(threshold) - math.log(mean) + s2 / 2)
                            / math.sqrt(2 * s2)))
    assert 0.3 < p < 0.8
    assert abs(np.mean(held) - p) < 4 * math.sqrt(p * (1 - p) / len(held))
