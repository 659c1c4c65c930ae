"""Small measures shared by the benchmark scripts."""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0-100); 0 for no values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0


def folder_mb(folder: Path) -> float:
    """The size of the files below ``folder``, in MiB."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


def process_age_s() -> float:
    """Seconds since this process started (Linux: /proc), interpreter start-up included."""
    ticks = os.sysconf("SC_CLK_TCK")
    stat = Path("/proc/self/stat").read_text()
    started = int(stat.rsplit(")", 1)[1].split()[19]) / ticks  # field 22: start time
    return float(Path("/proc/uptime").read_text().split()[0]) - started
