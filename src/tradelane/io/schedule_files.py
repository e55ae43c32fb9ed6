"""Schedule writers: CSV (one row per call) and iCalendar (one event per call)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from datetime import datetime

from tradelane.domain.schedule import ScheduledCall

CSV_FIELDS = ("ship", "vessel_name", "sequence", "import_voyage", "export_voyage", "direction",
              "locode", "port_name", "eta", "etd")


def iso_utc(moment: datetime) -> str:
    """ISO 8601 with an explicit offset, to the minute when seconds are zero."""
    return moment.isoformat(timespec="minutes" if moment.second == 0 else "seconds")


def format_schedule_csv(calls: list[ScheduledCall], port_names: Mapping[str, str]) -> str:
    """The calls as CSV text with a header row; times in ISO 8601 UTC."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_FIELDS)
    for c in calls:
        writer.writerow((c.ship, c.vessel_name, c.sequence, c.import_voyage, c.export_voyage,
                         c.direction, c.locode,
                         port_names.get(c.locode, c.locode), iso_utc(c.eta), iso_utc(c.etd)))
    return out.getvalue()


def format_schedule_ics(calls: list[ScheduledCall], port_names: Mapping[str, str],
                        service_code: str, generated_at: datetime) -> str:
    """The calls as an iCalendar (RFC 5545) calendar, one VEVENT per call."""
    import icalendar

    cal = icalendar.Calendar()
    cal.add("prodid", "-//tradelane//proforma schedule//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", f"{service_code} proforma schedule")
    for c in calls:
        event = icalendar.Event()
        port = port_names.get(c.locode, c.locode)
        event.add("uid", f"{service_code}-{c.ship:02d}-{c.sequence}@tradelane")
        event.add("dtstamp", generated_at)
        event.add("dtstart", c.eta)
        event.add("dtend", c.etd)
        event.add("summary", f"{c.vessel_name} voy. {c.import_voyage}/{c.export_voyage} at "
                             f"{port} ({c.locode})")
        event.add("location", f"{port} ({c.locode})")
        cal.add_component(event)
    return cal.to_ical().decode("utf-8")
