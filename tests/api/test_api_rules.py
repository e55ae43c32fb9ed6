"""Rules without a server: DG entries by sailing date, migrations in step with the models."""

from __future__ import annotations

from datetime import date

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from tradelane.api.bookings.dg import check_dg
from tradelane.api.bookings.schemas import Commodity, DangerousGoods
from tradelane.api.errors import ApiError
from tradelane.store.db import make_engine, migrate
from tradelane.store.models import Base

EV = Commodity(commodityType="Electric cars, lithium-ion", HSCodes=["870380"])
HYBRID_NIMH = Commodity(commodityType="Forklifts, lead-acid", HSCodes=["842710"])


def _line(un: str) -> DangerousGoods:
    return DangerousGoods(UNNumber=un, imoClass="9", properShippingName="VEHICLE")


@pytest.mark.parametrize(("un", "sailing", "ok"), [
    ("3171", date(2024, 12, 31), True),
    ("3556", date(2024, 12, 31), False),
    ("3171", date(2025, 6, 1), True),
    ("3556", date(2025, 6, 1), True),
    ("3171", date(2026, 1, 1), False),
    ("3556", date(2026, 1, 1), True),
])
def test_battery_vehicles_by_sailing_date(un: str, sailing: date, ok: bool) -> None:
    if ok:
        assert check_dg(_line(un), "dg", EV, sailing).un_number == f"UN{un}"
    else:
        with pytest.raises(ApiError, match="UNNumber"):
            check_dg(_line(un), "dg", EV, sailing)


def test_un3171_still_fine_for_non_lithium_vehicles_from_2026() -> None:
    assert check_dg(_line("3171"), "dg", HYBRID_NIMH, date(2026, 3, 1)).imo_class == "9"


def test_every_required_dg_entry_is_shipped() -> None:
    from tradelane.data.cargo import dangerous_goods

    assert {"UN3480", "UN3481", "UN3090", "UN3091", "UN3171", "UN3556", "UN3536",
            "UN1202"} <= set(dangerous_goods())
    assert dangerous_goods()["UN1202"].imo_class == "3"


def test_migrations_match_models(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    migrate(engine)  # idempotent at start-up
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []
