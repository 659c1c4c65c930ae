"""Folders that travel beside the code: ``prompts/`` and ``samples/``.

In a checkout or an editable install they sit at the top of the project; a wheel installs a
copy under ``<prefix>/share/quotecheck/<name>`` (``[tool.setuptools.data-files]``).
"""

from __future__ import annotations

import sys
from pathlib import Path

_CODE_DIR = Path(__file__).resolve().parent


def data_folder(name: str, code: Path = _CODE_DIR, prefix: str = sys.prefix) -> Path:
    """``name/`` beside the code, else the copy a wheel installed, else the former."""
    beside = code.parent / name
    installed = Path(prefix) / "share" / "quotecheck" / name
    return beside if beside.is_dir() or not installed.is_dir() else installed


SAMPLES = data_folder("samples")  # the bundled, fictional sample corpus


def is_sample(source_path: str, samples: Path = SAMPLES) -> bool:
    """The article was loaded from the bundled sample corpus: its outlets and people are
    invented, and every answer from it says so."""
    if not source_path:
        return False
    try:
        return Path(source_path).resolve().is_relative_to(samples.resolve())
    except (OSError, ValueError):
        return False
