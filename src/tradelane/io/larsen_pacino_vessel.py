"""Reader of the Larsen–Pacino vessel files (``vessel_{S,M,L}.txt``, CC0) into a VesselProfile.

R. Larsen, D. Pacino, "A heuristic and a benchmark for the stowage planning problem",
Maritime Economics & Logistics (2020); data: github.com/maritimelab/Stowage-Planning-Benckmark.
The files carry no format description; what each block means, as read here:

- ``# Ship: bays stacks tiers tcgTollerance`` — counts, and the allowed |TCG| of the ship (m).
- ``## HydroPoints: displacement minLcg maxLcg metacenter`` — per displacement (t), the LCG
  range (m from midships, forward positive) that keeps the trim acceptable, and KM (m).
- ``## Tanks: cap lcg tcg vcg_empty vcg_full`` + ``### BayCoverage: bay share``.
- ``## Bay: index lcg minShear maxShear maxBending constWeight constWeighVcg`` +
  ``### BuoyancyPoints`` (the bay's buoyancy at each hydro point, t).
- ``### Stack: index tcg`` + ``#### AboveDeck|BelowDeck: identifier maxHeight maxWeight20
  maxWeight40 vcg`` + ``#### Cell: tier reefer`` (top tier first). ``vcg`` is the height of
  the stack's base (below deck, ``vcg + maxHeight`` is the same for every stack: the hatch
  cover). ``reefer`` is the number of plugs of the cell (0, 1 or 2): the 1,144 plugs of
  vessel L are its 840 cells with 1 plus its 152 cells with 2.

Mapping to ISO positions: bay ``b`` (0-based from the bow: the LCGs fall bay by bay) is
40-ft bay ``4b + 2``; stack indices with positive TCG are starboard rows 01, 03, … from the
centre, negative TCG port rows 02, 04, …, zero row 00; hold tier index ``t`` is ISO tier
``2t + 2``; deck tier index ``t`` is ``82 + 2 (t - t0)`` with ``t0`` the lowest deck tier index
of the ship. The files give no draft table (no drafts, LCB, LCF or MTC) and no main
dimensions: length and beam are taken from the extent of the bays and stacks.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from tradelane.domain.vessel_profile import (
    Cell,
    HydroPoint,
    Section,
    Stack,
    Station,
    Tank,
    VesselProfile,
)
from tradelane.errors import InputError

__all__ = ["LarsenPacinoMap", "larsen_pacino_map", "parse_larsen_pacino_vessel"]


@dataclass(frozen=True, slots=True)
class _Block:
    tag: str
    line: int
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass(slots=True)
class _LpBay:
    values: list[float]
    buoyancy_t: list[float] = field(default_factory=list)


@dataclass(slots=True)
class _Tank:
    values: list[float]
    cover: list[tuple[int, float]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class LarsenPacinoMap:
    """How the file's indices map to ISO positions: stack index → row, tier index → tier."""

    rows: dict[int, int]
    hold_tiers: dict[int, int]
    deck_tiers: dict[int, int]

    def iso(self, bay: int, stack: int, tier: int, on_deck: bool) -> tuple[int, int, int]:
        """ISO (40-ft bay, row, tier) of a file (bay, stack, tier) triple."""
        tiers = self.deck_tiers if on_deck else self.hold_tiers
        return 4 * bay + 2, self.rows[stack], tiers[tier]


def _blocks(text: str) -> list[_Block]:
    blocks: list[_Block] = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            blocks.append(_Block(line.lstrip("#").split(":")[0].strip(), n))
        elif not blocks:
            raise InputError(f"line {n}", line, "comes before the '# Ship' header")
        else:
            blocks[-1].rows.append((n, line.split()))
    return blocks


def _nums(row: tuple[int, list[str]], count: int, tag: str) -> list[float]:
    n, tokens = row
    try:
        values = [float(t) for t in tokens]
    except ValueError:
        raise InputError(f"line {n} ({tag})", " ".join(tokens), "must be numbers") from None
    if len(values) != count:
        raise InputError(f"line {n} ({tag})", " ".join(tokens), f"needs {count} numbers")
    return values


def larsen_pacino_map(text: str) -> LarsenPacinoMap:
    """The stack/tier index → ISO row/tier maps of a Larsen–Pacino vessel file."""
    tcg: dict[int, float] = {}
    hold: set[int] = set()
    deck: set[int] = set()
    current: tuple[int, float] | None = None
    level = ""
    for b in _blocks(text):
        for row in b.rows:
            if b.tag == "Stack":
                i, y = _nums(row, 2, b.tag)
                current = (int(i), y)
            elif b.tag in ("AboveDeck", "BelowDeck") and current is not None:
                tcg[current[0]] = current[1]
                level = b.tag
            elif b.tag == "Cell":
                (deck if level == "AboveDeck" else hold).add(int(_nums(row, 2, b.tag)[0]))
    star = sorted((y, i) for i, y in tcg.items() if y > 0)
    port = sorted((-y, i) for i, y in tcg.items() if y < 0)
    rows = {i: 0 for i, y in tcg.items() if y == 0}
    rows.update({i: 2 * k + 1 for k, (_, i) in enumerate(star)})
    rows.update({i: 2 * k + 2 for k, (_, i) in enumerate(port)})
    t0 = min(deck, default=0)
    return LarsenPacinoMap(rows, {t: 2 * t + 2 for t in hold},
                           {t: 82 + 2 * (t - t0) for t in deck})


