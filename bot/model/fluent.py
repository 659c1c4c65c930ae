"""Fluent answers from a language model, held to the same grounding check as extractive ones.

:class:`FluentEngine` wraps :class:`bot.engine.Engine`. The engine answers first, exactly as
without a model; for open questions, what-did-X-say and compare, the spans that answer cites
(retrieved passages and extracted quotes) become numbered DATA blocks for the model, which
writes the answer citing them by number. Its text then passes :func:`bot.grounding.ground_answer`
with a speaker check over the quote index: citations must point at a span it was given,
quoted strings must be verbatim in the span they cite, and a sentence that gives words to a
named speaker must agree with the index. Whatever fails is removed, and the answer says so.

Verdicts are never the model's: ``verify`` (and a verify question) is the engine's, unchanged.
When the model fails, times out or cites nothing, the extractive answer is returned with a
note saying why. Streaming yields only grounded text: complete lines, checked as they arrive.
"""

from __future__ import annotations

import html
import re
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.answers.engine import Engine
from bot.answers.markdown import plain
from bot.answers.records import Answer, Comparison, Verdict
from bot.index.quote_index import ANYWHERE, Entry, QuoteIndex
from bot.model.grounding import (
    NAME_RUN,
    SPEECH,
    SUBJECT_PRONOUNS,
    Claimed,
    Grounded,
    Said,
    Source,
    claimed_speaker,
    ground_answer,
    outside_quotes,
    unescape,
)
from bot.model.llm import ModelSpec, check_spec, make_chat_model, parse_spec, stream_text
from bot.model.prompts import Prompts, load_prompts
from bot.verdicts.normalise import words
from bot.verdicts.verify import Occurrence, find_occurrences
from ingest.errors import ModelError
from ingest.quotes.constants import DETERMINERS
from ingest.records import Citation

WRITTEN_INTENTS = ("passages", "what_said", "compare")
KIND_NAMES = {"direct": "direct", "fragment": "direct", "mixed": "mixed", "indirect": "reported"}
_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")  # markdown links and images: keep the label
_TAG = re.compile(r"</?[A-Za-z][^>\n]*>")  # HTML tags, echoed <passage> blocks included


# --------------------------------------------------------------------------- the model
class Writer:
    """Prompts, a chat model (created on first use) and the time it may take per answer."""

    def __init__(
        self,
        spec: str | ModelSpec,
        timeout: float = 60.0,
        prompts: Prompts | None = None,
        model: Any = None,
    ) -> None:
        parsed = spec if isinstance(spec, ModelSpec) else parse_spec(spec)
        if parsed is None:
            raise ValueError(
                "Writer needs a model spec; leave the model out for extractive answers"
            )
        self.spec = parsed
        self.timeout = timeout
        self.prompts = prompts or load_prompts()  # checked now, at start-up
        if model is None:
            check_spec(parsed)  # a missing package or key is reported at start-up too
        self._model = model
        self._lock = threading.Lock()
        # An in-process model (llama.cpp) runs one generation at a time: one that ran past
        # its deadline holds this until it really ends, and a new request meanwhile falls
        # back at once instead of driving the same model concurrently.
        self._running = threading.Lock() if parsed.in_process else None

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = make_chat_model(self.spec, self.timeout)
            return self._model

    def stream(self, task: str, **values: str) -> Iterator[str]:
        messages = self.prompts.messages(task, **values)
        return stream_text(self.model, messages, self.timeout, str(self.spec), self._running)

    def complete(self, task: str, **values: str) -> str:
        return "".join(self.stream(task, **values))


def make_writer(spec: str, timeout: float) -> Writer | None:
    """The writer for ``QUOTECHECK_LLM``, or ``None`` when it is empty (extractive answers)."""
    parsed = parse_spec(spec)
    return Writer(parsed, timeout) if parsed is not None else None


