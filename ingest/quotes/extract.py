"""Quote extraction: article text -> attributed ``Quote`` records (pure, deterministic).

Per sentence, each reporting cue gets its speaker and its content (the words reported,
before or after the cue). Content wholly inside marks is a direct quote, content carrying
double marks is mixed, content without them is indirect (single marks alone, as in
headlines' ``says plan is 'dead'``, do not make a quote mixed). Quoted sentences with no
cue of their own inherit the last speaker (see ``uncued``); any other quoted words
(titles, scare quotes, quotes with nobody near) yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.lexicon.function_words import ADJUNCT_OPENERS
from ingest.lexicon.marks import DOUBLE_MARKS
from ingest.quotes.content import (
    prev_char,
    reported_clause,
)
from ingest.quotes.cue_rules import JOINED, QUOTE_NEXT, attribute
from ingest.quotes.cues import Cue, find_cues, words
from ingest.quotes.marks import find_marked
from ingest.quotes.names import NameIndex
from ingest.quotes.phrases import Phrase
from ingest.quotes.state import (
    Speaker,
    State,
    add_quote,
    make_speaker,
)
from ingest.quotes.uncued import (
    carries_on,
    first_person,
    headline_speaker,
    inherit_mixed,
    inherit_source,
    trailing_attribution,
)
from ingest.records import Article, Quote
from ingest.sentences import Sentence, split_quoted

# ", and hauliers warned": a new clause with a subject and a cue of its own ends the content
_NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while)\s+(?:(?:the|a|an|some|other|many)\s+)?(?:[a-z][\w'\u2019-]*\s+){1,3}$"
)
_CLOSED_BEFORE = re.compile(
    r"[,?!](?:[\"\u201d]|'')\s+(?:[A-Z][\w.'\u2019-]*\s+){0,3}(?:[A-Z][\w.'\u2019-]*|he|she|they)"
    r"\s+(?:also\s+)?$"
)


def extract_quotes(article: Article) -> list[Quote]:
    """Every attributed quotation of ``article`` in text order (see module docstring)."""
    text = article.text
    marked = find_marked(text)
    sentences = split_quoted(text, [(m.open_start, m.close_end) for m in marked])
    st = State(text, NameIndex(text), marked, sentences=sentences)
    mi = 0
    for si, sent in enumerate(sentences):
        while mi < len(marked) and marked[mi].open_start < sent.start:
            mi += 1
        mj = mi
        while mj < len(marked) and marked[mj].open_start < sent.end:
            mj += 1
        _sentence(st, si, sent, list(range(mi, mj)))
    quotes = sorted(st.quotes, key=lambda q: (q.start, q.end))
    out: list[Quote] = []
    groups: dict[int, int] = {}
    for q in quotes:
        if out and q.start < out[-1].end:
            continue  # two cues claimed the same words: keep the first
        group = groups.setdefault(q.group, len(groups))  # groups numbered in text order
        out.append(replace(q, article_id=article.id, index=len(out), group=group))
    return out


def _sentence(st: State, si: int, sent: Sentence, mids: list[int]) -> None:
    """One sentence: its cues' attributions, then the quotes no cue claimed."""
    blocked = [(st.marked[i].open_start, st.marked[i].close_end) for i in mids]
    cues = find_cues(st.text, sent.start, sent.end, blocked)
    found: list[Speaker] = []
    for ci, cue in enumerate(cues):
        hi = _clause_end(st, cues, ci, sent.end, mids)
        floor = _after_attributed_quote(st, sent, cues[ci - 1], cue, mids) if ci else sent.start
        sp = attribute(st, si, replace(sent, end=hi), cue, mids, found, floor)
        if sp is not None:
            found.append(sp)
    if mids and mids[0] not in st.used and st.marked[mids[0]].open_start == sent.start:
        trail = trailing_attribution(st, si, sent, st.marked[mids[0]])
        if trail is not None:
            _claim_first_quote(st, mids, trail, found)
    if not found and mids:
        head = headline_speaker(st, si, sent, st.marked[mids[0]])
        if head is not None:
            _claim_first_quote(st, mids, head, found)
    _inherit_unclaimed(st, si, sent, mids, bool(cues) or bool(found))
    if found:
        st.last = found[-1]
    _announce(st, si, sent, found)


def _clause_end(st: State, cues: list[Cue], ci: int, end: int, mids: list[int]) -> int:
    """Where the words of ``cues[ci]`` may end: before the next cue's own clause (after
    a comma, "and"/"but", a new subject, a closed quote of its own), else ``end``."""
    text, cue = st.text, cues[ci]
    for nxt in cues[ci + 1 : ci + 4]:
        if text[prev_char(text, nxt.start)] == ",":
            return prev_char(text, nxt.start)
        joined = JOINED.search(text, max(cue.end, nxt.start - 14), nxt.start)
        if joined and joined.end() == nxt.start and not _bare_verb_inside(cue, nxt):
            return joined.start()
        clause = _NEW_CLAUSE.search(text, max(cue.end, nxt.start - 40), nxt.start)
        if clause and not nxt.text.endswith("ing") and cue.lemma != "according to":
            return clause.start()
        closed = _CLOSED_BEFORE.search(text, max(cue.end, nxt.start - 40), nxt.start)
        if closed:  # 'X posted: "A," she wrote': the next cue's quote ends here
            return _before_next_quote(st, cue, closed.start(), mids)
        comma = -1
        if QUOTE_NEXT.match(text, nxt.end):
            comma = text.rfind(",", max(cue.end, nxt.start - 60), nxt.start)
        if comma > 0:  # 'joked that X, but went on to say, "..."': that quote is its own
            return comma
    return end


