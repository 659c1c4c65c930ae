"""Words of a text, normalised for matching, each with its offsets in the original text.

Matching ignores case, punctuation, quotation-mark style and whitespace: two texts match when
their word sequences are equal. Every word keeps its character offsets, so a match found on
the normalised words maps straight back to a span of the original text.
"""

from __future__ import annotations

from ingest.words import Words, fold, words

__all__ = ["Words", "fold", "words"]  # defined in ingest.words, read from here too

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
