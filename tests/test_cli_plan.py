"""``tradelane plan`` end to end: through main() and as a real process."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tradelane.cli import main

CASE = str(Path(__file__).resolve().parents[1] / "cases" / "shandong-usec.toml")


def test_table_has_a_column_per_routing(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", CASE]) == 0
    out = capsys.readouterr().out
    assert "panama" in out and "suez" in out and "cape" in out
    assert "31,097" in out  # the Cape round voyage, as measured in the case brief


def test_json_carries_the_documented_keys(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", CASE, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["case"]["code"] == "SUE"
    assert [o["routing"] for o in doc["options"]] == ["panama", "suez", "cape"]
    for option in doc["options"]:
        for key in ("routing", "feasible", "violations", "legs", "round_trip_nm",
                    "round_trip_days", "ships", "speed_kn", "fuel_t", "co2_t", "cost_usd",
                    "calls", "per_week"):
            assert key in option
        assert option["cost_usd"]["total"] == pytest.approx(
            sum(v for k, v in option["cost_usd"].items() if k != "total"), abs=0.1)
        assert {"from", "to", "nm", "passages"} <= set(option["legs"][0])
    cape = doc["options"][2]
    assert cape["calls"][0] == {"locode": "CNTAO", "eta": "2024-01-01T00:00+00:00",
                                "etd": "2024-01-02T00:00+00:00"}


def test_ships_option_solves_for_speed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", CASE, "--json", "--routing", "cape", "--ships", "14"]) == 0
    option = json.loads(capsys.readouterr().out)["options"][0]
    # by hand: 14 × 168 = 2,352 h − 144 h in port = 2,208 h; 31,097 / 2,208 = 14.08 kn
    assert option["ships"] == 14
    assert option["speed_kn"] == pytest.approx(31_097 / 2_208, abs=0.3)


def test_schedule_files_cover_every_ship(tmp_path: Path) -> None:
    csv_path, ics_path = tmp_path / "s.csv", tmp_path / "s.ics"
    assert main(["plan", CASE, "--schedule-csv", str(csv_path), "--ics", str(ics_path),
                 "--weeks", "12"]) == 0
    rows = list(csv.DictReader(csv_path.open()))
    assert {r["vessel_name"] for r in rows} == {f"SUE {k:02d}" for k in range(1, 13)}
    assert all("2024-01-01" <= r["eta"] < "2024-03-25" for r in rows)
    assert all(r["eta"].endswith("+00:00") for r in rows)
    ics = ics_path.read_text()
    assert ics.count("BEGIN:VEVENT") == len(rows)
    assert "DTSTART:20240101T000000Z" in ics


@pytest.mark.parametrize(("args", "named"), [
    (["plan", CASE, "--ships", "0"], "--ships = 0"),
    (["plan", CASE, "--speed-kn", "-5"], "--speed-kn = -5.0"),
    (["plan", CASE, "--ships", "3", "--speed-kn", "15"], "--speed-kn = 15.0"),
    (["plan", CASE, "--routing", "arctic"], "--routing = 'arctic'"),
    (["plan", CASE, "--weeks", "0"], "--weeks = 0"),
    (["plan", CASE, "--start", "yesterday"], "--start = 'yesterday'"),
    (["plan", "no-such-case.toml"], "no-such-case.toml"),
])
def test_user_errors_exit_2_with_one_line_naming_the_flag(
        args: list[str], named: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and "\n" not in err and "Traceback" not in err
    assert named in err


def test_real_process_prints_no_traceback_for_a_malformed_case(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[service\ncode = 'X'\n")
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": src + os.pathsep + os.environ.get("PYTHONPATH", "")}
    proc = subprocess.run([sys.executable, "-m", "tradelane", "plan", str(bad)],
                          capture_output=True, text=True, check=False, env=env)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr and "bad.toml" in proc.stderr
