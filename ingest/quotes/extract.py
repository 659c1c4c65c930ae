"""Quote extraction: article text -> attributed ``Quote`` records (pure, deterministic).

Per sentence, each reporting cue gets its speaker and its content (the words reported,
before or after the cue). Content wholly inside marks is a direct quote, content carrying
marks is mixed, content without marks is indirect. Quoted sentences with no cue of their
own inherit the last speaker when they open a sentence in the same or the next paragraph;
any other quoted words (titles, scare quotes, quotes with nobody near) yield nothing.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ingest.quotes.attribution import (
    Cue,
    Phrase,
    clause_subject,
    find_cues,
    skip_object,
    speaker_after,
    strip_quote_chars,
    subject_before,
)
from ingest.quotes.constants import TITLE_INTRODUCERS, word_set
from ingest.quotes.content import (
    OPEN_CHARS,
    after_content,
    before_content,
    is_question,
    prev_char,
)
from ingest.quotes.marks import Marked, find_marked
from ingest.quotes.names import NameIndex
from ingest.quotes.segments import Sentence, split_sentences
from ingest.quotes.state import Speaker, State, add_quote, emit_content, make_speaker
from ingest.records import Article, Quote

_JOINED = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?")
_NOT_VERBS = word_set(
    """
    is was has does goes needed seemed appeared remained
    """
)


def extract_quotes(article: Article) -> list[Quote]:
    """Every attributed quotation of ``article`` in text order (see module docstring)."""
    text = article.text
    marked = find_marked(text)
    sentences = split_sentences(text, marked)
    st = State(text, NameIndex(text), marked)
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
    text = st.text
    blocked = [(st.marked[i].open_start, st.marked[i].close_end) for i in mids]
    cues = find_cues(text, sent.start, sent.end, blocked)
    found: list[Speaker] = []
    for ci, cue in enumerate(cues):
        hi = sent.end
        for nxt in cues[ci + 1 :]:
            if text[prev_char(text, nxt.start)] == ",":
                hi = prev_char(text, nxt.start)
                break
            joined = _JOINED.search(text, max(cue.end, nxt.start - 14), nxt.start)
            if joined and joined.end() == nxt.start:  # "... and added, ..."
                hi = joined.start()
                break
        sp = _attribute(st, si, replace(sent, end=hi), cue, mids, found)
        if sp is not None:
            found.append(sp)
    if mids and mids[0] not in st.used and st.marked[mids[0]].open_start == sent.start:
        trail = _trailing_attribution(st, si, sent, st.marked[mids[0]])
        if trail is not None:
            found.append(trail)
            m0 = st.marked[mids[0]]
            add_quote(st, m0.start, m0.end, "direct", trail, (), "explicit", 0.8)
            st.used.add(mids[0])
    if not found and mids:
        head = _headline_speaker(st, si, sent, st.marked[mids[0]])
        if head is not None:
            found.append(head)
            add_quote(
                st,
                st.marked[mids[0]].start,
                st.marked[mids[0]].end,
                "direct",
                head,
                (),
                "explicit",
                0.8,
            )
            st.used.add(mids[0])
    # quoted words no cue claimed: continuation, "X said:" before, or inheritance
    for i in mids:
        if i in st.used:
            continue
        m = st.marked[i]
        src = _inherit_source(st, si, sent, m)
        if src is None:
            continue
        st.used.add(i)
        add_quote(st, m.start, m.end, "direct", src, (), src.method, src.confidence * 0.8)
        st.last = src
    if found:
        st.last = found[-1]
    st.pending = None
    if text[sent.end - 1 : sent.end] == ":":
        if found:
            st.pending = found[-1]
        else:  # "X released the following statement:" / a headline "X:"
            phrase = _first_person(st, sent.start, sent.end)
            if phrase is not None and phrase.start - sent.start < 60:
                st.pending = make_speaker(st, si, sent, phrase, None, "explicit")
                st.pending.confidence = 0.7


def _inherit_source(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    last = st.last
    if m.continued and last is not None:
        return replace(last, method=last.method if last.method != "explicit" else "inherited")
    if st.pending is not None:
        return st.pending
    text = st.text
    lead = text[sent.start : m.open_start].strip()
    if lead and lead.lower() not in ("and", "but", "so"):
        return None
    n_words = len(text[m.start : m.end].split())
    if n_words < 3 and not (m.closed and text[m.end - 1 : m.end] in ".?!"):
        return None
    if _title_like(text, m.open_start):
        return None
    if text[m.close_end : sent.end].strip(" .,;:!?\u2014-\"'\u201d\u2019"):
        return None  # '"Sons of Rain" is a play': the quoted words are a name
    if last is None or sent.paragraph - last.paragraph > 1:
        return None
    group = last.group if sent.paragraph == last.paragraph and si - last.sentence <= 1 else -1
    if group < 0:
        st.groups += 1
        group = st.groups
    return replace(
        last,
        method="inherited",
        sentence=si,
        paragraph=sent.paragraph,
        group=group,
        cue=None,
        confidence=0.75,
    )


def _title_like(text: str, pos: int) -> bool:
    before = text[max(0, pos - 30) : pos].lower().split()
    return any(w.strip(",:") in TITLE_INTRODUCERS for w in before[-2:])


def _attribute(
    st: State, si: int, sent: Sentence, cue: Cue, mids: list[int], found: list[Speaker]
) -> Speaker | None:
    text = st.text
    lo = sent.start
    for i in mids:
        if st.marked[i].close_end <= cue.start:
            lo = max(lo, st.marked[i].close_end)
    before_text = strip_quote_chars(text[lo : cue.start])
    phrase: Phrase | None
    contents: list[tuple[int, int]] = []
    if cue.lemma == "according to":
        phrase = speaker_after(text, cue.end, sent.end)
        if phrase is None:
            return None
        lead = text[sent.start : cue.start].strip(" ,")
        comma = text.find(",", phrase.end, sent.end)
        tail = text[comma + 1 : sent.end] if comma > 0 else ""
        if len(lead.split()) <= 1 or (len(lead.split()) <= 4 and len(tail.split()) >= 4):
            # "According to X, ..." / "About 10 p.m., according to X, the guards left"
            if comma > 0:
                contents.append((comma + 1, sent.end))
        else:
            contents.append((sent.start, cue.start))
        method = "explicit"
    elif cue.text.endswith("ing") and text[prev_char(text, cue.start)] in ",\u2014":
        # "..., adding: ...", "..., telling CNBC that ...": the sentence's speaker
        phrase = found[-1].phrase if found else clause_subject(text, sent.start, cue.start)
        if phrase is None:
            phrase = _first_person(st, sent.start, cue.start)
        if phrase is None:
            return None
        pos = skip_object(text, cue.end, sent.end) if cue.lemma in ("tell", "ask") else cue.end
        after = after_content(text, pos, sent.end, cue)
        if after is not None:
            contents.append(after)
        method = "explicit"
    elif (
        not before_text
        or before_text.lower() in ("and", "but")
        or (
            text[prev_char(text, cue.start)] == ","
            and cue.lemma not in ("tell", "ask")
            and speaker_after(text, cue.end, sent.end, strict=True) is not None
        )
    ):
        phrase = speaker_after(text, cue.end, sent.end)  # "...," said X / Said X: "..."
        if phrase is None:
            return None
        if lo > sent.start or cue.start - sent.start > 3:
            contents.append((sent.start, cue.start))
        rest = phrase.end
        if phrase.role:
            found_role = text.find(phrase.role, phrase.end, sent.end)
            rest = found_role + len(phrase.role) if found_role >= 0 else rest
        lead = text[rest : rest + 4].lstrip(" ,")
        if lead[:1] == ":" or lead[:1] in OPEN_CHARS:  # Said X: "..."; "A," said X, "B."
            after = after_content(text, rest, sent.end, cue)
            if after is not None:
                contents.append(after)
        method = "explicit"
    else:
        phrase = subject_before(text, lo, cue.start)
        if found and _JOINED.search(text, max(lo, cue.start - 14), cue.start):
            phrase = found[-1].phrase  # "Rajoy said ... and insisted that ..."
        if phrase is None and lo > sent.start:
            # '"...," Bill Eastland, wearing "Ted Cruz" pins, said': skip the inner quote
            first = next(
                (st.marked[i] for i in mids if st.marked[i].open_start == sent.start), None
            )
            if first is not None and first.close_end < lo:
                phrase = subject_before(text, first.close_end, cue.start)
        if phrase is None:
            if not (cue.text.endswith("ing") or text[lo : cue.start].rstrip().endswith(",")):
                return None
            # "..., adding that ..." continues the last speaker; "by saying" its clause's
            phrase = found[-1].phrase if found else clause_subject(text, sent.start, cue.start)
            if phrase is None:
                return None
        pos = cue.end
        if cue.lemma in ("tell", "ask"):
            pos = skip_object(text, pos, sent.end)
        after = after_content(text, pos, sent.end, cue)
        if after is not None and cue.lemma == "ask" and not is_question(text, after):
            after = None
        before = before_content(text, sent.start, phrase.start)
        quoted_before = before is not None and any(
            st.marked[i].open_start <= before[0] + 1 and st.marked[i].close_end >= before[1]
            for i in mids
        )
        if before is not None and (quoted_before or after is None):
            contents.append(before)
        if after is not None and (not quoted_before or text[after[0]] in OPEN_CHARS):
            contents.append(after)
        method = "explicit"
    speaker = make_speaker(st, si, sent, phrase, cue, method)
    added = False
    for cs, ce in contents:
        added |= emit_content(st, cs, ce, mids, speaker, cue)
    if added or text[sent.end - 1 : sent.end] == ":":
        return speaker
    return None


_TRAILING = re.compile(
    r"[\s,]*(?:(?P<np>(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*|(?:the|a|an|one)"
    r"(?:\s+[a-z][\w-]*){1,3}|he|she|they|it|we)\s+(?P<verb>[a-z]+(?:ed|es|s))"
    r"|(?P<verb2>[a-z]+ed)\s+(?P<np2>(?:[A-Z][\w.'\u2019-]*\s+){0,4}[A-Z][\w.'\u2019-]*|the\s+"
    r"[a-z]+(?:\s+[a-z]+)?))(?:\s+[a-z]+ly|(?:\s+[A-Z][\w.'\u2019-]*){1,3})?\s*(?P<end>[.,;]|\s+(?:of|who|from|in|at)\b|$)"
)


def _trailing_attribution(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    """'"...," Hannity pressed.' / '"...," read the statement.': a name and any verb after
    a quote that opens the sentence."""
    text = st.text
    g = _TRAILING.match(text, m.close_end, sent.end)
    if g is None:
        return None
    name, verb = ("np", "verb") if g.group("np") else ("np2", "verb2")
    if g.group(verb) in _NOT_VERBS:
        return None
    phrase = Phrase(g.start(name), g.end(name), g.group(name))
    cue = Cue(g.start(verb), g.end(verb), g.group(verb), "trailing")
    return make_speaker(st, si, sent, phrase, cue, "explicit")


def _headline_speaker(st: State, si: int, sent: Sentence, m: Marked) -> Speaker | None:
    """``Kasich: 'We are going all the way.'``: a name, a colon, then the quote."""
    lead = st.text[sent.start : m.open_start]
    if not lead.rstrip().endswith(":"):
        return None
    if st.text[m.close_end : sent.end].strip(" .,;:!?"):
        return None
    phrase = _first_person(st, sent.start, m.open_start)
    n_lead = len(lead.split())
    if phrase is None or phrase.start - sent.start > 4:
        # 'A voice-over in the ad states: "..."': a short clause, its subject first
        last_word = lead.rstrip().rstrip(":").rfind(" ")
        if n_lead > 8 or last_word <= 0:
            return None
        phrase = subject_before(st.text, sent.start, sent.start + last_word)
        if phrase is None or phrase.start - sent.start > 4:
            return None
        return make_speaker(st, si, sent, phrase, None, "explicit")
    if n_lead > 5:
        # 'Reid gave the Texan a back-handed compliment: "..."': the subject opens it
        if st.text[sent.start : phrase.start].strip() not in ("", "But", "And", "Then"):
            return None
        if not st.text[phrase.end : phrase.end + 1].isspace():
            return None
    elif st.text[phrase.end : m.open_start].strip() != ":" and n_lead > 3:
        return None
    return make_speaker(st, si, sent, phrase, None, "explicit")


def _first_person(st: State, start: int, end: int) -> Phrase | None:
    """The first named person or organisation of ``text[start:end]``."""
    for mn in st.names.mentions_between(start, end):
        return Phrase(mn.start, mn.start + len(mn.written), mn.written)
    return None
