"""tradelane: plan and run container liner trade lanes."""

from tradelane.errors import InputError, TradelaneError
from tradelane.result import Result, Status

__all__ = ["InputError", "Result", "Status", "TradelaneError"]
__version__ = "0.1.0"
