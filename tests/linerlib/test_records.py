"""Records live in their layer: LINER-LIB records in the domain, io only parses and writes."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

import tradelane
from tradelane.domain.linerlib import LinerlibNetwork, LinerlibService, LinerlibVesselClass
from tradelane.errors import InputError

SRC = Path(tradelane.__file__).resolve().parent


def _classes(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.name for node in tree.body if isinstance(node, ast.ClassDef)]


def test_no_two_classes_share_a_name() -> None:
    where: dict[str, list[str]] = defaultdict(list)
    for path in sorted(SRC.rglob("*.py")):
        for name in _classes(path):
            where[name].append(str(path.relative_to(SRC)))
    assert {name: files for name, files in where.items() if len(files) > 1} == {}


@pytest.mark.parametrize("module", ["linerlib_data.py", "linerlib_network.py"])
def test_io_modules_hold_functions_only(module: str) -> None:
    path = SRC / "io" / module
    assert _classes(path) == []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [m for m in imported if m.startswith(("tradelane.linerlib", "tradelane.flow"))]


def test_records_name_the_bad_field() -> None:
    with pytest.raises(InputError, match=r"^LinerlibService\.calls = \('AAAAA', 'AAAAA'\): port "
                                         r"AAAAA is called twice in a row\.$"):
        LinerlibService("Small", 1, 10.0, ("AAAAA", "AAAAA"))
    with pytest.raises(InputError, match=r"^LinerlibNetwork\.capacity_case = 'medium'"):
        LinerlibNetwork((), capacity_case="medium")
    with pytest.raises(InputError, match=r"^LinerlibVesselClass Big\.min_speed_kn = 30"):
        LinerlibVesselClass("Big", 100, 1000, 8, 30, 20, 10, 24, 2, None, None)
