"""An in-memory lexical index of the stored quotes and passages, and of the speakers.

Built lazily, once, from the store; rebuilt when the store's counts change or when the
service says it wrote something. Each entry is a run of words with article offsets:

- ``direct``: a direct quotation (the speaker's exact words);
- ``fragment``: a quoted fragment of a mixed quote (exact words too);
- ``reported``: reported speech (indirect quotes, whole mixed quotes): the reporter's words;
- ``text``: a passage of article text (the reporter's words, or quotes extraction missed).

Lookups go through a word -> entries inverted index scored by inverse document frequency,
so they touch only the entries sharing rare words with the query, whatever the corpus size.
"""

from __future__ import annotations

import bisect
import math
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Literal

import numpy as np
from rapidfuzz import fuzz, process

from bot.index.speaker_links import SpeakerLink, said_by
from bot.verdicts.normalise import Words, content_words, fold, words
from ingest.lexicon.pronouns import PRONOUNS as SUBJECT_PRONOUNS
from ingest.quotes.names import joint_members
from ingest.records import Passage, Quote
from ingest.store import ArticleInfo, StoredQuote

EntryKind = Literal["direct", "fragment", "reported", "text"]
QUOTE_KINDS: tuple[EntryKind, ...] = ("direct", "fragment", "reported")
_KIND_CODES: dict[EntryKind, int] = {"direct": 0, "fragment": 1, "reported": 2, "text": 3}
# The extractor's subject pronouns, and their object and possessive forms: a speaker
# written as one of these alone is nobody the index can name.
PRONOUNS = SUBJECT_PRONOUNS | frozenset({"him", "her", "them", "his", "hers", "their", "its"})
COMMON_POSTINGS = 50_000  # entries; a word in more is left out of candidate scoring


@dataclass(frozen=True)
class Scope:
    """Which articles a lookup may use: outlets (any case) and an ISO date range."""

    outlets: tuple[str, ...] = ()
    since: str = ""
    until: str = ""

    def allows(self, info: ArticleInfo) -> bool:
        if self.outlets and info.outlet.casefold() not in {o.casefold() for o in self.outlets}:
            return False
        if (self.since or self.until) and not info.published:
            return False
        if self.since and info.published < self.since:
            return False
        return not (self.until and info.published > self.until)


ANYWHERE = Scope()


@dataclass(frozen=True)
class Entry:
    kind: EntryKind
    article: ArticleInfo
    text: str  # the entry's text; words' offsets are relative to the article
    start: int
    end: int
    quote: Quote | None = None
    passage: Passage | None = None
    speaker_key: str = ""
    speaker_link: SpeakerLink | None = None  # a nameless speaker named by other articles

    def with_speaker(self, key: str) -> Entry:
        return replace(self, speaker_key=key)

    @property
    def words(self) -> Words:
        """The entry's words, offsets into the article text (made on demand, not stored)."""
        return _entry_words(self.text, self.start)

    def slice(self, start: int, end: int) -> str:
        return self.text[start - self.start : end - self.start]


@lru_cache(maxsize=20_000)
def _entry_words(text: str, start: int) -> Words:
    # Kept out of the entries: every entry's words at once would be most of the index's
    # memory (a token, two offsets per word of every passage and quote).
    return words(text, start)


@lru_cache(maxsize=200_000)
def speaker_key(name: str) -> str:
    """The comparison form of a speaker's name ("" for a pronoun or nothing); kept for the
    names seen lately, as one name is keyed for each quote and alias it has."""
    tokens = words(name).tokens
    if not tokens or (len(tokens) == 1 and tokens[0] in PRONOUNS):
        return ""
    return " ".join(tokens)


def quote_speaker(q: Quote) -> str:
    """``said_by`` when it names anybody the speaker index can key, else empty."""
    name = said_by(q)
    return name if speaker_key(name) else ""


def speaker_name(e: Entry) -> str:
    """Who said an entry's quote: its speaker, or the name other articles give a description."""
    if e.speaker_link is not None:
        return e.speaker_link.name
    return quote_speaker(e.quote) if e.quote is not None else ""


@dataclass
class SpeakerInfo:
    key: str
    name: str  # the longest spelling seen
    aliases: set[str]
    roles: set[str]
    entries: list[int]


