"""Words right after a cue: the speaker of an inverted cue (``said the senator, who ...``,
``Said Ellis:``, ``according to X``) and the object of ``told``/``asked``."""

from __future__ import annotations

import re

from ingest.lexicon.function_words import (
    AFTER_SPEAKER,
    AUX_ADVERBS,
    CLOSE_TO,
    DETERMINERS,
    MODALS,
    NON_NAME_WORDS,
    OBJECT_STOPS,
    PROXIMITY,
    SUBJECT_STOPS,
)
from ingest.lexicon.marks import QUOTE_CHARS
from ingest.lexicon.people import SPEAKER_HEADS, TITLES
from ingest.quotes.cues import WINDOW, Word, words
from ingest.quotes.phrases import Phrase, np_ok, span_text


def speaker_after(text: str, cue_end: int, hi: int, strict: bool = False) -> Phrase | None:
    """The speaker written right after a cue (``said the senator, who ...``, ``Said X:``).

    ``strict``: the phrase must be followed by punctuation, the end, or a word that cannot
    continue a noun phrase (``said Smith in a statement``), not by a verb (``said the
    plan was``)."""
    ws = words(text, cue_end, min(hi, cue_end + WINDOW))
    if not ws or any(c in QUOTE_CHARS for c in text[cue_end : ws[0].start]):
        return None  # called ''our foe'': quoted words are never the speaker
    walked = _noun_phrase_after(ws)
    if walked is None:
        return None
    np, head = walked
    if np and np[-1].key in DETERMINERS:
        return None
    while np and np[-1].key in AUX_ADVERBS:
        np.pop()
    if not np_ok(np[:head] if head else np):
        return None
    rest = ws[len(np) :]
    if strict and rest and rest[0].text[0].isalnum() and rest[0].key not in AFTER_SPEAKER:
        return None
    if strict and rest and rest[0].text in QUOTE_CHARS:
        return None  # 'said the plan "works"': quoted words go on the clause
    return _with_role(text, np, rest)


def _noun_phrase_after(ws: list[Word]) -> tuple[list[Word], int] | None:
    """The noun phrase opening ``ws`` and how many of its words come before "close to" /
    "familiar with" (0: none); ``None`` when it runs too long to be a speaker."""
    np: list[Word] = []
    head = 0
    for i, w in enumerate(ws):
        if w.key == "of" and _lowercase_role_of_then_name(np, ws, i):
            np.append(w)  # "said head of research Jane Doe", "said secretary of state X"
            continue
        if w.key in CLOSE_TO and len(np) > 1 and np[-1].key in PROXIMITY and not head:
            head = len(np) - 1
            np.append(w)  # "according to a source close to the inquiry"
            continue
        if (
            w.key in OBJECT_STOPS
            or w.key in SUBJECT_STOPS
            or (w.key in MODALS and w.text.islower())  # not "said Will Doyle"
            or not w.text[0].isalnum()
        ):
            break
        if len(np) >= (14 if head else 8):
            return None
        np.append(w)
    return np, head


def _with_role(text: str, np: list[Word], rest: list[Word]) -> Phrase:
    """The speaker of ``np`` and its role: the name after a lower-case role ("head of
    research Jane Doe"), the name in apposition ("the organiser, Petra Lindgren"), or
    the appositive after a comma ("Smith, a spokesman for ...")."""
    if any(w.key == "of" for w in np) and np[0].text.islower():
        first = next((j for j, w in enumerate(np) if w.text[:1].isupper()), 0)
        if first:
            name_words = np[first:]
            return Phrase(
                name_words[0].start,
                name_words[-1].end,
                span_text(text, name_words),
                span_text(text, np[:first]),
            )
    name = _appositive_name(np, rest)
    if name:  # "said the organiser, Petra Lindgren": the name speaks, the noun is the role
        return Phrase(name[0].start, name[-1].end, span_text(text, name), span_text(text, np))
    role = ""
    if (
        len(rest) > 1
        and rest[0].text == ","
        and (rest[1].key in ("a", "an", "the", "who") or rest[1].key in TITLES)
    ):
        k = 1
        while k < len(rest) and rest[k].text not in (",", ":", ";") and k < 14:
            k += 1
        role = span_text(text, rest[1:k])
    return Phrase(np[0].start, np[-1].end, span_text(text, np), role)


