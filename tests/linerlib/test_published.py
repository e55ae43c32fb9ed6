"""The published best-network logs: Baltic line by line, every log within −0.1 % / +2 %."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradelane.io.linerlib_network import read_log
from tradelane.linerlib.evaluate import Evaluator
from tradelane.linerlib.instance import load_instance
from tradelane.linerlib.published import classes_by_capacity, log_instance, published_logs

from .conftest import FAST, LINERLIB

LOG_DIR = LINERLIB / "results" / "BrouerDesaulniersPisinger2014"
SMALL = ("Baltic", "WAF", "Mediterranean", "Pacific", "WorldSmall")


def _logs() -> list[str]:
    return sorted(p.name for p in LOG_DIR.glob("*.log")) if LOG_DIR.is_dir() else []


def _evaluate(root: Path, name: str, method: str = "paths"):  # type: ignore[no-untyped-def]
    instance, case = log_instance(name)
    inst = load_instance(root, instance, case)
    log = read_log(LOG_DIR / name, classes_by_capacity(inst.vessel_classes), instance, case)
    return log, Evaluator(inst, log.network, method=method).evaluate()


@pytest.mark.parametrize(("name", "expected"), [
    ("Med_low_best_12808_11.log", ("Mediterranean", "low")),
    ("Mediterranean_high_seed3.log", ("Mediterranean", "high")),  # as bench design --logs names
    ("WorldLarge_base_seed1.log", ("WorldLarge", "base")),
    ("Corrected_EUAS_base_pid_1530_2.log", ("EuropeAsia", "base")),
])
def test_log_names_give_instance_and_case(name: str, expected: tuple[str, str]) -> None:
    assert log_instance(name) == expected


def test_there_are_24_logs(linerlib_root: Path) -> None:
    entries = published_logs(linerlib_root)
    assert len(entries) == 24
    assert {e.instance for e in entries} == {*SMALL, "EuropeAsia"}


def test_baltic_base_matches_the_worked_check(linerlib_root: Path) -> None:
    log, result = _evaluate(linerlib_root, "Baltic_best_base.log")
    ev = result.solution
    assert ev is not None
    # the README's worked check; the log prints rounded parts (6 significant digits)
    assert ev.weekly_revenue_usd == pytest.approx(3_687_260, abs=0.5)
    assert ev.costs_usd["charter"] == pytest.approx(252_000, abs=0.5)
    assert ev.costs_usd["bunker_idle"] == pytest.approx(19_020, abs=0.5)
    assert ev.costs_usd["bunker_sailing"] == pytest.approx(335_203, abs=1)
    assert ev.costs_usd["port_calls"] == pytest.approx(335_556, abs=0.5)
    assert ev.costs_usd["handling"] + ev.costs_usd["transshipment"] == pytest.approx(
        2_109_880, abs=5)
    assert ev.costs_usd["canals"] == 0
    assert ev.weekly_profit_usd == pytest.approx(635_605, abs=5)
    assert ev.costs_usd["rejection_penalty"] == pytest.approx(389_000, abs=0.5)
    assert ev.weekly_objective_usd == pytest.approx(246_605, abs=5)
    assert ev.weekly_objective_usd == pytest.approx(log.objective_usd, abs=5)
    assert ev.transported_pct == pytest.approx(92.0677, abs=1e-3)
    assert ev.vessels_deployed == 6
    assert ev.violations == ()


def _marks(name: str) -> list[pytest.MarkDecorator]:
    small = log_instance(name)[0] in SMALL
    reason = "EuropeAsia logs skipped: TRADELANE_FAST_TESTS=1"
    return [pytest.mark.skip(reason=reason)] if FAST and not small else []


@pytest.mark.parametrize("name", [pytest.param(n, marks=_marks(n)) for n in _logs()])
def test_log_within_tolerance(linerlib_root: Path, name: str) -> None:
    log, result = _evaluate(linerlib_root, name)
    assert result.objective is not None
    diff = (result.objective - log.objective_usd) / abs(log.objective_usd)
    assert -0.001 <= diff <= 0.02, f"{name}: ours {result.objective:.0f}, log {log.objective_usd}"


@pytest.mark.parametrize("name", ["Baltic_best_low_30827_3.log", "WAF_base_best.log",
                                  "Med_low_best_12808_11.log"])
def test_arc_flow_model_agrees(linerlib_root: Path, name: str) -> None:
    """A second, independent exact model (source-based arc flow) gives the same optimum."""
    _, paths = _evaluate(linerlib_root, name)
    _, arcs = _evaluate(linerlib_root, name, method="arcflow")
    assert paths.objective == pytest.approx(arcs.objective, rel=1e-9, abs=1e-3)


def _errata_rows() -> list[object]:
    """(log, Z) pairs of the transcribed errata Table 1 for the small instances."""
    path = LINERLIB / "published_results_transcribed.csv"
    if not path.is_file():
        return []
    import csv

    pairs = []
    for row in csv.DictReader(path.open()):
        log = row["matching_log_in_results"].split(" ")[0]
        if row["row"] == "best" and log.endswith(".log") and log_instance(log)[0] in SMALL[:4]:
            marks = [pytest.mark.xfail(reason="the errata's WAF low Z (-1.14e8) is not this "
                                              "log's network (its own Z is -1.18e8)")
                     ] if log.startswith("WAF_low") else []
            pairs.append(pytest.param(log, float(row["Z_BDP2014_weekly_corrected"]),
                                      marks=marks))
    return pairs


@pytest.mark.parametrize(("name", "z_published"), _errata_rows())
def test_erratum_idle_reproduces_the_errata_table(linerlib_root: Path, name: str,
                                                  z_published: float) -> None:
    """With the erratum's idle fuel, Z matches Table 1 of the errata (printed to 3 digits).

    Ours may be lower (more profit, up to 2 %): the flow LP is optimal for the network.
    """
    instance, case = log_instance(name)
    inst = load_instance(linerlib_root, instance, case)
    log = read_log(LOG_DIR / name, classes_by_capacity(inst.vessel_classes), instance, case)
    ev = Evaluator(inst, log.network, erratum_idle=True).evaluate().solution
    assert ev is not None
    better = (z_published - ev.z_180d_usd) / abs(z_published)
    assert -0.005 <= better <= 0.02, f"ours {ev.z_180d_usd:.4g}, published {z_published:.3g}"


def test_warm_reevaluation_equals_cold(linerlib_root: Path) -> None:
    """After one service changes, the warm re-solve gives the cold optimum of the new network."""
    import dataclasses

    from tradelane.linerlib.changes import change_class, drop_last_call, insert_call

    instance, case = log_instance("Pacific_base_best.log")
    inst = load_instance(linerlib_root, instance, case)
    log = read_log(LOG_DIR / "Pacific_base_best.log", classes_by_capacity(inst.vessel_classes),
                   instance, case)
    services = list(log.network.services)
    evaluator = Evaluator(inst, log.network)
    evaluator.evaluate()
    steps = ((0, drop_last_call), (1, change_class), (2, drop_last_call), (3, insert_call),
             (0, insert_call), (2, change_class))
    for i, change in steps:
        new = change(tuple(services), i, inst)
        assert new is not None
        services[i] = new
        evaluator.replace_service(i, services[i])
        warm = evaluator.evaluate()
        cold = Evaluator(inst, dataclasses.replace(log.network, services=tuple(services)))
        assert warm.objective == pytest.approx(cold.evaluate().objective, rel=1e-9)


@pytest.mark.skipif(FAST, reason="EuropeAsia skipped: TRADELANE_FAST_TESTS=1")
def test_warm_equals_cold_on_europe_asia(linerlib_root: Path) -> None:
    """Drop, insert, change class on the Corrected EuropeAsia base network: warm = cold."""
    from tradelane.linerlib.changes import warm_figures

    name = "Corrected_EUAS_base_pid_1530_2.log"
    instance, case = log_instance(name)
    inst = load_instance(linerlib_root, instance, case)
    log = read_log(LOG_DIR / name, classes_by_capacity(inst.vessel_classes), instance, case)
    evaluator = Evaluator(inst, log.network)
    evaluator.evaluate()
    figures = warm_figures(evaluator, log.network, 2)
    assert figures["warm_max_rel_diff"] <= 1e-9
    assert all(figures[f"warm_{kind}_s"] is not None for kind in ("drop", "insert", "class"))
