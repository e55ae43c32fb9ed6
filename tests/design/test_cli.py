"""``tradelane design`` end to end: JSON figures, the written log evaluated separately to the
same Z, rules kept, and bad input answered with one sentence and exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradelane.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("flags", [[], ["--erratum-idle"], ["--transit-times"]])
def test_written_log_and_json_evaluate_to_the_reported_z(
        tmp_path: Path, three_ports: Path, capsys: pytest.CaptureFixture[str],
        flags: list[str]) -> None:
    log, net = tmp_path / "design.log", tmp_path / "design.json"
    code, out, _ = run(capsys, "design", "--data", str(three_ports), "--instance", "Tri",
                       "--iterations", "300", "--time-limit-s", "60", "--seed", "3",
                       "--log", str(log), "--out", str(net), "--json", *flags)
    assert code == 0
    doc = json.loads(out)
    for key in ("z_180d_usd", "weekly_objective_usd", "transported_pct", "vessels",
                "services", "runtime_s", "time_to_best_s"):
        assert key in doc
    assert doc["violations"] == []
    assert doc["vessels"] <= 2
    assert doc["z_180d_usd"] == pytest.approx(-180 / 7 * doc["weekly_objective_usd"])
    for written in (log, net):
        code, out, _ = run(capsys, "linerlib", "evaluate", "--data", str(three_ports),
                           "--instance", "Tri", str(written), "--json", *flags)
        assert code == 0
        again = json.loads(out)
        assert again["z_180d_usd"] == doc["z_180d_usd"]  # exactly, not approximately
        assert again["violations"] == []


def test_progress_lines_without_json(three_ports: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "design", "--data", str(three_ports), "--instance", "Tri",
                         "--iterations", "300", "--round-iterations", "100",
                         "--time-limit-s", "60")
    assert code == 0
    assert "best Z" in err and "transported" in err
    assert "Z (180 days" in out


def test_start_from_a_network(tmp_path: Path, three_ports: Path,
                              capsys: pytest.CaptureFixture[str]) -> None:
    start = tmp_path / "start.json"
    start.write_text(json.dumps({
        "format": "tradelane.linerlib.network", "version": 1, "instance": "Tri",
        "capacity_case": "base", "services": [
            {"name": "s", "vessel_class": "Small", "vessels": 1, "speed_kn": 12.0,
             "calls": ["AAAAA", "BBBBB"]}]}))
    code, out, _ = run(capsys, "design", "--data", str(three_ports), "--instance", "Tri",
                       "--iterations", "50", "--time-limit-s", "60", "--start", str(start),
                       "--json")
    assert code == 0
    doc = json.loads(out)
    # never worse than the start: the shuttle A-B at its cheapest deployment
    base = run(capsys, "linerlib", "evaluate", "--data", str(three_ports), "--instance", "Tri",
               str(start), "--json")
    assert doc["z_180d_usd"] <= json.loads(base[1])["z_180d_usd"]


@pytest.mark.parametrize(("extra", "words"), [
    (["--instance", "Nowhere"], "instance = 'Nowhere'"),
    (["--capacity", "huge"], "--capacity = 'huge'"),
    (["--time-limit-s", "-1"], "--time-limit-s = -1.0"),
    (["--workers", "0"], "--workers = 0"),
    (["--iterations", "0"], "--iterations = 0"),
    (["--max-services", "0"], "--max-services = 0"),
    (["--scheduler", "tcp://127.0.0.1:9"], "--scheduler = 'tcp://127.0.0.1:9'"),
    (["--start", "{start}"], "services[0].speed_kn"),
    (["--start", "{missing}"], "missing.json"),
])
def test_bad_input_is_one_sentence(tmp_path: Path, three_ports: Path,
                                   capsys: pytest.CaptureFixture[str], extra: list[str],
                                   words: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({
        "format": "tradelane.linerlib.network", "version": 1, "services": [
            {"vessel_class": "Small", "vessels": 1, "speed_kn": "fast",
             "calls": ["AAAAA", "BBBBB"]}]}))
    extra = [e.format(start=bad, missing=tmp_path / "missing.json") for e in extra]
    args = ["design", "--data", str(three_ports), "--instance", "Tri", "--iterations", "10",
            *extra]
    code, out, err = run(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.startswith("error: ") and words in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_start_the_fleet_cannot_sail(tmp_path: Path, three_ports: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    start = tmp_path / "big.json"
    start.write_text(json.dumps({
        "format": "tradelane.linerlib.network", "version": 1, "services": [
            {"vessel_class": "Small", "vessels": 1, "speed_kn": 12.0,
             "calls": ["AAAAA", "BBBBB"]}] * 3}))  # 3 services, 2 vessels
    code, _, err = run(capsys, "design", "--data", str(three_ports), "--instance", "Tri",
                       "--iterations", "10", "--start", str(start))
    assert code == 2
    assert err.startswith("error: --start = 3: ")


def test_baltic_designed_network_keeps_every_rule(tmp_path: Path, linerlib_root: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "Baltic_designed.log"
    code, out, _ = run(capsys, "design", "--data", str(linerlib_root), "--instance", "Baltic",
                       "--iterations", "300", "--time-limit-s", "120", "--erratum-idle",
                       "--log", str(log), "--json")
    assert code == 0
    doc = json.loads(out)
    assert doc["violations"] == []
    assert doc["vessels"] <= 6  # Baltic base: 4 Feeder_450 + 2 Feeder_800
    code, out, _ = run(capsys, "linerlib", "evaluate", "--data", str(linerlib_root), str(log),
                       "--erratum-idle", "--json")
    assert code == 0
    assert json.loads(out)["z_180d_usd"] == doc["z_180d_usd"]
