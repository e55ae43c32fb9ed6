"""The ``tradelane-bench`` command (also ``tradelane bench``): one sub-command per benchmark."""

from __future__ import annotations

import importlib
import sys

import typer

from tradelane.errors import TradelaneError

app = typer.Typer(
    name="tradelane-bench",
    help="Benchmarks: write results as CSV (see docs/benchmarks.md).",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# the modules that register a command on ``app``, in the order of the help text
COMMANDS = ("plan", "berth", "linerlib", "bookings", "web", "stowbay", "stowage")


def main(argv: list[str] | None = None, prog_name: str = "tradelane-bench") -> int:
    """Run a benchmark command and return its exit status.

    Usage errors are reported by Typer (status 2); tradelane's own errors print one sentence
    to stderr and return 2; a missing or unreadable file likewise.
    """
    args = sys.argv[1:] if argv is None else argv
    for name in COMMANDS:
        importlib.import_module(f"tradelane_bench.{name}")
    try:
        app(args=args, prog_name=prog_name)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except TradelaneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}.", file=sys.stderr)
        return 2
    return 0
