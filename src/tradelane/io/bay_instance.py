"""Reader and writer of single-bay slot planning instances (Delgado et al. 2012's format).

The format, whitespace-separated, tags on their own lines (trailing spaces allowed), sections
in this order::

    P L D S C N T            PODs, containers to load, loaded, stacks, cells (= S × T),
                             locations, tiers
    #POD                     the P POD ids (a higher id is a later port)
    #LOCATIONS               the N location ids
    #CONTAINERS_TOLOAD       L lines: stack cell slot weight_kg height_m length_ft POD
                             reefer(0/1) location IMO-category (stack cell slot are 0 0 0)
    #CONTAINERS_LOADED       D lines, the same fields; stack and cell (tier) 1-based, slot
                             0 = a 40 filling the cell, 1 = aft 20, -1 = fore 20
    #STACKS                  S lines: max_weight_kg max_height_m location
    #CELLS                   T lines per stack, bottom first: stack fore_reefer aft_reefer
                             fore_feasible aft_feasible feasible40 location

Further blocks may follow: ``#SOLUTION-AFT`` and ``#SOLUTION-FWD`` (a reference solution:
T lines of S container numbers each, top tier first; containers numbered from 1, those to
load first, then the loaded ones; 0 = empty; a 40 appears in both matrices), ``#INFO`` and
``#INFO-GEN`` (free text, ignored), and any other ``#`` block (ignored).
"""

from __future__ import annotations

from pathlib import Path

from tradelane.domain.bay import (
    SLOT_40,
    SLOT_AFT,
    SLOT_FORE,
    BayCell,
    BayContainer,
    BayInstance,
    BayPlacement,
    BaySlot,
    BayStack,
    LoadedContainer,
)
from tradelane.errors import InputError

_REQUIRED = ("#POD", "#LOCATIONS", "#CONTAINERS_TOLOAD", "#CONTAINERS_LOADED", "#STACKS",
             "#CELLS")
_ALIASES = {"#PODS": "#POD", "#CONTAINER_LOADED": "#CONTAINERS_LOADED",
            "#CONTAINER_TOLOAD": "#CONTAINERS_TOLOAD", "#SOLUTION-FORE": "#SOLUTION-FWD"}
_HEADER = ("number of PODs", "containers to load", "loaded containers", "stacks", "cells",
           "locations", "tiers")
_CONTAINER = ("stack", "cell", "slot", "weight_kg", "height_m", "length_ft", "POD",
              "reefer", "location", "IMO category")
_CELL = ("stack", "fore_reefer", "aft_reefer", "fore_feasible", "aft_feasible",
         "feasible40", "location")

_Line = tuple[int, list[str]]


