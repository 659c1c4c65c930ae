"""The running state of one extraction and the building of ``Quote`` records from it."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ingest.lexicon.cues import NEEDS_MARKS, WORKS
from ingest.lexicon.function_words import SUBJECT_ADJUNCTS
from ingest.lexicon.pronouns import PRONOUNS
from ingest.quotes import coref
from ingest.quotes.content import title_word_before
from ingest.quotes.cues import Cue, strip_quote_chars
from ingest.quotes.entities import NameModel
from ingest.quotes.marks import Marked
from ingest.quotes.names import JOINT, NameIndex, is_share, name_sized, split_speaker
from ingest.quotes.phrase_names import name_in_headline, name_in_phrase
from ingest.quotes.phrases import Phrase
from ingest.quotes.roles import bare_org_head, resolve_age, resolve_role, role_head
from ingest.records import Quote, Span
from ingest.sentences import Sentence

MAX_FRAGMENTS = 50
_GAP = " ,.;:!?\u2014-"
_TRAIL = " \t\n,.;:\u2014-"


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
    opens: list[int] = field(default_factory=list)  # open_start of each marked span
    closes: list[int] = field(default_factory=list)  # close_end of each marked span
    sentences: list[Sentence] = field(default_factory=list)
    model: NameModel = field(init=False)  # the article's names, typed and gendered
    sentence_starts: list[int] = field(init=False)  # start of each sentence

    def __post_init__(self) -> None:
        self.opens = [m.open_start for m in self.marked]
        self.closes = [m.close_end for m in self.marked]
        self.sentence_starts = [s.start for s in self.sentences]
        self.model = NameModel(self.text, self.names, self.sentences)

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence ``pos`` lies in (0 before the first)."""
        return max(0, bisect_right(self.sentence_starts, pos) - 1)

    def inside_quote(self, pos: int) -> bool:
        """``pos`` lies inside a pair of quotation marks."""
        i = bisect_right(self.opens, pos) - 1
        return i >= 0 and self.marked[i].open_start <= pos < self.marked[i].close_end


def make_speaker(
    st: State, si: int, sent: Sentence, phrase: Phrase, cue: Cue | None, method: str
) -> Speaker:
    written = phrase.text
    low = written.lower()
    part = split_speaker(written)
    role = phrase.role or part.role
    confidence = 0.9
    if low in PRONOUNS:
        found = coref.resolve(st, low, si, phrase.start)
        canonical = found.name if found else written
        method = "pronoun" if found else "pronoun-unresolved"
        role = ""
        confidence = round(0.9 * found.confidence, 3) if found else 0.5
    elif part.name:
        canonical = JOINT.join(_canonical(st, n, phrase.start) for n in part.name.split(JOINT))
    elif surname := _title_word_surname(st, written):
        canonical = surname  # "Pete King ... King said": a surname that is a title word
        role = ""
    elif named_inside := name_in_phrase(st.model, st.text, phrase):
        canonical = named_inside  # "Cruz never", "spokesman Don Stewart wouldn't"
        role = ""
    else:
        canonical = _lower_determiner(written)
        head = role_head(written)
        named = resolve_role(st.text, head, phrase.start) if head else ""
        bare = bare_org_head(written) if not head else ""
        if bare:  # "according to police": the "Lowell Police" named earlier
            named = resolve_role(st.text, bare, phrase.start, org_only=True)
        named = named or resolve_age(st.text, written, phrase.start)  # "the 39-year-old"
        if named:  # "the mayor said": the person introduced earlier as the mayor
            canonical = st.names.canonical(named)
            method = "role" if method == "explicit" else method
    st.groups += 1
    return Speaker(phrase, canonical, role, method, cue, sent.paragraph, si, st.groups, confidence)


def _title_word_surname(st: State, written: str) -> str:
    """The fullest name of the article whose surname is ``written``, one capitalised word
    that is also a title (``King``, ``Judge``), when the article gave that name in full."""
    if " " in written or not written[:1].isupper():
        return ""
    full = st.names.fullest.get(written.lower(), "")
    return full if len(full.split()) > 1 and full.split()[-1] == written else ""


def _canonical(st: State, name: str, at: int) -> str:
    """The article's fullest form of one person's ``name`` (of a phrase at ``at``)."""
    canonical = st.names.canonical(name)
    run = name.split()
    headline = len(run) > 2 and st.names.in_headline(at)
    if headline or not name_sized(run):
        canonical = name_in_headline(st.model, name) or canonical
    return canonical


def _lower_determiner(written: str) -> str:
    """``The mayor's office`` opening a sentence is ``the mayor's office`` anywhere else."""
    first, _, rest = written.partition(" ")
    if rest and (first in ("The", "A", "An") or is_share(written)):
        return f"{first.lower()} {rest}"  # "Nearly half said": "nearly half" anywhere else
    return written


