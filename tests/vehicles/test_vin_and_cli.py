"""VINs (ISO 3779 with the position-9 check digit) and the ``tradelane vehicles`` and
``tradelane parties`` commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from vehiclekit import cli, vin

from tradelane.app.vehicles import check_vin
from tradelane.errors import InputError


@pytest.mark.parametrize("good", [
    "1M8GDM9AXKP042788",  # the 49 CFR 565 textbook example, check digit X
    "LFV2A21K6E4123456", vin(1), vin(999_999), "lfv2a21k6e4123456",
    "WVWZZZ1KZ6W123456",  # made in Germany: no check digit required there
])
def test_good_vins_are_accepted(good: str) -> None:
    assert check_vin(good) == good.upper()


@pytest.mark.parametrize(("bad", "reason"), [
    ("1M8GDM9A1KP042788", "check digit '1' at position 9"),
    ("LFV2A21K5E4123456", "check digit '5' at position 9"),
    ("1M8GDM9AXKP04278O", "letter O"), ("1M8GDM9AXKP0427Q8", "letter Q"),
    ("IM8GDM9AXKP042788", "letter I"),
    ("1M8GDM9AXKP04278", "17 characters"), ("1M8GDM9AXKP0427888", "17 characters"),
    ("1M8GDM9AXKP04278!", "alphanumeric"),
])
def test_bad_vins_are_refused_with_the_reason(bad: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as raised:
        check_vin(bad)
    assert raised.value.field == "vin"


def test_qr_writes_svg_and_png(tmp_path: Path) -> None:
    svg, png = tmp_path / "car.svg", tmp_path / "car.png"
    code, out, _ = cli("vehicles", "qr", vin(5), "--base-url", "https://trade.example.org/",
                       "--out", str(svg))
    assert code == 0 and f"https://trade.example.org/vehicle.html?vin={vin(5)}" in out
    assert svg.read_text().lstrip().startswith("<?xml") and "<svg" in svg.read_text()
    assert cli("vehicles", "qr", vin(5), "--base-url", "http://127.0.0.1:8000",
               "--out", str(png))[0] == 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(("args", "message"), [
    (["--base-url", "trade.example.org"], "--base-url = 'trade.example.org'"),
    (["--base-url", "https://x.org", "--out", "car.jpg"], "--out = 'car.jpg'"),
    (["--base-url", "https://x.org", "--out", "car.svg", "--vin-typo"], "No such option"),
])
def test_qr_bad_input_is_one_sentence(tmp_path: Path, args: list[str], message: str,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, _, err = cli("vehicles", "qr", vin(5), *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_verify_of_a_bad_or_unknown_vin_is_exit_2(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'v.sqlite3'}"
    code, _, err = cli("vehicles", "verify", "1M8GDM9A1KP042788", "--db", db)
    assert code == 2 and "position 9" in err
    code, _, err = cli("vehicles", "verify", vin(3), "--db", db)
    assert code == 2 and "not a registered vehicle" in err


@pytest.mark.parametrize("role", ["dealer", "registrar", "inspector", "exporter", "buyer"])
def test_parties_take_the_chain_roles(tmp_path: Path, role: str) -> None:
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    code, out, err = cli("parties", "add", f"A {role}", "--role", role, "--db", db)
    assert code == 0 and out.startswith("tl_") and f"({role})" in err
    code, _, err = cli("parties", "add", "Nobody", "--role", "customs", "--db", db)
    assert code == 2 and "--role = 'customs'" in err and "buyer" in err
