"""Shallow parse: noun phrases over words with offsets (tails before a cue, clause
subjects, sentence openers, appositives). No attribution decisions live here."""

from __future__ import annotations

from dataclasses import dataclass

from ingest.lexicon.cues import (
    REPORTED_BY,
    SETTING_NOUNS,
)
from ingest.lexicon.function_words import (
    APPOSITIVE_LINKS,
    AUX_ADVERBS,
    CLAUSE_LINKS,
    DETERMINERS,
    LISTENING_PREPOSITIONS,
    NON_NAME_WORDS,
    QUANTIFIERS,
    SETTING_PREPOSITIONS,
    SUBJECT_STOPS,
)
from ingest.lexicon.people import PARTY_WORDS, SPEAKER_HEADS, TITLES
from ingest.lexicon.pronouns import PRONOUNS
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


def tail_np(ws: list[Word], limit: int = 8) -> list[Word]:
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
                head = tail_np(ws[: i - 1], limit)
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


def strip_settings(ws: list[Word]) -> list[Word]:
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


def lead_np(ws: list[Word]) -> list[Word]:
    """The name that opens a clause (``Mrs. Clinton`` of ``Mrs. Clinton shook her head``)."""
    np: list[Word] = []
    skip_to = 0
    for i, w in enumerate(ws):
        if i < skip_to:
            continue
        if w.text[:1].isupper() or (w.key in DETERMINERS and not np):
            np.append(w)
        elif np and (end := _title_phrase_end(ws, i)) > i:
            np.extend(ws[i:end])  # "Democratic presidential candidate Ana Ruiz": one phrase
            skip_to = end
        elif len(np) == 1 and np[0].key in PARTY_WORDS and is_person_noun(w):
            np.append(w)  # "Democratic leaders, saying ...": the leaders, not a party word
            break
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


_TITLE_MODIFIER_ENDINGS = ("al", "ic", "an", "ive", "ary")  # presidential, Democratic
TITLE_PHRASE_WORDS = 6


def _title_phrase_end(ws: list[Word], i: int) -> int:
    """Where the lower-case title words from ``ws[i]`` end, when they end in a person noun
    right before a name (``presidential candidate`` of ``Democratic presidential candidate
    Ana Ruiz``, ``columnist and Fox News contributor`` of ``Conservative columnist and ...
    George Will``); ``i`` when they do not (``Republican voters told``)."""
    for k in range(i, min(i + TITLE_PHRASE_WORDS, len(ws) - 1)):
        w, after = ws[k], ws[k + 1]
        lower = w.text.islower()
        named = after.text[:1].isupper() and after.key not in NON_NAME_WORDS
        if lower and is_person_noun(w) and named:
            return k + 1  # "candidate Ana Ruiz", not "candidate This"
        if not w.text[0].isalpha():
            return i  # a comma or a bracket ends the phrase
        if lower and not (
            is_person_noun(w) or w.key == "and" or w.key.endswith(_TITLE_MODIFIER_ENDINGS)
        ):
            return i  # a verb or any other word: no title phrase
    return i


def _possessed_head(ws: list[Word], np: list[Word]) -> list[Word]:
    """``Ana Ruiz's right-hand woman rallied``: past the possessor's modifiers to the person
    noun (the possessor is not the speaker); unchanged when no such noun follows closely."""
    n = len(np)
    if n < 2 or not np[-2].text.endswith(("'s", "\u2019s")) or is_person_noun(np[-1]):
        return np
    for k in range(n, min(n + 2, len(ws))):
        if not ws[k].text.islower():
            break
        if is_person_noun(ws[k]):
            return ws[: k + 1]  # np is a prefix of ws
    return np


def first_named_segment(ws: list[Word]) -> tuple[list[Word], list[Word]] | None:
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
    head = lead_np(clause)
    return Phrase(head[0].start, head[-1].end, span_text(text, head)) if head else None


def opening_subject(text: str, start: int, end: int) -> Phrase | None:
    """The noun phrase opening a sentence (``The mayor`` of ``The mayor defended ...``)."""
    head = lead_np(words(text, start, min(end, start + 120)))
    return Phrase(head[0].start, head[-1].end, span_text(text, head)) if head else None


def is_person_noun(w: Word) -> bool:
    """``the Mexican president``: a noun for a person or office."""
    return w.key in SPEAKER_HEADS


def post_modified(text: str, ws: list[Word], np: list[Word]) -> tuple[list[Word], str]:
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
        head = tail_np(ws[: i - 2])
        if head and np_ok(head):
            return head, ""
    c = max((k for k, w in enumerate(ws) if w.text == ","), default=-1)
    if c < 1 or c >= i:
        return np, ""
    name, appos = tail_np(ws[:c]), ws[c + 1 :]
    if (
        not name
        or (len(name) < c and ws[c - len(name) - 1].text not in (",", ":", ";"))
        or not all(w.text[:1].isupper() for w in name)
        or name[0].key in NON_NAME_WORDS
        or name[-1].key in TITLES
        or len(appos) > 10
        or not (appos[0].key in ("a", "an") or (is_person_noun(appos[0])))
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


def opening_pronoun(text: str, lo: int, cue_start: int) -> Phrase | None:
    """``She greeted 2,000 supporters and told them ...``: the pronoun opening the clause."""
    ws = text[lo:cue_start].split(maxsplit=1)
    if not ws or ws[0].lower() not in ("he", "she", "they"):
        return None
    start = text.index(ws[0], lo)
    return Phrase(start, start + len(ws[0]), ws[0])
