"""Passages: a few consecutive sentences, bounded in tokens, with exact offsets.

``article.text[p.start:p.end] == p.text`` holds for every passage by construction: a passage
is always cut out of the article text, never rebuilt from pieces.
"""

from __future__ import annotations

import re

from ingest.records import Article, Passage
from ingest.sentences import split_sentences

_TOKEN = re.compile(r"\w+|[^\w\s]")


_LATIN_END = 0x250  # Basic Latin to Latin Extended-B: words split into a few pieces


def _latin(word: str) -> bool:
    return all(ord(c) < _LATIN_END for c in word)


def estimate_tokens(text: str) -> int:
    """Word pieces a BERT-style tokenizer makes, estimated (long words split into pieces).

    Words in other scripts (Greek, Cyrillic, CJK, ...) count one piece per character, as an
    English vocabulary splits them about that finely; CJK runs have no spaces at all.
    """
    return sum(1 + len(t) // 8 if _latin(t) else len(t) for t in _TOKEN.findall(text))


def make_passages(article: Article, max_tokens: int = 200, max_sentences: int = 4) -> list[Passage]:
    """Greedy packing of whole sentences; a sentence over the budget is cut at word breaks."""
    text = article.text
    pieces: list[tuple[int, int]] = []
    for start, end in split_sentences(text):
        pieces.extend(_cut_long(text, start, end, max_tokens))

    passages: list[Passage] = []
    group: list[tuple[int, int]] = []
    tokens = 0
    for start, end in pieces:
        n = estimate_tokens(text[start:end])
        if group and (tokens + n > max_tokens or len(group) >= max_sentences):
            passages.append(_passage(article, len(passages), group))
            group, tokens = [], 0
        group.append((start, end))
        tokens += n
    if group:
        passages.append(_passage(article, len(passages), group))
    return passages


def _passage(article: Article, index: int, group: list[tuple[int, int]]) -> Passage:
    start, end = group[0][0], group[-1][1]
    return Passage(article.id, index, start, end, article.text[start:end])


def _cut_long(text: str, start: int, end: int, max_tokens: int) -> list[tuple[int, int]]:
    if estimate_tokens(text[start:end]) <= max_tokens:
        return [(start, end)]
    out: list[tuple[int, int]] = []
    piece_start = start
    tokens = 0
    for unit_start, unit in _units(text[start:end]):
        n = estimate_tokens(unit)
        if tokens and tokens + n > max_tokens:
            out.append((piece_start, start + unit_start))
            piece_start, tokens = start + unit_start, 0
        tokens += n
    out.append((piece_start, end))
    return [(s, e) for s, e in ((s, len(text[:e].rstrip())) for s, e in out) if s < e]


def _units(text: str) -> list[tuple[int, str]]:
    """Where a long sentence may be cut: between words, or between characters of a word in
    another script (a CJK sentence has no spaces to cut at)."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+", text):
        word = m.group()
        if _latin(word):
            out.append((m.start(), word))
        else:
            out.extend((m.start() + i, c) for i, c in enumerate(word))
    return out
