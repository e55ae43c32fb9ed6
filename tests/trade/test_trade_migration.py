"""Migration 0007_trade fills the trade columns of bookings stored before it (its backfill run
on a store whose trade rows and columns were emptied)."""

from __future__ import annotations

import importlib.util
from importlib import resources

from sqlalchemy import delete, select, update
from tradekit import HandSet, hand_set

from tradelane.store.db import make_engine
from tradelane.store.models import Booking, BookingCommodity


def _migration():
    path = resources.files("tradelane.store").joinpath("migrations/versions/0007_trade.py")
    spec = importlib.util.spec_from_file_location("migration_0007_trade", str(path))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trade_rows(engine) -> tuple[list, list]:
    with engine.connect() as conn:
        bookings = conn.execute(select(
            Booking.id, Booking.declared_value, Booking.declared_value_currency,
            Booking.place_of_receipt, Booking.place_of_delivery).order_by(Booking.id)).all()
        shares = conn.execute(select(
            BookingCommodity.booking_id, BookingCommodity.equipment_id, BookingCommodity.hs_code,
            BookingCommodity.commodity_type, BookingCommodity.teu, BookingCommodity.containers,
            BookingCommodity.tonnes, BookingCommodity.is_dangerous, BookingCommodity.is_reefer)
            .order_by(BookingCommodity.booking_id, BookingCommodity.id)).all()
    return [tuple(r) for r in bookings], [tuple(r) for r in shares]


def test_backfill_rebuilds_the_trade_rows_from_the_documents(tmp_path) -> None:
    hand: HandSet = hand_set(f"sqlite:///{tmp_path / 'migrate.sqlite3'}")
    engine = make_engine(hand.db_url)
    written = _trade_rows(engine)
    assert len(written[0]) == 7 and len(written[1]) == 8  # B has two commodities
    with engine.begin() as conn:
        conn.execute(delete(BookingCommodity))
        conn.execute(update(Booking).values(declared_value=None, declared_value_currency=None))
    assert _trade_rows(engine)[1] == []
    with engine.begin() as conn:
        _migration()._backfill(conn)
    assert _trade_rows(engine) == written
