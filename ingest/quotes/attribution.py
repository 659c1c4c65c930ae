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
    REPORTED_BY,
    SETTING_NOUNS,
    WORDS_FROM_SOMEONE,
    WRITTEN_SOURCES,
)
from ingest.lexicon.function_words import (
    APPOSITIVE_LINKS,
    AUX_ADVERBS,
    BE_FORMS,
    CLAUSE_LINKS,
    DETERMINERS,
    LISTENING_PREPOSITIONS,
    NON_NAME_WORDS,
    PLACE_PREPOSITIONS,
    QUANTIFIERS,
    SETTING_PREPOSITIONS,
    SUBJECT_STOPS,
    TO_PHRASES,
)
from ingest.lexicon.marks import QUOTE_CHARS
from ingest.lexicon.people import SPEAKER_HEADS, TITLES
from ingest.lexicon.pronouns import PRONOUNS
from ingest.lexicon.time import WEEKDAYS
from ingest.quotes.cues import WINDOW, Word, words


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase as written, with offsets, and an appositive role if any."""

    start: int
    end: int
    text: str
    role: str = ""


def names_someone(ws: list[Word]) -> bool:
    """A capitalised name among ``ws``, or a person or office noun as their head."""
    if any(w.text[:1].isupper() and w.key not in NON_NAME_WORDS for w in ws):
        return True
    head = ws[-1].key.rstrip(".").replace("\u2019s", "").replace("'s", "") if ws else ""
    return head in SPEAKER_HEADS


def person_like(phrase: Phrase | None) -> bool:
    """A name, or a person noun as the head ('the senator'), not 'the three-year freeze'."""
    return phrase is not None and names_someone(words(phrase.text, 0, len(phrase.text)))


def np_ok(ws: list[Word]) -> bool:
    if not ws:
        return False
    last = ws[-1].key
    if last in SUBJECT_STOPS or last in AUX_ADVERBS or last in DETERMINERS or last in ("of", "for"):
        return False  # "Ada Holm made a point of (saying)": no noun phrase ends so
    if len(ws) == 1 and last in PRONOUNS:
        return True
    if names_someone(ws):
        return True
    # "the moderator", "his nephew", "one senior aide": a determined noun phrase
    return len(ws) <= 8 and ws[0].key in DETERMINERS | QUANTIFIERS


def _tail_np(ws: list[Word], limit: int = 8) -> list[Word]:
    """The noun phrase that ends the word list (walking backward until a stop word)."""
    i = len(ws)
    while i > 0 and len(ws) - i < limit:
        w = ws[i - 1]
        if w.text == ")" and "(" in [x.text for x in ws[max(0, i - 12) : i]]:
            close = i
            while i > 0 and ws[i - 1].text != "(":  # "Sen. Ted Cruz (Tex.) said"
                i -= 1
            i -= 1
            limit += close - i  # the parenthesis does not count as words of the name
            continue
        if w.key in REPORTED_BY and w.text.islower():
            break
        if w.key in ("to", "with") and i > 1 and ws[i - 2].key in ("close", "familiar"):
            i -= 1  # "people familiar with the talks said": one noun phrase
            continue
        if w.key in SUBJECT_STOPS or not w.text[0].isalnum():
            relative = i < len(ws) and not ws[i].text[:1].isupper()  # not "that Gov. X said"
            if w.key in ("who", "which", "that") and i - 1 > 0 and relative:
                # "Republicans who oppose the bill said": the head is before "who"
                head = _tail_np(ws[: i - 1], limit)
                if head and np_ok(head):
                    return head
            if (
                w.key == "and"
                and i < len(ws)
                and ws[i].text[:1].isupper()
                and i - 1 > 0
                and ws[i - 2].text[:1].isupper()
            ):  # "Smith and Jones said"
                i -= 1
                continue
            if w.key == "and" and _role_and_role(ws, i):
                i -= 1  # "the Ohio senator and Republican candidate said": one person
                continue
            break
        i -= 1
    np = ws[i:]
    # drop leading words that cannot open a noun phrase
    while (
        (len(np) > 1 or (np and np[0].key not in PRONOUNS))
        and _contracted(np[0].key) in NON_NAME_WORDS
        and np[0].key not in DETERMINERS
    ):
        if np[0].key in QUANTIFIERS:
            break
        np = np[1:]
    return np


def _contracted(key: str) -> str:
    """``here's`` -> ``here``: a function word with a contracted verb."""
    return key[:-2] if key.endswith(("'s", "\u2019s")) else key


