"""A JSON file of sea legs already computed, keyed by coordinates and restrictions."""

from __future__ import annotations

import json
import os
import tempfile
from importlib import metadata
from pathlib import Path
from typing import Any

CACHE_ENV = "TRADELANE_CACHE_DIR"


def default_cache_path() -> Path | None:
    """``$TRADELANE_CACHE_DIR`` (``off`` disables), else the user cache directory.

    The file name carries the ``searoute`` version, so a new network never reuses old legs.
    """
    configured = os.environ.get(CACHE_ENV)
    if configured == "off":
        return None
    if configured:
        base = Path(configured)
    else:
        import platformdirs

        base = Path(platformdirs.user_cache_dir("tradelane"))
    try:
        version = metadata.version("searoute")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return base / f"sea-legs-searoute-{version}.json"


class DistanceCache:
    """Sea legs by key: ``(distance_nm, passages)``; persisted by ``save()`` if changed.

    An entry is ``[distance_nm, passages]`` or, since the dashboard's route map,
    ``[distance_nm, passages, path]`` with the leg's ``[lon, lat]`` points. Older files
    without a path still serve distances; a path is computed (and added) when first asked for.
    ``path=None`` keeps the cache in memory only. A missing or unreadable file starts empty.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self._legs: dict[str, list[Any]] = {}
        self._dirty = False
        if path is not None and path.exists():
            try:
                self._legs = json.loads(path.read_text())
            except (OSError, ValueError):
                self._legs = {}

    def get(self, key: str) -> tuple[float, list[str]] | None:
        """The cached leg, or ``None``."""
        hit = self._legs.get(key)
        return None if hit is None else (float(hit[0]), list(hit[1]))

    def get_path(self, key: str) -> list[tuple[float, float]] | None:
        """The cached leg's ``(lon, lat)`` points, or ``None`` (unknown or an older entry)."""
        hit = self._legs.get(key)
        if hit is None or len(hit) < 3:
            return None
        return [(float(lon), float(lat)) for lon, lat in hit[2]]

    def put(self, key: str, leg: tuple[float, list[str]],
            path: list[tuple[float, float]] | None = None) -> None:
        """Remember a leg (``inf`` distance for "no route") and, if given, its points."""
        entry: list[Any] = [leg[0], leg[1]]
        if path is not None:
            entry.append([[lon, lat] for lon, lat in path])
        self._legs[key] = entry
        self._dirty = True

    def save(self) -> None:
        """Write the file atomically if anything changed; a failed write is not an error."""
        if self.path is None or not self._dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(fd, "w") as fh:
                json.dump(self._legs, fh)
            os.replace(tmp, self.path)
            self._dirty = False
        except OSError:
            pass
