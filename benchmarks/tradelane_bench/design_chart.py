"""``tradelane-bench design-chart``: the time-to-best curves of one (instance, capacity case)
of a ``tradelane bench design`` CSV, drawn as a self-contained SVG (no script, no web font).

Each seed's ``trace`` (``seconds:Z`` pairs, the first the constructed start, then each
improvement) becomes a step line of the best Z so far, held until the time limit; the mean of
the seeds' best-so-far is drawn thicker, and BDP's corrected Z and the TS 2014 Z are dashed
reference lines. Z is the 180-day objective in USD (negative = profit): lower is better.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Annotated

import typer

from tradelane.errors import InputError
from tradelane_bench.cli import app

__all__ = ["DesignCurves", "SeedCurve", "best_at", "curves_from_rows", "curves_svg", "mean_curve",
           "parse_trace", "read_curves"]

Point = tuple[float, float]
"""(seconds, Z in USD)."""

_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf")
_REFERENCES = (("ref-bdp", "BDP 2014 corrected", "z_bdp_corrected_usd", "8 4", "#c0392b"),
               ("ref-ts", "TS 2014", "z_ts2014_usd", "3 3", "#555"))
"""Reference lines: class, label, field of :class:`DesignCurves`, dash pattern, colour."""
_CLOCKS = {"cpu": "CPU seconds", "wall": "wall-clock seconds", "": "seconds"}
_EARLY_FRACTION = 0.1
"""The top of the y axis is the seeds' worst best-so-far at this fraction of the time limit."""


@dataclass(frozen=True, slots=True)
class SeedCurve:
    """One run's best Z so far: ``points`` are (seconds, Z USD), time ascending, Z falling."""

    seed: int
    points: tuple[Point, ...]

    @property
    def final_z_usd(self) -> float:
        """The best Z the run found."""
        return self.points[-1][1]


@dataclass(frozen=True, slots=True)
class DesignCurves:
    """The curves of one (instance, capacity case) and the published figures to compare with.

    ``clock`` is the CSV's ``clock`` column (``cpu``, ``wall``, or empty in older files);
    ``time_limit_s`` the longest time limit (or trace time) of its rows.
    """

    instance: str
    capacity_case: str
    clock: str
    time_limit_s: float
    z_bdp_corrected_usd: float | None
    z_ts2014_usd: float | None
    seeds: tuple[SeedCurve, ...]


def parse_trace(text: str) -> tuple[Point, ...]:
    """``"0.1:8263941 1.8:6222983"`` → the best-so-far points (a worse later Z is ignored).

    Raises
    ------
    InputError
        Naming ``trace`` when the text is empty, a pair is not ``seconds:Z`` with finite
        numbers, or the seconds are negative or go back in time.
    """
    points: list[Point] = []
    for pair in text.split():
        seconds, _, z = pair.partition(":")
        try:
            t, value = float(seconds), float(z)
        except ValueError:
            raise InputError("trace", text, f"pair {pair!r} is not seconds:Z") from None
        if not (math.isfinite(t) and math.isfinite(value)) or t < 0:
            raise InputError("trace", text, f"pair {pair!r} is not finite seconds >= 0 and Z")
        if points and t < points[-1][0]:
            raise InputError("trace", text, f"pair {pair!r} goes back in time")
        points.append((t, min(value, points[-1][1]) if points else value))
    if not points:
        raise InputError("trace", text, "has no seconds:Z pair")
    return tuple(points)


def _number(row: Mapping[str, str | None], field: str) -> float | None:
    text = (row.get(field) or "").strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        raise InputError(field, text, "is not a number") from None
    if not math.isfinite(value):
        raise InputError(field, text, "is not a finite number")
    return value


def _one(rows: Iterable[Mapping[str, str | None]], field: str) -> str:
    found = sorted({(r.get(field) or "").strip() for r in rows})
    if len(found) > 1:
        raise InputError(field, ", ".join(found), "differs between the rows of one chart")
    return found[0] if found else ""


def _reference(rows: Sequence[Mapping[str, str | None]], field: str) -> float | None:
    _one(rows, field)
    return _number(rows[0], field)


