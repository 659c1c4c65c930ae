"""Occurrences of claimed words in the corpus, and the verdict they support.

The verdict is decided here, deterministically, from word matches against the quote index
(and a dense similarity only for ``paraphrase``); no model ever decides it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from bot.answers import Evidence, ProvenanceEntry, VerdictKind
from bot.matching import Match, match
from bot.normalise import words
from bot.quote_index import Entry, EntryKind, QuoteIndex, Scope, quote_speaker
from ingest.records import Quote
from ingest.store import ArticleInfo, StoredQuote

PARAPHRASE_MIN_SIMILARITY = 0.78  # cosine of claim and a quote of the speaker
EXACT_KINDS = ("direct", "fragment")


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
    index: QuoteIndex, claim: tuple[str, ...], scope: Scope, limit: int = 60
) -> list[Occurrence]:
    """Every place the claim occurs verbatim or nearly, quotes before the reporter's text."""
    kinds: tuple[EntryKind, ...] = ("direct", "fragment", "reported", "text")
    found: list[Occurrence] = []
    for entry, _ in index.candidates(claim, kinds, scope, limit):
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


def decide(
    index: QuoteIndex,
    occurrences: list[Occurrence],
    speaker: str,
    dense: Callable[[], list[StoredQuote]],
) -> Decision:
    """The verdict for ``occurrences`` of a claim attributed to ``speaker`` (may be "")."""
    keys = set(index.find_speakers(speaker)) if speaker else set()

    def by(o: Occurrence) -> bool:
        return bool(keys) and o.entry.speaker_key in keys

    def ev(occ: list[Occurrence]) -> list[Evidence]:
        return [o.evidence() for o in occ]

    exact = [o for o in occurrences if o.exact_words]
    verbatim = [o for o in exact if o.match.kind == "verbatim"]
    reported = [o for o in occurrences if o.entry.kind == "reported"]
    text = [o for o in occurrences if o.entry.kind == "text"]
    if not speaker:
        for group, kind in ((verbatim, "verbatim"), (exact, "altered"), (reported, "paraphrase")):
            if group:
                best = group[0]
                same = [o for o in group if o.entry.speaker_key == best.entry.speaker_key]
                return Decision(kind, _name(index, best), ev(same))  # type: ignore[arg-type]
        if text:
            return Decision("misattributed", "", ev(text))
        return _paraphrase_or_nothing(index, keys, dense)
    mine_verbatim = [o for o in verbatim if by(o)]
    if mine_verbatim:
        return Decision("verbatim", _name(index, mine_verbatim[0]), ev(mine_verbatim))
    mine = [o for o in exact if by(o)]
    others = [o for o in exact if not by(o) and o.entry.speaker_key]
    best_mine = mine[0].match.score if mine else 0.0
    other_verbatim = [o for o in others if o.match.kind == "verbatim"]
    if other_verbatim and best_mine < 0.9:
        return Decision("misattributed", _name(index, other_verbatim[0]), ev(other_verbatim))
    if mine:
        return Decision("altered", _name(index, mine[0]), ev(mine))
    mine_reported = [o for o in reported if by(o)]
    if mine_reported:
        return Decision("paraphrase", _name(index, mine_reported[0]), ev(mine_reported))
    if others:
        return Decision("misattributed", _name(index, others[0]), ev(others))
    other_reported = [o for o in reported if o.entry.speaker_key]
    if other_reported:
        return Decision("misattributed", _name(index, other_reported[0]), ev(other_reported))
    unattributed = text or [o for o in exact if not o.entry.speaker_key]
    named = [o for o in unattributed if _names_nearby(index, o, speaker)]
    if named:  # quotation marks the extractor left unattributed, next to the name given
        return Decision(named[0].match.kind, speaker, ev(named))  # type: ignore[arg-type]
    if unattributed:
        return Decision("misattributed", "", ev(unattributed))
    return _paraphrase_or_nothing(index, keys, dense)


def _paraphrase_or_nothing(
    index: QuoteIndex, keys: set[str], dense: Callable[[], list[StoredQuote]]
) -> Decision:
    from bot.quote_index import speaker_key

    for sq in dense():
        key = speaker_key(quote_speaker(sq.quote))
        if sq.score < PARAPHRASE_MIN_SIMILARITY or not key:
            continue
        if keys and key not in keys:
            continue
        e = Evidence(
            sq.article,
            sq.quote.start,
            sq.quote.end,
            sq.quote.text,
            index.display_name(key),
            sq.score,
            "paraphrase",
            sq.quote,
        )
        return Decision("paraphrase", index.display_name(key), [e])
    return Decision("not_found", "", [])


def _name(index: QuoteIndex, o: Occurrence) -> str:
    return index.display_name(o.entry.speaker_key) if o.entry.speaker_key else ""


def quote_of(e: Evidence) -> Quote | None:
    return e.quote


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