def _before_next_quote(st: State, cue: Cue, closed: int, mids: list[int]) -> int:
    """The end of ``cue``'s words when the next cue's quote closes at ``closed``: right
    there, or before the colon that opens that quote ('X asserted that A: "B," he
    claimed': B is the next cue's, A this one's; not 'posted a note online: "B," she wrote')."""
    text = st.text
    quote = next((st.marked[i] for i in mids if st.marked[i].close_end == closed + 2), None)
    lead = text[cue.end : quote.open_start].rstrip() if quote else ""
    if (
        quote is not None
        and lead.strip(" ,:")
        and lead[-1:] in ":-\u2014"
        and not any(c in lead for c in DOUBLE_MARKS)
        and reported_clause(lead[:-1])
    ):
        return cue.end + len(lead) - 1
    return closed + 1


def _claim_first_quote(st: State, mids: list[int], speaker: Speaker, found: list[Speaker]) -> None:
    """The sentence's first quote is ``speaker``'s, attributed explicitly."""
    m0 = st.marked[mids[0]]
    found.append(speaker)
    add_quote(st, m0.start, m0.end, "direct", speaker, (), "explicit", 0.8)
    st.used.add(mids[0])


def _inherit_unclaimed(st: State, si: int, sent: Sentence, mids: list[int], cued: bool) -> None:
    """Quoted words no cue claimed: a continuation, "X said:" before, or inheritance."""
    for i in mids:
        if i in st.used:
            continue
        m = st.marked[i]
        src = inherit_source(st, si, sent, m)
        if src is None:
            if not cued and carries_on(st, si, sent, m):
                inherit_mixed(st, si, sent, mids)
            continue
        st.used.add(i)
        add_quote(st, m.start, m.end, "direct", src, (), src.method, src.confidence * 0.8)
        st.last = src


def _announce(st: State, si: int, sent: Sentence, found: list[Speaker]) -> None:
    """A sentence ending in a colon announces the next one's words: its speaker's, or
    whoever the sentence names first ("X released the following statement:", "X:")."""
    st.pending = None
    if st.text[sent.end - 1 : sent.end] != ":":
        return
    if found:
        st.pending = found[-1]
        return
    phrase = _statement_subject(st, sent)
    if phrase is not None and phrase.start - sent.start < 120:
        st.pending = make_speaker(st, si, sent, phrase, None, "explicit")
        st.pending.confidence = 0.7


def _after_attributed_quote(st: State, sent: Sentence, prev: Cue, cue: Cue, mids: list[int]) -> int:
    """Where the words before ``cue`` may start: at the first quote after ``prev`` when
    ``prev`` already has a quote of its own, right before it ('"A," she said, but ..., "B,"
    said X') or right after it ('X said ... but added, "B," X said'); else the sentence."""
    text = st.text
    nxt = next(
        (st.marked[i] for i in mids if prev.end <= st.marked[i].open_start < cue.start), None
    )
    if nxt is None:
        return sent.start
    own_after = not text[prev.end : nxt.open_start].strip(" ,:")
    own_before = any(
        st.marked[i].close_end <= prev.start
        and text[st.marked[i].close_end - 2 : st.marked[i].close_end].strip("\"'\u201d\u2019")
        in (",", "?", "!")
        and len(text[st.marked[i].close_end : prev.start].split()) <= 4
        for i in mids
    )
    return nxt.open_start if own_after or own_before else sent.start


def _statement_subject(st: State, sent: Sentence) -> Phrase | None:
    """Who gives the words a colon announces: the first person named in the main clause
    (``When Wallace died, President Clinton released this:`` skips the opening adjunct)."""
    ws = words(st.text, sent.start, min(sent.end, sent.start + 200))
    if ws and ws[0].key in ADJUNCT_OPENERS:
        comma = next((w for w in ws if w.text == ","), None)
        if comma is not None:
            phrase = first_person(st, comma.end, sent.end)
            if phrase is not None:
                return phrase
    return first_person(st, sent.start, sent.end)


def _bare_verb_inside(cue: Cue, nxt: Cue) -> bool:
    """``says he'd sit down and tell him "..."``: a bare verb after a past or -s cue goes on
    the reported clause ("and added" is the speaker's own next report)."""
    return nxt.text == nxt.lemma and cue.text != cue.lemma
