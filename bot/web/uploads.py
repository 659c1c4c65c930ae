"""Files a user uploads through the web app: checked, then copied under generated names.

An upload's own file name is only ever shown back to the user (escaped), never used as a
path: each accepted file is copied into a fresh folder as ``upload-NNN-<random><suffix>``,
keeping only a supported suffix so the loaders know the format.
"""

from __future__ import annotations

import csv
import io
import secrets
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import InputError
from ingest.jsonl import json_objects
from ingest.loaders import SUPPORTED_SUFFIXES

MAX_UPLOAD_FILES = 20
MAX_BATCH_ROWS = 500
BATCH_SUFFIXES = (".csv", ".jsonl")


@dataclass(frozen=True)
class Staged:
    """One uploaded file: its display name, and the safe copy (or why it was refused)."""

    name: str
    path: Path | None
    error: str = ""


def display_name(upload: str | Path) -> str:
    """The name a user recognises: the last part of the upload's path, shortened."""
    name = Path(str(upload)).name or "upload"
    return name if len(name) <= 80 else name[:77] + "..."


def _suffix(name: str) -> str:
    return Path(name).suffix.lower()


def stage_uploads(
    uploads: Sequence[str | Path],
    dest: Path,
    *,
    max_files: int = MAX_UPLOAD_FILES,
    max_bytes: int = 20_000_000,
    suffixes: Sequence[str] = SUPPORTED_SUFFIXES,
) -> list[Staged]:
    """Check each upload and copy the good ones into ``dest`` under generated names."""
    if len(uploads) > max_files:
        raise InputError(
            "upload", f"{len(uploads)} files at once; upload at most {max_files} per batch"
        )
    dest.mkdir(parents=True, exist_ok=True)
    staged = []
    for n, upload in enumerate(uploads):
        name, source = display_name(upload), Path(str(upload))
        suffix = _suffix(name)
        if suffix not in suffixes:
            staged.append(
                Staged(name, None, f"unsupported file type; use one of {' '.join(suffixes)}")
            )
            continue
        try:
            size = source.stat().st_size
        except OSError as exc:
            staged.append(Staged(name, None, f"cannot read the upload ({exc.strerror})"))
            continue
        if size > max_bytes:
            staged.append(
                Staged(name, None, f"{size:,} bytes is over the {max_bytes:,} byte limit")
            )
            continue
        target = dest / f"upload-{n:03d}-{secrets.token_hex(6)}{suffix}"
        shutil.copyfile(source, target)
        staged.append(Staged(name, target))
    return staged


def read_verify_batch(
    path: Path, name: str, max_rows: int = MAX_BATCH_ROWS
) -> list[dict[str, str]]:
    """Requests ``{"quote", "speaker"}`` from a CSV (header with ``quote``) or JSONL upload."""
    suffix = _suffix(name)
    if suffix not in BATCH_SUFFIXES:
        raise InputError(name, "a batch must be a .csv or .jsonl file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(name, "is not UTF-8 text; save it as UTF-8") from None
    rows: list[dict[str, str]] = []
    if suffix == ".csv":
        reader = csv.DictReader(io.StringIO(text))
        fields = [f.strip().lower() for f in reader.fieldnames or []]
        if "quote" not in fields:
            raise InputError(name, "the CSV needs a header row with a 'quote' column", line=1)
        for line, raw in enumerate(reader, 2):
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
            rows.append(_request(row, name, line))
    else:
        for line, value in json_objects(text, name):
            rows.append(_request({k: str(v) for k, v in value.items()}, name, line))
    if not rows:
        raise InputError(name, "holds no quotes to verify")
    if len(rows) > max_rows:
        raise InputError(name, f"{len(rows)} quotes; a batch may hold at most {max_rows}")
    return rows


def _request(row: dict[str, str], name: str, line: int) -> dict[str, str]:
    quote = (row.get("quote") or "").strip()
    if not quote:
        raise InputError(name, "field 'quote' is missing or empty", line=line)
    return {"quote": quote, "speaker": (row.get("speaker") or "").strip()}
