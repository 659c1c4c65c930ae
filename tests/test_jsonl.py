"""The one JSONL reader behind extract/eval-quotes inputs, CLI batches and batch uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.errors import InputError
from ingest.jsonl import json_objects, read_json_objects


def test_objects_come_with_their_line_numbers_and_blank_lines_are_skipped() -> None:
    text = '{"a": 1}\n\n   \n{"b": 2}\n'
    assert list(json_objects(text, "in.jsonl")) == [(1, {"a": 1}), (4, {"b": 2})]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"a": 1}\n{broken\n', r"in\.jsonl line 2: not valid JSON"),
        ('{"a": 1}\n[1, 2]\n', r"in\.jsonl line 2: each line must be a JSON object"),
    ],
)
def test_a_bad_line_is_named(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        list(json_objects(text, "in.jsonl"))


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot open"):
        list(read_json_objects(tmp_path / "missing.jsonl"))
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"a": "caf\xe9"}\n'.encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        list(read_json_objects(latin))
