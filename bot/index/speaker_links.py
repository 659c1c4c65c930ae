"""Corpus-level links for nameless speakers: "the union", "the city's mayor" -> a name.

Within one article the extractor ties a role to the name the article introduced ("the
mayor" -> "Odile Fenwicke"). Some articles never give the name: a brief that reprints wire
copy without its first paragraph, a follow-up story that says only "the city's mayor".
Across articles two conservative links are made, quote by quote (never for every use of a
phrase, which means different people in different stories):

- ``reprint``: the same words (same kind of quote) appear in another article, attributed
  there to the same phrase as written, and that article names the speaker;
- ``outlet role``: the same outlet, within a fortnight, tied exactly this role phrase to
  exactly one named speaker ("The city's mayor, Odile Fenwicke, said ...").

Only a singular description with a role noun is linked ("the union", "the city's mayor",
not "they", "aides" or "sources"), and only to a name of two or more capitalised words (not
a bare surname, nor "Aides" at the start of a sentence).

A quote whose speaker is a name is never changed, so a reprint that credits somebody else
keeps its (mis)attribution visible. A linked quote keeps its speaker as written; the link
names the speaker it was given and says how, and is shown with the evidence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from bot.verdicts.normalise import fold
from ingest.lexicon.people import SPEAKER_NOUNS
from ingest.quotes.roles import role_head
from ingest.records import Quote
from ingest.store import StoredQuote

_DETERMINERS = frozenset({"the", "a", "an"})
_NON_WORD = re.compile(r"\W+")
_NAME_JOINERS = frozenset({"and", "of", "for", "the", "de", "van", "von", "&"})
WINDOW_DAYS = 14  # how far apart an outlet's description and its naming may be published


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


def is_description(written: str) -> bool:
    """A singular description with a role noun: "the union", "The city's mayor"."""
    head = role_head(written)
    return bool(head) and not (head.endswith("s") and head[:-1] in SPEAKER_NOUNS)


def is_full_name(name: str) -> bool:
    """Two or more capitalised words, joiners allowed ("Harbour and Dock Workers' Union")."""
    ws = name.split()
    capitalised = [w for w in ws if w[:1].isupper()]
    return len(capitalised) >= 2 and all(w[:1].isupper() or w in _NAME_JOINERS for w in ws)


def phrase_key(phrase: str) -> str:
    """A role phrase's comparison form, without a leading article ("The city's mayor")."""
    tokens = _NON_WORD.sub(" ", fold(phrase)).split()
    while tokens and tokens[0] in _DETERMINERS:
        tokens = tokens[1:]
    return " ".join(tokens)


def _text_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def said_by(q: Quote) -> str:
    """The speaker a quote's own article gives: its canonical name, else as written."""
    return (q.canonical_speaker or q.speaker).strip()


def credited(sq: StoredQuote, links: Mapping[str, SpeakerLink]) -> str:
    """Who a stored quote is credited to: its article's speaker, or the name a link gives."""
    link = links.get(sq.quote.id)
    return link.name if link else said_by(sq.quote)


def _day(published: str) -> int | None:
    try:
        return dt.date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


def link_nameless_speakers(quotes: Sequence[StoredQuote]) -> dict[str, SpeakerLink]:
    """Links for the quotes of nameless speakers that other articles name, by quote id."""
    nameless = [
        sq for sq in quotes if is_nameless(said_by(sq.quote)) and is_description(sq.quote.speaker)
    ]
    wanted = {phrase_key(sq.quote.speaker) for sq in nameless} - {""}
    if not wanted:
        return {}
    named_for: dict[tuple[str, str, str], set[str]] = defaultdict(set)  # a quote -> names
    # (outlet, role) -> for each name given that role: (article id, publication day)
    role_of: dict[tuple[str, str], dict[str, list[tuple[str, int | None]]]] = defaultdict(dict)
    for sq in quotes:
        q = sq.quote
        name = said_by(q)
        if not is_full_name(name):
            continue
        written = phrase_key(q.speaker)
        if written in wanted:
            named_for[(q.kind, _text_key(q.text), written)].add(name)
        outlet = sq.article.outlet.casefold()
        if outlet:
            for phrase in {written, phrase_key(q.role)} & wanted:
                seen = (sq.article.id, _day(sq.article.published))
                role_of[(outlet, phrase)].setdefault(name, []).append(seen)
    links: dict[str, SpeakerLink] = {}
    for sq in nameless:
        q = sq.quote
        written = phrase_key(q.speaker)
        owners = named_for.get((q.kind, _text_key(q.text), written), set())
        how = "named where this was first reported"
        if len(owners) != 1:
            day = _day(sq.article.published)
            named = role_of.get((sq.article.outlet.casefold(), written), {})
            near = {n: [a for a, d in seen if _near(day, d)] for n, seen in named.items()}
            owners = {n for n, articles in near.items() if articles}
            how = f"named in another {sq.article.outlet} article"
            if len(owners) == 1 and set(near[next(iter(owners))]) == {sq.article.id}:
                how = "named elsewhere in the same article"
        if len(owners) == 1:
            links[q.id] = SpeakerLink(next(iter(owners)), how)
    return links


def _near(day: int | None, other: int | None) -> bool:
    """Published within the window of each other (undated: only with undated)."""
    if day is None or other is None:
        return day is None and other is None
    return abs(other - day) <= WINDOW_DAYS
