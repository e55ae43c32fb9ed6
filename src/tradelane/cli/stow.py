"""The ``tradelane stow`` command group (its commands live in ``stow_*`` modules)."""

from __future__ import annotations

import typer

from tradelane.cli._apps import app

stow_app = typer.Typer(help="Stowage: load plans, the loading computer, single-bay planning.")
app.add_typer(stow_app, name="stow")
