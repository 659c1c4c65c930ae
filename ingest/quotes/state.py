"""The running state of one extraction and the building of ``Quote`` records from it."""

from __future__ import annotations

from dataclasses import dataclass, field

from ingest.quotes.attribution import Cue, Phrase, strip_quote_chars
from ingest.quotes.constants import NEEDS_MARKS, PRONOUNS, word_set
from ingest.quotes.marks import Marked
from ingest.quotes.names import NameIndex, is_org, split_speaker
from ingest.quotes.segments import Sentence
from ingest.records import Quote, Span

_TRAIL = " \t\n,.;:\u2014-"
_ADJUNCT = word_set(
    """
    on in at during after before when while as moments minutes hours days and but where
    because
    """
)


@dataclass
class Speaker:
    """Who an attribution names, as written and resolved."""

    phrase: Phrase
    canonical: str
    role: str
    method: str
    cue: Cue | None
    paragraph: int
    sentence: int
    group: int
    confidence: float


@dataclass
class State:
    text: str
    names: NameIndex
    marked: list[Marked]
    quotes: list[Quote] = field(default_factory=list)
    used: set[int] = field(default_factory=set)  # indexes into marked
    last: Speaker | None = None
    pending: Speaker | None = None  # "X said:" at the end of a sentence
    groups: int = 0


def make_speaker(
    st: State, si: int, sent: Sentence, phrase: Phrase, cue: Cue | None, method: str
) -> Speaker:
    written = phrase.text
    low = written.lower()
    part = split_speaker(written)
    role = phrase.role or part.role
    confidence = 0.9
    if low in PRONOUNS:
        resolved = _last_speaker(st, low, sent) or st.names.resolve_pronoun(low, phrase.start)
        canonical = resolved or written
        method = "pronoun" if resolved else "pronoun-unresolved"
        role = ""
        confidence = 0.75 if resolved else 0.5
    elif part.name:
        canonical = st.names.canonical(part.name)
    else:
        canonical = written
    st.groups += 1
    return Speaker(phrase, canonical, role, method, cue, sent.paragraph, si, st.groups, confidence)


def _last_speaker(st: State, pronoun: str, sent: Sentence) -> str:
    """The speaker of the previous attribution, when it is near and fits the pronoun."""
    last = st.last
    if last is None or sent.paragraph - last.paragraph > 1 or pronoun not in ("he", "she"):
        return ""
    canon = last.canonical
    if canon.lower() in PRONOUNS or not canon[:1].isupper() or len(canon.split()) < 2:
        return ""
    if is_org(canon):
        return ""
    gender = st.names.gender.get(canon.split()[-1].lower(), "")
    if gender and (pronoun == "he") != (gender == "m"):
        return ""
    return canon


def emit_content(st: State, cs: int, ce: int, mids: list[int], sp: Speaker, cue: Cue) -> bool:
    text = st.text
    while cs < ce and text[cs] in " \t\n,:":
        cs += 1
    while ce > cs and text[ce - 1] in _TRAIL:
        ce -= 1
    if ce <= cs:
        return False
    inside = [i for i in mids if cs <= st.marked[i].open_start < ce]
    if inside and st.marked[inside[0]].open_start == cs and cs > cue.start:
        # '"Thank you!" on Friday afternoon': the quote, then the reporter's adjunct
        first = st.marked[inside[0]]
        after = text[first.close_end : ce].lstrip(" ,")
        head = after.split(" ", 1)[0]
        if (
            after[:1] in ("\u2014", "-")
            or head.lower() in _ADJUNCT
            or (head.endswith("ing") and head.islower())
        ):
            ce = first.close_end
            inside = inside[:1]
    core = strip_quote_chars(text[cs:ce])
    if inside:
        for i in inside:
            st.used.add(i)
        marked = [st.marked[i] for i in inside]
        outside = core
        for m in marked:
            outside = outside.replace(strip_quote_chars(text[m.start : m.end]), " ")
        if not strip_quote_chars(outside).strip(" ,.;:!?\u2014-"):
            for m in marked:  # wholly quoted: one direct quote per span, one group
                add_quote(st, m.start, m.end, "direct", sp, (), sp.method, sp.confidence)
            return True
        frags = tuple(_fragment(text, m) for m in marked)
        s = min(cs, marked[0].open_start)
        e = max(ce, marked[-1].close_end)
        while e > s and text[e - 1] in _TRAIL:
            e -= 1
        add_quote(st, s, e, "mixed", sp, frags, sp.method, sp.confidence * 0.9)
        return True
    n_words = len(core.split())
    if cue.lemma in NEEDS_MARKS or n_words < 3 or n_words > 120:
        return False
    add_quote(st, cs, ce, "indirect", sp, (), sp.method, sp.confidence * 0.8)
    return True


def _fragment(text: str, m: Marked) -> Span:
    e = m.end
    while e > m.start and text[e - 1] in ",":
        e -= 1
    return Span(m.start, e, text[m.start : e])


def add_quote(
    st: State,
    start: int,
    end: int,
    kind: str,
    sp: Speaker,
    frags: tuple[Span, ...],
    method: str,
    confidence: float,
) -> None:
    text = st.text
    if kind == "direct":
        while end > start and text[end - 1] in ",":
            end -= 1
    if end <= start:
        return
    cue = sp.cue
    st.quotes.append(
        Quote(
            article_id="",
            text=text[start:end],
            start=start,
            end=end,
            kind=kind,  # type: ignore[arg-type]
            speaker=sp.phrase.text,
            canonical_speaker=sp.canonical,
            speaker_start=sp.phrase.start,
            speaker_end=sp.phrase.end,
            role=sp.role,
            cue=cue.text if cue else "",
            cue_start=cue.start if cue else -1,
            cue_end=cue.end if cue else -1,
            method=method,
            confidence=round(confidence, 3),
            fragments=frags,
            group=sp.group,
        )
    )
