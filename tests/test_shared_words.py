"""The word index a Chroma server's instances share (PostgreSQL, ``ingest.pg_words``).

Two ``Quotecheck`` objects with the same settings stand for two app instances (on two
machines: nothing but the servers joins them). What one ingests, the other answers from the
shared index at once, building nothing; writers take turns through the index's lock, and
levelling indexes only what Chroma commits at the time it writes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest

import bot.index.holder as holder
import bot.index.speaker_store as speaker_store
from bot.index.stored_index import StoredQuoteIndex
from bot.service import Quotecheck
from ingest.config import Settings
from ingest.edits import MetadataEdit
from ingest.embedder import FakeEmbedder
from ingest.pg_words import PgWordIndex
from ingest.pipeline import Ingestor
from ingest.records import Passage
from ingest.store import ArticleStore
from ingest.word_index import IndexedArticle
from tests.conftest import server_words_settings
from tests.fictional_corpus import write_corpus

pytestmark = pytest.mark.server


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> Settings:
    return server_words_settings(request)


def _store(settings: Settings, tmp_path: Path, articles: int, seed: int) -> ArticleStore:
    folder = tmp_path / f"corpus-{seed}"
    write_corpus(folder, articles, seed=seed)
    store = ArticleStore.open(settings)
    summary = Ingestor(store, FakeEmbedder(), settings).ingest_paths([folder])
    assert summary.failed == 0
    return store


def _never(*_: Any, **__: Any) -> Any:
    raise AssertionError("the second instance read the corpus to build an index")


def test_a_second_instance_answers_its_first_question_from_the_shared_index(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_corpus(tmp_path / "first", 12, seed=7)
    write_corpus(tmp_path / "later", 3, seed=8)
    writer = Quotecheck(settings, FakeEmbedder())
    reader = Quotecheck(settings, FakeEmbedder())
    assert writer.ingest([tmp_path / "first"]).failed == 0
    assert isinstance(writer.store.text_index, PgWordIndex)
    said = next(sq for sq in writer.store.all_quotes() if sq.quote.kind == "direct")
    for name in ("build_index", "computed_speakers", "load_passages"):
        monkeypatch.setattr(holder, name, _never)
    level = speaker_store.level_speakers

    def reader_levels_nothing(store: ArticleStore, wait: bool = True) -> bool:
        stored = level(store, wait)
        assert not stored, "the second instance computed the speaker index"
        return stored

    monkeypatch.setattr(holder, "level_speakers", reader_levels_nothing)
    monkeypatch.setattr(ArticleStore, "all_quotes", _never)
    monkeypatch.setattr(ArticleStore, "all_passages", _never)
    monkeypatch.setattr(holder, "COUNT_EVERY", 0.0)  # look for other writers every time

    answer = reader.ask(f'Who said "{said.quote.text}"?')
    assert answer.intent == "who_said"
    assert answer.quotes and answer.quotes[0].quote.id == said.quote.id
    assert answer.quotes[0].quote.canonical_speaker == said.quote.canonical_speaker
    index = reader.engine.index
    assert isinstance(index, StoredQuoteIndex) and not index.quote_entries  # nothing read whole
    words = reader.store.text_index
    assert words is not None and index.speakers_at == words.counts()

    assert writer.ingest([tmp_path / "later"]).failed == 0  # the other instance writes more
    article_id, text = _direct_quote_from(writer, tmp_path / "later")
    answer = reader.ask(f'Who said "{text}"?')  # found at once, still without building
    assert answer.quotes and answer.quotes[0].article.id == article_id


def _direct_quote_from(service: Quotecheck, folder: Path) -> tuple[str, str]:
    """(article id, quote text) of a direct quote of an article from ``folder``."""
    words = service.store.text_index
    assert words is not None
    for row in words.quote_entry_rows():
        meta = words.article_meta([row.article_id])[row.article_id]
        if row.kind == "direct" and str(meta.get("source_path", "")).startswith(str(folder)):
            return row.article_id, row.text
    raise AssertionError("no direct quote from the later articles")


def test_levelling_indexes_what_chroma_commits_when_it_writes(
    settings: Settings, tmp_path: Path
) -> None:
    """``current`` read before another writer's removal and re-write: the levelling reads
    Chroma again under the lock, so it neither indexes the removed article nor drops or
    downgrades the one written since."""
    store = _store(settings, tmp_path, 6, seed=3)
    words = store.text_index
    assert words is not None
    committed = store._committed_versions()
    first, second, *_ = sorted(committed)
    stale = dict(committed)
    stale[first] = "an-older-version"  # Chroma has moved on since this was read
    del stale[second]  # written by another writer after this was read
    stale["removed-since"] = "v1"  # removed by another writer since
    store.level_text_index(stale)
    assert words.versions() == committed
    assert store.check().ok


def test_writers_on_two_machines_take_turns(settings: Settings, tmp_path: Path) -> None:
    """While one machine levels (holds the index's lock), another's write waits for it."""
    store = _store(settings, tmp_path, 2, seed=4)
    here = store.text_index
    assert here is not None
    elsewhere = PgWordIndex(settings.words_url, settings.collection_prefix)  # its own sessions
    p = [Passage("other", 0, 0, 12, "Lock words.")]
    written = threading.Event()

    def write() -> None:
        elsewhere.replace([IndexedArticle("other", "v1", "", "", {}, p, [])])
        written.set()

    with here.exclusive():
        thread = threading.Thread(target=write)
        thread.start()
        assert not written.wait(0.5), "a write went through while another writer held the lock"
    thread.join(timeout=30)
    assert written.is_set() and "other" in here.versions()
    elsewhere.close()


def test_two_levellers_at_once_index_each_article_once(settings: Settings, tmp_path: Path) -> None:
    store = _store(settings, tmp_path, 8, seed=6)
    other = ArticleStore.open(settings)  # another machine's
    words = store.text_index
    assert words is not None
    entries = words.entry_count()
    words.remove(list(words.versions()))  # as if the index were new
    changed: list[int] = []
    levellers = [
        threading.Thread(target=lambda s=s: changed.append(s.level_text_index()))
        for s in (store, other)
    ]
    for t in levellers:
        t.start()
    for t in levellers:
        t.join(timeout=120)
    assert words.entry_count() == entries and store.check().ok
    assert sorted(changed) == [0, 8]  # one after the other: the second found it done


def test_a_write_indexes_only_the_version_chroma_still_commits(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another instance re-writes the article between this writer's Chroma commit and its
    word index: the older version is not indexed over the newer one."""
    write_corpus(tmp_path / "corpus", 1, seed=9)
    first, other = Quotecheck(settings, FakeEmbedder()), Quotecheck(settings, FakeEmbedder())
    store = first.store
    real = store._index_words

    def edited_meanwhile(written: Any) -> None:
        (p, _), *_ = written
        other.edit(p.article.id, MetadataEdit(title="Corrected title"))
        real(written)

    monkeypatch.setattr(store, "_index_words", edited_meanwhile)
    assert first.ingest([tmp_path / "corpus"]).failed == 0
    words = store.text_index
    assert words is not None
    (article,) = store.list_articles()
    assert article.title == "Corrected title"
    assert words.versions() == {article.id: article.version}
