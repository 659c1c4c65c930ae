"""The store's word index (``ingest.word_index``) and the quote index read from it.

The stored index must answer as the in-memory one built from the same store does, keep one
committed version per article, forget removed articles, and be levelled by ``repair``
after a crash between the two stores. Each test runs on both kinds: the embedded store's
SQLite file, and a Chroma server's PostgreSQL index (``chroma run`` and a real PostgreSQL).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from bot.cli import EXIT_FAILED, EXIT_OK, main
from bot.index.holder import build_index, build_stored_index, load_passages
from bot.index.quote_index import QuoteIndex, Scope
from bot.index.speaker_store import store_speakers
from bot.index.stored_index import StoredQuoteIndex
from bot.verdicts.normalise import words
from ingest.config import Settings, load_settings
from ingest.embedder import FakeEmbedder
from ingest.errors import ConfigError, StoreError
from ingest.pg_words import PgWordIndex
from ingest.pipeline import Ingestor
from ingest.records import Passage, Quote
from ingest.store import ArticleStore, open_word_index
from ingest.text_index import TextIndex
from ingest.word_index import IndexedArticle, WordIndex
from tests.conftest import server_words_settings
from tests.fictional_corpus import write_corpus
from tests.ports import free_port

ARTICLES = 60


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def corpus_store(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> ArticleStore:
    folder = tmp_path_factory.mktemp("corpus")
    write_corpus(folder, ARTICLES, seed=11)
    data = tmp_path_factory.mktemp("data")
    if request.param == "sqlite":
        settings = load_settings(data_dir=data, embed_model="fake")
    else:
        settings = server_words_settings(request, data_dir=data, embed_model="fake")
    store = ArticleStore.open(settings)
    summary = Ingestor(store, FakeEmbedder(), settings).ingest_paths([folder])
    assert summary.failed == 0 and summary.count("new") == ARTICLES
    return store


def _memory_index(store: ArticleStore) -> QuoteIndex:
    articles = {a.id: a for a in store.list_articles()}
    return build_index(store.all_quotes(articles=articles), load_passages(store, articles))


def _key(entry_score: tuple[object, float]) -> tuple[object, ...]:
    e, score = entry_score
    return (e.article.id, e.kind, e.start, e.end, round(score, 9))  # type: ignore[attr-defined]


def _ranked(hits: list[tuple[object, ...]]) -> tuple[list[object], set[tuple[object, ...]]]:
    """The scores in order, and the hits above the last score. Equal scores may come in
    another order: the two indexes number their entries differently."""
    scores = [h[-1] for h in hits]
    return scores, {h for h in hits if scores and h[-1] != scores[-1]}


def _queries(index: QuoteIndex, n: int = 40) -> list[tuple[str, ...]]:
    """Claims made by script from the stored quotes: each quote's words, and with one word
    swapped for another quote's (an altered claim)."""
    rng = random.Random(3)
    quotes = [e for e in index.entries if e.quote is not None]
    out = []
    for e in rng.sample(quotes, min(n, len(quotes))):
        tokens = list(words(e.text).tokens)
        out.append(tuple(tokens))
        other = rng.choice(quotes)
        if tokens:
            tokens[rng.randrange(len(tokens))] = rng.choice(words(other.text).tokens or ("x",))
            out.append(tuple(tokens))
    return out


