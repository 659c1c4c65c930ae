"""Small measures shared by the benchmark scripts."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path


def percentile(values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile (``p`` in 0-100); 0 for no values."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else 0.0


def folder_mb(folder: Path) -> float:
    """The size of the files below ``folder``, in MiB."""
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20