class _Reader:
    """The file's lines, split into the header and the tagged blocks."""

    def __init__(self, text: str, source: str) -> None:
        self.source = source
        lines = [(k + 1, raw.split()) for k, raw in enumerate(text.splitlines())]
        lines = [(n, tokens) for n, tokens in lines if tokens]
        if not lines:
            raise InputError(f"{source} line 1", "", "the file is empty")
        self.header = lines[0]
        self.blocks: dict[str, tuple[int, list[_Line]]] = {}
        order: list[str] = []
        current: list[_Line] | None = None
        for n, tokens in lines[1:]:
            if tokens[0].startswith("#"):
                tag = _ALIASES.get(tokens[0].upper(), tokens[0].upper())
                if tag in self.blocks:
                    raise InputError(f"{source} line {n}", tokens[0], "this block appears twice")
                current = []
                self.blocks[tag] = (n, current)
                order.append(tag)
            elif current is None:
                raise InputError(f"{source} line {n}", " ".join(tokens),
                                 "expected the #POD tag after the header line")
            else:
                current.append((n, tokens))
        present = [tag for tag in order if tag in _REQUIRED]
        for tag in _REQUIRED:
            if tag not in self.blocks:
                raise InputError(f"{source} block", tag, "is missing")
        if present != list(_REQUIRED):
            raise InputError(f"{source} blocks", " ".join(present),
                             f"must come in the order {' '.join(_REQUIRED)}")

    def where(self, n: int, what: str) -> str:
        return f"{self.source} line {n} ({what})"

    def rows(self, tag: str, count: int, width: int, what: str) -> list[_Line]:
        """The ``count`` lines of block ``tag``, each with at least ``width`` values."""
        start, lines = self.blocks[tag]
        if len(lines) != count:
            raise InputError(f"{self.source} line {start} ({tag})", len(lines),
                             f"expected {count} {what} lines")
        for n, tokens in lines:
            if len(tokens) < width:
                raise InputError(self.where(n, tag), " ".join(tokens),
                                 f"expected {width} values, found {len(tokens)}")
        return lines

    def tokens(self, tag: str, count: int, what: str) -> list[int]:
        """The ``count`` whole numbers of block ``tag`` (on one line or several)."""
        start, lines = self.blocks[tag]
        values = [(n, t) for n, tokens in lines for t in tokens]
        if len(values) != count:
            raise InputError(f"{self.source} line {start} ({tag})", len(values),
                             f"expected {count} {what}")
        return [self.whole(n, tag, t) for n, t in values]

    def whole(self, n: int, what: str, token: str, low: int | None = 0) -> int:
        try:
            value = int(token)
        except ValueError:
            raise InputError(self.where(n, what), token, "not a whole number") from None
        if low is not None and value < low:
            raise InputError(self.where(n, what), token, f"must be {low} or more")
        return value

    def number(self, n: int, what: str, token: str, *, positive: bool) -> float:
        try:
            value = float(token)
        except ValueError:
            raise InputError(self.where(n, what), token, "not a number") from None
        if not value == value or value in (float("inf"), float("-inf")):
            raise InputError(self.where(n, what), token, "not a finite number")
        if value < 0 or (positive and value == 0):
            raise InputError(self.where(n, what), token,
                             "must be greater than zero" if positive else "must not be negative")
        return value

    def flag(self, n: int, what: str, token: str) -> bool:
        if token not in ("0", "1"):
            raise InputError(self.where(n, what), token, "must be 0 or 1")
        return token == "1"


def _container(r: _Reader, line: _Line, tag: str) -> tuple[BayContainer, list[int]]:
    n, tok = line
    f = dict(zip(_CONTAINER, tok, strict=False))
    length = r.whole(n, f"{tag} length_ft", f["length_ft"])
    if length not in (20, 40):
        raise InputError(r.where(n, f"{tag} length_ft"), f["length_ft"], "must be 20 or 40")
    box = BayContainer(
        weight_kg=r.number(n, f"{tag} weight_kg", f["weight_kg"], positive=True),
        height_m=r.number(n, f"{tag} height_m", f["height_m"], positive=True),
        length_ft=length, pod=r.whole(n, f"{tag} POD", f["POD"]),
        reefer=r.flag(n, f"{tag} reefer", f["reefer"]),
        location=r.whole(n, f"{tag} location", f["location"]),
        imo_category=r.whole(n, f"{tag} IMO category", f["IMO category"]))
    place = [r.whole(n, f"{tag} {name}", f[name], low=None) for name in ("stack", "cell", "slot")]
    return box, place


def _loaded(r: _Reader, line: _Line, stacks: int, tiers: int) -> LoadedContainer:
    n = line[0]
    box, (stack, cell, slot) = _container(r, line, "#CONTAINERS_LOADED")
    if not 1 <= stack <= stacks:
        raise InputError(r.where(n, "#CONTAINERS_LOADED stack"), stack,
                         f"must be between 1 and {stacks}")
    if not 1 <= cell <= tiers:
        raise InputError(r.where(n, "#CONTAINERS_LOADED cell"), cell,
                         f"must be between 1 and {tiers}")
    wanted = (SLOT_40,) if box.length_ft == 40 else (SLOT_AFT, SLOT_FORE)
    if slot not in wanted:
        raise InputError(r.where(n, "#CONTAINERS_LOADED slot"), slot,
                         "must be 0 for a 40-ft container and 1 (aft) or -1 (fore) for a 20")
    return LoadedContainer(box, BaySlot(stack, cell, slot))


