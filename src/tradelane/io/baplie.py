"""SMDG BAPLIE 2.2 (UN/EDIFACT D.95B) bay plans: write and read with pydifact.

Segments written, in the order of SMDG's BAPLIE 2.2 implementation guide::

    UNB+UNOA:2+<sender>+<recipient>+<yymmdd>:<hhmm>+<ref>'
    UNH+<ref>+BAPLIE:D:95B:UN:SMDG22'
    BGM++<voyage>_<port>+9'
    DTM+137:<yymmddhhmm>:201'                      message prepared
    TDT+20+<voyage>+++<carrier>:172:20+++<call sign>:103::<vessel name>'
    LOC+5+<port>:139:6'                            port of departure
    LOC+61+<next port>:139:6'                      next port of call
    DTM+133:<yymmddhhmm>:201'                      estimated departure (when given)
    RFF+VON:<voyage>'
    per container (group 2):
      LOC+147+<BBBRRTT>::5'                        ISO 9711 slot
      FTX+AAI+++PLACEHOLDER NUMBER'                only for placeholder numbers
      MEA+WT++KGM:<vgm kg>'                        verified gross mass
      TMP+2+<setpoint>:CEL'                        reefers
      LOC+9+<pol>:139:6'  LOC+11+<pod>:139:6'
      RFF+BM:<booking reference>'                  when known
      EQD+CN+<number>+<size-type>:102:5+++5'       full container
      NAD+CA+<carrier>:172:20'
      DGS+IMD+<class>+<UN number>'                 one per dangerous-goods entry
    UNT+<segments>+<ref>'
    UNZ+1+<ref>'

The reader also takes ``MEA+VGM`` (BAPLIE 2.2.1), pounds (``LBR``), Fahrenheit (``FAH``) and
``RFF+BN``. Every error is one InputError naming the segment (its number and tag).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydifact.exceptions import EDISyntaxError, MissingImplementationWarning
from pydifact.parser import Parser
from pydifact.segmentcollection import Interchange, Message
from pydifact.segments import Segment

from tradelane.domain.stowage import ContainerUnit, DangerousCargo, Placement, SlotPosition
from tradelane.errors import InputError

MESSAGE_ID = ("BAPLIE", "D", "95B", "UN", "SMDG22")
PLACEHOLDER_TEXT = "PLACEHOLDER NUMBER"


@dataclass(frozen=True, slots=True)
class BaplieMessage:
    """One bay plan: the ship, voyage and port, and every occupied slot."""

    vessel: str
    voyage: str
    port: str
    placements: tuple[Placement, ...]
    next_port: str | None = None
    prepared_at: datetime | None = None
    call_sign: str | None = None
    carrier: str | None = None
    departure: datetime | None = field(default=None)


def format_baplie(placements: Iterable[Placement], *, vessel: str, voyage: str, port: str,
                  next_port: str | None = None, prepared_at: datetime | None = None,
                  call_sign: str | None = None, carrier: str = "ZZZ",
                  departure: datetime | None = None, sender: str = "TRADELANE",
                  recipient: str = "ZZZ", reference: str = "1") -> str:
    """Placements → BAPLIE 2.2 text, one segment a line.

    Parameters
    ----------
    placements
        The containers aboard at departure and their slots.
    vessel, voyage, port, next_port
        Vessel name, voyage number and UN/LOCODEs (``LOC+5``, ``LOC+61``).
    prepared_at
        Message date (``UNB``, ``DTM+137``); default now, UTC.
    call_sign, carrier
        ``TDT`` identifiers; ``carrier`` also goes into each container's ``NAD+CA``.
    departure
        Estimated departure (``DTM+133``), when known.
    """
    when = prepared_at or datetime.now(UTC)
    message = Message(reference, list(MESSAGE_ID))
    header = [
        Segment("BGM", "", f"{voyage}_{port}", "9"),
        Segment("DTM", ["137", _stamp(when), "201"]),
        Segment("TDT", "20", voyage, "", "", [carrier, "172", "20"], "", "",
                [call_sign or "", "103", "", vessel.upper()]),
        Segment("LOC", "5", [port, "139", "6"]),
    ]
    if next_port:
        header.append(Segment("LOC", "61", [next_port, "139", "6"]))
    if departure:
        header.append(Segment("DTM", ["133", _stamp(departure), "201"]))
    header.append(Segment("RFF", ["VON", voyage]))
    message.add_segments(header)
    for placement in sorted(placements, key=lambda p: p.position):
        message.add_segments(_container_segments(placement, carrier))
    interchange = Interchange(sender, recipient, reference, ("UNOA", 2), timestamp=when)
    interchange.add_message(message)
    return interchange.serialize(break_lines=True)


def _stamp(moment: datetime) -> str:
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    return f"{moment:%y%m%d%H%M}"


def _container_segments(placement: Placement, carrier: str) -> list[Segment]:
    unit = placement.container
    out = [Segment("LOC", "147", [placement.position.code, "", "5"])]
    if unit.placeholder_number:
        out.append(Segment("FTX", "AAI", "", "", PLACEHOLDER_TEXT))
    out.append(Segment("MEA", "WT", "", ["KGM", f"{unit.vgm_t * 1000:.0f}"]))
    if unit.reefer_setpoint_c is not None:
        out.append(Segment("TMP", "2", [f"{unit.reefer_setpoint_c:g}", "CEL"]))
    out += [Segment("LOC", "9", [unit.pol, "139", "6"]),
            Segment("LOC", "11", [unit.pod, "139", "6"])]
    if unit.booking_reference:
        out.append(Segment("RFF", ["BM", unit.booking_reference]))
    out += [Segment("EQD", "CN", unit.number, [unit.iso_type, "102", "5"], "", "", "5"),
            Segment("NAD", "CA", [carrier, "172", "20"])]
    out += [Segment("DGS", "IMD", d.imo_class, d.un_number) for d in unit.dangerous]
    return out


def read_baplie(path: str | Path) -> BaplieMessage:
    """Read a BAPLIE file (ISO 8859-1, as EDIFACT files usually are)."""
    return parse_baplie(Path(path).read_text(encoding="iso-8859-1"))


def parse_baplie(text: str) -> BaplieMessage:
    """BAPLIE 2.2 text → BaplieMessage; InputError naming the segment on bad input."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", MissingImplementationWarning)
            segments = list(Parser().parse(text.strip()))
    except (EDISyntaxError, ValueError, IndexError) as exc:
        raise InputError("BAPLIE", text[:40], f"is not readable EDIFACT ({exc})") from None
    tags = [s.tag for s in segments]
    if "UNH" not in tags:
        raise InputError("BAPLIE", text[:40], "has no UNH segment")
    unh = segments[tags.index("UNH")]
    if _part(unh, 1, 0) != "BAPLIE":
        raise InputError("BAPLIE segment UNH", str(unh), "does not open a BAPLIE message")
    starts = [i for i, s in enumerate(segments) if s.tag == "LOC" and _part(s, 0) == "147"]
    end = tags.index("UNT") if "UNT" in tags else len(segments)
    head = _header(segments[:starts[0] if starts else end])
    bounds = [*starts, end]
    placements = tuple(_placement(segments, bounds[k], bounds[k + 1])
                       for k in range(len(starts)))
    return BaplieMessage(placements=placements, **head)


