"""How accounts of one event differ between outlets.

Given the articles retrieval finds about a topic: which speakers and quotes each outlet used
and which it left out, the same quote in different words (with the word diff), the same
words given to different speakers, one person's name spelt differently, and numbers that
differ ("two missiles" / "three").
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from bot.answers.records import (
    Claim,
    Comparison,
    Difference,
    LeftOutQuote,
    NameSpelling,
    NumberValue,
    OutletAccount,
    QuoteResult,
    QuoteUse,
    SharedQuote,
    Variant,
)
from bot.index.quote_index import Entry, QuoteIndex
from bot.verdicts.matching import match
from bot.verdicts.normalise import STOPWORDS

NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_NUMBER = re.compile(
    r"\b(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|"
    + "|".join(NUMBER_WORDS)
    + r")(?:\s+(?:percent|%))?"
    r"\s+(?P<w1>[A-Za-z][a-z-]+)(?:\s+(?P<w2>[a-z][a-z-]+))?",
    re.I,
)
_NOT_NOUNS = frozenset(
    [
        "of",
        "and",
        "or",
        "to",
        "the",
        "a",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "than",
        "per",
    ]
)


@dataclass(frozen=True)
class NumberClaim:
    entry: Entry
    value: str
    noun: str
    start: int
    end: int
    text: str


def _singular(word: str) -> str:
    w = word.lower()
    return w[:-1] if w.endswith("s") and not w.endswith("ss") and len(w) > 3 else w


def _value(raw: str) -> str:
    low = raw.lower()
    return str(NUMBER_WORDS[low]) if low in NUMBER_WORDS else raw.replace(",", "")


def number_claims(entry: Entry) -> list[NumberClaim]:
    out = []
    for m in _NUMBER.finditer(entry.text):
        for group in ("w1", "w2"):
            noun = m.group(group)
            if not noun or noun.lower() in _NOT_NOUNS or noun.lower() in STOPWORDS:
                continue
            end = m.end(group)
            start = m.start("n")
            out.append(
                NumberClaim(
                    entry,
                    _value(m.group("n")),
                    _singular(noun),
                    entry.start + start,
                    entry.start + end,
                    entry.text[start:end],
                )
            )
    return out


def build_comparison(topic: str, index: QuoteIndex, article_ids: list[str]) -> Comparison:
    """The structured comparison (without markdown) of the given articles about ``topic``."""
    entries = [index.entries[i] for a in article_ids for i in index.by_article.get(a, [])]
    by_outlet: dict[str, OutletAccount] = {}
    for a in article_ids:
        idx = index.by_article.get(a, [])
        if not idx:
            continue
        info = index.entries[idx[0]].article
        acc = by_outlet.setdefault(info.outlet, OutletAccount(info.outlet))
        acc.articles.append(info)
    seen_quotes: set[str] = set()
    speakers_by_outlet: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        if e.quote is None or e.kind == "fragment" or e.quote.id in seen_quotes:
            continue
        seen_quotes.add(e.quote.id)
        by_outlet[e.article.outlet].quotes.append(QuoteResult.of(e))
        if e.speaker_key:
            speakers_by_outlet[e.article.outlet].add(e.speaker_key)
    all_speakers = set().union(*speakers_by_outlet.values()) if speakers_by_outlet else set()
    for outlet, acc in by_outlet.items():
        missing = all_speakers - speakers_by_outlet.get(outlet, set())
        acc.speakers_left_out = sorted(index.display_name(k) for k in missing)
    comparison = Comparison(topic, outlets=sorted(by_outlet.values(), key=lambda o: o.outlet))
    groups = _quote_pairs(comparison, index, [e for e in entries if e.kind == "direct"])
    _quotes_left_out(comparison, index, groups)
    _name_spellings(comparison, index, entries)
    _numbers(comparison, [e for e in entries if e.kind == "text"])
    return comparison


def _occ(e: Entry, index: QuoteIndex) -> QuoteUse:
    speaker = index.display_name(e.speaker_key) if e.speaker_key else ""
    return QuoteUse(
        e.article.id, e.article.outlet, e.article.published, e.start, e.end, e.text, speaker
    )


def _quote_pairs(
    comparison: Comparison, index: QuoteIndex, quotes: list[Entry]
) -> list[list[Entry]]:
    """Group the same words (verbatim, any outlet); record shared quotes and variants.

    Returns the groups, each a variant's group merged in, for what each outlet left out.
    """
    groups: list[list[Entry]] = []
    for q in quotes:
        for g in groups:
            shorter, longer = sorted((g[0].words.tokens, q.words.tokens), key=len)
            if match(shorter, longer).kind == "verbatim":
                g.append(q)
                break
        else:
            groups.append([q])
    for g in groups:
        outlets = sorted({e.article.outlet for e in g})
        if len(outlets) < 2:
            continue
        speakers = sorted({index.display_name(e.speaker_key) for e in g if e.speaker_key})
        occurrences = [_occ(e, index) for e in g]
        comparison.shared_quotes.append(SharedQuote(g[0].text, outlets, speakers, occurrences))
        if len(speakers) > 1:
            comparison.differences.append(Difference("speaker", g[0].text, list(occurrences)))
    merged = list(range(len(groups)))  # a variant counts as the same quote for left-out
    for i, a in enumerate(groups):
        for j, b in enumerate(groups[i + 1 :], i + 1):
            ea, eb = a[0], b[0]
            if ea.article.outlet == eb.article.outlet:
                continue
            short, long = sorted((ea, eb), key=lambda e: len(e.words))
            m = match(short.words.tokens, long.words.tokens)
            if m.kind == "altered" and m.score >= 0.7:
                merged[j] = merged[i]
                speaker = index.display_name(ea.speaker_key) if ea.speaker_key else ""
                comparison.variants.append(
                    Variant(speaker, _occ(short, index), _occ(long, index), tuple(m.diff))
                )
    together: dict[int, list[Entry]] = defaultdict(list)
    for i, g in enumerate(groups):
        together[merged[i]].extend(g)
    return list(together.values())


def _quotes_left_out(comparison: Comparison, index: QuoteIndex, groups: list[list[Entry]]) -> None:
    """Each outlet's list of the direct quotes other outlets used and it did not."""
    if len(comparison.outlets) < 2:
        return
    for g in groups:
        used_by = sorted({e.article.outlet for e in g})
        first = min(g, key=lambda e: (e.article.published or "9999", e.article.id, e.start))
        for acc in comparison.outlets:
            if acc.outlet in used_by:
                continue
            speaker = index.display_name(first.speaker_key) if first.speaker_key else ""
            acc.quotes_left_out.append(
                LeftOutQuote(first.text, speaker, used_by, _occ(first, index))
            )


