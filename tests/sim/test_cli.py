"""``tradelane simulate``: JSON keys, Parquet rows, and bad input as one sentence, exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tradelane.cli import main
from tradelane.errors import InputError
from tradelane.sim import parse_scenario, read_scenario

from .conftest import CASE_FILE, RED_SEA


def test_json_and_parquet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "runs.parquet"
    assert main(["simulate", str(CASE_FILE), "--weeks", "26", "--runs", "4", "--seed", "1",
                 "--policy", "speed-up", "--json", "--out", str(out)]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["runs"] == 4 and doc["policy"] == "speed-up" and doc["routing"] == "cape"
    assert 0 <= doc["on_time_pct"] <= 100 and doc["late_avg_delay_days"] > 1
    assert set(doc["ports"]) == {"CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"}
    assert set(doc["ports"]["USSAV"]) >= {"on_time_pct", "late_avg_delay_days"}
    for key in ("round_voyage_days", "fuel_t", "co2_t", "cost_usd_per_teu"):
        p = doc[key]
        assert p["p10"] <= p["p50"] <= p["p90"]
    table = pq.read_table(out)
    assert table.num_rows == 4
    assert {"run", "on_time", "late", "port.USSAV.late", "cost_usd_per_teu"} <= set(
        table.column_names)


def test_deterministic_is_all_on_time(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(CASE_FILE), "--runs", "2", "--deterministic", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["on_time_pct"] == 100.0 and doc["late_avg_delay_days"] is None
    assert doc["round_voyage_days"] == {"p10": 84.0, "p50": 84.0, "p90": 84.0}


def test_json_names_the_republished_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(CASE_FILE), "--scenario", str(RED_SEA), "--weeks", "4",
                 "--runs", "1", "--deterministic", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["routing"] == "suez"  # the schedule the scenario starts on ...
    assert doc["republished"] == [{"from": "2024-01-01T00:00:00+00:00", "routing": "cape"}]


def test_the_shipped_scenario_reads() -> None:
    s = read_scenario(RED_SEA)
    assert s.routing == "suez" and s.closures[0].canal == "suez" and s.closures[0].end is None
    assert s.draft_limits[0].draft_m == 13.41
    assert [(r.start.date().isoformat(), r.routing) for r in s.republications] == \
        [("2024-01-01", "cape")]


@pytest.mark.parametrize(("text", "words"), [
    ("[weather]\nscael = 1\n", "weather.scael = 1: is not a scenario key"),
    ("[tempest]\nx = 1\n", "tempest = {'x': 1}: is not a scenario key"),
    ("[[closure]]\ncanal = 'suez'\nstart = 2024-01-10\nend = 2024-01-01\n",
     "closure[0].end = '2024-01-01T00:00:00+00:00': is before the closure's start"),
    ("[[closure]]\ncanal = 'kiel'\nstart = 2024-01-10\n", "closure[0].canal = 'kiel'"),
    ("[[strike]]\nport = 'USSAV'\nstart = 2024-01-10\n", "strike[0].days = None: is missing"),
    ("[berth_wait]\nprobability = 1.5\n", "berth_wait.probability = 1.5: must be a number"),
    ("[scenario]\nstart = 'soon'\n", "scenario.start = 'soon': must be a TOML date"),
    ("[scenario\n", "is not valid TOML"),
    ("[schedule]\nport_buffer_share = 0.95\n",
     "schedule.port_buffer_share = 0.95: must be a number from 0 to 0.9"),
    ("[schedule]\nbuffer = 1\n", "schedule.buffer = 1: is not a scenario key"),
    ("[[republish]]\nstart = 2024-01-01\nrouting = 'kiel'\n",
     "republish[0].routing = 'kiel': must be panama, suez or cape"),
    ("[[republish]]\nstart = 2024-01-01\n", "republish[0].routing = None: is missing"),
    ("[[republish]]\nstart = 2024-02-01\nrouting = 'cape'\n"
     "[[republish]]\nstart = 2024-01-01\nrouting = 'suez'\n",
     "republish[1].start = '2024-01-01T00:00:00+00:00': must be after republish[0].start"),
])
def test_bad_scenario_names_the_key(text: str, words: str) -> None:
    with pytest.raises(InputError) as exc:
        parse_scenario(text)
    assert words in str(exc.value)
    assert str(exc.value).count(". ") == 0 and str(exc.value).endswith(".")


@pytest.mark.parametrize(("args", "words"), [
    (["--runs", "0"], "--runs = 0: must be between 1 and 1000000."),
    (["--weeks", "600"], "--weeks = 600: must be between 1 and 520."),
    (["--policy", "pray"], "--policy = 'pray': must be one of none, speed-up"),
    (["--seed", "-1"], "--seed = -1: must be between 0 and"),
])
def test_bad_flags_exit_2_with_one_sentence(args: list[str], words: str,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["simulate", str(CASE_FILE), *args]) == 2
    err = capsys.readouterr().err
    assert words in err and err.count("\n") == 1


def test_bad_scenario_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[[closure]]\ncanal = 'suez'\nstart = 2024-02-01\nend = 2024-01-01\n")
    assert main(["simulate", str(CASE_FILE), "--scenario", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: closure[0].end = ") and err.count("\n") == 1
    assert main(["simulate", str(CASE_FILE), "--scenario", str(tmp_path / "none.toml")]) == 2
    assert "No such file" in capsys.readouterr().err
