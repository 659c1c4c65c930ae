"""Following RSS and Atom feeds: a feed read with feedparser, and only its new items ingested.

``read_feed`` fetches a feed (``ingest.fetch``, with its limits) and ``parse_feed`` reads it
(pure: bytes in, a ``Feed`` out). An item is known by its guid (Atom ``id``), else by its
link. ``update_feeds`` ingests, for each followed feed, the items not yet ingested: each
item's page is fetched and read like ``quotecheck ingest URL`` (``ingest.links``), the
feed's date and title filling a date or outlet the page does not give. Only items whose
ingest succeeded are remembered (``ingest.feed_book``), so a failed item is tried again by
the next update; a feed that cannot be read is that feed's error, the others go on.
"""

from __future__ import annotations

import datetime as dt
import io
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from ingest.config import Settings
from ingest.errors import InputError
from ingest.feed_book import FeedBook, FollowedFeed
from ingest.fetch import FEED, fetch
from ingest.links import load_url
from ingest.loaders import Loaded, normalise_url
from ingest.pipeline import Ingestor, Progress
from ingest.records import IngestSummary


@dataclass(frozen=True)
class FeedItem:
    key: str  # guid / Atom id, else the link
    link: str
    title: str
    published: str  # as the feed writes it; "" when it gives none


@dataclass(frozen=True)
class Feed:
    url: str
    title: str
    items: tuple[FeedItem, ...]


@dataclass
class FeedReport:
    """One feed's update: the items it lists now, and what happened to the new ones."""

    url: str
    title: str = ""
    items: int = 0
    summary: IngestSummary = field(default_factory=IngestSummary)
    error: str = ""  # the feed itself could not be read

    @property
    def failed(self) -> bool:
        return bool(self.error or self.summary.failed or self.summary.fatal)

    def as_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "title": self.title,
            "items": self.items,
            "new_items": len(self.summary.results),
            "error": self.error,
            **self.summary.as_dict(),
        }


def parse_feed(data: bytes, url: str) -> Feed:
    """The title and items of an RSS or Atom document; an ``InputError`` if it is neither."""
    import feedparser

    # A stream, never the bytes themselves: feedparser reads a str or bytes it is given as a
    # file name or an address when it can.
    parsed = feedparser.parse(io.BytesIO(data), response_headers={"content-location": url})
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        why = f" ({type(problem).__name__}: {problem})" if problem else ""
        raise InputError(
            url, f"is not an RSS or Atom feed{why}; give the address of the site's feed"
        )
    items = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "").strip()
        key = str(entry.get("id") or "").strip() or normalise_url(link)
        title = " ".join(str(entry.get("title") or "").split())
        if key or title:
            published = str(entry.get("published") or entry.get("updated") or "")
            items.append(FeedItem(key or f"title:{title}", link, title, published))
    return Feed(url, " ".join(str(parsed.feed.get("title") or "").split()), tuple(items))


def read_feed(url: str, settings: Settings) -> Feed:
    """The feed at ``url``, fetched within the fetch limits; an ``InputError`` otherwise."""
    fetched = fetch(url, settings, FEED)
    feed = parse_feed(fetched.body, fetched.final_url)
    return Feed(fetched.url, feed.title, feed.items)


def add_feeds(
    book: FeedBook, ingestor: Ingestor, urls: Sequence[str], progress: Progress | None = None
) -> list[FeedReport]:
    """Follow each feed (it must read as one) and ingest its items now."""
    reports = []
    for url in urls:
        try:
            feed = read_feed(url, ingestor.settings)
        except InputError as exc:
            reports.append(FeedReport(url.strip(), error=str(exc)))
            continue
        followed = book.add(feed.url, feed.title, _now())
        reports.append(_ingest_new(book, ingestor, followed, feed, progress))
    return reports


def update_feeds(
    book: FeedBook,
    ingestor: Ingestor,
    urls: Sequence[str] = (),
    progress: Progress | None = None,
) -> list[FeedReport]:
    """Ingest the new items of the followed feeds given (all of them when none is)."""
    reports = []
    targets: list[FollowedFeed | str] = [book.find(u) or u for u in urls] or list(book.feeds())
    for target in targets:
        if isinstance(target, str):
            error = str(InputError(target, "is not followed; add it: quotecheck feed add URL"))
            reports.append(FeedReport(target, error=error))
            continue
        try:
            feed = read_feed(target.url, ingestor.settings)
        except InputError as exc:
            reports.append(FeedReport(target.url, target.title, error=str(exc)))
            continue
        reports.append(_ingest_new(book, ingestor, target, feed, progress))
    return reports


def _ingest_new(
    book: FeedBook,
    ingestor: Ingestor,
    followed: FollowedFeed,
    feed: Feed,
    progress: Progress | None,
) -> FeedReport:
    report = FeedReport(followed.url, feed.title or followed.title, len(feed.items))
    seen = set(followed.seen)
    new = [item for item in feed.items if item.key not in seen]
    started = time.perf_counter()
    ingestor.ingest_loaded(_load_items(new, feed, ingestor.settings, progress), report.summary)
    report.summary.seconds = time.perf_counter() - started
    done = {r.source for r in report.summary.results if r.status != "failed"}
    # an item without a link is reported once and remembered: there is nothing to retry
    keys = [i.key for i in new if i.link in done or not i.link]
    book.mark_seen(followed.url, keys, feed.title, _now())
    return report


def _load_items(
    items: Sequence[FeedItem], feed: Feed, settings: Settings, progress: Progress | None
) -> Iterator[Loaded]:
    for n, item in enumerate(items, 1):
        if not item.link:
            error = InputError(feed.url, f"item {item.title!r} has no link; skipped")
            yield Loaded(source=f"{feed.url}: item {item.title!r}", error=str(error))
        else:
            defaults = {"published": item.published, "outlet": feed.title}
            yield from load_url(item.link, settings, defaults)
        if progress:
            progress(n, len(items), item.link or item.title)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
