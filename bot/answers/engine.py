"""The answer engine: questions in, grounded answers out (extractive, no language model).

``Engine.ask`` reads the question (``bot.question``), runs the path for its intent, composes
markdown with citations (``bot.answers.markdown``) and passes it through the grounding check
(``bot.model.grounding``) that every path shares. ``verify`` and ``compare`` are the same paths
called directly. The quote index is built on first use and rebuilt when the store changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.answers.compare import build_comparison
from bot.answers.markdown import (
    NOT_FOUND,
    Composer,
    attribution_note,
    language_note,
    plain,
    render_diff,
    suggestion,
)
from bot.answers.question import Conversation, Parsed, parse_question
from bot.answers.records import Answer, Comparison, QuoteResult, QuoteUse, Verdict
from bot.answers.topic import topic_relevance
from bot.index.holder import IndexHolder
from bot.index.quote_index import Entry, QuoteIndex, Scope
from bot.index.retrieval import HybridRetriever, diverse
from bot.verdicts.normalise import content_words, words
from bot.verdicts.text import verdict_markdown
from bot.verdicts.verify import (
    attributions,
    closest,
    decide,
    find_occurrences,
    gapped_occurrences,
    in_quotation_marks,
    majority_first,
    named_keys,
    provenance,
)
from ingest.embedder import Embedder, LangChainEmbeddings
from ingest.errors import InputError
from ingest.store import ArticleStore, metadata_where, stored_outlets

KIND_LABEL = {"direct": "said", "mixed": "said (reported, quoted words in marks)"}

NOTHING_TO_CHECK = (
    "The claim has no word that carries meaning (only words like “the” or “of”), so there is "
    "nothing to check; give the words you want checked."
)


def scope_of(filters: Any) -> Scope:
    """A :class:`Scope` from ``bot.service.Filters`` (or anything with the same fields)."""
    if filters is None:
        return Scope()
    return Scope(tuple(filters.outlets), filters.since, filters.until)


def where_of(scope: Scope) -> dict[str, Any] | None:
    return metadata_where(scope.outlets, scope.since, scope.until)


def _describe(scope: Scope) -> str:
    parts = []
    if scope.outlets:
        parts.append("in " + ", ".join(plain(o) for o in scope.outlets))
    if scope.since or scope.until:
        parts.append(f"between {scope.since or 'the start'} and {scope.until or 'now'}")
    return (" (" + "; ".join(parts) + ")") if parts else ""


MIN_COMMON_WORDS = 3  # a claim of common words only ("It is what it is") needs this many


class Engine:
    def __init__(
        self, store: ArticleStore, embedder: Embedder, today: dt.date | None = None
    ) -> None:
        self.store = store
        self.embedder = embedder
        self.embeddings = LangChainEmbeddings(embedder)
        self.today = today
        self.holder = IndexHolder(store)
        self.retriever = HybridRetriever(store, self._embed, self.holder.get)

    def invalidate(self) -> None:
        """Forget the quote index: the next question waits for a new one (after a removal)."""
        self.holder.invalidate()

    def refresh(self) -> None:
        """Rebuild the quote index now (after an ingest); questions meanwhile use the old one."""
        self.holder.refresh()

    @property
    def index(self) -> QuoteIndex:
        return self.holder.get()

    def _embed(self, text: str) -> list[float]:
        return self.embeddings.embed_query(text)

    def _scope(self, limits: Any) -> Scope:
        """The limits of a question, ``Filters`` or a ``Scope``, outlets as the store spells
        them (the dense search's filter matches exactly; the index's scope ignores case)."""
        scope = limits if isinstance(limits, Scope) else scope_of(limits)
        return replace(scope, outlets=stored_outlets(scope.outlets, self.index.outlets))

    # ---------------------------------------------------------------------- ask
    def ask(self, question: str, conversation: Conversation | None = None) -> Answer:
        if not question.strip():
            raise InputError("ask", "the question is empty; type a question")
        index = self.index
        parsed = parse_question(
            question, index.outlets, self.today, index.years, conversation=conversation
        )
        scope = self._scope(parsed)
        if parsed.intent == "who_said" and parsed.quote:
            answer = self._who_said(parsed, scope)
            if parsed.bare and not answer.citations:  # a statement that is no one's quote
                answer = self._passages(replace(parsed, topic=parsed.quote), scope)
        elif parsed.intent == "verify" and parsed.quote:
            v = self.verify(parsed.quote, parsed.speaker, scope)
            quotes = [QuoteResult(e.quote, e.article, e.score) for e in v.evidence if e.quote]
            answer = Answer(question, "verify", v.markdown, quotes, v.citations, verdict=v)
        elif parsed.intent == "what_said":
            answer = self._what_said(parsed, scope, conversation)
        elif parsed.intent == "compare" and parsed.topic:
            c = self.compare(parsed.topic, scope)
            answer = Answer(question, "compare", c.markdown, citations=c.citations)
        else:
            answer = self._passages(parsed, scope)
        if conversation is not None:
            conversation.last = parsed
            conversation.outlets_seen = tuple(
                dict.fromkeys([*conversation.outlets_seen, *(c.outlet for c in answer.citations)])
            )
            conversation.shown |= {q.quote.id for q in answer.quotes}
            if answer.intent in ("who_said", "verify"):
                # "What else did she say?" means the speaker this answer named, or nobody
                conversation.speaker_key = next(
                    (key for q in answer.quotes if (key := index.key_of(q.quote))), ""
                )
        if note := language_note(question):
            answer.markdown = f"{note}\n\n{answer.markdown}"
        return answer

    def _who_said(self, parsed: Parsed, scope: Scope) -> Answer:
        claim = words(parsed.quote).tokens
        index = self.index
        occ = gapped_occurrences(index, parsed.quote, scope) or find_occurrences(
            index, claim, scope
        )
        quoted = [o for o in occ if o.entry.kind != "text" and o.entry.speaker_key]
        verbatim = [o for o in quoted if o.match.kind == "verbatim" and o.entry.kind != "reported"]
        disputed = attributions(index, verbatim)
        if len(disputed) > 1:  # the articles disagree: the most-credited speaker first
            quoted = majority_first(index, verbatim) + [o for o in quoted if o not in verbatim]
        c = Composer()
        quotes: list[QuoteResult] = []
        if quoted:
            best = quoted[0]
            key = best.entry.speaker_key
            same = [o for o in quoted if o.entry.speaker_key == key]
            same.sort(
                key=lambda o: (o.match.kind != best.match.kind, o.entry.article.published or "9999")
            )
            name = plain(index.display_name(key))
            if best.match.kind == "verbatim" and best.entry.kind != "reported":
                c.add(f"**{name}** said it.")
            elif best.entry.kind == "reported":
                c.add(
                    f"**{name}** said something like this, in the reporter's words "
                    "(not a direct quotation)."
                )
            else:
                c.add(
                    f"The closest quotation is by **{name}**; the wording differs: "
                    + render_diff(best.match.diff)
                )
            c.add("")
            seen: set[str] = set()
            for o in same:
                if o.entry.article.id in seen:
                    continue
                seen.add(o.entry.article.id)
                quotes.append(QuoteResult.of(o.entry, o.match.score))
                c.add(f"- {self._quote_line(c, o.entry)} ({c.source(o.entry.article)})")
            others = [o for o in quoted if o.entry.speaker_key != key]
            for o in others[:3]:
                quotes.append(QuoteResult.of(o.entry, o.match.score))
            if len(disputed) > 1:
                c.add("", attribution_note(disputed))
            elif others:
                names = sorted({plain(index.display_name(o.entry.speaker_key)) for o in others})
                c.add("", "Similar words are also attributed to: " + ", ".join(names) + ".")
        elif occ:
            o = occ[0]
            s, e = o.entry.words.span(o.match.first, o.match.last)
            marked = o.entry.kind != "text" or in_quotation_marks(o.entry, s)
            c.add(
                "These words appear in the articles in quotation marks, but I could not tell "
                "who said them:"
                if marked
                else "These words appear in the articles as the reporter's own words, not as "
                "anyone's quotation:",
                "",
                c.excerpt(o.entry.article, s, e, o.entry.slice(s, e)),
                f"({c.source(o.entry.article)})",
            )
        else:
            c.add(NOT_FOUND + _describe(scope))
        g = c.finish()
        return Answer(parsed.text, "who_said", g.markdown, quotes, g.citations, removed=g.removed)

    def _quote_line(self, c: Composer, e: Entry) -> str:
        """A quote as shown: direct words in marks; mixed/indirect as reported speech."""
        q = e.quote
        assert q is not None
        # a description ("the city's mayor") named only by other articles says so
        # (no quotation marks: the grounding check would take the phrase for a quote)
        via = (
            f" (speaker written as: {plain(q.speaker)}; {e.speaker_link.how})"
            if e.speaker_link
            else ""
        )
        if q.kind == "direct":
            return c.quote(e.article, q.start, q.end, q.text) + via
        if q.kind == "mixed" and q.fragments:
            frags = " … ".join(c.quote(e.article, f.start, f.end, f.text) for f in q.fragments)
            return f"reported, with the quoted words {frags}{via}"
        n = c.cite(e.article, q.start, q.end, q.text)
        return f"reported (not exact words): {plain(q.text)} [{n}]{via}"

    def _what_said(self, parsed: Parsed, scope: Scope, conversation: Conversation | None) -> Answer:
        index = self.index
        keys: Sequence[str]
        if parsed.follow_up == "more" and conversation is not None and conversation.speaker_key:
            keys = [conversation.speaker_key]
        else:
            keys = self._role_holders(parsed.speaker, index.find_speakers(parsed.speaker))
        c = Composer()
        if not keys and not parsed.speaker.strip():
            c.add("Whom do you mean? Ask again with the speaker's name: What did (name) say?")
            g = c.finish()
            return Answer(parsed.text, "what_said", g.markdown, [], g.citations)
        if not keys:
            c.add(f"I could not find anyone called {plain(parsed.speaker)} in the loaded articles.")
            g = c.finish()
            return Answer(parsed.text, "what_said", g.markdown, [], g.citations)
        key = keys[0]
        if conversation is not None:
            conversation.speaker_key = key
        skip = conversation.shown if (conversation and parsed.follow_up == "more") else set()
        entries = [
            e
            for e in index.speaker_entries(key, scope)
            if e.kind in ("direct", "reported") and e.quote and e.quote.id not in skip
        ]
        relevance: dict[str, float] = {}
        if content_words(words(parsed.topic).tokens):
            relevance = topic_relevance(index, entries, parsed.topic)
            entries = [e for e in entries if e.quote and relevance.get(e.quote.id, 0) > 0]
        order = {"direct": 0, "mixed": 1, "indirect": 2}

        def rank(e: Entry) -> tuple[int, float, str, int]:
            q = e.quote
            assert q is not None
            return (order[q.kind], -relevance.get(q.id, 0), e.article.published or "9999", e.start)

        entries.sort(key=rank)
        name = plain(index.display_name(key))
        about = f" about {plain(parsed.topic)}" if parsed.topic else ""
        if not entries:
            more = "else " if skip else ""
            c.add(
                f"I found nothing {more}that {name} said{about} in the loaded articles"
                f"{_describe(scope)}."
            )
            g = c.finish()
            return Answer(parsed.text, "what_said", g.markdown, [], g.citations)
        c.add(f"**{name}**{about}{_describe(scope)}:", "")
        if len(keys) > 1 and parsed.follow_up != "more":
            c.add(self._ambiguous(parsed.speaker, keys), "")
        quotes = []
        for e in entries[:8]:
            assert e.quote is not None
            quotes.append(QuoteResult.of(e, relevance.get(e.quote.id, 0.0)))
            c.add(f"- {self._quote_line(c, e)} ({c.source(e.article)})")
        if len(entries) > 8:
            c.add("", f"{len(entries) - 8} more; ask {suggestion('What else did they say?')}")
        g = c.finish()
        return Answer(parsed.text, "what_said", g.markdown, quotes, g.citations, removed=g.removed)

    def _role_holders(self, asked: str, keys: Sequence[str]) -> list[str]:
        """``keys``, then everyone else quoted with the role of a description ("the mayor":
        an article's "the mayor" is one person, the asker's may be any mayor)."""
        words = asked.split()
        if len(words) != 2 or words[0].casefold() != "the":
            return list(keys)
        return [*keys, *(k for k in self.index.find_speakers(words[1]) if k not in keys)]

    def _ambiguous(self, asked: str, keys: Sequence[str]) -> str:
        """The note of an answer that picked one of several people the asked name may mean
        (two mayors): whom it picked, and how to ask for each of the others."""
        names = [plain(self.index.display_name(k)) for k in keys]
        others = "; ".join(
            suggestion(f"What did {self.index.display_name(k)} say?") for k in keys[1:]
        )
        return (
            f"*{plain(asked)}* may mean {', '.join(names[:-1])} or {names[-1]}; these are the "
            f"words of {names[0]} (the most quoted). For the others ask {others}"
        )

    def _passages(self, parsed: Parsed, scope: Scope) -> Answer:
        hits = diverse(
            self.retriever.search(parsed.topic or parsed.text, scope, where_of(scope)), 4
        )
        c = Composer()
        if not hits:
            c.add(NOT_FOUND + _describe(scope))
        else:
            c.add("From the loaded articles:", "")
            for h in hits:
                p = h.passage
                c.add(f"{c.source(h.article)}:", c.excerpt(h.article, p.start, p.end, p.text), "")
        g = c.finish()
        return Answer(parsed.text, "passages", g.markdown, [], g.citations, removed=g.removed)

    # ------------------------------------------------------------------- verify
    def verify(self, quote: str, speaker: str | None = None, filters: Any = None) -> Verdict:
        claim = words(quote).tokens
        if not claim:
            raise InputError("verify", "the quote has no words; give the words to check")
        if not content_words(claim) and len(claim) < MIN_COMMON_WORDS:  # "the", "of the"
            v = Verdict(quote, speaker or "", "not_found", note=NOTHING_TO_CHECK)
            v.markdown = f"**Not found.** {NOTHING_TO_CHECK}"
            return v
        scope = self._scope(filters)
        index = self.index
        named = named_keys(index, speaker) if speaker else set()
        occ = gapped_occurrences(index, quote, scope) or find_occurrences(
            index, claim, scope, speakers=sorted(named)
        )

        def dense() -> list[Any]:
            if not content_words(claim):  # only stop words: verbatim or nothing
                return []
            vector = self._embed(quote)
            return self.store.query_quotes(vector, 10, where_of(scope), index.articles)

        d = decide(index, occ, speaker or "", dense, named, claim=quote, scope=scope)
        v = Verdict(quote, speaker or "", d.verdict, d.found_speaker, evidence=d.evidence)
        v.attributions = d.attributions
        if d.verdict == "altered" and d.evidence:
            v.diff = d.evidence[0].diff
        v.provenance = provenance(d.evidence)
        if d.verdict == "not_found":
            v.candidates = closest(index, claim, scope)
        verdict_markdown(v, _describe(scope))
        return v

    # ------------------------------------------------------------------ compare
    def compare(self, topic: str, filters: Any = None) -> Comparison:
        if not topic.strip():
            raise InputError("compare", "the topic is empty; name an event to compare")
        scope = self._scope(filters)
        index = self.index
        hits = [h for h in self.retriever.search(topic, scope, where_of(scope), k=30) if h.relevant]
        ids = list(dict.fromkeys(h.article.id for h in hits))
        comp = build_comparison(topic, index, ids)
        c = Composer()
        if not comp.outlets:
            c.add(NOT_FOUND + _describe(scope))
        else:
            infos = {a.id: a for acc in comp.outlets for a in acc.articles}
            c.add(f"**Accounts of {plain(topic)}** in {len(comp.outlets)} outlet(s):", "")
            for acc in comp.outlets:
                titles = "; ".join(c.source(a) for a in acc.articles)
                c.add(f"### {plain(acc.outlet or 'unknown outlet')}", titles)
                for q in [q for q in acc.quotes if q.quote.kind == "direct"][:4]:
                    name = plain(q.speaker_name or "unattributed")
                    c.add(
                        f"- {name}: " + c.quote(q.article, q.quote.start, q.quote.end, q.quote.text)
                    )
                if acc.speakers_left_out:
                    c.add(
                        "- Not quoted here: " + ", ".join(plain(s) for s in acc.speakers_left_out)
                    )
                for left in acc.quotes_left_out[:3]:
                    o = left.occurrence
                    shown = c.quote(infos[o.article_id], o.start, o.end, o.text)
                    by = plain(left.speaker or "unattributed")
                    used = ", ".join(plain(x) for x in left.used_by)
                    c.add(f"- Left out here: {by}, {shown} (used by {used})")
                c.add("")
            self._comparison_details(c, comp)
        g = c.finish()
        comp.markdown, comp.citations = g.markdown, g.citations
        return comp

    def _comparison_details(self, c: Composer, comp: Comparison) -> None:
        infos = {a.id: a for acc in comp.outlets for a in acc.articles}
        if comp.shared_quotes:
            c.add("**Quoted by several outlets:**")
            for s in comp.shared_quotes[:5]:
                o = s.occurrences[0]
                text = c.quote(infos[o.article_id], o.start, o.end, o.text)
                c.add(f"- {text}: " + ", ".join(plain(x) for x in s.outlets))
            c.add("")
        if comp.variants:
            c.add("**The same quote worded differently:**")
            for var in comp.variants[:5]:
                a, b = var.a, var.b
                qa = c.quote(infos[a.article_id], a.start, a.end, a.text)
                qb = c.quote(infos[b.article_id], b.start, b.end, b.text)
                c.add(f"- {plain(a.outlet)}: {qa}; {plain(b.outlet)}: {qb}")
                change = f"{plain(a.outlet)} → {plain(b.outlet)}"
                c.add(f"  - the difference, {change}: {render_diff(var.diff)}")
            c.add("")
        if comp.differences:
            c.add("**Differences:**")
            for d in comp.differences[:8]:
                parts = []
                for cl in d.claims:
                    info = infos[cl.article_id]
                    if d.kind == "name":  # a name as written, cited but not a quotation
                        n = c.cite(info, cl.start, cl.end, cl.text)
                        parts.append(f"{plain(cl.outlet)}: {plain(cl.text)} [{n}]")
                        continue
                    q = c.quote(info, cl.start, cl.end, cl.text)
                    said_by = cl.speaker if isinstance(cl, QuoteUse) else ""
                    label = plain(said_by) if d.kind == "speaker" else ""
                    parts.append(f"{plain(cl.outlet)}: {q}" + (f" ({label})" if label else ""))
                c.add(f"- {d.kind} ({plain(d.about[:60])}): " + "; ".join(parts))
