"""The quote index read from the store's word index (``ingest.word_index``) instead of memory.

Words, passages and article records are read from disk when a lookup needs them, so a
process is ready as soon as it has read the quotes: it builds no posting list, and never
reads a passage at start. Quotes stay in memory, because the speaker index groups and
links them across the whole corpus; each quote entry keeps its number in the word index, so
a lookup's hits and the speakers' entries are the same numbers.

Everything the answer engine reads from a :class:`QuoteIndex` is here with the same meaning:
``entries[i]``, ``postings.get(word)``, ``idf[word]``, ``by_article.get(id)``,
``articles.get(id)``, ``outlets``, ``years``, the speakers, ``candidates`` and ``forms``.
"""

from __future__ import annotations

import math
import threading
from array import array
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np

from bot.index.quote_index import (
    _KIND_CODES,
    ANYWHERE,
    QUOTE_KINDS,
    Entry,
    EntryKind,
    QuoteIndex,
    Scope,
    SpeakerInfo,
    quote_speaker,
    speaker_key,
    speaker_name,
)
from bot.index.speaker_links import SpeakerLink, link_nameless_speakers
from ingest.records import Passage, Quote
from ingest.store import ArticleInfo, StoredQuote, quote_from_meta
from ingest.store_schema import article_info_from
from ingest.word_index import EntryRow, WordIndex

CACHE_MAX = 200_000  # entries, articles or words kept once read; emptied when full
POSTINGS_KEPT = 16_000_000  # entry numbers of posting lists kept once read (64 MiB)


class _Cache(dict[Any, Any]):
    def keep(self, key: Any, value: Any) -> Any:
        if len(self) >= CACHE_MAX:
            self.clear()
        self[key] = value
        return value


class StoredArticles(Mapping[str, ArticleInfo]):
    """The indexed articles by id, read from the word index when asked for."""

    def __init__(self, words: WordIndex) -> None:
        self._words = words
        self._cache = _Cache()
        self._lock = threading.Lock()

    def __getitem__(self, article_id: str) -> ArticleInfo:
        got = self.many([article_id]).get(article_id)
        if got is None:
            raise KeyError(article_id)
        return got

    def many(self, article_ids: Sequence[str]) -> dict[str, ArticleInfo]:
        out = {i: self._cache[i] for i in article_ids if i in self._cache}
        missing = [i for i in article_ids if i not in out]
        if missing:
            for i, meta in self._words.article_meta(missing).items():
                out[i] = self._cache.keep(i, article_info_from(i, meta))
        return out

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.article_ids())

    def __len__(self) -> int:
        return self._words.counts()[0]


class StoredPostings(Mapping[str, "array[int]"]):
    """Word -> the ascending numbers of the entries holding it, read from the word index,
    the lists last read kept (up to ``POSTINGS_KEPT`` numbers in all)."""

    def __init__(self, words: WordIndex) -> None:
        self._words = words
        self._kept: dict[tuple[str, bool, bool], array[int]] = {}
        self._size = 0
        self._lock = threading.Lock()

    def read(self, token: str, quotes: bool = True, text: bool = True) -> array[int]:
        key = (token, quotes, text)
        got = self._kept.get(key)
        if got is None:
            got = self._words.postings(token, quotes, text)
            with self._lock:
                if self._size + len(got) > POSTINGS_KEPT:
                    self._kept.clear()
                    self._size = 0
                self._kept[key] = got
                self._size += len(got)
        return got

    def __getitem__(self, token: str) -> array[int]:
        got = self.read(token)
        if not got:
            raise KeyError(token)
        return got

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the stored word index is not listed whole; use forms(prefix)")

    def __len__(self) -> int:
        raise TypeError("the stored word index is not counted whole")


class StoredIdf(Mapping[str, float]):
    """Word -> its inverse document frequency, from the word index's document counts."""

    def __init__(self, words: WordIndex, entries: int) -> None:
        self._words = words
        self._n = max(1, entries)
        self._counts = _Cache()

    def count(self, token: str) -> int:
        got = self._counts.get(token)
        if got is None:
            found = self._words.document_counts([token])
            got = self._counts.keep(token, found.get(token, 0))
        return int(got)

    def counts(self, tokens: Sequence[str]) -> None:
        """Read the counts of these words at once (one query instead of one per word)."""
        missing = [t for t in dict.fromkeys(tokens) if t not in self._counts]
        if missing:
            found = self._words.document_counts(missing)
            for t in missing:
                self._counts.keep(t, found.get(t, 0))

    def __getitem__(self, token: str) -> float:
        n = self.count(token)
        if not n:
            raise KeyError(token)
        return math.log(1 + self._n / n)

    def __iter__(self) -> Iterator[str]:
        raise TypeError("the stored word index is not listed whole")

    def __len__(self) -> int:
        raise TypeError("the stored word index is not counted whole")


