"""Take and give back leg capacity without ever overselling.

Each leg is taken with one conditional ``UPDATE legs SET used = used + n WHERE id = :leg AND
used + n <= capacity`` (for TEU, tonnes and reefer plugs at once), legs in ascending id order.
The database makes each UPDATE atomic (PostgreSQL locks the row until commit; SQLite runs
one writer at a time under ``BEGIN IMMEDIATE``), so two bookings can never both take the
last slot. A booking that does not fit every leg takes none: ``take`` gives back the legs it
had already taken (rows its own transaction still holds) before it reports the shortfall.

The row lock is held from the first UPDATE to the commit, and every booking on a leg waits
for it: callers should write everything else first, so that only the UPDATEs and the commit
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
_TAKE = (update(_LEGS)
         .where(_LEGS.c.id == bindparam("leg"),
                _LEGS.c.used_teu + _TEU <= _LEGS.c.capacity_teu,
                _LEGS.c.used_t + _T <= _LEGS.c.capacity_t + 1e-9,
                _LEGS.c.used_reefer_plugs + _PLUGS <= _LEGS.c.reefer_plugs)
         .values(used_teu=_LEGS.c.used_teu + _TEU, used_t=_LEGS.c.used_t + _T,
                 used_reefer_plugs=_LEGS.c.used_reefer_plugs + _PLUGS))
"""Built once (Core, on the table): each booking binds only the leg and its load."""
_RELEASE = (update(_LEGS).where(_LEGS.c.id == bindparam("leg"))
            .values(used_teu=_LEGS.c.used_teu - _TEU, used_t=_LEGS.c.used_t - _T,
                    used_reefer_plugs=_LEGS.c.used_reefer_plugs - _PLUGS))


def take(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> Shortfall | None:
    """Add ``load`` to every leg, or to none and return the first shortfall."""
    taken: list[int] = []
    for leg_id in sorted(leg_ids):
        result = session.execute(_TAKE, _params(leg_id, load))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            release(session, taken, load)
            return _shortfall(session, leg_id, load)
        taken.append(leg_id)
    return None


def release(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> None:
    """Give ``load`` back on every leg (a confirmed booking cancelled or changed)."""
    for leg_id in sorted(leg_ids):
        session.execute(_RELEASE, _params(leg_id, load))


def _params(leg_id: int, load: CargoLoad) -> dict[str, float]:
    return {"leg": leg_id, "add_teu": load.teu, "add_t": load.weight_t,
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
