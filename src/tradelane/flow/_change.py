"""Service changes for :class:`tradelane.flow.paths.PathFlowModel`: keep the paths, repair them.

When a service's call list changes, the calls of the old and the new list are aligned (a longest
common subsequence, so the order is kept). Each call of the new list that matches an old call
keeps the old call's id, and with it the master row of its outgoing leg; an inserted call takes
the id (and row) of a dropped call or a fresh one. Every master column (path) that used the old
service is then repaired rather than discarded: each stretch the cargo spends on board, loaded at
call ``u`` and unloaded at call ``v``, becomes the stretch from ``u`` to ``v`` on the new service
(through an inserted call, or directly past a dropped one). A stretch that loads or unloads at a
dropped call, or a repaired path beyond its commodity's transit-time limit, has no counterpart:
that column is deleted. The repaired columns are valid paths of the new network, so the master
stays exact; only their leg coefficients and cost change, and the flow they carry mostly stays
feasible, which keeps the warm re-solve short.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import highspy
import numpy as np

from tradelane.flow.data import FlowService

if TYPE_CHECKING:
    from tradelane.flow.paths import PathFlowModel

_INF = highspy.kHighsInf


def align(old: Sequence[str], new: Sequence[str]) -> list[int | None]:
    """Map each old call position to its new position (``None`` when dropped), keeping order.

    Parameters
    ----------
    old, new : Sequence[str]
        Port codes in call order.

    Returns
    -------
    list[int | None]
        A longest common subsequence of the two lists, as a strictly increasing partial map.
    """
    n, m = len(old), len(new)
    table = [[0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        row, below = table[a], table[a + 1]
        for b in range(m - 1, -1, -1):
            row[b] = below[b + 1] + 1 if old[a] == new[b] else max(below[b], row[b + 1])
    pos: list[int | None] = [None] * n
    a = b = 0
    while a < n and b < m:
        if old[a] == new[b]:
            pos[a] = b
            a, b = a + 1, b + 1
        elif table[a + 1][b] >= table[a][b + 1]:
            a += 1
        else:
            b += 1
    return pos


def _new_ids(model: PathFlowModel, i: int, service: FlowService,
             pos: list[int | None]) -> list[int]:
    """Call ids of the new list: matched calls keep theirs, inserted ones reuse or append."""
    old_ids = model._service_calls[i]
    ids: list[int | None] = [None] * len(service.calls)
    for a, b in enumerate(pos):
        if b is not None:
            ids[b] = old_ids[a]
    model._free_calls += [old_ids[a] for a, b in enumerate(pos) if b is None]
    for b, c in enumerate(ids):
        if c is None:
            ids[b] = model._free_calls.pop() if model._free_calls else model._new_call()
    return [c for c in ids if c is not None]


def _stretches(legs: list[int], where: dict[int, int], n: int) -> list[tuple[int, int, int, int]]:
    """On-board stretches on one service: (first, last) index in ``legs``, (load, unload) call."""
    out: list[tuple[int, int, int, int]] = []
    for t, c in enumerate(legs):
        a = where.get(c)
        if a is None:
            continue
        if out and out[-1][1] == t - 1 and out[-1][3] == a:
            first, _, load, _ = out[-1]
            out[-1] = (first, t, load, (a + 1) % n)
        else:
            out.append((t, t, a, (a + 1) % n))
    return out


def restructure(model: PathFlowModel, i: int, service: FlowService) -> None:
    """Replace service ``i`` by ``service`` (another call list): repair or delete its paths."""
    old_ids = model._service_calls[i]
    n_old, n_new = len(old_ids), len(service.calls)
    pos = align(model._services[i].calls, service.calls)
    where = {c: a for a, c in enumerate(old_ids)}
    ids = _new_ids(model, i, service, pos)
    model._set_calls(i, service, ids)
    model._free_rows([c for c in old_ids if c not in set(ids)])
    touched = [j for j, legs in enumerate(model._col_legs) if not where.keys().isdisjoint(legs)]
    dead: list[int] = []
    cost_cols: list[int] = []
    cost_vals: list[float] = []
    for j in touched:
        legs = model._col_legs[j]
        new_legs: list[int] = []
        done = 0
        for first, last, load, unload in _stretches(legs, where, n_old):
            p, q = pos[load], pos[unload]
            if p is None or q is None or p == q:
                new_legs = []
                break
            new_legs += legs[done:first]
            new_legs += [ids[b % n_new] for b in range(p, q if q > p else q + n_new)]
            done = last + 1
        k = model._col_k[j]
        key = (k, tuple(new_legs + legs[done:]))
        same = key[1] == tuple(legs)
        if not new_legs or (key in model._seen and not same) or \
                sum(model._call_days[c] for c in key[1]) > model._tmax[k] + 1e-9:
            dead.append(j)
            continue
        if same:
            continue
        model._seen.discard((k, tuple(legs)))
        model._seen.add(key)
        new = list(key[1])
        for c in set(legs) - set(new):
            model._highs.changeCoeff(model._cap_row[c], j, 0.0)
        for c in set(new) - set(legs):
            model._highs.changeCoeff(model._cap_row[c], j, 1.0)
        model._col_legs[j] = new
        cost_cols.append(j)
        cost_vals.append(model._path_cost(k, new, model._col_trans[j]))
    if cost_cols:
        model._highs.changeColsCost(len(cost_cols), np.array(cost_cols, np.int32),
                                    np.array(cost_vals))
    model._delete_columns(dead)


def retime(model: PathFlowModel, i: int, service: FlowService) -> None:
    """Same calls, new capacity or leg times: change the bounds, drop paths now too slow."""
    ids = model._service_calls[i]
    model._set_calls(i, service, ids)
    if not model._timed:
        return
    mine = set(ids)
    dead = [j for j, legs in enumerate(model._col_legs)
            if not mine.isdisjoint(legs)
            and sum(model._call_days[c] for c in legs) > model._tmax[model._col_k[j]] + 1e-9]
    model._delete_columns(dead)


__all__ = ["align", "restructure", "retime"]
