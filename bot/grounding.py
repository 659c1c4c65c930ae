"""The grounding check every answer passes before anyone sees it.

``ground_answer`` enforces the rules of issue 4 on a finished markdown answer, whoever wrote
it (the extractive composer now, a language model later):

1. every citation points inside a span that retrieval actually returned (a ``Source``), and
   its text equals that source's text at its offsets; other citations are dropped;
2. every ``[n]`` marker points at a kept citation; others are dropped;
3. every quoted string (between double quotation marks, any style) is followed by markers
   and occurs verbatim (ignoring only mark style and whitespace) in a cited text; every
   excerpt line (``> text [n]``) occurs verbatim in its citation. Anything else is removed
   and the removal is noted in the answer;
4. when a ``speakers`` check is given (the language-model path, ``bot.generate``), every
   sentence that attributes words to a named speaker is checked against the quote index;
   a wrong attribution is removed and noted the same way.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ingest.records import Citation

REMOVED_NOTE = "[quote removed: not verbatim in the cited passage]"
ATTRIBUTION_NOTE = "[attribution removed: {reason}]"
# (sentence, its verified quoted strings, the citations its markers point at) -> a reason
# the attribution is wrong, or None. Built over the quote index by ``bot.generate``.
SpeakerCheck = Callable[[str, list[str], list[Citation]], "str | None"]
_SENTENCE_END = re.compile(
    r"(?<!\bMr)(?<!\bMs)(?<!\bDr)(?<!\bMrs)(?<!\bSt)[.!?][”\"»’]?(?:\s*\[\d+\])*(?=\s+[A-Z“\"«*_])"
)
_MARKERS = r"((?:\s*\[\d+\])+)"
_QUOTED_WITH_MARKERS = re.compile(
    r"(“[^“”\n]*”|\"[^\"\n]*\"|„[^“”\n]*[“”]|«[^«»\n]*»)" + _MARKERS + "?"
)
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


@dataclass
class Grounded:
    markdown: str
    citations: list[Citation]
    removed: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

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


def sentences(line: str) -> list[str]:
    """A line cut into sentences (after end punctuation, closing mark and markers)."""
    cuts = [0, *(m.end() for m in _SENTENCE_END.finditer(line)), len(line)]
    return [line[a:b] for a, b in itertools.pairwise(cuts) if line[a:b]]


def ground_answer(
    markdown: str,
    citations: Sequence[Citation],
    sources: Iterable[Source],
    speakers: SpeakerCheck | None = None,
) -> Grounded:
    """The answer with every unsupported citation, marker, quoted string and (given
    ``speakers``) wrong attribution removed."""
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

    wrong: list[str] = []

    def attribution(sentence: str) -> str:
        assert speakers is not None
        if REMOVED_NOTE in sentence:
            return sentence  # its quote is already gone (and noted)
        quoted = [unescape(m.group(1)[1:-1]) for m in _QUOTED_WITH_MARKERS.finditer(sentence)]
        nums = [int(n) for n in _MARKER.findall(sentence)]
        cited_here = [kept[n - 1] for n in nums if 0 < n <= len(kept)]
        reason = speakers(sentence, quoted, cited_here)
        if reason is None:
            return sentence
        wrong.append(sentence.strip())
        problems.append(f"a wrong attribution: {reason}")
        lead = sentence[: len(sentence) - len(sentence.lstrip())]
        return lead + ATTRIBUTION_NOTE.format(reason=reason)

    removed: list[str] = []
    lines_out = []
    for line in markdown.split("\n"):
        if line.lstrip().startswith(">"):
            body = line.lstrip()[1:]
            m = re.search(_MARKERS + r"\s*$", body)
            excerpt = body[: m.start()] if m else body
            if excerpt.strip() and not _inside(excerpt.strip(), cited(m.group(1) if m else "")):
                removed.append(unescape(excerpt.strip()))
                problems.append("an excerpt is not verbatim in the passage it cites")
                lines_out.append("> " + REMOVED_NOTE)
                continue
            lines_out.append(fix_markers(line))
            continue

        def check(m: re.Match[str]) -> str:
            quoted, markers = m.group(1), m.group(2) or ""
            if _inside(quoted[1:-1], cited(markers)):
                return quoted + markers
            removed.append(unescape(quoted[1:-1]))
            problems.append("a quoted string is not verbatim in the passage it cites")
            return REMOVED_NOTE

        checked = fix_markers(_QUOTED_WITH_MARKERS.sub(check, line))
        if speakers is not None:
            checked = "".join(attribution(s) for s in sentences(checked))
        lines_out.append(checked)

    out = "\n".join(lines_out)
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
    return Grounded(out, kept, [*removed, *wrong], problems)
