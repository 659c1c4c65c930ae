"""The Chroma store: articles, passages and quotes in three collections.

Write protocol (what makes a changed article replace its old records atomically from a
reader's point of view, and a crash harmless):

1. the new version's passages and quotes are upserted under ids that carry the version;
2. the article record, which names its current version, is upserted: the commit point;
3. records of older versions are deleted.

Readers join every hit with its article record and drop hits whose version is not the
current one, so a half-written article is never seen. ``repair()`` deletes what a crash left
between steps 1 and 3; ingest runs it first. Ids are deterministic, so several processes
ingesting the same files write the same records and never duplicate them.

Several writers: on the embedded store every writer holds an exclusive file lock
(``writing()``, see ``ingest.store_access``), so ``repair()`` there may delete all debris. On
a Chroma server there is no such lock, and another process may be between its steps 1 and 2
right now: ``repair()`` then deletes only debris older than ``DEBRIS_MIN_AGE`` (records carry
``written_at``); younger debris is invisible to readers and overwritten by a re-run.

The store also keeps a word index of the committed articles (``ingest.word_index``): the
embedded store in a SQLite file beside its Chroma folder (``ingest.text_index``), a Chroma
server in the PostgreSQL database ``QUOTECHECK_WORDS_URL`` names (``ingest.pg_words``),
shared by every instance. It is replaced per article in one transaction after step 2 and
emptied first on a removal; ``repair()`` also brings it level with the committed articles.
On a server, writers take turns on it through its own lock (``WordIndex.exclusive``): a
write indexes only versions Chroma still commits, and a levelling or a removal holds the
lock across its Chroma reads and its index writes, so no version another writer replaced
or removed meanwhile is indexed. On a server without ``QUOTECHECK_WORDS_URL`` there is none
(``text_index`` is None): readers build their word index in memory.

Chroma never embeds anything itself here: every call passes vectors, and the collections
carry an embedding function that refuses, so Chroma's downloading default can never run.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, cast

from chromadb.api import ClientAPI
from chromadb.api.models.Collection import Collection
from langchain_chroma import Chroma

from ingest.config import Settings, embedder_settings
from ingest.errors import ConfigError, StoreError
from ingest.pg_words import PgWordIndex
from ingest.records import Article, Passage, Quote
from ingest.store_access import (
    RefuseToEmbed,
    exclusive,
    guarded,
    lock_path,
    open_client,
    try_exclusive,
)
from ingest.store_check import stamp_store
from ingest.store_schema import (
    ArticleInfo,
    Metadata,
    PassageHit,
    PreparedArticle,
    StoredQuote,
    Vector,
    article_from,
    article_info_from,
    article_meta,
    date_number,
    metadata_where,
    passage_from,
    passage_meta,
    quote_from_meta,
    quote_meta,
    stored_outlets,
)
from ingest.text_index import TextIndex
from ingest.word_index import IndexedArticle, WordIndex

__all__ = [
    "ArticleInfo",
    "ArticleStore",
    "PassageHit",
    "PreparedArticle",
    "RefuseToEmbed",
    "StoredQuote",
    "date_number",
    "metadata_where",
    "open_client",
    "quote_from_meta",
    "stored_outlets",
]

_GET_BATCH = 5000


@dataclass
class StoreCheck:
    """``ArticleStore.check``: the committed articles and what disagrees with them."""

    articles: int
    debris: int  # passage and quote records of no committed version (a crash's leftovers)
    incomplete: list[str]  # committed articles missing some passage or quote records
    unindexed: list[str] = field(default_factory=list)  # not in the word index at this version
    orphaned: list[str] = field(default_factory=list)  # in the word index, not committed

    @property
    def ok(self) -> bool:
        return not (self.debris or self.incomplete or self.unindexed or self.orphaned)


DEBRIS_MIN_AGE = 600.0  # s; longer than any batch takes between its steps 1 and 2


class ArticleStore:
    """Articles, passages and quotes in Chroma, read and written as one consistent store."""

    def __init__(
        self,
        client: ClientAPI,
        prefix: str,
        embedder_name: str,
        settings: Settings | None = None,
    ) -> None:
        self.client = client
        self.embedder_name = embedder_name
        self.settings = settings
        self._lock_path = lock_path(settings) if settings else None
        self._exclusive = False  # True while this process holds the writers' lock
        self._vector_stores: dict[str, Chroma] = {}
        with self.writing():  # two processes creating one collection would collide
            self.articles = self._collection(f"{prefix}_articles")
            self.passages = self._collection(f"{prefix}_passages")
            self.quotes = self._collection(f"{prefix}_quotes")
        self.text_index: WordIndex | None = None
        self.word_index_seconds = 0.0  # spent writing the word index (bench/scale.py)
        if settings is not None:
            self.text_index = open_word_index(settings, prefix)
        if self.text_index is not None:
            self._level_text_index()

    @classmethod
    def open(cls, settings: Settings) -> ArticleStore:
        return cls(
            open_client(settings), settings.collection_prefix, settings.embedder_name, settings
        )

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the writers' lock (embedded store) for a run of writes; re-entrant."""
        if self._exclusive or self._lock_path is None:
            yield
            return
        with exclusive(self._lock_path):
            self._exclusive = True
            try:
                yield
            finally:
                self._exclusive = False
            stamp_store(self._lock_path.parent)  # our own writes need no check at next open

    @contextmanager
    def try_writing(self) -> Iterator[bool]:
        """Hold the writers' lock if no other writer holds it now; yields whether it does."""
        if self._exclusive:
            yield True
            return
        with try_exclusive(self._lock_path) as got:
            self._exclusive = got
            try:
                yield got
            finally:
                self._exclusive = False

    def _vector_store(self, col: Collection) -> Chroma:
        """LangChain's Chroma vector store over ``col``, for the dense searches.

        Given no embedding function: searches pass vectors, and Chroma never embeds text.
        """
        store = self._vector_stores.get(col.name)
        if store is None:
            store = Chroma(client=self.client, collection_name=col.name, embedding_function=None)
            self._vector_stores[col.name] = store
        return store

    def _collection(self, name: str) -> Collection:
        try:
            col = self.client.get_or_create_collection(
                name,
                metadata={"hnsw:space": "cosine", "embedder": self.embedder_name},
                embedding_function=RefuseToEmbed(),  # type: ignore[arg-type]
            )
        except StoreError:
            raise
        except Exception as exc:
            raise StoreError(f"cannot open collection {name}: {exc}") from exc
        built_with = (col.metadata or {}).get("embedder")
        if built_with and built_with != self.embedder_name:
            raise StoreError(
                f"this store was built with the embedding model {built_with!r}, not "
                f"{self.embedder_name!r}; set {embedder_settings(built_with)}, or use "
                "another --data-dir"
            )
        return col

    # ----------------------------------------------------------------- articles
    @guarded("reading the store")
    def article_info(self, article_ids: Sequence[str]) -> dict[str, ArticleInfo]:
        wanted = list(dict.fromkeys(article_ids))
        rows = self._by_id(self.articles, wanted, ["metadatas"])
        return {i: article_info_from(i, m) for i, m, _ in rows}

    @guarded("reading an article")
    def get_article(self, article_id: str) -> Article | None:
        got = self.articles.get(ids=[article_id], include=["metadatas", "documents"])
        if not got["ids"]:
            return None
        meta = (got["metadatas"] or [{}])[0]
        text = (got["documents"] or [""])[0] or ""
        return article_from(article_id, dict(meta), text)

    @guarded("listing the articles")
    def list_articles(self) -> list[ArticleInfo]:
        infos = [article_info_from(i, m) for i, m, _ in self._scan(self.articles)]
        return sorted(infos, key=lambda a: (a.published, a.outlet, a.title, a.id))

    def current_version(self, article_id: str) -> str | None:
        info = self.article_info([article_id]).get(article_id)
        return info.version if info else None

    @guarded("counting the store")
    def count(self) -> dict[str, int]:
        return {
            "articles": self.articles.count(),
            "passages": self.passages.count(),
            "quotes": self.quotes.count(),
        }

    # ------------------------------------------------------------------ writes
    @guarded("writing to the store")
    def write(self, prepared: Sequence[PreparedArticle]) -> None:
        """Write a batch of articles following the protocol in the module docstring."""
        if not prepared:
            return
        self._upsert_passages(prepared)
        self._upsert_quotes(prepared)
        rows = [_article_row(p) for p in prepared]
        _upsert_rows(self.articles, rows)  # the commit point
        if self.text_index is not None:
            started = time.perf_counter()
            self._index_words(list(zip(prepared, rows, strict=True)))
            self.word_index_seconds += time.perf_counter() - started
        for p in prepared:
            if p.replaces:
                self._delete_other_versions(p.article.id, p.article.version)

    def _index_words(self, written: list[tuple[PreparedArticle, _Row]]) -> None:
        """The word index of a batch Chroma just committed. On a server another writer may
        have committed a newer version (or removed the article) since: under the index's
        lock, only the versions Chroma still holds are indexed."""
        assert self.text_index is not None
        with self.text_index.exclusive():
            if self._shared:
                ids = [p.article.id for p, _ in written]
                got = self._by_id(self.articles, ids, ["metadatas"])
                held = {i: m.get("version") for i, m, _ in got}
                written = [(p, r) for p, r in written if held.get(p.article.id) == r[3]["version"]]
            self.text_index.replace(_indexed(p, row[3]) for p, row in written)

    @property
    def _shared(self) -> bool:
        """Writers on other machines may write the same store (a Chroma server)."""
        return self.settings is not None and self.settings.server_mode

    def _words_held(self) -> AbstractContextManager[None]:
        """The word index's lock, when there is one (see ``WordIndex.exclusive``)."""
        return self.text_index.exclusive() if self.text_index is not None else nullcontext()

    def _upsert_passages(self, prepared: Sequence[PreparedArticle]) -> None:
        _upsert_rows(self.passages, [row for p in prepared for row in _passage_rows(p)])

    def _upsert_quotes(self, prepared: Sequence[PreparedArticle]) -> None:
        _upsert_rows(self.quotes, [row for p in prepared for row in _quote_rows(p)])

    def _delete_other_versions(self, article_id: str, version: str) -> None:
        where: Any = {"$and": [{"article_id": article_id}, {"version": {"$ne": version}}]}
        self.passages.delete(where=where)
        self.quotes.delete(where=where)

    @guarded("removing an article")
    def remove(self, article_id: str) -> bool:
        """Remove an article and everything derived from it. False if it was not stored."""
        with self.writing():
            with self._words_held():  # no levelling indexes it again between the two stores
                if not self.articles.get(ids=[article_id], include=[])["ids"]:
                    return False
                if self.text_index is not None:
                    self.text_index.remove([article_id])  # a word index never outlives it
                self.articles.delete(ids=[article_id])  # uncommit: readers stop seeing it
            self.passages.delete(where={"article_id": article_id})
            self.quotes.delete(where={"article_id": article_id})
            return True

    @guarded("repairing the store")
    def repair(self, min_age: float | None = None) -> int:
        """Delete passages and quotes that no committed article version owns (crash debris).

        Only debris written at least ``min_age`` seconds ago; by default none while this
        process holds the writers' lock, else ``DEBRIS_MIN_AGE`` (another writer may be
        between its steps 1 and 2).
        """
        if min_age is None:
            min_age = 0.0 if self._exclusive else DEBRIS_MIN_AGE
        before = time.time() - min_age
        current = self._committed_versions()
        removed = 0
        for col in (self.passages, self.quotes):
            stale = [
                i
                for i, m, _ in self._scan(col)
                if current.get(str(m.get("article_id"))) != m.get("version")
                and float(m.get("written_at", 0.0)) <= before
            ]
            for start in range(0, len(stale), _GET_BATCH):
                col.delete(ids=stale[start : start + _GET_BATCH])
            removed += len(stale)
        if self.text_index is not None:
            removed += self.level_text_index(current)
        return removed

    @guarded("checking the store")
    def check(self) -> StoreCheck:
        """What disagrees between the articles, their passage and quote records (the
        vectors) and the word index; changes nothing (``repair`` mends what it can)."""
        committed = {i: m for i, m, _ in self._scan(self.articles)}
        current = {i: str(m.get("version", "")) for i, m in committed.items()}
        have: dict[tuple[str, str], int] = {}
        debris = 0
        for col, kind in ((self.passages, "passages"), (self.quotes, "quotes")):
            for _, m, _ in self._scan(col):
                article_id = str(m.get("article_id"))
                if current.get(article_id) != m.get("version"):
                    debris += 1
                else:
                    have[(article_id, kind)] = have.get((article_id, kind), 0) + 1
        incomplete = sorted(
            i
            for i, m in committed.items()
            if any(have.get((i, k), 0) < int(m.get(k, 0)) for k in ("passages", "quotes"))
        )
        check = StoreCheck(len(committed), debris, incomplete)
        if self.text_index is not None:
            stale, gone = _word_index_gaps(current, self.text_index.versions())
            check.unindexed, check.orphaned = sorted(stale), sorted(gone)
        return check

    def level_text_index(self, current: Mapping[str, str] | None = None) -> int:
        """Bring the word index level with the committed articles (``current``: id ->
        version, read here when not given): index what it lacks or holds at another
        version, from Chroma's records, and drop what Chroma no longer has. The number of
        articles it changed.

        All under the index's lock, and what is written is read from Chroma under it: each
        article's version as Chroma commits it now, and an article dropped only if Chroma
        still lacks it. So on a server, where ``current`` may be older than another writer's
        latest commit or removal, no version that is not committed is indexed (a writer's
        replace waits for the lock, and so do the deletions of its old versions' records)."""
        assert self.text_index is not None
        with self.text_index.exclusive():
            if current is None:
                current = self._committed_versions()
            stale, gone = _word_index_gaps(current, self.text_index.versions())
            back = {i for i, _, _ in self._by_id(self.articles, gone, [])}  # written since
            gone = [i for i in gone if i not in back]
            self.text_index.remove(gone)
            for lo in range(0, len(stale), 200):
                self.text_index.replace(self._indexed_from_records(stale[lo : lo + 200]))
        return len(gone) + len(stale)

    def _committed_versions(self) -> dict[str, str]:
        return {i: str(m.get("version", "")) for i, m, _ in self._scan(self.articles)}

    def _level_text_index(self) -> None:
        """At open: when the word index and the store count different articles (the index
        is new, or a writer crashed between the two), level it, unless a writer is at work
        (it levels it itself before writing). On a server, writers are often between the two
        stores, so only a new (empty) index is levelled at open; ``repair()``, every
        ingest's first step, levels the rest."""
        assert self.text_index is not None
        indexed = self.text_index.counts()[0]
        if indexed == self.articles.count() or (self._shared and indexed):
            return
        with self.try_writing() as got:
            if got:
                self.level_text_index()

    def _indexed_from_records(self, article_ids: Sequence[str]) -> list[IndexedArticle]:
        """The word index's rows of these committed articles, read from Chroma."""
        metas = {i: m for i, m, _ in self._by_id(self.articles, list(article_ids), ["metadatas"])}
        out = []
        for article_id, meta in metas.items():
            where: Any = {"$and": [{"article_id": article_id}, {"version": meta.get("version")}]}
            passages = sorted(
                (passage_from(m, d or "") for _, m, d in self._scan(self.passages, where, True)),
                key=lambda p: p.index,
            )
            quotes = sorted(
                (
                    (quote_from_meta(m, d or ""), m)
                    for _, m, d in self._scan(self.quotes, where, documents=True)
                ),
                key=lambda qm: qm[0].index,
            )
            out.append(_indexed_parts(article_id, meta, passages, quotes))
        return out

    # ---------------------------------------------------------- embedding cache
    @guarded("reading cached vectors")
    def cached_vectors(self, hashes: Iterable[str]) -> dict[str, Vector]:
        """Vectors already stored for passage or quote texts with these hashes."""
        wanted = list(dict.fromkeys(hashes))
        found: dict[str, Vector] = {}
        for col in (self.passages, self.quotes):
            missing = [h for h in wanted if h not in found]
            for start in range(0, len(missing), 500):
                chunk = missing[start : start + 500]
                got = col.get(
                    where=cast(Any, {"text_hash": {"$in": chunk}}),
                    include=["metadatas", "embeddings"],
                )
                embs = got["embeddings"]
                for meta, emb in zip(
                    got["metadatas"] or [], [] if embs is None else embs, strict=True
                ):
                    found[str(meta["text_hash"])] = [float(x) for x in emb]
        return found

    # ------------------------------------------------------------------- reads
    @guarded("searching the passages")
    def query_passages(
        self,
        vector: Vector,
        k: int = 5,
        where: dict[str, Any] | None = None,
        articles: Mapping[str, ArticleInfo] | None = None,
    ) -> list[PassageHit]:
        """The ``k`` nearest passages of committed articles. ``articles``: the current
        articles as the caller knows them (its quote index), to save reading them here."""
        rows = self._query(self.passages, vector, k, where, articles)
        return [PassageHit(passage_from(meta, doc), info, score) for meta, doc, info, score in rows]

    @guarded("searching the quotes")
    def query_quotes(
        self,
        vector: Vector,
        k: int = 10,
        where: dict[str, Any] | None = None,
        articles: Mapping[str, ArticleInfo] | None = None,
    ) -> list[StoredQuote]:
        """As ``query_passages``, for quotes."""
        rows = self._query(self.quotes, vector, k, where, articles)
        return [
            StoredQuote(quote_from_meta(meta, doc), info, score) for meta, doc, info, score in rows
        ]

    @guarded("reading the quotes")
    def all_quotes(
        self,
        where: dict[str, Any] | None = None,
        articles: Mapping[str, ArticleInfo] | None = None,
    ) -> list[StoredQuote]:
        """Every quote of a current article version. ``articles``: as in ``query_passages``."""
        rows = list(self._scan(self.quotes, where, documents=True))
        infos = articles or self.article_info([str(m["article_id"]) for _, m, _ in rows])
        out = []
        for _, meta, doc in rows:
            info = infos.get(str(meta["article_id"]))
            if info is not None and info.version == meta.get("version"):
                out.append(StoredQuote(quote_from_meta(meta, doc or ""), info))
        return out

    def _query(
        self,
        col: Collection,
        vector: Vector,
        k: int,
        where: dict[str, Any] | None,
        articles: Mapping[str, ArticleInfo] | None = None,
    ) -> list[tuple[dict[str, Any], str, ArticleInfo, float]]:
        # No count() first: it costs 80 ms at a million records, and Chroma answers a
        # query of an empty collection with no rows.
        found = self._vector_store(col).similarity_search_by_vector_with_relevance_scores(
            vector, k=k, filter=where or None
        )
        metas = [d.metadata for d, _ in found]
        docs = [d.page_content for d, _ in found]
        dists = [dist for _, dist in found]
        # A record counts only with its article's current version: read here, or as the
        # caller's index knows it (an article written since is not in that index either).
        infos = articles or self.article_info([str(m["article_id"]) for m in metas])
        rows = []
        for meta, doc, dist in zip(metas, docs, dists, strict=True):
            info = infos.get(str(meta["article_id"]))
            if info is None or info.version != meta.get("version"):
                continue  # not committed, or superseded by a newer version
            rows.append((dict(meta), doc or "", info, 1.0 - float(dist)))
        return rows

    def all_passages(self) -> Iterable[tuple[str, dict[str, Any], str | None]]:
        """Every stored passage record (id, metadata, text), superseded versions included."""
        return self._scan(self.passages, documents=True)

    def _scan(
        self, col: Collection, where: dict[str, Any] | None = None, documents: bool = False
    ) -> Iterable[tuple[str, dict[str, Any], str | None]]:
        """Every record of ``col``: its ids first, then the records in batches of ids.

        Not ``limit``/``offset`` pages: Chroma reads every skipped row again for each page,
        so a scan by offset grew quadratically (listing 100,000 articles took 96 s, by ids
        14 s). Records written after the ids were read are not seen; those removed meanwhile
        are skipped. Each read is guarded on its own, so the scan can be lazy.
        """
        include: Any = ["metadatas", "documents"] if documents else ["metadatas"]
        return self._by_id(col, self._ids(col, where), include)

    def _by_id(
        self, col: Collection, ids: list[str], include: Any
    ) -> Iterator[tuple[str, dict[str, Any], str | None]]:
        """The records with these ids still stored, in their order, read in batches: one
        query binds each id as an SQL variable, and SQLite refuses more than 32,766 (a store
        of 100,000 articles failed here)."""
        for lo in range(0, len(ids), _GET_BATCH):
            yield from self._records(col, ids[lo : lo + _GET_BATCH], include)

    @guarded("reading the store")
    def _ids(self, col: Collection, where: dict[str, Any] | None) -> list[str]:
        return list(col.get(where=where or None, include=[])["ids"])

    @guarded("reading the store")
    def _records(
        self, col: Collection, ids: list[str], include: Any
    ) -> list[tuple[str, dict[str, Any], str | None]]:
        """The records with these ids still stored, in the order of ``ids``."""
        got = col.get(ids=ids, include=include)
        metas = got["metadatas"] or [{}] * len(got["ids"])
        docs: list[str | None] = [None] * len(got["ids"])
        if got["documents"] is not None:
            docs = list(got["documents"])
        rows = {i: (i, dict(m), d) for i, m, d in zip(got["ids"], metas, docs, strict=True)}
        return [rows[i] for i in ids if i in rows]