def _role_and_role(ws: list[Word], i: int) -> bool:
    """``ws[i - 1]`` is an "and" joining two roles of one person (the second has no name)."""
    after = ws[i:]
    if len(after) < 2 or not any(w.text.islower() for w in after):
        return False
    for k in range(i - 2, max(-1, i - 7), -1):
        if ws[k].key in ("the", "a", "an"):
            return True
        if ws[k].key in SUBJECT_STOPS or not ws[k].text[0].isalnum():
            return False
    return False


def _strip_settings(ws: list[Word]) -> list[Word]:
    """``ws`` without the trailing "during a rally", "in a statement", "on Sunday"."""
    while ws and ws[-1].key in SETTING_NOUNS:
        k = next(
            (
                k
                for k in range(len(ws) - 2, max(-1, len(ws) - 5), -1)
                if ws[k].key in SETTING_PREPOSITIONS
            ),
            -1,
        )
        if k <= 0 or not all(w.key in DETERMINERS or w.text.islower() for w in ws[k + 1 : -1]):
            break
        ws = ws[:k]
    return ws


def _made_it(between: list[str]) -> bool:
    """``released``, ``passed out``: a making verb (and its particle) and nothing else."""
    return 0 < len(between) <= 2 and between[0].lower() in MAKING_VERBS


_PARTY = re.compile(r"[RDI]-[A-Z][a-z]*\.?$")


def _lead_np(ws: list[Word]) -> list[Word]:
    """The name that opens a clause (``Mrs. Clinton`` of ``Mrs. Clinton shook her head``)."""
    np: list[Word] = []
    for w in ws:
        if w.text[:1].isupper() or (w.key in DETERMINERS and not np):
            np.append(w)
        elif (
            np
            and not w.key.endswith("ed")
            and (np[-1].key in DETERMINERS or np[-1].text.endswith(("'s", "\u2019s")))
        ):  # not "This prompted"
            np.append(w)  # "The mayor", "the city's mayor"
        else:
            break
    np = _possessed_head(ws, np)
    while np and _contracted(np[0].key) in NON_NAME_WORDS and np[0].key not in DETERMINERS:
        np = np[1:]
    return np if np_ok(np) else []


def _possessed_head(ws: list[Word], np: list[Word]) -> list[Word]:
    """``Ana Ruiz's right-hand woman rallied``: past the possessor's modifiers to the person
    noun (the possessor is not the speaker); unchanged when no such noun follows closely."""
    n = len(np)
    if n < 2 or not np[-2].text.endswith(("'s", "\u2019s")) or _is_person_noun(np[-1]):
        return np
    for k in range(n, min(n + 2, len(ws))):
        if not ws[k].text.islower():
            break
        if _is_person_noun(ws[k]):
            return ws[: k + 1]  # np is a prefix of ws
    return np


