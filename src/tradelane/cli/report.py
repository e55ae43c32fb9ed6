"""``tradelane report``: the trade report from the booking store, and sample bookings for it."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradelane.app.trade import FIELDS, TradeQuery, TradeReport, parse_rates, trade_report
from tradelane.cli._apps import app
from tradelane.cli._db import DbOption, sessions_for, settings_for
from tradelane.errors import InputError

report_app = typer.Typer(help="Reports from the booking store (trade figures).",
                         no_args_is_help=True)
app.add_typer(report_app, name="report")
FORMATS = ("table", "csv", "parquet", "json")


def parse_day(text: str, field: str) -> date:
    """A date ``YYYY-MM-DD`` (one sentence naming ``field`` otherwise)."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(field, text, "is not a date such as 2024-01-31") from None


@report_app.command("trade")
def trade_command(
    date_from: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD (UTC ETD).")],
    date_to: Annotated[str, typer.Option("--to", help="Last day, YYYY-MM-DD (inclusive).")],
    by: Annotated[str, typer.Option(
        help="month, week, shipper, commodity, hs, market, pol, pod or inland-origin; two "
             "as month,market.")] = "month",
    currency: Annotated[str, typer.Option(help="Currency of the values (CNY, USD, …).")
                        ] = "CNY",
    status: Annotated[str, typer.Option(
        help="Booking states counted, comma-separated: CONFIRMED, RECEIVED, UPDATE_RECEIVED "
             "(cancelled and declined never count).")] = "CONFIRMED",
    rate: Annotated[list[str] | None, typer.Option(
        help="Exchange rate BASE/QUOTE=number, e.g. USD/CNY=7.10 (repeatable; overrides "
             "the shipped table).")] = None,
    output_format: Annotated[str, typer.Option(
        "--format", help="table, csv, parquet (needs --out) or json.")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write to this file instead of stdout.")
                   ] = None,
    db: DbOption = None,
) -> None:
    """Trade figures of the bookings sailing from --from to --to: TEU, containers, cargo
    tonnes, declared value, "new three", DG and reefer shares, growth on the previous period."""
    if output_format not in FORMATS:
        raise InputError("format", output_format, f"must be one of {', '.join(FORMATS)}")
    if output_format == "parquet" and out is None:
        raise InputError("out", None, "is required with --format parquet (a binary file)")
    query = TradeQuery(
        date_from=parse_day(date_from, "from"), date_to=parse_day(date_to, "to"),
        by=tuple(x.strip() for x in by.split(",")), currency=currency.strip().upper(),
        statuses=tuple(s.strip().upper() for s in status.split(",") if s.strip()),
        rates_cny=parse_rates(rate or ()))
    with sessions_for(settings_for(db))() as session:
        report = trade_report(session, query)
    if output_format == "table":
        _print_table(report, out)
    elif output_format == "parquet" and out is not None:
        _write_parquet(report, out)
    else:
        text = (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
                if output_format == "json" else trade_csv(report))
        if out is None:
            sys.stdout.write(text)
        else:
            out.write_text(text, encoding="utf-8")


def trade_csv(report: TradeReport) -> str:
    """The rows and the total as CSV (``FIELDS`` and ``currency``; empty where ``None``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*FIELDS, "currency"])
    for figures in (*report.rows, report.total):
        row = figures.to_dict()
        writer.writerow([*("" if row[k] is None else row[k] for k in FIELDS), report.currency])
    return buffer.getvalue()


def _write_parquet(report: TradeReport, out: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = [r.to_dict() | {"currency": report.currency} for r in (*report.rows, report.total)]
    schema = pa.schema([("group", pa.string()), *((k, pa.float64()) for k in FIELDS[1:]),
                        ("currency", pa.string())])
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), out)


def _print_table(report: TradeReport, out: Path | None) -> None:
    q = report.query
    title = (f"Trade {q.date_from} – {q.date_to} by {','.join(q.by)} ({', '.join(q.statuses)}"
             f"; {report.bookings} bookings; growth on {report.previous_from} – "
             f"{report.previous_to})")
    table = Table(title=title, caption=f"value in {report.currency}; "
                  f"{report.bookings_without_value} bookings declare no value")
    for name, header in (("group", "group"), ("teu", "TEU"), ("containers", "containers"),
                         ("tonnes", "tonnes"), ("value", f"value {report.currency}"),
                         ("new_three_share_pct", "new three %"), ("dg_share_pct", "DG %"),
                         ("reefer_share_pct", "reefer %"), ("growth_pct", "growth %")):
        table.add_column(header, justify="left" if name == "group" else "right")
    for figures in (*report.rows, report.total):
        row = figures.to_dict()
        table.add_row(*(_cell(k, row[k]) for k in
                        ("group", "teu", "containers", "tonnes", "value", "new_three_share_pct",
                         "dg_share_pct", "reefer_share_pct", "growth_pct")),
                      end_section=figures is report.rows[-1] if report.rows else False)
    if out is None:
        Console(width=140).print(table)
    else:
        with out.open("w", encoding="utf-8") as handle:
            Console(file=handle, width=140).print(table)


def _cell(name: str, value: object) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        digits = 0 if name in ("value",) else 1
        return f"{value:,.{digits}f}"
    return str(value)


@report_app.command("sample-bookings")
def sample_command(
    case_file: Annotated[Path, typer.Argument(help="Case file (TOML).", metavar="CASE.toml")],
    weeks: Annotated[int, typer.Option(help="Publish this many weeks first (if the service "
                                            "has no sailings yet).")] = 12,
    seed: Annotated[int, typer.Option(help="Seed of every draw.")] = 0,
    start: Annotated[str | None, typer.Option(
        help="Start of the published window (default: the case's start).")] = None,
    db: DbOption = None,
) -> None:
    """Publish the case's sailings (if none are) and fill them with sample bookings (the
    demo's and the benchmark's data): commodities, values, places of receipt and delivery."""
    from tradelane.app.trade_sample import publish_and_fill

    settings = settings_for(db)
    with Console(stderr=True).status("Publishing and booking…"), \
            sessions_for(settings).begin() as session:
        result = publish_and_fill(session, case_file, weeks=weeks, seed=seed, start=start,
                                  now=settings.clock() or datetime.now(UTC))
    typer.echo(f"{result.bookings} sample bookings ({result.teu} TEU) on {result.voyages} "
               f"voyages, seed {result.seed}")
