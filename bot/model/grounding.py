"""The grounding check every answer passes before anyone sees it.

``ground_answer`` enforces the rules of issue 4 on a finished markdown answer, whoever wrote
it (the extractive composer, or a language model through ``bot.generate``):

1. every citation points inside a span that retrieval actually returned (a ``Source``), and
   its text equals that source's text at its offsets; other citations are dropped;
2. every ``[n]`` marker points at a kept citation; others are dropped;
3. every quoted string is followed by markers and occurs verbatim (ignoring only mark style
   and whitespace) in a cited text; every excerpt line (``> text [n]``) occurs verbatim in
   its citation. Anything else is removed and the removal is noted in the answer. A quoted
   string is found by :func:`find_quotes`: between double marks of any style, and in a
   model's text (``single_marks=True``) between single marks too; it may run across a line
   break, and a mark that is never closed quotes the rest of its line, so its words are
   checked like any others and never shown unverified;
4. when a ``speakers`` check is given (the language-model path), every sentence is handed
   to it with its verified quotes (:class:`Said`); a wrong attribution is removed and noted
   the same way. :func:`claimed_speaker` reads who a sentence says spoke a quote.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from ingest.quotes.constants import DETERMINERS, PRONOUNS
from ingest.records import Citation

REMOVED_NOTE = "[quote removed: not verbatim in the cited passage]"
ATTRIBUTION_NOTE = "[attribution removed: {reason}]"
# An opening quotation mark -> the marks that close it (the first one closes it when the
# answer never did). The extractive composer uses only double marks for quotations; it
# puts single ones around titles and the user's words (``bot.answer.plain``).
DOUBLE_QUOTES = {"“": "”", '"': '"', "„": "“”", "«": "»"}
SINGLE_QUOTES = {"‘": "’'", "'": "'’", "‚": "‘’", "‹": "›"}
# A single mark opens a quote only at a word's start: after the start, a space or one of these.
OPENS_AFTER = '([{“"„«‘‚‹—–-/*_'
# Words after a mark at a word's start that make it an apostrophe: '90s, 'em, rock 'n' roll.
ELISIONS = re.compile(r"(?:\d+s?|em|til|tis|twas|cause|bout|n)\b", re.IGNORECASE)
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
_NOT_AFTER_TITLE = "".join(rf"(?<!\b{t})" for t in _TITLES)
# A name: capitalised words (and particles) on one line: "Mr. Thorne", "Ursula von der Leyen".
_WORD = rf"(?:{'|'.join(_TITLES)})\.|[A-Z][\w'’-]*"
_PARTICLE = r"(?:de|van|von|der|da|del|di|la|le|al|bin)[ \t]+"
NAME_RUN = re.compile(rf"(?:{_WORD})(?:[ \t]+(?:{_PARTICLE})*(?:{_WORD}))*")
_CLAUSE = re.compile(
    r"[,;:()\[\]—–]|\b(?:and|but|while|whereas|when|after|before|because|although|though|or)\b",
    re.IGNORECASE,
)
_PHRASE_END = re.compile(
    _NOT_AFTER_TITLE + r"\.|[,;:!?()\[\]“”\"«»]"
    r"|\s(?:who|which|whose|of|for|at|from|in|on|with|to|about)\s"
)
_SENTENCE_END = re.compile(
    _NOT_AFTER_TITLE + r"[.!?][”\"»’']?(?:\s*\[\d+\])*"
    r"(?=\s+[A-Z“\"«‘'*_])"
)
_MARKER_RUN = re.compile(r"(?:\s*\[\d+\])+")
_MARKER = re.compile(r"\[(\d+)\]")
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>])")
_ALL_MARKS = str.maketrans(dict.fromkeys("\"“”„‟«»″'‘’‚‛‹›′", "'"))


@dataclass(frozen=True)
class Source:
    """A span retrieval returned: a passage or a quote, exactly as stored."""

    article_id: str
    start: int
    end: int
    text: str

    def covers(self, c: Citation) -> bool:
        if c.article_id != self.article_id or c.start < self.start or c.end > self.end:
            return False
        return self.text[c.start - self.start : c.end - self.start] == c.text


@dataclass(frozen=True)
class Quoted:
    """A quoted string of an answer: its opening mark at ``start``, its words, the closing
    mark ("" when it was never closed) ending at ``end``, and the markers right after."""

    start: int
    end: int
    words: str
    closer: str
    markers: str

    @property
    def stop(self) -> int:
        return self.end + len(self.markers)


@dataclass(frozen=True)
class Said:
    """One sentence of an answer as a speaker check sees it."""

    sentence: str
    quotes: tuple[Quoted, ...]  # verified, offsets into ``sentence``
    cited: tuple[Citation, ...]  # what its markers point at
    before: str  # the paragraph before the sentence, where a pronoun finds its name


@dataclass(frozen=True)
class Claimed:
    """Who a sentence says spoke a quote, as written: a name, a pronoun or a title."""

    form: str
    kind: str  # "name", "pronoun" or "title"


# (a sentence with its verified quotes) -> the reason its attribution is wrong, or None.
SpeakerCheck = Callable[[Said], "str | None"]


@dataclass
class Grounded:
    markdown: str
    citations: list[Citation]
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    body: str = ""  # the markdown without the closing notes on what was removed

    @property
    def clean(self) -> bool:
        return not self.problems


def unescape(text: str) -> str:
    """Undo ``bot.answer.escape_markdown``: backslash escapes, then HTML entities."""
    return html.unescape(_ESCAPED.sub(r"\1", text))


def _loose(text: str) -> str:
    return " ".join(text.translate(_ALL_MARKS).split())


def _inside(fragment: str, cited: Iterable[Citation]) -> bool:
    needle = _loose(unescape(fragment))
    return bool(needle) and any(needle in _loose(c.text) for c in cited)


# ------------------------------------------------------------------------ quoted strings
def _opens(text: str, i: int) -> bool:
    before, after = text[i - 1] if i else " ", text[i + 1 : i + 2]
    starts_word = before.isspace() or before in OPENS_AFTER
    return starts_word and after.strip() != "" and not ELISIONS.match(text, i + 1)


def _closes(text: str, i: int) -> bool:
    return i > 0 and not text[i - 1].isspace() and not text[i + 1 : i + 2].isalnum()


def _double_close(text: str, i: int) -> int | None:
    mark = text[i]
    for j in range(i + 1, len(text)):
        if text[j] in DOUBLE_QUOTES[mark]:
            return j
        if text[j] == mark:
            return None  # opened again before it was closed
    return None


def _single_close(text: str, i: int) -> int | None:
    """The mark closing the single quote at ``i``: the first one followed by markers
    before the next quote opens, else the first one (Smiths' in ‘the Smiths' best’ [1])."""
    first = None
    for j in range(i + 1, len(text)):
        if text[j] in SINGLE_QUOTES[text[i]] and _closes(text, j):
            if _MARKER_RUN.match(text, j + 1):
                return j
            first = j if first is None else first
        elif text[j] in SINGLE_QUOTES and _opens(text, j):
            break
    return first


def find_quotes(text: str, single_marks: bool = False) -> list[Quoted]:
    """Every quoted string of ``text`` (a paragraph), in order, nested ones inside theirs."""
    found: list[Quoted] = []
    i = 0
    while i < len(text):
        mark = text[i]
        if mark in DOUBLE_QUOTES:
            close = _double_close(text, i)
        elif single_marks and mark in SINGLE_QUOTES and _opens(text, i):
            close = _single_close(text, i)
        else:
            i += 1
            continue
        if close is None:  # never closed: it quotes the rest of the line, up to its markers
            eol = text.find("\n", i)
            eol = len(text) if eol < 0 else eol
            run = _MARKER_RUN.search(text, i + 1, eol)
            end = run.start() if run else eol
            q = Quoted(i, end, text[i + 1 : end], "", run.group() if run else "")
        else:
            run = _MARKER_RUN.match(text, close + 1)
            q = Quoted(i, close + 1, text[i + 1 : close], text[close], run.group() if run else "")
        found.append(q)
        i = q.stop
    return found


def outside_quotes(text: str) -> str:
    """``text`` with every quoted string, marks and all, blanked out."""
    for q in reversed(find_quotes(text, single_marks=True)):
        text = text[: q.start] + " " * (q.end - q.start) + text[q.end :]
    return text


# -------------------------------------------------------------------- who said the quote
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
    text = _MARKER_RUN.sub("", text).rstrip()
    if text.endswith(","):
        text = re.sub(r",[^,]*,$", "", text).rstrip(",")  # an aside between commas
    boundaries = list(_CLAUSE.finditer(text))
    tokens = _without_auxiliaries(text[boundaries[-1].end() if boundaries else 0 :].split())
    return _phrase(tokens[-6:], from_end=True)


def _subject_after(text: str) -> Claimed | None:
    """The speaker named after a verb: "said Mayor Odile Fenwick, who", "according to X"."""
    return _phrase(_PHRASE_END.split(_MARKER_RUN.sub("", text), maxsplit=1)[0].split(), False)


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
    lead = _MARKER_RUN.sub("", after[: follows.start()]).strip(" ,:;—–-")
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


# ----------------------------------------------------------------------------- the check
def _pieces(block: str, quotes: Sequence[Quoted]) -> list[tuple[int, int]]:
    """Sentences and line breaks of a paragraph, never cut inside a quote."""
    cuts = {0, len(block), *(m.end() for m in _SENTENCE_END.finditer(block))}
    cuts |= {i + d for i, c in enumerate(block) if c == "\n" for d in (0, 1)}
    kept = sorted(c for c in cuts if not any(q.start < c < q.stop for q in quotes))
    return [(a, b) for a, b in itertools.pairwise(kept) if a < b]


def ground_answer(
    markdown: str,
    citations: Sequence[Citation],
    sources: Iterable[Source],
    speakers: SpeakerCheck | None = None,
    single_marks: bool = False,
) -> Grounded:
    """The answer with every unsupported citation, marker, quoted string and (given
    ``speakers``) wrong attribution removed. ``single_marks``: single quotation marks
    quote too (a model's text; the extractive composer's single marks are not quotes)."""
    sources = list(sources)
    problems: list[str] = []
    renumber: dict[int, int] = {}
    kept: list[Citation] = []
    for n, c in enumerate(citations, 1):
        if any(s.covers(c) for s in sources):
            kept.append(c)
            renumber[n] = len(kept)
        else:
            problems.append(f"citation {n} ({c.article_id} {c.start}-{c.end}) was not retrieved")

    def cited(markers: str) -> list[Citation]:
        nums = [int(m) for m in _MARKER.findall(markers or "")]
        return [kept[renumber[n] - 1] for n in nums if n in renumber]

    def fix_markers(text: str) -> str:
        def one(m: re.Match[str]) -> str:
            n = int(m.group(1))
            if n in renumber:
                return f"[{renumber[n]}]"
            problems.append(f"marker [{n}] points at no retrieved passage")
            return ""

        return _MARKER.sub(one, text)

    removed: list[str] = []
    wrong: list[str] = []

    def attribution(sentence: str, quotes: list[Quoted], before: str) -> str:
        assert speakers is not None
        if not sentence.strip() or (REMOVED_NOTE in sentence and not quotes):
            return sentence  # nothing said, or its quote is already gone (and noted)
        nums = [int(n) for n in _MARKER.findall(sentence)]
        cited_here = tuple(kept[n - 1] for n in nums if 0 < n <= len(kept))
        reason = speakers(Said(sentence, tuple(quotes), cited_here, before))
        if reason is None:
            return sentence
        wrong.append(sentence.strip())
        problems.append(f"a wrong attribution: {reason}")
        lead = sentence[: len(sentence) - len(sentence.lstrip())]
        return lead + ATTRIBUTION_NOTE.format(reason=reason)

    def paragraph(block: str) -> str:
        out: list[str] = []
        verified: list[Quoted] = []
        at = 0
        for q in find_quotes(block, single_marks):
            out.append(fix_markers(block[at : q.start]))
            at = q.stop
            if not _inside(q.words, cited(q.markers)):
                removed.append(unescape(q.words.strip()))
                problems.append("a quoted string is not verbatim in the passage it cites")
                out.append(REMOVED_NOTE)
                continue
            start = sum(map(len, out))
            shown = block[q.start : q.end]
            closer = q.closer or (DOUBLE_QUOTES | SINGLE_QUOTES)[block[q.start]][0]
            shown += "" if q.closer else closer  # a quote never closed is closed once checked
            markers = fix_markers(q.markers)
            out.append(shown + markers)
            verified.append(Quoted(start, start + len(shown), q.words, closer, markers))
        checked = "".join([*out, fix_markers(block[at:])])
        if speakers is None:
            return checked
        said = []
        for a, b in _pieces(checked, verified):
            inside = [q for q in verified if a <= q.start < b]
            here = [replace(q, start=q.start - a, end=q.end - a) for q in inside]
            said.append(attribution(checked[a:b], here, checked[:a]))
        return "".join(said)

    def excerpt(line: str) -> str:
        body = line.lstrip()[1:]
        m = re.search(_MARKER_RUN.pattern + r"\s*$", body)
        text = (body[: m.start()] if m else body).strip()
        if not text or _inside(text, cited(m.group() if m else "")):
            return fix_markers(line)
        removed.append(unescape(text))
        problems.append("an excerpt is not verbatim in the passage it cites")
        return "> " + REMOVED_NOTE

    def kind(line: str) -> str:
        return "excerpt" if line.lstrip().startswith(">") else "text" if line.strip() else ""

    lines_out: list[str] = []
    for k, group in itertools.groupby(markdown.split("\n"), kind):
        lines = list(group)
        if k == "text":  # a paragraph: its quotes may run across its lines
            lines_out.append(paragraph("\n".join(lines)))
        else:
            lines_out += [excerpt(line) for line in lines] if k else lines

    body = "\n".join(lines_out)
    out = body
    if removed:
        out += (
            f"\n\n_{len(removed)} quoted passage(s) were removed because they are not verbatim "
            "in the articles they cite._"
        )
    if wrong:
        out += (
            f"\n\n_{len(wrong)} sentence(s) were removed because they attribute words to "
            "someone the quote index does not record as saying them._"
        )
    return Grounded(out, kept, [*removed, *wrong], problems, body)
