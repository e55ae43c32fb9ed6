"""Load lists: CSV round trip and errors; the sample load list against the case brief."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest
from stdnum import iso6346

from tradelane.cli import main
from tradelane.errors import InputError
from tradelane.io.case_toml import read_case
from tradelane.io.load_list import format_load_list, parse_load_list, parse_load_list_rows
from tradelane.stowage.cargo_case import parse_stowage_cargo
from tradelane.stowage.loadlist import aboard_on_arrival, sailing_date, sample_load_list
from tradelane.stowage.numbers import placeholder_number

CASE_PATH = Path(__file__).parents[2] / "cases" / "shandong-usec.toml"
GOOD = """number,iso_type,vgm_kg,pol,pod,reefer_setpoint_c,un_numbers,imo_classes,position
,45G1,25000,CNTAO,USSAV,,UN3480,9,0100282
MSCU1234565,45R1,30000,CNTAO,USSAV,-18,,,
"""


@pytest.fixture(scope="module")
def units() -> list:
    case = read_case(CASE_PATH)
    cargo = parse_stowage_cargo(tomllib.loads(CASE_PATH.read_text(encoding="utf-8")))
    return sample_load_list(case, "401E", 1, cargo)


def test_placeholder_numbers_pass_the_iso_6346_check() -> None:
    assert placeholder_number(0) == "TLNU0000004"
    assert all(iso6346.is_valid(placeholder_number(i)) for i in (1, 77, 999_999))
    with pytest.raises(InputError, match="index"):
        placeholder_number(1_000_000)


def test_parse_fills_placeholders_and_positions() -> None:
    rows = parse_load_list_rows(GOOD, placeholder=placeholder_number)
    (first, position), (second, none) = rows
    assert first.number == "TLNU0000004" and first.placeholder_number
    assert position is not None and position.code == "0100282" and none is None
    assert first.dangerous[0].un_number == "3480" and second.reefer_setpoint_c == -18.0
    assert second.vgm_t == 30.0


@pytest.mark.parametrize(("old", "new", "named"), [
    ("45G1,25000", "99X1,25000", "line 2 iso_type"),
    ("25000", "-3", "line 2 vgm_kg"),
    ("UN3480", "UN9999", "line 2 un_numbers"),
    ("-18", "", "line 3 reefer_setpoint_c"),
    ("30000", "40000", "line 3 vgm_kg"),
    ("UN3480,9", "UN3480,3", "line 2 imo_classes"),
    ("0100282", "01002", "line 2 position"),
    ("CNTAO,USSAV,-18", "CNTAO,XX,-18", "line 3 pod"),
])
def test_bad_lines_name_line_and_column(old: str, new: str, named: str) -> None:
    with pytest.raises(InputError) as err:
        parse_load_list(GOOD.replace(old, new), placeholder=placeholder_number)
    assert str(err.value).startswith(named)


def test_empty_number_without_placeholder_is_an_error() -> None:
    with pytest.raises(InputError, match="line 2 number"):
        parse_load_list(GOOD)


def test_sample_mix_matches_the_case_brief(units: list) -> None:
    qingdao = [u for u in units if u.pol == "CNTAO"]
    teu = sum(u.teu for u in qingdao)
    assert teu == 2400                                   # the brief: 2,400 TEU on at Qingdao
    share = Counter()
    for u in qingdao:
        share["dg" if u.dangerous else u.iso_type] += u.teu / teu
    assert share["dg"] == pytest.approx(0.10, abs=0.01)
    assert share["45R1"] == pytest.approx(0.05, abs=0.01)
    assert share["42G1"] == pytest.approx(0.22, abs=0.01)
    dg = Counter(d.un_number for u in qingdao for d in u.dangerous)
    boxes = sum(dg.values())
    assert dg["3480"] / boxes == pytest.approx(0.45, abs=0.02)
    assert dg["3171"] / boxes == pytest.approx(0.35, abs=0.02)   # a 2024 sailing: UN3171
    assert "3556" not in dg
    assert {u.reefer_setpoint_c for u in units if u.is_reefer} == {-18.0, 2.0}


def test_westbound_cargo_is_aboard_on_arrival(units: list) -> None:
    aboard = aboard_on_arrival(read_case(CASE_PATH), units)
    assert sum(u.teu for u in aboard) == 4500                       # the brief's westbound
    assert sum(u.teu for u in aboard if u.pod == "CNTAO") == 1100   # 1,100 TEU off at Qingdao
    assert not any(u.dangerous for u in aboard)                    # westbound DG: none
    eastbound = sum(u.teu for u in units if u.pod.startswith("US"))
    assert eastbound == 11500                                       # aboard after Busan


def test_sample_weights_are_within_the_plates(units: list) -> None:
    assert all(u.vgm_t * 1000 <= {"22G1": 30480, "42G1": 32500, "45G1": 32500,
                                  "45R1": 34000}[u.iso_type] for u in units)
    # the brief's gross weights (cargo and tare together): 20' dry 8/18/28 t
    twenties = [u.vgm_t for u in units if u.iso_type == "22G1"]
    assert min(twenties) >= 8.0 and max(twenties) <= 28.0
    assert abs(sum(twenties) / len(twenties) - (8 + 18 + 28) / 3) < 0.5  # triangular mean


def test_same_seed_same_list_and_2026_uses_un3556(units: list) -> None:
    case = read_case(CASE_PATH)
    assert sample_load_list(case, "401E", 1) == units
    assert sample_load_list(case, "401E", 2) != units
    later = sample_load_list(case, "601E", 1)
    assert any(d.un_number == "3556" for u in later for d in u.dangerous)
    assert sailing_date(case, "401E").isoformat() == "2024-01-01"


def test_csv_round_trip_of_the_sample(units: list) -> None:
    assert parse_load_list(format_load_list(units)) == units


def test_cli_writes_the_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "ll.csv"
    assert main(["stow", "loadlist", str(CASE_PATH), "--voyage", "401E", "--seed", "1",
                 "--out", str(out)]) == 0
    assert len(parse_load_list(out.read_text(encoding="utf-8"))) == 9909
    assert main(["stow", "loadlist", str(CASE_PATH), "--voyage", "week1"]) == 2
    assert "voyage = 'week1'" in capsys.readouterr().err


def test_stowage_table_errors_name_the_key() -> None:
    with pytest.raises(InputError, match=r"stowage.mix\[0\].iso_type"):
        parse_stowage_cargo({"stowage": {"mix": [{"iso_type": "ZZZZ", "share": 0.9,
                                                   "gross_t": [1, 2, 3]}]}})
    with pytest.raises(InputError, match=r"stowage\.mix"):
        parse_stowage_cargo({"stowage": {"dg_teu_share": 0.5}})
