"""Stowage pictures as self-contained SVG strings: side profile, bay cross-section, crane split.

Pure functions (no I/O): ``tradelane stow plan --svg DIR`` writes them to files and the
dashboard's ``#stowage`` view shows them. Containers are coloured by port of discharge
(:func:`pod_colours`); every drawn container or tier carries a ``<title>`` (the hover text)
and ``data-*`` attributes naming its bay, row, tier and POD. Only presentation attributes are
used (no ``style``), so the pictures pass a strict Content-Security-Policy.

Orientation: the side profile and the crane chart put the bow on the right (ISO bay 01 is
the foremost); the cross-section is seen from aft, starboard (odd rows) on the right.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from html import escape

from tradelane.domain.stowage import Placement
from tradelane.domain.vessel_profile import VesselProfile
from tradelane.stowage.cranes import CraneSplit

__all__ = ["OTHER_COLOUR", "PALETTE", "bay_svg", "cranes_svg", "iso_bay_label", "pod_colours",
           "row_order", "side_svg", "voyage_colours"]

PALETTE = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#f0e442",
           "#7b3294", "#8c6d31", "#1b9e77", "#e7298a", "#66a61e")
"""POD colours in rotation order (Okabe–Ito first, then Dark2)."""
OTHER_COLOUR = "#9e9e9e"
"""Colour of a POD the colour map does not name."""
EMPTY_FILL = "#ffffff"
_FONT = 'font-family="sans-serif" font-size="10"'


def pod_colours(ports: Iterable[str]) -> dict[str, str]:
    """One colour per port of discharge, in the order given (the voyage's calls)."""
    out: dict[str, str] = {}
    for code in ports:
        if code not in out:
            out[code] = PALETTE[len(out) % len(PALETTE)]
    return out


def voyage_colours(calls: Iterable[str], placements: Iterable[Placement]) -> dict[str, str]:
    """Colours for a voyage: its calls in order, then any other POD aboard (alphabetical)."""
    codes = list(calls)
    others = sorted({p.container.pod for p in placements} - set(codes))
    return pod_colours([*codes, *others])


def iso_bay_label(bay_index: int) -> str:
    """The 40-ft bay's ISO number, two digits at least (``02``, ``06`` …)."""
    return f"{4 * bay_index + 2:02d}"


def _open(width: float, height: float, label: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" '
            f'height="{height:.0f}" viewBox="0 0 {width:.0f} {height:.0f}" role="img" '
            f'aria-label="{escape(label)}" {_FONT}>',
            f'<text x="6" y="16" font-size="13">{escape(label)}</text>']


def _legend(colours: Mapping[str, str], x: float, y: float, extra: Sequence[str] = ()
            ) -> list[str]:
    parts = ['<g class="legend">']
    for k, (pod, colour) in enumerate(colours.items()):
        lx = x + 86 * k
        parts.append(f'<rect x="{lx:.0f}" y="{y - 9:.0f}" width="12" height="10" '
                     f'fill="{colour}" stroke="#333" data-pod="{escape(pod)}"/>'
                     f'<text x="{lx + 16:.0f}" y="{y:.0f}">{escape(pod)}</text>')
    lx = x + 86 * len(colours)
    for text in extra:
        parts.append(f'<text x="{lx:.0f}" y="{y:.0f}">{escape(text)}</text>')
        lx += 7 * len(text) + 16
    parts.append("</g>")
    return parts


def _legend_width(colours: Mapping[str, str], extra: Sequence[str] = ()) -> float:
    return 12 + 86 * len(colours) + sum(7 * len(x) + 16 for x in extra)


def _tiers(profile: VesselProfile, on_deck: bool) -> list[int]:
    return sorted({c.tier for s in profile.stacks if s.on_deck == on_deck for c in s.cells})


def _describe(p: Placement) -> str:
    c = p.container
    text = (f"{c.number} {c.iso_type} {c.vgm_t:.1f} t {c.pol}→{c.pod} at "
            f"{p.position.code}")
    if c.is_reefer:
        text += f", reefer {c.reefer_setpoint_c:g} °C"
    if c.dangerous:
        text += ", DG " + ", ".join(f"UN{d.un_number} class {d.imo_class}" for d in c.dangerous)
    return text


# --- side profile ----------------------------------------------------------------------------
def side_svg(profile: VesselProfile, placements: Sequence[Placement],
             colours: Mapping[str, str], *, title: str = "") -> str:
    """The ship's side profile: a column per 40-ft bay, one box per tier, hold below the deck
    line and deck above, each box in the colour of the POD most containers of that tier have
    (white: empty); its title counts the tier's containers per POD and their tonnes.

    Parameters
    ----------
    profile : VesselProfile
        The ship (its stacks give the bays and tiers drawn).
    placements : sequence of Placement
        The containers aboard (e.g. a call's departure).
    colours : mapping of str to str
        POD → fill colour (:func:`pod_colours`); other PODs are grey.
    title : str
        Heading; default the profile's name.
    """
    hold, deck = _tiers(profile, False), _tiers(profile, True)
    bays, col_w, tier_h, left, top = profile.bays, 22.0, 9.0, 40.0, 30.0
    gap = 6.0
    deck_line = top + tier_h * len(deck) + gap / 2
    width = max(left + bays * col_w + 40, _legend_width(colours) + left)
    height = deck_line + gap / 2 + tier_h * len(hold) + 58
    groups: dict[tuple[int, bool, int], list[Placement]] = {}
    for p in placements:
        key = ((p.position.bay - 1) // 4, p.position.on_deck, p.position.tier)
        groups.setdefault(key, []).append(p)
    present = {(s.bay_index, s.on_deck, c.tier) for s in profile.stacks for c in s.cells}
    parts = _open(width, height, title or f"{profile.name}: side profile by POD")
    for i in range(bays):
        x = _bay_x(i, bays, left, col_w)
        parts.append(f'<g class="bay" data-bay="{iso_bay_label(i)}">'
                     f'<title>bay {iso_bay_label(i)}</title>')
        for on_deck, tiers in ((True, deck), (False, hold)):
            for k, tier in enumerate(tiers):
                if (i, on_deck, tier) not in present:
                    continue
                y = (deck_line - gap / 2 - tier_h * (k + 1) if on_deck
                     else deck_line + gap / 2 + tier_h * (len(tiers) - 1 - k))
                parts.append(_tier_box(x, y, col_w - 2, tier_h - 1, i, tier,
                                       groups.get((i, on_deck, tier), []), colours))
        parts.append(f'<text x="{x + col_w / 2 - 1:.1f}" y="{height - 36:.0f}" '
                     f'text-anchor="middle" font-size="8">{iso_bay_label(i)}</text></g>')
    right = left + bays * col_w
    parts.append(f'<line x1="{left - 4:.0f}" x2="{right:.0f}" y1="{deck_line:.1f}" '
                 f'y2="{deck_line:.1f}" stroke="#333" stroke-width="1.5" class="deck-line"/>'
                 f'<text x="4" y="{deck_line - 3:.1f}" font-size="8">deck</text>'
                 f'<text x="4" y="{deck_line + 10:.1f}" font-size="8">hold</text>'
                 f'<text x="{right + 2:.0f}" y="{deck_line + 3:.1f}">bow ▶</text>')
    parts += _legend(colours, left, height - 12)
    parts.append("</svg>")
    return "".join(parts)


def _bay_x(bay_index: int, bays: int, left: float, col_w: float) -> float:
    """Bow on the right: bay index 0 is the rightmost column."""
    return left + (bays - 1 - bay_index) * col_w


def _tier_box(x: float, y: float, w: float, h: float, bay_index: int, tier: int,
              members: Sequence[Placement], colours: Mapping[str, str]) -> str:
    label = f"bay {iso_bay_label(bay_index)} tier {tier:02d}"
    if not members:
        return (f'<rect class="tier" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
                f'height="{h:.1f}" fill="{EMPTY_FILL}" stroke="#bbb" stroke-width="0.5" '
                f'data-tier="{tier:02d}"><title>{label}: empty</title></rect>')
    count = Counter(p.container.pod for p in members)
    pod = count.most_common(1)[0][0]
    tonnes = sum(p.container.vgm_t for p in members)
    text = ", ".join(f"{n} for {code}" for code, n in count.most_common())
    return (f'<rect class="tier" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="{colours.get(pod, OTHER_COLOUR)}" stroke="#555" stroke-width="0.5" '
            f'data-tier="{tier:02d}" data-pod="{escape(pod)}"><title>{label}: '
            f'{len(members)} containers ({escape(text)}), {tonnes:,.1f} t</title></rect>')


# --- bay cross-section --------------------------------------------------------------------------
def row_order(rows: Iterable[int]) -> list[int]:
    """Rows as seen from aft, port to starboard: even rows high to low, 00, odd low to high."""
    rows = set(rows)
    return (sorted((r for r in rows if r and r % 2 == 0), reverse=True)
            + ([0] if 0 in rows else []) + sorted(r for r in rows if r % 2))


def bay_svg(profile: VesselProfile, placements: Sequence[Placement], bay_index: int,
            colours: Mapping[str, str], *, title: str = "") -> str:
    """One 40-ft bay's cross-section seen from aft: rows × tiers, deck above the hatch covers.

    A 40-ft container fills its cell; two 20-ft ones split it (fore half left, aft half
    right). Fill: the POD's colour; an operating reefer carries an ``R`` and a DG container a
    red diamond; the ``<title>`` gives number, type, VGM, POL→POD, position, setpoint and UN
    numbers. Cells with reefer plugs show a small plug mark when empty. Below each row: its
    hold and deck tonnes.
    """
    stacks = [s for s in profile.stacks if s.bay_index == bay_index]
    label = iso_bay_label(bay_index)
    rows = row_order(s.row for s in stacks)
    hold, deck = (sorted({c.tier for s in stacks if s.on_deck == d for c in s.cells})
                  for d in (False, True))
    cell, left, top, gap = 26.0, 34.0, 30.0, 10.0
    marks = ("R reefer", "◆ DG", "• plug")
    width = max(left + max(len(rows), 1) * cell + 20, _legend_width(colours, marks))
    hatch_y = top + cell * len(deck) + gap / 2
    height = hatch_y + gap / 2 + cell * len(hold) + 64
    mine = [p for p in placements if (p.position.bay - 1) // 4 == bay_index]
    parts = _open(width, height, title or f"{profile.name}: bay {label}")

    def cell_xy(row: int, tier: int, on_deck: bool) -> tuple[float, float]:
        x = left + rows.index(row) * cell
        if on_deck:
            return x, hatch_y - gap / 2 - cell * (deck.index(tier) + 1)
        return x, hatch_y + gap / 2 + cell * (len(hold) - 1 - hold.index(tier))

    for s in stacks:
        for c in s.cells:
            x, y = cell_xy(s.row, c.tier, s.on_deck)
            plug = f", {c.reefer_plugs} reefer plug(s)" if c.reefer_plugs else ""
            parts.append(f'<rect class="cell" x="{x:.1f}" y="{y:.1f}" width="{cell - 2:.1f}" '
                         f'height="{cell - 2:.1f}" fill="{EMPTY_FILL}" stroke="#bbb" '
                         f'data-row="{s.row:02d}" data-tier="{c.tier:02d}"><title>'
                         f'{label}{s.row:02d}{c.tier:02d}: empty{plug}</title></rect>')
            if c.reefer_plugs:
                parts.append(f'<circle class="plug" cx="{x + cell - 6:.1f}" cy="{y + 4:.1f}" '
                             f'r="1.6" fill="#555"/>')
    for p in sorted(mine, key=lambda p: p.position.bay):
        parts.append(_container(p, cell_xy, cell, colours))
    parts += _row_labels(mine, rows, left, cell, hatch_y, gap, len(hold), top)
    parts.append(f'<line class="hatch" x1="{left - 4:.0f}" x2="{width - 16:.0f}" '
                 f'y1="{hatch_y:.1f}" y2="{hatch_y:.1f}" stroke="#333" stroke-width="2"/>')
    parts += _legend(colours, 6, height - 12, marks)
    parts.append("</svg>")
    return "".join(parts)


CellXY = Callable[[int, int, bool], tuple[float, float]]


def _container(p: Placement, cell_xy: CellXY, cell: float, colours: Mapping[str, str]) -> str:
    pos, c = p.position, p.container
    x, y = cell_xy(pos.row, pos.tier, pos.on_deck)
    w = cell - 2
    if not pos.is_40ft_bay:  # 20 ft: fore (4i+1) left half, aft (4i+3) right half
        w = (cell - 2) / 2
        x += 0 if (pos.bay - 1) % 4 == 0 else w
    fill = colours.get(c.pod, OTHER_COLOUR)
    out = [f'<g class="box" data-position="{pos.code}" data-pod="{escape(c.pod)}" '
           f'data-number="{escape(c.number)}">'
           f'<title>{escape(_describe(p))}</title>'
           f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{cell - 2:.1f}" '
           f'fill="{fill}" stroke="#222" stroke-width="0.6"/>']
    if c.is_reefer:
        out.append(f'<text class="reefer" x="{x + 2:.1f}" y="{y + 10:.1f}" font-size="9" '
                   f'font-weight="bold" fill="#000">R</text>')
    if c.dangerous:
        cx, cy = x + w - 5, y + cell - 8
        out.append(f'<polygon class="dg" points="{cx:.1f},{cy - 4:.1f} {cx + 4:.1f},{cy:.1f} '
                   f'{cx:.1f},{cy + 4:.1f} {cx - 4:.1f},{cy:.1f}" fill="#d00" '
                   f'stroke="#fff" stroke-width="0.6"/>')
    out.append("</g>")
    return "".join(out)


def _row_labels(mine: Sequence[Placement], rows: list[int],
                left: float, cell: float, hatch_y: float, gap: float, hold_tiers: int,
                top: float) -> list[str]:
    tonnes: dict[tuple[int, bool], float] = {(r, d): 0.0 for r in rows for d in (False, True)}
    for p in mine:
        tonnes[(p.position.row, p.position.on_deck)] += p.container.vgm_t
    base = hatch_y + gap / 2 + cell * hold_tiers
    out = []
    for k, row in enumerate(rows):
        x = left + k * cell + (cell - 2) / 2
        out.append(f'<text class="row" x="{x:.1f}" y="{top - 2:.0f}" text-anchor="middle" '
                   f'font-size="9">{row:02d}</text>'
                   f'<text class="row-tonnes" x="{x:.1f}" y="{base + 12:.1f}" '
                   f'text-anchor="middle" font-size="7"><title>row {row:02d}: hold '
                   f'{tonnes[(row, False)]:,.1f} t, deck {tonnes[(row, True)]:,.1f} t</title>'
                   f'{tonnes[(row, False)] + tonnes[(row, True)]:.0f}</text>')
    out.append(f'<text x="4" y="{base + 12:.1f}" font-size="7">t</text>')
    return out


# --- crane split ------------------------------------------------------------------------------
def cranes_svg(split: CraneSplit, moves_per_bay: Sequence[int], *, title: str = "") -> str:
    """Moves per 40-ft bay as bars (bow on the right) and each crane's zone as a band under
    the bays it works, labelled with its moves and busy hours; the heading gives the makespan
    and its lower bound."""
    bays, col_w, left, top = len(moves_per_bay), 22.0, 40.0, 30.0
    bar_h, row_h = 90.0, 18.0
    width = max(left + max(bays, 1) * col_w + 50, 420)
    top += 14
    height = top + bar_h + 20 + row_h * len(split.cranes) + 10
    parts = _open(width, height, title or "Crane split")
    parts.append(f'<text class="summary" x="6" y="31">{len(split.cranes)} cranes, '
                 f'{split.moves} moves, makespan {split.makespan_h:.1f} h (bound '
                 f'{split.lower_bound_h:.1f} h)</text>')
    most = max([1, *moves_per_bay])
    for i, moves in enumerate(moves_per_bay):
        x = _bay_x(i, bays, left, col_w)
        h = bar_h * moves / most
        parts.append(f'<g class="bay-moves" data-bay="{iso_bay_label(i)}">'
                     f'<rect x="{x:.1f}" y="{top + bar_h - h:.1f}" width="{col_w - 4:.1f}" '
                     f'height="{max(h, 0.5):.1f}" fill="#607d8b"><title>bay '
                     f'{iso_bay_label(i)}: {moves} moves</title></rect>'
                     f'<text x="{x + col_w / 2 - 2:.1f}" y="{top + bar_h + 12:.1f}" '
                     f'text-anchor="middle" font-size="8">{iso_bay_label(i)}</text></g>')
    for k, c in enumerate(split.cranes):
        y = top + bar_h + 20 + k * row_h
        x0 = _bay_x(c.last_bay, bays, left, col_w)
        x1 = _bay_x(c.first_bay, bays, left, col_w) + col_w - 4
        colour = ("#90a4ae", "#cfd8dc")[k % 2]
        parts.append(f'<g class="crane" data-crane="{c.crane}">'
                     f'<rect x="{x0:.1f}" y="{y:.1f}" width="{x1 - x0:.1f}" '
                     f'height="{row_h - 4:.1f}" fill="{colour}" stroke="#455a64" rx="2">'
                     f'<title>crane {c.crane}: bays {iso_bay_label(c.first_bay)}–'
                     f'{iso_bay_label(c.last_bay)}, {c.moves} moves, busy {c.busy_h:.1f} h, '
                     f'done after {c.finish_h:.1f} h</title></rect>'
                     f'<text x="4" y="{y + 11:.1f}">QC {c.crane}</text>'
                     f'<text x="{x0 + 3:.1f}" y="{y + 11:.1f}" fill="#000">{c.moves} mv · '
                     f'{c.busy_h:.1f} h</text></g>')
    parts.append(f'<text x="{left + bays * col_w:.0f}" y="{top + bar_h + 12:.0f}">bow ▶</text>'
                 '</svg>')
    return "".join(parts)