# One record to write: its id, vector, document and metadata.
_Row = tuple[str, Vector, str, Metadata]


def open_word_index(settings: Settings, prefix: str) -> WordIndex | None:
    """The store's word index: a SQLite file beside the embedded store, the PostgreSQL
    database ``QUOTECHECK_WORDS_URL`` names beside a Chroma server, else none."""
    if not settings.server_mode:
        if settings.words_url:
            raise ConfigError(
                "QUOTECHECK_WORDS_URL is for a Chroma server (QUOTECHECK_CHROMA_HOST); the "
                "embedded store keeps its word index in its data dir: unset it"
            )
        return TextIndex(settings.data_dir / f"{prefix}-words.sqlite3")
    return PgWordIndex(settings.words_url, prefix) if settings.words_url else None


def _passage_rows(p: PreparedArticle) -> list[_Row]:
    a, parts = p.article, zip(p.passages, p.passage_vectors, strict=True)
    return [(f"{a.id}@{a.version}#p{x.index}", v, x.text, passage_meta(a, x)) for x, v in parts]


def _quote_rows(p: PreparedArticle) -> list[_Row]:
    a, parts = p.article, zip(p.quotes, p.quote_vectors, strict=True)
    return [(f"{a.id}@{a.version}#q{x.index}", v, x.text, quote_meta(a, x)) for x, v in parts]


