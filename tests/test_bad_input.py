"""Every kind of bad case input: one sentence naming the field and the value."""

from __future__ import annotations

import re

import pytest

from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case


def _edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


@pytest.mark.parametrize(("old", "new", "field", "value"), [
    ('"KRPUS", "USSAV"', '"KRPUS", "XXZZZ"', "service.rotation[3]", "XXZZZ"),
    ('"KRPUS", "USSAV"', '"KRPUS", "usnope"', "service.rotation[3]", "usnope"),
    ('rotation = ["CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"]', 'rotation = ["CNTAO"]',
     "service.rotation", "CNTAO"),
    ('"CNNGB", "KRPUS"', '"CNNGB", "CNNGB"', "service.rotation[1]", "CNNGB"),
    ('vessel_class = "A13"', 'vessel_class = "B99"', "fleet.vessel_class", "B99"),
    ("ships = 12", "ships = 0", "fleet.ships", "0"),
    ("ships = 12", "ships = -3", "fleet.ships", "-3"),
    ("ships = 12", 'ships = "twelve"', "fleet.ships", "twelve"),
    ("port_stay_h = 24 ", "port_stay_h = -1 ", "port_stay_h at CNTAO", "-1"),
    ("frequency_days = 7", "frequency_days = 0", "service.frequency_days", "0"),
    ('code = "SUE"', 'code = "TOOLONG"', "service.code", "TOOLONG"),
    ("bunker_usd_per_t = 600", "bunker_usd_per_t = -600", "economics.bunker_usd_per_t", "-600"),
    ('fuel = "HFO"', 'fuel = "COAL"', "economics.fuel", "COAL"),
    ('options = ["panama", "suez", "cape"]', 'options = ["panama", "moon"]',
     "routing.options[1]", "moon"),
    ('closed = ["suez"]', 'closed = ["bosphorus"]', "routing.closed[0]", "bosphorus"),
    ("panama_draft_limit_m = 13.41", "panama_draft_limit_m = -13.41",
     "routing.panama_draft_limit_m", "-13.41"),
    ('port_draft = "warn"', 'port_draft = "maybe"', "routing.port_draft", "maybe"),
    ("max_speed_kn = 24.0", "max_speed_kn = 0", "vessel_classes.A13.max_speed_kn", "0"),
    ("min_speed_kn = 12.0", "min_speed_kn = 18.0", "vessel_classes.A13.design_speed_kn", "17"),
    ("reefer_plugs = 1000", "reefer_plugs = 1000\nloa_ft = 1200",
     "vessel_classes.A13.loa_ft", "1200"),
    ("start = 2024-01-01T00:00:00Z", 'start = "yesterday"', "service.start", "yesterday"),
])
def test_bad_field_is_named_with_its_value(case_text: str, old: str, new: str, field: str,
                                           value: str) -> None:
    with pytest.raises(InputError) as err:
        parse_case(_edit(case_text, old, new))
    message = str(err.value)
    assert message.startswith(field), message
    assert value in message, message
    assert message.count(". ") == 0 and message.endswith("."), "one sentence"


def test_malformed_toml_names_the_file_and_line(case_text: str) -> None:
    with pytest.raises(InputError) as err:
        parse_case(case_text.replace("ships = 12", "ships = = 12"), source="my.toml")
    assert "my.toml" in str(err.value) and re.search(r"line \d+", str(err.value))


def test_missing_required_table(case_text: str) -> None:
    start = case_text.index("[economics]")
    end = case_text.index("[routing]")
    with pytest.raises(InputError, match=r"^\[economics\]"):
        parse_case(case_text[:start] + case_text[end:])


def test_missing_required_key(case_text: str) -> None:
    with pytest.raises(InputError, match=r"^fleet\.ships = None: is missing"):
        parse_case(case_text.replace("ships = 12\n", ""))


def test_port_defined_in_the_case_needs_coordinates(case_text: str) -> None:
    text = case_text.replace('"USILM"]', '"USILM", "USZZZ"]') + "\n[ports.USZZZ]\nname = 'Z'\n"
    with pytest.raises(InputError, match="USZZZ"):
        parse_case(text)
    text += "lat_deg = 30.0\nlon_deg = -80.0\n"
    assert parse_case(text).ports["USZZZ"].lat_deg == 30.0


def test_aliases_resolve_to_the_canonical_code(case_text: str) -> None:
    case = parse_case(case_text.replace('"CNTAO", "CNNGB"', '"CNQIN", "CNNBO"'))
    assert case.service.rotation[:2] == ("CNTAO", "CNNGB")