class StoredEntries(Sequence[Entry]):
    """Entry number -> entry: read from the word index when asked for (the quotes held in
    memory when the index computed its speakers itself).

    Holds the index's parts, not the index: no reference cycle, so a replaced index is
    freed by reference counting (big ones are frozen out of the cyclic collector)."""

    def __init__(
        self,
        words: WordIndex,
        articles: StoredArticles,
        quotes: dict[int, Entry],
        total: int,
    ) -> None:
        self._words = words
        self._articles = articles
        self._quotes = quotes
        self._total = total
        self._cache = _Cache()

    def __getitem__(self, i: Any) -> Any:
        got = self.many([int(i)]).get(int(i))
        if got is None:
            raise IndexError(i)
        return got

    def many(self, ids: Sequence[int]) -> dict[int, Entry]:
        out, missing = {}, []
        for i in ids:
            e = self._quotes.get(i) or self._cache.get(i)
            if e is None:
                missing.append(i)
            else:
                out[i] = e
        if missing:
            rows = self._words.entries(missing)
            infos = self._articles.many([r.article_id for r in rows.values()])
            for i, row in rows.items():
                e = _entry(row, infos.get(row.article_id))
                if e is not None:
                    out[i] = self._cache.keep(i, e)
        return out

    def __iter__(self) -> Iterator[Entry]:
        """The quote entries (passages are not listed): from memory, or read in order."""
        if self._quotes:
            yield from self._quotes.values()
            return
        for row in self._words.quote_entry_rows():
            e = _entry(row, self._articles.many([row.article_id]).get(row.article_id))
            if e is not None:
                yield e

    def __len__(self) -> int:
        return self._total


class StoredSpeakers(Mapping[str, SpeakerInfo]):
    """Speaker key -> its name, aliases, roles and entries, from the stored speaker index."""

    def __init__(self, words: WordIndex) -> None:
        self._words = words
        self._cache = _Cache()

    def __getitem__(self, key: str) -> SpeakerInfo:
        got = self._cache.get(key)
        if got is None:
            row = self._words.speaker(key)
            if row is None:
                raise KeyError(key)
            entries = self._words.speaker_entries(key)
            got = SpeakerInfo(key, row.name, set(row.aliases), set(row.roles), entries)
            self._cache.keep(key, got)
        return got  # type: ignore[no-any-return]

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._cache or self._words.speaker(key) is not None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.speaker_keys())

    def __len__(self) -> int:
        return self._words.speaker_count()


class StoredAliases(Mapping[str, set[str]]):
    """Alias (speaker_key form) -> the speaker keys it may mean."""

    def __init__(self, words: WordIndex) -> None:
        self._words = words

    def __getitem__(self, alias: str) -> set[str]:
        got = self._words.alias_owners(alias)
        if not got:
            raise KeyError(alias)
        return got

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.aliases())

    def __len__(self) -> int:
        return len(self._words.aliases())


class StoredByArticle(Mapping[str, list[int]]):
    def __init__(self, words: WordIndex) -> None:
        self._words = words

    def __getitem__(self, article_id: str) -> list[int]:
        return self._words.entries_of(article_id)

    def get(self, article_id: str, default: Any = None) -> Any:  # type: ignore[override]
        return self._words.entries_of(article_id) or default

    def __iter__(self) -> Iterator[str]:
        return iter(self._words.article_ids())

    def __len__(self) -> int:
        return self._words.counts()[0]