def parse_larsen_pacino_vessel(text: str, *, name: str = "larsen-pacino") -> VesselProfile:
    """A VesselProfile from the text of a Larsen–Pacino vessel file; InputError on bad input."""
    blocks = _blocks(text)
    if not blocks or blocks[0].tag != "Ship" or len(blocks[0].rows) != 1:
        raise InputError("line 1", text[:40], "is not a Larsen–Pacino vessel file ('# Ship')")
    _bays, _stacks, _tiers, tcg_tol = _nums(blocks[0].rows[0], 4, "Ship")
    index = larsen_pacino_map(text)
    hydro: list[HydroPoint] = []
    tanks: list[_Tank] = []
    bays: list[_LpBay] = []
    stacks: list[Stack] = []
    stack_head: tuple[int, float] | None = None
    level: list[float] = []
    level_deck = False
    cells: list[Cell] = []

    def close_level() -> None:
        if level and bays and stack_head is not None:
            hatch, h, w20, w40, vcg = level
            stacks.append(Stack(
                bay_index=int(bays[-1].values[0]), row=index.rows[stack_head[0]],
                on_deck=level_deck, lcg_m=bays[-1].values[1],
                tcg_m=stack_head[1], bottom_m=vcg, max_height_m=h, max_weight20_t=w20,
                max_weight40_t=w40, cells=tuple(sorted(cells, key=lambda c: c.tier)),
                hatch=int(hatch)))
        level.clear()
        cells.clear()

    for b in blocks[1:]:
        if b.tag in ("Stack", "AboveDeck", "BelowDeck", "Bay", "Tanks"):
            close_level()
        for row in b.rows:
            if b.tag == "HydroPoints":
                d, lo, hi, km = _nums(row, 4, b.tag)
                hydro.append(HydroPoint(d, km, min_lcg_m=lo, max_lcg_m=hi))
            elif b.tag == "Tanks":
                tanks.append(_Tank(_nums(row, 5, b.tag)))
            elif b.tag == "BayCoverage":
                i, share = _nums(row, 2, b.tag)
                tanks[-1].cover.append((int(i), share))
            elif b.tag == "Bay":
                bays.append(_LpBay(_nums(row, 7, b.tag)))
            elif b.tag == "BuoyancyPoints":
                bays[-1].buoyancy_t.append(_nums(row, 1, b.tag)[0])
            elif b.tag == "Stack":
                i, y = _nums(row, 2, b.tag)
                stack_head = (int(i), y)
            elif b.tag in ("AboveDeck", "BelowDeck"):
                level[:] = _nums(row, 5, b.tag)
                level_deck = b.tag == "AboveDeck"
            elif b.tag == "Cell":
                t, plugs = _nums(row, 2, b.tag)
                tiers = index.deck_tiers if level_deck else index.hold_tiers
                cells.append(Cell(tiers[int(t)], int(plugs)))
    close_level()
    return _assemble(name, hydro, tanks, bays, stacks, tcg_tol)


def _assemble(name: str, hydro: list[HydroPoint], tanks: list[_Tank],
              bays: list[_LpBay], stacks: list[Stack],
              tcg_tol: float) -> VesselProfile:
    if not bays or not hydro:
        raise InputError("vessel file", name, "has no bays or no hydro points")
    lcgs = [b.values[1] for b in bays]
    bounds = [lcgs[0] + (lcgs[0] - lcgs[1]) / 2]
    bounds += [(a + b) / 2 for a, b in itertools.pairwise(lcgs)]
    bounds.append(lcgs[-1] - (lcgs[-2] - lcgs[-1]) / 2)
    sections, stations = [], []
    for k, b in enumerate(bays):
        v, buoy = b.values, b.buoyancy_t
        if len(buoy) != len(hydro):
            raise InputError(f"bay {k}.BuoyancyPoints", len(buoy),
                             f"needs one value per hydro point ({len(hydro)})")
        sections.append(Section(bounds[k + 1], bounds[k], v[5], v[6], tuple(buoy)))
        # the file's shear is buoyancy − weight forward of the station, ours the opposite;
        # its one bending bound limits sagging (docs/stowage-vessel.md gives the evidence)
        stations.append(Station(bounds[k + 1], -v[3], -v[2], v[4], hogging_limited=False))
    tank_records = tuple(
        Tank(f"tank{k + 1}", t.values[0], t.values[1], t.values[2], t.values[3], t.values[4],
             sections=tuple(t.cover))
        for k, t in enumerate(tanks))
    half_beam = max(abs(s.tcg_m) for s in stacks) + 1.22
    return VesselProfile(
        name=name, loa_m=bounds[0] - bounds[-1], lbp_m=bounds[0] - bounds[-1],
        beam_m=2 * half_beam, design_draft_m=None, stacks=tuple(stacks),
        sections=tuple(sections), stations=tuple(stations), hydrostatics=tuple(hydro),
        tanks=tank_records, max_tcg_m=tcg_tol,
        source="Larsen & Pacino (2020) benchmark vessel file, CC0; no draft table")
