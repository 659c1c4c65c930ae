"""Ingest: files and web pages -> articles -> passages + quotes -> vectors -> the store.

Articles are prepared one by one (parse, clean, split, extract) and written in batches, so
the embedder sees large batches (its cost dominates) and each batch is one set of writes.
A failed article is reported and skipped; it never spoils the rest of the batch. A run holds
the store's writers' lock throughout, so several processes may start an ingest into one
embedded store at once: they take turns (see ``ingest.store_access``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ingest.config import Settings
from ingest.embedder import Embedder, Vector
from ingest.errors import InputError, QuotecheckError, StoreError
from ingest.fetch import is_address
from ingest.language import not_english_note
from ingest.links import load_url
from ingest.loaders import Loaded, find_input_files, load_articles, unexpected
from ingest.passages import make_passages
from ingest.records import Article, IngestResult, IngestSummary, Quote, text_hash
from ingest.store import ArticleStore, PreparedArticle

Extractor = Callable[[Article], list[Quote]]
Progress = Callable[[int, int, str], None]
EMBEDDING = "embedding"  # the label of embedding progress
EMBED_CHUNK = 256  # texts per call to the embedder, and per progress report


def default_extractor() -> Extractor:
    from ingest.quotes import extract_quotes

    return extract_quotes


def check_quotes(article: Article, quotes: Sequence[Quote]) -> None:
    """Every span (quote, fragments, speaker, cue) must point at exactly its text.

    Anything else is a bug in extraction: it is reported, never stored.
    """
    for q in quotes:
        spans = [(q.start, q.end, q.text), *((f.start, f.end, f.text) for f in q.fragments)]
        for start, end, words in (
            (q.speaker_start, q.speaker_end, q.speaker),
            (q.cue_start, q.cue_end, q.cue),
        ):
            if start >= 0:
                spans.append((start, end, words))
        for start, end, text in spans:
            if not 0 <= start <= end <= len(article.text) or article.text[start:end] != text:
                raise QuotecheckError(
                    f"internal error: quote {q.index} of article {article.id} has offsets "
                    f"{start}-{end} that do not match its text; please report this article"
                )


@dataclass
class _Pending:
    article: Article
    result: IngestResult
    passages: list = field(default_factory=list)
    quotes: list = field(default_factory=list)
    replaces: str = ""


class Ingestor:
    """Turns input files into stored articles; one instance loads the model once."""

    def __init__(
        self,
        store: ArticleStore,
        embedder: Embedder,
        settings: Settings,
        extract: Extractor | None = None,
        batch_texts: int = 512,
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.settings = settings
        self.extract = extract or default_extractor()
        self.batch_texts = batch_texts
        # told (texts embedded, texts to embed, EMBEDDING) as a long batch embeds: a 20 MB
        # article is thousands of passages, minutes of work
        self.on_embedding: Progress | None = None

    def ingest_paths(
        self, paths: Iterable[str | Path], progress: Progress | None = None
    ) -> IngestSummary:
        """Ingest files, folders and http(s) addresses (fetched), in the order given;
        ``progress`` is told (sources read, sources, source) after each file or page."""
        summary = IngestSummary()
        started = time.perf_counter()
        sources: list[Path | str] = []  # a file's Path, or an address
        for path in paths:
            if is_address(path):
                sources.append(str(path).strip())
                continue
            try:
                for found in find_input_files([path], follow_links=self.settings.follow_links):
                    if found.skipped:
                        summary.results.append(
                            IngestResult(str(found.path), "failed", error=found.skipped)
                        )
                    else:
                        sources.append(found.path)
            except InputError as exc:
                summary.results.append(IngestResult(str(path), "failed", error=str(exc)))
        self.ingest_loaded(self._load_each(sources, progress), summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def ingest_urls(self, urls: Iterable[str], progress: Progress | None = None) -> IngestSummary:
        """Ingest web pages only: anything not written as an address fails, unread (the web
        app's link box must never read a server's file)."""
        summary = IngestSummary()
        started = time.perf_counter()
        sources: list[Path | str] = []
        for url in urls:
            if is_address(url):
                sources.append(url.strip())
            else:
                error = str(InputError(url, "is not a web address; give an http(s):// address"))
                summary.results.append(IngestResult(url, "failed", error=error))
        self.ingest_loaded(self._load_each(sources, progress), summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def _load_each(
        self, sources: Sequence[Path | str], progress: Progress | None
    ) -> Iterator[Loaded]:
        """The articles of each file or address, read (or fetched) as the ingest gets to it."""
        for n, source in enumerate(sources, 1):
            if isinstance(source, Path):
                yield from load_articles(source, max_bytes=self.settings.max_file_bytes)
            else:
                yield from load_url(source, self.settings)
            if progress:
                progress(n, len(sources), str(source))

    def ingest_articles(self, articles: Iterable[Article]) -> IngestSummary:
        summary = IngestSummary()
        started = time.perf_counter()
        self.ingest_loaded((Loaded(a.source_path or a.id, a) for a in articles), summary)
        summary.seconds = time.perf_counter() - started
        return summary

    def ingest_loaded(self, items: Iterable[Loaded], summary: IngestSummary) -> None:
        """Ingest what the loaders produced; a store failure stops the run, recorded as fatal."""
        try:
            with self.store.writing():  # embedded store: one ingesting process at a time
                self._ingest_loaded(items, summary)
        except StoreError as exc:
            summary.fatal = str(exc)

    def _ingest_loaded(self, items: Iterable[Loaded], summary: IngestSummary) -> None:
        self.store.repair()  # under the lock (embedded) no other writer is mid-batch
        buffer: list[_Pending] = []
        texts = 0
        for item in items:
            if item.article is None:
                summary.results.append(IngestResult(item.source, "failed", error=item.error))
                continue
            if any(p.article.id == item.article.id for p in buffer):
                self._flush(buffer)  # the same id twice in one batch: the later one wins
                buffer, texts = [], 0
            pending = self._prepare(item)
            summary.results.append(pending.result)
            if pending.result.status in ("new", "updated"):
                buffer.append(pending)
                texts += len(pending.passages) + len(pending.quotes)
            if texts >= self.batch_texts:
                self._flush(buffer)
                buffer, texts = [], 0
        self._flush(buffer)

    def _prepare(self, item: Loaded) -> _Pending:
        article = item.article
        assert article is not None
        result = IngestResult(item.source, "new", article_id=article.id)
        pending = _Pending(article, result)
        try:
            current = self.store.current_version(article.id)
            if current == article.version:
                result.status, result.note = "unchanged", not_english_note(article)
                return pending
            passages = make_passages(
                article, self.settings.passage_max_tokens, self.settings.passage_max_sentences
            )
            if not passages:
                raise InputError(item.source, "the article has no text after cleaning")
            quotes = self.extract(article)
            check_quotes(article, quotes)
        except StoreError:
            raise
        except QuotecheckError as exc:
            result.status, result.error = "failed", str(exc)
            return pending
        except Exception as exc:  # a splitter or extractor failure: this article only
            result.status, result.error = "failed", unexpected(item.source, exc)
            return pending
        pending.passages, pending.quotes = passages, quotes
        pending.replaces = current or ""
        result.status = "updated" if current else "new"
        result.passages, result.quotes = len(passages), len(quotes)
        result.note = not_english_note(article)
        return pending

    def _flush(self, buffer: list[_Pending]) -> None:
        if not buffer:
            return
        texts = [p.text for b in buffer for p in b.passages] + [
            q.text for b in buffer for q in b.quotes
        ]
        vectors = self._vectors_for(texts)
        prepared = [
            PreparedArticle(
                article=b.article,
                passages=b.passages,
                passage_vectors=[vectors[text_hash(p.text)] for p in b.passages],
                quotes=b.quotes,
                quote_vectors=[vectors[text_hash(q.text)] for q in b.quotes],
                replaces=b.replaces,
            )
            for b in buffer
        ]
        try:
            self.store.write(prepared)
        except StoreError as exc:
            for b in buffer:
                b.result.status, b.result.error = "failed", f"{b.result.source}: {exc}"
            raise

    def _vectors_for(self, texts: list[str]) -> dict[str, Vector]:
        """Vectors by text hash: from the store's cache where the text was seen, else embedded."""
        by_hash = {text_hash(t): t for t in texts}
        vectors = self.store.cached_vectors(by_hash)
        missing = [h for h in by_hash if h not in vectors]
        for lo in range(0, len(missing), EMBED_CHUNK):
            chunk = missing[lo : lo + EMBED_CHUNK]
            fresh = self.embedder.embed([by_hash[h] for h in chunk])
            vectors.update(zip(chunk, fresh, strict=True))
            if self.on_embedding and len(missing) > EMBED_CHUNK:
                self.on_embedding(lo + len(chunk), len(missing), EMBEDDING)
        return vectors
