"""BAPLIE 2.2: round trip through pydifact, SMDG segments, errors naming the segment."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.errors import InputError
from tradelane.io.baplie import format_baplie, parse_baplie

WHEN = datetime(2024, 1, 1, 12, 30, tzinfo=UTC)
REEFER = ContainerUnit("MSCU1234565", "45R1", 27.5, "CNTAO", "USSAV", reefer_setpoint_c=-18.0,
                       booking_reference="BK1")
BATTERIES = ContainerUnit("TLNU0000004", "45G1", 25.0, "CNTAO", "USILM",
                          dangerous=(DangerousCargo("3480", "9"), DangerousCargo("1263", "3")),
                          placeholder_number=True)
DRY = ContainerUnit("CSQU3054383", "22G1", 12.34, "KRPUS", "USCHS")
PLAN = (Placement(REEFER, SlotPosition(2, 1, 82)), Placement(BATTERIES, SlotPosition(6, 0, 2)),
        Placement(DRY, SlotPosition(101, 12, 84)))


def text() -> str:
    return format_baplie(PLAN, vessel="Sue 01", voyage="401E", port="CNTAO", next_port="CNNGB",
                         prepared_at=WHEN, call_sign="9V1234", carrier="SUE",
                         departure=datetime(2024, 1, 1, 18, 0, tzinfo=UTC))


def test_round_trip_keeps_every_field() -> None:
    message = parse_baplie(text())
    assert message.placements == PLAN
    assert (message.vessel, message.voyage, message.port, message.next_port) == (
        "SUE 01", "401E", "CNTAO", "CNNGB")
    assert (message.call_sign, message.carrier, message.prepared_at) == ("9V1234", "SUE", WHEN)
    assert message.departure == datetime(2024, 1, 1, 18, 0, tzinfo=UTC)


def test_segments_follow_the_smdg_guide() -> None:
    lines = text().splitlines()
    assert lines[0] == "UNB+UNOA:2+TRADELANE+ZZZ+240101:1230+1'"
    assert lines[1] == "UNH+1+BAPLIE:D:95B:UN:SMDG22'"
    assert lines[4] == "TDT+20+401E+++SUE:172:20+++9V1234:103::SUE 01'"
    reefer = lines[lines.index("LOC+147+0020182::5'"):]
    assert reefer[1:8] == ["MEA+WT++KGM:27500'", "TMP+2+-18:CEL'", "LOC+9+CNTAO:139:6'",
                           "LOC+11+USSAV:139:6'", "RFF+BM:BK1'",
                           "EQD+CN+MSCU1234565+45R1:102:5+++5'", "NAD+CA+SUE:172:20'"]
    assert "DGS+IMD+9+3480'" in lines and "DGS+IMD+3+1263'" in lines
    # UNT counts UNH … UNT
    unh, unt = lines.index("UNH+1+BAPLIE:D:95B:UN:SMDG22'"), len(lines) - 2
    assert lines[unt] == f"UNT+{unt - unh + 1}+1'"
    assert lines[-1] == "UNZ+1+1'"


def test_reads_another_tools_dialect() -> None:
    other = ("UNB+UNOA:2+X+Y+210118:1038+31'UNH+A1+BAPLIE:D:95B:UN:SMDG22'BGM++R0+9'"
             "DTM+137:2101181038:201'TDT+20+010E+++:172:20+++A8VP5:103:ZZZ:'"
             "LOC+5+GBLGP:139:6'LOC+147+0371582::5'MEA+VGM++LBR:22046'TMP+2+032:FAH'"
             "LOC+9+DEHAM:139:6+CTT:TER:306'LOC+11+SGSIN:139:6'RFF+BN:269'"
             "EQD+CN+CSNU 1487660+22R1:102:5++2+5'DGS+IMD+9+3082++3+F-AS-F'UNT+12+A1'UNZ+1+31'")
    message = parse_baplie(other)
    unit = message.placements[0].container
    assert message.placements[0].position == SlotPosition(37, 15, 82)
    assert unit.number == "CSNU1487660" and unit.booking_reference == "269"
    assert unit.vgm_t == pytest.approx(10.0, abs=0.001)       # 22,046 lb
    assert unit.reefer_setpoint_c == pytest.approx(0.0)         # 32 °F
    assert unit.dangerous == (DangerousCargo("3082", "9"),)


@pytest.mark.parametrize(("bad", "named"), [
    ("LOC+147+0020182::5'", "LOC+147+XYZ::5'"),
    ("EQD+CN+MSCU1234565+45R1:102:5+++5'", "NAD+ZZ+X'"),
    ("MEA+WT++KGM:27500'", "MEA+WT++KGM:heavy'"),
    ("DGS+IMD+9+3480'", "DGS+IMD+9+34'"),
])
def test_bad_segment_is_named(bad: str, named: str) -> None:
    broken = text().replace(bad, named)
    with pytest.raises(InputError, match="BAPLIE segment"):
        parse_baplie(broken)


def test_not_a_baplie() -> None:
    with pytest.raises(InputError, match="not readable EDIFACT"):
        parse_baplie("hello world")
    with pytest.raises(InputError, match="UNH"):
        parse_baplie("UNH+1+IFTMIN:D:95B:UN'UNT+2+1'")