def _a_title(text: str, m: Marked) -> bool:
    """'she wrote in her memoir, "Tough Choices."': words in title case right after the
    name of a kind of work are its title, not words anybody said."""
    if not title_word_before(text, 0, m.open_start, WORKS):
        return False
    ws = text[m.start : m.end].rstrip(".!?,").split()
    return 0 < len(ws) <= 10 and all(w[:1].isupper() or len(w) < 4 for w in ws)


def emit_content(st: State, cs: int, ce: int, mids: list[int], sp: Speaker, cue: Cue) -> bool:
    """Add the quote ``sp`` reported in ``text[cs:ce]``: direct when wholly quoted, mixed
    when it carries double marks, else indirect; ``False`` when nothing was added."""
    text = st.text
    while cs < ce and text[cs] in " \t\n,:":
        cs += 1
    while ce > cs and text[ce - 1] in _TRAIL:
        ce -= 1
    if text[ce - 1 : ce] == ")" and "(" not in text[cs:ce]:
        ce -= 1  # '(She also noted, "A.")': the reporter's parenthesis closes
    if ce <= cs:
        return False
    cs, ce, inside = _marks_inside(st, cs, ce, mids, cue)
    if inside:
        return _emit_marked(st, cs, ce, inside, sp)
    n_words = len(strip_quote_chars(text[cs:ce]).split())
    if cue.lemma in NEEDS_MARKS or n_words < 3 or n_words > 120:
        return False
    add_quote(st, cs, ce, "indirect", sp, (), sp.method, sp.confidence * 0.8)
    return True


def _marks_inside(
    st: State, cs: int, ce: int, mids: list[int], cue: Cue
) -> tuple[int, int, list[int]]:
    """The content's bounds and the marked spans (indexes) opening inside it, narrowed to a
    quote before a reporter's adjunct or after a reporter's colon."""
    text = st.text
    if not mids:
        inside: list[int] = []
    else:  # the marked spans opening inside the content (mids is a run of indexes)
        lo_i = max(mids[0], bisect_left(st.opens, cs))
        inside = list(range(lo_i, min(mids[-1] + 1, bisect_left(st.opens, ce))))
    if len(inside) > MAX_FRAGMENTS:  # hostile input: no real quote has this many
        ce, inside = st.marked[inside[MAX_FRAGMENTS]].open_start, inside[:MAX_FRAGMENTS]
    if inside and st.marked[inside[0]].open_start == cs and cs > cue.start:
        # '"Thank you!" on Friday afternoon': the quote, then the reporter's adjunct
        first = st.marked[inside[0]]
        after = text[first.close_end : ce].lstrip(" ,")
        head = after.split(" ", 1)[0]
        more = any(c in after for c in '"\u201c') or "''" in after
        if not more and (
            after[:1] in ("\u2014", "-")
            or head.lower() in SUBJECT_ADJUNCTS
            or (head.endswith("ing") and head.islower())
        ):
            ce = first.close_end
            inside = inside[:1]
    if inside and ce <= cue.start and st.marked[inside[-1]].close_end >= ce:
        # 'As for the plan: "We will see," she said' / 'She wrote: "A," she added': the
        # quote after a colon or dash is the content, the lead-in is the reporter's
        last = st.marked[inside[-1]]
        j = last.open_start - 1
        while j > cs and text[j].isspace():
            j -= 1
        if j > cs and text[j] in ":\u2014-":
            cs, inside = last.open_start, inside[-1:]
    return cs, ce, inside


def _emit_marked(st: State, cs: int, ce: int, inside: list[int], sp: Speaker) -> bool:
    """Content carrying marks: one direct quote per span when wholly quoted (titles
    left out), else one mixed quote with the spans as fragments."""
    text = st.text
    for i in inside:
        st.used.add(i)
    marked = [st.marked[i] for i in inside]
    if _wholly_quoted(text, cs, ce, marked):
        added = False
        for m in marked:  # wholly quoted: one direct quote per span, one group
            if not _a_title(text, m):
                add_quote(st, m.start, m.end, "direct", sp, (), sp.method, sp.confidence)
                added = True
        return added
    frags = tuple(fragment(text, m) for m in marked)
    s = min(cs, marked[0].open_start)
    e = max(ce, marked[-1].close_end)
    while e > s and text[e - 1] in _TRAIL:
        e -= 1
    # only double marks make a quote mixed: 'Lund says the plan is ‘dead’' is reported
    kind = "indirect" if all(m.single for m in marked) else "mixed"
    add_quote(st, s, e, kind, sp, frags, sp.method, sp.confidence * 0.9)
    return True


def _wholly_quoted(text: str, cs: int, ce: int, marked: list[Marked]) -> bool:
    """No words of the content ``text[cs:ce]`` lie outside the ``marked`` spans."""
    pos = cs
    for m in marked:
        if strip_quote_chars(text[pos : m.open_start]).strip(_GAP):
            return False
        pos = max(pos, m.close_end)
    return not strip_quote_chars(text[pos:ce]).strip(_GAP)


def fragment(text: str, m: Marked) -> Span:
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
