"""Corrections of an article's metadata (``quotecheck edit``): the same article, text and
offsets unchanged, with a new outlet, date, title, author or URL.

``edited`` is pure: it checks each given field and returns the new ``Article``, whose content
hash (and so its version) changes with the metadata. Writing it is an ordinary ingest of that
article (``Ingestor.ingest_articles``): its passages and quotes are written under the new
version, the article record commits it and the old version's records are deleted, so every
quote, passage and verdict follows the new metadata and no reader ever sees a mix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from urllib.parse import urlsplit

from ingest.clean import normalise_whitespace
from ingest.dates import parse_date
from ingest.errors import QuotecheckError
from ingest.records import Article

_BYLINE_PREFIX = re.compile(r"by\s+", re.IGNORECASE)


class EditError(QuotecheckError):
    """A field of an edit that cannot be stored; the message names the field."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(f"field {field!r}: {message}")


@dataclass(frozen=True)
class MetadataEdit:
    """The fields to change; None leaves one as it is, "" clears it (not the title)."""

    outlet: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None

    @property
    def empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))


def edited(article: Article, edit: MetadataEdit) -> Article:
    """``article`` with the edit's fields, each checked; text, id and pages as they were."""
    if edit.empty:
        raise QuotecheckError(
            "nothing to change; give at least one of --outlet, --published, --title, "
            "--author, --url"
        )
    changes: dict[str, str] = {}
    if edit.outlet is not None:
        changes["outlet"] = _one_line(edit.outlet)
    if edit.author is not None:  # "By Ana Ruiz" -> "Ana Ruiz", as ingest reads a byline
        changes["author"] = _BYLINE_PREFIX.sub("", _one_line(edit.author), count=1)
    if edit.title is not None:
        changes["title"] = _title(edit.title)
    if edit.published is not None:
        changes["published"] = _date(edit.published)
    if edit.url is not None:
        changes["url"] = _url(edit.url)
    new: Article = replace(article, **changes, content_hash="")  # type: ignore[arg-type]
    return new  # content_hash "": computed again from the new metadata


def _one_line(value: str) -> str:
    return " ".join(normalise_whitespace(value).split())


def _title(value: str) -> str:
    title = _one_line(value)
    if not title:
        raise EditError("title", "is empty; every article keeps a title")
    return title


def _date(value: str) -> str:
    if not value.strip():
        return ""
    iso = parse_date(value)
    if not iso:
        raise EditError(
            "published",
            f"{value!r} is not a date; give it as YYYY-MM-DD (e.g. 2024-03-14), or '' for unknown",
        )
    return iso


def _url(value: str) -> str:
    url = value.strip()
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise EditError("url", f"{url!r} is not an http:// or https:// address")
    return url
