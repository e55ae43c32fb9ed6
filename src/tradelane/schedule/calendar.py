"""The lane calendar: every ship's calls, voyage numbers and sailings, from one anchor.

Ships are phased in one per frequency from the calendar's anchor (the service's first call):
ship k (0-based) makes its first call at the rotation's first port at ``anchor + k × frequency``
and then repeats the round voyage every ``ships × frequency`` days. A call is identified by its
ship and its *sequence*, its position in the ship's stream of calls since the anchor
(``loop × len(rotation) + index + 1``), so every face, and every publication window, names the
same call the same way.

Voyage numbers follow DCSA's import/export voyage numbers per call. The two longest legs split
the rotation into two directions (``E`` from the first port, ``W`` after the first long leg);
a *direction group* is a run of consecutive calls of one direction in the ship's stream. Each
group opens a voyage, numbered ``<year digit><ISO week:02d><letter>`` by the week of the ship's
arrival at the group's first call (``<year digit><day of year:03d><letter>`` for services more
frequent than weekly). At a call, the *export* voyage is its group's voyage and the *import*
voyage the previous group's (the ship's first group has no earlier voyage: import = export).
A voyage — a *sailing* — loads in its own group and discharges in the next one, so its calls
run from its group's first call to the end of the next group: eastbound cargo for Charleston
sails under the eastbound number all the way.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from tradelane.domain.schedule import Sailing, ScheduledCall
from tradelane.errors import InputError
from tradelane.schedule.proforma import Proforma, VoyageLeg

LATEST = datetime(2200, 1, 1, tzinfo=UTC)
"""No calendar date at or after this is computed (a far-future query is refused, not a 500)."""


def at_minute(start: datetime, hours: float) -> datetime:
    """``start + hours``, rounded to the whole minute (schedules are published to the minute)."""
    return start + timedelta(minutes=round(hours * 60))


def direction_of_calls(legs: list[VoyageLeg], letters: tuple[str, str] = ("E", "W")
                       ) -> list[str]:
    """The direction letter of each call (by its departing leg)."""
    n = len(legs)
    if n < 3:
        return [letters[0]] * n
    longest = sorted(sorted(range(n), key=lambda i: -legs[i].distance_nm)[:2])
    first_turn, second_turn = longest
    return [letters[1] if first_turn < i <= second_turn else letters[0] for i in range(n)]


def vessel_names(code: str, ships: int) -> list[str]:
    """Placeholder names ``"<CODE> 01"`` … for a fleet whose real names are not given."""
    return [f"{code} {k + 1:02d}" for k in range(ships)]


class LaneCalendar:
    """The calls and sailings of one proforma, anchored at the service's first call.

    Parameters
    ----------
    proforma : Proforma
        Fleet, call times and frequency.
    legs : list of VoyageLeg
        The rotation's legs (their lengths decide the directions).
    anchor : datetime
        ETA of ship 1's first call (the service's start).
    names : list of str
        Vessel names, one per ship.
    """

    def __init__(self, proforma: Proforma, legs: list[VoyageLeg], anchor: datetime,
                 names: list[str], letters: tuple[str, str] = ("E", "W")) -> None:
        if len(names) < proforma.ships:
            raise InputError("fleet.names", names, f"needs {proforma.ships} vessel names")
        self.proforma = proforma
        self.anchor = anchor
        self.names = names
        self.directions = direction_of_calls(legs, letters)
        self._n = len(proforma.calls)
        self._loop = timedelta(days=proforma.round_trip_days)
        self._starts = [j for j in range(self._n)
                        if self.directions[j] != self.directions[j - 1]] or [0]

    # ---- times ---------------------------------------------------------------------------
    def ship_start(self, ship: int) -> datetime:
        """ETA of ship ``ship``'s (1-based) first call."""
        return self.anchor + timedelta(days=(ship - 1) * self.proforma.frequency_days)

    def _times(self, ship: int, position: int) -> tuple[datetime, datetime]:
        loop, index = divmod(position, self._n)
        start = self.ship_start(ship) + loop * self._loop
        call = self.proforma.calls[index]
        return at_minute(start, call.eta_h), at_minute(start, call.etd_h)

    # ---- groups and voyages ------------------------------------------------------------
    def _group_start(self, position: int) -> int:
        """Stream position of the first call of ``position``'s direction group."""
        loop, index = divmod(position, self._n)
        before = [j for j in self._starts if j <= index]
        start = loop * self._n + before[-1] if before else (loop - 1) * self._n + self._starts[-1]
        return max(start, 0)

    def _next_group_start(self, group_start: int) -> int:
        p = group_start + 1
        while self._group_start(p) == group_start:
            p += 1
        return p

    def _voyage_number(self, ship: int, group_start: int) -> str:
        arrival, _ = self._times(ship, group_start)
        letter = self.directions[group_start % self._n]
        if self.proforma.frequency_days >= 7:
            year, week, _ = arrival.isocalendar()
            return f"{year % 10}{week:02d}{letter}"
        return f"{arrival.year % 10}{arrival.timetuple().tm_yday:03d}{letter}"

    def call(self, ship: int, sequence: int) -> ScheduledCall:
        """Ship ``ship``'s call number ``sequence`` (1-based) since the anchor."""
        position = sequence - 1
        group = self._group_start(position)
        export = self._voyage_number(ship, group)
        imported = export if group == 0 else self._voyage_number(
            ship, self._group_start(group - 1))
        eta, etd = self._times(ship, position)
        return ScheduledCall(ship=ship, vessel_name=self.names[ship - 1], sequence=sequence,
                             import_voyage=imported, export_voyage=export,
                             direction=self.directions[position % self._n],
                             locode=self.proforma.calls[position % self._n].locode,
                             eta=eta, etd=etd)

    # ---- windows -----------------------------------------------------------------------
    def _positions_around(self, ship: int, start: datetime, end: datetime) -> range:
        """Stream positions that may have a call between ``start`` and ``end`` (a margin of
        one loop either side)."""
        _check_moment("start", start)
        _check_moment("end", end)
        offset = start - self.ship_start(ship)
        first_loop = max(0, math.floor(offset / self._loop) - 1)
        last_loop = max(-1, math.ceil((end - self.ship_start(ship)) / self._loop) + 1)
        return range(first_loop * self._n, (last_loop + 1) * self._n)

    def calls_between(self, start: datetime, end: datetime) -> list[ScheduledCall]:
        """Every call with an ETA in ``[start, end)``, ordered by ETA then ship."""
        calls = []
        for ship in range(1, self.proforma.ships + 1):
            for p in self._positions_around(ship, start, end):
                eta, _ = self._times(ship, p)
                if start <= eta < end:
                    calls.append(self.call(ship, p + 1))
        return sorted(calls, key=lambda c: (c.eta, c.ship))

    def calls_for_weeks(self, weeks: int, since: datetime | None = None) -> list[ScheduledCall]:
        """Every call with an ETA in the ``weeks`` weeks from ``since`` (default: the anchor)."""
        start = self.anchor if since is None else since
        return self.calls_between(start, start + timedelta(weeks=weeks))

    def sailings_departing(self, start: datetime, end: datetime) -> list[Sailing]:
        """Every sailing whose first call's ETD lies in ``[start, end)``, with all its calls
        through the end of its voyage, ordered by departure then ship."""
        sailings = []
        for ship in range(1, self.proforma.ships + 1):
            for p in self._positions_around(ship, start, end):
                if self._group_start(p) != p:
                    continue
                _, etd = self._times(ship, p)
                if start <= etd < end:
                    sailings.append(self.sailing(ship, p + 1))
        return sorted(sailings, key=lambda s: (s.departure, s.ship))

    def sailing(self, ship: int, first_sequence: int) -> Sailing:
        """The sailing that opens at ship ``ship``'s call ``first_sequence``."""
        group = self._group_start(first_sequence - 1)
        end = self._next_group_start(self._next_group_start(group))
        calls = tuple(self.call(ship, p + 1) for p in range(group, end))
        return Sailing(voyage=calls[0].export_voyage, direction=calls[0].direction, ship=ship,
                       vessel_name=self.names[ship - 1], calls=calls)

    def where(self, ship: int, at: datetime) -> tuple[ScheduledCall | None, ScheduledCall | None]:
        """The ship's last call with ETA ≤ ``at`` and its next call (``None`` before service)."""
        _check_moment("at", at)
        if at < self.ship_start(ship):
            return None, self.call(ship, 1)
        loop = math.floor((at - self.ship_start(ship)) / self._loop)
        position = loop * self._n
        while self._times(ship, position + 1)[0] <= at:
            position += 1
        return self.call(ship, position + 1), self.call(ship, position + 2)


def _check_moment(field: str, moment: datetime) -> None:
    if moment.tzinfo is None or moment >= LATEST:
        raise InputError(field, moment.isoformat(), f"must be a UTC time before "
                         f"{LATEST:%Y-%m-%d}")
