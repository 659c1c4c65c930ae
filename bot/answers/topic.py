"""How much a speaker's quote is about a topic ("What did X say about the budget?").

A quote is about a topic when its own words name it, or when it was said in a passage or an
article that does ("the budget" article's quotes rarely say "budget" themselves). Only the
topic's content words count, weighted by rarity: "the" makes nothing relevant.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.index.quote_index import Entry, QuoteIndex
from bot.verdicts.normalise import content_words, words

QUOTE_WEIGHT = 1.0  # the topic's words in the quote itself
CONTEXT_WEIGHT = 0.5  # in the passage around the quote, or in the article's title
SUFFIXES = ("ings", "ing", "ers", "ed", "er", "s")


def topic_relevance(index: QuoteIndex, entries: Sequence[Entry], topic: str) -> dict[str, float]:
    """Quote id -> relevance in (0, 1] for the entries about ``topic``; others are left out."""
    weight = {stem(t): index.idf.get(t, 1.0) for t in content_words(words(topic).tokens)}
    if not weight:
        return {}
    total = sum(weight.values())
    vocabulary = {st: _forms(index, st) for st in weight}
    holding: dict[str, set[int]] = {}  # topic stem -> ids of the entries with one of its forms
    for st in weight:
        holding[st] = {i for form in vocabulary.get(st, ()) for i in index.postings.get(form, ())}
    passages: dict[str, list[tuple[int, int, set[str]]]] = {}  # article -> spans with stems
    for st, ids in holding.items():
        for i in ids:
            p = index.entries[i]
            if p.kind == "text":
                passages.setdefault(p.article.id, []).append((p.start, p.end, {st}))
    out: dict[str, float] = {}
    titles: dict[str, set[str]] = {}
    for e in entries:
        if e.quote is None:
            continue
        if e.article.id not in titles:
            titles[e.article.id] = {stem(t) for t in words(e.article.title).tokens}
        context = set(titles[e.article.id])
        for start, end, found in passages.get(e.article.id, ()):
            if start < e.end and e.start < end:
                context |= found
        score = 0.0
        for st, w in weight.items():
            if _has(e, vocabulary.get(st, ())):
                score += QUOTE_WEIGHT * w
            elif st in context:
                score += CONTEXT_WEIGHT * w
        if score > 0:
            out[e.quote.id] = max(out.get(e.quote.id, 0.0), score / total)
    return out


def _has(e: Entry, forms: Sequence[str]) -> bool:
    return any(f in e.words.tokens for f in forms)


def _forms(index: QuoteIndex, st: str) -> list[str]:
    """The index's words with the stem ``st`` (each begins with it)."""
    return [w for w in index.forms(st) if stem(w) == st]


def stem(word: str) -> str:
    """A crude stem, enough for a topic word to meet its forms (flood, floods, flooding)."""
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word
