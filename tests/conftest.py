"""Shared fixtures: the shipped case, an isolated distance cache, the shared benchmark folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CASE_FILE = REPO / "cases" / "shandong-usec.toml"


def shared_dir() -> Path:
    """``$TRADELANE_SHARED`` or the ``shared`` folder beside the checkout."""
    return Path(os.environ.get("TRADELANE_SHARED", REPO.parent / "shared"))


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory,
                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test session writes its distance cache to a temporary folder, never to ~/.cache."""
    monkeypatch.setenv("TRADELANE_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


@pytest.fixture
def case_text() -> str:
    return CASE_FILE.read_text(encoding="utf-8")
