"""The ask / verify / compare commands, single and batch, over the hand-made corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from ingest.config import load_settings
from tests.test_answer_engine import build_store


@pytest.fixture(autouse=True)
def _store() -> None:
    build_store(load_settings())


def test_ask_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", 'Who said "Art belongs to everyone"?', "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["intent"] == "who_said"
    assert out["quotes"][0]["canonical_speaker"] == "Anneliese Marchbank"


def test_verify_with_speaker_prints_the_verdict(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", "We will rebuild every street of this city", "--speaker", "Okafor"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("**Misattributed.**") and "Citations:" in out


def test_batch_keeps_order_one_line_each(tmp_path: Path) -> None:
    requests = tmp_path / "in.jsonl"
    requests.write_text(
        '{"quote": "Art belongs to everyone"}\n'
        '{"quote": "We will rebuild every road of this city", "speaker": "Fenwick"}\n'
    )
    out = tmp_path / "out.jsonl"
    assert main(["verify", "--batch", str(requests), "--out", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["verdict"] for r in rows] == ["verbatim", "altered"]


def test_compare_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["compare", "missiles hit the Brannock depot", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any(d["kind"] == "number" for d in out["differences"])


def test_bad_batch_lines_get_error_lines_and_spoil_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    requests = tmp_path / "in.jsonl"
    requests.write_text(
        '{"quote": "Art belongs to everyone"}\n{"nope": 1}\n{not json\n\n'
        '{"quote": "We will rebuild every street of this city"}\n'
    )
    out = tmp_path / "o.jsonl"
    assert main(["verify", "--batch", str(requests), "--out", str(out)]) == 1
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r.get("verdict") for r in rows] == ["verbatim", None, None, "verbatim"]
    assert "line 2: field 'quote' is missing" in rows[1]["error"]
    assert "line 3: not valid JSON" in rows[2]["error"]
    err = capsys.readouterr().err
    assert "line 2: field 'quote' is missing" in err and "4 requests, 2 failed" in err
