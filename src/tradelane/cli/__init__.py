"""The ``tradelane`` command line: the same use cases as the API, from the terminal."""

from __future__ import annotations

import sys

from tradelane.cli import (  # noqa: F401  (each module registers its commands)
    bench_bookings,
    bench_plan,
    bench_web,
    berth,
    berth_plan,
    linerlib,
    parties,
    plan,
    publish,
    serve,
)
from tradelane.cli._apps import app
from tradelane.errors import TradelaneError


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status.

    Usage errors are reported by Typer (status 2); tradelane's own errors print one sentence to
    stderr and return 2; a missing or unreadable file likewise.
    """
    try:
        app(args=argv, prog_name="tradelane")
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
