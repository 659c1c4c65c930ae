"""Small hand-made corpora for engine tests: quotes placed by hand, fake vectors, one write."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ingest.embedder import FakeEmbedder
from ingest.loaders import iter_input_files, load_articles
from ingest.passages import make_passages
from ingest.records import Article, Quote, QuoteKind, Span
from ingest.store import ArticleStore, PreparedArticle

_EMBEDDER = FakeEmbedder()
REPO = Path(__file__).resolve().parent.parent


def sample_articles() -> dict[str, Article]:
    """The bundled sample corpus (samples/), by article id."""
    return {
        item.article.id: item.article
        for path in iter_input_files([REPO / "samples"])
        for item in load_articles(path)
        if item.article
    }


def sample_gold() -> dict[str, Any]:
    """The expected quotes and speakers of the samples (tests/data/sample_gold.json)."""
    gold: dict[str, Any] = json.loads(
        (REPO / "tests" / "data" / "sample_gold.json").read_text(encoding="utf-8")
    )
    return gold


def quote_at(
    article: Article,
    text: str,
    speaker: str,
    index: int,
    kind: QuoteKind = "direct",
    fragments: Sequence[str] = (),
) -> Quote:
    """A quote of ``text`` where it first stands in the article, credited to ``speaker``."""
    start = article.text.index(text)
    spans = tuple(Span(article.text.index(f), article.text.index(f) + len(f), f) for f in fragments)
    return Quote(
        article.id,
        text,
        start,
        start + len(text),
        kind,
        speaker=speaker,
        canonical_speaker=speaker,
        method="explicit",
        confidence=0.9,
        fragments=spans,
        index=index,
    )


def prepare(
    article: Article,
    quotes: Sequence[Quote],
    *,
    max_tokens: int = 200,
    max_sentences: int = 4,
    replaces: str = "",
) -> PreparedArticle:
    """The article ready to write, passages and quotes embedded by the fake embedder."""
    passages = make_passages(article, max_tokens, max_sentences)
    return PreparedArticle(
        article,
        passages,
        _EMBEDDER.embed([p.text for p in passages]),
        list(quotes),
        _EMBEDDER.embed([q.text for q in quotes]),
        replaces,
    )


def write_corpus(store: ArticleStore, corpus: Iterable[tuple[Article, Sequence[Quote]]]) -> None:
    store.write([prepare(article, quotes) for article, quotes in corpus])
