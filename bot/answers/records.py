"""The read side's records: what the engine returns, each with the JSON contract of issue 4.

``as_dict()`` gives exactly the documented keys (README, "JSON responses"); the markdown
answer and the citations it points at travel on the records too, for the CLI and the chat.
These live in ``bot/`` rather than ``ingest/records.py`` because only the read side makes or
reads them; ``Citation`` (a pointer into an article) stays in ``ingest/records.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, Literal

from bot.verdicts.matching import DiffOp
from bot.verdicts.meaning import Difference as MeaningDifference
from ingest.records import Citation, Quote
from ingest.store import ArticleInfo

if TYPE_CHECKING:
    from bot.index.quote_index import Entry
    from bot.index.speaker_links import SpeakerLink

Intent = Literal["who_said", "what_said", "verify", "compare", "passages"]
VerdictKind = Literal[
    "verbatim", "altered", "contradicted", "paraphrase", "misattributed", "not_found"
]
VERDICTS: tuple[VerdictKind, ...] = (
    "verbatim",
    "altered",
    "contradicted",
    "paraphrase",
    "misattributed",
    "not_found",
)


def citation_dict(c: Citation) -> dict[str, Any]:
    return {
        "article_id": c.article_id,
        "outlet": c.outlet,
        "title": c.title,
        "published": c.published,
        "url": c.url,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        **({"page": c.page} if c.page is not None else {}),
    }


def _article_keys(info: ArticleInfo) -> dict[str, Any]:
    """The keys that name an article in evidence and provenance, in the documented order."""
    return {
        "article_id": info.id,
        "outlet": info.outlet,
        "title": info.title,
        "published": info.published,
    }


def _page_key(info: ArticleInfo, start: int) -> dict[str, Any]:
    """``{"page": n}`` for a span of a paged source (PDF), else nothing."""
    page = info.page_of(start)
    return {} if page is None else {"page": page}


def make_citation(info: ArticleInfo, start: int, end: int, text: str) -> Citation:
    """A citation of ``info``'s text, with the page it starts on when the source has pages."""
    return Citation(
        info.id,
        info.outlet,
        info.title,
        info.published,
        info.url,
        start,
        end,
        text,
        info.page_of(start),
    )


@dataclass(frozen=True)
class QuoteResult:
    """A stored quotation shown in an answer (the span is the quote's own text)."""

    quote: Quote
    article: ArticleInfo
    score: float = 0.0
    start: int = -1  # the matched part when only part of the quote was asked about
    end: int = -1
    link: SpeakerLink | None = None  # the name other articles give a nameless speaker

    @classmethod
    def of(cls, entry: Entry, score: float = 0.0) -> QuoteResult:
        assert entry.quote is not None
        return cls(entry.quote, entry.article, score, link=entry.speaker_link)

    @property
    def speaker_name(self) -> str:
        said = self.quote.canonical_speaker or self.quote.speaker
        return f"{said} ({self.link.note})" if self.link else said

    def as_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote.text,
            "kind": self.quote.kind,  # direct; mixed/indirect are reported speech
            "speaker": self.quote.speaker,
            "canonical_speaker": self.quote.canonical_speaker,
            "article_id": self.quote.article_id,
            "start": self.quote.start,
            "end": self.quote.end,
            "outlet": self.article.outlet,
            "published": self.article.published,
            "title": self.article.title,
            **_page_key(self.article, self.quote.start),
            **({"linked_speaker": self.link.name, "link": self.link.how} if self.link else {}),
        }


@dataclass(frozen=True)
class Evidence:
    """One occurrence of claimed words: in a quote (with its speaker) or in reporter's text."""

    article: ArticleInfo
    start: int
    end: int
    text: str  # the matched words exactly as in the article
    speaker: str  # canonical speaker; "" for the reporter's own words
    score: float
    match: str  # verbatim, altered, paraphrase
    quote: Quote | None = None
    diff: tuple[DiffOp, ...] = ()
    differences: tuple[MeaningDifference, ...] = ()  # of meaning, found by the meaning check
    matched: tuple[str, ...] = ()  # the source's words that matched the claim's

    def pieces(self) -> list[tuple[str, bool]]:
        """The evidence's text in pieces, each saying whether it is the source's side of a
        difference of meaning (for a renderer to mark)."""
        marks = sorted(
            (d.start, d.end) for d in self.differences if self.start <= d.start < d.end <= self.end
        )
        out, at = [], self.start
        for start, end in marks:
            if start >= at:
                out.append((self.text[at - self.start : start - self.start], False))
                out.append((self.text[start - self.start : end - self.start], True))
                at = end
        out.append((self.text[at - self.start :], False))
        return [(text, marked) for text, marked in out if text]

    def as_dict(self) -> dict[str, Any]:
        return {
            **_article_keys(self.article),
            "start": self.start,
            "end": self.end,
            **_page_key(self.article, self.start),
            "text": self.text,
            "speaker": self.speaker,
            "score": round(self.score, 4),
            "differences": [d.as_dict() for d in self.differences],
            "matched": list(self.matched),
        }


@dataclass(frozen=True)
class ProvenanceEntry:
    article: ArticleInfo
    role: str  # "first seen" or "reprint"

    def as_dict(self) -> dict[str, Any]:
        return {
            **_article_keys(self.article),
            "url": self.article.url,
            "role": self.role,
        }


