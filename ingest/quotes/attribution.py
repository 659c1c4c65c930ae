"""The speaker each reporting cue belongs to (the cues themselves are found by ``cues``).

Works on words with offsets; a speaker is a short noun phrase right before its cue
(``the city's mayor said``), right after it (``said the senator, who ...``, ``Said Ellis:``,
``according to X``), or, with an appositive, around it (``X, a spokesman for Z, said``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.lexicon.cues import (
    BY_VERBS,
    MAKING_VERBS,
    WORDS_FROM_SOMEONE,
    WRITTEN_SOURCES,
)
from ingest.lexicon.function_words import (
    AUX_ADVERBS,
    BE_FORMS,
    DETERMINERS,
    FLOATING_QUANTIFIERS,
    PLACE_PREPOSITIONS,
    TO_PHRASES,
)
from ingest.lexicon.marks import OPEN_CHARS, QUOTE_CHARS
from ingest.lexicon.pronouns import PRONOUNS
from ingest.lexicon.time import WEEKDAYS
from ingest.quotes.cues import WINDOW, Word, words
from ingest.quotes.phrases import (
    Phrase,
    clause_subject,
    first_named_segment,
    is_person_noun,
    lead_np,
    np_ok,
    person_like,
    post_modified,
    span_text,
    strip_settings,
    tail_np,
)
from ingest.quotes.rules import Found, first_found


def _made_it(between: list[str]) -> bool:
    """``released``, ``passed out``: a making verb (and its particle) and nothing else."""
    return 0 < len(between) <= 2 and between[0].lower() in MAKING_VERBS


_PARTY = re.compile(r"[RDI]-[A-Z][a-z]*\.?$")


# "X — a teacher from Y — said": an appositive between dashes, ending right before the cue
_DASHED_APPOSITIVE = re.compile(
    r"(?:\s*\u2014\s*|\s+--?\s+)(?P<appos>[^\u2014\n\"\u201c]{3,150}?)(?:\s*\u2014\s*|\s+--?\s+)$"
)


@dataclass(frozen=True)
class Before:
    """The words right before a cue, read backward from it by the subject rules."""

    text: str
    lo: int
    cue_start: int
    ws: list[Word]  # trimmed of auxiliaries, adverbs and idioms ("went on to") before the cue


def subject_before(text: str, lo: int, cue_start: int) -> Phrase | None:
    """The speaker written right before a cue (``X said``, ``X, a spokesman for Z, said``):
    the first of ``SUBJECT_RULES`` that recognises its shape decides."""
    return first_found(
        SUBJECT_RULES, Before(text, lo, cue_start, _words_before(text, lo, cue_start))
    )


def _words_before(text: str, lo: int, cue_start: int) -> list[Word]:
    """The words before the cue without what sits between a subject and its verb."""
    ws = words(text, max(lo, cue_start - WINDOW), cue_start)
    if len(ws) > 2 and ws[-1].text in QUOTE_CHARS and ws[-2].text == ",":
        ws.pop()  # 'Hemsley, the author of "Going Viral," said'
    if len(ws) > 3 and ws[-1].text == "," and _PARTY.match(ws[-2].text) and ws[-3].text == ",":
        del ws[-3:]  # "Rep. Glenn Tam, R-Pa., said": the party and state are no appositive
    cue_word = text[cue_start : cue_start + 20].split(maxsplit=1)
    progressive = bool(cue_word) and cue_word[0].endswith("ing")
    while ws and (
        ws[-1].key in AUX_ADVERBS
        or (ws[-1].text.endswith("ly") and ws[-1].text.islower())
        or (len(ws) > 1 and ws[-1].key in FLOATING_QUANTIFIERS and ws[-1].text.islower())
        or (progressive and ws[-1].key in BE_FORMS)  # "Trump is already telling supporters"
    ):
        ws.pop()
    if len(ws) > 3 and ws[-1].key in WEEKDAYS and ws[-2].key == "on" and ws[-3].text == ",":
        del ws[-2:]  # "X, who lost in May, on Friday said": the day is no part of X
    last = ws[-1].key if ws else ""
    if progressive and last[-2:] in ("'s", "\u2019s") and last[:-2] in PRONOUNS:
        w = ws[-1]  # "He's predicting": the pronoun without its "is"
        ws[-1] = Word(w.start, w.end - 2, w.text[:-2])
    return _drop_idioms(ws)


def _drop_auxiliaries(ws: list[Word], be: bool = False) -> None:
    while ws and (ws[-1].key in AUX_ADVERBS or (be and ws[-1].key in BE_FORMS)):
        ws.pop()


def _drop_idioms(ws: list[Word]) -> list[Word]:
    """Without the verb idiom the cue completes: "went on to say", "began by saying"."""
    while len(ws) >= 3 and ws[-1].key == "to" and (ws[-2].key, ws[-3].key) in TO_PHRASES:
        del ws[-3:]  # "went on to say", "was quick to add"
        _drop_auxiliaries(ws)
    if len(ws) >= 4 and [w.key for w in ws[-2:]] == ["quoted", "as"] and ws[-3].key in BE_FORMS:
        del ws[-3:]  # "Braynard is quoted as saying"
    if len(ws) >= 3 and ws[-1].key == "by" and ws[-2].key in BY_VERBS:
        del ws[-2:]  # "he began by saying", "she closed by asking"
        _drop_auxiliaries(ws)
    if len(ws) >= 6 and [w.key for w in ws[-4:]] == ["so", "far", "as", "to"]:
        del ws[-5:]  # "went so far as to say": the subject before the idiom
        _drop_auxiliaries(ws)
    if (
        len(ws) >= 3
        and ws[-1].key == "to"
        and ws[-2].text.islower()
        and ws[-2].key.endswith("ed")
        and (ws[-3].key in BE_FORMS or ws[-2].key == "decided")
    ):
        del ws[-2:]  # "was prompted to say", "decided to tell" (not "wanted to say")
        _drop_auxiliaries(ws, be=True)
    return ws


def _phrase(text: str, ws: list[Word], role: str = "") -> Phrase:
    return Phrase(ws[0].start, ws[-1].end, span_text(text, ws), role)


def rule_dashed_appositive(b: Before) -> Found[Phrase] | None:
    """``X — a teacher from Y — said``: the subject before an appositive between dashes,
    with it as the role; ``A former candidate -- John Ames, who lost -- said``: the name."""
    text = b.text
    dashed = _DASHED_APPOSITIVE.search(text, max(b.lo, b.cue_start - WINDOW), b.cue_start)
    if dashed is None:
        return None
    phrase = subject_before(text, b.lo, dashed.start())
    if phrase is None or phrase.end != dashed.start():
        return None
    appos = dashed.group("appos").strip()
    name = words(text, dashed.start("appos"), dashed.end("appos"))
    comma = next((i for i, w in enumerate(name) if w.text == ","), len(name))
    name = name[:comma]
    if (
        phrase.text.split()[0].lower() in DETERMINERS
        and 1 < len(name) <= 5
        and all(w.text[:1].isupper() for w in name)
    ):
        return Found(_phrase(text, name, phrase.text))
    return Found(phrase if phrase.role else Phrase(phrase.start, phrase.end, phrase.text, appos))


def rule_subject_of_joined_clause(b: Before) -> Found[Phrase] | None:
    """``Mrs. Clinton shook her head and said``: the name that opens the clause before
    "and"/"but" (past a leading adjunct: ``Last week, the campaign ... and said``)."""
    ws = b.ws
    if not (ws and ws[-1].key in ("and", "but") and ws[0].text[:1].isupper()):
        return None
    lead = ws[:-1]
    comma = next((i for i, w in enumerate(lead[:6]) if w.text == ","), -1)
    if comma > 0 and not lead_np(lead):
        lead = lead[comma + 1 :]
    head = lead_np(lead)
    return Found(_phrase(b.text, head)) if head else None


def rule_antecedent_of_who(b: Before) -> Found[Phrase] | None:
    """``a reaction from Mayor Ida Moss, who said``: the antecedent of ", who" speaks
    (``praise from Mike Lee`` is from a person; ``Nicky Dunn, 24, from Alder`` not the town)."""
    ws = b.ws
    if not (len(ws) > 2 and ws[-1].key == "who" and ws[-2].text == ","):
        return None
    lead = ws[:-2]
    head = tail_np(lead)
    person = any(is_person_noun(w) for w in head)
    place = len(head) < len(lead) and lead[-len(head) - 1].key in PLACE_PREPOSITIONS
    if place and lead[-len(head) - 1].key == "from" and len(lead) > len(head) + 1:
        place = lead[-len(head) - 2].key not in WORDS_FROM_SOMEONE
    if head and (person or not place) and np_ok(head) and (head[0].text[:1].isupper() or person):
        return Found(_phrase(b.text, head))
    return None


def rule_written_thing_that_said(b: Before) -> Found[Phrase] | None:
    """``water bottles that said``: the written thing's words, or whoever made it
    (``Ruiz released a video that said``); ``replaced by a message that said``: the message."""
    ws, text = b.ws, b.text
    if not (len(ws) > 2 and ws[-1].key == "that" and ws[-2].key in WRITTEN_SOURCES):
        return None
    head = tail_np(ws[:-1])
    det = max((i for i, w in enumerate(head) if w.key in DETERMINERS), default=0)
    head = head[det:]
    maker = clause_subject(text, b.lo, head[0].start) if head else None
    if (
        maker is not None
        and maker.start >= b.lo
        and _made_it(text[maker.end : head[0].start].split())
        and (maker.text.lower() in PRONOUNS or person_like(maker))
    ):
        return Found(maker)
    if head and np_ok(head):
        return Found(_phrase(text, head))
    return None


def rule_nothing_before(b: Before) -> Found[Phrase] | None:
    """No words before the cue: nobody."""
    return None if b.ws else Found(None)


def rule_name_then_appositive(b: Before) -> Found[Phrase] | None:
    """``Ana Ruiz, 67, a nurse in Lowell, Mass., said``: the first comma-separated segment
    that is a name, the segments after it its role (``X, speaking on WXR, said``: none)."""
    if b.ws[-1].text != ",":
        return None
    named = first_named_segment(b.ws)
    if named is None:
        return None
    seg, rest = named
    participle = bool(rest) and rest[0].text.islower() and rest[0].key.endswith("ing")
    return Found(_phrase(b.text, seg, span_text(b.text, rest) if rest and not participle else ""))


def rule_appositive_before_cue(b: Before) -> Found[Phrase] | None:
    """``X, a spokesman for Z, said`` / ``the chief, John Doe, said`` / ``the culture lead,
    councillor Jo Whit, said``: a noun phrase and its appositive closed by a comma."""
    ws, text = b.ws, b.text
    if ws[-1].text != ",":
        return None
    commas = [i for i, w in enumerate(ws[:-1]) if w.text == ","]
    if not commas:
        return Found(None)
    c = commas[-1]
    appos = ws[c + 1 : -1]
    before = tail_np(ws[:c])
    if appos and appos[0].key in ("who", "which"):
        appos_text = text[appos[0].start : appos[-1].end]
        return Found(_phrase(text, before, appos_text) if before and np_ok(before) else None)
    titled = 0
    while (
        titled < len(appos) - 1 and appos[titled].text.islower() and is_person_noun(appos[titled])
    ):
        titled += 1  # a title in lower case before the name is part of the role
    if titled and all(w.text[:1].isupper() for w in appos[titled:]):
        appos = appos[titled:]
    if (
        appos
        and all(w.text[:1].isupper() for w in appos)
        and appos[0].key not in DETERMINERS
        and np_ok(appos)
        and len(appos) <= 5
    ):
        return Found(_phrase(text, appos, span_text(text, before) if before else ""))
    if before and np_ok(before) and appos:
        return Found(_phrase(text, before, span_text(text, appos)))
    return Found(None)


def rule_noun_phrase_before_cue(b: Before) -> Found[Phrase] | None:
    """``the city's mayor said``: the noun phrase ending right before the cue, without a
    dateline (``CHICAGO - Rahm Emanuel said``), a setting (``Sanders during a rally on
    Sunday thanked``) or a relative clause (``an official who spoke anonymously said``)."""
    ws, text = b.ws, b.text
    np = tail_np(ws)
    if len(np) > 1 and np[0].text.isupper() and "-" in text[np[0].end : np[1].start]:
        np = np[1:]
    if len(np) > 1 and np[-1].key in PRONOUNS and np[-1].key != "it":
        np = np[-1:]  # "At a rally she called": the pronoun is the subject
    for k in range(1, len(np) - 1):
        if (
            np[k].text.islower()
            and np[k].key.endswith("ed")
            and np[k - 1].text[:1].isupper()
            and np[k - 1].key not in DETERMINERS  # "A flabbergasted Noah said"
        ):
            np = np[:k]  # "Ana Ruiz issued a statement saying": the clause's subject
            break
    np, role = post_modified(text, ws, np)
    bare = strip_settings(ws)
    if len(bare) < len(ws):
        head = tail_np(bare)
        if head and np_ok(head):
            np = head
    who = [i for i, w in enumerate(ws) if w.key in ("who", "which")]
    if who and who[-1] > 0 and not any(w.text == "," for w in ws[who[-1] :]):
        head = tail_np(ws[: who[-1]])
        if np_ok(head):
            return Found(_phrase(text, head))
    return Found(_phrase(text, np, role) if np_ok(np) else None)


# The order is the precedence: the first rule that recognises its shape decides.
SUBJECT_RULES = (
    rule_dashed_appositive,
    rule_subject_of_joined_clause,
    rule_antecedent_of_who,
    rule_written_thing_that_said,
    rule_nothing_before,
    rule_name_then_appositive,
    rule_appositive_before_cue,
    rule_noun_phrase_before_cue,
)


def appositive_subject(text: str, start: int, cue_start: int) -> Phrase | None:
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
