"""The grounding check every answer passes before anyone sees it.

``ground_answer`` enforces the rules of issue 4 on a finished markdown answer, whoever wrote
it (the extractive composer, or a language model through ``bot.model.fluent``):

1. every citation points inside a span that retrieval actually returned (a ``Source``), and
   its text equals that source's text at its offsets; other citations are dropped;
2. every ``[n]`` marker points at a kept citation; others are dropped;
3. every quoted string is followed by markers and occurs verbatim (ignoring only mark style
   and whitespace) in a cited text; every excerpt line (``> text [n]``) occurs verbatim in
   its citation. Anything else is removed and the removal is noted in the answer. Quoted
   strings are found by :func:`bot.model.quoted.find_quotes`;
4. when a ``speakers`` check is given (the language-model path), every sentence is handed
   to it with its verified quotes (:class:`Said`); a wrong attribution is removed and noted
   the same way (:func:`bot.model.attribution.claimed_speaker` reads who a sentence says
   spoke a quote).

Each step is a plain function over the kept citations (:class:`Kept`) and a :class:`Ledger`
of what was found, in the order it was found.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from bot.model.attribution import NOT_AFTER_TITLE
from bot.model.quoted import (
    DOUBLE_QUOTES,
    MARKER,
    MARKER_RUN,
    SINGLE_QUOTES,
    Quoted,
    find_quotes,
    unescape,
)
from ingest.records import Citation

REMOVED_NOTE = "[quote removed: not verbatim in the cited passage]"
ATTRIBUTION_NOTE = "[attribution removed: {reason}]"
_SENTENCE_END = re.compile(
    NOT_AFTER_TITLE + r"[.!?][”\"»’']?(?:\s*\[\d+\])*"
    r"(?=\s+[A-Z“\"«‘'*_])"
)
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
class Said:
    """One sentence of an answer as a speaker check sees it."""

    sentence: str
    quotes: tuple[Quoted, ...]  # verified, offsets into ``sentence``
    cited: tuple[Citation, ...]  # what its markers point at
    before: str  # the paragraph before the sentence, where a pronoun finds its name


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


@dataclass
class Ledger:
    """What the check found: every problem, the quoted words and the sentences removed."""

    problems: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Kept:
    """The citations that survive, and the new number of each old one kept."""

    citations: list[Citation]
    renumber: dict[int, int]

    def cited(self, markers: str) -> list[Citation]:
        nums = [int(m) for m in MARKER.findall(markers or "")]
        return [self.citations[self.renumber[n] - 1] for n in nums if n in self.renumber]


def _loose(text: str) -> str:
    return " ".join(text.translate(_ALL_MARKS).split())


def _inside(fragment: str, cited: Iterable[Citation]) -> bool:
    needle = _loose(unescape(fragment))
    return bool(needle) and any(needle in _loose(c.text) for c in cited)


def keep_retrieved(citations: Sequence[Citation], sources: list[Source], ledger: Ledger) -> Kept:
    """Rule 1: only citations inside a retrieved span, renumbered in order."""
    renumber: dict[int, int] = {}
    kept: list[Citation] = []
    for n, c in enumerate(citations, 1):
        if any(s.covers(c) for s in sources):
            kept.append(c)
            renumber[n] = len(kept)
        else:
            ledger.problems.append(
                f"citation {n} ({c.article_id} {c.start}-{c.end}) was not retrieved"
            )
    return Kept(kept, renumber)


def fix_markers(text: str, kept: Kept, ledger: Ledger) -> str:
    """Rule 2: each ``[n]`` renumbered, or dropped when it points at no kept citation."""

    def one(m: re.Match[str]) -> str:
        n = int(m.group(1))
        if n in kept.renumber:
            return f"[{kept.renumber[n]}]"
        ledger.problems.append(f"marker [{n}] points at no retrieved passage")
        return ""

    return MARKER.sub(one, text)


def check_quotes(
    block: str, kept: Kept, single_marks: bool, ledger: Ledger
) -> tuple[str, list[Quoted]]:
    """Rule 3 on a paragraph: the text with every unverified quote replaced by a note, and
    the verified quotes at their offsets in it (a quote never closed is closed once checked)."""
    out: list[str] = []
    verified: list[Quoted] = []
    at = 0
    for q in find_quotes(block, single_marks):
        out.append(fix_markers(block[at : q.start], kept, ledger))
        at = q.stop
        if not _inside(q.words, kept.cited(q.markers)):
            ledger.removed.append(unescape(q.words.strip()))
            ledger.problems.append("a quoted string is not verbatim in the passage it cites")
            out.append(REMOVED_NOTE)
            continue
        start = sum(map(len, out))
        shown = block[q.start : q.end]
        closer = q.closer or (DOUBLE_QUOTES | SINGLE_QUOTES)[block[q.start]][0]
        shown += "" if q.closer else closer
        markers = fix_markers(q.markers, kept, ledger)
        out.append(shown + markers)
        verified.append(Quoted(start, start + len(shown), q.words, closer, markers))
    return "".join([*out, fix_markers(block[at:], kept, ledger)]), verified


def _pieces(block: str, quotes: Sequence[Quoted]) -> list[tuple[int, int]]:
    """Sentences and line breaks of a paragraph, never cut inside a quote."""
    cuts = {0, len(block), *(m.end() for m in _SENTENCE_END.finditer(block))}
    cuts |= {i + d for i, c in enumerate(block) if c == "\n" for d in (0, 1)}
    kept = sorted(c for c in cuts if not any(q.start < c < q.stop for q in quotes))
    return [(a, b) for a, b in itertools.pairwise(kept) if a < b]


def check_attribution(said: Said, speakers: SpeakerCheck, ledger: Ledger) -> str:
    """Rule 4 on one sentence: itself, or a note saying why its attribution is wrong."""
    sentence = said.sentence
    if not sentence.strip() or (REMOVED_NOTE in sentence and not said.quotes):
        return sentence  # nothing said, or its quote is already gone (and noted)
    reason = speakers(said)
    if reason is None:
        return sentence
    ledger.wrong.append(sentence.strip())
    ledger.problems.append(f"a wrong attribution: {reason}")
    lead = sentence[: len(sentence) - len(sentence.lstrip())]
    return lead + ATTRIBUTION_NOTE.format(reason=reason)


def check_sentences(
    checked: str, verified: list[Quoted], kept: Kept, speakers: SpeakerCheck, ledger: Ledger
) -> str:
    """Rule 4 on a checked paragraph, sentence by sentence, each with its verified quotes."""
    said = []
    for a, b in _pieces(checked, verified):
        sentence = checked[a:b]
        here = [replace(q, start=q.start - a, end=q.end - a) for q in verified if a <= q.start < b]
        nums = [int(n) for n in MARKER.findall(sentence)]
        cited = tuple(kept.citations[n - 1] for n in nums if 0 < n <= len(kept.citations))
        one = Said(sentence, tuple(here), cited, checked[:a])
        said.append(check_attribution(one, speakers, ledger))
    return "".join(said)


def check_excerpt(line: str, kept: Kept, ledger: Ledger) -> str:
    """Rule 3 on an excerpt line (``> text [n]``): verbatim in its citation, or removed."""
    body = line.lstrip()[1:]
    m = re.search(MARKER_RUN.pattern + r"\s*$", body)
    text = (body[: m.start()] if m else body).strip()
    if not text or _inside(text, kept.cited(m.group() if m else "")):
        return fix_markers(line, kept, ledger)
    ledger.removed.append(unescape(text))
    ledger.problems.append("an excerpt is not verbatim in the passage it cites")
    return "> " + REMOVED_NOTE


def _line_kind(line: str) -> str:
    return "excerpt" if line.lstrip().startswith(">") else "text" if line.strip() else ""


def closing_notes(ledger: Ledger) -> str:
    """What the reader is told about what was removed."""
    out = ""
    if ledger.removed:
        out += (
            f"\n\n_{len(ledger.removed)} quoted passage(s) were removed because they are not "
            "verbatim in the articles they cite._"
        )
    if ledger.wrong:
        out += (
            f"\n\n_{len(ledger.wrong)} sentence(s) were removed because they attribute words to "
            "someone the quote index does not record as saying them._"
        )
    return out


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
    ledger = Ledger()
    kept = keep_retrieved(citations, list(sources), ledger)
    lines_out: list[str] = []
    for k, group in itertools.groupby(markdown.split("\n"), _line_kind):
        lines = list(group)
        if k == "text":  # a paragraph: its quotes may run across its lines
            checked, verified = check_quotes("\n".join(lines), kept, single_marks, ledger)
            if speakers is not None:
                checked = check_sentences(checked, verified, kept, speakers, ledger)
            lines_out.append(checked)
        else:
            lines_out += [check_excerpt(line, kept, ledger) for line in lines] if k else lines
    body = "\n".join(lines_out)
    removed = [*ledger.removed, *ledger.wrong]
    return Grounded(body + closing_notes(ledger), kept.citations, removed, ledger.problems, body)
