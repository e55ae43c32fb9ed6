"""The benchmark protocol's common columns, and the CSV file every bench writes.

DESIGN.md's protocol: one row per (instance, seed) with at least instance, seed, status,
objective, bound, reference value, gap %, runtime s, time limit s, git commit and CPU. Every
bench builds a :class:`Measurement` for those figures and hands it, with its own columns, to a
:class:`BenchCsv`; the protocol columns always come first, in this order, and a figure that
does not apply is an empty cell.
"""

from __future__ import annotations

import csv
import platform
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from tradelane.result import Result

__all__ = ["PROTOCOL_COLUMNS", "BenchCsv", "Machine", "Measurement", "cpu_name", "git_commit"]

PROTOCOL_COLUMNS = ("instance", "seed", "status", "objective", "bound", "reference_value",
                    "gap_pct", "runtime_s", "time_limit_s", "git_commit", "cpu")


def git_commit(repo: Path | None = None) -> str:
    """The checkout's commit hash (with ``+dirty`` if modified), or ``""`` outside git."""
    where = str(repo or Path(__file__).resolve().parent)
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=where, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=where, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+dirty" if dirty.strip() else "")


def cpu_name() -> str:
    """The CPU model as the kernel reports it, else the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


@dataclass(frozen=True, slots=True)
class Machine:
    """Where a benchmark ran: the checkout's commit and the CPU model."""

    git_commit: str
    cpu: str

    @classmethod
    def here(cls) -> Machine:
        """This checkout and this machine."""
        return cls(git_commit(), cpu_name())


@dataclass(frozen=True, slots=True)
class Measurement:
    """The protocol's figures of one row; ``None`` where a figure does not apply.

    Attributes
    ----------
    instance : str
        What was run (file name, case and load, …).
    status : str
        ``optimal``/``feasible``/… for solvers, ``ok`` or an error sentence for the others.
    runtime_s : float
        Wall-clock seconds of the measured part.
    seed : int | None
        Seed given to the solver; ``None`` where nothing is random.
    objective, bound : float | None
        Objective value and proven bound.
    reference_value : float | None
        Best-known or published value; ``None`` where none exists.
    gap_pct : float | None
        Relative gap between objective and bound, in percent.
    time_limit_s : float | None
        Limit the run was given.
    """

    instance: str
    status: str
    runtime_s: float
    seed: int | None = None
    objective: float | None = None
    bound: float | None = None
    reference_value: float | None = None
    gap_pct: float | None = None
    time_limit_s: float | None = None

    @classmethod
    def from_result(cls, instance: str, result: Result[Any], *, time_limit_s: float | None,
                    reference_value: float | None = None) -> Measurement:
        """The figures of a solver's :class:`~tradelane.result.Result`."""
        gap = result.gap
        return cls(instance=instance, status=result.status.value, runtime_s=result.runtime_s,
                   seed=result.seed, objective=result.objective, bound=result.bound,
                   reference_value=reference_value,
                   gap_pct=None if gap is None else 100.0 * gap, time_limit_s=time_limit_s)

    def cells(self, machine: Machine) -> dict[str, str]:
        """The protocol columns as CSV cells."""
        return {"instance": self.instance, "seed": _cell(self.seed), "status": self.status,
                "objective": _cell(self.objective), "bound": _cell(self.bound),
                "reference_value": _cell(self.reference_value),
                "gap_pct": _cell(self.gap_pct, ".4f"), "runtime_s": f"{self.runtime_s:.4f}",
                "time_limit_s": _cell(self.time_limit_s, "g"), "git_commit": machine.git_commit,
                "cpu": machine.cpu}


def _cell(value: float | None, spec: str = "") -> str:
    return "" if value is None else format(value, spec)


class BenchCsv:
    """A benchmark's CSV: the protocol columns, then ``columns`` (the bench's own).

    Each :meth:`write` adds one row and flushes it, so a killed run keeps its finished rows.
    With ``append`` the rows go after those of an existing file (header written when new).
    """

    def __init__(self, path: Path, columns: Sequence[str], *, append: bool = False,
                 machine: Machine | None = None) -> None:
        clash = set(columns) & set(PROTOCOL_COLUMNS)
        if clash:
            raise ValueError(f"columns {sorted(clash)} are protocol columns already")
        self.path = path
        self.fieldnames = (*PROTOCOL_COLUMNS, *columns)
        self.machine = machine or Machine.here()
        self._append = append
        self._fh: IO[str] | None = None
        self._writer: csv.DictWriter[str] | None = None

    def __enter__(self) -> BenchCsv:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        new = not self._append or not self.path.exists() or self.path.stat().st_size == 0
        self._fh = self.path.open("a" if self._append else "w", newline="", encoding="utf-8")
        self._writer = csv.DictWriter(self._fh, self.fieldnames, extrasaction="raise")
        if new:
            self._writer.writeheader()
        return self

    def write(self, measurement: Measurement, **columns: object) -> None:
        """One row: the protocol figures of ``measurement`` plus the bench's own ``columns``."""
        if self._writer is None or self._fh is None:
            raise RuntimeError("BenchCsv.write outside its with-block")
        row = {k: "" if v is None else v for k, v in columns.items()}
        self._writer.writerow({**measurement.cells(self.machine), **row})
        self._fh.flush()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = self._writer = None
