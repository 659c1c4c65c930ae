"""What every extraction test checks first: each span of each quote points at its text."""

from __future__ import annotations

from ingest.pipeline import check_quotes
from ingest.quotes import extract_quotes
from ingest.records import Article, Quote


def extracted(text: str) -> list[Quote]:
    """The quotes of ``text``, after the same span check ingest applies, in article order."""
    article = Article(id="t", title="t", text=text)
    found = extract_quotes(article)
    check_quotes(article, found)
    assert [q.index for q in found] == list(range(len(found)))
    return found


def kind_speaker_cue_quote(text: str) -> list[tuple[str, str, str, str]]:
    return [(q.kind, q.speaker, q.cue, q.text) for q in extracted(text)]


def quads(text: str) -> list[tuple[str, str, str, str]]:
    return [(q.speaker, q.role, q.cue, q.text) for q in extracted(text)]


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.cue, q.text) for q in extracted(text)]


def speakers_resolved(text: str) -> list[tuple[str, str, str]]:
    """Each quote's speaker as written, its canonical name and how it was found."""
    return [(q.speaker, q.canonical_speaker, q.method) for q in extracted(text)]
