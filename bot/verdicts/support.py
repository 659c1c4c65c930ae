"""Verdicts of meaning: when a speaker's statement supports a claim, and when it contradicts it.

The word matcher (``bot.verdicts.matching``) says where a claim's words are; this module says
whether what is there means the same. It runs before any ``paraphrase``: a reported clause
or a quote of the speaker supports a claim only when the meaning check
(``bot.verdicts.meaning``) finds it covers the claim with no difference; a difference of
number, polarity, modality or roles makes the verdict ``contradicted``. A claim stitched
together from two of the speaker's quotes is ``altered``, with both places shown.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import lru_cache

from bot.answers.records import Evidence, VerdictKind
from bot.index.quote_index import Entry, QuoteIndex, Scope, quote_speaker
from bot.verdicts.matching import find_verbatim
from bot.verdicts.meaning import Reading, compare
from bot.verdicts.normalise import words
from ingest.lexicon.cues import SPEECH_CUES
from ingest.sentences import split_sentences

CUE_WORDS = frozenset(w for k in SPEECH_CUES for w in k.split()) | {"according"}
STITCH_MIN_WORDS = 3  # each half of a stitched quote holds at least this many words
MEANING_KINDS = ("direct", "fragment", "reported")


def read(claim: str, entry: Entry, speaker: str, start: int = -1, end: int = -1) -> Reading:
    """The meaning check of ``claim`` against the entry's words ``start``..``end`` (all of
    them by default); difference offsets are the article's."""
    start = entry.start if start < 0 else start
    end = entry.end if end < 0 else end
    return compare(claim, entry.slice(start, end), base=start, speaker=speaker)


def with_reading(e: Evidence, reading: Reading, changes_only: bool = False) -> Evidence:
    """``e`` carrying what the meaning check found (only the conflicts when a near quote's
    word diff already shows what was added or dropped)."""
    diffs = reading.conflicts if changes_only else reading.differences
    return replace(e, differences=diffs, matched=reading.matched)


def widened(e: Evidence, entry: Entry) -> Evidence:
    """``e`` grown to take in the source words of its differences, so they can be shown."""
    spans = [(d.start, d.end) for d in e.differences if entry.start <= d.start < d.end <= entry.end]
    start = min([e.start, *(a for a, _ in spans)])
    end = max([e.end, *(b for _, b in spans)])
    if (start, end) == (e.start, e.end):
        return e
    return replace(e, start=start, end=end, text=entry.slice(start, end))


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(split_sentences(text))


def sentence_of(entry: Entry, start: int, end: int) -> tuple[int, int]:
    """Article offsets of the sentence(s) of the entry holding the words ``start``..``end``
    (the project's one sentence splitter, as passages are cut)."""
    lo, hi = start, end
    for s0, s1 in _sentences(entry.text):
        a, b = entry.start + s0, entry.start + s1
        if a <= start < b:
            lo = a
        if a < end <= b:
            hi = b
    return lo, hi


def reported_by(entry: Entry, start: int, end: int, surname: str) -> bool:
    """The reporter's words ``start``..``end`` are, in one sentence, told as the claimed
    speaker's: the name then a speech cue before them ("Senate Democrats say ...", "X said
    that ..."), or both after them ("..., police said"). Reported speech the extractor did
    not take as a quote."""
    lo, hi = sentence_of(entry, start, end)
    before = words(entry.slice(lo, start)).tokens
    if surname in before:
        after_name = before[len(before) - before[::-1].index(surname) :]
        return any(t in CUE_WORDS for t in after_name)
    after = words(entry.slice(end, hi)).tokens
    return surname in after and any(t in CUE_WORDS for t in after)


def sentence_window(entry: Entry, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """``lo``..``hi`` (around the words ``start``..``end``) cut to the sentence they are in."""
    first, last = sentence_of(entry, start, end)
    return max(lo, first), min(hi, last)


def reported_verdict(reading: Reading, verbatim: bool) -> VerdictKind | None:
    """A reported clause of the speaker matched by words: what it says of the claim (None:
    nothing, the words are too few or too far from the claim's)."""
    if reading.conflicts and (verbatim or reading.about_the_same):
        return "contradicted"
    if verbatim:
        return "paraphrase"
    if reading.missing and reading.about_the_same:
        return "altered"  # nearly the reported words, with words of the claim's own added
    return "paraphrase" if reading.supports else None


def entry_evidence(entry: Entry, reading: Reading, kind: str, index: QuoteIndex) -> Evidence:
    """The whole entry as evidence of a meaning verdict, speaker shown as the index has it."""
    speaker = quote_speaker(entry.quote) if entry.quote is not None else ""
    if entry.speaker_key:
        speaker = index.display_name(entry.speaker_key)
    e = Evidence(
        entry.article,
        entry.start,
        entry.end,
        entry.text,
        speaker,
        reading.coverage,
        kind,
        entry.quote,
    )
    return with_reading(e, reading)


def best_reading(
    index: QuoteIndex,
    claim: str,
    speaker: str,
    entry_ids: Iterable[int],
    scope: Scope,
) -> tuple[VerdictKind, Entry, Reading] | None:
    """The speaker's statement that best speaks to the claim: the one covering most of it
    that supports it, else the one that contradicts it; None when none is about it."""
    readings = []
    for i in entry_ids:
        entry = index.entries[i]
        if entry.kind not in MEANING_KINDS or not scope.allows(entry.article):
            continue
        r = read(claim, entry, speaker)
        if r.supports or r.contradicts:
            readings.append((entry, r))
    if not readings:
        return None
    entry, r = max(readings, key=lambda er: (er[1].supports, er[1].coverage))
    return ("paraphrase" if r.supports else "contradicted"), entry, r


def stitched(
    index: QuoteIndex, claim: tuple[str, ...], entry_ids: Sequence[int], scope: Scope
) -> list[tuple[Entry, int, int]]:
    """Two halves of the claim, each verbatim in a quote of the speaker but never together:
    the two places (entry, first word, last word), or [] when the claim is not stitched."""
    quotes = [
        index.entries[i]
        for i in entry_ids
        if index.entries[i].kind in ("direct", "fragment")
        and scope.allows(index.entries[i].article)
    ]
    for cut in range(STITCH_MIN_WORDS, len(claim) - STITCH_MIN_WORDS + 1):
        places = []
        for part in (claim[:cut], claim[cut:]):
            at = next(
                ((e, k) for e in quotes if (k := find_verbatim(part, e.words.tokens)) >= 0),
                None,
            )
            if at is None:
                break
            places.append((at[0], at[1], at[1] + len(part)))
        if len(places) == 2:
            return places
    return []


def stitched_evidence(places: list[tuple[Entry, int, int]], index: QuoteIndex) -> list[Evidence]:
    out = []
    for entry, first, last in places:
        start, end = entry.words.span(first, last)
        speaker = index.display_name(entry.speaker_key) if entry.speaker_key else ""
        out.append(
            Evidence(
                entry.article,
                start,
                end,
                entry.slice(start, end),
                speaker,
                1.0,
                "stitched",
                entry.quote,
            )
        )
    return out