@pytest.mark.parametrize("speakers", ["computed", "stored"])
def test_the_stored_index_finds_what_the_memory_index_finds(
    corpus_store: ArticleStore, speakers: str
) -> None:
    words = corpus_store.text_index
    assert words is not None
    memory = _memory_index(corpus_store)
    if speakers == "stored":
        assert store_speakers(words) == len(memory.speakers)
        assert words.speakers_at() == words.counts()
    stored = build_stored_index(words)
    assert isinstance(stored, StoredQuoteIndex)
    assert (stored.speakers_at is None) == (speakers == "computed")
    queries = _queries(memory)
    assert len(queries) >= 40
    outlet = memory.outlets[0]
    for kinds in (("direct", "fragment", "reported"), ("text",), ("direct",), ("direct", "text")):
        for scope in (Scope(), Scope(outlets=(outlet,))):
            for q in queries:
                want = [_key(x) for x in memory.candidates(q, kinds, scope, 10)]
                got = [_key(x) for x in stored.candidates(q, kinds, scope, 10)]
                assert _ranked(got) == _ranked(want), (q, kinds, scope)
    assert set(stored.speakers) == set(memory.speakers)
    for key, info in memory.speakers.items():
        assert stored.speakers[key].aliases == info.aliases
        assert len(stored.speakers[key].entries) == len(info.entries)
        assert stored.find_speakers(info.name) == memory.find_speakers(info.name)
    assert stored.outlets == memory.outlets and stored.years == memory.years
    for e in list(memory.entries)[::7]:  # every kind of entry, with its speaker and link
        if e.quote is None:
            continue
        (i,) = [
            n
            for n in stored.by_article.get(e.article.id, [])
            if stored.entries[n].start == e.start and stored.entries[n].kind == e.kind
        ]
        got = stored.entries[i]
        assert (got.speaker_key, got.speaker_link, got.quote) == (
            e.speaker_key,
            e.speaker_link,
            e.quote,
        )
        assert stored.key_of(e.quote) == memory.key_of(e.quote)
    for q in queries[:10]:  # verbatim candidates, and word counts over one article's entries
        want = {_key((memory.entries[i], 0.0)) for i in memory.containing(q, 5000)}
        got = {_key((stored.entries[i], 0.0)) for i in stored.containing(q, 5000)}
        assert got == want
        (first,) = stored.entries_at(stored.containing(q[:1], 1))
        some = stored.by_article.get(first.article.id, [])
        held = [len(set(q) & set(stored.entries[i].words.tokens)) for i in some]
        assert [int(c) for c in stored.held_counts(some, q)] == held
    for token in ("the", queries[0][0], "nosuchwordanywhere"):
        assert stored.holding(token) == memory.holding(token)
        assert sorted(stored.forms(token[:4])) == sorted(memory.forms(token[:4]))


