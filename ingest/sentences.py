"""Sentence boundaries as character offsets, tuned for news prose.

A rule splitter: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by closing
quotation marks or brackets) before whitespace and a plausible sentence start, unless the
word before is a known abbreviation or an initial. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re

from ingest.lexicon.abbreviations import ABBREVIATIONS

_END = re.compile(r"[.!?]+[\"'”’»)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n\s*\n")
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[]*[A-Z0-9]")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Offsets ``(start, end)`` of the sentences of ``text[start:end]``, whitespace trimmed."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    para_start = start
    for brk in _PARAGRAPH.finditer(text, start, stop):
        spans.extend(_split_paragraph(text, para_start, brk.start()))
        para_start = brk.end()
    spans.extend(_split_paragraph(text, para_start, stop))
    return spans


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    sent_start = start
    for m in _END.finditer(text, start, end):
        if not _NEXT_START.match(text, m.end(), end):
            continue
        if text[m.start()] == "." and _is_abbreviation(text, sent_start, m.start()):
            continue
        spans.append((sent_start, m.end()))
        sent_start = m.end()
    spans.append((sent_start, end))
    return [t for s, e in spans if (t := _trim(text, s, e))]


def _is_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    word_start = dot
    while word_start > sent_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'“‘(").lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "John F. Kennedy"
        return True
    return word in ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
