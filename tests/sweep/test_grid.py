"""The grid file, its cells, the case paths it changes, and the seeds of the cells."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pytest

from tradelane.app.sweep import cell_seed, plan_sweep, run_cell
from tradelane.errors import InputError
from tradelane.sweep import apply_case_paths, parse_grid

from .conftest import CASE_FILE, RED_SEA, request


def test_cells_are_the_cartesian_product_last_axis_fastest() -> None:
    grid = parse_grid('[axes]\n"fleet.ships" = [11, 12]\npolicy = ["none", "skip", "swap"]\n')
    cells = list(grid.cells())
    assert grid.size == 6 == len(cells)
    assert cells[0] == {"fleet.ships": 11, "policy": "none"}
    assert cells[1] == {"fleet.ships": 11, "policy": "skip"}
    assert cells[3] == {"fleet.ships": 12, "policy": "none"}


def test_case_path_changes_one_key_and_keeps_the_rest() -> None:
    doc = tomllib.loads(CASE_FILE.read_text("utf-8"))
    changed = apply_case_paths(doc, {"economics.bunker_usd_per_t": 777, "fleet.ships": 13})
    assert changed["economics"]["bunker_usd_per_t"] == 777 and changed["fleet"]["ships"] == 13
    assert changed["economics"]["fuel"] == doc["economics"]["fuel"]
    assert doc["fleet"]["ships"] == 12  # the case document itself is not changed


def test_each_cell_sails_its_own_case(tmp_path: Path) -> None:
    plan = plan_sweep(request(tmp_path / "r"))
    variant, task = plan.task(7)  # the last: bunker 800.5, 13 ships, policy skip
    assert task.columns == {"economics.bunker_usd_per_t": 800.5, "fleet.ships": 13,
                            "policy": "skip"}
    doc = tomllib.loads(variant.text)
    assert doc["economics"]["bunker_usd_per_t"] == 800.5 and doc["fleet"]["ships"] == 13
    rows = run_cell(variant, task)
    assert [r["replication"] for r in rows] == [0, 1, 2]
    assert {r["policy"] for r in rows} == {"skip"} and {r["cell"] for r in rows} == {7}
    # the changed price reaches the simulation: bunker cost is fuel × 800.5 USD/t
    for r in rows:
        assert r["bunker_usd"] == pytest.approx(r["fuel_total_t"] * 800.5)


def test_cell_seeds_are_the_spawned_children() -> None:
    children = np.random.SeedSequence(7).spawn(5)
    for cell, child in enumerate(children):
        mine = cell_seed(7, cell)
        assert np.array_equal(mine.generate_state(4), child.generate_state(4))
    assert not np.array_equal(cell_seed(7, 0).generate_state(4),
                              cell_seed(7, 1).generate_state(4))


def test_common_random_numbers_give_every_cell_child_zero(tmp_path: Path) -> None:
    plan = plan_sweep(request(tmp_path / "r", common_random_numbers=True))
    seeds = {plan.task(c)[1].seed_sequence.spawn_key for c in range(plan.size)}
    assert seeds == {(0,)}


def test_scenario_axis_is_relative_to_the_grid_file(tmp_path: Path) -> None:
    (tmp_path / "scn").mkdir()
    (tmp_path / "scn" / "calm.toml").write_text("[weather]\nscale = 0.5\n")
    (tmp_path / "scn" / "red.toml").write_text(RED_SEA.read_text("utf-8"))
    grid = parse_grid('[axes]\nscenario = ["scn/calm.toml", "scn/red.toml"]\n',
                      str(tmp_path / "grid.toml"))
    plan = plan_sweep(request(tmp_path / "r", grid=grid))
    calm, red = (plan.task(c) for c in (0, 1))
    assert calm[1].scenario.weather_scale == 0.5 and calm[0].routing is None
    assert red[0].routing == "suez" and red[0].start is not None
    assert red[1].columns == {"scenario": "scn/red.toml"}


@pytest.mark.parametrize(("text", "words"), [
    ('[axes]\n"fleet.ships" = []\n', 'axes."fleet.ships" = []: has no values'),
    ("[axes]\n", "[axes] = {}: is missing or has no axis"),
    ('[axes]\nships = [1]\n', "axes.ships = [1]: is not an axis"),
    ('[axes]\nfleet.ships = [1]\n', "must be a list of values, not a table"),
    ('[axes]\n"fleet.ships" = 12\n', "must be a list of values"),
    ('[axes]\npolicy = ["none", "none"]\n', "repeats a value"),
    ('[axes]\npolicy = [1]\n', "axes.policy = [1]: must be a list of texts"),
    ('[axis]\npolicy = ["none"]\n', "axis = {'policy': ['none']}: is not a grid table"),
    ("[axes\n", "is not valid TOML"),
])
def test_bad_grid_names_the_axis(text: str, words: str) -> None:
    with pytest.raises(InputError, match=None) as info:
        parse_grid(text)
    assert words in str(info.value)


@pytest.mark.parametrize(("text", "words"), [
    ('[axes]\n"economics.bunker_usd_per_tt" = [500]\n',
     'axes."economics.bunker_usd_per_tt" = 500: is not a key of the case file (economics '
     "has: bunker_usd_per_t, fuel, panama_fee_usd, suez_fee_usd)"),
    ('[axes]\n"fleat.ships" = [12]\n', "fleat.ships\" = 12: is not a key of the case file "
                                       "(the case file has:"),
    ('[axes]\n"fleet.ships.count" = [12]\n', "(fleet.ships is not a table)"),
    ('[axes]\n"fleet.ships" = [12, 12.5]\n', "fleet.ships = 12.5: must be a whole number"),
    ('[axes]\npolicy = ["none", "pray"]\n', "axes.policy = 'pray': must be one of none"),
    ('[axes]\nrouting = ["arctic"]\n', "axes.routing = 'arctic': must be one of"),
    ('[axes]\nscenario = ["missing.toml"]\n', "missing.toml"),
])
def test_bad_axis_is_refused_before_anything_runs(tmp_path: Path, text: str,
                                                  words: str) -> None:
    out = tmp_path / "r"
    with pytest.raises(InputError) as info:
        plan_sweep(request(out, grid=parse_grid(text, str(tmp_path / "grid.toml"))))
    assert words in str(info.value)
    assert not out.exists()
