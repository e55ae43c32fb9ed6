"""Take and give back leg capacity without ever overselling.

A booking's legs are taken with one conditional ``UPDATE legs SET used = used + n WHERE id
IN (its legs, locked in ascending id order) AND used + n <= capacity … RETURNING id`` (for
TEU, tonnes and reefer plugs at once). The database makes the UPDATE atomic (PostgreSQL
locks the rows, ``SELECT … ORDER BY id FOR NO KEY UPDATE`` in the sub-query, until commit; SQLite
runs one writer at a time under ``BEGIN IMMEDIATE``), so two bookings can never both take
the last slot, and two bookings that share legs lock them in the same order (no deadlock).
A booking that does not fit every leg takes none: ``take`` gives back the legs the UPDATE
did take (rows its own transaction holds) before it reports the first leg short.

The row locks are held from the UPDATE to the commit, and every booking on a leg waits for
them: callers should write everything else first, so that only the UPDATE and the commit
fall inside the lock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Float, Integer, bindparam, select, update
from sqlalchemy.orm import Session

from tradelane.domain.cargo import CargoLoad
from tradelane.store.models import Base, Call, Leg


@dataclass(frozen=True, slots=True)
class Shortfall:
    """Why a booking does not fit: the first leg short and by how much per quantity."""

    leg_id: int
    from_locode: str
    to_locode: str
    missing: dict[str, float]

    def sentence(self) -> str:
        """One sentence naming the leg and the shortfall."""
        parts = ", ".join(f"{v:g} {unit}" for unit, v in self.missing.items())
        return (f"leg {self.from_locode}-{self.to_locode} (leg id {self.leg_id}) is short of "
                f"{parts}")


_LEGS = Base.metadata.tables[Leg.__tablename__]
_TEU, _T, _PLUGS = (bindparam(name, type_=kind) for name, kind in (
    ("add_teu", Integer()), ("add_t", Float()), ("add_plugs", Integer())))
_LOCKED = _LEGS.alias("locked")
_IN_ORDER = _LEGS.c.id.in_(
    select(_LOCKED.c.id).where(_LOCKED.c.id.in_(bindparam("legs", expanding=True)))
    .order_by(_LOCKED.c.id).with_for_update(key_share=True))
"""The legs, row-locked in ascending id order (PostgreSQL; SQLite has one writer anyway).

``FOR NO KEY UPDATE``, the lock an UPDATE of non-key columns takes: ``FOR UPDATE`` would also
wait for the key-share locks that other bookings' ``booking_legs`` foreign keys hold on the
same legs, and two such bookings would deadlock."""
_TAKE = (update(_LEGS)
         .where(_IN_ORDER,
                _LEGS.c.used_teu + _TEU <= _LEGS.c.capacity_teu,
                _LEGS.c.used_t + _T <= _LEGS.c.capacity_t + 1e-9,
                _LEGS.c.used_reefer_plugs + _PLUGS <= _LEGS.c.reefer_plugs)
         .values(used_teu=_LEGS.c.used_teu + _TEU, used_t=_LEGS.c.used_t + _T,
                 used_reefer_plugs=_LEGS.c.used_reefer_plugs + _PLUGS)
         .returning(_LEGS.c.id))
"""Built once (Core, on the table): each booking binds only its legs and its load."""
_RELEASE = (update(_LEGS).where(_IN_ORDER)
            .values(used_teu=_LEGS.c.used_teu - _TEU, used_t=_LEGS.c.used_t - _T,
                    used_reefer_plugs=_LEGS.c.used_reefer_plugs - _PLUGS))


def take(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> Shortfall | None:
    """Add ``load`` to every leg, or to none and return the first shortfall."""
    wanted = sorted(set(leg_ids))
    taken = set(session.execute(_TAKE, _params(wanted, load)).scalars())
    if len(taken) == len(wanted):
        return None
    release(session, sorted(taken), load)
    return _shortfall(session, next(leg for leg in wanted if leg not in taken), load)


def release(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> None:
    """Give ``load`` back on every leg (a confirmed booking cancelled or changed)."""
    if leg_ids:
        session.execute(_RELEASE, _params(sorted(set(leg_ids)), load))


def _params(leg_ids: list[int], load: CargoLoad) -> dict[str, object]:
    return {"legs": leg_ids, "add_teu": load.teu, "add_t": load.weight_t,
            "add_plugs": load.reefer_plugs}


def _shortfall(session: Session, leg_id: int, load: CargoLoad) -> Shortfall:
    leg = session.execute(select(Leg).where(Leg.id == leg_id)
                          .execution_options(populate_existing=True)).scalar_one()
    frm = session.get_one(Call, leg.from_call_id).locode
    to = session.get_one(Call, leg.to_call_id).locode
    missing = {
        "TEU": load.teu - (leg.capacity_teu - leg.used_teu),
        "t": round(load.weight_t - (leg.capacity_t - leg.used_t), 3),
        "reefer plugs": load.reefer_plugs - (leg.reefer_plugs - leg.used_reefer_plugs),
    }
    return Shortfall(leg_id, frm, to, {k: v for k, v in missing.items() if v > 0})
