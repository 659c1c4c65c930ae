"""Sentence boundaries as character offsets, tuned for news prose: one splitter, two modes.

A rule splitter: a sentence ends at ``.``, ``!`` or ``?`` (optionally followed by closing
quotation marks or brackets) before whitespace and a plausible sentence start, unless the
word before is a known abbreviation or an initial (``ingest.lexicon.abbreviations``).

- ``split_sentences`` (passages): paragraph breaks (a blank line) always end a sentence.
- ``split_quoted`` (quote extraction): a sentence never ends inside quotation marks, the
  attribution after a quote stays with it (``"Great!" Smith said.``), and every line
  break ends a paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ingest.clean import INVISIBLE
from ingest.lexicon.abbreviations import (
    ABBREVIATIONS,
    FINAL_ABBREVIATIONS,
    QUOTE_ABBREVIATIONS,
    STATE_ABBREVIATIONS,
)
from ingest.lexicon.cues import MARKED_CUES, SPEECH_CUES
from ingest.lexicon.function_words import ADJUNCT_START, AUXILIARIES, SENTENCE_OPENERS
from ingest.lexicon.pronouns import CAPITAL_POSSESSIVES, CAPITAL_SUBJECT_PRONOUNS

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


DOTTED_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]$")


def _is_abbreviation(
    text: str,
    sent_start: int,
    dot: int,
    abbreviations: frozenset[str] = ABBREVIATIONS,
    party_states: frozenset[str] | None = None,
) -> bool:
    """The word ending at ``dot`` is an abbreviation or an initial ("John F. Kennedy");
    with ``party_states``, a party and state tag ("R-Pa.", "D-Calif.") is one too."""
    word_start = dot
    while word_start > sent_start and not text[word_start - 1].isspace():
        word_start -= 1
    word = text[word_start:dot].lstrip("\"'\u201c\u2018(").lower()
    if party_states is not None and len(word) > 2 and word[1] == "-" and word[0] in "rdi":
        return word[2:] in party_states
    if not word:
        return False
    if len(word) == 1 and word.isalpha():  # an initial: "John F. Kennedy"
        return True
    if DOTTED_INITIALS.match(word):  # initials run together: "J.M. Berger", "George H.W. Bush"
        return True
    return word in abbreviations


def _trim(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# Quote-aware mode

_QUOTED_END = re.compile(r"[.!?]+(?=[\s\"'\u201c\u201d\u2019)\]])")
_QUOTED_NEXT_START = re.compile(r"[\"'\u201c\u2018\u00ab(\[]*[A-Z0-9\u201c\"']")


@dataclass(frozen=True)
class Sentence:
    """A quote-aware sentence: trimmed offsets and the number of its paragraph."""

    start: int
    end: int
    paragraph: int


def split_quoted(text: str, quoted: Iterable[tuple[int, int]]) -> list[Sentence]:
    """Quote-aware mode: the sentences of ``text`` (trimmed offsets, numbered by paragraph)
    that never cut through a quoted span ``(open_start, close_end)`` of ``quoted``.

    ``"A. B," she said.`` is one sentence; ``She said: "A. B." Then ...`` ends after the
    closing mark. Paragraph breaks (a single newline) always end a sentence."""
    inside = sorted(quoted)
    starts = [s for s, _ in inside]
    out: list[Sentence] = []
    pos = 0
    n = len(text)
    para = 0
    while pos < n:
        nl = text.find("\n", pos)
        para_end = n if nl < 0 else nl
        if text[pos:para_end].strip():
            _split_quoted_paragraph(text, pos, para_end, para, inside, starts, out)
            para += 1
        pos = para_end + 1
    return out


def _opens_at(pos: int, inside: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and inside[i][0] == pos


def _inside(pos: int, inside: list[tuple[int, int]], starts: list[int]) -> bool:
    i = bisect_right(starts, pos) - 1
    return i >= 0 and inside[i][0] < pos < inside[i][1] - 1


def _split_quoted_paragraph(
    text: str,
    start: int,
    end: int,
    para: int,
    inside: list[tuple[int, int]],
    starts: list[int],
    out: list[Sentence],
) -> None:
    sent_start = start
    for m in _QUOTED_END.finditer(text, start, end):
        stop = m.end()
        if _inside(m.start(), inside, starts):
            # A boundary inside marks only where the marks close right after it.
            i = bisect_right(starts, m.start()) - 1
            close_end = inside[i][1]
            if text[stop:close_end].strip(" \"'\u201d\u2019") or close_end <= stop:
                continue
            stop = close_end
        nxt = stop
        while nxt < end and text[nxt].isspace():
            nxt += 1
        # 'she said.“Next quote', 'he declined to be named."We were'
        glued = nxt == stop and (
            text[stop : stop + 1] == "\u201c" or _opens_at(stop, inside, starts)
        )
        if (nxt == stop and not glued) or nxt >= end or not _QUOTED_NEXT_START.match(text, nxt):
            continue
        if (
            text[m.start()] == "."
            and _is_abbreviation(
                text, sent_start, m.start(), QUOTE_ABBREVIATIONS, STATE_ABBREVIATIONS
            )
            and not _ends_anyway(text, sent_start, m.start(), nxt)
        ):
            continue
        if (
            stop > m.end()
            and not _new_subject(text, m.start(), nxt)
            and _attribution_follows(text, nxt, end)
        ):
            continue  # "Great!" Smith said.  -- the attribution belongs to the quote
        _append(text, sent_start, stop, para, out)
        sent_start = stop
    _append(text, sent_start, end, para, out)


def _new_subject(text: str, punct: int, nxt: int) -> bool:
    """'"It is not true." He said the plan ...': a full stop in the quote, then a pronoun
    written with a capital, opens a new sentence ('"It is." he said' does not)."""
    if text[punct] != "." or text[nxt : nxt + 5].split(" ", 1)[0] not in CAPITAL_SUBJECT_PRONOUNS:
        return False
    stop = text.find(".", nxt, nxt + 200)
    ws = text[nxt : stop if stop > 0 else nxt + 200].split()
    # "He said Clinton would ...", not "He said." / "He said on Tuesday, smiling."
    return len(ws) > 3 and ws[2].lower().strip(",") not in ADJUNCT_START


def _attribution_follows(text: str, pos: int, end: int) -> bool:
    """True when a short clause with a reporting verb follows (``Smith said.``)."""
    stop = pos
    while stop < end and text[stop] not in '.!?"\u201c\u201d:' and text[stop : stop + 2] != "''":
        stop += 1
        if text[stop : stop + 1] == "." and _quoted_abbreviation(text, pos, stop):
            stop += 1  # "Mrs. Ruiz asked."
    if stop < end and text[stop] not in ".,":
        return False  # 'X posted: "..."', 'He said Jews "know ..."': not a closing clause
    clause = text[pos:stop].split()
    if len(clause) <= 14 and any(w.strip(",;:").lower() in SPEECH_CUES for w in clause[:6]):
        return True
    if len(clause) <= 16 and clause[0][:1].isupper() and any(w.endswith(",") for w in clause[:4]):
        # '"Go!" Ann Lee, the head of the party, said on Friday.': after an appositive
        for prev, w in pairwise(clause[:13]):
            if prev.endswith(",") and w.strip(",;:.").lower() in SPEECH_CUES:
                return True
    if len(clause) > 8:
        return False
    if any(w.strip(",;:").lower() in SPEECH_CUES for w in clause[:5]):
        return True
    # '"Would it pass?" Hanna Roos pressed.': a name and a past-tense verb, nothing more
    # ('"So, who?" Her notes are redacted.' has a verb phrase of its own: a new sentence)
    return (
        2 <= len(clause) <= 5
        and clause[0][:1].isupper()
        and clause[0] not in CAPITAL_POSSESSIVES
        and not any(w.lower() in AUXILIARIES for w in clause)
        and clause[-1].islower()
        and (clause[-1].endswith("ed") or clause[-1] in MARKED_CUES)
        and text[stop : stop + 1] == "."
    )


def _append(text: str, start: int, end: int, para: int, out: list[Sentence]) -> None:
    while start < end and (text[start].isspace() or text[start] in INVISIBLE):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        if out and out[-1].end > start:
            return
        out.append(Sentence(start, end, para))


def _quoted_abbreviation(text: str, sent_start: int, dot: int) -> bool:
    """Quote-aware mode's abbreviations: the passages' list, "D.C." and party-state tags."""
    return _is_abbreviation(text, sent_start, dot, QUOTE_ABBREVIATIONS, STATE_ABBREVIATIONS)


def _ends_anyway(text: str, sent_start: int, dot: int, nxt: int) -> bool:
    """``7 p.m. He says``, ``said Sen. Al Roe, R-S.C. "I get that."``: an abbreviation that
    can end a sentence, before a word or quote that opens the next one."""
    opens_quote = text[nxt : nxt + 1] in ('"', "\u201c") or text[nxt : nxt + 2] == "''"
    word = text[nxt : nxt + 6].split(" ", 1)[0].lower()
    if not opens_quote and word not in SENTENCE_OPENERS:
        return False
    start = dot
    while start > sent_start and not text[start - 1].isspace():
        start -= 1
    abbr = text[start:dot].lstrip("\"'\u201c\u2018(").lower()
    party_tag = len(abbr) > 2 and abbr[1] == "-" and abbr[0] in "rdi"
    return party_tag if opens_quote else abbr in FINAL_ABBREVIATIONS
