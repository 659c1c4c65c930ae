"""Three ways to keep the lexical index in a store, compared on one store (issue 19).

    python bench/lexical_backends.py --data-dir DIR [--lookups 300] [--tantivy-dir DIR2]

DIR is an embedded store with its word index (``ingest.text_index``, SQLite FTS5), e.g. one
grown by ``bench/scale.py --keep``. For lookups made by script from the stored direct quotes
(each quote's words, and the same with one word swapped: an altered claim), it measures
what each candidate gives for "the entries that may hold this claim":

- **fts5**: the word index as the app reads it (``StoredQuoteIndex.candidates``: the
  posting lists of the claim's rarest words, scored by idf), the 40 best;
- **fts5_bm25_only**: the same file's own BM25 ranking (``ORDER BY rank``), the 40 best
  ids: the search alone, as tantivy's row;
- **chroma**: Chroma's own full-text filter over the stored quote documents
  (``where_document`` ``$contains`` of the claim's two rarest words, rarest by the word
  index's counts, which Chroma cannot give), 40 ids: what works the same embedded, on
  ``chroma run`` and on a distributed Chroma;
- **tantivy**: the same entries' words in a tantivy index (built here, timed), BM25 over
  the claim's words, the 40 best.

For each: p50 / p95 latency, and recall (the quote the claim was made from is among the
40). The fts5 and tantivy indexes also report their size on disk. Run on a quiet machine.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import percentile

TOP = 40


def _timed(fn: Any, lookups: list[Any]) -> tuple[list[float], list[Any]]:
    times, results = [], []
    for x in lookups:
        t = time.perf_counter()
        results.append(fn(x))
        times.append((time.perf_counter() - t) * 1000)
    return times, results


def _summary(times: list[float], hits: list[bool]) -> dict[str, float]:
    return {
        "p50_ms": round(statistics.median(times), 2),
        "p95_ms": round(percentile(times, 95), 2),
        "recall": round(sum(hits) / max(1, len(hits)), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", type=Path, required=True)
    ap.add_argument("--lookups", type=int, default=300)
    ap.add_argument("--tantivy-dir", type=Path, help="where to build tantivy's index")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--embed-model", help="the store's embedder (fake for bench/scale.py's)")
    args = ap.parse_args()

    from bot.index.holder import build_stored_index
    from bot.index.quote_index import QUOTE_KINDS
    from bot.verdicts.normalise import words
    from ingest.config import load_settings
    from ingest.store import ArticleStore

    settings = load_settings(data_dir=args.data_dir, embed_model=args.embed_model)
    store = ArticleStore.open(settings)  # (its embedder is never used here)
    text_index = store.text_index
    assert text_index is not None, "an embedded store with a word index"
    index = build_stored_index(text_index)
    rng = random.Random(args.seed)
    quotes = [r for r in text_index.quote_entry_rows() if r.kind == "direct"]
    picked = rng.sample(quotes, min(args.lookups, len(quotes)))
    lookups: list[tuple[tuple[str, ...], int, str]] = []  # (claim words, entry, quote id)
    for row in picked:
        tokens = list(words(row.text).tokens)
        if len(tokens) < 6:
            continue
        qid = f"{row.article_id}@{row.item}"
        lookups.append((tuple(tokens), row.id, qid))
        swapped = list(tokens)
        swapped[rng.randrange(len(swapped))] = rng.choice(words(rng.choice(quotes).text).tokens)
        lookups.append((tuple(swapped), row.id, qid))
    out: dict[str, Any] = {"lookups": len(lookups), "entries": text_index.entry_count()}

    # fts5: the app's own lookup
    times, found = _timed(lambda x: index.candidates(x[0], QUOTE_KINDS, limit=TOP), lookups)
    hits = [
        any(e.quote is not None and (e.article.id, e.quote.index) == _qkey(x[2]) for e, _ in f)
        for x, f in zip(lookups, found, strict=True)
    ]
    words_file = text_index.path
    fts_mb = (
        sum(
            Path(str(words_file) + s).stat().st_size
            for s in ("", "-wal")
            if Path(str(words_file) + s).exists()
        )
        / 2**20
    )
    out["fts5"] = {**_summary(times, hits), "disk_mb": round(fts_mb, 1)}

    # fts5 alone: its own BM25 over the claim's words, the 40 best ids (no entry read, no
    # idf scoring of ours): the cost of the search itself, comparable with tantivy's
    db = sqlite3.connect(words_file)

    def fts_lookup(x: tuple[tuple[str, ...], int, str]) -> list[int]:
        query = " OR ".join('"' + t.replace('"', '""') + '"' for t in dict.fromkeys(x[0]))
        rows = db.execute(
            "SELECT rowid FROM quote_words WHERE quote_words MATCH ? ORDER BY rank LIMIT ?",
            (query, TOP),
        )
        return [r[0] for r in rows]

    times, found = _timed(fts_lookup, lookups)
    hits = [x[1] in f for x, f in zip(lookups, found, strict=True)]
    out["fts5_bm25_only"] = _summary(times, hits)

    # chroma: $contains over the quote documents (raw text: the rarest two words as written)
    def rarest(claim: tuple[str, ...], n: int = 2) -> list[str]:
        counts = text_index.document_counts(claim)
        return sorted((t for t in set(claim) if t in counts), key=lambda t: counts[t])[:n]

    def chroma_lookup(x: tuple[tuple[str, ...], int, str]) -> list[str]:
        terms = rarest(x[0])
        if not terms:
            return []
        clauses: list[Any] = [{"$contains": t} for t in terms]
        where = clauses[0] if len(clauses) == 1 else {"$and": clauses}
        got = store.quotes.get(where_document=where, limit=TOP, include=["metadatas"])
        return [f"{m['article_id']}@{m['index']}" for m in got["metadatas"] or []]

    times, found = _timed(chroma_lookup, lookups)
    hits = [x[2] in f for x, f in zip(lookups, found, strict=True)]
    out["chroma_contains"] = _summary(times, hits)

    # tantivy: the word index's quote entries, its words pre-normalised
    import tantivy

    where = args.tantivy_dir or Path(tempfile.mkdtemp(prefix="qc-tantivy-"))
    shutil.rmtree(where, ignore_errors=True)
    where.mkdir(parents=True)
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("entry", stored=True, indexed=True)
    builder.add_text_field("words", stored=False, tokenizer_name="whitespace")
    schema = builder.build()
    tindex = tantivy.Index(schema, path=str(where))
    started = time.perf_counter()
    writer = tindex.writer(heap_size=200_000_000, num_threads=1)
    for row in text_index.quote_entry_rows():
        writer.add_document(tantivy.Document(entry=row.id, words=" ".join(words(row.text).tokens)))
    writer.commit()
    writer.wait_merging_threads()
    build_s = time.perf_counter() - started
    tindex.reload()
    searcher = tindex.searcher()

    def tantivy_lookup(x: tuple[tuple[str, ...], int, str]) -> list[int]:
        terms = [tantivy.Query.term_query(schema, "words", t) for t in dict.fromkeys(x[0])]
        query = tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in terms])
        result = searcher.search(query, TOP)
        return [searcher.doc(addr)["entry"][0] for _, addr in result.hits]

    times, found = _timed(tantivy_lookup, lookups)
    hits = [x[1] in f for x, f in zip(lookups, found, strict=True)]
    size = sum(p.stat().st_size for p in where.rglob("*") if p.is_file()) / 2**20
    out["tantivy"] = {
        **_summary(times, hits),
        "build_s": round(build_s, 1),
        "disk_mb": round(size, 1),
    }
    print(json.dumps(out))


def _qkey(qid: str) -> tuple[str, int]:
    article, _, item = qid.rpartition("@")
    return article, int(item)


if __name__ == "__main__":
    main()