def curves_from_rows(rows: Iterable[Mapping[str, str | None]], instance: str, case: str,
                     source: str = "the CSV") -> DesignCurves:
    """The curves of ``instance``/``case`` among ``bench design`` rows (``csv.DictReader``)."""
    rows = list(rows)
    names = sorted({r.get("instance") or "" for r in rows})
    if instance not in names:
        raise InputError("instance", instance, f"is not in {source} (it has "
                         f"{', '.join(names) or 'no rows'})")
    mine = [r for r in rows if r.get("instance") == instance]
    cases = sorted({r.get("capacity_case") or "" for r in mine})
    if case not in cases:
        raise InputError("case", case, f"has no {instance} rows in {source} (it has "
                         f"{', '.join(cases)})")
    mine = [r for r in mine if r.get("capacity_case") == case]
    seeds: dict[int, SeedCurve] = {}
    for r in mine:
        seed = _number(r, "seed")
        if seed is None or seed != int(seed):
            raise InputError("seed", r.get("seed"), "is not a whole number")
        if int(seed) in seeds:
            raise InputError("seed", int(seed), f"appears twice for {instance} {case}")
        seeds[int(seed)] = SeedCurve(int(seed), parse_trace(r.get("trace") or ""))
    limits = [v for r in mine if (v := _number(r, "time_limit_s")) is not None]
    last = max(c.points[-1][0] for c in seeds.values())
    return DesignCurves(
        instance=instance, capacity_case=case,
        clock=_one(mine, "clock"), time_limit_s=max([*limits, last]) or 1.0,
        z_bdp_corrected_usd=_reference(mine, "z_bdp_corrected_usd"),
        z_ts2014_usd=_reference(mine, "z_ts2014_usd"),
        seeds=tuple(seeds[s] for s in sorted(seeds)))


def read_curves(path: Path, instance: str, case: str) -> DesignCurves:
    """:func:`curves_from_rows` of the CSV file at ``path``."""
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = {"instance", "capacity_case", "seed", "trace"} - set(reader.fieldnames or ())
        if missing:
            raise InputError("csv", str(path), f"has no {', '.join(sorted(missing))} column "
                             "(is it a `tradelane bench design` CSV?)")
        return curves_from_rows(reader, instance, case, str(path))


def best_at(points: Sequence[Point], t: float) -> float:
    """The best Z so far at ``t`` seconds (the start's before the first point)."""
    best = points[0][1]
    for time_s, z in points:
        if time_s > t:
            break
        best = z
    return best


def mean_curve(seeds: Sequence[SeedCurve]) -> tuple[Point, ...]:
    """The seeds' mean best-so-far at each improvement, from when every seed has a network."""
    start = max(c.points[0][0] for c in seeds)
    times = sorted({start} | {t for c in seeds for t, _ in c.points if t > start})
    return tuple((t, sum(best_at(c.points, t) for c in seeds) / len(seeds)) for t in times)


def _ticks(lo: float, hi: float, count: int = 8) -> tuple[list[float], float]:
    """Round values (1, 2 or 5 × 10^k apart) between ``lo`` and ``hi``, and the step."""
    raw = (hi - lo) / count
    power = 10.0 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= raw)
    first = math.ceil(lo / step - 1e-9)
    return [k * step for k in range(first, math.floor(hi / step + 1e-9) + 1)], step


def _label(value: float, step: float) -> str:
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"{0.0 if abs(value) < step / 2 else value:.{decimals}f}"


@dataclass(frozen=True, slots=True)
class _Frame:
    """The plot area in pixels and the value range it shows."""

    left_px: float
    right_px: float
    top_px: float
    bottom_px: float
    t_max_s: float
    z_lo_usd: float
    z_hi_usd: float

    def x(self, t: float) -> float:
        return round(self.left_px + t / self.t_max_s * (self.right_px - self.left_px), 1)

    def y(self, z: float) -> float:
        share = (z - self.z_lo_usd) / (self.z_hi_usd - self.z_lo_usd)
        return round(self.bottom_px - share * (self.bottom_px - self.top_px), 1)

    def step_path(self, points: Sequence[Point]) -> str:
        d = [f"M{self.x(points[0][0])},{self.y(points[0][1])}"]
        d += [f"H{self.x(t)}V{self.y(z)}" for t, z in points[1:]]
        return " ".join([*d, f"H{self.x(self.t_max_s)}"])


