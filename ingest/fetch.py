"""Fetching one http(s) address, safely: the only place the write side reaches the network.

``fetch`` downloads a page or a feed with the standard library (urllib) and refuses, as a
``FetchError`` naming the address and saying what to do, whatever it should not read:

- a scheme other than http or https, given or as the target of a redirect (``file://``,
  ``ftp://``, ...), and more than ``MAX_REDIRECTS`` redirects;
- a connection, or any wait for data, longer than ``Settings.fetch_timeout`` seconds, and a
  whole download longer than ``fetch_max_seconds`` (a server that drips bytes);
- a body over ``fetch_max_bytes``: refused from its Content-Length before reading, and
  while reading when the server sends none;
- an HTTP error status, and a content type the caller does not read (``PAGE``, ``FEED``).

Nothing is cached and no cookies are kept; proxies come from the usual environment variables.
"""

from __future__ import annotations

import datetime as dt
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import Message
from typing import IO, Any, NoReturn
from urllib.parse import urlsplit

from ingest.config import Settings
from ingest.errors import InputError

SCHEMES = ("http", "https")
MAX_REDIRECTS = 10
USER_AGENT = "Quotecheck/0.1 (quote verification over news articles)"
CHUNK = 64 * 1024


class FetchError(InputError):
    """An address that could not be fetched; the message names it and says what to do."""


@dataclass(frozen=True)
class Wanted:
    """What a fetch reads: the media types it accepts, each with the kind of reader."""

    what: str
    types: Mapping[str, str]  # media type -> "html", "text", "pdf" or "feed"


PAGE = Wanted(
    "an article page (HTML, plain text or PDF)",
    {
        "text/html": "html",
        "application/xhtml+xml": "html",
        "text/plain": "text",
        "application/pdf": "pdf",
    },
)
FEED = Wanted(
    "an RSS or Atom feed",
    {
        "application/rss+xml": "feed",
        "application/atom+xml": "feed",
        "application/rdf+xml": "feed",
        "application/xml": "feed",
        "text/xml": "feed",
        "text/plain": "feed",  # some servers send .rss and .xml files so
    },
)
# A body sent without a useful content type is recognised by how it starts (lower-cased).
UNTYPED = ("", "application/octet-stream")
_SNIFF = (
    (b"%pdf-", "application/pdf"),
    (b"<rss", "application/rss+xml"),
    (b"<feed", "application/atom+xml"),
    (b"<rdf:rdf", "application/rdf+xml"),
    (b"<!doctype html", "text/html"),
    (b"<html", "text/html"),
)


@dataclass(frozen=True)
class Fetched:
    """A downloaded body and what the server said about it."""

    url: str  # as asked for
    final_url: str  # after redirects
    media_type: str  # "text/html", ...
    kind: str  # the reader for it, from ``Wanted.types``
    charset: str  # as the server declared it; "" when it did not
    body: bytes
    fetched_at: str  # ISO 8601, UTC, to the second


def is_address(value: object) -> bool:
    """The value is written as an address (``scheme://...``), not a file path."""
    if not isinstance(value, str):
        return False
    scheme, sep, _ = value.strip().partition("://")
    return bool(sep) and scheme[:1].isalpha() and all(c.isalnum() or c in "+.-" for c in scheme)


def check_address(url: str) -> str:
    """``url`` stripped, if it is an http(s) address with a host; else a ``FetchError``."""
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        raise FetchError(url, "is not a valid web address; check it") from None
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(
            url,
            "is not an http:// or https:// address; only web pages and feeds are fetched "
            "(give a file by its path, without a scheme)",
        )
    if not host:
        raise FetchError(url, "has no host name; check the address")
    return url


def fetch(url: str, settings: Settings, wanted: Wanted) -> Fetched:
    """The body at ``url`` if it is ``wanted``; every refusal a ``FetchError``."""
    url = check_address(url)
    started = time.monotonic()
    opener = urllib.request.build_opener(_Redirects(url))
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": USER_AGENT,
            "Accept": ", ".join(wanted.types) + ", */*;q=0.1",
            "Accept-Encoding": "identity",
        },
    )
    try:
        with opener.open(request, timeout=settings.fetch_timeout) as response:
            declared = _media_type(response.headers)
            if declared not in UNTYPED:
                _check_type(url, declared, wanted)
            _check_length(url, response.headers, settings)
            body = _read_body(response, url, settings, started)
            final_url = response.geturl()
            charset = response.headers.get_content_charset() or ""
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()
        _status_error(url, exc)
    except urllib.error.URLError as exc:
        _connection_error(url, exc.reason, settings)
    except (http.client.HTTPException, OSError, ValueError) as exc:
        _connection_error(url, exc, settings)
    media = declared if declared not in UNTYPED else _sniff(body)
    _check_type(url, media, wanted)
    return Fetched(
        url=url,
        final_url=final_url,
        media_type=media,
        kind=wanted.types[media],
        charset=charset,
        body=body,
        fetched_at=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
    )


