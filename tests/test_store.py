"""The Chroma store, against the embedded client and a real ``chroma run`` server."""

from __future__ import annotations

from dataclasses import replace

import pytest

from ingest.config import Settings
from ingest.embedder import FakeEmbedder, LangChainEmbeddings
from ingest.errors import StoreError
from ingest.records import Article
from ingest.store import ArticleStore, PreparedArticle, RefuseToEmbed
from tests.corpus_builders import prepare, quote_at

EMB = FakeEmbedder()


def _article(
    article_id: str = "a1", text: str | None = None, outlet: str = "Daily Ledger"
) -> Article:
    body = text or (
        "The dam held overnight. Engineers said the spillway worked.\n\n"
        '"We were lucky," said Mara Quill, the city engineer. Rain is forecast again.'
    )
    return Article(
        id=article_id, title="Dam holds", text=body, outlet=outlet, published="2024-03-05"
    )


def _prepared(article: Article, replaces: str = "") -> PreparedArticle:
    quotes = []
    if "We were lucky," in article.text:
        quotes = [quote_at(article, "We were lucky,", "Mara Quill", 0)]
    return prepare(article, quotes, max_tokens=20, max_sentences=2, replaces=replaces)


def _open(settings: Settings) -> ArticleStore:
    return ArticleStore(ArticleStore.open(settings).client, settings.collection_prefix, "fake")


def test_write_then_read_back_with_exact_offsets(store_settings: Settings) -> None:
    store = _open(store_settings)
    article = _article()
    store.write([_prepared(article)])
    assert store.count() == {"articles": 1, "passages": 3, "quotes": 1}
    back = store.get_article("a1")
    assert back is not None and back.text == article.text and back.outlet == "Daily Ledger"
    hits = store.query_passages(EMB.embed(["spillway engineers"])[0], k=3)
    assert hits and "spillway" in hits[0].passage.text
    for hit in hits:
        assert article.text[hit.passage.start : hit.passage.end] == hit.passage.text
    (stored,) = store.all_quotes()
    assert stored.quote.speaker == "Mara Quill"
    assert article.text[stored.quote.start : stored.quote.end] == stored.quote.text


def test_rewriting_the_same_version_adds_nothing(store_settings: Settings) -> None:
    store = _open(store_settings)
    store.write([_prepared(_article())])
    store.write([_prepared(_article())])
    assert store.count() == {"articles": 1, "passages": 3, "quotes": 1}


def test_new_version_replaces_old_records(store_settings: Settings) -> None:
    store = _open(store_settings)
    old = _article()
    store.write([_prepared(old)])
    new = _article(text="A short correction. The spillway failed at noon.")
    store.write([_prepared(new, replaces=old.version)])
    assert store.count() == {"articles": 1, "passages": 1, "quotes": 0}
    assert store.current_version("a1") == new.version
    hits = store.query_passages(EMB.embed(["We were lucky"])[0], k=5)
    assert all("lucky" not in h.passage.text for h in hits)


def test_uncommitted_records_are_invisible_and_repaired(store_settings: Settings) -> None:
    """Passages written without their article record (a crash) are never returned."""
    store = _open(store_settings)
    prepared = _prepared(_article("crashed"))
    store._upsert_passages([prepared])  # step 1 only: the process died before the commit
    store._upsert_quotes([prepared])
    assert store.query_passages(EMB.embed(["dam"])[0], k=5) == []
    assert store.all_quotes() == []
    assert store.repair(min_age=3600) == 0  # young debris may be another writer's open batch
    assert store.repair(min_age=0) == 4
    assert store.count() == {"articles": 0, "passages": 0, "quotes": 0}


def test_remove_leaves_nothing_behind(store_settings: Settings) -> None:
    store = _open(store_settings)
    store.write([_prepared(_article("a1")), _prepared(_article("a2", outlet="Harbour Times"))])
    assert store.remove("a1") is True
    assert store.remove("a1") is False
    assert store.count() == {"articles": 1, "passages": 3, "quotes": 1}
    assert [a.id for a in store.list_articles()] == ["a2"]


def test_filters_by_outlet_and_date(store_settings: Settings) -> None:
    store = _open(store_settings)
    store.write([_prepared(_article("a1")), _prepared(_article("a2", outlet="Harbour Times"))])
    vec = EMB.embed(["dam"])[0]
    hits = store.query_passages(vec, k=10, where={"outlet": "Harbour Times"})
    assert {h.article.id for h in hits} == {"a2"}
    assert store.query_passages(vec, k=10, where={"published_n": {"$gt": 20240305}}) == []


def test_cached_vectors_find_identical_texts(store_settings: Settings) -> None:
    from ingest.records import text_hash

    store = _open(store_settings)
    prepared = _prepared(_article())
    store.write([prepared])
    first = prepared.passages[0]
    cached = store.cached_vectors([text_hash(first.text), text_hash("never seen")])
    assert list(cached) == [text_hash(first.text)]
    assert cached[text_hash(first.text)] == pytest.approx(prepared.passage_vectors[0], abs=1e-6)


