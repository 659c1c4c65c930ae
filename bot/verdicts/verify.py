"""Occurrences of claimed words in the corpus, and the verdict they support.

The verdict is decided here, deterministically, from word matches against the quote index
(and a dense similarity only for ``paraphrase``); no model ever decides it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.answers.records import Attribution, Evidence, ProvenanceEntry, VerdictKind
from bot.index.quote_index import Entry, EntryKind, QuoteIndex, Scope, quote_speaker
from bot.verdicts.matching import Match, find_verbatim, match
from bot.verdicts.meaning import compare
from bot.verdicts.normalise import content_words, words
from bot.verdicts.support import (
    best_reading,
    entry_evidence,
    read,
    reported_by,
    reported_verdict,
    sentence_window,
    stitched,
    stitched_evidence,
    widened,
    with_reading,
)
from ingest.records import Quote
from ingest.store import ArticleInfo, StoredQuote

PARAPHRASE_MIN_SIMILARITY = 0.78  # cosine of claim and a quote of the speaker
EXACT_KINDS = ("direct", "fragment")
_HEAD_END = re.compile(r"[,;(]|\s(?:who|whose|which)\s", re.IGNORECASE)
CONTAINING_MAX = 5000  # entries scanned for a verbatim claim made only of common words


@dataclass(frozen=True)
class Occurrence:
    entry: Entry
    match: Match

    @property
    def exact_words(self) -> bool:
        """The matched words are quoted words (not paraphrase or the reporter's text)."""
        return self.entry.kind in EXACT_KINDS

    @property
    def rank(self) -> tuple[int, float, int, str]:
        kind_rank = {"direct": 0, "fragment": 0, "reported": 1, "text": 2}[self.entry.kind]
        return (
            0 if self.match.kind == "verbatim" else 1,
            -self.match.score,
            kind_rank,
            self.entry.article.published or "9999",
        )

    def evidence(self) -> Evidence:
        e, m = self.entry, self.match
        start, end = e.words.span(m.first, m.last)
        speaker = quote_speaker(e.quote) if e.quote is not None and e.kind != "text" else ""
        if speaker and e.speaker_link is not None:
            speaker = f"{speaker} ({e.speaker_link.note})"
        return Evidence(
            e.article,
            start,
            end,
            e.slice(start, end),
            speaker,
            m.score,
            m.kind,
            e.quote,
            m.diff,
        )


def find_occurrences(
    index: QuoteIndex,
    claim: tuple[str, ...],
    scope: Scope,
    limit: int = 60,
    speakers: Sequence[str] = (),
) -> list[Occurrence]:
    """Every place the claim occurs verbatim or nearly, quotes before the reporter's text.

    ``speakers`` (keys): whose quotes are also searched on their own, so that a near quote
    of the claimed speaker is found however many other entries share its words.
    """
    kinds: tuple[EntryKind, ...] = ("direct", "fragment", "reported", "text")
    found: list[Occurrence] = []
    looked: set[int] = set()  # id() of the entries already matched
    # every verbatim occurrence, however common the words
    for entry in index.entries_at(index.containing(claim, CONTAINING_MAX)):
        if entry.kind in kinds and scope.allows(entry.article):
            at = find_verbatim(claim, entry.words.tokens)
            if at >= 0:
                looked.add(id(entry))
                found.append(Occurrence(entry, Match("verbatim", 1.0, at, at + len(claim))))
    near = [e for e, _ in index.candidates(claim, kinds, scope, limit)]
    near += index.entries_at(_sharing(index, claim, speakers, limit))
    for entry in near:
        if id(entry) in looked or not scope.allows(entry.article):
            continue
        looked.add(id(entry))
        m = match(claim, entry.words.tokens)
        if m.found:
            found.append(Occurrence(entry, m))
    quoted_spans = [
        (o.entry.article.id, o.entry.start, o.entry.end) for o in found if o.entry.kind != "text"
    ]
    kept = []
    for o in found:
        if o.entry.kind == "text":
            a = o.entry.article.id
            s, e = o.entry.words.span(o.match.first, o.match.last)
            if any(a == qa and s < qe and e > qs for qa, qs, qe in quoted_spans):
                continue  # the same words as a quote already found
        kept.append(o)
    kept.sort(key=lambda o: o.rank)
    return kept


ELLIPSIS = re.compile(r"\s*(?:\[?(?:\.\s?){3}\]?|\[?…\]?)\s*")


def gapped_occurrences(index: QuoteIndex, quote: str, scope: Scope) -> list[Occurrence]:
    """A claim with an ellipsis ("The nation is watching ... We have to show"): every
    entry holding its parts verbatim, in that order, with the words left out between."""
    parts = [p for p in (words(x).tokens for x in ELLIPSIS.split(quote)) if p]
    if len(parts) < 2:
        return []
    found = []
    for entry in index.entries_at(index.containing(max(parts, key=len), CONTAINING_MAX)):
        if not scope.allows(entry.article):
            continue
        tokens, at, first = entry.words.tokens, 0, -1
        for part in parts:
            k = find_verbatim(part, tokens[at:])
            if k < 0:
                break
            first = at + k if first < 0 else first
            at += k + len(part)
        else:
            found.append(Occurrence(entry, Match("verbatim", 1.0, first, at)))
    found.sort(key=lambda o: o.rank)
    return found


def own_entries(index: QuoteIndex, keys: Iterable[str]) -> list[int]:
    """The index entries of the speakers ``keys``, in index order."""
    return sorted({i for k in keys if k in index.speakers for i in index.speakers[k].entries})


def _sharing(
    index: QuoteIndex, claim: tuple[str, ...], speakers: Sequence[str], limit: int
) -> list[int]:
    """The speakers' quote entries holding most of the claim's content words, best first."""
    mine = own_entries(index, speakers)
    content = content_words(claim)
    if not mine or not content:
        return []
    entries = np.array(mine, dtype=np.uint32)
    shared = index.held_counts(mine, content)
    enough = shared * 2 >= len(content)  # an altered quote keeps most of them
    best = np.argsort(-shared[enough], kind="stable")[:limit]
    return [int(i) for i in entries[enough][best]]


def closest(index: QuoteIndex, claim: tuple[str, ...], scope: Scope, n: int = 3) -> list[Evidence]:
    """The nearest quotes for a claim that matched nothing, for the user to judge."""
    out = []
    for entry, _ in index.candidates(claim, ("direct", "fragment", "reported"), scope, 10):
        m = match(claim, entry.words.tokens)
        if m.score >= 0.3 and m.last > m.first:
            whole = Match("none", m.score, 0, len(entry.words), m.diff)
            out.append(Occurrence(entry, whole))
    out.sort(key=lambda o: o.rank)
    return [o.evidence() for o in out[:n]]


def provenance(evidence: Sequence[Evidence]) -> list[ProvenanceEntry]:
    """Articles carrying the words, first seen first (unknown dates last), then reprints."""
    seen: dict[str, ArticleInfo] = {}
    for e in evidence:
        seen.setdefault(e.article.id, e.article)
    ordered = sorted(seen.values(), key=lambda a: (a.published or "9999", a.outlet, a.id))
    return [
        ProvenanceEntry(a, "first seen" if i == 0 else "reprint") for i, a in enumerate(ordered)
    ]


@dataclass
class Decision:
    verdict: VerdictKind
    found_speaker: str
    evidence: list[Evidence]
    attributions: list[Attribution] = field(default_factory=list)


def attributions(index: QuoteIndex, occurrences: Sequence[Occurrence]) -> list[Attribution]:
    """Speakers credited with the words, by the most articles first, then the earliest."""
    by: dict[str, dict[str, ArticleInfo]] = {}
    for o in occurrences:
        if o.entry.speaker_key:
            by.setdefault(o.entry.speaker_key, {})[o.entry.article.id] = o.entry.article
    out = [
        Attribution(
            index.display_name(k),
            k,
            tuple(sorted(arts.values(), key=lambda a: (a.published or "9999", a.outlet))),
        )
        for k, arts in by.items()
    ]
    out.sort(key=lambda a: (-len(a.articles), a.articles[0].published or "9999", a.key))
    return out


def majority_first(index: QuoteIndex, group: list[Occurrence]) -> list[Occurrence]:
    """``group`` with the occurrences of the speaker most articles credit first."""
    order = {a.key: i for i, a in enumerate(attributions(index, group))}
    return sorted(group, key=lambda o: order.get(o.entry.speaker_key, len(order)))


def decide(
    index: QuoteIndex,
    occurrences: list[Occurrence],
    speaker: str,
    dense: Callable[[], list[StoredQuote]],
    claimed: set[str] | None = None,
    claim: str = "",
    scope: Scope | None = None,
) -> Decision:
    """The verdict for ``occurrences`` of the ``claim`` attributed to ``speaker`` (may be "");
    ``claimed``: the speaker's ``named_keys``, when the caller has looked them up."""
    keys = claimed_keys(index, speaker, occurrences, claimed) if speaker else set()

    def by(o: Occurrence) -> bool:
        return bool(keys) and o.entry.speaker_key in keys

    def ev(occ: list[Occurrence]) -> list[Evidence]:
        return [o.evidence() for o in occ]

    exact = [o for o in occurrences if o.exact_words]
    verbatim = [o for o in exact if o.match.kind == "verbatim"]
    reported = [o for o in occurrences if o.entry.kind == "reported"]
    text = [o for o in occurrences if o.entry.kind == "text"]
    disputed = attributions(index, verbatim)
    if len(disputed) < 2:
        disputed = []
    if not speaker:
        for group, kind in ((verbatim, "verbatim"), (exact, "altered"), (reported, "paraphrase")):
            if group:
                group = majority_first(index, group) if kind == "verbatim" else group
                best = group[0]
                same = [o for o in group if o.entry.speaker_key == best.entry.speaker_key]
                rest = [o for o in group if o not in same] if disputed else []
                return Decision(kind, _name(index, best), ev(same + rest), disputed)  # type: ignore[arg-type]
        if text:
            return Decision("misattributed", "", ev(text))
        return _paraphrase_or_nothing(index, keys, dense, claim, speaker)
    mine_verbatim = [o for o in verbatim if by(o)]
    if mine_verbatim:
        others_verbatim = [o for o in verbatim if not by(o) and o.entry.speaker_key]
        if disputed and disputed[0].key not in keys:  # most articles credit someone else
            top = [o for o in others_verbatim if o.entry.speaker_key == disputed[0].key]
            rest = [o for o in verbatim if o not in top]
            return Decision("misattributed", _name(index, top[0]), ev(top + rest), disputed)
        found = _name(index, mine_verbatim[0])
        return Decision("verbatim", found, ev(mine_verbatim + others_verbatim), disputed)
    mine = [o for o in exact if by(o)]
    others = [o for o in exact if not by(o) and o.entry.speaker_key]
    best_mine = mine[0].match.score if mine else 0.0
    other_verbatim = [o for o in others if o.match.kind == "verbatim"]
    if other_verbatim and best_mine < 0.9:
        return Decision("misattributed", _name(index, other_verbatim[0]), ev(other_verbatim))
    if mine:
        return _altered(index, mine, claim, speaker)
    own = own_entries(index, keys)
    places = stitched(index, words(claim).tokens, own, scope) if claim and scope else []
    if places:
        return Decision("altered", speaker, stitched_evidence(places, index))
    mine_reported = [o for o in reported if by(o)]
    if mine_reported and (d := _reported(index, mine_reported, claim, speaker)):
        return d
    if others:
        return Decision("misattributed", _name(index, others[0]), ev(others))
    other_reported = [o for o in reported if o.entry.speaker_key]
    if other_reported:
        return Decision("misattributed", _name(index, other_reported[0]), ev(other_reported))
    unattributed = text or [o for o in exact if not o.entry.speaker_key]
    named = [o for o in unattributed if _names_nearby(index, o, speaker)]
    if named:  # quotation marks the extractor left unattributed, next to the name given
        return Decision(named[0].match.kind, speaker, ev(named))  # type: ignore[arg-type]
    surname = words(_head(speaker)).tokens[-1:]
    told = [o for o in text if surname and reported_by(o.entry, *_span(o), surname[0])]
    if told and (d := _reported(index, told, claim, speaker)):
        return Decision(d.verdict, speaker, d.evidence)  # the reporter tells it, unmarked
    if unattributed:
        return Decision("misattributed", "", ev(unattributed))
    read_best = best_reading(index, claim, speaker, own, scope) if claim and scope else None
    if read_best is not None:
        verdict, entry, reading = read_best
        return Decision(
            verdict, _name_of(index, entry), [entry_evidence(entry, reading, verdict, index)]
        )
    return _paraphrase_or_nothing(index, keys, dense, claim, speaker)


def _window(o: Occurrence, around: int = 3) -> tuple[int, int]:
    """The matched words and a few on each side in their sentence: what the meaning check
    reads."""
    ws = o.entry.words
    lo, hi = ws.span(max(0, o.match.first - around), min(len(ws), o.match.last + around))
    return sentence_window(o.entry, *_span(o), lo, hi)


def _span(o: Occurrence) -> tuple[int, int]:
    return o.entry.words.span(o.match.first, o.match.last)


def _altered(index: QuoteIndex, mine: list[Occurrence], claim: str, speaker: str) -> Decision:
    """A near quote of the speaker; a number, negation or opposite changed in it is flagged
    as a change of meaning beside the word diff."""
    evidence = [o.evidence() for o in mine]
    if claim:
        e = evidence[0]
        reading = read(claim, mine[0].entry, speaker, e.start, e.end)
        evidence[0] = widened(with_reading(e, reading, changes_only=True), mine[0].entry)
    return Decision("altered", _name(index, mine[0]), evidence)


def _reported(
    index: QuoteIndex, mine: list[Occurrence], claim: str, speaker: str
) -> Decision | None:
    """The speaker's reported words match the claim's: paraphrase only when they mean it
    (None: they match too loosely to say)."""
    best = mine[0]
    evidence = [o.evidence() for o in mine]
    if not claim:
        return Decision("paraphrase", _name(index, best), evidence)
    reading = read(claim, best.entry, speaker, *_window(best))
    verdict = reported_verdict(reading, best.match.kind == "verbatim")
    if verdict is None:
        return None
    evidence[0] = widened(
        with_reading(evidence[0], reading, changes_only=verdict == "altered"), best.entry
    )
    return Decision(verdict, _name(index, best), evidence)


def named_keys(index: QuoteIndex, speaker: str) -> set[str]:
    """Speaker keys the claimed name may mean. A long description ("Representative Peter
    Welch, Democrat of Vermont, who replaced Mr. Sanders") is read by its head, the part
    before the first comma, bracket or "who"."""
    return set(index.find_speakers(_head(speaker)) or index.find_speakers(speaker))


def claimed_keys(
    index: QuoteIndex,
    speaker: str,
    occurrences: Sequence[Occurrence],
    named: set[str] | None = None,
) -> set[str]:
    """``named_keys`` (given, or looked up), and a found speaker whose name is all in the
    claimed name's head."""
    keys = set(named_keys(index, speaker) if named is None else named)
    head_tokens = set(words(_head(speaker)).tokens)
    for o in occurrences:
        k = o.entry.speaker_key
        if k and k not in keys and set(k.split()) <= head_tokens:
            keys.add(k)
    return keys


def _head(speaker: str) -> str:
    return _HEAD_END.split(speaker, maxsplit=1)[0].strip() or speaker


def _paraphrase_or_nothing(
    index: QuoteIndex,
    keys: set[str],
    dense: Callable[[], list[StoredQuote]],
    claim: str = "",
    speaker: str = "",
) -> Decision:
    """A quote close in meaning (by the embedder) that the meaning check agrees supports
    the claim, or contradicts it; else nothing was found."""
    for sq in dense():
        key = index.key_of(sq.quote)
        if sq.score < PARAPHRASE_MIN_SIMILARITY or not key:
            continue
        if keys and key not in keys:
            continue
        reading = compare(claim, sq.quote.text, sq.quote.start, speaker) if claim else None
        if reading is not None and not (reading.supports or reading.contradicts):
            continue  # near in the embedder's space, but not saying this
        verdict: VerdictKind = "contradicted" if reading and reading.contradicts else "paraphrase"
        e = Evidence(
            sq.article,
            sq.quote.start,
            sq.quote.end,
            sq.quote.text,
            index.display_name(key),
            sq.score,
            verdict,
            sq.quote,
        )
        if reading is not None:
            e = with_reading(e, reading)
        return Decision(verdict, index.display_name(key), [e])
    return Decision("not_found", "", [])


def _name(index: QuoteIndex, o: Occurrence) -> str:
    return _name_of(index, o.entry)


def _name_of(index: QuoteIndex, entry: Entry) -> str:
    return index.display_name(entry.speaker_key) if entry.speaker_key else ""


def quote_of(e: Evidence) -> Quote | None:
    return e.quote


def in_quotation_marks(entry: Entry, start: int) -> bool:
    """The words at ``start`` of a passage follow an opening quotation mark left open."""
    before = entry.text[: start - entry.start]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _names_nearby(index: QuoteIndex, o: Occurrence, speaker: str) -> bool:
    """The claimed speaker's surname is in the passage around the words, which are in marks."""
    passages = [
        index.entries[i]
        for i in index.by_article.get(o.entry.article.id, [])
        if index.entries[i].kind == "text"
    ]
    surname = words(speaker).tokens[-1:] if speaker else ()
    start, end = o.entry.words.span(o.match.first, o.match.last)
    for p in passages:
        if p.start <= start and end <= p.end and surname and surname[0] in p.words.tokens:
            before = p.text[: start - p.start].rstrip()
            return bool(before) and before[-1] in "\"“„«'‘"
    return False
