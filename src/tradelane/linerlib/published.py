"""The published best-network logs of Brouer, Desaulniers & Pisinger (2014) and their instances."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tradelane.domain.linerlib import LinerlibNetwork, LinerlibVesselClass
from tradelane.errors import InputError
from tradelane.io.linerlib_network import parse_log, parse_network_json

__all__ = ["LogEntry", "classes_by_capacity", "log_instance", "published_logs",
           "read_network_file"]

LOG_FOLDER = Path("results") / "BrouerDesaulniersPisinger2014"
_PREFIXES = (
    ("Corrected_EUAS_", "EuropeAsia"), ("Corrected_WS_", "WorldSmall"),
    ("Corrected_Pacific_", "Pacific"), ("Corrected_WAF_", "WAF"), ("Baltic_", "Baltic"),
    ("WAF_", "WAF"), ("Med_", "Mediterranean"), ("Pacific_", "Pacific"),
    ("WorldSmall_", "WorldSmall"), ("EuropeAsia_", "EuropeAsia"),
    ("Mediterranean_", "Mediterranean"), ("WorldLarge_", "WorldLarge"),
)


@dataclass(frozen=True, slots=True)
class LogEntry:
    """A published log with the instance and capacity case it belongs to."""

    path: Path
    instance: str
    capacity_case: str


def log_instance(name: str) -> tuple[str, str]:
    """Instance and capacity case of a published log, from its file name (README rules)."""
    instance = next((inst for prefix, inst in _PREFIXES if name.startswith(prefix)), None)
    if instance is None:
        raise InputError("log file", name, "does not name a LINER-LIB instance")
    lowered = name.lower()
    cases = [c for c in ("low", "high", "base") if f"_{c}" in lowered]
    return instance, cases[0] if cases else "base"


def published_logs(root: str | Path) -> list[LogEntry]:
    """Every ``*.log`` in ``<root>/results/BrouerDesaulniersPisinger2014`` (root: LINER-LIB)."""
    base = Path(root)
    folder = base / LOG_FOLDER
    if not folder.is_dir() and base.name == "data":
        folder = base.parent / LOG_FOLDER
    if not folder.is_dir():
        raise InputError("data", str(root), f"has no {LOG_FOLDER} folder")
    return [LogEntry(p, *log_instance(p.name)) for p in sorted(folder.glob("*.log"))]


def classes_by_capacity(classes: dict[str, LinerlibVesselClass]) -> dict[float, str]:
    """Vessel class name per capacity (logs name classes by capacity only)."""
    return {c.capacity_ffe: c.name for c in classes.values()}


def read_network_file(path: str | Path, classes: dict[str, LinerlibVesselClass]) -> LinerlibNetwork:
    """Our JSON network file (``*.json``) or a published log (anything else)."""
    p = Path(path)
    text = p.read_text(encoding="utf-8", errors="replace")
    if p.suffix.lower() == ".json":
        return parse_network_json(text, p.name)
    try:
        instance, case = log_instance(p.name)
    except InputError:
        instance, case = None, None
    return parse_log(text, classes_by_capacity(classes), p.name, instance, case).network
