"""Is a claimed quotation verbatim in a text, nearly there with changed words, or absent?

Everything works on normalised words (``bot.verdicts.normalise``). Each distinct word is
mapped to one character, so rapidfuzz's fast string alignment becomes a word-level
alignment: the best window of the target for the claim, and a word diff (added, dropped,
changed words).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from bot.verdicts.normalise import is_content_word

MatchKind = Literal["verbatim", "altered", "none"]

ALTERED_MIN_SIMILARITY = 0.7  # share of aligned words that must be equal
ALTERED_MIN_EQUAL = 3  # and at least this many equal words
# Share of the claim's content words (not stop words) that must be among the equal words:
# "we will not be moved" must never match "we will be standing" on "we will ... be" alone.
ALTERED_MIN_CONTENT = 0.5


@dataclass(frozen=True)
class DiffOp:
    """One step of a word diff: ``equal``, ``replace``, ``delete`` (claimed word not in the
    source) or ``insert`` (source word missing from the claim)."""

    op: str
    claimed: str
    source: str

    def as_dict(self) -> dict[str, str]:
        return {"op": self.op, "claimed": self.claimed, "source": self.source}


def format_diff(
    diff: Iterable[DiffOp], style: Mapping[str, str], escape: Callable[[str], str]
) -> list[str]:
    """Each step of a diff in ``style`` (a template per op, ``{claimed}`` and ``{source}``
    escaped; ``replace`` for any other op): the one loop the Markdown and HTML diffs share."""
    return [
        style.get(d.op, style["replace"]).format(claimed=escape(d.claimed), source=escape(d.source))
        for d in diff
    ]


@dataclass(frozen=True)
class Match:
    kind: MatchKind
    score: float  # 1.0 for verbatim; share of equal words otherwise
    first: int = 0  # word window of the target: words[first:last]
    last: int = 0
    diff: tuple[DiffOp, ...] = ()

    @property
    def found(self) -> bool:
        return self.kind != "none"


NO_MATCH = Match("none", 0.0)


def find_verbatim(claim: tuple[str, ...], target: tuple[str, ...]) -> int:
    """Word index where ``claim`` occurs contiguously in ``target``, or -1."""
    if not claim or len(claim) > len(target):
        return -1
    joined = " " + " ".join(target) + " "
    pos = joined.find(" " + " ".join(claim) + " ")
    if pos < 0:
        return -1
    return joined.count(" ", 0, pos + 1) - 1


def _encode(claim: tuple[str, ...], target: tuple[str, ...]) -> tuple[str, str]:
    table: dict[str, str] = {}
    base = 0xE000  # private-use area: one character per distinct word
    for w in (*claim, *target):
        if w not in table:
            table[w] = chr(base + len(table))
    return "".join(table[w] for w in claim), "".join(table[w] for w in target)


def word_diff(claim: tuple[str, ...], source: tuple[str, ...]) -> tuple[DiffOp, ...]:
    a, b = _encode(claim, source)
    ops = []
    for op in Levenshtein.opcodes(a, b):
        ops.append(
            DiffOp(
                op.tag,
                " ".join(claim[op.src_start : op.src_end]),
                " ".join(source[op.dest_start : op.dest_end]),
            )
        )
    return tuple(ops)


def _equal_words(diff: tuple[DiffOp, ...]) -> int:
    return sum(len(d.claimed.split()) for d in diff if d.op == "equal")


def content_coverage(diff: tuple[DiffOp, ...]) -> float:
    """Share of the claim's content words that the diff keeps equal (0.0 when it has none:
    a claim made only of stop words matches verbatim or not at all)."""
    equal = sum(is_content_word(w) for d in diff if d.op == "equal" for w in d.claimed.split())
    total = sum(is_content_word(w) for d in diff for w in d.claimed.split())
    return equal / total if total else 0.0


def match(claim: tuple[str, ...], target: tuple[str, ...]) -> Match:
    """How ``claim`` occurs in ``target``: verbatim, altered (with the word diff), or not."""
    if not claim or not target:
        return NO_MATCH
    at = find_verbatim(claim, target)
    if at >= 0:
        return Match("verbatim", 1.0, at, at + len(claim))
    bound = _overlap_bound(claim, target)
    if bound < ALTERED_MIN_SIMILARITY:  # too few of the claim's words are there at all
        return Match("none", bound, 0, len(target))
    a, b = _encode(claim, target)
    if len(a) <= len(b):
        al = fuzz.partial_ratio_alignment(a, b)
        if al is None:
            return NO_MATCH
        first, last = al.dest_start, al.dest_end
    else:
        first, last = 0, len(b)
    best = NO_MATCH
    # The aligned window has the claim's length; a dropped or added word shifts its ends.
    for lo in range(max(0, first - 2), min(len(b), first + 3)):
        for hi in range(max(lo + 1, last - 2), min(len(b), last + 2) + 1):
            diff = word_diff(claim, target[lo:hi])
            equal = _equal_words(diff)
            score = equal / max(len(claim), hi - lo)
            if score > best.score:
                best = Match("altered", score, lo, hi, diff)
    best = _trim(best, claim, target)
    needed = min(ALTERED_MIN_EQUAL, max(2, len(claim) - 1))
    if (
        best.score >= ALTERED_MIN_SIMILARITY
        and _equal_words(best.diff) >= needed
        and content_coverage(best.diff) >= ALTERED_MIN_CONTENT
    ):
        return best
    return Match("none", best.score, best.first, best.last, best.diff)


def _overlap_bound(claim: tuple[str, ...], target: tuple[str, ...]) -> float:
    """An upper bound of a match's score: the share of the claim's words the target has."""
    have = Counter(target)
    shared = 0
    for w, n in Counter(claim).items():
        shared += min(n, have[w])
    return shared / len(claim)


def _trim(m: Match, claim: tuple[str, ...], target: tuple[str, ...]) -> Match:
    """Drop source words at the window's ends that the claim does not have."""
    if not m.diff:
        return m
    first, last = m.first, m.last
    if m.diff[0].op == "insert":
        first += len(m.diff[0].source.split())
    if len(m.diff) > 1 and m.diff[-1].op == "insert":
        last -= len(m.diff[-1].source.split())
    if (first, last) == (m.first, m.last) or first >= last:
        return m
    diff = word_diff(claim, target[first:last])
    return Match(m.kind, _equal_words(diff) / max(len(claim), last - first), first, last, diff)