class StoredQuoteIndex(QuoteIndex):
    """A :class:`QuoteIndex` whose words and passages stay on disk (see the module doc).

    With a stored speaker index (``ingest.word_index``'s speakers, written after each
    write by ``bot.index.speaker_store``), nothing is read at start but a few counts; the
    quotes are read like the passages. Without one (``stored_speakers=False``, or none
    stored yet), every quote is read into memory and the speakers are computed here.
    """

    def __init__(self, words: WordIndex, stored_speakers: bool = True) -> None:
        self.words = words
        self.stored_articles = StoredArticles(words)
        self.articles = self.stored_articles  # type: ignore[assignment]
        self.entry_total = words.entry_count()
        self.speakers_at = words.speakers_at() if stored_speakers else None
        self.quote_entries: dict[int, Entry] = {}
        if self.speakers_at is None:
            self._read_quotes()
        self.entries = StoredEntries(  # type: ignore[assignment]
            words, self.stored_articles, self.quote_entries, self.entry_total
        )
        self._postings = StoredPostings(words)
        self.postings = self._postings  # type: ignore[assignment]
        self.idf = StoredIdf(words, self.entry_total)  # type: ignore[assignment]
        self.by_article = StoredByArticle(words)  # type: ignore[assignment]
        self.outlets = words.outlets()
        self.years = words.years()
        self._words = None
        self._aliases: list[str] | None = None
        if self.speakers_at is not None:
            self.speakers = StoredSpeakers(words)  # type: ignore[assignment]
            self._alias_to_key = StoredAliases(words)  # type: ignore[assignment]
            return
        self.speakers = {}
        self._alias_to_key = defaultdict(set)
        for i, e in self.quote_entries.items():
            if e.speaker_key:
                self._add_speaker(e, i)
        self._aliases = sorted(self._alias_to_key)

    def _read_quotes(self) -> None:
        """Every quote entry into memory, nameless speakers linked across articles."""
        rows = [r for r in self.words.quote_entry_rows() if r.quote is not None]
        infos = self.stored_articles.many(list(dict.fromkeys(r.article_id for r in rows)))
        quotes: dict[tuple[str, int], Quote] = {}
        stored: list[StoredQuote] = []
        for row in rows:
            info = infos.get(row.article_id)
            if info is None or row.quote is None or (row.article_id, row.item) in quotes:
                continue
            q = quote_from_meta(row.quote.meta, row.quote.text)
            quotes[(row.article_id, row.item)] = q
            stored.append(StoredQuote(q, info))
        links = link_nameless_speakers(stored)
        for row in rows:
            info = infos.get(row.article_id)
            said = quotes.get((row.article_id, row.item))
            if info is not None and said is not None:
                self.quote_entries[row.id] = _quote_entry(row, info, said, links.get(said.id))

    @property
    def _alias_list(self) -> list[str]:  # type: ignore[override]
        if self._aliases is None:  # read on the first lookup that needs more than an alias
            self._aliases = self.words.aliases()
        return self._aliases

    @_alias_list.setter
    def _alias_list(self, value: list[str]) -> None:
        self._aliases = value

    def merge_speakers(self, groups: Iterable[Sequence[str]]) -> None:
        if self.speakers_at is None:  # a stored speaker index has its groups already
            super().merge_speakers(groups)

    # ------------------------------------------------------------ the words
    def holding(self, token: str) -> int:
        assert isinstance(self.idf, StoredIdf)
        return self.idf.count(token)

    def candidates(
        self,
        tokens: Sequence[str],
        kinds: Sequence[EntryKind] = QUOTE_KINDS,
        scope: Scope = ANYWHERE,
        limit: int = 40,
    ) -> list[tuple[Entry, float]]:
        assert isinstance(self.idf, StoredIdf)
        self.idf.counts(list(tokens))  # one query for every word's count
        return super().candidates(tokens, kinds, scope, limit)

    def forms(self, prefix: str) -> list[str]:
        return self.words.words_from(prefix)

    def containing(self, tokens: Sequence[str], limit: int) -> list[int]:
        return self.words.containing(list(dict.fromkeys(tokens)), limit)

    def _entries_many(self, ids: Sequence[int]) -> dict[int, Entry]:
        assert isinstance(self.entries, StoredEntries)
        return self.entries.many(ids)

    def _posting_ids(self, use: Sequence[str], kinds: Sequence[EntryKind]) -> tuple[Any, Any]:
        quote_kinds = {k for k in kinds if k != "text"}
        lists = [
            np.frombuffer(
                self._postings.read(t, quotes=bool(quote_kinds), text="text" in kinds) or _NONE,
                dtype=np.uint32,
            )
            for t in use
        ]
        ids = np.concatenate(lists) if lists else np.zeros(0, dtype=np.uint32)
        weights = np.repeat([self.idf[t] for t in use], [len(x) for x in lists])
        if quote_kinds and quote_kinds != set(QUOTE_KINDS):  # some quote kinds only
            codes = {_KIND_CODES[k] for k in kinds}
            keep = np.fromiter(
                (self._kind_code(int(i)) in codes for i in ids), dtype=bool, count=len(ids)
            )
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def _kind_code(self, i: int) -> int:
        e = self.quote_entries.get(i) or self.entries[i]
        return _KIND_CODES[e.kind]

    def _entries_of(self, ids: list[int]) -> Iterator[tuple[int, Entry]]:
        got = self._entries_many(ids)
        return ((i, got[i]) for i in ids if i in got)

    def _respeak(self, entry: int, key: str) -> None:
        self.quote_entries[entry] = self.quote_entries[entry].with_speaker(key)


_NONE = array("I")


def _entry(row: EntryRow, info: ArticleInfo | None) -> Entry | None:
    """The entry of a word-index row. A quote's speaker is the stored speaker index's, or,
    for a quote written since that was stored, its speaker as written."""
    if info is None:
        return None
    if row.kind == "text":
        passage = Passage(row.article_id, row.item, row.start, row.end, row.text)
        return Entry("text", info, row.text, row.start, row.end, passage=passage)
    if row.quote is None:
        return None
    q = quote_from_meta(row.quote.meta, row.quote.text)
    link = (
        SpeakerLink(row.quote.link_name, row.quote.link_how or "") if row.quote.link_name else None
    )
    e = _quote_entry(row, info, q, link)
    return e if row.quote.speaker is None else e.with_speaker(row.quote.speaker)


def _quote_entry(row: EntryRow, info: ArticleInfo, q: Quote, link: SpeakerLink | None) -> Entry:
    kind: EntryKind = row.kind  # type: ignore[assignment]
    key = speaker_key(link.name if link else quote_speaker(q))
    return Entry(kind, info, row.text, row.start, row.end, q, None, key, link)


__all__ = ["StoredQuoteIndex", "speaker_name"]
