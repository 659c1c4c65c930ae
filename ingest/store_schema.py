"""How records are laid out in Chroma: metadata in and out, and the read-side records."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ingest.records import Article, Passage, Quote, Span, page_at, text_hash

Vector = list[float]
Metadata = dict[str, str | int | float | bool]


def date_number(published: str) -> int:
    """``2022-04-28`` -> 20220428 (Chroma filters ranges on numbers only); unknown -> 0."""
    digits = published.replace("-", "")
    return int(digits) if len(digits) == 8 and digits.isdigit() else 0


def stored_outlets(wanted: Iterable[str], known: Iterable[str]) -> tuple[str, ...]:
    """Outlet names as the store spells them ("the daily ledger" -> "The Daily Ledger"), for
    filters that match exactly; a name the store does not hold is kept as given."""
    spelt = {o.casefold(): o for o in known}
    return tuple(spelt.get(o.casefold(), o) for o in wanted)


def metadata_where(outlets: Sequence[str], since: str, until: str) -> dict[str, Any] | None:
    """A Chroma ``where`` for outlets and a published-date range (ISO dates, either open).

    A date limit leaves out articles of unknown date (stored as 0), at either end.
    """
    clauses: list[dict[str, Any]] = []
    if outlets:
        clauses.append({"outlet": {"$in": list(outlets)}})
    if since or until:
        clauses.append({"published_n": {"$gte": date_number(since) if since else 1}})
    if until:
        clauses.append({"published_n": {"$lte": date_number(until)}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class ArticleInfo:
    """An article's metadata and counts, without its text."""

    id: str
    title: str
    outlet: str
    author: str
    published: str
    url: str
    source_path: str
    version: str
    passages: int
    quotes: int
    page_starts: tuple[int, ...] = ()  # a paged source's page starts (``Article``)
    fetched_at: str = ""  # when a fetched page was downloaded (``Article``)

    def as_dict(self) -> dict[str, object]:
        out = dict(self.__dict__)
        del out["page_starts"]
        if self.page_starts:
            out["pages"] = len(self.page_starts)
        return out

    def page_of(self, offset: int) -> int | None:
        """The page an offset of this article's text is on; None when it has no pages."""
        return page_at(self.page_starts, offset)


@dataclass(frozen=True)
class PassageHit:
    passage: Passage
    article: ArticleInfo
    score: float  # cosine similarity


@dataclass(frozen=True)
class StoredQuote:
    quote: Quote
    article: ArticleInfo
    score: float = 0.0


@dataclass(frozen=True)
class PreparedArticle:
    """An article with everything derived from it, ready to write."""

    article: Article
    passages: list[Passage]
    passage_vectors: list[Vector]
    quotes: list[Quote]
    quote_vectors: list[Vector]
    replaces: str = ""  # the version this one supersedes, "" for a new article


def common_meta(a: Article) -> Metadata:
    return {
        "article_id": a.id,
        "version": a.version,
        "outlet": a.outlet,
        "published": a.published,
        "published_n": date_number(a.published),
        "written_at": time.time(),  # lets repair() tell fresh writes from old crash debris
    }


# Record fields stored as metadata under their own names, in this order.
_ARTICLE_FIELDS = ("title", "author", "url", "source_path", "content_hash", "fetched_at")
_QUOTE_FIELDS = (
    *("index", "start", "end", "kind", "speaker", "canonical_speaker"),
    *("speaker_start", "speaker_end", "role", "cue", "cue_start", "cue_end"),
    *("method", "confidence", "group"),
)


def article_meta(a: Article, passages: int, quotes: int) -> Metadata:
    meta = common_meta(a)
    meta.update({name: getattr(a, name) for name in _ARTICLE_FIELDS})
    meta.update(passages=passages, quotes=quotes, ingested_at=time.time())
    meta["page_starts"] = ",".join(map(str, a.page_starts))
    return meta


def _page_starts(meta: dict[str, Any]) -> tuple[int, ...]:
    raw = str(meta.get("page_starts", "") or "")
    return tuple(int(x) for x in raw.split(",")) if raw else ()


def passage_meta(a: Article, p: Passage) -> Metadata:
    meta = common_meta(a)
    meta.update(index=p.index, start=p.start, end=p.end, text_hash=text_hash(p.text))
    return meta


def quote_meta(a: Article, q: Quote) -> Metadata:
    meta = common_meta(a)
    meta.update({name: getattr(q, name) for name in _QUOTE_FIELDS})
    meta.update(
        fragments=json.dumps([[f.start, f.end, f.text] for f in q.fragments]),
        text_hash=text_hash(q.text),
    )
    return meta


def article_from(article_id: str, meta: dict[str, Any], text: str) -> Article:
    """The stored article: its record's metadata and its text (the record's document)."""
    return Article(
        id=article_id,
        title=str(meta.get("title", "")),
        text=text,
        outlet=str(meta.get("outlet", "")),
        author=str(meta.get("author", "")),
        published=str(meta.get("published", "")),
        url=str(meta.get("url", "")),
        source_path=str(meta.get("source_path", "")),
        content_hash=str(meta.get("content_hash", "")),
        page_starts=_page_starts(meta),
        fetched_at=str(meta.get("fetched_at", "")),
    )


def article_info_from(article_id: str, meta: dict[str, Any]) -> ArticleInfo:
    return ArticleInfo(
        id=article_id,
        title=str(meta.get("title", "")),
        outlet=str(meta.get("outlet", "")),
        author=str(meta.get("author", "")),
        published=str(meta.get("published", "")),
        url=str(meta.get("url", "")),
        source_path=str(meta.get("source_path", "")),
        version=str(meta.get("version", "")),
        passages=int(meta.get("passages", 0)),
        quotes=int(meta.get("quotes", 0)),
        page_starts=_page_starts(meta),
        fetched_at=str(meta.get("fetched_at", "")),
    )


def passage_from(meta: dict[str, Any], doc: str) -> Passage:
    return Passage(
        str(meta["article_id"]), int(meta["index"]), int(meta["start"]), int(meta["end"]), doc
    )


def quote_from_meta(meta: dict[str, Any], doc: str) -> Quote:
    fragments = tuple(
        Span(int(s), int(e), str(t)) for s, e, t in json.loads(meta.get("fragments") or "[]")
    )
    return Quote(
        article_id=str(meta["article_id"]),
        text=doc,
        start=int(meta["start"]),
        end=int(meta["end"]),
        kind=meta["kind"],
        speaker=str(meta.get("speaker", "")),
        canonical_speaker=str(meta.get("canonical_speaker", "")),
        speaker_start=int(meta.get("speaker_start", -1)),
        speaker_end=int(meta.get("speaker_end", -1)),
        role=str(meta.get("role", "")),
        cue=str(meta.get("cue", "")),
        cue_start=int(meta.get("cue_start", -1)),
        cue_end=int(meta.get("cue_end", -1)),
        method=str(meta.get("method", "")),
        confidence=float(meta.get("confidence", 0.0)),
        fragments=fragments,
        group=int(meta.get("group", -1)),
        index=int(meta.get("index", 0)),
    )