class QuoteIndex:
    """Entries plus a word index over them, and the speakers with their aliases."""

    def __init__(
        self,
        quotes: Iterable[StoredQuote],
        passages: Iterable[tuple[Passage, Any]],
        links: Mapping[str, SpeakerLink] | None = None,
    ):
        self.entries: list[Entry] = []
        # Word -> the numbers of the entries holding it: sorted (entries are numbered in
        # order) arrays of 4-byte numbers. A defaultdict while entries are added.
        self.postings: dict[str, array[int]] = defaultdict(lambda: array("I"))
        links = links or {}
        for sq in quotes:
            self._add_quote(sq.quote, sq.article, links.get(sq.quote.id))
        for passage, info in passages:
            self._add(
                Entry("text", info, passage.text, passage.start, passage.end, passage=passage)
            )
        self.postings = dict(self.postings)  # a lookup of an unknown word adds nothing
        # Each entry's kind as a number, so candidate scoring leaves out unwanted kinds
        # before ranking instead of ranking every entry and skipping them after.
        self.kind_codes = np.fromiter(
            (_KIND_CODES[e.kind] for e in self.entries), dtype=np.uint8, count=len(self.entries)
        )
        n = max(1, len(self.entries))
        self.idf = {t: math.log(1 + n / len(ids)) for t, ids in self.postings.items()}
        self.speakers: dict[str, SpeakerInfo] = {}
        self._alias_to_key: dict[str, set[str]] = defaultdict(set)
        self.by_article: dict[str, list[int]] = defaultdict(list)
        self.articles: dict[str, ArticleInfo] = {}  # the current articles, by id
        for i, e in enumerate(self.entries):
            self.by_article[e.article.id].append(i)
            self.articles[e.article.id] = e.article
        self.outlets = sorted({e.article.outlet for e in self.entries if e.article.outlet})
        self.years = sorted(
            {
                int(e.article.published[:4])
                for e in self.entries
                if e.article.published[:4].isdigit()
            }
        )
        for i, e in enumerate(self.entries):
            if e.quote is not None and e.speaker_key:
                self._add_speaker(e, i)
        self._alias_list = sorted(self._alias_to_key)
        self._words: list[str] | None = None  # the vocabulary, sorted (made on demand)

    # ------------------------------------------------------------------ building
    def _add(self, entry: Entry) -> None:
        tokens = words(entry.text).tokens
        if tokens:
            number = len(self.entries)
            self.entries.append(entry)
            for token in set(tokens):
                self.postings[token].append(number)

    def _add_quote(self, q: Quote, info: ArticleInfo, link: SpeakerLink | None) -> None:
        key = speaker_key(link.name if link else quote_speaker(q))

        def add(kind: EntryKind, text: str, start: int, end: int) -> None:
            entry = Entry(kind, info, text, start, end, q, None, key, link)
            self._add(entry)

        if q.kind == "direct":
            add("direct", q.text, q.start, q.end)
            return
        for f in q.fragments if q.kind == "mixed" else ():
            add("fragment", f.text, f.start, f.end)
        add("reported", q.text, q.start, q.end)

    def _add_speaker(self, e: Entry, entry: int) -> None:
        key, q = e.speaker_key, e.quote
        assert q is not None
        name = speaker_name(e)
        info = self.speakers.get(key)
        if info is None:
            info = self.speakers[key] = SpeakerInfo(key, name, set(), set(), [])
        if len(name) > len(info.name):
            info.name = name
        info.entries.append(entry)
        if e.speaker_link is not None:  # the description is this article's, not a name
            info.aliases.add(name)
            return
        for alias in (q.canonical_speaker, q.speaker):
            if speaker_key(alias):
                info.aliases.add(alias)
                self._alias_to_key[speaker_key(alias)].add(key)
        for member in joint_members(q.canonical_speaker):  # each of them said it
            self._alias_to_key[speaker_key(member)].add(key)
        if q.role and speaker_key(q.role):
            info.roles.add(q.role)
            self._alias_to_key[speaker_key(q.role)].add(key)

    def merge_speakers(self, groups: Iterable[Sequence[str]]) -> None:
        """Treat each group of names (spelling variants of one person) as one speaker."""
        merged: dict[str, str] = {}  # key -> the key it was merged into
        for group in groups:
            keys = [k for k in dict.fromkeys(map(speaker_key, group)) if k in self.speakers]
            if len(keys) < 2:
                continue
            main = max(keys, key=lambda k: len(self.speakers[k].entries))
            for k in keys:
                if k != main:
                    self._merge(k, main)
                    merged[k] = main
        if not merged:
            return

        def final(key: str) -> str:  # a main may itself be merged by a later group
            while key in merged:
                key = merged[key]
            return key

        # One pass over the aliases at the end: one per merge took 139 s at 135,000 groups.
        for alias, owners in self._alias_to_key.items():
            if not owners.isdisjoint(merged):
                self._alias_to_key[alias] = {final(k) for k in owners}

    def _merge(self, old: str, new: str) -> None:
        gone = self.speakers.pop(old)
        keep = self.speakers[new]
        keep.aliases |= gone.aliases
        keep.roles |= gone.roles
        keep.entries.extend(gone.entries)
        for i in gone.entries:
            self._respeak(i, new)

    def _respeak(self, entry: int, key: str) -> None:
        """Give a quote entry the speaker ``key``."""
        self.entries[entry] = self.entries[entry].with_speaker(key)

    # ------------------------------------------------------------------- lookups
    def candidates(
        self,
        tokens: Sequence[str],
        kinds: Sequence[EntryKind] = QUOTE_KINDS,
        scope: Scope = ANYWHERE,
        limit: int = 40,
    ) -> list[tuple[Entry, float]]:
        """Entries sharing the query's rarest words, best first, with the shared idf mass."""
        distinct = [t for t in dict.fromkeys(tokens) if self.holding(t)]
        if not distinct:
            return []
        # Very common words only add work; keep the rarest dozen (order of idf).
        distinct.sort(key=lambda t: -self.idf[t])
        use = distinct[: max(12, len(distinct) // 2)]
        # A word in very many entries costs a scan of them all and barely ranks: leave such
        # words out while a few rarer ones remain (only large stores have any); else leave
        # out the stop words while three content words remain ("a", "of" and "that" are
        # each in a million entries at 100,000 articles).
        rare = [t for t in use if self.holding(t) <= COMMON_POSTINGS]
        content = content_words(use)  # (use has no repeats)
        if len(rare) >= 3:
            use = rare
        elif len(content) >= 3:
            use = content
        ids, weights = self._posting_ids(use, kinds)
        if not len(ids):
            return []
        numbers, scores = _summed(ids, weights)
        hit = np.flatnonzero(scores)
        total = sum(self.idf[t] for t in use) or 1.0
        # Unscoped, the best ``limit`` are the answer; a scope may skip many, so rank a
        # generous head first and everything only when the head is not enough.
        heads = (limit,) if scope == ANYWHERE else (limit * 25, len(hit))
        out: list[tuple[Entry, float]] = []
        for head in heads:
            ranked = _best(scores, hit, head)
            out = []
            score = dict(zip(numbers[ranked].tolist(), scores[ranked].tolist(), strict=True))
            for i, e in self._entries_of(list(score)):
                if scope.allows(e.article):
                    out.append((e, score[i] / total))
                    if len(out) >= limit:
                        return out
            if len(ranked) == len(hit):
                break
        return out

    def holding(self, token: str) -> int:
        """How many entries hold ``token``."""
        ids = self.postings.get(token)
        return len(ids) if ids is not None else 0

    def forms(self, prefix: str) -> list[str]:
        """The indexed words beginning with ``prefix``."""
        if self._words is None:
            self._words = sorted(self.postings)
        at = bisect.bisect_left(self._words, prefix)
        out = []
        while at < len(self._words) and self._words[at].startswith(prefix):
            out.append(self._words[at])
            at += 1
        return out

    def containing(self, tokens: Sequence[str], limit: int) -> list[int]:
        """Entries holding every one of ``tokens`` (the only places they can be verbatim),
        the first ``limit`` in entry order."""
        lists = sorted((self.postings.get(t, _NONE) for t in set(tokens)), key=len)
        if not lists or not lists[0]:  # (sorted by length: when the first has ids, all have)
            return []
        common = np.frombuffer(lists[0], dtype=np.uint32)
        for ids in lists[1:]:  # posting lists are sorted: look the survivors up in each
            common = common[_held(ids, common)]
            if not len(common):
                return []
        return [int(i) for i in common[:limit]]

    def held_counts(self, entries: Sequence[int], tokens: Sequence[str]) -> Any:
        """For each of ``entries``: how many of the distinct ``tokens`` it holds."""
        wanted = np.array(entries, dtype=np.uint32)
        shared = np.zeros(len(wanted), dtype=np.int32)
        for t in dict.fromkeys(tokens):
            shared += _held(self.postings.get(t, _NONE), wanted)
        return shared

    def entries_at(self, ids: Sequence[int]) -> list[Entry]:
        """The entries with these numbers, in that order."""
        return [e for _, e in self._entries_of(list(ids))]

    def _posting_ids(self, use: Sequence[str], kinds: Sequence[EntryKind]) -> tuple[Any, Any]:
        """The entries of ``kinds`` holding each word of ``use``, each with its word's idf."""
        lists = [np.frombuffer(self.postings[t], dtype=np.uint32) for t in use]
        ids = np.concatenate(lists)
        weights = np.repeat([self.idf[t] for t in use], [len(x) for x in lists])
        wanted = np.zeros(len(_KIND_CODES), dtype=bool)
        wanted[[_KIND_CODES[k] for k in kinds]] = True
        keep = wanted[self.kind_codes[ids]]
        return ids[keep], weights[keep]

    def _entries_of(self, ids: list[int]) -> Iterator[tuple[int, Entry]]:
        """The entries with these numbers, in their order (those still stored)."""
        return ((i, self.entries[i]) for i in ids)

    def speaker_entries(self, key: str, scope: Scope = ANYWHERE) -> list[Entry]:
        info = self.speakers.get(key)
        if info is None:
            return []
        return [self.entries[i] for i in info.entries if scope.allows(self.entries[i].article)]

    def find_speakers(self, name: str) -> list[str]:
        """Speaker keys a typed name may mean: an alias, a surname, a role, or a near spelling."""
        wanted = speaker_key(name)
        if not wanted:
            return []
        exact = self._alias_to_key.get(wanted)
        if exact:
            return sorted(exact, key=lambda k: -len(self.speakers[k].entries))
        tokens = wanted.split()
        found: set[str] = set()
        for alias in self._alias_list:
            atoks = alias.split()
            # A surname or the name's words all present (Guterres, Antonio Guterres).
            if set(tokens) <= set(atoks) and (atoks[-1] in tokens or len(tokens) > 1):
                found |= self._alias_to_key[alias]
        if not found:
            for alias, score, _ in process.extract(
                wanted, self._alias_list, scorer=fuzz.ratio, limit=5, score_cutoff=85
            ):
                del score
                found |= self._alias_to_key[alias]
            if not found and len(tokens) == 1:
                for alias in self._alias_list:
                    last = alias.split()[-1]
                    if len(last) > 4 and fuzz.ratio(last, tokens[0]) >= 80:
                        found |= self._alias_to_key[alias]
        if not found and len(tokens) > 1:  # "Band member Flea": try the name's last words
            return self.find_speakers(" ".join(tokens[1:]))
        return sorted(found, key=lambda k: -len(self.speakers[k].entries))

    def key_of(self, q: Quote) -> str:
        """The speaker key a stored quote has in this index (grouped and linked)."""
        for i in self.by_article.get(q.article_id, ()):
            e = self.entries[i]
            if e.quote is not None and e.quote.index == q.index:
                return e.speaker_key
        return speaker_key(quote_speaker(q))

    def same_speaker(self, name: str, key: str) -> bool:
        return key in self.find_speakers(name)

    def display_name(self, key: str) -> str:
        info = self.speakers.get(key)
        return info.name if info else key


_NONE = array("I")  # the entries holding a word the index does not know
_ONE = array("I", [2**32 - 1])  # (a list to search that holds no entry)


def _held(ids: array[int], entries: Any) -> Any:
    """Which of the ``entries`` the sorted posting list ``ids`` holds (a boolean mask)."""
    holding = np.frombuffer(ids or _ONE, dtype=np.uint32)
    at = np.minimum(np.searchsorted(holding, entries), len(holding) - 1)
    return np.asarray(holding[at] == entries)


def _summed(ids: Any, weights: Any) -> tuple[Any, Any]:
    """The distinct entry numbers among ``ids`` (ascending) and each one's summed weight."""
    if int(ids.max()) < 8 * len(ids):  # dense numbers: one pass over a counter per entry
        scores = np.bincount(ids, weights=weights)
        return np.arange(len(scores)), scores
    numbers, at = np.unique(ids, return_inverse=True)
    return numbers, np.bincount(at, weights=weights)


def _best(scores: Any, hit: Any, n: int) -> Any:
    """The ``n`` best-scoring of the ``hit`` entries, best first (ties in entry order)."""
    if n < len(hit):
        hit = np.sort(hit[np.argpartition(-scores[hit], n)[:n]])
    return hit[np.argsort(-scores[hit], kind="stable")]


__all__ = ["Entry", "QuoteIndex", "Scope", "fold", "speaker_key"]
