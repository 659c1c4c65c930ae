"""Corpus-level links for nameless speakers: "the union", "the city's mayor" -> a name.

Within one article the extractor ties a role to the name the article introduced ("the
mayor" -> "Odile Fenwicke"). Some articles never give the name: a brief that reprints wire
copy without its first paragraph, a follow-up story that says only "the city's mayor".
Across articles two conservative links are made, quote by quote (never for every use of a
phrase, which means different people in different stories):

- ``reprint``: the same words (same kind of quote) appear in another article, attributed
  there to the same phrase as written, and that article names the speaker;
- ``outlet role``: the same outlet tied exactly this role phrase to exactly one named
  speaker in its articles ("The city's mayor, Odile Fenwicke, said ...").

A quote whose speaker is a name is never changed, so a reprint that credits somebody else
keeps its (mis)attribution visible. A linked quote keeps its speaker as written; the link
names the speaker it was given and says how, and is shown with the evidence.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from bot.normalise import fold
from ingest.records import Quote
from ingest.store import StoredQuote

_DETERMINERS = frozenset({"the", "a", "an"})
_NON_WORD = re.compile(r"\W+")


@dataclass(frozen=True)
class SpeakerLink:
    name: str  # the named speaker the quote is given to
    how: str  # "named where this was first reported", "named in another X article"

    @property
    def note(self) -> str:
        return f"{self.name}, {self.how}"


def is_nameless(name: str) -> bool:
    """A speaker given only by a description: its canonical form starts in lower case."""
    return bool(name) and name[:1].islower()


def phrase_key(phrase: str) -> str:
    """A role phrase's comparison form, without a leading article ("The city's mayor")."""
    tokens = _NON_WORD.sub(" ", fold(phrase)).split()
    while tokens and tokens[0] in _DETERMINERS:
        tokens = tokens[1:]
    return " ".join(tokens)


def _text_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _said_by(q: Quote) -> str:
    return q.canonical_speaker or q.speaker


def link_nameless_speakers(quotes: Sequence[StoredQuote]) -> dict[str, SpeakerLink]:
    """Links for the quotes of nameless speakers that other articles name, by quote id."""
    nameless = [sq for sq in quotes if is_nameless(_said_by(sq.quote))]
    wanted = {phrase_key(sq.quote.speaker) for sq in nameless} - {""}
    if not wanted:
        return {}
    said_by: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # a quote -> names
    role_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (outlet, role) -> names
    for sq in quotes:
        q = sq.quote
        name = _said_by(q)
        if not name or is_nameless(name):
            continue
        written = phrase_key(q.speaker)
        if written in wanted:
            said_by[(q.kind, _text_key(q.text), written)].add(name)
        outlet = sq.article.outlet.casefold()
        if outlet:
            for phrase in {written, phrase_key(q.role)} & wanted:
                role_of[(outlet, phrase)].add(name)
    links: dict[str, SpeakerLink] = {}
    for sq in nameless:
        q = sq.quote
        written = phrase_key(q.speaker)
        if not written:
            continue
        owners = said_by.get((q.kind, _text_key(q.text), written), set())
        how = "named where this was first reported"
        if len(owners) != 1:
            owners = role_of.get((sq.article.outlet.casefold(), written), set())
            how = f"named in another {sq.article.outlet} article"
        if len(owners) == 1:
            links[q.id] = SpeakerLink(next(iter(owners)), how)
    return links
