"""The Typer application the command modules register on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="tradelane",
    help="Plan and run container liner trade lanes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _commands() -> None:
    """Keep ``app`` a group of commands even when only one command module is imported."""
