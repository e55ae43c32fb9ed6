"""``GET /api/trade``: the trade report (``app.trade``) as JSON, for the carrier and analysts.

Thin: parse the query, check the caller's role, call ``trade_report``, return its document —
the same figures as ``tradelane report trade --format json``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from tradelane.api.deps import EARLIEST, LATEST, Credentials, caller, in_transaction
from tradelane.api.errors import error_responses
from tradelane.app.trade import GROUPINGS, TradeQuery, parse_rates, trade_report

router = APIRouter(prefix="/api", tags=["Trade"])
READERS = ("carrier", "analyst")
"""Roles that may read the trade report."""
Day = Annotated[date, Query(ge=EARLIEST, le=LATEST, description="YYYY-MM-DD (UTC ETD).")]


@router.get("/trade", responses=error_responses(400, 401, 403))
async def trade(
    request: Request,
    date_from: Annotated[Day, Query(alias="from")],
    date_to: Annotated[Day, Query(alias="to")],
    by: Annotated[str, Query(max_length=40, description=f"One of {', '.join(GROUPINGS)}; "
                             "two as month,market.")] = "month",
    currency: Annotated[str, Query(pattern=r"^[A-Za-z]{3}$")] = "CNY",
    status: Annotated[str, Query(max_length=60, description="Comma-separated states: "
                                 "CONFIRMED, RECEIVED, UPDATE_RECEIVED.")] = "CONFIRMED",
    rate: Annotated[list[str] | None, Query(max_length=10, description="BASE/QUOTE=number, "
                                            "e.g. USD/CNY=7.10 (repeatable).")] = None,
    authorization: Credentials = None,
) -> dict[str, Any]:
    """TEU, containers, tonnes, declared value and shares per group, with the total and the
    growth on the previous period (``{"rows", "total", "currency"}``)."""
    def work(session: Any) -> dict[str, Any]:
        caller(session, authorization, READERS)  # 403 for every other role
        query = TradeQuery(date_from=date_from, date_to=date_to,
                           by=tuple(x.strip() for x in by.split(",")),
                           currency=currency.upper(),
                           statuses=tuple(s.strip().upper() for s in status.split(",")
                                          if s.strip()),
                           rates_cny=parse_rates(rate or ()))
        return trade_report(session, query).to_dict()

    return await in_transaction(request, work, write=False)