def _lowercase_role_of_then_name(np: list[Word], ws: list[Word], i: int) -> bool:
    """``of`` inside a lowercase role before a name: ``master of ceremonies Asab Tabchi``."""
    if not np or len(np) > 3 or not all(w.text.isalpha() and w.text.islower() for w in np):
        return False
    after = ws[i + 1 : i + 4]
    k = 0
    while (
        k < len(after)
        and k < 2
        and after[k].text.isalpha()
        and after[k].text.islower()
        and after[k].key not in DETERMINERS  # "director of the Museum of Art ..."
    ):
        k += 1
    return 0 < k < len(after) and after[k].text[:1].isupper()


def _appositive_name(np: list[Word], rest: list[Word]) -> list[Word]:
    """The capitalised name set off by a comma after a role (``the organiser, Petra Lind``)."""
    if np[0].key not in DETERMINERS or any(w.text[:1].isupper() for w in np[1:]):
        return []
    if len(rest) < 2 or rest[0].text != ",":
        return []
    name: list[Word] = []
    for w in rest[1:]:
        if not w.text[0].isalnum() or w.key in OBJECT_STOPS or w.key in SUBJECT_STOPS:
            break
        if not w.text[:1].isupper() or len(name) >= 4:
            return []
        name.append(w)
    if not name or name[0].key in NON_NAME_WORDS or name[-1].key in TITLES:
        return []
    return name


def skip_object(text: str, pos: int, hi: int) -> int:
    """Past the object of ``told``/``asked`` (``told reporters``, ``told The Times``)."""
    ws = words(text, pos, min(hi, pos + WINDOW))
    if not ws:
        return pos
    if ws[0].key in ("that", "whether", "if", "how", "why", "what"):
        return pos
    if ws[0].text[:1].isupper():
        k = 0
        while k < len(ws) and (ws[k].text[:1].isupper() or ws[k].key in ("of", "the")):
            k += 1
        end = ws[k - 1].end
        if ws[k - 1].text.endswith(("'s", "\u2019s")) and k < len(ws) and ws[k].text in QUOTE_CHARS:
            # 'told NBC's "Today" show': the programme's quoted name is part of the object
            close = next((w for w in ws[k + 1 : k + 8] if w.text in QUOTE_CHARS), None)
            if close is not None:
                return close.end
        return end
    k = 1 if ws[0].key in DETERMINERS else 0
    if k < len(ws) and ws[k].text[:1].isupper():
        while k + 1 < len(ws) and ws[k + 1].text[:1].isupper():
            k += 1
        nxt = ws[k + 1] if k + 1 < len(ws) else None
        if k > 0 and nxt is not None and nxt.text.islower() and _ends_object(text, nxt.end, hi):
            k += 1  # "asked the Cleveland crowd, ..."
    if k < len(ws):
        return ws[k].end
    return pos


def _ends_object(text: str, pos: int, hi: int) -> bool:
    """An object ends at ``pos`` when a comma, colon, quote or ``that`` follows it."""
    rest = text[pos:hi].lstrip()
    return rest[:1] in (",", ":", '"', "\u201c") or rest[:2] == "''" or rest[:5] == "that "


def possessed_thing(phrase: str) -> bool:
    """``according to their instinctive preference``: a possession, not a source."""
    ws = phrase.lower().split()
    if len(ws) < 2 or ws[0] not in ("his", "her", "their", "its", "our", "my"):
        return False
    head = ws[-1].rstrip(".,")
    return head not in SPEAKER_HEADS


def source_by(text: str, pos: int, hi: int) -> Phrase | None:
    """``according to calculations by Amy Glas``: the named source after by/from/of."""
    g = _SOURCE_BY.match(text, pos, hi)
    return speaker_after(text, g.end(), hi) if g else None


_SOURCE_BY = re.compile(r"\s+(?:(?:a|an|the|new)\s+)?[a-z]+\s+(?:by|from|of)(?=\s+[A-Z])")
