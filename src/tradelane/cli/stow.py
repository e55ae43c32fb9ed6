"""The ``tradelane stow`` command group (its commands live in ``stow_*`` modules)."""

from __future__ import annotations

import typer

from tradelane.cli._apps import app

stow_app = typer.Typer(help="Stowage: load lists, voyage and single-bay plans, the loading "
                       "computer.", no_args_is_help=True)
app.add_typer(stow_app, name="stow")
