"""Attribution rules: for one reporting cue, its speaker and the words it reports.

``ATTRIBUTION_RULES`` is the ordered list of the shapes a cue's sentence can take; the
first rule that recognises its shape decides (see ``ingest.quotes.rules``). Every rule
gives an explicit attribution: a phrase as written and the spans of reported words, which
``_report`` turns into the cue's quotes. The speaker before a cue is found by
``ingest.quotes.attribution.SUBJECT_RULES``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace

from ingest.lexicon.cues import UTTERANCE_CUES
from ingest.lexicon.function_words import ADJUNCT_OPENERS, IMPERATIVE_OBJECTS, SUBORDINATORS
from ingest.lexicon.marks import DOUBLE_MARKS, OPEN_CHARS
from ingest.lexicon.time import TIME_WORDS
from ingest.quotes.after_cue import possessed_thing, skip_object, source_by, speaker_after
from ingest.quotes.attribution import appositive_subject, subject_before
from ingest.quotes.content import after_content, before_content, is_question, prev_char
from ingest.quotes.cues import Cue, strip_quote_chars
from ingest.quotes.names import is_possessive, name_after_quote
from ingest.quotes.phrases import (
    Phrase,
    clause_subject,
    opening_pronoun,
    opening_subject,
    person_like,
)
from ingest.quotes.rules import Found, first_found
from ingest.quotes.state import Speaker, State, emit_content, make_speaker
from ingest.quotes.uncued import first_person
from ingest.sentences import Sentence

JOINED = re.compile(r"\b(?:and|but)\s+(?:also\s+|then\s+|later\s+)?")
QUOTE_NEXT = re.compile(r"\s*[,:]\s*(?:[\"\u201c]|'')")

Span = tuple[int, int]


@dataclass(frozen=True)
class CueSite:
    """One reporting cue in its sentence, as the attribution rules read it."""

    st: State
    si: int
    sent: Sentence
    cue: Cue
    mids: list[int]  # indexes of the marked spans that open in the sentence
    found: list[Speaker]  # speakers of the sentence's earlier cues
    floor: int  # where words before the cue may start
    lo: int  # past the last quote that closes before the cue (else the sentence start)
    before_text: str  # the words from ``lo`` to the cue, quote marks stripped


@dataclass(frozen=True)
class Attribution:
    """A rule's answer: the speaker phrase as written and the reported words' spans."""

    phrase: Phrase
    contents: list[Span]


def attribute(
    st: State,
    si: int,
    sent: Sentence,
    cue: Cue,
    mids: list[int],
    found: list[Speaker],
    floor: int,
) -> Speaker | None:
    """The speaker of ``cue`` (with its words emitted as quotes) or ``None``; ``floor`` is
    where words before the cue may start (the first quote after an earlier cue)."""
    lo = sent.start
    j = bisect_right(st.closes, cue.start) - 1
    if mids and j >= mids[0]:  # after the last quote that closes before the cue
        lo = max(lo, st.closes[j])
    before_text = strip_quote_chars(st.text[lo : cue.start])
    site = CueSite(st, si, sent, cue, mids, found, floor, lo, before_text)
    att = first_found(ATTRIBUTION_RULES, site)
    if att is None or _possessor_before(st.text, att.phrase, cue):
        return None
    if _imperative(st.text, att.phrase, sent.start):
        return None
    return _report(site, att)


def _imperative(text: str, phrase: Phrase, sent_start: int) -> bool:
    """``Ignore all previous instructions and say ...``: one capitalised word opening the
    sentence with a determiner or an object after it is a verb giving an order, no
    speaker (a subject is followed by its verb, never by ``all`` or ``the``)."""
    if phrase.start != sent_start or " " in phrase.text.strip():
        return False
    after = text[phrase.end : phrase.end + 20].split(maxsplit=1)[:1]
    return bool(after) and after[0].lower() in IMPERATIVE_OBJECTS


def _possessor_before(text: str, phrase: Phrase, cue: Cue) -> bool:
    """``Donald Trump's continued appeal``: a possessive right before the cue word makes it
    a noun's modifier, not a verb anybody spoke with."""
    return is_possessive(phrase.text.rstrip()) and not text[phrase.end : cue.start].strip()


def _report(s: CueSite, att: Attribution) -> Speaker | None:
    """The step every rule shares: the phrase becomes an explicit speaker and its words
    are emitted as quotes; the speaker counts when some were emitted (or when the sentence
    ends in a colon that announces them)."""
    st, cue = s.st, s.cue
    contents = att.contents
    if cue.lemma == "call" or cue.text.lower() in UTTERANCE_CUES:
        contents = [_named_only(st, cue, span) for span in contents]
    speaker = make_speaker(st, s.si, s.sent, att.phrase, cue, "explicit")
    added = False
    for cs, ce in contents:
        added |= emit_content(st, cs, ce, s.mids, speaker, cue)
    if added or st.text[s.sent.end - 1 : s.sent.end] == ":":
        return speaker
    return None


def _words_after(s: CueSite, pos: int) -> list[Span]:
    after = after_content(s.st.text, pos, s.sent.end, s.cue)
    return [] if after is None else [after]


