"""Ingest end to end with the fake embedder: idempotence, replacement, bad input, the cache."""

from __future__ import annotations

import json
from pathlib import Path

from bot.service import Quotecheck
from ingest.config import Settings, load_settings
from ingest.embedder import FakeEmbedder
from tests.conftest import SAMPLES


class CountingEmbedder(FakeEmbedder):
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def embed(self, texts: list[str]) -> list[list[float]]:
        self.texts.extend(texts)
        return super().embed(texts)


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


ARTICLE = """Pump station reopens
Source: Harbour Times
Date: 2024-03-07
URL: https://harbour.example/pumps

The pump station on Quay Road reopened on Thursday after a week of repairs.

"We kept the water out," said Ines Varga, the station manager. Two pumps are running.
"""


def _service(settings: Settings | None = None) -> tuple[Quotecheck, CountingEmbedder]:
    emb = CountingEmbedder()
    return Quotecheck(settings or load_settings(), embedder=emb), emb


def test_ingest_is_idempotent_and_counts(tmp_path: Path, store_settings: Settings) -> None:
    src = _write(tmp_path / "in" / "pumps.txt", ARTICLE)
    service, emb = _service(store_settings)
    first = service.ingest([src])
    assert first.as_dict()["new"] == 1 and first.failed == 0
    assert first.passages >= 1 and first.quotes >= 1
    embedded = len(emb.texts)
    second = service.ingest([src])
    assert second.as_dict()["unchanged"] == 1 and second.as_dict()["new"] == 0
    assert len(emb.texts) == embedded, "an unchanged article must not be embedded again"
    assert service.store.count()["articles"] == 1


def test_changed_article_replaces_its_records(tmp_path: Path) -> None:
    src = _write(tmp_path / "pumps.txt", ARTICLE)
    service, _ = _service()
    service.ingest([src])
    _write(src, ARTICLE.replace("Two pumps are running.", "Three pumps are running."))
    summary = service.ingest([src])
    assert summary.as_dict()["updated"] == 1
    texts = [h.passage.text for h in service.search("pumps are running", k=10)]
    assert any("Three pumps" in t for t in texts)
    assert not any("Two pumps" in t for t in texts)
    assert service.store.count()["articles"] == 1


def test_reprinted_passages_are_embedded_once(tmp_path: Path) -> None:
    body = "The council met on Monday. It voted to delay the budget by a week."
    records = [
        {"id": "a", "title": "Budget delayed", "outlet": "Daily Ledger", "text": body},
        {"id": "b", "title": "Council delays budget", "outlet": "Northern Wire", "text": body},
    ]
    src = _write(tmp_path / "wire.jsonl", "\n".join(json.dumps(r) for r in records))
    service, emb = _service()
    service.ingest([src])
    assert emb.texts.count(body) == 1
    assert service.store.count()["passages"] == 2


def test_one_bad_record_spoils_nothing(tmp_path: Path) -> None:
    good = {"id": "good", "title": "Fine", "text": "A perfectly good article. It has text."}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty", "title": "No text"})]
    folder = tmp_path / "batch"
    _write(folder / "records.jsonl", "\n".join(lines))
    _write(folder / "blank.txt", "")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff" * 50)
    _write(folder / "ok.md", "# A markdown article\n\nIt rained. The river rose.")
    unsupported = _write(tmp_path / "notes.odt", "unsupported")  # named directly: an error
    _write(folder / "image.png", "skipped quietly when met while walking a folder")
    service, _ = _service()
    summary = service.ingest([folder, unsupported])
    d = summary.as_dict()
    assert d["new"] == 2, d
    assert d["failed"] == 5, d
    errors = " | ".join(e["error"] for e in d["errors"])  # type: ignore[union-attr]
    assert "records.jsonl line 2" in errors and "records.jsonl line 3" in errors
    for name in ("blank.txt", "binary.txt", "notes.odt"):
        assert name in errors
    ids = {a.id for a in service.list_articles()}
    assert "good" in ids and len(ids) == 2
    assert service.store.repair() == 0, "a failed article must leave nothing half-written"


def test_missing_path_is_reported_and_the_rest_ingested(tmp_path: Path) -> None:
    src = _write(tmp_path / "pumps.txt", ARTICLE)
    service, _ = _service()
    summary = service.ingest([tmp_path / "nope", src])
    assert summary.failed == 1 and summary.as_dict()["new"] == 1
    assert "nope" in summary.results[0].error


def test_a_store_failure_stops_the_run_with_a_clear_error(tmp_path: Path) -> None:
    from ingest.errors import StoreError

    src = _write(tmp_path / "pumps.txt", ARTICLE)
    service, _ = _service()
    store = service.store

    def broken_write(prepared: object) -> None:
        raise StoreError("disk full")

    store.write = broken_write  # type: ignore[method-assign]
    summary = service.ingest([src])
    assert summary.fatal == "disk full"
    assert summary.failed == 1
    assert store.count()["articles"] == 0


def test_sample_corpus_ingests_without_failures() -> None:
    service, _ = _service()
    summary = service.ingest([SAMPLES])
    assert summary.failed == 0, summary.as_dict()["errors"]
    assert summary.as_dict()["new"] >= 10
    for info in service.list_articles():
        article = service.get_article(info.id)
        assert article is not None
        for q in service.store.all_quotes({"article_id": info.id}):
            assert article.text[q.quote.start : q.quote.end] == q.quote.text