def _bare_index(settings: Settings) -> WordIndex:
    """The word index these settings give, without its Chroma store."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    index = open_word_index(settings, settings.collection_prefix)
    assert index is not None
    return index


def _lose_word_index(store: ArticleStore) -> None:
    """As if the store were made before it had a word index (or its database is new)."""
    words = store.text_index
    assert words is not None
    words.close()
    if isinstance(words, TextIndex):
        for extra in ("", "-wal", "-shm"):
            Path(str(words.path) + extra).unlink(missing_ok=True)
        return
    assert isinstance(words, PgWordIndex)
    import psycopg

    with psycopg.connect(words.url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{words.schema}" CASCADE')


def test_one_version_per_article_and_removal_forgets_it(words_settings: Settings) -> None:
    index = _bare_index(words_settings)
    text = "The mayor said the bridge would open. Flooding closed it."
    passages = [Passage("a1", 0, 0, len(text), text)]
    quote = Quote(article_id="a1", text="the bridge would open", start=15, end=36, kind="indirect")

    def version(v: str, with_quote: bool) -> IndexedArticle:
        quotes = [(quote, {"kind": "indirect", "article_id": "a1", "start": 15, "end": 36})]
        return IndexedArticle(
            "a1", v, "Ledger", "2024-01-02", {"version": v}, passages, quotes if with_quote else []
        )

    index.replace([version("v1", True)])
    assert index.versions() == {"a1": "v1"}
    assert len(index.postings("bridge")) == 2  # the quote (reported) and the passage
    index.replace([version("v2", False)])
    assert index.versions() == {"a1": "v2"}
    assert len(index.postings("bridge")) == 1
    assert index.document_counts(["bridge", "flooding"]) == {"bridge": 1, "flooding": 1}
    first = index.counts()
    index.remove(["a1"])
    assert index.versions() == {} and not index.postings("bridge")
    assert index.document_counts(["bridge"]) == {}
    assert index.counts()[0] == 0 and index.counts()[1] == first[1]  # numbers never reused


def test_a_failed_write_leaves_the_previous_version(words_settings: Settings) -> None:
    index = _bare_index(words_settings)
    p = [Passage("a1", 0, 0, 11, "Old words.")]
    index.replace([IndexedArticle("a1", "v1", "", "", {}, p, [])])
    broken = IndexedArticle("a1", "v2", "", "", {}, [Passage("a1", 0, 0, 9, "New words")], [])
    with pytest.raises(TypeError):
        index.replace([broken, IndexedArticle("a2", "v1", "", "", {"x": object()}, p, [])])
    assert index.versions() == {"a1": "v1"}  # the whole batch rolled back
    assert index.postings("old") and not index.postings("new")


def test_repair_levels_the_word_index_after_a_crash_between_the_stores(
    tmp_path: Path, words_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 8, seed=5)
    settings = words_settings
    store = ArticleStore.open(settings)
    assert store.text_index is not None

    def crash(*_: object) -> None:
        raise KeyboardInterrupt  # as if killed after Chroma's commit, before the word index

    monkeypatch.setattr(store.text_index, "replace", crash)
    with pytest.raises(KeyboardInterrupt):
        Ingestor(store, FakeEmbedder(), settings).ingest_paths([folder])
    monkeypatch.undo()
    found = store.check()
    assert found.unindexed and not found.orphaned and not found.ok
    assert store.text_index.versions() == {}  # nothing uncommitted, nothing half-written
    with store.writing():
        store.repair()
    assert store.check().ok
    assert set(store.text_index.versions()) == {a.id for a in store.list_articles()}


def test_a_store_without_a_word_index_gets_one_when_opened(
    tmp_path: Path, words_settings: Settings
) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 5, seed=2)
    settings = words_settings
    store = ArticleStore.open(settings)
    Ingestor(store, FakeEmbedder(), settings).ingest_paths([folder])
    _lose_word_index(store)  # an older store, made before the word index existed
    reopened = ArticleStore.open(settings)
    assert reopened.text_index is not None
    assert len(reopened.text_index.versions()) == len(reopened.list_articles()) > 0
    assert reopened.check().ok


def test_quotecheck_check_reports_and_repairs(
    tmp_path: Path, words_settings: Settings, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "corpus"
    write_corpus(folder, 4, seed=9)
    assert main(["ingest", str(folder)]) == EXIT_OK
    settings = load_settings()  # the CLI's, from the environment
    assert settings == words_settings
    words = _bare_index(settings)
    lost = sorted(words.versions())[:1]
    words.remove(lost)  # the word index lost an article and holds one never stored
    ghost = IndexedArticle("ghost", "v1", "", "", {}, [Passage("ghost", 0, 0, 4, "Boo.")], [])
    words.replace([ghost])
    words.close()
    capsys.readouterr()
    assert main(["check", "--json"]) == EXIT_FAILED
    found = json.loads(capsys.readouterr().out)
    assert found["unindexed"] == lost and found["orphaned"] == ["ghost"]
    assert found["debris"] == 0 and found["incomplete"] == []
    assert main(["check", "--repair"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "repaired: 2" in out and "ok: the articles, their records and the word index" in out


def test_which_word_index_a_store_gets() -> None:
    """SQLite beside the embedded store; PostgreSQL beside a server only when named; none on a
    server without it (each reader builds its own in memory, as before)."""
    assert open_word_index(load_settings(chroma_host="127.0.0.1"), "qc") is None
    with pytest.raises(ConfigError, match="QUOTECHECK_WORDS_URL is for a Chroma server"):
        open_word_index(load_settings(words_url="postgresql://qc@127.0.0.1/qc"), "qc")


def test_an_unreachable_postgres_is_one_error_naming_it_without_the_password() -> None:
    port = free_port()  # nothing listens there
    url = f"postgresql://reader:s3cret@127.0.0.1:{port}/words"
    with pytest.raises(StoreError) as got:
        PgWordIndex(url, "qc")
    message = str(got.value)
    assert f"PostgreSQL 127.0.0.1:{port}/words" in message and "QUOTECHECK_WORDS_URL" in message
    assert "s3cret" not in message
