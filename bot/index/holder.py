"""Building the quote index, and keeping it current while the store changes.

:func:`build_index` makes a :class:`bot.index.quote_index.QuoteIndex` from stored quotes and
passages (nameless speakers linked, spelling variants grouped); :class:`IndexHolder` builds
it on first use and rebuilds it in the background when the store grew.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from bot.index.quote_index import QuoteIndex
from bot.index.speaker_links import link_nameless_speakers
from bot.index.speaker_store import computed_speakers, level_speakers, speaker_groups
from bot.index.stored_index import StoredQuoteIndex
from ingest.records import Passage
from ingest.store import ArticleInfo, ArticleStore, StoredQuote
from ingest.word_index import WordIndex

FREEZE_ABOVE = 200_000  # passages + quotes; a bigger index is frozen out of the GC's way
COUNT_EVERY = 1.0  # s; how often questions look for writes by other processes


def load_passages(
    store: ArticleStore, infos: Mapping[str, ArticleInfo]
) -> list[tuple[Passage, ArticleInfo]]:
    """Every passage of a current article version (``infos``: the articles by id), with its
    article's metadata."""
    out: list[tuple[Passage, ArticleInfo]] = []
    for _, meta, doc in store.all_passages():
        info = infos.get(str(meta["article_id"]))
        if info is None or info.version != meta.get("version"):
            continue
        p = Passage(info.id, int(meta["index"]), int(meta["start"]), int(meta["end"]), doc or "")
        out.append((p, info))
    return out


class IndexHolder:
    """Builds the index on first use, then keeps it current without making questions wait.

    A build reads every quote and passage: seconds on a large store. Once an index exists,
    when the store's counts have only grown (articles added by another process, or batches
    committed by a running ingest), one rebuild starts in the background and questions are
    answered from the previous index, an earlier consistent view of the store, until it is
    done; background rebuilds are spaced by the last build's duration, so they take at most
    half the time. When a count went down (a removal), the next question waits for a new
    index, so no answer cites a removed article. After this process wrote, ``refresh()``
    rebuilds in the writer's thread (its next question sees the write) and ``invalidate()``
    makes the next question wait for a new index. Writes by other processes are looked
    for (the store's counts compared with the index's) at most every ``COUNT_EVERY`` s.
    """

    def __init__(self, store: ArticleStore) -> None:
        self.store = store
        self._index: QuoteIndex | None = None
        self._signature: tuple[int, ...] = ()  # the store's counts the index was read at
        self._started = 0.0  # when the index's build began reading the store
        self._generation = 0  # bumped by invalidate(): a build begun before it is dropped
        self._building = False  # a background rebuild is running
        self._next_background = 0.0  # no background rebuild starts before this time
        self._checked = 0.0  # when get() last compared the store's counts with the index's
        self._lock = threading.Lock()  # guards the fields above; never held while building
        self._build_lock = threading.Lock()  # one build at a time

    def _counts(self) -> tuple[int, ...]:
        words = getattr(self.store, "text_index", None)
        if words is not None:  # (articles, the last entry number): cheaper than Chroma's
            return words.counts()
        counts = self.store.count()
        return (counts["articles"], counts["passages"], counts["quotes"])

    def invalidate(self) -> None:
        with self._lock:
            self._index = None
            self._generation += 1

    def refresh(self) -> None:
        """Rebuild now, in this thread; other questions use the current index meanwhile."""
        self._build(since=time.monotonic())

    def get(self) -> QuoteIndex:
        called = time.monotonic()
        with self._lock:  # counting a large store costs ~20 ms: not on every question
            if self._index is not None and called - self._checked < COUNT_EVERY:
                return self._index
            self._checked = called
        signature = self._counts()
        with self._lock:
            index, known = self._index, self._signature
            grown = index is None or all(n >= o for n, o in zip(signature, known, strict=True))
            background = (
                index is not None
                and grown
                and signature != known
                and not self._building
                and called >= self._next_background
            )
            self._building |= background
        if index is None:
            return self._build(since=0.0)  # first use, or invalidated: any new index will do
        if not grown:
            return self._build(since=called, wanted=signature)  # something was removed
        if background:
            threading.Thread(target=self._rebuild, name="quote-index", daemon=True).start()
        return index

    def _rebuild(self) -> None:
        try:
            self._build(since=time.monotonic())
        finally:
            with self._lock:
                self._building = False

    def _build(self, since: float, wanted: tuple[int, ...] | None = None) -> QuoteIndex:
        """A new index, unless the current one began reading at ``since`` or later, or was
        read at the ``wanted`` counts (another thread made it while this one waited)."""
        with self._build_lock:
            with self._lock:
                index = self._index
                if index is not None and (self._started >= since or self._signature == wanted):
                    return index
                generation = self._generation
            started = time.monotonic()
            signature = self._counts()
            words = getattr(self.store, "text_index", None)
            with long_lived_objects(freeze=sum(signature[1:]) >= FREEZE_ABOVE):
                if words is not None:  # the store's word index: nothing is read whole
                    # a crash, or a writer that did not store the speakers, left them stale
                    level_speakers(self.store, wait=False)
                    index = build_stored_index(words)
                else:
                    articles = {a.id: a for a in self.store.list_articles()}  # read once
                    quotes = self.store.all_quotes(articles=articles)
                    index = build_index(quotes, load_passages(self.store, articles))
            with self._lock:
                if generation == self._generation:
                    self._index, self._signature, self._started = index, signature, started
                now = time.monotonic()
                self._next_background = now + (now - started)
            return index


@contextmanager
def long_lived_objects(freeze: bool = True) -> Iterator[None]:
    """Make millions of objects that live until the next build, out of the cyclic GC's way.

    At 100,000 articles the index is 9 million objects and a full collection of them takes
    7 s, during which no question is answered; while they are made, collections keep
    starting over them. So the collector pauses while they are made (reference counting
    still frees garbage; no thread is left without a collector for longer than one build),
    and they are then frozen: never scanned again, freed by reference counting when the
    next index replaces this one (the index holds no reference cycles). The price: cyclic
    garbage other threads made meanwhile is frozen too, never freed; so small indexes, whose
    collection is quick anyway, are left to the collector (``freeze=False``).
    """
    if not freeze:
        yield
        return
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
    gc.freeze()


def build_index(
    quotes: Iterable[StoredQuote], passages: Iterable[tuple[Passage, Any]]
) -> QuoteIndex:
    """The index with nameless speakers linked across articles and spelling variants grouped."""
    quotes = list(quotes)
    index = QuoteIndex(quotes, passages, link_nameless_speakers(quotes))
    index.merge_speakers(speaker_groups(index))
    return index


def build_stored_index(words: WordIndex) -> QuoteIndex:
    """The index over the store's word index: with its stored speaker index if it has
    one, else with the speakers computed now."""
    if words.speakers_at() is not None:
        return StoredQuoteIndex(words)
    return computed_speakers(words)


__all__ = [
    "IndexHolder",
    "build_index",
    "build_stored_index",
    "load_passages",
    "long_lived_objects",
]