def _cells(r: _Reader, stacks: int, tiers: int) -> tuple[tuple[BayCell, ...], ...]:
    lines = r.rows("#CELLS", stacks * tiers, len(_CELL), "cell")
    columns: list[list[BayCell]] = [[] for _ in range(stacks)]
    for k, (n, tok) in enumerate(lines):
        stack = r.whole(n, "#CELLS stack", tok[0])
        if stack != k // tiers + 1:
            raise InputError(r.where(n, "#CELLS stack"), tok[0], f"expected stack "
                             f"{k // tiers + 1}: {tiers} cells per stack, bottom first")
        flags = [r.flag(n, f"#CELLS {name}", t) for name, t in zip(_CELL[1:6], tok[1:6],
                                                                     strict=True)]
        fore_reefer, aft_reefer, fore_ok, aft_ok, ok40 = flags
        columns[stack - 1].append(BayCell(fore_reefer, aft_reefer, fore_ok, aft_ok, ok40,
                                          r.whole(n, "#CELLS location", tok[6])))
    return tuple(tuple(c) for c in columns)


def _reference(r: _Reader, inst: BayInstance) -> tuple[BayPlacement, ...] | None:
    if "#SOLUTION-AFT" not in r.blocks and "#SOLUTION-FWD" not in r.blocks:
        return None
    stacks, tiers, n_load = len(inst.stacks), inst.tiers, len(inst.to_load)
    total = n_load + len(inst.loaded)
    seen: dict[int, dict[tuple[int, int], int]] = {}
    for tag, side in (("#SOLUTION-AFT", SLOT_AFT), ("#SOLUTION-FWD", SLOT_FORE)):
        if tag not in r.blocks:
            raise InputError(f"{r.source} block", tag, "is missing (the reference solution "
                             "needs both #SOLUTION-AFT and #SOLUTION-FWD)")
        for row, (n, tok) in enumerate(r.rows(tag, tiers, stacks, "tier")):
            for col, token in enumerate(tok[:stacks]):
                number = r.whole(n, f"{tag} stack {col + 1}", token)
                if number > total:
                    raise InputError(r.where(n, f"{tag} stack {col + 1}"), token,
                                     f"there are only {total} containers")
                if number:
                    spot = seen.setdefault(number, {})
                    spot[(col + 1, tiers - row)] = spot.get((col + 1, tiers - row), 0) + side
    placements = []
    for number, spots in sorted(seen.items()):
        (stack, tier), code = next(iter(spots.items()))
        slot = SLOT_40 if code == 0 else code
        box = inst.to_load[number - 1] if number <= n_load else inst.loaded[
            number - 1 - n_load].container
        if len(spots) != 1 or (box.length_ft == 40) != (slot == SLOT_40):
            raise InputError(f"{r.source} reference solution container", number,
                             "must fill one aft or fore slot (a 20) or both halves of one "
                             "cell (a 40)")
        if number > n_load:
            at = inst.loaded[number - 1 - n_load].position
            if (at.stack, at.tier, at.slot) != (stack, tier, slot):
                raise InputError(f"{r.source} reference solution container", number,
                                 f"is a loaded container at stack {at.stack} tier {at.tier}, "
                                 f"not at stack {stack} tier {tier}")
        else:
            placements.append(BayPlacement(number - 1, stack, tier, slot))
    return tuple(placements)


def parse_bay_instance(text: str, source: str = "bay") -> BayInstance:
    """Parse the text of a single-bay instance file.

    Parameters
    ----------
    text : str
        File contents.
    source : str
        Name of the file, for error messages and as the instance name.

    Returns
    -------
    BayInstance
        The validated instance, with the reference solution when the file has one.

    Raises
    ------
    InputError
        Naming the line and the field of the first malformed value.
    """
    r = _Reader(text, source)
    n, tok = r.header
    if len(tok) < len(_HEADER):
        raise InputError(r.where(n, "header"), " ".join(tok),
                         f"expected {len(_HEADER)} values: " + ", ".join(_HEADER))
    pods, n_load, n_loaded, stacks, cells, locations, tiers = (
        r.whole(n, f"header {name}", t) for name, t in zip(_HEADER, tok, strict=False))
    if stacks < 1 or tiers < 1 or cells != stacks * tiers:
        raise InputError(r.where(n, "header cells"), cells, f"must equal stacks × tiers "
                         f"({stacks} × {tiers}), with at least one of each")
    to_load = tuple(_container(r, line, "#CONTAINERS_TOLOAD")[0] for line in
                    r.rows("#CONTAINERS_TOLOAD", n_load, len(_CONTAINER), "container"))
    loaded = tuple(_loaded(r, line, stacks, tiers) for line in
                   r.rows("#CONTAINERS_LOADED", n_loaded, len(_CONTAINER), "container"))
    stack_rows = []
    for n_s, tok_s in r.rows("#STACKS", stacks, 3, "stack"):
        stack_rows.append(BayStack(
            r.number(n_s, "#STACKS max_weight_kg", tok_s[0], positive=False),
            r.number(n_s, "#STACKS max_height_m", tok_s[1], positive=False),
            r.whole(n_s, "#STACKS location", tok_s[2])))
    try:
        inst = BayInstance(
            name=source, pods=tuple(r.tokens("#POD", pods, "POD ids")),
            to_load=to_load, loaded=loaded, stacks=tuple(stack_rows),
            cells=_cells(r, stacks, tiers),
            locations=tuple(r.tokens("#LOCATIONS", locations, "location ids")))
    except InputError as exc:
        if exc.field.startswith(source):
            raise
        raise InputError(f"{source} {exc.field}", exc.value, exc.problem) from None
    reference = _reference(r, inst)
    if reference is None:
        return inst
    return BayInstance(name=inst.name, pods=inst.pods, to_load=inst.to_load,
                       loaded=inst.loaded, stacks=inst.stacks, cells=inst.cells,
                       locations=inst.locations, reference=reference)


