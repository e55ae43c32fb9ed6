"""CPU time of other processes (Linux ``/proc``), for the benchmarks' where-the-time-goes.

Elsewhere, or when ``/proc`` cannot be read, every figure is ``nan``.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path

_TICK_S = 1 / os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else math.nan


@dataclass(frozen=True, slots=True)
class _Stat:
    pid: int
    ppid: int
    name: str
    cpu_s: float


def _stats() -> list[_Stat]:
    stats = []
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = entry.read_text()
        except OSError:  # the process exited meanwhile
            continue
        name = text[text.index("(") + 1:text.rindex(")")]
        fields = text[text.rindex(")") + 2:].split()
        # fields[0] is field 3 (state) of proc(5): ppid is 4, utime 14, stime 15
        stats.append(_Stat(int(entry.parent.name), int(fields[1]), name,
                           (int(fields[11]) + int(fields[12])) * _TICK_S))
    return stats


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of process ``pid`` and its living descendants."""
    stats = _stats()
    if not stats:
        return math.nan
    children: dict[int, list[_Stat]] = {}
    for stat in stats:
        children.setdefault(stat.ppid, []).append(stat)
    todo = [s for s in stats if s.pid == pid]
    total = 0.0
    while todo:
        stat = todo.pop()
        total += stat.cpu_s
        todo += children.get(stat.pid, [])
    return total if any(s.pid == pid for s in stats) else math.nan


def named_cpu_s(name: str) -> float:
    """User + system CPU seconds of the living processes called ``name`` (e.g. ``postgres``)."""
    found = [s.cpu_s for s in _stats() if s.name == name]
    return sum(found) if found else math.nan