def _first_named_segment(ws: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The first comma-separated segment that is a name, and the segments after it."""
    segs: list[list[Word]] = [[]]
    for w in ws[:-1]:
        if w.text == ",":
            segs.append([])
        else:
            segs[-1].append(w)
    if len(segs) < 2:
        return None
    for i, seg in enumerate(segs[:-1]):
        while i == 0 and len(seg) > 1 and seg[0].key in NON_NAME_WORDS:
            seg = seg[1:]  # "As Akhil Amar, a law professor, put it"
        if (
            seg
            and len(seg) <= 6
            and all(w.text[:1].isupper() or w.key in ("of", "de", "van") for w in seg)
            and seg[0].key not in NON_NAME_WORDS
            and seg[-1].key not in TITLES
        ):
            rest = [w for s in segs[i + 1 :] for w in s]
            return seg, rest
        if i == 0 and len(seg) > 3:
            return None  # the first segment is a clause, not a name
    return None


def clause_subject(text: str, start: int, end: int) -> Phrase | None:
    """The subject opening the last clause before ``end`` (``he sounded a note, saying``)."""
    ws = words(text, max(start, end - WINDOW), end)
    cut = max((i for i, w in enumerate(ws[:-1]) if w.text in (",", ";")), default=-1)
    clause = ws[cut + 1 :]
    if clause and clause[-1].text == ",":
        clause = clause[:-1]
        cut2 = max((i for i, w in enumerate(clause) if w.text in (",", ";")), default=-1)
        clause = clause[cut2 + 1 :]
    while len(clause) > 1 and clause[0].key in CLAUSE_LINKS:
        clause = clause[1:]  # "And he made a point of saying": the subject after the link
    if not clause:
        return None
    if clause[0].key in PRONOUNS:
        return Phrase(clause[0].start, clause[0].end, clause[0].text)
    head = _lead_np(clause)
    return Phrase(head[0].start, head[-1].end, span_text(text, head)) if head else None


def opening_subject(text: str, start: int, end: int) -> Phrase | None:
    """The noun phrase opening a sentence (``The mayor`` of ``The mayor defended ...``)."""
    head = _lead_np(words(text, start, min(end, start + 120)))
    return Phrase(head[0].start, head[-1].end, span_text(text, head)) if head else None


def _is_person_noun(w: Word) -> bool:
    """``the Mexican president``: a noun for a person or office."""
    return w.key in SPEAKER_HEADS


# "X — a teacher from Y — said": an appositive between dashes, ending right before the cue
_DASHED_APPOSITIVE = re.compile(
    r"(?:\s*\u2014\s*|\s+--?\s+)(?P<appos>[^\u2014\n\"\u201c]{3,150}?)(?:\s*\u2014\s*|\s+--?\s+)$"
)


def subject_before(text: str, lo: int, cue_start: int) -> Phrase | None:
    """The speaker written right before a cue (``X said``, ``X, a spokesman for Z, said``)."""
    dashed = _DASHED_APPOSITIVE.search(text, max(lo, cue_start - WINDOW), cue_start)
    if dashed is not None:
        phrase = subject_before(text, lo, dashed.start())
        if phrase is not None and phrase.end == dashed.start():
            appos = dashed.group("appos").strip()
            name = words(text, dashed.start("appos"), dashed.end("appos"))
            comma = next((i for i, w in enumerate(name) if w.text == ","), len(name))
            name = name[:comma]
            if (
                phrase.text.split()[0].lower() in DETERMINERS
                and 1 < len(name) <= 5
                and all(w.text[:1].isupper() for w in name)
            ):  # "A former candidate -- John Ames, who lost in 2008 -- said": the name speaks
                return Phrase(name[0].start, name[-1].end, span_text(text, name), phrase.text)
            return phrase if phrase.role else Phrase(phrase.start, phrase.end, phrase.text, appos)
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
        or (progressive and ws[-1].key in BE_FORMS)  # "Trump is already telling supporters"
    ):
        ws.pop()
    if len(ws) > 3 and ws[-1].key in WEEKDAYS and ws[-2].key == "on" and ws[-3].text == ",":
        del ws[-2:]  # "X, who lost in May, on Friday said": the day is no part of X
    last = ws[-1].key if ws else ""
    if progressive and last[-2:] in ("'s", "\u2019s") and last[:-2] in PRONOUNS:
        w = ws[-1]  # "He's predicting": the pronoun without its "is"
        ws[-1] = Word(w.start, w.end - 2, w.text[:-2])
    while len(ws) >= 3 and ws[-1].key == "to" and (ws[-2].key, ws[-3].key) in TO_PHRASES:
        del ws[-3:]  # "went on to say", "was quick to add"
        while ws and ws[-1].key in AUX_ADVERBS:
            ws.pop()
    if len(ws) >= 4 and [w.key for w in ws[-2:]] == ["quoted", "as"] and ws[-3].key in BE_FORMS:
        del ws[-3:]  # "Braynard is quoted as saying"
    if len(ws) >= 3 and ws[-1].key == "by" and ws[-2].key in BY_VERBS:
        del ws[-2:]  # "he began by saying", "she closed by asking"
        while ws and ws[-1].key in AUX_ADVERBS:
            ws.pop()
    if len(ws) >= 6 and [w.key for w in ws[-4:]] == ["so", "far", "as", "to"]:
        del ws[-5:]  # "went so far as to say": the subject before the idiom
        while ws and ws[-1].key in AUX_ADVERBS:
            ws.pop()
    if (
        len(ws) >= 3
        and ws[-1].key == "to"
        and ws[-2].text.islower()
        and ws[-2].key.endswith("ed")
        and (ws[-3].key in BE_FORMS or ws[-2].key == "decided")
    ):
        del ws[-2:]  # "was prompted to say", "decided to tell" (not "wanted to say")
        while ws and (ws[-1].key in AUX_ADVERBS or ws[-1].key in BE_FORMS):
            ws.pop()
    if ws and ws[-1].key in ("and", "but") and ws[0].text[:1].isupper():
        # "Mrs. Clinton shook her head and said": the subject opens the clause
        lead = ws[:-1]
        comma = next((i for i, w in enumerate(lead[:6]) if w.text == ","), -1)
        if comma > 0 and not _lead_np(lead):
            lead = lead[comma + 1 :]  # "Last week, the campaign ... and said"
        head = _lead_np(lead)
        if head:
            return Phrase(head[0].start, head[-1].end, span_text(text, head), "")
    if len(ws) > 2 and ws[-1].key == "who" and ws[-2].text == ",":
        lead = ws[:-2]  # "a reaction from Mayor Ida Moss, who said": the antecedent speaks
        head = _tail_np(lead)
        person = any(_is_person_noun(w) for w in head)
        place = len(head) < len(lead) and lead[-len(head) - 1].key in PLACE_PREPOSITIONS
        if place and lead[-len(head) - 1].key == "from" and len(lead) > len(head) + 1:
            # "praise from Mike Lee, who said": from whom a thing came (not "a nurse from")
            place = lead[-len(head) - 2].key not in WORDS_FROM_SOMEONE
        if (
            head
            and (person or not place)  # "Nicky Dunn, 24, from Alder, who said": not the town
            and np_ok(head)
            and (head[0].text[:1].isupper() or person)
        ):
            return Phrase(head[0].start, head[-1].end, span_text(text, head), "")
    if len(ws) > 2 and ws[-1].key == "that" and ws[-2].key in WRITTEN_SOURCES:
        head = _tail_np(ws[:-1])  # "water bottles that said": the written thing's words
        det = max((i for i, w in enumerate(head) if w.key in DETERMINERS), default=0)
        head = head[det:]
        maker = clause_subject(text, lo, head[0].start) if head else None
        if (
            maker is not None
            and maker.start >= lo
            and _made_it(text[maker.end : head[0].start].split())
            and (maker.text.lower() in PRONOUNS or person_like(maker))
        ):  # "Ruiz released a video that said": whoever made the written thing
            return maker
        if head and np_ok(head):  # "replaced by a message that said": the message
            return Phrase(head[0].start, head[-1].end, span_text(text, head), "")
    if not ws:
        return None
    role = ""
    if ws[-1].text == ",":
        named = _first_named_segment(ws)
        if named is not None:  # "Ana Ruiz, 67, a nurse in Lowell, Mass., said"
            seg, rest = named
            # "X, speaking on WXR, said": a participle clause, not a role
            participle = bool(rest) and rest[0].text.islower() and rest[0].key.endswith("ing")
            role = span_text(text, rest) if rest and not participle else ""
            return Phrase(seg[0].start, seg[-1].end, span_text(text, seg), role)
        # an appositive: "X, a spokesman for Z, said" / "the chief, John Doe, said"
        commas = [i for i, w in enumerate(ws[:-1]) if w.text == ","]
        if not commas:
            return None
        c = commas[-1]
        appos = ws[c + 1 : -1]
        before = _tail_np(ws[:c])
        if appos and appos[0].key in ("who", "which"):
            appos_text = text[appos[0].start : appos[-1].end]
            if before and np_ok(before):
                return Phrase(before[0].start, before[-1].end, span_text(text, before), appos_text)
            return None
        titled = 0
        while (
            titled < len(appos) - 1
            and appos[titled].text.islower()
            and _is_person_noun(appos[titled])
        ):
            titled += 1  # "the culture lead, councillor Jo Whit, said": the title is a role
        if titled and all(w.text[:1].isupper() for w in appos[titled:]):
            appos = appos[titled:]
        if (
            appos
            and all(w.text[:1].isupper() for w in appos)
            and appos[0].key not in DETERMINERS
            and np_ok(appos)
            and len(appos) <= 5
        ):
            role = span_text(text, before) if before else ""
            return Phrase(appos[0].start, appos[-1].end, span_text(text, appos), role)
        if before and np_ok(before) and appos:
            return Phrase(
                before[0].start, before[-1].end, span_text(text, before), span_text(text, appos)
            )
        return None
    np = _tail_np(ws)
    if len(np) > 1 and np[0].text.isupper() and "-" in text[np[0].end : np[1].start]:
        np = np[1:]  # "CHICAGO - Rahm Emanuel said": a dateline
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
    np, role = _post_modified(text, ws, np)
    bare = _strip_settings(ws)
    if len(bare) < len(ws):  # "Sanders during a rally on Sunday thanked"
        head = _tail_np(bare)
        if head and np_ok(head):
            np = head
    who = [i for i, w in enumerate(ws) if w.key in ("who", "which")]
    if who and who[-1] > 0 and not any(w.text == "," for w in ws[who[-1] :]):
        head = _tail_np(ws[: who[-1]])  # "an official who spoke anonymously said"
        if np_ok(head):
            return Phrase(head[0].start, head[-1].end, span_text(text, head), "")
    if not np_ok(np):
        return None
    return Phrase(np[0].start, np[-1].end, span_text(text, np), role)


def _post_modified(text: str, ws: list[Word], np: list[Word]) -> tuple[list[Word], str]:
    """The subject when the words before a cue end in a modifier of it, not in it.

    ``A source speaking to Channel 9 said``: the object of "speaking to" is the listener;
    ``Ana Ruiz, president and CEO of Lowell Bakers stated``: an appositive left unclosed
    (no comma before the cue) gives the name its role."""
    i = len(ws) - len(np)
    if not np or i < 2:
        return np, ""
    if (
        ws[i - 1].key in LISTENING_PREPOSITIONS
        and ws[i - 2].text.islower()
        and ws[i - 2].key.endswith("ing")
    ):
        head = _tail_np(ws[: i - 2])
        if head and np_ok(head):
            return head, ""
    c = max((k for k, w in enumerate(ws) if w.text == ","), default=-1)
    if c < 1 or c >= i:
        return np, ""
    name, appos = _tail_np(ws[:c]), ws[c + 1 :]
    if (
        not name
        or (len(name) < c and ws[c - len(name) - 1].text not in (",", ":", ";"))
        or not all(w.text[:1].isupper() for w in name)
        or name[0].key in NON_NAME_WORDS
        or name[-1].key in TITLES
        or len(appos) > 10
        or not (appos[0].key in ("a", "an") or (_is_person_noun(appos[0])))
        or any(
            (w.key in SUBJECT_STOPS and w.key not in APPOSITIVE_LINKS) or not w.text[0].isalnum()
            for w in appos
        )
        or any(w.text.islower() and w.key.endswith("ed") for w in appos)
    ):
        return np, ""
    return name, span_text(text, appos)


def span_text(text: str, ws: list[Word]) -> str:
    return text[ws[0].start : ws[-1].end]
