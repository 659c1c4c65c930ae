"""The name inside a speaker phrase that runs into its sentence.

A speaker span sometimes takes words past the name: ``Cruz never``, ``Lynch still has the
final``, ``Frank cites a celebratory White House memo``, ``Senate Majority Leader Mitch
McConnell a liar``, ``McConnell spokesman Don Stewart wouldn't``. The speaker is the person
the article names there: the name that opens the phrase when a clause goes on after it, or
the name after a role noun (``spokesman Don Stewart``). In a title-case headline the
person's name is picked out of the run (``name_in_headline``). A phrase that is a description of a
group (``Trump fans``, ``Clinton's campaign``) or opens with a quantifier (``Some
activists``) keeps its words.
"""

from __future__ import annotations

from itertools import pairwise

from ingest.lexicon.function_words import AUX_ADVERBS, CLAUSE_ADVERBS, NOT_SUBJECTS, QUANTIFIERS
from ingest.lexicon.meaning import NEGATIONS
from ingest.lexicon.people import SPEAKER_NOUNS, TITLES
from ingest.lexicon.pronouns import REFLEXIVES
from ingest.quotes.entities import NameModel
from ingest.quotes.names import Mention, is_possessive
from ingest.quotes.phrases import Phrase

# One word after a name that shows a clause going on: "Cruz never", "Cruz himself".
RUN_ON_WORDS = (
    AUX_ADVERBS | CLAUSE_ADVERBS | NOT_SUBJECTS | REFLEXIVES | NEGATIONS | {"even", "both", "too"}
)


def name_in_phrase(model: NameModel, text: str, phrase: Phrase) -> str:
    """The canonical name of the person a run-on phrase names, or "" when it names none."""
    words = phrase.text.split()
    if not words or words[0].lower() in QUANTIFIERS or words[0][:1].isdigit():
        return ""
    last = words[-1].strip(".,\u2019'")
    if last[:1].islower() and (_is_role_noun(last) or (last.endswith("s") and len(last) > 3)):
        return ""  # "Florida election officials", "Abortion rights advocates": a group
    names = model.names
    found = [
        mn
        for mn in names.mentions_between(phrase.start, phrase.end)
        if model.kind_of(mn.name) == "person"
    ]
    if not found:
        return ""
    chosen = (
        _after_role_noun(text, found)
        or _ending_name(text, phrase, found[-1])
        or _opening_subject(text, phrase, found[0])
    )
    return names.canonical(chosen.name) if chosen else ""


def name_in_headline(model: NameModel, name: str) -> str:
    """``Trump Addresses Munich Attack``: in a title-case headline a capitalised run is no
    name; the speaker is the first of its words that names a person of the article."""
    for word in name.split():
        ent = model.entity(word)
        if ent is not None and ent.kind == "person" and ent.key == word.lower():
            return ent.name
    return ""


def _words_between(text: str, start: int, end: int) -> list[str]:
    return [w.strip(".,\u2019'") for w in text[start:end].split()]


def _is_role_noun(word: str) -> bool:
    return word.lower() in SPEAKER_NOUNS or word.lower() in TITLES


def _after_role_noun(text: str, found: list[Mention]) -> Mention | None:
    """``McConnell spokesman Don Stewart``: a role noun between two names makes the later
    one the speaker."""
    for before, after in pairwise(found):
        between = _words_between(text, before.start + len(before.written), after.start)
        lower = all(w[:1].islower() for w in between if w)
        if between and lower and _is_role_noun(between[-1]):
            return after
    return None


def _ending_name(text: str, phrase: Phrase, mn: Mention) -> Mention | None:
    """``Missouri Secretary of State Jason Kander``: a full name that ends a phrase with a
    title before it is the titled person."""
    end = mn.start + len(mn.written)
    lead = _words_between(text, phrase.start, mn.start)
    if any(w[:1].islower() and w != "of" for w in lead if w):
        return None  # "A spokesman for ... Hillary Clinton": the spokesman speaks
    titled = any(w.lower() in TITLES for w in lead) or any(
        w.lower() in TITLES for w in mn.written.split()[:-2]
    )
    name = mn.name.split()
    ends_on_name = len(name) >= 2 and name[-1].lower().rstrip(".") not in TITLES
    if text[end : phrase.end].strip() or not ends_on_name or not titled:
        return None
    return mn


def _opening_subject(text: str, phrase: Phrase, mn: Mention) -> Mention | None:
    """The name opens the phrase (after titles) and a clause follows it: ``Cruz never``,
    ``Frank cites a memo``; not ``Trump fans`` (a description ending on its noun)."""
    lead = _words_between(text, phrase.start, mn.start)
    if any(w[:1].islower() and w.lower() not in TITLES for w in lead if w):
        return None
    if is_possessive(mn.written):
        return None  # "Gowdy's office": the possessor does not speak
    rest = text[mn.start + len(mn.written) : phrase.end].split()
    if rest and rest[0].startswith("(") and rest[0].endswith(")"):
        rest = rest[1:]  # "Sen. Ted Cruz (R-Tex.) never": the party tag is the name's
    if not rest or not rest[0][:1].islower():
        return None
    head = rest[0].strip(".,\u2019'")
    if _is_role_noun(head):
        return None  # "Trump aides": the group speaks
    low = head.lower()
    run_on = low in RUN_ON_WORDS or low.endswith(("n't", "n\u2019t", "ed"))  # "Perez stopped"
    if len(rest) == 1 and not run_on:
        return None  # "Time magazine", "Trump fans": a description ending on its noun
    return mn
