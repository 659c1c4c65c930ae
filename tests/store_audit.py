"""Check a store's consistency; run as a script so the store is opened by a fresh process.

``python tests/store_audit.py [--repair]`` prints one JSON object for the store the
``QUOTECHECK_*`` environment names:

- ``raw``: records per collection as stored, debris included;
- ``debris``: passages and quotes whose article version is not committed (what a crash
  between the protocol's steps 1 and 2 leaves; readers must never see them);
- ``leaked``: such records that a reader (``query_passages``/``query_quotes``) returned;
- ``problems``: committed articles whose stored passages or quotes differ from the counts
  their record names (an article without its passages, or half of them);
- ``unindexed``: of 500 stored records per collection, those that a vector search for
  their own vector, limited to their article, does not return. An unfiltered search is no
  test: HNSW is approximate, and on the generated corpora (many near-identical quotes)
  it misses some records even at k=400 in a store that was never interrupted; limited to
  one article's records, the search is exhaustive, so a miss means "not in the index";
- ``word_leaked``: articles the word index holds at a version that is not committed (a
  reader would return their entries: must never happen); ``word_missing``: committed
  articles the word index lacks or holds at another version (a crash between the two
  stores; repair indexes them). Read from the index (the file, or the PostgreSQL index
  of a server with ``QUOTECHECK_WORDS_URL``) before the store is opened, since opening
  levels the index;
- ``word_index``: which word index the store has (``TextIndex``, ``PgWordIndex``, ``none``);
- ``after_repair``: the counts after ``repair()`` run as ingest runs it (``--repair``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.config import load_settings
from ingest.embedder import FakeEmbedder
from ingest.pg_words import PgWordIndex
from ingest.store import ArticleStore
from ingest.text_index import TextIndex

SAMPLE = 500  # stored records checked per collection
PER_ARTICLE = 50  # neighbours asked for within one article: more than it has records


def audit(store: ArticleStore, indexed: dict[str, str] | None = None) -> dict[str, Any]:
    committed = {i: m for i, m, _ in store._scan(store.articles)}
    owned: Counter[tuple[str, str]] = Counter()
    debris: dict[str, set[str]] = {"passages": set(), "quotes": set()}
    for kind, col in (("passages", store.passages), ("quotes", store.quotes)):
        for rec_id, meta, _ in store._scan(col):
            article = committed.get(str(meta.get("article_id")))
            if article is None or article.get("version") != meta.get("version"):
                debris[kind].add(rec_id)
            else:
                owned[(kind, str(meta["article_id"]))] += 1
    problems = [
        f"{aid}: {kind} {owned[(kind, aid)]} stored, {meta.get(kind)} committed"
        for aid, meta in committed.items()
        for kind in ("passages", "quotes")
        if owned[(kind, aid)] != int(meta.get(kind, -1))
    ]
    raw = store.count()
    probe = FakeEmbedder().embed(["the dam held"])[0]  # the tests use the fake embedder
    seen = {"passages": 0, "quotes": 0}
    leaked = 0
    for kind, col in (("passages", store.passages), ("quotes", store.quotes)):
        if not raw[kind]:
            continue
        sample = col.get(limit=SAMPLE, include=["embeddings", "metadatas"])
        for rec_id, vector, meta in zip(
            sample["ids"], sample["embeddings"], sample["metadatas"] or [], strict=True
        ):
            near = col.query(
                query_embeddings=[list(map(float, vector))],
                n_results=PER_ARTICLE,
                where={"article_id": str(meta["article_id"])},
                include=[],
            )
            seen[kind] += rec_id not in near["ids"][0]
        visible = (
            store.query_passages(probe, k=raw[kind])
            if kind == "passages"
            else store.query_quotes(probe, k=raw[kind])
        )
        leaked += sum(
            1
            for v in visible
            if committed.get(v.article.id, {}).get("version") != v.article.version
        )
    unindexed = sum(seen.values())
    if indexed is None and store.text_index is not None:
        indexed = store.text_index.versions()
    current = {i: m.get("version") for i, m in committed.items()}
    words = indexed if indexed is not None else dict(current)
    return {
        "word_index": type(store.text_index).__name__ if store.text_index else "none",
        "word_leaked": sum(1 for i, v in words.items() if current.get(i) != v),
        "word_missing": sum(1 for i, v in current.items() if words.get(i) != v),
        "raw": raw,
        "articles": len(committed),
        "debris": {k: len(v) for k, v in debris.items()},
        "leaked": leaked,
        "problems": problems[:10],
        "problem_count": len(problems),
        "unindexed": unindexed,
    }


def main(argv: list[str]) -> int:
    settings = load_settings()
    words = settings.data_dir / f"{settings.collection_prefix}-words.sqlite3"
    indexed = None
    if not settings.server_mode and words.exists():  # as the crash left it
        indexed = TextIndex(words).versions()
    elif not settings.server_mode:
        indexed = {}
    elif settings.words_url:
        shared = PgWordIndex(settings.words_url, settings.collection_prefix)
        indexed = shared.versions()
        shared.close()
    store = ArticleStore.open(settings)
    report = audit(store, indexed)
    if "--repair" in argv:
        with store.writing():
            report["repaired"] = store.repair()
        after = audit(store)
        report["after_repair"] = after
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
