"""The ``tradelane`` command line: the same use cases as the API, from the terminal."""

from __future__ import annotations

import sys

from tradelane.cli import (
    linerlib,  # noqa: F401
    plan,  # noqa: F401  (registers commands)
)
from tradelane.cli._apps import app
from tradelane.errors import TradelaneError


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; user errors print one sentence to stderr and exit with status 2."""
    try:
        app(args=argv, standalone_mode=False)
    except TradelaneError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc.filename or ''}: {exc.strerror or exc}.", file=sys.stderr)
        return 2
    except SystemExit as exc:
        return int(exc.code or 0)
    except Exception as exc:
        import click

        if isinstance(exc, click.exceptions.Exit):
            return exc.exit_code
        if isinstance(exc, click.ClickException):
            exc.show()
            return 2
        if isinstance(exc, click.exceptions.Abort):
            print("aborted.", file=sys.stderr)
            return 130
        raise
    return 0
