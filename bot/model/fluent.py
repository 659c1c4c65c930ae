"""Fluent answers from a language model, held to the same grounding check as extractive ones.

:class:`FluentEngine` wraps :class:`bot.answers.engine.Engine`. The engine answers first,
exactly as without a model; for open questions, what-did-X-say and compare, the spans that
answer cites (retrieved passages and extracted quotes) become numbered DATA blocks for the
model (:mod:`bot.model.blocks`), which writes the answer citing them by number
(:mod:`bot.model.writer`). Its text then passes :func:`bot.model.grounding.ground_answer`
with a speaker check over the quote index (:mod:`bot.model.speaker_check`): citations must
point at a span it was given, quoted strings must be verbatim in the span they cite, and a
sentence that gives words to a named speaker must agree with the index. Whatever fails is
removed, and the answer says so.

Verdicts are never the model's: ``verify`` (and a verify question) is the engine's, unchanged.
When the model fails, times out or cites nothing, the extractive answer is returned with a
note saying why. Streaming yields only grounded text: complete lines, checked as they arrive.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from bot.answers.engine import Engine
from bot.answers.markdown import plain
from bot.answers.records import Answer, Comparison, Verdict
from bot.model.blocks import passages_block
from bot.model.grounding import Grounded, Source, ground_answer
from bot.model.speaker_check import SpeakerClaims
from bot.model.writer import Writer
from bot.verdicts.normalise import words
from ingest.errors import ModelError
from ingest.records import Citation

WRITTEN_INTENTS = ("passages", "what_said", "compare")
R = TypeVar("R", Answer, Comparison)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # markdown links and images: keep the label
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")  # HTML tags, echoed <passage> blocks included


@dataclass
class Written:
    """A finished rewrite: the grounded text, or the extractive one with a note saying why."""

    markdown: str
    citations: list[Citation]
    removed: list[str]


def _finished(stream: Iterator[str | R], kind: type[R]) -> R:
    """The last record of a stream of partial texts and records (the finished one)."""
    final: R | None = None
    for item in stream:
        if isinstance(item, kind):
            final = item
    assert final is not None
    return final


def _sanitise(text: str) -> str:
    return _TAG.sub("", _LINK.sub(r"\1", text))


class FluentEngine:
    """The engine with a model writing the prose; same methods, same records."""

    def __init__(self, engine: Engine, writer: Writer) -> None:
        self.engine = engine
        self.writer = writer
        self._speakers: SpeakerClaims | None = None

    def invalidate(self) -> None:
        self.engine.invalidate()

    def verify(self, quote: str, speaker: str | None = None, filters: Any = None) -> Verdict:
        return self.engine.verify(quote, speaker, filters)  # the deterministic matcher only

    def ask(self, question: str, conversation: Any = None) -> Answer:
        return _finished(self.ask_stream(question, conversation), Answer)

    def ask_stream(self, question: str, conversation: Any = None) -> Iterator[str | Answer]:
        """Grounded partial texts while the model writes, then the finished :class:`Answer`."""
        answer = self.engine.ask(question, conversation)
        if answer.intent == "passages" and not answer.citations:
            answer = self._search_again(answer)
        if answer.intent not in WRITTEN_INTENTS or not answer.citations:
            yield answer
            return
        if answer.intent == "compare":
            task, values = "compare", {"topic": question}
        else:
            task, values = "answer", {"question": question}
        for item in self._write(task, values, answer.markdown, answer.citations):
            if isinstance(item, Written):
                yield replace(
                    answer, markdown=item.markdown, citations=item.citations, removed=item.removed
                )
            else:
                yield item

    def compare(self, topic: str, filters: Any = None) -> Comparison:
        return _finished(self.compare_stream(topic, filters), Comparison)

    def compare_stream(self, topic: str, filters: Any = None) -> Iterator[str | Comparison]:
        comp = self.engine.compare(topic, filters)
        if not comp.citations:
            yield comp
            return
        for item in self._write("compare", {"topic": topic}, comp.markdown, comp.citations):
            if isinstance(item, Written):
                comp.markdown, comp.citations = item.markdown, item.citations
                yield comp
            else:
                yield item

    def _search_again(self, answer: Answer) -> Answer:
        """Query understanding: the model restates a question retrieval found nothing for."""
        try:
            query = " ".join(self.writer.complete("query", question=answer.question).split())
        except ModelError:
            return answer
        query = _sanitise(query)[:200]
        if not words(query).tokens:
            return answer
        again = self.engine.ask(query)
        if again.intent != "passages" or not again.citations:
            return answer
        return replace(again, question=answer.question)

    def _claims(self) -> SpeakerClaims:
        index = self.engine.index
        if self._speakers is None or self._speakers.index is not index:
            self._speakers = SpeakerClaims(index)  # rebuilt when the store (index) changed
        return self._speakers

    def _ground(self, text: str, citations: list[Citation]) -> Grounded:
        sources = [Source(c.article_id, c.start, c.end, c.text) for c in citations]
        return ground_answer(_sanitise(text), citations, sources, self._claims(), single_marks=True)

    def _write(
        self, task: str, values: dict[str, str], markdown: str, citations: list[Citation]
    ) -> Iterator[str | Written]:
        block = passages_block(citations, self.engine.index)
        text, shown = "", 0
        try:
            for piece in self.writer.stream(task, passages=block, **values):
                text = (text + piece).lstrip()
                cut = text.rfind("\n")
                if cut > shown:
                    shown = cut
                    yield self._ground(text[:cut], citations).body  # without the end notes
        except ModelError as exc:
            yield self._fallback(markdown, citations, str(exc))
            return
        g = self._ground(text.strip(), citations)
        if not re.search(r"\[\d+\]", g.markdown):
            reason = "its answer cited none of the passages"
            if g.removed:
                reason = f"the grounding check removed all it cited ({len(g.removed)} item(s))"
            yield self._fallback(markdown, citations, reason)
            return
        yield Written(g.markdown, g.citations, g.removed)

    def _fallback(self, markdown: str, citations: list[Citation], reason: str) -> Written:
        note = (
            f"_The language model ({plain(str(self.writer.spec))}) was not used: "
            f"{plain(reason)}. This is the extractive answer._"
        )
        return Written(f"{markdown}\n\n{note}", list(citations), [])
