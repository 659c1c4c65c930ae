"""Quotation marks: opening, closing and direction-less pairs, and the sets built on them."""

from __future__ import annotations

# Quotation marks. Straight marks and the two-apostrophe style (``''...''``, some outlets)
# are direction-less: their role is decided from the characters around them.
DOUBLE_OPENERS = frozenset({"\u201c", "\u201e", "\u00ab", "``"})  # “ „ « ``

DOUBLE_CLOSERS = frozenset({"\u201d", "\u00bb"})  # ” »

DOUBLE_NEUTRAL = frozenset({'"', "''", "\u2019\u2019", "\u2018\u2018"})

SINGLE_OPENERS = frozenset({"\u2018", "\u2039"})  # ‘ ‹

SINGLE_CLOSERS = frozenset({"\u2019", "\u203a"})  # ’ ›

SINGLE_NEUTRAL = frozenset({"'"})

ALL_MARK_CHARS = "\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u2039\u203a`"

OPEN_CONTEXT = frozenset(" \t\n([{\u2014\u2013-/:;,")

QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb''"

OPEN_CHARS = "\"\u201c'\u2018\u00ab\u201e"


DOUBLE_MARKS = ('"', "\u201c", "''")
DOUBLE_OPEN_MARKS = (*DOUBLE_MARKS, "\u00ab")