def _z_range(curves: DesignCurves) -> tuple[float, float]:
    refs = [z for z in (curves.z_bdp_corrected_usd, curves.z_ts2014_usd) if z is not None]
    values = [z for c in curves.seeds for _, z in c.points]
    early = curves.time_limit_s * _EARLY_FRACTION
    lo = min(values + refs)
    hi = max(refs + [best_at(c.points, early) for c in curves.seeds])
    span = hi - lo or max(abs(lo) * 0.01, 1.0)
    return lo - 0.05 * span, hi + 0.05 * span


def curves_svg(curves: DesignCurves, *, width_px: int = 900, height_px: int = 520) -> str:
    """The chart of ``curves`` as a self-contained SVG document (a string).

    x: seconds from 0 to the time limit; y: Z in million USD, from the lowest value to the
    highest of the references and of the seeds' best Z at a tenth of the time limit, so a
    constructed start far above is clipped (a note on the chart says so).
    """
    if not curves.seeds:
        raise InputError("seeds", 0, "a chart needs at least one seed's trace")
    z_lo, z_hi = _z_range(curves)
    f = _Frame(left_px=80, right_px=width_px - 200, top_px=62, bottom_px=height_px - 50,
               t_max_s=curves.time_limit_s, z_lo_usd=z_lo, z_hi_usd=z_hi)
    n = len(curves.seeds)
    clock = _CLOCKS.get(curves.clock, f"{curves.clock} seconds")
    title = (f"{curves.instance} {curves.capacity_case}: best Z so far, "
             f"{n} seed{'s' if n > 1 else ''} ({clock})")
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width_px}" height="{height_px}" '
             f'viewBox="0 0 {width_px} {height_px}" font-family="sans-serif" font-size="11">',
             f"<title>{escape(title)}</title>",
             '<rect width="100%" height="100%" fill="#fff"/>',
             f'<clipPath id="plot-area"><rect x="{f.left_px}" y="{f.top_px}" '
             f'width="{f.right_px - f.left_px}" height="{f.bottom_px - f.top_px}"/></clipPath>',
             f'<text x="{f.left_px}" y="22" font-size="15">{escape(title)}</text>']
    parts += _clip_note(curves, f)
    parts += _axes(f, clock)
    for i, c in enumerate(curves.seeds):
        parts.append(f'<path class="seed" data-seed="{c.seed}" d="{f.step_path(c.points)}" '
                     f'fill="none" stroke="{_colour(i)}" stroke-width="1.2" '
                     f'stroke-opacity="0.8" clip-path="url(#plot-area)">'
                     f"<title>seed {c.seed}: best Z {c.final_z_usd / 1e6:.2f} M</title></path>")
    mean = mean_curve(curves.seeds)
    parts.append(f'<path class="mean" d="{f.step_path(mean)}" fill="none" stroke="#000" '
                 f'stroke-width="3" clip-path="url(#plot-area)"><title>mean of {n} seeds: '
                 f"{mean[-1][1] / 1e6:.2f} M at the end</title></path>")
    parts += _references(curves, f)
    parts += _legend(curves, mean[-1][1], f)
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def _colour(i: int) -> str:
    return _COLOURS[i] if i < len(_COLOURS) else f"hsl({(i * 47) % 360},60%,45%)"


def _clip_note(curves: DesignCurves, f: _Frame) -> list[str]:
    top = max(z for c in curves.seeds for _, z in c.points)
    if top <= f.z_hi_usd:
        return []
    return [f'<text class="note" x="{f.left_px}" y="42" fill="#555">Values above '
            f"{f.z_hi_usd / 1e6:.2f} M are off the top of the chart (highest: the start at "
            f"{top / 1e6:.2f} M).</text>"]


