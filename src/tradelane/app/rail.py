"""Use case: put the inland network's block-train departures on sale beside the sailings."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from tradelane.domain import Case
from tradelane.planning.inland_feeders import departures_between
from tradelane.store.rail import TrainDeparture, publish_trains

FEEDING_DAYS = 7
"""Departures are published from this many days before the window: they feed its first ships."""


def publish_window_trains(session: Session, case: Case, window_start: datetime,
                          window_end: datetime) -> int:
    """Store every departure leaving in [window start − 7 days, window end); how many were new.

    A departure feeds each sailing from its sea port whose vessel cut-off it makes (the booking
    desk picks it by the sailing); nothing is published without an inland network.
    """
    network = case.inland
    if network is None:
        return 0
    since = window_start - timedelta(days=FEEDING_DAYS)
    rows = [TrainDeparture(
        train_name=d.train.name, inland_locode=d.link.inland_port, sea_locode=d.link.sea_port,
        departs_at=d.departs_at, arrives_at=d.arrives_at, at_quay_at=d.at_quay_at,
        cutoff_at=d.cutoff_at, vessel_cutoff_h=d.vessel_cutoff_h,
        capacity_teu=d.train.teu_per_train, capacity_t=d.train.max_t_per_train,
        reefer_teu=d.train.reefer_teu, dg_teu=d.train.dg_teu)
        for d in departures_between(network, since, window_end)]
    return publish_trains(session, rows)
