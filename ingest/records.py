"""The vocabulary of Quotecheck: small typed records shared by every layer.

Every span is a pair of character offsets into ``Article.text``, the stored (cleaned) text
of the article, so that ``article.text[start:end]`` gives back exactly the cited words.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

QuoteKind = Literal["direct", "mixed", "indirect"]
QUOTE_KINDS: tuple[QuoteKind, ...] = ("direct", "mixed", "indirect")


def text_hash(text: str) -> str:
    """A stable hex digest of a text (used for content hashes and the embedding cache)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Article:
    """One news article as stored: metadata plus the cleaned text every offset points into."""

    id: str
    title: str
    text: str
    outlet: str = ""
    author: str = ""
    published: str = ""  # ISO date (YYYY-MM-DD) or "" when unknown; never a guess
    url: str = ""
    source_path: str = ""
    content_hash: str = ""
    # Where each page of a paged source (PDF) starts in ``text``: page n is
    # text[page_starts[n-1]:page_starts[n]]; () for a source without pages.
    page_starts: tuple[int, ...] = ()
    # When a fetched page (``quotecheck ingest URL``, a feed's item) was downloaded, as ISO
    # 8601 UTC; "" for a file. Not part of the content hash: fetching an unchanged page
    # again is no new version, so the stored time is that of the version's first fetch.
    fetched_at: str = ""

    def __post_init__(self) -> None:
        if not self.content_hash:
            object.__setattr__(self, "content_hash", article_content_hash(self))

    @property
    def version(self) -> str:
        """A short tag of this content; records derived from it carry the same tag."""
        return self.content_hash[:16]


def article_content_hash(article: Article) -> str:
    """Hash of everything a reader sees, so a changed title or date is a changed article."""
    parts: tuple[str, ...] = (
        article.title,
        article.outlet,
        article.author,
        article.published,
        article.url,
        article.text,
    )
    if article.page_starts:  # only for paged sources, so older articles keep their versions
        parts = (*parts, ",".join(map(str, article.page_starts)))
    return text_hash("\x1f".join(parts))


def page_at(page_starts: Sequence[int], offset: int) -> int | None:
    """The 1-based page an offset of the text falls on; None for a source without pages."""
    if not page_starts:
        return None
    return max(1, bisect_right(page_starts, offset))


@dataclass(frozen=True)
class Span:
    """A run of characters of an article's text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Passage:
    """A few consecutive sentences of an article: the unit that is embedded and cited."""

    article_id: str
    index: int
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.article_id}#p{self.index}"


@dataclass(frozen=True)
class Quote:
    """One attributed statement found in an article.

    ``text`` is the quoted content exactly as in the article, without enclosing marks, and
    ``article.text[start:end] == text``. For a ``mixed`` quote only ``fragments`` (the parts
    inside quotation marks) are the speaker's verbatim words; the rest is the reporter's
    paraphrase. A quote interrupted by its attribution (``"A," she said. "B."``) yields one
    ``Quote`` per span, linked by the same ``group``.
    """

    article_id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str = ""  # as written in the article ("the city's mayor", "he")
    canonical_speaker: str = ""  # the fullest name for that speaker in the article
    speaker_start: int = -1
    speaker_end: int = -1
    role: str = ""  # title or role when the text gives one ("UN Secretary General")
    cue: str = ""  # reporting verb or phrase as written ("said", "according to")
    cue_start: int = -1
    cue_end: int = -1
    method: str = ""  # how the speaker was found: explicit, pronoun, inherited, none, ...
    confidence: float = 0.0
    fragments: tuple[Span, ...] = ()
    group: int = -1  # spans of one interrupted quotation share a group number
    index: int = 0  # position among the article's quotes

    @property
    def id(self) -> str:
        return f"{self.article_id}#q{self.index}"

    @property
    def verbatim_spans(self) -> tuple[Span, ...]:
        """The parts of this quote that are the speaker's own words."""
        if self.kind == "direct":
            return (Span(self.start, self.end, self.text),)
        if self.kind == "mixed":
            return self.fragments
        return ()


@dataclass(frozen=True)
class Speaker:
    """One person or organisation across the corpus, with every spelling seen."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()
    quote_count: int = 0
    outlets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    """A checkable pointer into an article: the cited text equals ``article.text[start:end]``."""

    article_id: str
    outlet: str
    title: str
    published: str
    url: str
    start: int
    end: int
    text: str
    page: int | None = None  # the page the span starts on, for a paged source (PDF)


@dataclass
class IngestResult:
    """What happened to one input file (or one record of a multi-record file)."""

    source: str
    status: Literal["new", "updated", "unchanged", "failed", "removed"]
    article_id: str = ""
    error: str = ""
    passages: int = 0
    quotes: int = 0
    note: str = ""  # read, with a caveat: the article does not look English


@dataclass
class IngestSummary:
    results: list[IngestResult] = field(default_factory=list)
    seconds: float = 0.0
    fatal: str = ""  # set when the run had to stop (e.g. the store became unwritable)

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def failed(self) -> int:
        return self.count("failed")

    @property
    def passages(self) -> int:
        return sum(r.passages for r in self.results)

    @property
    def quotes(self) -> int:
        return sum(r.quotes for r in self.results)

    def as_dict(self) -> dict[str, object]:
        return {
            "new": self.count("new"),
            "updated": self.count("updated"),
            "unchanged": self.count("unchanged"),
            "failed": self.failed,
            "passages": self.passages,
            "quotes": self.quotes,
            "seconds": round(self.seconds, 3),
            "fatal": self.fatal,
            "errors": [{"source": r.source, "error": r.error} for r in self.results if r.error],
            **(
                {"notes": [{"source": r.source, "note": r.note} for r in notes]}
                if (notes := [r for r in self.results if r.note])
                else {}
            ),
        }
