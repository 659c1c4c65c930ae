"""The name model of one article: each name it mentions, typed and gendered from the
article's own words, built once per article and used by pronoun resolution.

A name is a **person** when the article treats it as one: an honorific or a title before it
(``Ms. Ruiz``, ``Sen. Ana Ruiz``, ``the spokeswoman Ana Ruiz``), a given name the lexicon
knows (``Ana``), an age or a ``who`` after it (``Ruiz, 39,``), or a reporting verb right
beside it (``Ruiz said``). It is an **organisation** when an organisation word is part of
it (``Lowell Police``) or it is an acronym, a **place** when a place word ends it (``South
China Sea``) or a preposition of place leads it with no sign of a person, else **other**.

Gender comes from an honorific, a gendered role word or given name, and otherwise from the
pronouns that follow the name where it is the only person in sight (two or more, three to
one). Nothing here is specific to an article's people: the lists are in ``ingest.lexicon``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.lexicon.cues import SPEECH_CUES
from ingest.lexicon.first_names import (
    FEMALE_GIVEN_NAMES,
    FEMALE_ROLE_WORDS,
    MALE_GIVEN_NAMES,
    MALE_ROLE_WORDS,
)
from ingest.lexicon.people import (
    HONORIFICS,
    PARTY_WORDS,
    PERSON_ROLE_WORDS,
    PLACE_PREPOSITIONS,
    PLACE_WORDS,
    TITLES,
)
from ingest.lexicon.pronouns import (
    FEMININE_FORMS,
    INDEFINITE_PRONOUNS,
    MASCULINE_FORMS,
    PRONOUNS,
)
from ingest.quotes.names import Mention, NameIndex, is_org, name_sized, strip_possessive
from ingest.sentences import Sentence

_AGE_OR_WHO = re.compile(r",\s+(?:\d{1,3},|who\b|whose\b)")
# ", the chief financial officer," / ", a spokeswoman for": a role in apposition
_APPOSITION = re.compile(
    r",\s+(?:(?:the|a|an|its|his|her)\s+)?(?:[\w'\u2019-]+\s+){0,4}?([a-z]+)"
    r"(?=[,.;:]|\s+(?:of|for|at|in|to|with|on)\b)"
)
_ROLE_BEFORE = re.compile(r"\b([a-z]+),\s+$")
_WORD = re.compile(r"[A-Za-z][\w'\u2019-]*")
GENDER_MIN_PRONOUNS = 2


@dataclass
class Entity:
    """One name of the article with what the article tells about it."""

    key: str  # the surname, lower case: later mentions are matched by it
    name: str  # the fullest form the article gives
    kind: str = "other"  # person | organisation | place | other
    gender: str = ""  # "m", "f" or ""
    evidence: set[str] = field(default_factory=set)
    mentions: list[Mention] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _key(name: str) -> str:
    return strip_possessive(name.split()[-1]).lower() if name.split() else ""


def _gender_of_words(words: list[str]) -> str:
    for w in words:
        k = w.lower().rstrip(".")
        if k in FEMALE_ROLE_WORDS or k in ("ms", "mrs", "miss"):
            return "f"
        if k in MALE_ROLE_WORDS or k == "mr":
            return "m"
    return ""


class NameModel:
    """Every name of an article as an ``Entity``, keyed by surname."""

    def __init__(self, text: str, names: NameIndex, sentences: list[Sentence]) -> None:
        self.text = text
        self.names = names
        self.entities: dict[str, Entity] = {}
        for mn in names.mentions:
            key = _key(mn.name)
            if not key or mn.name.lower() in INDEFINITE_PRONOUNS | PRONOUNS:  # "It", "Nobody"
                continue
            ent = self.entities.get(key)
            if ent is None:
                name = names.fullest.get(key) or names.canonical(mn.name)
                ent = self.entities[key] = Entity(key, name)
            ent.mentions.append(mn)
            self._observe(ent, mn)
        for ent in self.entities.values():
            ent.kind = _kind(ent, text)
        self._genders_from_pronouns(sentences)

    def entity(self, name: str) -> Entity | None:
        return self.entities.get(_key(name)) if name else None

    def kind_of(self, name: str) -> str:
        ent = self.entity(name)
        return ent.kind if ent is not None else ("organisation" if is_org(name) else "other")

    def gender_of(self, name: str) -> str:
        ent = self.entity(name)
        return ent.gender if ent is not None else ""

    def _observe(self, ent: Entity, mn: Mention) -> None:
        text = self.text
        lead = mn.written[: max(0, len(mn.written) - len(mn.name))].split()
        before = _WORD.findall(text[max(0, mn.start - 40) : mn.start])[-2:]
        after = text[mn.start + len(mn.written) : mn.start + len(mn.written) + 60]
        first = mn.name.split()[0].lower()
        hints = [*lead, *before]
        if any(w.lower().rstrip(".") in HONORIFICS for w in lead):
            ent.evidence.add("honorific")
        elif any(w.lower().rstrip(".") in TITLES for w in hints):
            ent.evidence.add("title")
        given = first in MALE_GIVEN_NAMES or first in FEMALE_GIVEN_NAMES
        if given and len(mn.name.split()) > 1:  # "Will Ruiz" names a man; "Will" alone no one
            ent.evidence.add("given name")
            ent.gender = ent.gender or ("m" if first in MALE_GIVEN_NAMES else "f")
        if _AGE_OR_WHO.match(after):
            ent.evidence.add("age or who")
        role = _ROLE_BEFORE.search(text, max(0, mn.start - 40), mn.start)
        if role and role.group(1) in PERSON_NOUNS:
            ent.evidence.add("role before")  # "his wife, Jane," "the actor, Tom Baker,"
            hints.append(role.group(1))
        appos = _APPOSITION.match(after)
        if appos and appos.group(1) in PERSON_ROLE_WORDS:
            ent.evidence.add("role in apposition")
            hints.append(appos.group(1))
        rest = after[appos.end() :].lstrip(" ,") if appos else after
        next_word = rest.split(maxsplit=1)[:1]
        if (next_word and next_word[0] in SPEECH_CUES) or (before and before[-1] in SPEECH_CUES):
            ent.evidence.add("reporting verb")
        if before and before[-1].lower() in PLACE_PREPOSITIONS:
            ent.evidence.add("place preposition")
        gender = _gender_of_words(hints)
        if gender and not ent.gender:
            ent.gender = gender
        longer = len(mn.name.split()) > len(ent.name.split())
        if longer and name_sized(mn.name.split()) and not self.names.in_headline(mn.start):
            ent.name = mn.name  # not "Ted Cruz Hints Trump" from a live blog's headline

    def _genders_from_pronouns(self, sentences: list[Sentence]) -> None:
        """A person with no gender given takes the one of the pronouns in the sentence
        that names them and the next, when no other person is named there."""
        tally: dict[str, Counter[str]] = {}
        people = [mn for mn in self.names.mentions if self._is_person(mn.name)]
        starts = [mn.start for mn in people]
        for i, sent in enumerate(sentences):
            end = sentences[i + 1].end if i + 1 < len(sentences) else sent.end
            lo, hi = bisect_left(starts, sent.start), bisect_left(starts, end)
            inside = {_key(people[j].name) for j in range(lo, hi)}
            if len(inside) != 1:
                continue
            key = inside.pop()
            words = re.findall(r"[a-z]+", self.text[sent.start : end].lower())
            counts = tally.setdefault(key, Counter())
            counts["m"] += sum(w in MASCULINE_FORMS for w in words)
            counts["f"] += sum(w in FEMININE_FORMS for w in words)
        for key, counts in tally.items():
            ent = self.entities[key]
            if ent.gender:
                continue
            m, f = counts["m"], counts["f"]
            if m >= GENDER_MIN_PRONOUNS and m >= 3 * f:
                ent.gender = "m"
            elif f >= GENDER_MIN_PRONOUNS and f >= 3 * m:
                ent.gender = "f"

    def _is_person(self, name: str) -> bool:
        ent = self.entity(name)
        return ent is not None and ent.kind == "person"


def _only_opens(ent: Entity, text: str) -> bool:
    """Every mention of a one-word name opens a sentence and it has no sign of a person
    but a reporting verb."""
    if ent.evidence - {"reporting verb"}:
        return False

    def opens(start: int) -> bool:
        before = text[max(0, start - 8) : start].rstrip(" \t\"'\u201c\u2018")
        return not before or before[-1] in ".?!\n"

    return all(opens(mn.start) for mn in ent.mentions)


PERSON_EVIDENCE = frozenset(
    {
        "honorific",
        "title",
        "given name",
        "age or who",
        "role in apposition",
        "role before",
        "reporting verb",
    }
)
PERSON_NOUNS = PERSON_ROLE_WORDS | FEMALE_ROLE_WORDS | MALE_ROLE_WORDS


def _kind(ent: Entity, text: str) -> str:
    words = ent.name.split()
    if is_org(ent.name) or (len(words) == 1 and words[0].replace(".", "").isupper()):
        return "organisation"
    if len(words) == 1 and (words[0].lower() in PARTY_WORDS or _only_opens(ent, text)):
        return "other"  # "Democrats", "Allies say": a group or a capitalised common word
    if words and words[-1].lower() in PLACE_WORDS:
        return "place"
    strong = ent.evidence & (PERSON_EVIDENCE - {"reporting verb"})
    if strong:
        return "person"
    if "place preposition" in ent.evidence:
        return "place"
    if "reporting verb" in ent.evidence:
        return "person"
    return "other"