# ------------------------------------------------------------------------ the data blocks
def _attr(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def _body(text: str) -> str:
    """Article text inside a block: ``<``, ``>`` and ``&`` escaped, so it cannot close it."""
    return html.escape(text, quote=False)


def _quotes_in(index: QuoteIndex, c: Citation) -> list[Entry]:
    """Quote entries of the index inside (or around) a cited span."""
    out = []
    for i in index.by_article.get(c.article_id, []):
        e = index.entries[i]
        if e.kind != "text" and e.quote is not None and e.start < c.end and e.end > c.start:
            out.append(e)
    return out


def passages_block(citations: Sequence[Citation], index: QuoteIndex) -> str:
    """The spans given to the model, numbered like the answer's citations, as DATA blocks."""
    blocks = []
    for n, c in enumerate(citations, 1):
        attrs = f'id="{n}" outlet="{_attr(c.outlet)}" date="{_attr(c.published)}"'
        attrs += f' title="{_attr(c.title)}"'
        quotes = _quotes_in(index, c)
        own = [e for e in quotes if e.start <= c.start and e.end >= c.end]
        if own and own[0].speaker_key:
            e = own[0]
            kind = KIND_NAMES.get(e.quote.kind if e.quote else e.kind, "reported")
            attrs += f' speaker="{_attr(index.display_name(e.speaker_key))}" kind="{kind}"'
            blocks.append(f"<passage {attrs}>\n{_body(c.text)}\n</passage>")
            continue
        inner = [
            f'<quote speaker="{_attr(index.display_name(e.speaker_key))}" '
            f'kind="{KIND_NAMES.get(e.quote.kind, "reported")}">{_body(e.text)}</quote>'
            for e in quotes
            if e.speaker_key and e.quote is not None
        ]
        quoted = ("\n<quotes>\n" + "\n".join(inner) + "\n</quotes>") if inner else ""
        blocks.append(f"<passage {attrs}>\n{_body(c.text)}{quoted}\n</passage>")
    return "\n\n".join(blocks)


# ---------------------------------------------------------------------- speaker claims
class SpeakerClaims:
    """Checks a sentence's attributions against the quote index (``ground_answer(speakers=)``).

    A verified quote that a speech verb attributes (:func:`bot.grounding.claimed_speaker`)
    must be the claimed speaker's in the index. A name must be one of theirs (name, alias,
    surname); any other name, one the index has never seen included, is wrong. A pronoun must
    point back at one of their names in the answer, or, with no name before it, be the word
    the article itself uses for the speaker of that quote; a title phrase must be the article's
    own words for that speaker. A quote with no attribution beside it, and reported speech,
    are checked against the index's names the sentence mentions.
    """

    def __init__(self, index: QuoteIndex) -> None:
        self.index = index
        forms: dict[str, set[str]] = {}
        for key, info in index.speakers.items():
            for alias in {info.name, *info.aliases}:
                names = alias.split()
                for form in (alias, names[-1] if len(names) > 1 else ""):
                    if len(form) >= 3 and form[:1].isupper():
                        forms.setdefault(form, set()).add(key)
        self.forms = forms
        alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
        self.pattern = re.compile(rf"\b(?:{alternation})\b") if forms else None
        self.outlets = {o.lower() for o in index.outlets}

    def named(self, sentence: str) -> set[str]:
        if self.pattern is None:
            return set()
        outside = outside_quotes(sentence)
        return {k for m in self.pattern.finditer(outside) for k in self.forms[m.group(0)]}

    def owners(self, quoted: str) -> tuple[set[str], set[str], list[Occurrence]]:
        """Who the index records saying these words (exactly; in reported speech), and every
        verbatim occurrence of them (none: the articles do not hold them)."""
        claim = words(unescape(quoted)).tokens
        if not claim:
            return set(), set(), []
        occ = [
            o for o in find_occurrences(self.index, claim, ANYWHERE) if o.match.kind == "verbatim"
        ]
        exact = {o.entry.speaker_key for o in occ if o.exact_words and o.entry.speaker_key}
        reported = {
            o.entry.speaker_key for o in occ if o.entry.kind == "reported" and o.entry.speaker_key
        }
        return exact, reported, occ

    def _names(self, keys: set[str]) -> str:
        return " or ".join(sorted(plain(self.index.display_name(k)) for k in keys))

    def _verdict(self, keys: set[str], exact: set[str], reported: set[str]) -> str | None:
        """Why words the index records as ``exact``/``reported`` are not ``keys``' own."""
        if exact & keys:
            return None
        if reported & keys:
            return (
                f"these are the reporter's words for what {self._names(reported & keys)} "
                "said, not exact words"
            )
        if exact:
            return f"the quote index attributes these words to {self._names(exact)}"
        return "these are the reporter's words, not a quotation"

    def _antecedent(self, text: str) -> set[str] | None:
        """The speakers the last name in ``text`` may mean (empty for a name the index does
        not know); ``None`` when ``text`` names nobody."""
        last: list[str] = []
        for m in NAME_RUN.finditer(outside_quotes(text)):
            name = re.sub(r"['’]s$", "", m.group()).split()  # Thorne's plan: Thorne
            while name and name[0].lower() in DETERMINERS | SUBJECT_PRONOUNS:
                name.pop(0)
            joined = " ".join(name)
            if joined.lower() in self.outlets or (len(name) == 1 and joined not in self.forms):
                continue  # an outlet, a place, a sentence's first word
            last = name or last
        return set(self.index.find_speakers(" ".join(last))) if last else None

    def _claimed(self, claim: Claimed, quoted: str, before: str) -> str | None:
        exact, reported, occ = self.owners(quoted)
        if not occ:
            return None  # not in the articles at all: nothing to check it against
        said_as = [o.entry.quote for o in occ if o.exact_words and o.entry.quote is not None]
        keys: set[str] = set()
        if claim.kind == "pronoun":
            found = self._antecedent(before)
            if found is None and any(q.speaker.strip().lower() == claim.form for q in said_as):
                return None  # "she said", as the article says it
            keys = found or set()
        elif claim.kind == "title":
            wanted = set(words(claim.form).tokens) - DETERMINERS
            if wanted and any(
                wanted <= set(words(f"{q.speaker} {q.role}").tokens) for q in said_as
            ):
                return None  # "the mayor said", as the article says it
        elif claim.form.lower() in self.outlets and not exact:
            return None  # the outlet's own (reporter's) words
        else:
            keys = set(self.index.find_speakers(claim.form))
        return self._verdict(keys, exact, reported)

    def __call__(self, said: Said) -> str | None:
        sentence = said.sentence
        named = self.named(sentence)
        for q in said.quotes:
            claim = claimed_speaker(sentence, q, said.quotes)
            if claim is not None:
                reason = self._claimed(claim, q.words, said.before + sentence[: q.start])
            else:
                exact, reported, occ = self.owners(q.words) if named else (set(), set(), [])
                reason = self._verdict(named, exact, reported) if occ else None
            if reason is not None:
                return reason
        if said.quotes or not named or not SPEECH.search(sentence):
            return None
        if not said.cited:
            if re.search(r"[.!?][”\"’»]?\s*$", sentence):  # a finished claim, not "X said:"
                return "no cited passage records it"
            return None
        spoke: set[str] = set()
        for c in said.cited:
            entries = _quotes_in(self.index, c)
            if not entries:
                return None  # a passage of reporting: the claim cannot be checked here
            spoke |= {e.speaker_key for e in entries if e.speaker_key}
        if spoke and not (spoke & named):
            return f"the cited passage records words of {self._names(spoke)}"
        return None


# ------------------------------------------------------------------------- the wrapper
@dataclass
class Written:
    """A finished rewrite: the grounded text, or the extractive one with a note saying why."""

    markdown: str
    citations: list[Citation]
    removed: list[str]


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
        final: Answer | None = None
        for item in self.ask_stream(question, conversation):
            if isinstance(item, Answer):
                final = item
        assert final is not None
        return final

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
        final = self.compare_stream(topic, filters)
        result: Comparison | None = None
        for item in final:
            if isinstance(item, Comparison):
                result = item
        assert result is not None
        return result

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