def _full_name(written: str) -> bool:
    tokens = written.split()
    return len(tokens) >= 2 and all(t[:1].isupper() for t in tokens)


def _name_spellings(comparison: Comparison, index: QuoteIndex, entries: list[Entry]) -> None:
    """One person's name spelt differently by different outlets (Fenwick / Fenwicke).

    A longer form of the same name (``Mayor Odile Fenwick``) is no difference; only full names
    as written at the quote, with their offsets, are compared.
    """
    forms: dict[str, dict[str, NameSpelling]] = defaultdict(dict)  # key -> form -> claim
    for e in entries:
        q = e.quote
        if q is None or not e.speaker_key or q.speaker_start < 0 or not _full_name(q.speaker):
            continue
        form = " ".join(q.speaker.casefold().split())
        a = e.article
        written = NameSpelling(
            a.outlet, a.id, a.published, q.speaker_start, q.speaker_end, q.speaker
        )
        forms[e.speaker_key].setdefault(form, written)
    for key, by_form in sorted(forms.items()):
        spelt = [
            f
            for f in by_form
            if not any(f != g and set(g.split()) < set(f.split()) for g in by_form)
        ]  # the shortest form of each spelling
        if len(spelt) < 2 or len({by_form[f].outlet for f in spelt}) < 2:
            continue
        claims: list[Claim] = [by_form[f] for f in sorted(spelt)]
        comparison.differences.append(Difference("name", index.display_name(key), claims))


def _numbers(comparison: Comparison, passages: list[Entry]) -> None:
    claims: dict[str, dict[str, list[NumberClaim]]] = defaultdict(lambda: defaultdict(list))
    for p in passages:
        for c in number_claims(p):
            claims[c.noun][p.article.outlet].append(c)
    for noun, per_outlet in sorted(claims.items()):
        if len(per_outlet) < 2:
            continue
        values = {o: {c.value for c in cs} for o, cs in per_outlet.items()}
        distinct = {frozenset(v) for v in values.values()}
        if len(distinct) < 2 or set.intersection(*values.values()):
            continue
        numbers: list[Claim] = [
            NumberValue(o, c.value, c.entry.article.id, c.start, c.end, c.text)
            for o, cs in sorted(per_outlet.items())
            for c in cs[:1]
        ]
        comparison.differences.append(Difference("number", noun, numbers))
