"""The public core stays small, and the installed product does not need ../shared."""

from __future__ import annotations

from pathlib import Path

import tradelane
from tradelane.data import load_reference

SRC = Path(tradelane.__file__).resolve().parent


def test_public_names() -> None:
    assert sorted(tradelane.__all__) == ["InputError", "Result", "Status", "TradelaneError"]
    for name in tradelane.__all__:
        assert getattr(tradelane, name)


def test_product_never_reads_shared() -> None:
    offenders = [p for p in SRC.rglob("*.py") if "../shared" in p.read_text()
                 or "benchmarks/linerlib" in p.read_text()]
    assert offenders == []


def test_port_table_knows_the_lane_and_linerlib_ports() -> None:
    ref = load_reference()
    for code in ("CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"):
        assert ref.ports[code].lat_deg is not None
    assert ref.canonical_locode("cnqdg") == "CNTAO"
    assert len(ref.ports) > 3_000


def test_usage_errors_exit_2() -> None:
    from tradelane.cli import main

    assert main(["plan"]) == 2
    assert main(["plan", "x.toml", "--no-such-flag"]) == 2
