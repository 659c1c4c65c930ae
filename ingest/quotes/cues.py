"""Words with offsets, and the reporting cues among them (``said``, ``told``, ``according
to``, ``accused ... "..."``): the first step of attribution."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ingest.lexicon.abbreviations import KEEP_DOT, TITLE_ABBREVIATIONS
from ingest.lexicon.cues import BASE_CUES, MARKED_CUES, NOUN_LIKE_CUES, SPEECH_CUES, WRITTEN_SOURCES
from ingest.lexicon.function_words import BEFORE_BASE_FORM, NOT_AFTER, PASSIVE_AUXILIARIES
from ingest.lexicon.marks import QUOTE_CHARS

_WORD = re.compile(r"[A-Za-z0-9][\w\u2019'&.-]*|[,:;()\u2014\"\u201c\u201d]")
_PHRASES = "|".join(sorted((re.escape(k) for k in SPEECH_CUES if " " in k), key=len, reverse=True))
_CUE = re.compile(rf"\b(?:[Aa]ccording to|{_PHRASES}|[A-Za-z][a-z]+)\b")
# How far from a cue its speaker or the start of its content is looked for (characters):
# keeps the work per cue bounded however long a sentence runs.
WINDOW = 400
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
_AFTER_BASE = re.compile(r"\s*(?:that\b|:|[\"\u201c\u00ab]|'')")


@dataclass(frozen=True)
class Cue:
    """A reporting cue as written (``told``, ``according to``) with its lemma (``tell``)."""

    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return self.text.lower()


def words(text: str, start: int, end: int) -> list[Word]:
    out = []
    for m in _WORD.finditer(text, start, end):
        s, e, w = m.start(), m.end(), m.group()
        if (
            w.endswith(".")
            and len(w) > 2
            and w.lower() not in KEEP_DOT
            and not _INITIALS.match(w)  # "H.W." keeps its full stop, as "U.S." does
            and w[:-1].lower().rstrip(".") not in TITLE_ABBREVIATIONS
        ):
            e -= 1
            w = w[:-1]
        out.append(Word(s, e, w))
    return out


def find_cues(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[Cue]:
    """Reporting cues of ``text[start:end]`` that are outside the ``blocked`` (quoted) ranges."""
    out: list[Cue] = []
    starts = [bs for bs, _ in blocked]
    lead = start  # the first character of the sentence that is not a quote mark or comma
    while lead < end and text[lead] in " \"'\u201c\u201d\u2019,":
        lead += 1
    headline: bool | None = None  # decided once, when a capitalised cue needs it
    for m in _CUE.finditer(text, start, end):
        w = m.group()
        lw = w.lower()
        lemma = "according to" if lw == "according to" else SPEECH_CUES.get(lw)
        if lemma is None and lw in MARKED_CUES:
            lemma = "marked"
        if lemma is None and lw in BASE_CUES and _base_cue(text, m.start(), m.end(), start):
            lemma = lw
        if lemma is None and lw in NOUN_LIKE_CUES and _AFTER_BASE.match(text, m.end()):
            lemma = lw[:-1]  # "the report notes: ..." (not "she took notes")
        if lemma is None:
            continue
        s = m.start()
        # "Said Ellis: ..." only opens a sentence or follows a quote (or is a headline)
        if w[0].isupper() and lemma != "according to" and lead < s:
            if headline is None:
                headline = is_headline(text, start, end)
            if not headline:
                continue
        if lemma == "continue" and " " in lw and text[m.end() : m.end() + 4] == " to ":
            continue  # "went on to say": the cue is "say"
        if s > 0 and text[s - 1] == "-":  # so-called
            continue
        i = bisect_right(starts, s) - 1
        if i >= 0 and blocked[i][0] <= s < blocked[i][1]:
            continue
        prev = text[max(start, s - 12) : s].split()
        if (
            prev
            and prev[-1].lower() in NOT_AFTER
            and lemma != "according to"
            and not _written_that(text, start, s)
        ):
            continue
        if prev and prev[-1].lower() == "all" and lw == "told":
            continue
        if (
            lemma == "marked"
            and prev
            and prev[-1].lower() in PASSIVE_AUXILIARIES
            and not lw.endswith("ing")
        ):
            continue  # "were accused of": the accuser is not the subject ("is praising" is)
        if lemma == "marked" and text[m.end() : m.end() + 4] == " by ":
            continue  # "a letter written by X", "praised by X": a participle, not X's words
        out.append(Cue(s, m.end(), w, lemma))
    return out


def _written_that(text: str, lo: int, s: int) -> bool:
    """``a message that said``: a relative ``that`` after a written thing, not "the said"."""
    prev = text[max(lo, s - 30) : s].lower().split()
    return len(prev) > 1 and prev[-1] == "that" and prev[-2].strip(",") in WRITTEN_SOURCES


def _base_cue(text: str, s: int, e: int, lo: int) -> bool:
    prev = text[max(lo, s - 16) : s].lower().split()
    if len(prev) > 1 and prev[-1] in ("only", "also", "just", "then"):
        prev.pop()  # "could only quip:"
    return bool(prev) and prev[-1] in BEFORE_BASE_FORM and bool(_AFTER_BASE.match(text, e))


def is_headline(text: str, start: int, end: int) -> bool:
    """A headline: (nearly) every word of the sentence is capitalised."""
    ws = [w for w in text[start:end].split() if w[:1].isalpha()]
    return len(ws) >= 4 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def strip_quote_chars(s: str) -> str:
    return s.strip(QUOTE_CHARS + " ,.;:!?\u2019\u2018")
