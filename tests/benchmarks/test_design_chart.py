"""``tradelane bench design-chart``: time-to-best curves of a ``bench design`` CSV as SVG."""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tradelane.errors import InputError
from tradelane_bench.cli import main
from tradelane_bench.design_chart import curves_from_rows, curves_svg, parse_trace, read_curves

SAMPLE = Path(__file__).parent / "data" / "design-baltic-low.csv"
"""Three rows of a real ``bench design`` run (Baltic low, seeds 1-3, 27 CPU seconds)."""
SVG = "{http://www.w3.org/2000/svg}"
COLUMNS = ("instance", "seed", "capacity_case", "z_bdp_corrected_usd", "z_ts2014_usd",
           "time_limit_s", "clock", "trace")


def _rows(*traces: str, instance: str = "Tri") -> list[dict[str, str]]:
    """``bench design`` rows whose figures the tests choose: BDP −6 M, TS 2014 −8 M, 20 s."""
    return [dict(zip(COLUMNS, (instance, str(seed), "base", "-6000000.0", "-8000000.0", "20",
                               "cpu", trace), strict=True))
            for seed, trace in enumerate(traces, start=1)]


def _write(path: Path, rows: list[dict[str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def _y_ticks(root: ET.Element) -> dict[float, float]:
    """Tick label (million USD) → its y in pixels."""
    ticks = {}
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "ytick":
            line, text = g.find(f"{SVG}line"), g.find(f"{SVG}text")
            assert line is not None and text is not None and text.text
            ticks[float(text.text)] = float(line.get("y1", "nan"))
    return ticks


def _paths(root: ET.Element, cls: str) -> list[ET.Element]:
    return [p for p in root.iter(f"{SVG}path") if p.get("class") == cls]


def _line_y(root: ET.Element, cls: str) -> float:
    (line,) = [e for e in root.iter(f"{SVG}line") if e.get("class") == cls]
    assert line.get("y1") == line.get("y2")
    return float(line.get("y1", "nan"))


def _last_y(path: ET.Element) -> float:
    return float(re.findall(r"V(-?[\d.]+)", path.get("d", ""))[-1])


def test_real_rows_draw_one_step_line_per_seed_and_the_mean() -> None:
    root = ET.fromstring(curves_svg(read_curves(SAMPLE, "Baltic", "low")))
    assert [p.get("data-seed") for p in _paths(root, "seed")] == ["1", "2", "3"]
    assert len(_paths(root, "mean")) == 1
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Baltic low: best Z so far, 3 seeds (CPU seconds)"
    # the constructed start (+8.26 M) is far above BDP's +3.59 M: clipped, and the chart says so
    notes = [t.text or "" for t in root.iter(f"{SVG}text") if t.get("class") == "note"]
    assert len(notes) == 1 and "8.26 M" in notes[0]


def test_reference_lines_and_final_values_sit_on_their_ticks() -> None:
    curves = curves_from_rows(_rows("0.5:20000000 2:-2000000 10:-6000000",
                                    "0.5:15000000 1.5:-1000000 4:-8000000"), "Tri", "base")
    root = ET.fromstring(curves_svg(curves))
    ticks = _y_ticks(root)
    assert ticks[-8.0] > ticks[-6.0]  # lower Z is lower on the chart
    assert _line_y(root, "ref-bdp") == ticks[-6.0]
    assert _line_y(root, "ref-ts") == ticks[-8.0]
    seed1, seed2 = _paths(root, "seed")
    assert _last_y(seed1) == ticks[-6.0]
    assert _last_y(seed2) == ticks[-8.0]
    (mean,) = _paths(root, "mean")
    assert _last_y(mean) == ticks[-7.0]
    # every step line is held flat until the time limit, at the right edge of the frame
    x_ticks = [float(g.find(f"{SVG}line").get("x1", "nan"))  # type: ignore[union-attr]
               for g in root.iter(f"{SVG}g") if g.get("class") == "xtick"]
    for path in (seed1, seed2, mean):
        assert path.get("d", "").endswith(f"H{max(x_ticks)}")


def test_no_clip_note_when_everything_fits() -> None:
    root = ET.fromstring(curves_svg(curves_from_rows(_rows("0.1:-5000000 3:-7000000"),
                                                     "Tri", "base")))
    assert not [t for t in root.iter(f"{SVG}text") if t.get("class") == "note"]


def test_trace_keeps_the_best_so_far() -> None:
    assert parse_trace("0.1:5 1.0:7 2.5:3") == ((0.1, 5.0), (1.0, 5.0), (2.5, 3.0))


@pytest.mark.parametrize("trace", ["0.1:5 x:3", "0.1:5 2", "", "0.1:nan", "3:5 1:4", "-1:5"])
def test_malformed_trace_names_the_field(trace: str) -> None:
    with pytest.raises(InputError) as err:
        curves_from_rows(_rows(trace), "Tri", "base")
    assert err.value.field == "trace"
    assert err.value.value == trace


def test_cli_writes_the_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "charts" / "baltic-low.svg"
    code = main(["design-chart", "--csv", str(SAMPLE), "--instance", "Baltic", "--case", "low",
                 "--out", str(out)])
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip() == f"wrote {out}"
    assert ET.parse(out).getroot().tag == f"{SVG}svg"


@pytest.mark.parametrize(("args", "words"), [
    (["--instance", "WAF", "--case", "low"], ["--instance", "'WAF'", "Baltic"]),
    (["--instance", "Baltic", "--case", "high"], ["--case", "'high'", "low"])])
def test_cli_unknown_instance_or_case_is_one_sentence(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
        words: list[str]) -> None:
    out = tmp_path / "x.svg"
    assert main(["design-chart", "--csv", str(SAMPLE), *args, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert all(w in err for w in words)
    assert not out.exists()


def test_cli_malformed_trace_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sheet = _write(tmp_path / "design.csv", _rows("0.1:5 oops"))
    assert main(["design-chart", "--csv", str(sheet), "--instance", "Tri", "--out",
                 str(tmp_path / "x.svg")]) == 2
    assert "trace = '0.1:5 oops'" in capsys.readouterr().err
