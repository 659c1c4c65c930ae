"""JSON Lines of objects, each with its line number; a bad line is an error naming it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.errors import InputError


def json_object(line: str, source: str, number: int) -> dict[str, Any]:
    """The JSON object on one line; anything else is an ``InputError`` naming the line."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(source, f"not valid JSON ({exc.msg}); fix this line", number) from None
    if not isinstance(value, dict):
        raise InputError(source, 'each line must be a JSON object like {"id": ...}', number)
    return value


def json_objects(text: str, source: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line; blank lines are skipped."""
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            yield number, json_object(line, source, number)


def read_text(path: str | Path) -> str:
    """A JSONL file's text; a file that cannot be read is an ``InputError``."""
    p = Path(path)
    try:
        return p.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(str(p), f"cannot open: {exc.strerror}") from exc
    except UnicodeDecodeError:
        raise InputError(str(p), "is not UTF-8 text; save it as UTF-8") from None


def read_json_objects(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """The objects of a JSONL file; a file that cannot be read is an ``InputError`` too."""
    yield from json_objects(read_text(path), str(path))
