"""Every port call of every ship over the first weeks of a service, with voyage numbers.

Ships are phased in one per frequency: ship k (0-based) makes its first call at the rotation's
first port at ``start + k × frequency``, then repeats the round voyage every ``ships ×
frequency`` days.

Voyage numbers (``<year digit><ISO week:02d><direction>``, e.g. ``401E``): the two longest legs
split the rotation into two directions; calls from the first port up to the first long leg
belong to the first direction (``E`` by default), the others to the second (``W``). The week is
that of the ship's arrival at the first call of the direction in that loop. For services more
frequent than weekly the day of the year replaces the week (``<year digit><day:03d><dir>``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from tradelane.schedule.proforma import Proforma, VoyageLeg


@dataclass(frozen=True, slots=True)
class ScheduledCall:
    """One port call of one ship."""

    ship: int
    vessel_name: str
    voyage: str
    direction: str
    locode: str
    eta: datetime
    etd: datetime


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


def port_calls(proforma: Proforma, legs: list[VoyageLeg], start: datetime, weeks: int,
               names: list[str], letters: tuple[str, str] = ("E", "W")) -> list[ScheduledCall]:
    """Every call with an ETA before ``start + weeks`` weeks, ordered by ETA then ship."""
    end = start + timedelta(weeks=weeks)
    directions = direction_of_calls(legs, letters)
    loop = timedelta(days=proforma.round_trip_days)
    calls = []
    for ship in range(proforma.ships):
        loop_start = start + timedelta(days=ship * proforma.frequency_days)
        while loop_start < end:
            voyages = _voyage_numbers(proforma, directions, loop_start)
            for i, call in enumerate(proforma.calls):
                eta = at_minute(loop_start, call.eta_h)
                if eta < end:
                    calls.append(ScheduledCall(
                        ship=ship + 1, vessel_name=names[ship], voyage=voyages[i],
                        direction=directions[i], locode=call.locode, eta=eta,
                        etd=at_minute(loop_start, call.etd_h)))
            loop_start += loop
    return sorted(calls, key=lambda c: (c.eta, c.ship))


def _voyage_numbers(proforma: Proforma, directions: list[str], loop_start: datetime
                    ) -> list[str]:
    numbers = []
    for i, letter in enumerate(directions):
        first = i
        while first > 0 and directions[first - 1] == letter:
            first -= 1
        arrival = loop_start + timedelta(hours=proforma.calls[first].eta_h)
        numbers.append(_voyage_number(arrival, letter, proforma.frequency_days))
    return numbers


def _voyage_number(moment: datetime, letter: str, frequency_days: float) -> str:
    year, week, _ = moment.isocalendar()
    if frequency_days >= 7:
        return f"{year % 10}{week:02d}{letter}"
    return f"{moment.year % 10}{moment.timetuple().tm_yday:03d}{letter}"