def test_chroma_is_never_allowed_to_embed_by_itself(store_settings: Settings) -> None:
    store = _open(store_settings)
    with pytest.raises(Exception, match="own vectors"):
        store.passages.add(ids=["x"], documents=["text without a vector"])
    with pytest.raises(StoreError):
        RefuseToEmbed()(["anything"])


def test_dense_search_goes_through_langchains_chroma_store_without_an_embedder(
    store_settings: Settings,
) -> None:
    from langchain_chroma import Chroma

    store = _open(store_settings)
    article = _article()
    prepared = _prepared(article)
    store.write([prepared])
    vector = prepared.passage_vectors[0]
    hits = store.query_passages(vector, 3)
    assert hits and hits[0].passage.text == prepared.passages[0].text
    assert hits[0].score == pytest.approx(1.0, abs=1e-4)
    lc = store._vector_store(store.passages)
    assert isinstance(lc, Chroma) and lc.embeddings is None  # vectors in, never text
    raw = store.passages.query(query_embeddings=[vector], n_results=3)
    assert [h.passage.text for h in hits] == (raw["documents"] or [[]])[0]


def test_langchain_embeddings_wrap_any_embedder() -> None:
    fake = FakeEmbedder()
    lc = LangChainEmbeddings(fake)
    assert lc.embed_query("a dock strike") == fake.embed(["a dock strike"])[0]
    assert lc.embed_documents(["one", "two"]) == fake.embed(["one", "two"])


def test_a_store_built_with_another_model_is_refused(store_settings: Settings) -> None:
    store = _open(store_settings)
    store.write([_prepared(_article())])
    with pytest.raises(StoreError, match="QUOTECHECK_EMBED_MODEL=fake"):
        ArticleStore(store.client, store_settings.collection_prefix, "another-model")


def test_unwritable_data_dir_is_a_clear_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ingest.config import load_settings

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="QUOTECHECK_DATA_DIR"):
        ArticleStore.open(load_settings(data_dir=blocker))


def test_unreachable_server_is_a_clear_error() -> None:
    from ingest.config import load_settings

    with pytest.raises(StoreError, match="chroma run"):
        ArticleStore.open(load_settings(chroma_host="127.0.0.1", chroma_port=9))


def test_article_info_for_more_ids_than_sqlite_binds(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A store of 100,000 articles failed to build its quote index: "too many SQL
    # variables" (SQLite binds at most 32,766 per query), so ids go in batches.
    from ingest import store as store_module

    store = _open(store_settings)
    store.write([_prepared(_article(f"a{n}")) for n in range(5)])
    ids = [f"a{n}" for n in range(5)] + [f"missing-{n}" for n in range(40_000)]
    assert sorted(store.article_info(ids)) == [f"a{n}" for n in range(5)]
    monkeypatch.setattr(store_module, "_GET_BATCH", 2)  # several batches, each with hits
    assert sorted(store.article_info(["a0", "a3", "a0", "a4", "a1"])) == ["a0", "a1", "a3", "a4"]
    assert len(store.all_quotes()) == 5


def test_scans_read_every_record_once_in_batches_of_ids(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Scans read the ids, then the records by id: offset pages re-read every skipped row
    # (listing 100,000 articles took 96 s). Several batches, and a removal mid-scan.
    from ingest import store as store_module

    store = _open(store_settings)
    store.write([_prepared(_article(f"a{n}")) for n in range(7)])
    monkeypatch.setattr(store_module, "_GET_BATCH", 3)
    rows = list(store.all_passages())
    assert len(rows) == len({i for i, _, _ in rows}) == store.count()["passages"] == 21
    for _, meta, text in rows:
        article = store.get_article(str(meta["article_id"]))
        assert article is not None and text == article.text[meta["start"] : meta["end"]]
    assert sorted(a.id for a in store.list_articles()) == [f"a{n}" for n in range(7)]
    assert len(store.all_quotes()) == 7
    scan = iter(store.all_passages())
    first = next(scan)  # the ids are read; a removal now is skipped, not an error
    gone = "a6" if first[1]["article_id"] != "a6" else "a0"
    store.remove(gone)
    rest = [first, *scan]
    assert {m["article_id"] for _, m, _ in rest} == {f"a{n}" for n in range(7)} - {gone}
    assert len(rest) == 18


def test_queries_take_the_articles_the_caller_knows(
    store_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The engine passes its quote index's articles: one read fewer per dense question (a
    # random read of the disk on a large store), and only articles that index knows count.
    store = _open(store_settings)
    store.write([_prepared(_article("a1")), _prepared(_article("a2", outlet="Harbour Times"))])
    infos = store.article_info(["a1", "a2"])
    vector = EMB.embed(["We were lucky, said Mara Quill"])[0]

    def no_read(ids: object) -> object:
        raise AssertionError("articles were read although the caller gave them")

    monkeypatch.setattr(store, "article_info", no_read)
    hits = store.query_passages(vector, k=10, articles={"a1": infos["a1"]})
    assert hits and {h.article.id for h in hits} == {"a1"}
    quotes = store.query_quotes(vector, k=10, articles=infos)
    assert {q.article.id for q in quotes} == {"a1", "a2"}
    stale = {"a1": replace(infos["a1"], version="an older version")}
    assert store.query_quotes(vector, k=10, articles=stale) == []