@dataclass(frozen=True)
class Attribution:
    """One speaker the same words are credited to, and the articles that credit them."""

    speaker: str
    key: str
    articles: tuple[ArticleInfo, ...]


@dataclass
class Verdict:
    quote: str
    speaker: str
    verdict: VerdictKind
    found_speaker: str = ""
    diff: tuple[DiffOp, ...] = ()
    evidence: list[Evidence] = field(default_factory=list)
    provenance: list[ProvenanceEntry] = field(default_factory=list)
    candidates: list[Evidence] = field(default_factory=list)  # closest, for not_found
    attributions: list[Attribution] = field(default_factory=list)  # when articles disagree
    markdown: str = ""
    note: str = ""  # why no verdict could be given ("nothing to check"), for every output

    citations: list[Citation] = field(default_factory=list)

    @property
    def differences(self) -> tuple[MeaningDifference, ...]:
        """The differences of meaning the verdict rests on (those of the first evidence)."""
        return self.evidence[0].differences if self.evidence else ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "quote": self.quote,
            "speaker": self.speaker,
            "verdict": self.verdict,
            "found_speaker": self.found_speaker,
            "diff": [d.as_dict() for d in self.diff],
            "differences": [d.as_dict() for d in self.differences],
            "evidence": [e.as_dict() for e in self.evidence or self.candidates],
            "provenance": [p.as_dict() for p in self.provenance],
        } | ({"note": self.note} if self.note else {})  # only when no verdict could be given


@dataclass
class Answer:
    question: str
    intent: Intent
    markdown: str
    quotes: list[QuoteResult] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    verdict: Verdict | None = None
    removed: list[str] = field(default_factory=list)  # quoted strings grounding took out

    def as_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "intent": self.intent,
            "answer": self.markdown,
            "quotes": [q.as_dict() for q in self.quotes],
            "citations": [citation_dict(c) for c in self.citations],
            **({"verdict": self.verdict.as_dict()} if self.verdict else {}),
        }


# ---------------------------------------------------------------- comparisons
class _Record:
    """A record whose JSON is its fields in their order, records inside it as their JSON."""

    def as_dict(self) -> dict[str, Any]:
        return {f.name: _json(getattr(self, f.name)) for f in fields(self)}  # type: ignore[arg-type]


def _json(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in value]
    as_dict = getattr(value, "as_dict", None)
    return as_dict() if callable(as_dict) else value


@dataclass(frozen=True)
class QuoteUse(_Record):
    """One article's use of a quote (a direct quote's span and who it credits)."""

    article_id: str
    outlet: str
    published: str
    start: int
    end: int
    text: str
    speaker: str = ""


@dataclass(frozen=True)
class NameSpelling(_Record):
    """A speaker's full name as one outlet wrote it, at its offsets."""

    outlet: str
    article_id: str
    published: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class NumberValue(_Record):
    """A number one outlet gave for a thing (``3`` missiles), at its offsets."""

    outlet: str
    value: str
    article_id: str
    start: int
    end: int
    text: str


DifferenceKind = Literal["speaker", "name", "number"]
Claim = QuoteUse | NameSpelling | NumberValue


@dataclass(frozen=True)
class Difference(_Record):
    """Outlets that disagree: who said the same words, how a name is spelt, a number."""

    kind: DifferenceKind
    about: str
    claims: list[Claim]


@dataclass(frozen=True)
class SharedQuote(_Record):
    """The same words quoted by several outlets."""

    quote: str
    outlets: list[str]
    speakers: list[str]
    occurrences: list[QuoteUse]


@dataclass(frozen=True)
class Variant(_Record):
    """One quote worded differently by two outlets, and the word diff between them."""

    speaker: str
    a: QuoteUse
    b: QuoteUse
    diff: tuple[DiffOp, ...]


@dataclass(frozen=True)
class LeftOutQuote(_Record):
    """A direct quote other outlets used and this one did not, where it first appeared."""

    quote: str
    speaker: str
    used_by: list[str]
    occurrence: QuoteUse


@dataclass
class OutletAccount:
    outlet: str
    articles: list[ArticleInfo] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    speakers_left_out: list[str] = field(default_factory=list)
    quotes_left_out: list[LeftOutQuote] = field(default_factory=list)  # others used, not this

    def as_dict(self) -> dict[str, Any]:
        return {
            "outlet": self.outlet,
            "articles": [
                {
                    "article_id": a.id,
                    "title": a.title,
                    "published": a.published,
                    "url": a.url,
                }
                for a in self.articles
            ],
            "quotes": [q.as_dict() for q in self.quotes],
            "speakers_left_out": self.speakers_left_out,
            "quotes_left_out": [q.as_dict() for q in self.quotes_left_out],
        }


@dataclass
class Comparison:
    topic: str
    outlets: list[OutletAccount] = field(default_factory=list)
    shared_quotes: list[SharedQuote] = field(default_factory=list)
    variants: list[Variant] = field(default_factory=list)
    differences: list[Difference] = field(default_factory=list)
    markdown: str = ""
    citations: list[Citation] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "topic": self.topic,
            "outlets": [o.as_dict() for o in self.outlets],
            "shared_quotes": [q.as_dict() for q in self.shared_quotes],
            "variants": [v.as_dict() for v in self.variants],
            "differences": [d.as_dict() for d in self.differences],
        }
