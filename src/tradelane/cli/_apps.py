"""The Typer applications the command modules register on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tradelane",
    help="Plan and run container liner trade lanes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
bench_app = typer.Typer(help="Benchmarks: write results as CSV/JSON (see docs/benchmarks.md).")
app.add_typer(bench_app, name="bench")
