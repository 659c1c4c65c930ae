"""Whom a speaker pronoun stands for: ``he``/``she`` a person, ``it`` an organisation.

Every name the article mentioned in the few sentences before the pronoun is a candidate
when the name model (``entities``) gives it the pronoun's kind, and the gender, where both
are known, agrees. Each candidate is scored by what makes an antecedent in news prose:

- **recency**: sentences back to its latest mention;
- **subject**: a mention that opens its clause or stands beside a reporting verb;
- **latest subject**: the subject nearest before, in this sentence or the one before, not
  one of a subordinate clause (``Ryan did not exude confidence when Tapper asked``);
- **last speaker**: the speaker of the attribution just before (``"...," she said`` goes
  on with the woman who spoke last);
- **agreement**: a known gender that matches;
- mentions inside quotation marks, and in lines that are no prose (headlines, captions,
  ``Article continued below``), count less or not at all.

The margin between the two best scores is the confidence; below ``MIN_CONFIDENCE`` the
pronoun stays unresolved rather than be guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ingest.lexicon.cues import REPORTED_BY
from ingest.lexicon.function_words import (
    ADJUNCT_OPENERS,
    ADJUNCT_START,
    CAPITAL_LINKS,
    NOT_SUBJECTS,
    SUBORDINATORS,
)
from ingest.lexicon.people import PERSON_ROLE_WORDS
from ingest.quotes.entities import Entity

if TYPE_CHECKING:
    from ingest.quotes.state import State

WINDOW_SENTENCES = 8
WINDOW_PARAGRAPHS = 3
MIN_CONFIDENCE = 0.55
PRONOUN_KINDS = {"he": "person", "she": "person", "it": "organisation"}
PRONOUN_GENDER = {"he": "m", "she": "f"}

# The weights of the features above (score units: one unit is about two sentences back).
RECENCY = -0.5
SUBJECT = 1.0
LAST_SPEAKER = 2.0
AGREEMENT = 0.7
IN_QUOTE = -1.0
SPOKEN_BEFORE = 0.4
LATEST_SUBJECT = 1.0
MAX_PROSE_LINE_WORDS = 8


# lower-case words and a capitalised word right after a name ("Clinton spokeswoman Jennifer")
_ROLE_THEN_NAME = re.compile(r"((?:[^\S\n]+[a-z-]+){1,3})[^\S\n]+[A-Z][a-z]")


@dataclass(frozen=True)
class Resolution:
    name: str
    confidence: float
    how: str  # the feature that decided it: "last speaker", "subject", "nearest"


def resolve(st: State, pronoun: str, si: int, pos: int) -> Resolution | None:
    """The antecedent of the speaker pronoun at ``pos`` (sentence ``si``), or None."""
    kind = PRONOUN_KINDS.get(pronoun)
    if kind is None:
        return None
    scores: dict[str, tuple[float, str]] = {}
    for ent, score, how in _candidates(st, pronoun, kind, si, pos):
        if ent.key not in scores or score > scores[ent.key][0]:
            scores[ent.key] = (score, how)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1][0])
    (best, (top, how)), rest = ranked[0], ranked[1:]
    margin = top - rest[0][1][0] if rest else 2.5
    confidence = round(min(0.95, 0.5 + margin / 5), 2)
    if confidence < MIN_CONFIDENCE:
        return None
    return Resolution(st.model.entities[best].name, confidence, how)


def _candidates(
    st: State, pronoun: str, kind: str, si: int, pos: int
) -> Iterator[tuple[Entity, float, str]]:
    """(entity, score, how) for each mention in the window and for the last speaker."""
    model = st.model
    para = st.sentences[si].paragraph
    spoken = _spoken(st)
    mentions = model.names.mentions
    i = model.names.last_before(pos)
    subject_seen = False  # the latest subject that fits is the likeliest antecedent
    while i >= 0:
        mn = mentions[i]
        i -= 1
        msi = st.sentence_of(mn.start)
        msent = st.sentences[msi]
        if si - msi > WINDOW_SENTENCES or para - msent.paragraph > WINDOW_PARAGRAPHS:
            break
        ent = model.entity(mn.name)
        if ent is None or not _fits(ent, pronoun, kind) or not _prose(st, msi):
            continue
        quoted = st.inside_quote(mn.start)
        if quoted and msi == si:
            continue  # a name in the quote being attributed is whom they spoke of
        subject = _is_subject(st, mn.start, mn.start + len(mn.written), msent.start)
        score = RECENCY * (si - msi) + (SUBJECT if subject else 0.0)
        if subject and not quoted and not subject_seen and not _subordinate(st.text, mn.start):
            subject_seen = True  # the subject of this sentence or the one before
            alone = not _coordinated(st.text, mn.start, mn.start + len(mn.written))
            score += LATEST_SUBJECT if si - msi <= 1 and alone else 0.0
        score += IN_QUOTE if quoted else 0.0
        score += AGREEMENT if ent.gender and pronoun in PRONOUN_GENDER else 0.0
        score += SPOKEN_BEFORE if ent.key in spoken else 0.0
        yield ent, score, "subject" if subject else "nearest"
    last = st.last
    if last is not None and para - last.paragraph <= 2:
        ent = model.entity(last.canonical)
        # the story moved on to another subject since (``Rendell was even more resolute.
        # "No," he said``), or the last speaker spoke inside someone else's sentence
        # (``Carson turned the story back on the Post, pointing out that the paper's Costa
        # had reported ...``)
        moved_on = ent is not None and (
            _other_subject(st, ent, st.sentences[last.sentence].end, pos, pronoun, kind)
            or _other_subject(
                st, ent, st.sentences[last.sentence].start, last.phrase.start, pronoun, kind
            )
        )
        if ent is not None and _fits(ent, pronoun, kind) and not moved_on:
            bonus = LAST_SPEAKER if para - last.paragraph <= 1 else LAST_SPEAKER / 2
            score = RECENCY * max(0, si - last.sentence) + bonus + SUBJECT
            score += AGREEMENT if ent.gender and pronoun in PRONOUN_GENDER else 0.0
            yield ent, score, "last speaker"


def _spoken(st: State) -> set[str]:
    """The keys of the entities that have spoken so far."""
    ents = (st.model.entity(q.canonical_speaker) for q in st.quotes)
    return {ent.key for ent in ents if ent is not None}


def _other_subject(st: State, last: Entity, lo: int, hi: int, pronoun: str, kind: str) -> bool:
    """Another name that fits the pronoun is the subject of a prose sentence in
    ``text[lo:hi]``, outside quotation marks."""
    model = st.model
    for mn in model.names.mentions_between(lo, hi):
        ent = model.entity(mn.name)
        if ent is None or ent.key == last.key or not _fits(ent, pronoun, kind):
            continue
        msi = st.sentence_of(mn.start)
        if st.inside_quote(mn.start) or not _prose(st, msi):
            continue
        if _is_subject(st, mn.start, mn.start + len(mn.written), st.sentences[msi].start):
            return True
    return False


def _fits(ent: Entity, pronoun: str, kind: str) -> bool:
    if ent.kind != kind:
        return False
    want = PRONOUN_GENDER.get(pronoun, "")
    return not (want and ent.gender and ent.gender != want)


def _is_subject(st: State, start: int, end: int, sent_start: int) -> bool:
    """The mention opens its clause (``Then Ruiz wondered``) or stands beside a reporting
    verb (``Ruiz said``, ``said Ruiz``, ``Ruiz, the mayor, said``)."""
    text = st.text
    if text[end - 2 : end] in ("'s", "\u2019s"):
        return False  # "Trump's misinformation": the possessor is no subject
    if _modifies_role(text, end):
        return False  # "Clinton spokeswoman Jennifer Palmieri": the name after it is
    raw = text[sent_start:start]
    before = raw.strip(" \"'\u201c\u2018\n")
    if raw.rstrip().endswith(",") and _adjunct(before):  # "On Sunday, Mr. Trump was"
        before = ""
    lead = before.split()
    if len(lead) == 1 and lead[0].lower() in NOT_SUBJECTS:
        return True  # "Was Szlachta satisfied?": the subject after the auxiliary
    if not lead or (len(lead) == 1 and lead[0] in CAPITAL_LINKS) or _title_lead(lead):
        return True
    if len(lead) > 1 and lead[-1] == "and" and all(w[:1].isupper() for w in lead[:-1]):
        return True  # "Peter Wendt and Thomas Ashby toured": both are subjects
    if lead[-1].lower() in REPORTED_BY:
        return True
    after = text[end : end + 80]
    if after.startswith(","):
        close = after.find(",", 1)
        after = after[close + 1 :] if 0 < close < 60 else after
    head = after.split(maxsplit=1)[:1]
    return bool(head) and head[0] in REPORTED_BY


def _modifies_role(text: str, end: int) -> bool:
    """The name ending at ``end`` modifies a role given to the next name: ``Clinton
    spokeswoman Jennifer Palmieri``, ``Trump campaign manager Paul Manafort``."""
    m = _ROLE_THEN_NAME.match(text, end)
    return m is not None and m.group(1).split()[-1] in PERSON_ROLE_WORDS


def _coordinated(text: str, start: int, end: int) -> bool:
    """``Peter Wendt and Thomas Ashby toured``: one of two subjects, neither the latest."""
    return text[max(0, start - 5) : start] == " and " or text[end : end + 5] == " and "


def _subordinate(text: str, start: int) -> bool:
    """The mention opens a subordinate clause (``when Tapper asked``): the subject of the
    main clause is the one the story follows."""
    before = text[max(0, start - 20) : start].split()
    return bool(before) and before[-1].lower() in SUBORDINATORS


def _adjunct(lead: str) -> bool:
    """``On Sunday,``, ``Growing up in El Paso,``, ``Last week,``: what opens a sentence
    before its subject; not ``Proposals from the front-runner,`` (an apposition follows)."""
    words = lead.rstrip(",").split()
    if not words:
        return False
    first = words[0].lower()
    return (
        len(words) <= 2
        or first in ADJUNCT_OPENERS
        or first in ADJUNCT_START
        or first in SUBORDINATORS
        or first.endswith("ing")
    )


def _title_lead(lead: list[str]) -> bool:
    """``The Washington Post columnist Ruth Marcus``: a title phrase before the name, with
    no verb in it (an article, capitalised words, and a role noun last)."""
    if len(lead) > 6 or lead[-1].lower().strip(",") not in PERSON_ROLE_WORDS:
        return False
    rest = lead[1:] if lead[0].lower() in ("the", "a", "an") else lead
    return all(w[:1].isupper() for w in rest[:-1])


def _prose(st: State, si: int) -> bool:
    """A sentence of prose, not a headline, caption or boilerplate line (a paragraph of
    one short sentence without a full stop)."""
    sent = st.sentences[si]
    alone = (si == 0 or st.sentences[si - 1].paragraph != sent.paragraph) and (
        si + 1 >= len(st.sentences) or st.sentences[si + 1].paragraph != sent.paragraph
    )
    if not alone:
        return True
    words = st.text[sent.start : sent.end].split()
    return len(words) > MAX_PROSE_LINE_WORDS or st.text[sent.end - 1 : sent.end] in ".?!\"'\u201d"
