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
from bisect import bisect_left, bisect_right
from dataclasses import replace

from ingest.lexicon.cues import UTTERANCE_CUES
from ingest.lexicon.function_words import ADJUNCT_OPENERS, SUBORDINATORS
from ingest.lexicon.marks import DOUBLE_MARKS, OPEN_CHARS
from ingest.lexicon.people import SPEAKER_HEADS
from ingest.lexicon.time import TIME_WORDS
from ingest.quotes.after_cue import skip_object, speaker_after
from ingest.quotes.attribution import subject_before
from ingest.quotes.content import (
    after_content,
    before_content,
    is_question,
    prev_char,
    reported_clause,
)
from ingest.quotes.cues import Cue, find_cues, strip_quote_chars, words
from ingest.quotes.marks import find_marked
from ingest.quotes.names import NameIndex, name_after_quote
from ingest.quotes.phrases import Phrase, clause_subject, opening_subject, person_like
from ingest.quotes.state import (
    Speaker,
    State,
    add_quote,
    emit_content,
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

_SOURCE_BY = re.compile(r"\s+(?:(?:a|an|the|new)\s+)?[a-z]+\s+(?:by|from|of)(?=\s+[A-Z])")
_JOINED = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?")
# ", and hauliers warned": a new clause with a subject and a cue of its own ends the content
_NEW_CLAUSE = re.compile(
    r",\s+(?:and|but|while)\s+(?:(?:the|a|an|some|other|many)\s+)?(?:[a-z][\w'\u2019-]*\s+){1,3}$"
)
_QUOTE_NEXT = re.compile(r"\s*[,:]\s*(?:[\"\u201c]|'')")
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
    text = st.text
    blocked = [(st.marked[i].open_start, st.marked[i].close_end) for i in mids]
    cues = find_cues(text, sent.start, sent.end, blocked)
    found: list[Speaker] = []
    for ci, cue in enumerate(cues):
        hi = sent.end
        for nxt in cues[ci + 1 : ci + 4]:
            if text[prev_char(text, nxt.start)] == ",":
                hi = prev_char(text, nxt.start)
                break
            joined = _JOINED.search(text, max(cue.end, nxt.start - 14), nxt.start)
            if joined and joined.end() == nxt.start and not _bare_verb_inside(cue, nxt):
                hi = joined.start()
                break
            clause = _NEW_CLAUSE.search(text, max(cue.end, nxt.start - 40), nxt.start)
            if clause and not nxt.text.endswith("ing") and cue.lemma != "according to":
                hi = clause.start()
                break
            closed = _CLOSED_BEFORE.search(text, max(cue.end, nxt.start - 40), nxt.start)
            if closed:  # 'X posted: "A," she wrote': the next cue's quote ends here
                hi = closed.start() + 1
                quote = next(
                    (st.marked[i] for i in mids if st.marked[i].close_end == closed.start() + 2),
                    None,
                )
                lead = text[cue.end : quote.open_start].rstrip() if quote else ""
                if (
                    quote is not None
                    and lead.strip(" ,:")
                    and lead[-1:] in ":-\u2014"
                    and not any(c in lead for c in DOUBLE_MARKS)
                    and reported_clause(lead[:-1])  # not 'posted a note online: "B," she wrote'
                ):
                    # 'X asserted that A: "B," he claimed': B is the next cue's, A this one's
                    hi = cue.end + len(lead) - 1
                break
            comma = -1
            if _QUOTE_NEXT.match(text, nxt.end):
                comma = text.rfind(",", max(cue.end, nxt.start - 60), nxt.start)
            if comma > 0:  # 'joked that X, but went on to say, "..."': that quote is its own
                hi = comma
                break
        floor = _after_attributed_quote(st, sent, cues[ci - 1], cue, mids) if ci else sent.start
        sp = _attribute(st, si, replace(sent, end=hi), cue, mids, found, floor)
        if sp is not None:
            found.append(sp)
    if mids and mids[0] not in st.used and st.marked[mids[0]].open_start == sent.start:
        trail = trailing_attribution(st, si, sent, st.marked[mids[0]])
        if trail is not None:
            found.append(trail)
            m0 = st.marked[mids[0]]
            add_quote(st, m0.start, m0.end, "direct", trail, (), "explicit", 0.8)
            st.used.add(mids[0])
    if not found and mids:
        head = headline_speaker(st, si, sent, st.marked[mids[0]])
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
        src = inherit_source(st, si, sent, m)
        if src is None:
            if not cues and not found and carries_on(st, si, sent, m):
                inherit_mixed(st, si, sent, mids)
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


def _named_only(st: State, cue: Cue, span: tuple[int, int]) -> tuple[int, int]:
    """'what they called "financial supermarkets," a new kind of bank': when the marks open
    right after ``called``, what was called so is the marked words, nothing after them."""
    cs, ce = span
    k = bisect_left(st.opens, cs)
    if k == len(st.marked) or st.text[cue.end : cs].strip(" ,:"):
        return span
    m = st.marked[k]
    if m.open_start != cs or m.single or not m.closed or m.close_end > ce:
        return span
    return (cs, m.close_end)


def _adjunct_opening(lead: str) -> bool:
    first = lead.split(" ", 1)[0].lower()
    return first in ADJUNCT_OPENERS or first in TIME_WORDS or first.endswith("ing")


def _bare_verb_inside(cue: Cue, nxt: Cue) -> bool:
    """``says he'd sit down and tell him "..."``: a bare verb after a past or -s cue goes on
    the reported clause ("and added" is the speaker's own next report)."""
    return nxt.text == nxt.lemma and cue.text != cue.lemma


def _opening_subject(text: str, lo: int, cue_start: int) -> Phrase | None:
    """``She greeted 2,000 supporters and told them ...``: the pronoun opening the clause."""
    ws = text[lo:cue_start].split(maxsplit=1)
    if not ws or ws[0].lower() not in ("he", "she", "they"):
        return None
    start = text.index(ws[0], lo)
    return Phrase(start, start + len(ws[0]), ws[0])


def _possessed_thing(phrase: str) -> bool:
    """``according to their instinctive preference``: a possession, not a source."""
    ws = phrase.lower().split()
    if len(ws) < 2 or ws[0] not in ("his", "her", "their", "its", "our", "my"):
        return False
    head = ws[-1].rstrip(".,")
    return head not in SPEAKER_HEADS


def _source_by(text: str, pos: int, hi: int) -> Phrase | None:
    """``according to calculations by Amy Glas``: the named source after by/from/of."""
    g = _SOURCE_BY.match(text, pos, hi)
    return speaker_after(text, g.end(), hi) if g else None


def _appositive_subject(text: str, start: int, cue_start: int) -> Phrase | None:
    """``X, the author of Y, said``: a named subject opening the sentence, with a role."""
    phrase = subject_before(text, start, cue_start)
    if phrase is None or not phrase.role:
        return None
    lead = text[start : phrase.start].split()
    if phrase.start - start > 2 and lead != ["As"]:  # "As X, the author of Y, put it"
        return None
    if any(c in OPEN_CHARS for c in text[start : phrase.start + 1]):
        return None  # inside the quote that opens the sentence
    return phrase


def _opening_quote(
    st: State, sent: Sentence, mids: list[int], speaker_start: int
) -> tuple[int, int] | None:
    """The quote opening the sentence when only a short, comma-broken speaker follows it."""
    m = next((st.marked[i] for i in mids if st.marked[i].open_start == sent.start), None)
    if m is None or m.close_end > speaker_start:
        return None
    text = st.text
    gap = text[m.close_end : speaker_start]
    if text[m.end - 1] not in ",?!" or len(gap.split()) > 8 or any(c in gap for c in '"\u201c'):
        return None
    return (m.open_start, m.close_end)


def _attribute(
    st: State,
    si: int,
    sent: Sentence,
    cue: Cue,
    mids: list[int],
    found: list[Speaker],
    floor: int,
) -> Speaker | None:
    """The speaker of ``cue`` and the words it reports; ``floor`` is where words before the
    cue may start (the first quote after an earlier cue of the sentence)."""
    text = st.text
    lo = sent.start
    j = bisect_right(st.closes, cue.start) - 1
    if mids and j >= mids[0]:  # after the last quote that closes before the cue
        lo = max(lo, st.closes[j])
    before_text = strip_quote_chars(text[lo : cue.start])
    phrase: Phrase | None
    contents: list[tuple[int, int]] = []
    if cue.lemma == "according to":
        phrase = speaker_after(text, cue.end, sent.end) or _source_by(text, cue.end, sent.end)
        if phrase is None or _possessed_thing(phrase.text):
            return None
        lead = text[sent.start : cue.start].strip(" ,")
        comma = text.find(",", phrase.end, sent.end)
        if phrase.role:  # "according to X, a spokesman, the plan ..." (not "X, the plan ...")
            role_end = text.find(phrase.role, phrase.end, sent.end) + len(phrase.role)
            if text[role_end : role_end + 1] == "," and len(phrase.role.split()) <= 8:
                comma = role_end
            else:
                phrase = replace(phrase, role="")
        tail = text[comma + 1 : sent.end] if comma > 0 else ""
        lead_words = lead.lower().split()
        if (
            len(lead_words) <= 1
            or (len(lead_words) <= 4 and len(tail.split()) >= 4)
            or (  # "While most were X, according to Y, two were Z" / "because, according to"
                len(tail.split()) >= 4
                and (lead_words[0] in SUBORDINATORS or lead_words[-1] in SUBORDINATORS)
            )
        ):
            # "According to X, ..." / "About 10 p.m., according to X, the guards left"
            if comma > 0:
                contents.append((comma + 1, sent.end))
        else:
            contents.append((sent.start, cue.start))
        method = "explicit"
    elif (
        cue.text.endswith("ing")
        and cue.text[:1].isupper()
        and not text[sent.start : cue.start].strip()
        and _QUOTE_NEXT.match(text, cue.end)
        and st.last is not None
        and si - st.last.sentence == 1
    ):  # 'X stated that A. Adding, "B."': the last speaker goes on
        phrase = st.last.phrase
        after = after_content(text, cue.end, sent.end, cue)
        if after is not None:
            contents.append(after)
        method = "explicit"
    elif cue.text.endswith("ing") and text[prev_char(text, cue.start)] in ",\u2014":
        # "..., adding: ...", "..., telling CNBC that ...": the sentence's speaker
        phrase = found[-1].phrase if found else clause_subject(text, sent.start, cue.start)
        if phrase is None:
            phrase = first_person(st, sent.start, cue.start)
        if phrase is None:
            return None
        pos = skip_object(text, cue.end, sent.end) if cue.lemma in ("tell", "ask") else cue.end
        after = after_content(text, pos, sent.end, cue)
        if after is not None:
            contents.append(after)
        method = "explicit"
    elif (
        (not before_text and _appositive_subject(text, sent.start, cue.start) is None)
        or (
            before_text.lower() in ("and", "but")
            and not found
            and person_like(speaker_after(text, cue.end, sent.end, strict=True))
        )
        or (
            text[prev_char(text, cue.start)] == ","
            and cue.lemma not in ("tell", "ask")
            and speaker_after(text, cue.end, sent.end, strict=True) is not None
            and _appositive_subject(text, sent.start, cue.start) is None
        )
    ):  # a subject with an appositive (Hemsley, the author of "X," said) is not inverted
        phrase = speaker_after(text, cue.end, sent.end)  # "...," said X / Said X: "..."
        if phrase is None:
            return None
        if lo > sent.start or cue.start - sent.start > 3:
            contents.append((floor, cue.start))
        rest = phrase.end
        if phrase.role:
            found_role = text.find(phrase.role, phrase.end, sent.end)
            rest = found_role + len(phrase.role) if found_role >= 0 else rest
        k = bisect_left(st.opens, rest)
        nxt = st.marked[k] if mids and k <= mids[-1] else None
        if (
            nxt is not None
            and nxt.open_start < sent.end
            and text[prev_char(text, nxt.open_start)] == ","
            and len(text[rest : nxt.open_start].split()) <= 20
        ):  # '"A," said X, director of Y at Z, "B."': past the appositive to the quote
            rest = prev_char(text, nxt.open_start)
        lead = text[rest : rest + 4].lstrip(" ,")
        if lead[:1] == ":" or lead[:1] in OPEN_CHARS:  # Said X: "..."; "A," said X, "B."
            after = after_content(text, rest, sent.end, cue)
            if after is not None:
                contents.append(after)
        method = "explicit"
    else:
        phrase = subject_before(text, lo, cue.start) or name_after_quote(text, lo, cue.start)
        joined = _JOINED.search(text, max(lo, cue.start - 14), cue.start)
        if found and joined and joined.end() == cue.start:
            phrase = found[-1].phrase  # "Rajoy said ... and insisted that ..."
        if phrase is None and lo > sent.start:
            # '"...," Bill Eastland, wearing "Ted Cruz" pins, said': skip the inner quote
            first = next(
                (st.marked[i] for i in mids if st.marked[i].open_start == sent.start), None
            )
            if first is not None and first.close_end < lo:
                phrase = subject_before(text, first.close_end, cue.start)
            elif before_text.lower().split()[-1:] in (["and"], ["but"]):
                # 'He waved a "peace" sign and said ...': the subject opens the sentence
                phrase = subject_before(text, sent.start, cue.start)
            else:  # 'Ruiz, the author of "Harbour," said ...': past the quoted title
                phrase = _appositive_subject(text, sent.start, cue.start)
        if phrase is None and before_text.lower().split()[-1:] in (["and"], ["but"]):
            # 'X shook her head and said, "No."': the subject of the joined clause
            phrase = clause_subject(text, lo, cue.start)
            if phrase is None or not phrase.text[:1].isupper():
                phrase = _opening_subject(text, lo, cue.start)
        if phrase is None:
            if not (cue.text.endswith("ing") or text[lo : cue.start].rstrip().endswith(",")):
                return None
            # "..., adding that ..." continues the last speaker; "by saying" its clause's
            phrase = found[-1].phrase if found else clause_subject(text, sent.start, cue.start)
            if phrase is None and before_text.lower().split()[-1:] == ["upon"]:
                # 'Ida, a supporter, drew boos upon saying, "..."': the sentence's subject
                phrase = opening_subject(text, sent.start, cue.start)
                if phrase is not None and not person_like(phrase):
                    phrase = None
            if phrase is None:
                return None
        pos = cue.end
        if cue.lemma in ("tell", "ask"):
            pos = skip_object(text, pos, sent.end)
        after = after_content(text, pos, sent.end, cue)
        if (
            after is not None
            and cue.lemma == "ask"
            and not is_question(text, after)
            and not any(c in text[after[0] : after[1]] for c in DOUBLE_MARKS)
        ):  # 'asked them to "prayerfully consider" it': a request, reported with marks
            after = None
        before = before_content(text, floor if floor < phrase.start else sent.start, phrase.start)
        opening = _opening_quote(st, sent, mids, phrase.start)
        if opening is not None and (before is None or before[1] > opening[1]):
            before = opening  # '"A," the bespectacled, 71-year-old diplomat said'
        quoted_before = before is not None and any(
            st.marked[i].open_start <= before[0] + 1 and st.marked[i].close_end >= before[1]
            for i in mids
        )
        short_after = after is not None and len(text[after[0] : after[1]].split()) < 4
        # 'the minister "looked ashen," Arad said, from "the blow."': both sides carry words
        marks_before = (
            before is not None
            and after is not None
            and text[after[0] : after[0] + 1] in OPEN_CHARS
            and not _adjunct_opening(text[before[0] : before[1]])
            and any(before[0] <= st.marked[i].open_start < before[1] for i in mids)
        )
        if before is not None and (quoted_before or after is None or short_after or marks_before):
            contents.append(before)
        if after is not None and (not quoted_before or text[after[0]] in OPEN_CHARS):
            contents.append(after)
        method = "explicit"
    if cue.lemma == "call" or cue.text.lower() in UTTERANCE_CUES:
        contents = [_named_only(st, cue, span) for span in contents]
    speaker = make_speaker(st, si, sent, phrase, cue, method)
    added = False
    for cs, ce in contents:
        added |= emit_content(st, cs, ce, mids, speaker, cue)
    if added or text[sent.end - 1 : sent.end] == ":":
        return speaker
    return None
