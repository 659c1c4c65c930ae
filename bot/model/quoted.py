"""Quoted strings of an answer's text: where each opens and closes, and its markers.

A quoted string is between double marks of any style, and in a model's text
(``single_marks=True``) between single marks too; it may run across a line break, and a mark
that is never closed quotes the rest of its line, so its words are checked like any others.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

# An opening quotation mark -> the marks that close it (the first one closes it when the
# answer never did). The extractive composer uses only double marks for quotations; it
# puts single ones around titles and the user's words (``bot.answers.markdown.plain``).
DOUBLE_QUOTES = {"“": "”", '"': '"', "„": "“”", "«": "»"}
SINGLE_QUOTES = {"‘": "’'", "'": "'’", "‚": "‘’", "‹": "›"}
# A single mark opens a quote only at a word's start: after the start, a space or one of these.
OPENS_AFTER = '([{“"„«‘‚‹—–-/*_'
# Words after a mark at a word's start that make it an apostrophe: '90s, 'em, rock 'n' roll.
ELISIONS = re.compile(r"(?:\d+s?|em|til|tis|twas|cause|bout|n)\b", re.IGNORECASE)
MARKER_RUN = re.compile(r"(?:\s*\[\d+\])+")
MARKER = re.compile(r"\[(\d+)\]")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")


@dataclass(frozen=True)
class Quoted:
    """A quoted string of an answer: its opening mark at ``start``, its words, the closing
    mark ("" when it was never closed) ending at ``end``, and the markers right after."""

    start: int
    end: int
    words: str
    closer: str
    markers: str

    @property
    def stop(self) -> int:
        return self.end + len(self.markers)


def unescape(text: str) -> str:
    """Undo ``bot.answers.markdown.escape_markdown``: backslash escapes, then HTML entities."""
    return html.unescape(_ESCAPED.sub(r"\1", text))


def _opens(text: str, i: int) -> bool:
    before, after = text[i - 1] if i else " ", text[i + 1 : i + 2]
    starts_word = before.isspace() or before in OPENS_AFTER
    return starts_word and after.strip() != "" and not ELISIONS.match(text, i + 1)


def _closes(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and not text[i + 1 : i + 2].isalnum()


def _double_close(text: str, i: int) -> int | None:
    mark = text[i]
    for j in range(i + 1, len(text)):
        if text[j] in DOUBLE_QUOTES[mark]:
            return j
        if text[j] == mark:
            return None  # opened again before it was closed
    return None


def _single_close(text: str, i: int) -> int | None:
    """The mark closing the single quote at ``i``: the first one followed by markers
    before the next quote opens, else the first one (Smiths' in ‘the Smiths' best’ [1])."""
    first = None
    for j in range(i + 1, len(text)):
        if text[j] in SINGLE_QUOTES[text[i]] and _closes(text, j):
            if MARKER_RUN.match(text, j + 1):
                return j
            first = j if first is None else first
        elif text[j] in SINGLE_QUOTES and _opens(text, j):
            break
    return first


def find_quotes(text: str, single_marks: bool = False) -> list[Quoted]:
    """Every quoted string of ``text`` (a paragraph), in order, nested ones inside theirs."""
    found: list[Quoted] = []
    i = 0
    while i < len(text):
        mark = text[i]
        if mark in DOUBLE_QUOTES:
            close = _double_close(text, i)
        elif single_marks and mark in SINGLE_QUOTES and _opens(text, i):
            close = _single_close(text, i)
        else:
            i += 1
            continue
        if close is None:  # never closed: it quotes the rest of the line, up to its markers
            eol = text.find("\n", i)
            eol = len(text) if eol < 0 else eol
            run = MARKER_RUN.search(text, i + 1, eol)
            end = run.start() if run else eol
            q = Quoted(i, end, text[i + 1 : end], "", run.group() if run else "")
        else:
            run = MARKER_RUN.match(text, close + 1)
            q = Quoted(i, close + 1, text[i + 1 : close], text[close], run.group() if run else "")
        found.append(q)
        i = q.stop
    return found


def outside_quotes(text: str) -> str:
    """``text`` with every quoted string, marks and all, blanked out."""
    for q in reversed(find_quotes(text, single_marks=True)):
        text = text[: q.start] + " " * (q.end - q.start) + text[q.end :]
    return text