class _Redirects(urllib.request.HTTPRedirectHandler):
    """urllib's redirects, to http and https addresses only (urllib also allows ftp)."""

    max_redirections = MAX_REDIRECTS

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if urlsplit(newurl).scheme.lower() not in SCHEMES:
            fp.close()
            raise FetchError(self.origin, _redirect_refusal(newurl))
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _redirect_refusal(target: str) -> str:
    shown = target if len(target) <= 120 else target[:117] + "..."
    return (
        f"redirects to {shown!r}, which is not an http(s) address; refused (only http:// and "
        "https:// pages are fetched). Open it in a browser and save the page instead"
    )


def _media_type(headers: Message) -> str:
    return headers.get_content_type() if headers.get("Content-Type") else ""


def _sniff(body: bytes) -> str:
    start = body[:1024].lstrip().lower()
    for mark, media in _SNIFF:
        if start.startswith(mark) or (mark != b"%pdf-" and mark in start):
            return media
    return "application/octet-stream"


def _check_type(url: str, media: str, wanted: Wanted) -> None:
    if media in wanted.types:
        return
    if wanted is FEED:
        hint = "Give the address of the site's RSS or Atom feed"
    elif media in FEED.types:
        hint = f"It is a feed: follow it with `quotecheck feed add {url}`"
    else:
        hint = "Give the address of the article's page"
    said = f"the server says it is {media!r}" if media not in UNTYPED else "its type is unknown"
    raise FetchError(url, f"{said}, not {wanted.what}; nothing was read. {hint}")


def _check_length(url: str, headers: Message, settings: Settings) -> None:
    raw = headers.get("Content-Length", "")
    if raw.strip().isdigit() and int(raw) > settings.fetch_max_bytes:
        _too_large(url, settings, f" ({int(raw):,} bytes)")


def _too_large(url: str, settings: Settings, size: str = "") -> NoReturn:
    raise FetchError(
        url,
        f"is larger than the limit of {settings.fetch_max_bytes:,} bytes{size}; nothing was "
        "read. Raise QUOTECHECK_FETCH_MAX_BYTES, or save the page and ingest the file",
    )


def _read_body(response: Any, url: str, settings: Settings, started: float) -> bytes:
    """The body, a chunk at a time: never past the size limit or the download's deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > settings.fetch_max_seconds:
            raise FetchError(
                url,
                f"took longer than {settings.fetch_max_seconds:g} s to download; nothing was "
                "read. Try again later, or raise QUOTECHECK_FETCH_MAX_SECONDS",
            )
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > settings.fetch_max_bytes:
            _too_large(url, settings)
        chunks.append(chunk)


_STATUS_HINTS = (
    ((404, 410), "not found; check the address"),
    (
        (401, 403),
        "the site refuses access (it may need a login, or block scripts); save the "
        "page from a browser and ingest the .html file",
    ),
    ((429,), "the site asks to slow down; try again later"),
)


def _status_error(url: str, exc: urllib.error.HTTPError) -> NoReturn:
    code = exc.code
    if 300 <= code < 400:
        target = exc.headers.get("Location", "") if exc.headers else ""
        if target and urlsplit(target).scheme.lower() not in SCHEMES:
            raise FetchError(url, _redirect_refusal(target)) from None
        raise FetchError(
            url,
            f"redirects more than {MAX_REDIRECTS} times (HTTP {code}, a redirect loop?); "
            "open it in a browser and give the address it ends at",
        ) from None
    hint = next((h for codes, h in _STATUS_HINTS if code in codes), "")
    if not hint:
        hint = (
            "the site failed; try again later"
            if code >= 500
            else "the site refused the request; check the address"
        )
    raise FetchError(url, f"HTTP {code} {exc.reason}: {hint}") from None


def _connection_error(url: str, reason: object, settings: Settings) -> NoReturn:
    if isinstance(reason, TimeoutError):
        raise FetchError(
            url,
            f"no answer within {settings.fetch_timeout:g} s (connect/read timeout); nothing "
            "was read. Check the address, try again later, or raise QUOTECHECK_FETCH_TIMEOUT",
        ) from None
    if isinstance(reason, (http.client.InvalidURL, ValueError)):
        raise FetchError(url, f"is not a valid web address ({reason}); check it") from None
    what = f"{type(reason).__name__}: {reason}" if isinstance(reason, BaseException) else reason
    text = " ".join(str(what).split())[:160]
    raise FetchError(
        url, f"could not be fetched ({text}); check the address and the connection, then retry"
    ) from None
