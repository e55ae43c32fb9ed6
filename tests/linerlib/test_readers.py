"""Readers: quirks of the LINER-LIB files, malformed input, our network format round trip."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService
from tradelane.errors import InputError
from tradelane.io.linerlib_data import (
    parse_demand,
    parse_distances,
    parse_fleet,
    parse_ports,
    parse_vessel_classes,
)
from tradelane.io.linerlib_network import (
    format_network_json,
    parse_log,
    parse_network_json,
    read_network,
    write_network,
)
from tradelane.linerlib.instance import load_instance

from .conftest import CLASSES, DISTANCES, PORTS

HEADER = "Origin\tDestination\tFFEPerWeek\tRevenue_1\tTransitTime\n"


def test_crlf_and_null_fields() -> None:
    demand = parse_demand(HEADER.replace("\n", "\r\n") + "AAAAA\tBBBBB\t5\t100\t3\r\n")
    assert demand[0].volume_ffe_per_week == 5
    ports = {p.unlocode: p for p in parse_ports(PORTS)}
    assert ports["WP001"].handling_cost_usd_per_ffe is None
    assert ports["WP001"].latitude_deg is None
    assert not ports["WP001"].is_complete and ports["AAAAA"].is_complete


def test_several_rows_per_pair_with_flags() -> None:
    rows = [r for r in parse_distances(DISTANCES) if (r.from_port, r.to_port) == ("BBBBB",
                                                                                   "CCCCC")]
    assert sorted((r.distance_nm, r.via_suez) for r in rows) == [(300, True), (480, False)]


def test_thousands_separator_and_duplicates_are_reported(tmp_path: Path) -> None:
    from .conftest import write_tiny

    data = write_tiny(tmp_path, "AAAAA\tBBBBB\t1.86\t100\t5\nAAAAA\tBBBBB\t3\t200\t5\n")
    inst = load_instance(data, "Tiny")
    assert [d.volume_ffe_per_week for d in inst.demands] == [1.86, 3]  # read as written
    assert any("line 2: FFEPerWeek = '1.86'" in w for w in inst.warnings)
    assert any("repeats line 2" in w for w in inst.warnings)


def test_worldsmall_both_demand_files(linerlib_root: Path) -> None:
    original = load_instance(linerlib_root, "WorldSmall", extra_ports=())
    fixed = load_instance(linerlib_root, "WorldSmall", fixed_demand=True, extra_ports=())
    volume = {(d.origin, d.destination): d.volume_ffe_per_week for d in fixed.demands}
    assert volume[("CNSHA", "DEBRV")] == 1860
    assert sum(1 for w in original.warnings if "thousands separator" in w) == 7
    assert not any("thousands separator" in w for w in fixed.warnings)


def test_wrong_usilm_distances_are_reported(linerlib_root: Path) -> None:
    inst = load_instance(linerlib_root, "WorldLarge", extra_ports=())
    assert any("USILM" in w and "suspect" in w for w in inst.warnings)
    assert sum("repeats line" in w for w in inst.warnings) == 7


def test_capacity_cases(linerlib_root: Path) -> None:
    low = load_instance(linerlib_root, "Baltic", "low", extra_ports=())
    high = load_instance(linerlib_root, "Baltic", "high", extra_ports=())
    # README: low = 0.8 x vessels (rounded), 1.4 x charter (nearest 1,000); high 1.2 / 0.8
    assert sum(low.fleet.values()) == 5 and sum(high.fleet.values()) == 7
    assert low.vessel_classes["Feeder_450"].charter_usd_per_day == 7000
    assert high.vessel_classes["Feeder_800"].charter_usd_per_day == 6000


@pytest.mark.parametrize(
    ("parser", "text", "expected"),
    [
        (parse_demand, HEADER + "AAAAA\tBBBBB\tlots\t100\t3\n",
         "x.csv line 2: FFEPerWeek = 'lots': not a number."),
        (parse_demand, HEADER + "AAAAA\tBBBBB\t5\t100\n",
         "x.csv line 2: line = 'AAAAA\\tBBBBB\\t5\\t100': expected 5 tab-separated fields, got 4."),
        (parse_demand, HEADER + "AAAAA\tAAAAA\t5\t100\t3\n",
         "x.csv line 2: Destination = 'AAAAA': equals the origin."),
        (parse_distances, "h\nAAAAA\tBBBBB\t12\t\t2\t0\n", "x.csv line 2: IsPanama = '2'"),
        (parse_ports, PORTS.replace("\t10\t10\t5\t1000", "\t-3\t10\t5\t1000", 1),
         "x.csv line 2: Draft = '-3'"),
        (parse_fleet, "h\nSmall\t2.5\n", "x.csv line 2: Quantity = '2.5': must be a whole"),
        (parse_vessel_classes, CLASSES.replace("\t10\t20\t10", "\t30\t20\t10"),
         "x.csv line 2: maxSpeed = '20': must be ≥ minSpeed."),
    ],
)
def test_malformed_files_name_file_line_and_field(parser, text, expected) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError) as info:
        parser(text, "x.csv")
    assert str(info.value).startswith(expected)
    assert str(info.value).count("\n") == 0


def test_malformed_network_json() -> None:
    service = LinerlibService("Small", 2, 12.5, ("AAAAA", "BBBBB"))
    good = format_network_json(LinerlibNetwork((service,)))
    with pytest.raises(InputError, match=r"net.json: services\[0\].vessels = 0: must be"):
        parse_network_json(good.replace('"vessels": 2', '"vessels": 0'), "net.json")
    with pytest.raises(InputError, match=r"net.json line 1: JSON"):
        parse_network_json("{", "net.json")
    with pytest.raises(InputError, match="format"):
        parse_network_json("{}", "net.json")


def test_malformed_log() -> None:
    text = "service 0 service id 0\ncapacity 999\n # vessels 1\n1\tAAAAA\tA\n2\tBBBBB\tB\n" \
           "\n speed 12\n ----Flow Solution ----\nObjective value: 1  Objective value " \
           "without penalty: 2\n"
    with pytest.raises(InputError, match=r"x.log line 1: capacity = 999\.0: matches no vessel"):
        parse_log(text, {450.0: "Feeder_450"}, "x.log")
    log = parse_log(text, {999.0: "Big"}, "x.log")
    assert log.network.services[0].calls == ("AAAAA", "BBBBB")
    assert (log.objective_usd, log.profit_usd) == (1, 2)


services = st.builds(
    LinerlibService,
    vessel_class=st.sampled_from(["Feeder_450", "Post_panamax"]),
    vessels=st.integers(1, 30),
    speed_kn=st.floats(8, 25, allow_nan=False),
    calls=st.lists(st.sampled_from(["DEBRV", "NLRTM", "CNSHA"]), min_size=2, max_size=6).filter(
        lambda c: all(a != b for a, b in zip(c, c[1:] + c[:1], strict=True))).map(tuple),
    name=st.text(max_size=8),
)


@given(st.lists(services, max_size=4), st.sampled_from([None, "low", "base", "high"]))
def test_network_json_round_trip(items: list[LinerlibService], case: str | None) -> None:
    network = LinerlibNetwork(tuple(items), "Baltic", case)
    assert parse_network_json(format_network_json(network)) == network


def test_network_file_round_trip(tmp_path: Path) -> None:
    service = LinerlibService("Feeder_450", 3, 11.1944, ("RULED", "FIKTK", "DEBRV"))
    network = LinerlibNetwork((service,))
    write_network(network, tmp_path / "n.json")
    assert read_network(tmp_path / "n.json") == network