def _axes(f: _Frame, clock: str) -> list[str]:
    parts = [f'<rect x="{f.left_px}" y="{f.top_px}" width="{f.right_px - f.left_px}" '
             f'height="{f.bottom_px - f.top_px}" fill="none" stroke="#333"/>']
    z_ticks, z_step = _ticks(f.z_lo_usd / 1e6, f.z_hi_usd / 1e6)
    for v in z_ticks:
        y = f.y(v * 1e6)
        parts.append(f'<g class="ytick"><line x1="{f.left_px - 4}" y1="{y}" x2="{f.right_px}" '
                     f'y2="{y}" stroke="#ddd"/><text x="{f.left_px - 7}" y="{y + 4}" '
                     f'text-anchor="end">{_label(v, z_step)}</text></g>')
    t_ticks, t_step = _ticks(0.0, f.t_max_s)
    for t in t_ticks:
        x = f.x(t)
        parts.append(f'<g class="xtick"><line x1="{x}" y1="{f.bottom_px}" x2="{x}" '
                     f'y2="{f.bottom_px + 4}" stroke="#333"/><text x="{x}" '
                     f'y="{f.bottom_px + 16}" text-anchor="middle">{_label(t, t_step)}</text></g>')
    mid_y = (f.top_px + f.bottom_px) / 2
    parts += [f'<text x="{(f.left_px + f.right_px) / 2}" y="{f.bottom_px + 36}" '
              f'text-anchor="middle">{escape(clock)}</text>',
              f'<text x="20" y="{mid_y}" text-anchor="middle" transform="rotate(-90 20 {mid_y})">'
              "Z, million USD per 180 days (lower is better)</text>"]
    return parts


def _references(curves: DesignCurves, f: _Frame) -> list[str]:
    parts = []
    for cls, name, field, dash, colour in _REFERENCES:
        z = getattr(curves, field)
        if z is None:
            continue
        y = f.y(z)
        parts.append(f'<line class="{cls}" x1="{f.left_px}" y1="{y}" x2="{f.right_px}" '
                     f'y2="{y}" stroke="{colour}" stroke-width="1.5" stroke-dasharray="{dash}"/>'
                     f'<text x="{f.right_px - 4}" y="{y - 4}" text-anchor="end" '
                     f'fill="{colour}">{name}: {z / 1e6:.2f} M</text>')
    return parts


def _legend(curves: DesignCurves, mean_z_usd: float, f: _Frame) -> list[str]:
    x = f.right_px + 16
    rows = [("mean", "#000", "3", "", f"mean of {len(curves.seeds)}: {mean_z_usd / 1e6:.2f} M")]
    rows += [("ref", colour, "1.5", dash, name) for _, name, field, dash, colour in _REFERENCES
             if getattr(curves, field) is not None]
    rows += [("seed", _colour(i), "1.2", "", f"seed {c.seed}: {c.final_z_usd / 1e6:.2f} M")
             for i, c in enumerate(curves.seeds)]
    parts = [f'<text x="{x}" y="{f.top_px + 4}" font-weight="bold">final best Z</text>']
    for k, (_, colour, width, dash, text) in enumerate(rows):
        y = f.top_px + 22 + 17 * k
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<g class="legend"><line x1="{x}" y1="{y - 4}" x2="{x + 24}" '
                     f'y2="{y - 4}" stroke="{colour}" stroke-width="{width}"{dashes}/>'
                     f'<text x="{x + 30}" y="{y}">{escape(text)}</text></g>')
    return parts


@app.command("design-chart")
def chart_command(
    csv_file: Annotated[Path, typer.Option(
        "--csv", help="CSV written by `tradelane bench design`.")],
    out: Annotated[Path, typer.Option(help="SVG file to write.")],
    instance: Annotated[str, typer.Option(help="Instance, as in the CSV.")] = "Baltic",
    case: Annotated[str, typer.Option(help="Capacity case: low, base, high.")] = "base",
) -> None:
    """Draw the time-to-best curves of one instance and case as an SVG (docs/benchmarks.md)."""
    svg = curves_svg(read_curves(csv_file, instance, case))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(svg, encoding="utf-8")
    typer.echo(f"wrote {out}")  # plain: rich would wrap a long path
