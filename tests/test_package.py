"""The public core stays small, the installed product does not need ../shared, and the
benchmark harness (``tradelane_bench``) stays outside the product."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import tradelane
from tradelane.data import load_reference

SRC = Path(tradelane.__file__).resolve().parent


def test_public_names() -> None:
    assert sorted(tradelane.__all__) == ["InputError", "Result", "Status", "TradelaneError"]
    for name in tradelane.__all__:
        assert getattr(tradelane, name)


def test_product_never_reads_shared() -> None:
    offenders = [p for p in SRC.rglob("*.py") if "../shared" in p.read_text()
                 or "benchmarks/linerlib" in p.read_text()]
    assert offenders == []


def test_port_table_knows_the_lane_and_linerlib_ports() -> None:
    ref = load_reference()
    for code in ("CNTAO", "CNNGB", "KRPUS", "USSAV", "USCHS", "USILM"):
        assert ref.ports[code].lat_deg is not None
    assert ref.canonical_locode("cnqdg") == "CNTAO"
    assert len(ref.ports) > 3_000


def test_usage_errors_exit_2() -> None:
    from tradelane.cli import main

    assert main(["plan"]) == 2
    assert main(["plan", "x.toml", "--no-such-flag"]) == 2


def _imports(tree: ast.Module) -> list[tuple[str, bool]]:
    """(module imported, whether the import sits inside a function) for every import."""
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inner = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.Import):
                found.extend((alias.name, in_function) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                found.append((child.module, in_function))
            visit(child, inner)

    visit(tree, False)
    return found


def test_the_product_never_imports_the_benchmark_harness() -> None:
    entry = SRC / "cli" / "bench.py"
    offenders, entry_imports = [], []
    for path in sorted(SRC.rglob("*.py")):
        for module, in_function in _imports(ast.parse(path.read_text(), str(path))):
            if module.split(".")[0] != "tradelane_bench":
                continue
            if path == entry:
                entry_imports.append((module, in_function))
            else:
                offenders.append(f"{path.relative_to(SRC)}: {module}")
    assert offenders == []
    # the thin ``tradelane bench`` entry point imports the harness, lazily
    assert entry_imports == [("tradelane_bench.cli", True)]


def test_the_walk_sees_imports_at_module_level_and_in_functions() -> None:
    tree = ast.parse("import tradelane_bench.x\nfrom tradelane_bench import y\n"
                     "def f():\n    from tradelane_bench.cli import main\n")
    assert _imports(tree) == [("tradelane_bench.x", False), ("tradelane_bench", False),
                              ("tradelane_bench.cli", True)]


def test_bench_without_the_harness_says_how_to_get_it(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from tradelane.cli import main

    monkeypatch.setitem(sys.modules, "tradelane_bench.cli", None)  # import fails
    assert main(["bench", "plan"]) == 2
    assert capsys.readouterr().err == ("benchmarks are run from a source checkout: "
                                       "pip install -e .\n")


def test_bench_entry_point_hands_over_to_tradelane_bench(
        capsys: pytest.CaptureFixture[str]) -> None:
    from tradelane.cli import main

    assert main(["bench", "--help"]) == 0
    out = capsys.readouterr().out
    assert "Usage: tradelane bench" in out
    for command in ("plan", "berth", "linerlib", "bookings", "web"):
        assert command in out
    assert main(["bench", "plan", "--runs", "0"]) == 2
    assert "--runs = 0" in capsys.readouterr().err
