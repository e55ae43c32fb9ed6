"""``tradelane bench …``: hands over to the benchmark harness, ``tradelane-bench``.

The harness (package ``tradelane_bench`` under ``benchmarks/``) is not part of the product;
it is imported here only when ``bench`` is the command asked for, and is there only in a
source checkout installed with ``pip install -e .``.
"""

from __future__ import annotations

import typer

from tradelane.cli._apps import app

CHECKOUT_ONLY = "benchmarks are run from a source checkout: pip install -e ."


@app.command("bench", add_help_option=False,
             context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def bench(ctx: typer.Context) -> None:
    """Benchmarks: write results as CSV (the same as tradelane-bench; docs/benchmarks.md)."""
    try:
        from tradelane_bench.cli import main as bench_main
    except ModuleNotFoundError as exc:
        if exc.name != "tradelane_bench" and not (exc.name or "").startswith("tradelane_bench."):
            raise
        typer.echo(CHECKOUT_ONLY, err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(bench_main(list(ctx.args), prog_name="tradelane bench"))
