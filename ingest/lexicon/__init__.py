"""The project's linguistic knowledge, written once: every word list the write side uses.

Submodules by kind: ``cues`` (reporting verbs by class), ``people`` (titles, honorifics,
person and organisation nouns), ``pronouns`` (with gender and number), ``abbreviations``,
``function_words`` (determiners, auxiliaries, prepositions, stop words), ``time`` (days,
time nouns) and ``marks`` (quotation marks). Lists that differ on purpose are written as a
base plus a named difference. No logic lives here.
"""

from __future__ import annotations


def word_set(text: str) -> frozenset[str]:
    """A word list written as running text (one constant per list, easy to extend)."""
    return frozenset(text.split())