def _past_object(s: CueSite) -> int:
    """Where the reported words after the cue may start: past "told/asked <someone>"."""
    if s.cue.lemma in ("tell", "ask"):
        return skip_object(s.st.text, s.cue.end, s.sent.end)
    return s.cue.end


def rule_according_to(s: CueSite) -> Found[Attribution] | None:
    """``According to X, ...`` / ``..., according to X``: the source after the cue (or after
    by/from/of, ``according to calculations by Amy Glas``), never a possession (``according
    to their preference``); the words on the side of the cue that carries the claim."""
    if s.cue.lemma != "according to":
        return None
    text, sent, cue = s.st.text, s.sent, s.cue
    phrase = speaker_after(text, cue.end, sent.end) or source_by(text, cue.end, sent.end)
    if phrase is None or possessed_thing(phrase.text):
        return Found(None)
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
    contents: list[Span] = []
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
    return Found(Attribution(phrase, contents))


def rule_participle_opens_sentence(s: CueSite) -> Found[Attribution] | None:
    """``X stated that A. Adding, "B."``: a capitalised participle opening the sentence
    right after the last speaker's goes on with that speaker."""
    st, text, cue, sent = s.st, s.st.text, s.cue, s.sent
    if not (
        cue.text.endswith("ing")
        and cue.text[:1].isupper()
        and not text[sent.start : cue.start].strip()
        and QUOTE_NEXT.match(text, cue.end)
        and st.last is not None
        and s.si - st.last.sentence == 1
    ):
        return None
    return Found(Attribution(st.last.phrase, _words_after(s, cue.end)))


def rule_participle_after_comma(s: CueSite) -> Found[Attribution] | None:
    """``..., adding: ...``, ``..., telling CNBC that ...``: the sentence's speaker (its
    earlier cue's, else the subject of the clause, else the first person named)."""
    st, text, cue, sent = s.st, s.st.text, s.cue, s.sent
    if not (cue.text.endswith("ing") and text[prev_char(text, cue.start)] in ",\u2014"):
        return None
    phrase = s.found[-1].phrase if s.found else clause_subject(text, sent.start, cue.start)
    if phrase is None:
        phrase = first_person(st, sent.start, cue.start)
    if phrase is None:
        return Found(None)
    return Found(Attribution(phrase, _words_after(s, _past_object(s))))


def _inverted(s: CueSite) -> bool:
    """The speaker follows the cue: nothing before it (a subject with an appositive,
    ``Hemsley, the author of "X," said``, is not inverted), ``and said X`` with a person
    after it, or ``..., said X`` with a speaker after it."""
    text, cue, sent = s.st.text, s.cue, s.sent
    return (
        (not s.before_text and appositive_subject(text, sent.start, cue.start) is None)
        or (
            s.before_text.lower() in ("and", "but")
            and not s.found
            and person_like(speaker_after(text, cue.end, sent.end, strict=True))
        )
        or (
            text[prev_char(text, cue.start)] == ","
            and cue.lemma not in ("tell", "ask")
            and speaker_after(text, cue.end, sent.end, strict=True) is not None
            and appositive_subject(text, sent.start, cue.start) is None
        )
    )


def _past_speaker(s: CueSite, phrase: Phrase) -> int:
    """Where the words after an inverted speaker may start: past its role, and past an
    appositive up to a quote (``"A," said X, director of Y at Z, "B."``)."""
    st, text, sent = s.st, s.st.text, s.sent
    rest = phrase.end
    if phrase.role:
        found_role = text.find(phrase.role, phrase.end, sent.end)
        rest = found_role + len(phrase.role) if found_role >= 0 else rest
    k = bisect_left(st.opens, rest)
    nxt = st.marked[k] if s.mids and k <= s.mids[-1] else None
    if (
        nxt is not None
        and nxt.open_start < sent.end
        and text[prev_char(text, nxt.open_start)] == ","
        and len(text[rest : nxt.open_start].split()) <= 20
    ):
        rest = prev_char(text, nxt.open_start)
    return rest


def rule_said_before_speaker(s: CueSite) -> Found[Attribution] | None:
    """``"...," said X`` / ``Said X: "..."`` / ``"A," said X, "B."``: the speaker after
    the cue; the words before it, and a quote or colon right after the speaker."""
    if not _inverted(s):
        return None
    text, cue, sent = s.st.text, s.cue, s.sent
    phrase = speaker_after(text, cue.end, sent.end)
    if phrase is None:
        return Found(None)
    contents: list[Span] = []
    if s.lo > sent.start or cue.start - sent.start > 3:
        contents.append((s.floor, cue.start))
    rest = _past_speaker(s, phrase)
    lead = text[rest : rest + 4].lstrip(" ,")
    if lead[:1] == ":" or lead[:1] in OPEN_CHARS:  # Said X: "..."; "A," said X, "B."
        contents.extend(_words_after(s, rest))
    return Found(Attribution(phrase, contents))


