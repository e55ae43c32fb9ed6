"""Rebuild ``src/tradelane/data/ports.csv`` from public facts (a maintainer's tool).

Sources, in order of precedence (first wins per UN/LOCODE):
1. terminal coordinates and controlling depths of the reference case
   (``shared/case/shandong-usec.md``; depths are approximate public figures, marked as assumptions);
2. LINER-LIB ``data/ports.csv`` (Brouer et al. 2014): port-centre coordinates only — its drafts are
   2011 benchmark values kept for LINER-LIB work, not for the product table;
3. the port list shipped with ``searoute`` (Apache-2.0).

Usage: python scripts/build_port_table.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from pathlib import Path

import searoute

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "tradelane" / "data" / "ports.csv"

# (locode, name, lat, lon, controlling depth m, depth note) — reference case brief, terminal level.
REFERENCE_TERMINALS = [
    ("CNTAO", "Qingdao (Qianwan)", 36.050, 120.217, 17.5, "Qianwan berth depth ~17.5 m"),
    ("CNNGB", "Ningbo (Beilun)", 29.930, 121.860, 17.0, "Beilun/Meishan ~17 m"),
    ("KRPUS", "Busan (New Port)", 35.080, 128.800, 17.0, "Busan New Port ~17 m"),
    ("USSAV", "Savannah (Garden City)", 32.120, -81.140, 14.3, "47 ft MLLW channel (2022)"),
    ("USCHS", "Charleston (Wando Welch)", 32.830, -79.900, 15.8, "52 ft MLLW channel (2022)"),
    ("USILM", "Wilmington NC", 34.190, -77.955, 12.8, "42 ft channel"),
]
# Codes that a source gives to a port whose entry above wins; they are not ports of their own.
ALIAS_CODES = {"CNQIN", "CNQDG", "CNNBO", "CNNBG"}
LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")  # UN/LOCODE: no digits 0 or 1
FIELDS = ["locode", "name", "country", "lat_deg", "lon_deg", "max_draft_m", "source", "note"]


def _rows(shared: Path) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    for code, name, lat, lon, depth, note in REFERENCE_TERMINALS:
        rows[code] = {"locode": code, "name": name, "country": code[:2], "lat_deg": str(lat),
                      "lon_deg": str(lon), "max_draft_m": str(depth),
                      "source": "case-brief", "note": f"approximate public figure: {note}"}
    with open(shared / "benchmarks/linerlib/data/ports.csv", newline="") as fh:
        for rec in csv.DictReader(fh, delimiter="\t"):
            code = rec["UNLocode"].strip()
            if code in rows or code in ALIAS_CODES or not LOCODE.match(code):
                continue
            lat, lon, note = _linerlib_position(rec)
            rows[code] = {"locode": code, "name": rec["name"], "country": code[:2],
                          "lat_deg": lat, "lon_deg": lon, "max_draft_m": "",
                          "source": "linerlib", "note": note}
    geo = Path(searoute.__file__).parent / "data" / "ports.geojson"
    for feat in json.loads(geo.read_text())["features"]:
        code = feat["properties"]["port"]
        if code in rows and not rows[code]["lat_deg"]:
            del rows[code]  # LINER-LIB knows the code but not where it is: take searoute's place
        if code in rows or code in ALIAS_CODES or not LOCODE.match(code):
            continue
        lon, lat = feat["geometry"]["coordinates"]
        rows[code] = {"locode": code, "name": feat["properties"]["name"], "country": code[:2],
                      "lat_deg": f"{lat:.5f}", "lon_deg": f"{lon:.5f}", "max_draft_m": "",
                      "source": "searoute", "note": ""}
    return rows


def _linerlib_position(rec: dict[str, str]) -> tuple[str, str, str]:
    """Latitude, longitude and a note; LINER-LIB swaps the two for a few ports."""
    lat, lon = rec["Latitude"].strip(), rec["Longitude"].strip()
    if lat in ("", "NULL") or lon in ("", "NULL"):
        return "", "", "no coordinates in LINER-LIB"
    if abs(float(lat)) > 90 >= abs(float(lon)):
        return lon, lat, "latitude and longitude swapped in LINER-LIB; corrected"
    return lat, lon, ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args()
    rows = _rows(args.shared)
    with open(OUT, "w", newline="") as fh:
        writer = csv.DictWriter(fh, FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows[k] for k in sorted(rows))
    print(f"wrote {len(rows)} ports to {OUT.relative_to(REPO)}")


if __name__ == "__main__":
    main()
