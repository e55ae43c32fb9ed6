"""The weekly berth plan at Qingdao with the lane's call placed (real solver, small instance)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tradelane.app.planning import PlanRequest, plan_case
from tradelane.app.resources import Resources
from tradelane.berth import BerthParams, solve
from tradelane.berth.check import plan_violations
from tradelane.cli import main
from tradelane.io.case_toml import parse_case
from tradelane.planning.berth_week import WeeklyBerthInstance, lane_week_instance

CASE = str(Path(__file__).resolve().parents[1] / "cases" / "shandong-usec.toml")
MONDAY = datetime(2024, 1, 1, tzinfo=UTC)


def _lane_week(case_text: str, week: datetime = MONDAY) -> WeeklyBerthInstance:
    plan = plan_case(PlanRequest(parse_case(case_text)), Resources.for_process())
    return lane_week_instance(plan, "CNTAO", week)


def test_instance_holds_the_other_calls_and_the_lane(case_text: str) -> None:
    weekly = _lane_week(case_text)
    inst = weekly.instance
    assert inst.n_ships == 13 and inst.n_berths == 6
    # S01: Monday 02:00, 4,200 moves / (6 cranes × 36 moves/h) = 19.4 h + 3 h → 23 h
    assert inst.arrival_h[0] == 2
    assert {h for h in inst.handling_h[0] if h is not None} == {23}
    # the lane: the schedule's port stay (the case gives 24 h per call), only at berth 105
    lane = inst.handling_h[weekly.lane_ship]
    assert [inst.berth_names[j] for j, h in enumerate(lane) if h is not None] == ["105"]
    assert lane[inst.berth_names.index("105")] == 24
    assert inst.ship_names[weekly.lane_ship] == "SUE 01 401E/401E"


def test_lane_week_names_the_calendar_ship_of_that_week(case_text: str) -> None:
    week = datetime(2026, 12, 7, tzinfo=UTC)  # 153 weeks after the start: ship 153 % 12 + 1
    weekly = _lane_week(case_text, week)
    assert weekly.instance.ship_names[weekly.lane_ship].startswith("SUE 10 ")
    assert weekly.instance.ship_names[weekly.lane_ship].endswith("/650E")


def test_solved_plan_is_feasible_and_places_the_lane_at_105(case_text: str) -> None:
    weekly = _lane_week(case_text)
    result = solve(weekly.instance, BerthParams(time_limit_s=30, seed=1))
    assert result.solution is not None
    assert plan_violations(weekly.instance, result.solution) == []
    lane = result.solution.assignments[weekly.lane_ship]
    assert weekly.instance.berth_names[lane.berth] == "105" and lane.start_h == 0
    # six berths for at most two ships at once: nobody waits, the objective is Σ handling
    assert result.objective == sum(a.end_h - a.start_h for a in result.solution.assignments)


def test_cli_json_and_plot(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    svg = tmp_path / "berths.svg"
    assert main(["berth", "plan", CASE, "--week", "2024-01-01", "--json",
                 "--plot", str(svg)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["status"] == "optimal"
    lane = [a for a in doc["assignments"] if a["lane"]]
    assert lane[0]["berth"] == "105" and lane[0]["arrival"].startswith("2024-01-01T00:00")
    assert svg.read_text().startswith("<svg")


def test_week_without_a_lane_call_is_a_user_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["berth", "plan", CASE, "--week", "2023-12-25"]) == 2
    assert "--week" in capsys.readouterr().err
    assert main(["berth", "plan", CASE, "--week", "2024-01-02"]) == 2
