"""Words of a text, normalised for matching, each with its offsets in the original text.

Matching ignores case, punctuation, quotation-mark style and whitespace: two texts match when
their word sequences are equal. Every word keeps its character offsets, so a match found on
the normalised words maps straight back to a span of the original text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# A word: letters and digits, with inner apostrophes (don't, Kyiv's) but never edge marks,
# so NYT-style ''quotes'' and 'single quotes' leave no apostrophe on the word.
_WORD = re.compile(r"[^\W_]+(?:['’‘`ʼ][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʼ": "'"})

DOUBLE_MARKS = '"“”„‟«»″'
SINGLE_MARKS = "'‘’‚‛‹›′"
_MARKS_TO_STRAIGHT = str.maketrans(
    {**dict.fromkeys(DOUBLE_MARKS, '"'), **dict.fromkeys(SINGLE_MARKS, "'")}
)

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "their",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "him",
        "we",
        "our",
        "us",
        "you",
        "your",
        "i",
        "me",
        "my",
        "not",
        "no",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "what",
        "which",
        "who",
        "whom",
        "whose",
        "when",
        "where",
        "why",
        "how",
        "about",
        "into",
        "over",
        "than",
        "then",
        "so",
        "such",
        "also",
        "just",
        "said",
        "says",
        "say",
        "told",
        "tell",
        "according",
        "some",
        "any",
        "all",
        "more",
        "most",
        "very",
        "up",
        "out",
    ]
)


@lru_cache(maxsize=1 << 18)
def fold(word: str) -> str:
    """One word in its comparison form: case-folded, accents and apostrophe styles removed.

    Cached: a corpus has far fewer distinct words than tokens, so most calls are lookups,
    and equal words share one string object in the index built from them.
    """
    if word.isascii() and "`" not in word:  # nothing to decompose or straighten
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word.translate(_APOSTROPHES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True)
class Words:
    """The normalised words of ``text`` with their spans; offsets include ``base``."""

    tokens: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def __len__(self) -> int:
        return len(self.tokens)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character offsets covering words ``first`` .. ``last - 1``."""
        return self.starts[first], self.ends[last - 1]

    @property
    def key(self) -> str:
        return " ".join(self.tokens)


def words(text: str, base: int = 0) -> Words:
    """The words of ``text``; offsets are ``base`` + the position in ``text``."""
    tokens, starts, ends = [], [], []
    for m in _WORD.finditer(text):
        tokens.append(fold(m.group()))
        starts.append(base + m.start())
        ends.append(base + m.end())
    return Words(tuple(tokens), tuple(starts), tuple(ends))


def key(text: str) -> str:
    """The comparison form of a whole text: its normalised words joined by single spaces."""
    return words(text).key


def is_content_word(token: str) -> bool:
    """A word that carries meaning: not a stop word, not a single character."""
    return token not in STOPWORDS and len(token) > 1


def content_words(tokens: tuple[str, ...] | list[str]) -> list[str]:
    """The words that carry meaning (stop words dropped), in order, without repeats."""
    return list(dict.fromkeys(t for t in tokens if is_content_word(t)))


def straighten_marks(text: str) -> str:
    """Every quotation-mark style as a straight mark, and runs of whitespace as one space."""
    return " ".join(text.translate(_MARKS_TO_STRAIGHT).split())


def loose_contains(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` ignoring mark style and whitespace only."""
    return straighten_marks(needle) in straighten_marks(haystack)
