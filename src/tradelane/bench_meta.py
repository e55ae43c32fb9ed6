"""What every benchmark row records about where it ran: git commit and CPU."""

from __future__ import annotations

import platform
import subprocess
from pathlib import Path


def git_commit(repo: Path | None = None) -> str:
    """The checkout's commit hash (with ``+dirty`` if modified), or ``""`` outside git."""
    where = str(repo or Path(__file__).resolve().parent)
    try:
        head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=where, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                               cwd=where, capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return ""
    return head + ("+dirty" if dirty.strip() else "")


def cpu_name() -> str:
    """The CPU model as the kernel reports it, else the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()
