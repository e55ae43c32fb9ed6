"""A sweep's results on disk: a folder of Parquet parts and the sweep's description.

``results.parquet/`` holds ``sweep.json`` (what was swept: case, grid, runs, seed, weeks …)
and ``part-000000.parquet``, ``part-000001.parquet``, … each holding whole cells (every
replication of a cell is in one part). A part is written to a temporary name and renamed, so
a killed sweep leaves only whole parts; a resumed sweep reads the ``cell`` column of every
part and skips those cells. pyarrow, pandas and DuckDB read the folder as one table
(:func:`read_results` unifies the parts' columns).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from tradelane.errors import InputError

MANIFEST = "sweep.json"
"""The sweep's description inside the results folder."""


class ResultParts:
    """The results folder of one sweep: its description, the cells done, new parts.

    Parameters
    ----------
    path : Path
        The folder (created when missing).
    manifest : Mapping
        What the sweep is (JSON-ready). A folder that already describes another sweep is
        refused, so that a resumed sweep never mixes two sweeps' rows.
    field : str
        The name of the request field that gave ``path`` (for error messages).
    """

    def __init__(self, path: Path, manifest: Mapping[str, Any], field: str = "out") -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_dir():
            raise InputError(field, str(path), "is a file; a sweep writes a folder of parts")
        self.path.mkdir(parents=True, exist_ok=True)
        wanted = json.loads(json.dumps(manifest, default=str))
        found = self._manifest()
        if found is None:
            _write_atomic(self.path / MANIFEST, json.dumps(wanted, indent=2).encode())
        elif found != wanted:
            changed = sorted(k for k in set(found) | set(wanted) if found.get(k) != wanted.get(k))
            raise InputError(field, str(path), "holds the results of another sweep (it differs "
                                               f"in {', '.join(changed)}); give another folder "
                                               "or remove it")
        for stale in self.path.glob("*.tmp"):  # a part cut short by a kill
            stale.unlink(missing_ok=True)

    def _manifest(self) -> dict[str, Any] | None:
        try:
            found: dict[str, Any] = json.loads((self.path / MANIFEST).read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (ValueError, OSError):
            raise InputError("out", str(self.path), f"has an unreadable {MANIFEST}") from None
        return found

    def parts(self) -> list[Path]:
        """The part files, in the order written."""
        return sorted(self.path.glob("part-*.parquet"))

    def done_cells(self) -> set[int]:
        """The cells whose rows are already in a part."""
        import pyarrow.parquet as pq

        done: set[int] = set()
        for part in self.parts():
            done.update(pq.read_table(part, columns=["cell"]).column("cell").to_pylist())
        return done

    def write(self, rows: Sequence[Mapping[str, Any]], leading: Sequence[str] = ()) -> Path:
        """Write ``rows`` (whole cells) as the next part; ``leading`` columns first."""
        import pyarrow as pa
        import pyarrow.parquet as pq

        columns = list(dict.fromkeys([*leading, *(k for row in rows for k in row)]))
        table = pa.table({c: [row.get(c) for row in rows] for c in columns})
        parts = self.parts()
        number = int(parts[-1].stem.split("-")[1]) + 1 if parts else 0
        target = self.path / f"part-{number:06d}.parquet"
        fd, tmp = tempfile.mkstemp(dir=self.path, suffix=".tmp")
        os.close(fd)
        pq.write_table(table, tmp)
        os.replace(tmp, target)
        return target


def read_results(path: Path | str) -> Any:
    """Every part of the results folder ``path`` as one ``pyarrow.Table``, rows by cell and
    replication (a column a part lacks, such as a port another rotation does not call, is
    null there)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    folder = Path(path)
    if not folder.is_dir():
        raise InputError("sweep results", str(path), "is not a sweep's results folder")
    parts = sorted(folder.glob("part-*.parquet"))
    if not parts:
        raise InputError("sweep results", str(path), "has no results yet")
    table = pa.concat_tables([pq.read_table(p) for p in parts], promote_options="permissive")
    return table.sort_by([("cell", "ascending"), ("replication", "ascending")])


def read_manifest(path: Path | str) -> dict[str, Any]:
    """The description of the sweep whose results are in ``path``."""
    try:
        doc: dict[str, Any] = json.loads((Path(path) / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        raise InputError("sweep results", str(path), f"has no readable {MANIFEST}") from None
    return doc


def _write_atomic(target: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.replace(tmp, target)
