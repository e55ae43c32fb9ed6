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

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from tradelane.domain.cargo import CargoLoad
from tradelane.store.models import Call, Leg


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


def take(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> Shortfall | None:
    """Add ``load`` to every leg, or to none and return the first shortfall."""
    taken: list[int] = []
    for leg_id in sorted(leg_ids):
        result = session.execute(
            update(Leg)
            .where(Leg.id == leg_id,
                   Leg.used_teu + load.teu <= Leg.capacity_teu,
                   Leg.used_t + load.weight_t <= Leg.capacity_t + 1e-9,
                   Leg.used_reefer_plugs + load.reefer_plugs <= Leg.reefer_plugs)
            .values(used_teu=Leg.used_teu + load.teu, used_t=Leg.used_t + load.weight_t,
                    used_reefer_plugs=Leg.used_reefer_plugs + load.reefer_plugs)
            .execution_options(synchronize_session=False))
        if result.rowcount != 1:  # type: ignore[attr-defined]
            release(session, taken, load)
            return _shortfall(session, leg_id, load)
        taken.append(leg_id)
    return None


def release(session: Session, leg_ids: Sequence[int], load: CargoLoad) -> None:
    """Give ``load`` back on every leg (a confirmed booking cancelled or changed)."""
    for leg_id in sorted(leg_ids):
        session.execute(
            update(Leg).where(Leg.id == leg_id)
            .values(used_teu=Leg.used_teu - load.teu, used_t=Leg.used_t - load.weight_t,
                    used_reefer_plugs=Leg.used_reefer_plugs - load.reefer_plugs)
            .execution_options(synchronize_session=False))


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
