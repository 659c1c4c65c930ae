"""Hybrid passage retrieval: Chroma's dense search and the lexical index, fused.

Each list is ranked on its own; reciprocal-rank fusion merges them. A passage counts as
relevant only when it shares enough of the question's meaningful words or is very close in
meaning, so "I could not find this" is said rather than an unrelated passage shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from bot.index.quote_index import QuoteIndex, Scope
from bot.verdicts.normalise import content_words, words
from ingest.records import Passage
from ingest.store import ArticleInfo, ArticleStore

RRF_K = 60
MIN_KEYWORD_COVERAGE = 0.5  # idf-weighted share of the question's content words
MIN_DENSE_SCORE = 0.6


@dataclass(frozen=True)
class Retrieved:
    passage: Passage
    article: ArticleInfo
    score: float  # fused score
    dense: float  # cosine similarity, 0 when only lexical found it
    coverage: float  # idf-weighted share of the question's content words it contains

    @property
    def relevant(self) -> bool:
        return self.coverage >= MIN_KEYWORD_COVERAGE or self.dense >= MIN_DENSE_SCORE


class HybridRetriever:
    def __init__(
        self,
        store: ArticleStore,
        embed: Callable[[str], list[float]],
        index: Callable[[], QuoteIndex],
    ) -> None:
        self.store = store
        self.embed = embed
        self.index = index

    def search(
        self, query: str, scope: Scope, where: dict[str, Any] | None, k: int = 8
    ) -> list[Retrieved]:
        index = self.index()
        tokens = content_words(words(query).tokens) or list(words(query).tokens)
        if not tokens:
            return []
        vector = self.embed(query)
        dense = self.store.query_passages(vector, max(20, k), where, index.articles)
        lexical = index.candidates(tokens, ("text",), scope, limit=max(20, k))
        fused: dict[str, list[Any]] = {}
        for rank, hit in enumerate(dense):
            row = fused.setdefault(hit.passage.id, [hit.passage, hit.article, 0.0, 0.0])
            row[2] += 1.0 / (RRF_K + rank)
            row[3] = hit.score
        for rank, (entry, _) in enumerate(lexical):
            assert entry.passage is not None
            row = fused.setdefault(entry.passage.id, [entry.passage, entry.article, 0.0, 0.0])
            row[2] += 1.0 / (RRF_K + rank)
        weights = {t: index.idf.get(t, 0.0) for t in tokens}
        total = sum(weights.values()) or 1.0
        out = []
        for passage, info, score, cos in fused.values():
            have = set(words(passage.text).tokens)
            coverage = sum(w for t, w in weights.items() if _has_form(t, have)) / total
            out.append(Retrieved(passage, info, score, cos, coverage))
        out.sort(key=lambda r: -(r.score + 0.02 * r.coverage))
        return out[:k]


def _has_form(token: str, have: set[str]) -> bool:
    """The word or a longer form of it ("dock": docks, dockworkers) is among ``have``."""
    return token in have or (len(token) >= 4 and any(h.startswith(token) for h in have))


def diverse(hits: list[Retrieved], n: int, per_outlet: int = 2) -> list[Retrieved]:
    """The best ``n`` relevant hits, at most ``per_outlet`` from each outlet when others exist."""
    relevant = [h for h in hits if h.relevant]
    chosen: list[Retrieved] = []
    counts: dict[str, int] = {}
    for h in relevant:
        if counts.get(h.article.outlet, 0) < per_outlet:
            chosen.append(h)
            counts[h.article.outlet] = counts.get(h.article.outlet, 0) + 1
        if len(chosen) >= n:
            break
    for h in relevant:
        if len(chosen) >= n:
            break
        if h not in chosen:
            chosen.append(h)
    return chosen
