"""Cabotage is configurable per case: the server's case file allows a country's domestic legs."""

from __future__ import annotations

from pathlib import Path

import pytest
from apikit import CASE, Server, add_party, booking, publish, sailings

from tradelane.errors import InputError
from tradelane.io.case_toml import parse_case


def _case_allowing(tmp_path: Path, countries: str) -> Path:
    text = CASE.read_text(encoding="utf-8") + f"\n[booking]\ncabotage_allowed = {countries}\n"
    path = tmp_path / "case.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_case_parses_and_checks_the_countries(tmp_path: Path) -> None:
    assert parse_case(_case_allowing(tmp_path, '["CN"]').read_text()).cabotage_allowed == ("CN",)
    with pytest.raises(InputError, match=r"booking\.cabotage_allowed"):
        parse_case(_case_allowing(tmp_path, '["China"]').read_text())


@pytest.mark.parametrize(("countries", "status"), [('["CN"]', 202), ("[]", 400)])
def test_the_servers_case_decides_domestic_legs(tmp_path: Path, countries: str,
                                                status: int) -> None:
    db_url = f"sqlite:///{tmp_path / 'cab.sqlite3'}"
    publish(db_url)
    keys = {"acme": add_party(db_url, "Acme", "shipper")}
    server = Server(db_url, keys, "--case", str(_case_allowing(tmp_path, countries)),
                    env={"TRADELANE_CABOTAGE_ALLOWED": "[]"})
    try:
        with server.client("acme") as c:
            voyage = sailings(c, "CNTAO", "CNNGB")[0]
            r = c.post("/v2/bookings", json=booking(voyage, pod="CNNGB"))
            assert r.status_code == status, r.text
            if status == 400:
                assert "cabotage" in r.json()["statusCodeMessage"]
    finally:
        server.stop()
