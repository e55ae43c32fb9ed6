"""Block-train departures on sale, and the train capacity bookings take, never oversold.

A published departure is a row of ``train_departures``: the inland port, the sea port, when it
leaves, when it reaches the quay, when its bookings close, and its TEU, tonnes, reefer TEU and
dangerous-goods TEU with what is used. A booking with an inland place of receipt holds one
departure (``booking_trains``, with the load it takes there).

Capacity is taken as on the vessel legs (``store.capacity``): one conditional ``UPDATE …
WHERE used + n <= capacity … RETURNING id`` on the departure's row, which PostgreSQL row-locks
(``FOR NO KEY UPDATE``) until the commit and SQLite serialises under ``BEGIN IMMEDIATE``. A
booking takes its train *before* its legs; every booking with a train does so, so two bookings
never wait on each other in opposite orders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import (
    Float,
    ForeignKey,
    Integer,
    String,
    UniqueConstraint,
    bindparam,
    select,
    update,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from tradelane.store.models import Base

__all__ = ["BookingTrain", "RailLoad", "TrainDeparture", "TrainDepartureRow", "publish_trains",
           "release_train", "take_train"]


class TrainDepartureRow(Base):
    """One departure of a block train, on sale (migration ``0005_rail``)."""

    __tablename__ = "train_departures"
    __table_args__ = (UniqueConstraint("train_name", "departs_at"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    train_name: Mapped[str] = mapped_column(String(100))
    inland_locode: Mapped[str] = mapped_column(String(5), index=True)
    sea_locode: Mapped[str] = mapped_column(String(5))
    departs_at: Mapped[datetime]
    arrives_at: Mapped[datetime]
    at_quay_at: Mapped[datetime]
    cutoff_at: Mapped[datetime]
    vessel_cutoff_h: Mapped[float] = mapped_column(Float)
    capacity_teu: Mapped[int] = mapped_column(Integer)
    capacity_t: Mapped[float] = mapped_column(Float)
    reefer_teu: Mapped[int] = mapped_column(Integer)
    dg_teu: Mapped[int] = mapped_column(Integer)
    used_teu: Mapped[int] = mapped_column(Integer, default=0)
    used_t: Mapped[float] = mapped_column(Float, default=0.0)
    used_reefer_teu: Mapped[int] = mapped_column(Integer, default=0)
    used_dg_teu: Mapped[int] = mapped_column(Integer, default=0)


class BookingTrain(Base):
    """The departure a booking's cargo rides to its port of loading, and what it takes there."""

    __tablename__ = "booking_trains"
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id"), primary_key=True)
    departure_id: Mapped[int] = mapped_column(ForeignKey("train_departures.id"), index=True)
    teu: Mapped[int] = mapped_column(Integer)
    weight_t: Mapped[float] = mapped_column(Float)
    reefer_teu: Mapped[int] = mapped_column(Integer)
    dg_teu: Mapped[int] = mapped_column(Integer)


@dataclass(frozen=True, slots=True)
class TrainDeparture:
    """A departure to publish (times UTC)."""

    train_name: str
    inland_locode: str
    sea_locode: str
    departs_at: datetime
    arrives_at: datetime
    at_quay_at: datetime
    cutoff_at: datetime
    vessel_cutoff_h: float
    capacity_teu: int
    capacity_t: float
    reefer_teu: int
    dg_teu: int


@dataclass(frozen=True, slots=True)
class RailLoad:
    """What a booking takes on its train: TEU, gross tonnes, reefer TEU, dangerous-goods TEU."""

    teu: int
    weight_t: float
    reefer_teu: int
    dg_teu: int


def publish_trains(session: Session, departures: Sequence[TrainDeparture]) -> int:
    """Store the departures not yet on sale (same train and time: kept as it is); how many."""
    have = {(name, at) for name, at in session.execute(
        select(TrainDepartureRow.train_name, TrainDepartureRow.departs_at))}
    new = [d for d in departures if (d.train_name, d.departs_at) not in have]
    session.add_all(TrainDepartureRow(**{k: getattr(d, k) for k in TrainDeparture.__slots__},
                                      used_teu=0, used_t=0.0, used_reefer_teu=0, used_dg_teu=0)
                    for d in new)
    session.flush()
    return len(new)


_T = Base.metadata.tables[TrainDepartureRow.__tablename__]
_LOCKED = _T.alias("locked_train")
_ONE = _T.c.id.in_(select(_LOCKED.c.id).where(_LOCKED.c.id == bindparam("departure"))
                   .with_for_update(key_share=True))
_TAKE = (update(_T).where(_ONE,
                          _T.c.used_teu + bindparam("teu") <= _T.c.capacity_teu,
                          _T.c.used_t + bindparam("t") <= _T.c.capacity_t + 1e-9,
                          _T.c.used_reefer_teu + bindparam("reefer") <= _T.c.reefer_teu,
                          _T.c.used_dg_teu + bindparam("dg") <= _T.c.dg_teu)
         .values(used_teu=_T.c.used_teu + bindparam("teu"), used_t=_T.c.used_t + bindparam("t"),
                 used_reefer_teu=_T.c.used_reefer_teu + bindparam("reefer"),
                 used_dg_teu=_T.c.used_dg_teu + bindparam("dg"))
         .returning(_T.c.id))
_RELEASE = (update(_T).where(_ONE)
            .values(used_teu=_T.c.used_teu - bindparam("teu"),
                    used_t=_T.c.used_t - bindparam("t"),
                    used_reefer_teu=_T.c.used_reefer_teu - bindparam("reefer"),
                    used_dg_teu=_T.c.used_dg_teu - bindparam("dg")))


def _params(departure_id: int, load: RailLoad) -> dict[str, object]:
    return {"departure": departure_id, "teu": load.teu, "t": load.weight_t,
            "reefer": load.reefer_teu, "dg": load.dg_teu}


def take_train(session: Session, departure_id: int, load: RailLoad) -> str | None:
    """Add ``load`` to the departure, or return the sentence saying what it is short of."""
    if session.execute(_TAKE, _params(departure_id, load)).first() is not None:
        return None
    row = session.execute(select(TrainDepartureRow).where(TrainDepartureRow.id == departure_id)
                          .execution_options(populate_existing=True)).scalar_one()
    missing = {"TEU": load.teu - (row.capacity_teu - row.used_teu),
               "t": round(load.weight_t - (row.capacity_t - row.used_t), 3),
               "reefer TEU": load.reefer_teu - (row.reefer_teu - row.used_reefer_teu),
               "dangerous-goods TEU": load.dg_teu - (row.dg_teu - row.used_dg_teu)}
    parts = ", ".join(f"{v:g} {unit}" for unit, v in missing.items() if v > 0)
    return (f"train {row.train_name} departing {row.departs_at:%Y-%m-%d %H:%M} UTC "
            f"(departure id {row.id}) is short of {parts}")


def release_train(session: Session, departure_id: int, load: RailLoad) -> None:
    """Give ``load`` back on the departure."""
    session.execute(_RELEASE, _params(departure_id, load))