def _part(segment: Segment, element: int, component: int = 0) -> str:
    """One component of one element ('' when absent)."""
    if element >= len(segment.elements):
        return ""
    value = segment.elements[element]
    if isinstance(value, list):
        return str(value[component]) if component < len(value) and value[component] else ""
    return str(value) if component == 0 and value else ""


def _header(segments: Sequence[Segment]) -> dict[str, Any]:
    head: dict[str, Any] = {"vessel": "", "voyage": "", "port": ""}
    for s in segments:
        if s.tag == "TDT":
            head["voyage"] = _part(s, 1)
            head["carrier"] = _part(s, 4) or None
            head["call_sign"] = _part(s, 7, 0) or None
            head["vessel"] = _part(s, 7, 3) or _part(s, 7, 0)
        elif s.tag == "LOC" and _part(s, 0) in {"5", "61"}:
            head["port" if _part(s, 0) == "5" else "next_port"] = _part(s, 1)
        elif s.tag == "DTM" and _part(s, 0) in {"137", "133"}:
            key = "prepared_at" if _part(s, 0) == "137" else "departure"
            head[key] = _moment(s, _part(s, 0, 1), _part(s, 0, 2))
    if not head["voyage"] or not head["port"]:
        raise InputError("BAPLIE header", "TDT/LOC+5", "must give the voyage (TDT) and the "
                         "port (LOC+5)")
    return head