def read_bay_instance(path: Path | str) -> BayInstance:
    """Read a single-bay instance file; the instance is named after the file."""
    p = Path(path)
    return parse_bay_instance(p.read_text(encoding="utf-8"), source=p.name)


def _container_line(box: BayContainer, place: tuple[int, int, int]) -> str:
    return (f"{place[0]} {place[1]} {place[2]} {box.weight_kg:.2f} {box.height_m:.2f} "
            f"{box.length_ft} {box.pod} {int(box.reefer)} {box.location} {box.imo_category}")


def format_bay_instance(inst: BayInstance, *, info: str | None = None) -> str:
    """The file text of ``inst`` (with its reference solution and an ``#INFO`` line if given).

    :func:`parse_bay_instance` reads it back to an equal instance.
    """
    stacks, tiers = len(inst.stacks), inst.tiers
    out = [f"{len(inst.pods)} {len(inst.to_load)} {len(inst.loaded)} {stacks} "
           f"{stacks * tiers} {len(inst.locations)} {tiers}",
           "#POD", " ".join(map(str, inst.pods)),
           "#LOCATIONS", " ".join(map(str, inst.locations)), "#CONTAINERS_TOLOAD"]
    out += [_container_line(box, (0, 0, 0)) for box in inst.to_load]
    out.append("#CONTAINERS_LOADED")
    out += [_container_line(item.container, (item.position.stack, item.position.tier,
                                             item.position.slot)) for item in inst.loaded]
    out.append("#STACKS")
    out += [f"{s.max_weight_kg:.6f} {s.max_height_m:.6f} {s.location}" for s in inst.stacks]
    out.append("#CELLS")
    for s, column in enumerate(inst.cells):
        out += [f"{s + 1} {int(c.fore_reefer)} {int(c.aft_reefer)} {int(c.fore_feasible)} "
                f"{int(c.aft_feasible)} {int(c.feasible40)} {c.location}" for c in column]
    if inst.reference is not None:
        out += _solution_blocks(inst, stacks, tiers)
    if info:
        out += ["#INFO", info]
    return "\n".join(out) + "\n"


def _solution_blocks(inst: BayInstance, stacks: int, tiers: int) -> list[str]:
    grids = {SLOT_AFT: [[0] * stacks for _ in range(tiers)],
             SLOT_FORE: [[0] * stacks for _ in range(tiers)]}
    n_load = len(inst.to_load)
    spots = [(p.container + 1, p.position) for p in inst.reference or ()]
    spots += [(n_load + k + 1, item.position) for k, item in enumerate(inst.loaded)]
    for number, pos in spots:
        for side in (SLOT_AFT, SLOT_FORE):
            if pos.slot in (SLOT_40, side):
                grids[side][tiers - pos.tier][pos.stack - 1] = number
    out = []
    for tag, side in (("#SOLUTION-AFT", SLOT_AFT), ("#SOLUTION-FWD", SLOT_FORE)):
        out.append(tag)
        out += [" ".join(f"{v:3d}" for v in row) for row in grids[side]]
    return out
