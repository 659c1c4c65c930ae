"""Who a sentence of an answer says spoke a quote: a name, a pronoun or a title phrase.

:func:`claimed_speaker` reads the subject of the speech verb next to a quote
(``X said “…”``, ``according to X, “…”``, ``“…”, said X``); the speaker check of the fluent
engine compares it with the quote index.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.model.quoted import MARKER_RUN, Quoted
from ingest.lexicon.function_words import DETERMINERS
from ingest.lexicon.pronouns import PRONOUNS

# Speech verbs: the speaker is their subject, or follows "according to" and "quoted".
SPEECH = re.compile(
    r"\b(?:according\s+to|quoted\s+as\s+saying|quoted|said|says|say|saying|told|tells|stated|"
    r"states|declared|added|adds|argued|argues|claimed|warned|warns|insisted|insists|announced|"
    r"remarked|wrote|writes|explained|explains|noted|replied|replies|asked|asks|continued)\b",
    re.IGNORECASE,
)
SUBJECT_PRONOUNS = PRONOUNS | {"who"}
# Words between a subject and its speech verb: "Thorne has also said", "was quoted as saying".
_AUXILIARY = re.compile(
    r"also|then|later|has|had|have|was|were|is|are|been|again|once|previously|further|first|"
    r"only|just|as|reportedly|publicly",
    re.IGNORECASE,
)
# Abbreviations whose full stop ends neither a name nor a sentence ("Mr. Thorne").
_TITLES = ("Mr", "Ms", "Mrs", "Dr", "St")
NOT_AFTER_TITLE = "".join(rf"(?<!\b{t})" for t in _TITLES)
# A name: capitalised words (and particles) on one line: "Mr. Thorne", "Ursula von der Leyen".
_WORD = rf"(?:{'|'.join(_TITLES)})\.|[A-Z][\w'’-]*"
_PARTICLE = r"(?:de|van|von|der|da|del|di|la|le|al|bin)[ \t]+"
NAME_RUN = re.compile(rf"(?:{_WORD})(?:[ \t]+(?:{_PARTICLE})*(?:{_WORD}))*")
_CLAUSE = re.compile(
    r"[,;:()\[\]—–]|\b(?:and|but|while|whereas|when|after|before|because|although|though|or)\b",
    re.IGNORECASE,
)
_PHRASE_END = re.compile(
    NOT_AFTER_TITLE + r"\.|[,;:!?()\[\]“”\"«»]"
    r"|\s(?:who|which|whose|of|for|at|from|in|on|with|to|about)\s"
)


@dataclass(frozen=True)
class Claimed:
    """Who a sentence says spoke a quote, as written: a name, a pronoun or a title."""

    form: str
    kind: str  # "name", "pronoun" or "title"


def _phrase(tokens: list[str], from_end: bool) -> Claimed | None:
    """A speaker phrase: a pronoun, a name (its capitalised words) or a title phrase."""
    text = " ".join(tokens).strip(" ,:;'\"’‘")
    if not text:
        return None
    edge = (text.split()[-1] if from_end else text.split()[0]).lower()
    if edge in SUBJECT_PRONOUNS:
        return Claimed(edge, "pronoun")
    runs = list(NAME_RUN.finditer(text))
    if from_end:  # a name ends the subject, or it is a title ("the city's mayor")
        runs = runs[-1:] if runs and runs[-1].end() == len(text) else []
    if runs:
        name = runs[0].group().split()
        while name and name[0].lower() in DETERMINERS:
            name.pop(0)
        if name:
            return Claimed(" ".join(name), "name")
    title = text.split()
    cut = [i for i, t in enumerate(title) if t.lower() in DETERMINERS]
    title = title[cut[-1] + 1 :] if cut else title
    return Claimed(" ".join(title[-4:]), "title") if title else None


def _without_auxiliaries(tokens: list[str]) -> list[str]:
    """A subject's words without the auxiliaries before its verb ("Thorne has also")."""
    while tokens and _AUXILIARY.fullmatch(tokens[-1]):
        tokens = tokens[:-1]
    return tokens


def _subject_before(text: str) -> Claimed | None:
    """The subject of a speech verb, from the words before it ("Bea Thorne, who ..., said")."""
    text = MARKER_RUN.sub("", text).rstrip()
    if text.endswith(","):
        text = re.sub(r",[^,]*,$", "", text).rstrip(",")  # an aside between commas
    boundaries = list(_CLAUSE.finditer(text))
    tokens = _without_auxiliaries(text[boundaries[-1].end() if boundaries else 0 :].split())
    return _phrase(tokens[-6:], from_end=True)


def _subject_after(text: str) -> Claimed | None:
    """The speaker named after a verb: "said Mayor Odile Fenwick, who", "according to X"."""
    return _phrase(_PHRASE_END.split(MARKER_RUN.sub("", text), maxsplit=1)[0].split(), False)


def claimed_speaker(sentence: str, quote: Quoted, quotes: Sequence[Quoted]) -> Claimed | None:
    """Who ``sentence`` says spoke ``quote``: the subject of the nearest speech verb that
    introduces it (``X said “…”``, ``according to X, “…”``, ``quoted X: “…”``) or follows it
    (``“…”, X said``, ``“…”, said X``); ``None`` when no attribution is next to it."""
    start = max((q.stop for q in quotes if q.stop <= quote.start), default=0)
    stop = min((q.start for q in quotes if q.start >= quote.stop), default=len(sentence))
    before, after = sentence[start : quote.start], sentence[quote.stop : stop]
    verbs = list(SPEECH.finditer(before))
    if verbs:
        v = verbs[-1]
        verb = v.group().lower()
        claim = None
        if verb.startswith(("according", "quoted")) and not verb.endswith("saying"):
            claim = _subject_after(before[v.end() :])
        return claim or _subject_before(before[: v.start()]) or _subject_after(before[v.end() :])
    follows = SPEECH.search(after)
    if follows is None:
        return None
    lead = MARKER_RUN.sub("", after[: follows.start()]).strip(" ,:;—–-")
    if not lead:  # “…”, said X
        return _subject_after(after[follows.end() :])
    tokens = lead.split()
    if len(tokens) > 4 or _CLAUSE.search(lead):  # another clause, not this quote's speaker
        return None
    tokens = _without_auxiliaries(tokens)
    claim = _phrase(tokens, from_end=True)
    if claim and claim.kind == "title" and tokens[0].lower() not in DETERMINERS:
        return None  # “…” is what the plan says: no speaker phrase
    return claim