def _moment(segment: Segment, text: str, fmt: str) -> datetime:
    pattern = {"201": "%y%m%d%H%M", "203": "%Y%m%d%H%M", "102": "%Y%m%d"}.get(fmt or "201")
    try:
        if pattern is None:
            raise ValueError(fmt)
        return datetime.strptime(text, pattern).replace(tzinfo=UTC)
    except ValueError:
        raise InputError(f"BAPLIE segment {segment.tag}", str(segment),
                         "is not a date of format 201, 203 or 102") from None


def _placement(segments: Sequence[Segment], start: int, stop: int) -> Placement:
    fields: dict[str, object] = {"dangerous": []}
    where = f"BAPLIE segment {start + 1} (LOC+147)"
    try:
        position = SlotPosition.parse(_part(segments[start], 1))
    except InputError as exc:
        raise InputError(where, exc.value, exc.problem) from None
    for k in range(start + 1, stop):
        _read_segment(segments[k], f"BAPLIE segment {k + 1} ({segments[k].tag})", fields)
    for key, tag in (("number", "EQD+CN"), ("vgm_t", "MEA+WT"), ("pol", "LOC+9"),
                     ("pod", "LOC+11")):
        if key not in fields:
            raise InputError(where, position.code, f"has no {tag} segment")
    fields["dangerous"] = tuple(fields["dangerous"])  # type: ignore[arg-type]
    try:
        unit = ContainerUnit(**fields)  # type: ignore[arg-type]
    except InputError as exc:
        raise InputError(f"{where} {exc.field}", exc.value, exc.problem) from None
    return Placement(unit, position)


def _read_segment(s: Segment, where: str, fields: dict[str, object]) -> None:
    tag, qualifier = s.tag, _part(s, 0)
    if tag == "MEA" and qualifier in {"WT", "VGM"}:
        if qualifier == "WT" and "vgm_t" in fields:
            return  # a VGM already read wins over the gross weight
        unit, value = _part(s, 2, 0), _number(where, s, _part(s, 2, 1))
        fields["vgm_t"] = value / 1000.0 if unit == "KGM" else value * 0.45359237 / 1000.0
        if unit not in {"KGM", "LBR"}:
            raise InputError(where, str(s), "gives the weight in neither KGM nor LBR")
    elif tag == "TMP" and qualifier == "2":
        value = _number(where, s, _part(s, 1, 0))
        fields["reefer_setpoint_c"] = (value - 32.0) / 1.8 if _part(s, 1, 1) == "FAH" else value
    elif tag == "LOC" and qualifier in {"9", "11"}:
        fields["pol" if qualifier == "9" else "pod"] = _part(s, 1)
    elif tag == "RFF" and _part(s, 0, 0) in {"BM", "BN"}:
        fields["booking_reference"] = _part(s, 0, 1) or None
    elif tag == "EQD" and qualifier == "CN":
        fields["number"] = _part(s, 1).replace(" ", "")
        fields["iso_type"] = _part(s, 2, 0)
    elif tag == "FTX" and PLACEHOLDER_TEXT in str(s):
        fields["placeholder_number"] = True
    elif tag == "DGS" and qualifier == "IMD":
        try:
            cargo = DangerousCargo(un_number=_part(s, 2), imo_class=_part(s, 1))
        except InputError as exc:
            raise InputError(f"{where} {exc.field}", exc.value, exc.problem) from None
        fields["dangerous"].append(cargo)  # type: ignore[attr-defined]


def _number(where: str, segment: Segment, text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise InputError(where, str(segment), f"has {text!r} where a number belongs") from None
