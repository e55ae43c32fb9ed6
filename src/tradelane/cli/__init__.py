"""The ``tradelane`` command line: the same use cases as the API, from the terminal.

Command modules are imported only for the command asked for, so that ``tradelane plan`` does
not pay for importing OR-Tools, SQLAlchemy or the web stack.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from typing import Any

from tradelane.cli._apps import app
from tradelane.errors import InputError, TradelaneError

# command (first word) → modules that register it; "bench" gathers every benchmark
_MODULES = {
    "plan": ("plan",),
    "berth": ("berth", "berth_plan"),
    "linerlib": ("linerlib",),
    "design": ("design",),
    "publish": ("publish",),
    "parties": ("parties",),
    "serve": ("serve",),
    "bench": ("bench",),
    "stow": ("stow_loadlist", "stow_check", "stow_bay", "stow_plan"),
    "simulate": ("simulate",),
    "voyage": ("voyage",),
    "sweep": ("sweep",),
    "vehicles": ("vehicles",),
    "report": ("report",),
}


def _register(argv: list[str]) -> None:
    """Import the command modules ``argv`` needs (all of them for help or an unknown word)."""
    command = next((a for a in argv if not a.startswith("-")), None)
    names = _MODULES.get(command or "", tuple(dict.fromkeys(sum(_MODULES.values(), ()))))
    for name in names:
        importlib.import_module(f"tradelane.cli.{name}")


def in_cli_words(exc: TradelaneError) -> str:
    """The error's sentence, naming a request field by its command-line flag.

    The use cases name the fields of their requests (``speed_kn``, ``week``); a field that is
    a flag of the command run (``--speed-kn``) is shown as that flag, case-file fields
    (``service.start``) as they are.
    """
    if isinstance(exc, InputError) and exc.field in _FLAGS:
        flag = "--" + exc.field.replace("_", "-")
        return f"{flag} = {exc.value!r}: {exc.problem}."
    return str(exc)


_FLAGS = frozenset({
    "ships", "speed_kn", "weeks", "start", "routing", "week", "port", "capacity_teu",
    "time_limit_s", "seed", "threads", "solver", "role", "allow_past", "data", "instance",
    "capacity", "fixed_demand", "schedule_from", "voyage", "out", "runs", "policy",
    "deterministic", "scenario", "load_list", "onboard", "grid", "scheduler", "workers",
    "iterations", "round_iterations", "max_services", "base_url", "case",
    "from", "to", "by", "currency", "status", "rate", "format"})
"""Request fields that every command taking them spells as ``--field-name``."""


def main(argv: list[str] | None = None) -> int:
    """Run the CLI and return its exit status.

    Usage errors are reported by Typer (status 2); tradelane's own errors print one sentence to
    stderr and return 2; a missing or unreadable file likewise.
    """
    args = sys.argv[1:] if argv is None else argv
    return run_typer(app, args, "tradelane", before=lambda: _register(args))


def run_typer(typer_app: Callable[..., Any], args: list[str], prog_name: str,
              before: Callable[[], None] | None = None) -> int:
    """Run a Typer application and turn its outcome into an exit status: Typer's own, or 2
    with one sentence on stderr for tradelane's errors and unreadable files (shared with the
    benchmarks' command)."""
    try:
        if before is not None:
            before()
        typer_app(args=args, prog_name=prog_name)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except TradelaneError as exc:
        print(f"error: {in_cli_words(exc)}", file=sys.stderr)
        return 2
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"error: {where}{exc.strerror or exc}.", file=sys.stderr)
        return 2
    return 0
