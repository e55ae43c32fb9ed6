"""``tradelane design --case``: a network for the reference case's ports, demand and fleet."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from tradelane.app.design_case import case_instance, transit_days
from tradelane.app.resources import Resources
from tradelane.cli import main
from tradelane.io.case_toml import read_case
from tradelane.linerlib.costs import ServiceFigures

CASE_FILE = Path(__file__).resolve().parents[2] / "cases" / "shandong-usec.toml"
FAST = ("--iterations", "200", "--round-iterations", "100", "--time-limit-s", "120")
_RUN_FIGURES = ("runtime_s", "time_to_best_s")


def design(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["design", "--case", str(CASE_FILE), *FAST, "--json", *args])
    out, err = capsys.readouterr()
    assert code == 0, err
    doc: dict[str, Any] = json.loads(out)
    return doc


def test_designed_network_keeps_the_case_fleet_speeds_and_weekly_frequency(
        capsys: pytest.CaptureFixture[str]) -> None:
    doc = design(capsys, "--seed", "1")
    assert doc["violations"] == []
    assert doc["services"]
    assert sum(s["ships"] for s in doc["services"]) <= 12  # [fleet] ships
    for number, s in enumerate(doc["services"], start=1):
        assert s["vessel_class"] == "A13"
        assert 12.0 - 1e-9 <= s["speed_kn"] <= 24.0 + 1e-9  # A13 speed range of the case
        assert s["round_trip_days"] <= 7 * s["ships"] + 1e-9
        assert s["name"] == f"SUE{number} " + "–".join(s["rotation"])
        assert set(s["rotation"]) <= {"CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"}
        # the Pacific crossing eastbound takes weeks, a feeder hop in Asia about a day
        pacific = [d for k, d in s["transit_days"].items()
                   if k.startswith("CN") and "-US" in k]
        assert pacific and min(pacific) > 14
    assert doc["carried_teu_per_week"] > 0
    called = {c for s in doc["services"] for c in s["rotation"]}
    # 12.8 m at Wilmington NC under the A13's 14.5 m: allowed under port_draft = "warn", stated
    assert any(w.startswith("USILM") for w in doc["warnings"]) == ("USILM" in called)
    assert doc["demand_teu_per_week"] == 16250  # the case's rows, inland ones at their sea port
    assert doc["carried_teu_per_week"] + doc["rejected_teu_per_week"] == pytest.approx(16250)


def test_seeded_runs_repeat_exactly(capsys: pytest.CaptureFixture[str]) -> None:
    first, second = (design(capsys, "--seed", "4") for _ in range(2))
    for doc in (first, second):
        for key in _RUN_FIGURES:
            doc.pop(key)
    assert first == second


def test_case_and_data_together_is_one_sentence_and_exit_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["design", "--case", str(CASE_FILE), "--data", str(tmp_path), *FAST])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: --case")
    assert "--data" in err


def test_neither_case_nor_data_is_one_sentence_and_exit_2(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TRADELANE_LINERLIB", raising=False)
    code = main(["design", *FAST])
    _, err = capsys.readouterr()
    assert code == 2
    assert err.count("\n") == 1 and "--case" in err


def test_instance_from_the_case_prices_its_bunker_fleet_and_demand() -> None:
    case = read_case(CASE_FILE)
    dear = replace(case, economics=replace(case.economics, bunker_usd_per_t=900.0))
    instance = case_instance(dear, Resources.for_process())
    a13 = instance.vessel_classes["A13"]
    assert a13.fuel_t_per_day_at_design_speed == pytest.approx(126.9 * 1.5)
    assert a13.capacity_ffe == 6750
    assert a13.panama_fee_usd is None  # 14.5 m draft over the 13.41 m drought limit
    assert a13.suez_fee_usd is None    # Suez closed in the case
    assert instance.fleet == {"A13": 12}
    assert not any(r.via_suez or r.via_panama for rows in instance.routes.values() for r in rows)
    ngb_sav = [d for d in instance.demands if (d.origin, d.destination) == ("CNNGB", "USSAV")]
    assert [(d.volume_ffe_per_week, d.revenue_usd_per_ffe) for d in ngb_sav] == [(1300, 4800)]
    assert instance.ports["USILM"].draft_m is None  # port_draft = "warn": called part-laden


def _figures(calls: tuple[str, ...], leg_days: tuple[float, ...]) -> ServiceFigures:
    zero = (0.0,) * len(calls)
    return ServiceFigures("s", "A13", 1, 15.0, 100.0, calls, zero, leg_days,
                          sum(leg_days) + len(calls), 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0, ())


def test_transit_days_add_legs_and_one_day_per_call_between() -> None:
    days = transit_days(_figures(("AAAAA", "BBBBB", "CCCCC"), (1.0, 2.0, 3.0)))
    assert days == {"AAAAA-BBBBB": 1.0, "AAAAA-CCCCC": 4.0, "BBBBB-CCCCC": 2.0,
                    "BBBBB-AAAAA": 6.0, "CCCCC-AAAAA": 3.0, "CCCCC-BBBBB": 5.0}


def test_transit_days_of_a_butterfly_take_the_shorter_way() -> None:
    days = transit_days(_figures(("AAAAA", "BBBBB", "AAAAA", "CCCCC"), (1.0, 1.0, 1.0, 1.0)))
    assert days["AAAAA-CCCCC"] == 1.0  # from the second call at AAAAA
    assert days["BBBBB-CCCCC"] == 3.0  # via AAAAA, one day there
    assert days["CCCCC-BBBBB"] == 3.0
