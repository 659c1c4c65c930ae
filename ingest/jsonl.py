"""JSON Lines of objects, each with its line number; a bad line is an error naming it.

Every JSON text is checked for its nesting depth before it is parsed (``check_depth``):
Python's parser recurses per level, so 1,000 nested ``[`` would end the whole run with a
``RecursionError``; here it is one error naming the file and line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.errors import InputError

MAX_DEPTH = 100  # an article record needs 3 or 4 levels (an author object in a list)

_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


def check_depth(text: str, source: str, line: int | None = None, limit: int = MAX_DEPTH) -> None:
    """An ``InputError`` naming ``source`` (and ``line``) if arrays and objects nest deeper
    than ``limit`` in ``text``; brackets inside strings do not count. Linear, no parsing."""
    if text.count("[") + text.count("{") <= limit:
        return  # fewer openers than the limit: cannot be too deep
    depth = 0
    for char in _NOT_BRACKET.sub("", _STRING.sub("", text)):
        if char in "[{":
            depth += 1
            if depth > limit:
                raise InputError(
                    source,
                    f"JSON nested deeper than {limit} levels; an article record needs only a "
                    "few, so fix the file (or check that it is an article export)",
                    line,
                )
        else:
            depth = max(0, depth - 1)


def json_object(line: str, source: str, number: int) -> dict[str, Any]:
    """The JSON object on one line; anything else is an ``InputError`` naming the line."""
    check_depth(line, source, number)
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
