"""The one object the edges (CLI, web app) talk to: settings in, store and model opened lazily."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.data_files import SAMPLES, is_sample
from bot.index.speaker_store import level_speakers
from ingest.config import Settings, load_settings
from ingest.dates import parse_date
from ingest.edits import MetadataEdit, edited
from ingest.embedder import Embedder, make_embedder
from ingest.errors import InputError, QuotecheckError, StoreError
from ingest.feed_book import FeedBook, FollowedFeed
from ingest.pipeline import Ingestor, Progress
from ingest.records import Article, IngestResult, IngestSummary, Speaker
from ingest.store import (
    ArticleInfo,
    ArticleStore,
    PassageHit,
    StoredQuote,
    metadata_where,
    stored_outlets,
)
from ingest.store_check import check_store

if TYPE_CHECKING:
    from bot.answers.engine import Engine
    from bot.answers.question import Conversation
    from bot.answers.records import Answer, Comparison, Verdict
    from bot.index.speaker_links import SpeakerLink
    from bot.model.fluent import FluentEngine
    from ingest.feeds import FeedReport


@dataclass(frozen=True)
class Filters:
    """Limits a question may carry: outlet names and a published-date range (ISO dates)."""

    outlets: tuple[str, ...] = ()
    since: str = ""
    until: str = ""

    def where(self, store_outlets: Iterable[str]) -> dict[str, Any] | None:
        return metadata_where(stored_outlets(self.outlets, store_outlets), self.since, self.until)


def make_filters(
    outlet: str | None = None, since: str | None = None, until: str | None = None
) -> Filters:
    """Filters from user-typed values; a date that cannot be read is an error, not ignored."""
    dates = []
    for name, value in (("--since", since), ("--until", until)):
        iso = parse_date(value) if value else ""
        if value and not iso:
            raise InputError(name, f"cannot read the date {value!r}; write it as YYYY-MM-DD")
        dates.append(iso)
    return Filters((outlet,) if outlet else (), dates[0], dates[1])


class Quotecheck:
    """Store, embedder and ingest behind one facade. Nothing heavy happens until first use."""

    def __init__(self, settings: Settings | None = None, embedder: Embedder | None = None) -> None:
        self.settings = settings or load_settings()
        self._embedder = embedder
        self._store: ArticleStore | None = None
        self._engine: Engine | None = None  # created on the first question
        self._fluent: FluentEngine | None = None  # the engine with QUOTECHECK_LLM writing
        self._lock = threading.Lock()
        self.speakers_seconds = 0.0  # spent storing the speaker index after writes

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = make_embedder(
                    self.settings.embed_model,
                    self.settings.embed_batch_size,
                    backend=self.settings.embed_backend,
                    cache_dir=self.settings.data_dir / "models",
                )
            return self._embedder

    @property
    def store(self) -> ArticleStore:
        with self._lock:
            if self._store is None:
                self._store = ArticleStore.open(self.settings)
            return self._store

    def ingestor(self) -> Ingestor:
        return Ingestor(self.store, self.embedder, self.settings)

    # ---------------------------------------------------------------- write side
    def ingest(
        self,
        paths: Iterable[str | Path],
        progress: Progress | None = None,
        embedding: Progress | None = None,
    ) -> IngestSummary:
        """``progress`` is told (files read, files, file) and ``embedding`` (texts embedded,
        texts to embed, "embedding") while a long batch embeds."""
        with self._writing():
            ingestor = self.ingestor()
            ingestor.on_embedding = embedding
            return ingestor.ingest_paths(paths, progress)

    def ingest_links(
        self,
        urls: Iterable[str],
        progress: Progress | None = None,
        embedding: Progress | None = None,
    ) -> IngestSummary:
        """Fetch and ingest web pages; anything that is not an http(s) address fails unread
        (what the web app's link box calls: a typed path never reads a server's file)."""
        with self._writing():
            ingestor = self.ingestor()
            ingestor.on_embedding = embedding
            return ingestor.ingest_urls(urls, progress)

    # --------------------------------------------------------------------- feeds
    @property
    def feed_book(self) -> FeedBook:
        return FeedBook.of(self.settings)

    def feed_add(self, urls: Iterable[str], progress: Progress | None = None) -> list[FeedReport]:
        """Follow RSS/Atom feeds and ingest their items now; one report per feed."""
        from ingest.feeds import add_feeds

        with self._writing():
            return add_feeds(self.feed_book, self.ingestor(), list(urls), progress)

    def feed_update(
        self, urls: Iterable[str] = (), progress: Progress | None = None
    ) -> list[FeedReport]:
        """Ingest the items the followed feeds (or those given) list that are not in yet."""
        from ingest.feeds import update_feeds

        with self._writing():
            return update_feeds(self.feed_book, self.ingestor(), list(urls), progress)

    def feeds(self) -> list[FollowedFeed]:
        return self.feed_book.feeds()

    def feed_remove(self, url: str) -> bool:
        """Stop following a feed; the articles it brought stay (``remove`` takes them out)."""
        return self.feed_book.remove(url)

    def ingest_articles(self, articles: Iterable[Article]) -> IngestSummary:
        with self._writing():
            return self.ingestor().ingest_articles(articles)

    def edit(self, article_id: str, edit: MetadataEdit) -> tuple[Article, IngestResult]:
        """Correct an article's metadata: a new version of it, written as an ingest writes
        (text and offsets unchanged); the old version's passages and quotes go."""
        article = self.store.get_article(article_id)
        if article is None:
            raise QuotecheckError(
                f"no article with id {article_id!r}; `quotecheck list` shows the ids"
            )
        new = edited(article, edit)
        with self._writing(removing=True):  # old entries leave the index too
            summary = self.ingestor().ingest_articles([new])
        if summary.fatal:
            raise StoreError(summary.fatal)
        (result,) = summary.results
        if result.error:
            raise QuotecheckError(result.error)
        return new, result

    def remove(self, article_ids: Iterable[str]) -> dict[str, bool]:
        with self._writing(removing=True):
            return {i: self.store.remove(i) for i in article_ids}

    def load_samples(self, folder: Path = SAMPLES) -> IngestSummary:
        """Ingest the bundled, fictional sample corpus (only ever on request)."""
        if not folder.is_dir():
            raise InputError("samples", f"no sample corpus at {folder}; reinstall Quotecheck")
        return self.ingest([folder])

    def sample_articles(self) -> list[ArticleInfo]:
        """The stored articles that came from the bundled samples (invented news)."""
        return [a for a in self.list_articles() if is_sample(a.source_path)]

    def remove_samples(self) -> list[str]:
        """Remove every sample article; the ids removed (none when there were none)."""
        ids = [a.id for a in self.sample_articles()]
        return [i for i, ok in self.remove(ids).items() if ok] if ids else []

    # ----------------------------------------------------------------- read side
    def list_articles(self) -> list[ArticleInfo]:
        return self.store.list_articles()

    def get_article(self, article_id: str) -> Article | None:
        return self.store.get_article(article_id)

    def outlets(self) -> list[str]:
        return sorted({a.outlet for a in self.list_articles() if a.outlet})

    def check(self, repair: bool = False) -> dict[str, Any]:
        """What disagrees between the articles, their records and the word index; with
        ``repair``, mend it first (under the writers' lock) and check again."""
        if not self.settings.server_mode:  # every file read again, stamped or not
            check_store(self.settings.data_dir / "chroma", full=True)
        repaired = 0
        if repair:
            with self._writing(removing=True), self.store.writing():
                repaired = self.store.repair()
        found = self.store.check()
        out: dict[str, Any] = {"ok": found.ok, "repaired": repaired, **asdict(found)}
        out["word_index"] = self.store.text_index is not None
        return out

    def stats(self) -> dict[str, Any]:
        counts: dict[str, Any] = dict(self.store.count())
        counts["outlets"] = len(self.outlets())
        counts["data_dir"] = "" if self.settings.server_mode else str(self.settings.data_dir)
        counts["server"] = (
            f"{self.settings.chroma_host}:{self.settings.chroma_port}"
            if self.settings.server_mode
            else ""
        )
        counts["embed_model"] = self.settings.embedder_name  # static:<model> when static
        return counts

    def search(self, text: str, k: int = 5, filters: Filters | None = None) -> list[PassageHit]:
        """Passages ranked by similarity of meaning to ``text``."""
        if not text.strip():
            raise InputError("search", "the search text is empty; type some words to look for")
        where = (filters or Filters()).where(self.outlets())
        vector = self.embedder.embed([text])[0]
        return self.store.query_passages(vector, k=k, where=where)

    # ------------------------------------------------------------------ speakers
    def speakers(self) -> list[Speaker]:
        """Every quoted speaker in the store, spellings of one person grouped, most quoted first."""
        return self._speaker_view()[2]

    def speaker_quotes(
        self, name: str
    ) -> tuple[Speaker | None, list[StoredQuote], dict[str, SpeakerLink]]:
        """The speaker a typed name means (any alias or spelling) and their quotes, oldest
        first, with the links that credit a description ("the city's mayor") to them."""
        from bot.index.speaker_links import credited
        from bot.index.speakers import find_speakers

        quotes, links, index = self._speaker_view()
        found = next((s for s in index if s.key == name), None) or next(
            iter(find_speakers(index, name)), None
        )
        if found is None:
            return None, [], {}
        aliases = set(found.aliases)
        mine = [sq for sq in quotes if credited(sq, links) in aliases]
        mine.sort(key=lambda sq: (sq.article.published or "9999", sq.article.id, sq.quote.start))
        return found, mine, {sq.quote.id: links[sq.quote.id] for sq in mine if sq.quote.id in links}

    def _speaker_view(
        self,
    ) -> tuple[list[StoredQuote], dict[str, SpeakerLink], list[Speaker]]:
        """The stored quotes, the links naming described speakers, and the speaker index."""
        from bot.index.speaker_links import credited, link_nameless_speakers
        from bot.index.speakers import group_speakers

        quotes = self.store.all_quotes()
        links = link_nameless_speakers(quotes)
        index = group_speakers(
            (name, sq.article.outlet) for sq in quotes if (name := credited(sq, links))
        )
        return quotes, links, index

    # ------------------------------------------------------------------- answers
    @property
    def engine(self) -> Engine:
        """The answer engine (bot.answers.engine), created on the first question."""
        from bot.answers.engine import Engine

        store, embedder = self.store, self.embedder
        with self._lock:
            if self._engine is None:
                self._engine = Engine(store, embedder)
            return self._engine

    @property
    def answerer(self) -> Engine | FluentEngine:
        """The engine, wrapped by the language model's writer when ``settings.llm`` is set."""
        if not self.settings.llm:
            return self.engine
        engine = self.engine
        with self._lock:
            if self._fluent is None:
                from bot.model.fluent import FluentEngine
                from bot.model.writer import make_writer

                writer = make_writer(self.settings.llm, self.settings.llm_timeout)
                assert writer is not None
                self._fluent = FluentEngine(engine, writer)
            return self._fluent

    def check_llm(self) -> None:
        """Load and check the prompts and the model's configuration now (at start-up)."""
        if self.settings.llm:
            self.answerer  # noqa: B018

    def _store_speakers(self) -> None:
        """The corpus-level speaker index, stored again for every reader after a write."""
        started = time.perf_counter()
        if level_speakers(self.store):
            self.speakers_seconds += time.perf_counter() - started

    @contextmanager
    def _writing(self, removing: bool = False) -> Iterator[None]:
        """Around a write: afterwards, this process's next question sees it.

        New articles are indexed in the writer's thread while other questions are answered
        from the previous index; after a removal, or a write that failed, the next question
        waits for a new index instead.
        """
        try:
            yield
        except BaseException:
            with suppress(Exception):  # batches committed before the failure; else the
                self._store_speakers()  # next reader stores the speakers (IndexHolder)
            if self._engine is not None:
                self._engine.invalidate()
            raise
        self._store_speakers()
        if self._engine is not None:
            if removing:
                self._engine.invalidate()
            else:
                self._engine.refresh()

    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        """Answer a question; pass the same ``conversation`` to allow follow-ups."""
        return self.answerer.ask(question, conversation)

    def ask_stream(
        self, question: str, conversation: Conversation | None = None, fluent: bool = True
    ) -> Iterator[str | Answer]:
        """Grounded partial texts while a language model writes, then the :class:`Answer`.

        ``fluent=False`` answers extractively even when a model is configured.
        """
        from bot.model.fluent import FluentEngine

        answerer = self.answerer if fluent else self.engine
        if isinstance(answerer, FluentEngine):
            yield from answerer.ask_stream(question, conversation)
        else:
            yield answerer.ask(question, conversation)

    def verify(
        self, quote: str, speaker: str | None = None, filters: Filters | None = None
    ) -> Verdict:
        """The verdict on a claimed quotation, with its evidence and provenance."""
        return self.engine.verify(quote, speaker or None, filters)

    def compare_stream(
        self, topic: str, filters: Filters | None = None
    ) -> Iterator[str | Comparison]:
        """Like :meth:`ask_stream`, for a comparison."""
        from bot.model.fluent import FluentEngine

        answerer = self.answerer
        if isinstance(answerer, FluentEngine):
            yield from answerer.compare_stream(topic, filters)
        else:
            yield answerer.compare(topic, filters)

    def compare(self, topic: str, filters: Filters | None = None) -> Comparison:
        """How the outlets' accounts of a topic differ."""
        return self.answerer.compare(topic, filters)
