from __future__ import annotations

import pytest

from tradelane.errors import InputError
from tradelane.io.bap import parse_dbap, read_dbap

GOOD = "2\r\n2\r\n0 3 \r\n1 0\r\n4 99999\r\n2 5\r\n50 40\r\n30 30 2 1\r\n"


def test_crlf_weights_and_forbidden():
    inst = parse_dbap(GOOD, name="x")
    assert inst.arrival_h == (0, 3)
    assert inst.berth_open_h == (1, 0)
    assert inst.handling_h == ((4, None), (2, 5))
    assert inst.berth_close_h == (50, 40)
    assert inst.latest_departure_h == (30, 30)
    assert inst.weight_per_h == (2.0, 1.0)


def test_padding_and_missing_weights():
    text = "2\n2\n0 3\n1 0\n4 99999\n2 5\n50 40 600 600\n30 30 600\n"
    inst = parse_dbap(text)
    assert inst.berth_close_h == (50, 40)
    assert inst.latest_departure_h == (30, 30)
    assert inst.weight_per_h == (1.0, 1.0)


@pytest.mark.parametrize(("text", "needle"), [
    ("2\n2\n0 x\n1 0\n4 4\n2 5\n50 40\n30 30\n", "line 3 (arrival times, value 2)"),
    ("2\n2\n0 3\n1 0\n4\n2 5\n50 40\n30 30\n", "line 5 (handling times of ship 1)"),
    ("2\n2\n0 3\n1 0\n4 4\n2 5\n50 40\n", "line 8 (latest departure times)"),
    ("2\n2\n0 3\n1 0\n4 4\n2 5\n0 40\n30 30\n", "line 7 (closing time of berth 1)"),
    ("2\n2\n0 -3\n1 0\n4 4\n2 5\n50 40\n30 30\n", "negative"),
    ("0\n2\n", "number of ships"),
    ("", "line 1 (number of ships)"),
])
def test_malformed_names_line_and_field(text, needle):
    with pytest.raises(InputError) as err:
        parse_dbap(text)
    assert needle in str(err.value)


def test_every_benchmark_file_parses(bap_dir):
    files = sorted(bap_dir.glob("*/*.txt"))
    assert len(files) == 110
    for f in files:
        inst = read_dbap(f)
        n, m = (int(x) for x in f.stem[1:].split("-")[0].split("x"))
        assert (inst.n_ships, inst.n_berths) == (n, m)


def test_read_names_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("2\n2\n0 3\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.txt: line 4"):
        read_dbap(bad)
