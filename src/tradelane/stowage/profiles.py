"""Vessel profiles by name (shipped with the package) or by file."""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from tradelane.domain.vessel_profile import VesselProfile
from tradelane.errors import InputError
from tradelane.io.vessel_profile import parse_profile, read_profile


def shipped_profiles() -> tuple[str, ...]:
    """Names of the profiles shipped in ``tradelane/data/vessels`` (e.g. ``A13``)."""
    folder = resources.files("tradelane.data").joinpath("vessels")
    return tuple(sorted(p.name.rsplit(".", 1)[0] for p in folder.iterdir()
                        if p.name.endswith(".json")))


@functools.cache
def _shipped(name: str) -> VesselProfile:
    text = resources.files("tradelane.data").joinpath(f"vessels/{name}.json").read_text(
        encoding="utf-8")
    return parse_profile(text)


def load_profile(name_or_path: str | Path) -> VesselProfile:
    """A shipped profile by name (``"A13"``) or a profile file (ours, or Larsen–Pacino).

    Raises
    ------
    InputError
        If the name is neither a shipped profile nor an existing file.
    """
    text = str(name_or_path)
    if text in shipped_profiles():
        return _shipped(text)
    path = Path(text)
    if not path.is_file():
        raise InputError("profile", text, "is neither a shipped profile "
                         f"({', '.join(shipped_profiles())}) nor a file")
    return read_profile(path)