def _article_row(p: PreparedArticle) -> _Row:
    a = p.article
    meta = article_meta(a, len(p.passages), len(p.quotes))
    return (a.id, _mean_vector(p.passage_vectors), a.text, meta)


def _word_index_gaps(
    current: Mapping[str, str], indexed: Mapping[str, str]
) -> tuple[list[str], list[str]]:
    """(committed articles the word index lacks or holds at another version, articles it
    holds that are not committed), from article id -> version of each."""
    stale = [i for i, v in current.items() if indexed.get(i) != v]
    return stale, [i for i in indexed if i not in current]


def _indexed(p: PreparedArticle, meta: Metadata) -> IndexedArticle:
    a = p.article
    quotes = [(q, quote_meta(a, q)) for q in p.quotes]
    return _indexed_parts(a.id, meta, p.passages, quotes)


def _indexed_parts(
    article_id: str,
    meta: Mapping[str, Any],
    passages: Sequence[Passage],
    quotes: Sequence[tuple[Quote, Mapping[str, Any]]],
) -> IndexedArticle:
    return IndexedArticle(
        article_id,
        str(meta.get("version", "")),
        str(meta.get("outlet", "")),
        str(meta.get("published", "")),
        dict(meta),
        passages,
        [(q, dict(m)) for q, m in quotes],
    )


def _upsert_rows(col: Collection, rows: list[_Row]) -> None:
    _chunked_upsert(
        col, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows]
    )


def _chunked_upsert(
    col: Collection, ids: list[str], vecs: list[Vector], docs: list[str], metas: list[Metadata]
) -> None:
    size = 1000
    for s in range(0, len(ids), size):
        col.upsert(
            ids=ids[s : s + size],
            embeddings=cast(Any, vecs[s : s + size]),
            documents=docs[s : s + size],
            metadatas=cast(Any, metas[s : s + size]),
        )


def _mean_vector(vectors: Sequence[Vector]) -> Vector:
    if not vectors:
        raise StoreError("an article without passages cannot be stored")
    dim = len(vectors[0])
    mean = [sum(v[i] for v in vectors) / len(vectors) for i in range(dim)]
    norm = sum(x * x for x in mean) ** 0.5 or 1.0
    return [x / norm for x in mean]
