"""The inland tests reuse the API tests' helpers (tests/api/apikit.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
