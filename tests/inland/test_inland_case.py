"""The reference case's inland network, its distances, and bad inland input (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tradelane.errors import InputError
from tradelane.geo.rail_distance import great_circle_km
from tradelane.io.case_toml import parse_case

REPO = Path(__file__).resolve().parents[2]
CASE_FILE = REPO / "cases" / "shandong-usec.toml"


@pytest.fixture(scope="module")
def text() -> str:
    return CASE_FILE.read_text(encoding="utf-8")


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_great_circle_agrees_with_searoute_s_haversine() -> None:
    from searoute.utils import distance  # the distance library's own formula, (lon, lat)

    for a, b in [((36.665, 116.998), (36.05, 120.217)), ((34.424, 109.057), (36.05, 120.217)),
                 ((0.0, 0.0), (0.0, 90.0))]:
        theirs = distance((a[1], a[0]), (b[1], b[0]), units="km")
        assert great_circle_km(*a, *b) == pytest.approx(theirs, rel=1e-4)


def test_reference_network(text: str) -> None:
    case = parse_case(text)
    net = case.inland
    assert net is not None
    assert set(net.ports) == {"CNTNA", "CNZBO", "CNLYI", "CNWEF", "CNCGO", "CNXAN"}
    jinan = net.links_from("CNTNA")[0]
    # the Jiaoji line Jinan–Qingdao is 384 km; 1.3 × the 296 km great circle ≈ 385 km
    assert jinan.distance_km == pytest.approx(384, abs=3)
    assert sum(d.row.teu_per_week for d in net.demand) == pytest.approx(950)
    # the port-to-port view keeps the brief's pairs and totals: Qingdao loads 2,400 TEU
    loaded = {d.destination: d.teu_per_week for d in case.demand if d.origin == "CNTAO"}
    assert loaded == {"USSAV": 1100, "USCHS": 800, "USILM": 500}
    assert len(case.demand) == 19 and len(case.sea_demand) == 19


@pytest.mark.parametrize(("old", "new", "field", "value"), [
    ('inland_port = "CNZBO"\nsea_port = "CNTAO"\nrunning_h', 'inland_port = "CNZZZ"\nsea_port = '
     '"CNTAO"\nrunning_h', "inland.rail_links[1].inland_port", "CNZZZ"),
    ('inland_port = "CNZBO"\nsea_port = "CNTAO"\nrunning_h', 'inland_port = "CNZBO"\nsea_port = '
     '"USXXX"\nrunning_h', "inland.rail_links[1].sea_port", "USXXX"),
    ('departure = "14:00"', 'departure = "25:30"', "inland.trains[1].departure", "25:30"),
    ('departure = "14:00"', 'departure = "2pm"', "inland.trains[1].departure", "2pm"),
    ('days = ["Tue", "Thu", "Sat"]', 'days = ["Tue", "Thursday"]', "inland.trains[1].days",
     "Thursday"),
    ("teu_per_train = 80", "teu_per_train = -80", "inland.trains[1].teu_per_train", "-80"),
    ("max_t_per_train = 1200", "max_t_per_train = -5", "inland.trains[1].max_t_per_train", "-5"),
    ("dg_teu = 20", "dg_teu = -1", "inland.trains[0].dg_teu", "-1"),
    ("running_h = 8.5", "running_h = 0", "inland.rail_links[0].running_h", "0"),
    ("cost_usd_per_teu = 107", "cost_usd_per_teu = -107", "inland.rail_links[0].cost_usd_per_teu",
     "-107"),
    ('inland_port = "CNXAN"\nsea_port = "CNTAO"\nrunning_h = 30',
     'inland_port = "CNXAN"\nsea_port = "CNTAO"\ndistance_km = 1700\nrunning_h = -30',
     "inland.rail_links[5].running_h", "-30"),
    ('origin = "CNTNA"                   # Jinan\n', 'origin = "CNTNA"\ncargo = "liquid"\n',
     "demand[", "liquid"),
])
def test_bad_inland_field_is_named(text: str, old: str, new: str, field: str, value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_case(_edit(text, old, new))
    message = str(err.value)
    assert message.startswith(field), message
    assert value in message and message.endswith("."), message


def test_inland_demand_without_a_link_is_named(text: str) -> None:
    # Xi'an loses its only rail link (and its train): its demand row has no way to the sea
    link = 'inland_port = "CNXAN"\nsea_port = "CNTAO"\nrunning_h = 30\ncost_usd_per_teu = 298\n'
    train = text[text.index('[[inland.trains]]\nname = "Xi\'an-Qingdao"'):]
    cut = _edit(text, "[[inland.rail_links]]\n" + link, "")
    cut = cut.replace(train[: train.index("cutoff_h = 24") + len("cutoff_h = 24")], "")
    with pytest.raises(InputError) as err:
        parse_case(cut)
    row = text[: text.index('origin = "CNXAN"')].count("\n[[demand]]\n") - 1
    assert str(err.value).startswith(f"demand[{row}].origin = 'CNXAN'"), str(err.value)
    assert "no rail link" in str(err.value)


def test_cli_exits_2_with_one_sentence(tmp_path: Path, text: str) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(_edit(text, 'departure = "14:00"', 'departure = "24:00"'), encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "tradelane", "plan", str(bad)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert run.returncode == 2, run.stderr
    assert "inland.trains[1].departure = '24:00'" in run.stderr
    assert "Traceback" not in run.stderr