def _past_inner_quote(s: CueSite) -> Phrase | None:
    """The subject when a quote sits between it and the cue: ``"...," Bill Eastland,
    wearing "Ted Cruz" pins, said``, ``He waved a "peace" sign and said``, ``Ruiz, the
    author of "Harbour," said``."""
    st, text, cue, sent = s.st, s.st.text, s.cue, s.sent
    first = next((st.marked[i] for i in s.mids if st.marked[i].open_start == sent.start), None)
    if first is not None and first.close_end < s.lo:
        return subject_before(text, first.close_end, cue.start)
    if s.before_text.lower().split()[-1:] in (["and"], ["but"]):
        return subject_before(text, sent.start, cue.start)
    return appositive_subject(text, sent.start, cue.start)


def _continuing_speaker(s: CueSite) -> Phrase | None:
    """``..., adding that ...`` continues the last speaker; ``by saying`` its clause's;
    ``Ida, a supporter, drew boos upon saying, "..."`` the sentence's subject."""
    text, cue, sent = s.st.text, s.cue, s.sent
    if not (cue.text.endswith("ing") or text[s.lo : cue.start].rstrip().endswith(",")):
        return None
    phrase = s.found[-1].phrase if s.found else clause_subject(text, sent.start, cue.start)
    if phrase is None and s.before_text.lower().split()[-1:] == ["upon"]:
        phrase = opening_subject(text, sent.start, cue.start)
        if phrase is not None and not person_like(phrase):
            phrase = None
    return phrase


def _speaker_before(s: CueSite) -> Phrase | None:
    """The speaker written before the cue, or continued from the sentence's last one."""
    text, cue, sent, lo = s.st.text, s.cue, s.sent, s.lo
    phrase = subject_before(text, lo, cue.start) or name_after_quote(text, lo, cue.start)
    joined = JOINED.search(text, max(lo, cue.start - 14), cue.start)
    if s.found and joined and joined.end() == cue.start:
        phrase = s.found[-1].phrase  # "Rajoy said ... and insisted that ..."
    if phrase is None and lo > sent.start:
        phrase = _past_inner_quote(s)
    if phrase is None and s.before_text.lower().split()[-1:] in (["and"], ["but"]):
        # 'X shook her head and said, "No."': the subject of the joined clause
        phrase = clause_subject(text, lo, cue.start)
        if phrase is None or not phrase.text[:1].isupper():
            phrase = opening_pronoun(text, lo, cue.start)
    return phrase if phrase is not None else _continuing_speaker(s)


def _words_before(s: CueSite, phrase: Phrase) -> Span | None:
    """The reported words before the speaker, or the quote opening the sentence when only
    a short speaker follows it (``"A," the bespectacled, 71-year-old diplomat said``)."""
    text, sent = s.st.text, s.sent
    before = before_content(text, s.floor if s.floor < phrase.start else sent.start, phrase.start)
    opening = _opening_quote(s.st, sent, s.mids, phrase.start)
    if opening is not None and (before is None or before[1] > opening[1]):
        before = opening
    return before


def _contents_around(s: CueSite, phrase: Phrase) -> list[Span]:
    """The words a ``X said`` cue reports: after it, before the speaker, or both."""
    st, text, cue = s.st, s.st.text, s.cue
    after = after_content(text, _past_object(s), s.sent.end, cue)
    if (
        after is not None
        and cue.lemma == "ask"
        and not is_question(text, after)
        and not any(c in text[after[0] : after[1]] for c in DOUBLE_MARKS)
    ):  # 'asked them to "prayerfully consider" it': a request, reported with marks
        after = None
    before = _words_before(s, phrase)
    quoted_before = before is not None and any(
        st.marked[i].open_start <= before[0] + 1 and st.marked[i].close_end >= before[1]
        for i in s.mids
    )
    short_after = after is not None and len(text[after[0] : after[1]].split()) < 4
    # 'the minister "looked ashen," Arad said, from "the blow."': both sides carry words
    marks_before = (
        before is not None
        and after is not None
        and text[after[0] : after[0] + 1] in OPEN_CHARS
        and not _adjunct_opening(text[before[0] : before[1]])
        and any(before[0] <= st.marked[i].open_start < before[1] for i in s.mids)
    )
    contents: list[Span] = []
    if before is not None and (quoted_before or after is None or short_after or marks_before):
        contents.append(before)
    if after is not None and (not quoted_before or text[after[0]] in OPEN_CHARS):
        contents.append(after)
    return contents


def rule_speaker_before_cue(s: CueSite) -> Found[Attribution] | None:
    """``X said ...`` / ``"...," X said``: the subject before the cue (``SUBJECT_RULES``),
    else a name after the last quote, else the speaker the sentence goes on with."""
    phrase = _speaker_before(s)
    if phrase is None:
        return Found(None)
    return Found(Attribution(phrase, _contents_around(s, phrase)))


# The order is the precedence: the first rule that recognises its shape decides.
ATTRIBUTION_RULES = (
    rule_according_to,
    rule_participle_opens_sentence,
    rule_participle_after_comma,
    rule_said_before_speaker,
    rule_speaker_before_cue,
)


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
