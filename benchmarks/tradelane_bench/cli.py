"""The ``tradelane-bench`` command (also ``tradelane bench``): one sub-command per benchmark."""

from __future__ import annotations

import importlib
import sys

import typer

from tradelane.cli import run_typer

app = typer.Typer(
    name="tradelane-bench",
    help="Benchmarks: write results as CSV (see docs/benchmarks.md).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# the modules that register a command on ``app``, in the order of the help text
COMMANDS = ("plan", "berth", "linerlib", "design", "design_chart", "bookings", "web", "stowbay",
            "stowage", "vehicles", "trade")


def main(argv: list[str] | None = None, prog_name: str = "tradelane-bench") -> int:
    """Run a benchmark command and return its exit status.

    Usage errors are reported by Typer (status 2); tradelane's own errors print one sentence
    to stderr and return 2; a missing or unreadable file likewise.
    """
    args = sys.argv[1:] if argv is None else argv
    for name in COMMANDS:
        importlib.import_module(f"tradelane_bench.{name}")
    return run_typer(app, args, prog_name)
