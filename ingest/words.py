"""Words of a text in their comparison form, each with its offsets in the original text.

Used by both sides: ingest writes the stored word index with them (``ingest.text_index``),
and every lookup and match (``bot.verdicts.normalise``) reads text the same way, so a word
found in the index is the word a match compares.
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
