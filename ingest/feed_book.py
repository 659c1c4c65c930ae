"""The feeds Quotecheck follows, and the items of each it has ingested: ``DATA_DIR/feeds.json``.

The file is small and changed only under a lock (``feeds.json.lock``, the writers' ``flock``
of ``ingest.store_access``), as read, change, write: two processes adding feeds or marking
items at once take turns, and neither loses the other's change. It is written atomically (a
temporary file in the same folder, flushed to disk, then ``os.replace``), so a crash leaves
the old file or the new one, never part of one. Readers need no lock.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.config import Settings
from ingest.errors import StoreError
from ingest.loaders import normalise_url
from ingest.store_access import exclusive

FILE_NAME = "feeds.json"
FORMAT = 1
MAX_SEEN = 5000  # item keys kept per feed; the oldest go first


@dataclass(frozen=True)
class FollowedFeed:
    """One followed feed: its address, title, when it was added and last read, and the keys
    (guid, else link) of the items already ingested."""

    url: str
    title: str = ""
    added_at: str = ""
    updated_at: str = ""
    seen: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, object]:
        return {
            "url": self.url,
            "title": self.title,
            "added_at": self.added_at,
            "updated_at": self.updated_at,
            "seen": len(self.seen),
        }


class FeedBook:
    """The followed feeds, stored in one JSON file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def of(cls, settings: Settings) -> FeedBook:
        return cls(settings.data_dir / FILE_NAME)

    def feeds(self) -> list[FollowedFeed]:
        return [_feed(url, entry) for url, entry in self._read().items()]

    def find(self, url: str) -> FollowedFeed | None:
        """The followed feed at ``url`` (scheme and host in any case, a trailing slash or not)."""
        key = _key_of(self._read(), url)
        return None if key is None else _feed(key, self._read()[key])

    def add(self, url: str, title: str, at: str) -> FollowedFeed:
        with self._changing() as feeds:
            key = _key_of(feeds, url) or url
            entry = feeds.setdefault(key, {"added_at": at, "seen": []})
            entry["title"] = title
            return _feed(key, entry)

    def remove(self, url: str) -> bool:
        with self._changing() as feeds:
            key = _key_of(feeds, url)
            if key is None:
                return False
            del feeds[key]
            return True

    def mark_seen(self, url: str, keys: Iterable[str], title: str, at: str) -> None:
        """Record items as ingested, and the time of this update (a feed removed meanwhile
        stays removed)."""
        with self._changing() as feeds:
            key = _key_of(feeds, url)
            if key is None:
                return
            entry = feeds[key]
            seen = list(entry.get("seen", []))
            known = set(seen)
            seen += [k for k in dict.fromkeys(keys) if k not in known]
            entry.update(seen=seen[-MAX_SEEN:], updated_at=at, title=title or entry.get("title"))

    # ------------------------------------------------------------------ the file
    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            raw = self.path.read_text("utf-8")
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise StoreError(
                f"cannot read {self.path} ({exc.strerror}); check its permissions"
            ) from exc
        try:
            data = json.loads(raw)
            feeds = data["feeds"]
            if not isinstance(feeds, dict):
                raise TypeError("'feeds' is not an object")
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"{self.path} is damaged ({type(exc).__name__}: {exc}); fix it, or move it "
                "aside and add the feeds again with `quotecheck feed add URL`"
            ) from exc
        return feeds

    @contextmanager
    def _changing(self) -> Iterator[dict[str, dict[str, Any]]]:
        """The feeds to change in place; written back when the block ends without error."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"cannot create {self.path.parent} ({exc.strerror}); choose a writable "
                "--data-dir or QUOTECHECK_DATA_DIR"
            ) from exc
        with exclusive(self.path.with_name(FILE_NAME + ".lock")):
            feeds = self._read()
            yield feeds
            self._write(feeds)

    def _write(self, feeds: dict[str, dict[str, Any]]) -> None:
        text = json.dumps({"format": FORMAT, "feeds": feeds}, ensure_ascii=False, indent=1)
        try:
            fd, tmp = tempfile.mkstemp(prefix=".feeds-", suffix=".tmp", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(text + "\n")
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StoreError(
                f"cannot write {self.path} ({exc.strerror}); free some disk space or choose a "
                "writable --data-dir"
            ) from exc


def _key_of(feeds: dict[str, Any], url: str) -> str | None:
    url = url.strip()
    if url in feeds:
        return url
    norm = normalise_url(url)
    return next((k for k in feeds if normalise_url(k) == norm), None)


def _feed(url: str, entry: dict[str, Any]) -> FollowedFeed:
    return FollowedFeed(
        url=url,
        title=str(entry.get("title") or ""),
        added_at=str(entry.get("added_at") or ""),
        updated_at=str(entry.get("updated_at") or ""),
        seen=tuple(str(k) for k in entry.get("seen", [])),
    )
