"""Does a source span say what a claim says? The meaning check run before any paraphrase.

Deterministic and explainable: a claim and a source span are compared on their numbers and
quantities, their polarity (negation and opposite words), their modality ("will" / "might",
"all" / "some") and who does what to whom. Every disagreement is a :class:`Difference` that
names the claimed words and the source's words with their offsets, so an answer can show
and highlight it. A source *supports* a claim when it covers most of the claim's content
words (inflections and listed synonyms allowed) and no difference was found; it
*contradicts* the claim when it is about the same thing and a difference was found.
The words are in ``ingest.lexicon.meaning``; nothing here knows a word list of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from bot.verdicts.normalise import Words, is_content_word, words
from ingest.lexicon import meaning as lex
from ingest.lexicon.time import MONTHS

DifferenceKind = Literal["number", "negation", "antonym", "modality", "roles", "added"]
ABOUT_MIN_COVERAGE = 0.75  # share of the claim's content words a source must address
MIN_CONTENT_WORDS = 2  # a claim of fewer content words is judged by its words alone
NUMBER_MIN_COVERAGE = 0.7  # a number conflict without a shared counted noun needs this much
REGION_LEAD = 3  # source words around the shared ones that still belong to the region
SUPPORT_MIN_COVERAGE = 0.75  # a paraphrase covers at least this share, and every name


@dataclass(frozen=True)
class Difference:
    """Where the source disagrees with the claim: ``claimed`` against ``source`` words."""

    kind: DifferenceKind
    claimed: str
    source: str
    start: int = -1  # offsets of the source's words in the source text ("" source: -1)
    end: int = -1

    def as_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "claimed": self.claimed,
            "source": self.source,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Reading:
    """What the meaning check found between one claim and one source span."""

    coverage: float  # share of the claim's content words the source has (or opposes)
    matched: tuple[str, ...]  # the source's words that matched them
    missing: tuple[str, ...]  # the claim's content words the source lacks
    differences: tuple[Difference, ...] = ()
    names_missing: bool = False  # a name of the claim is not in the source
    counted: int = 0  # how many content words the claim has

    @property
    def conflicts(self) -> tuple[Difference, ...]:
        return tuple(d for d in self.differences if d.kind != "added")

    @property
    def about_the_same(self) -> bool:
        return self.coverage >= ABOUT_MIN_COVERAGE and self.counted >= MIN_CONTENT_WORDS

    @property
    def supports(self) -> bool:
        return (
            self.coverage >= SUPPORT_MIN_COVERAGE
            and self.counted >= MIN_CONTENT_WORDS
            and not self.names_missing
            and not self.differences
        )

    @property
    def contradicts(self) -> bool:
        return self.about_the_same and bool(self.conflicts)


# ---- words and lemmas ---------------------------------------------------------------

_DOUBLED = re.compile(r"([bdgmnprt])\1$")


@lru_cache(maxsize=1 << 16)
def lemma(token: str) -> str:
    """A crude but consistent stem: both sides of a comparison get the same one."""
    t = lex.IRREGULAR_LEMMAS.get(token, token)
    if len(t) > 4 and t.endswith(("ies", "ied")):
        t = t[:-3] + "y"
    elif len(t) > 5 and t.endswith("ing"):
        t = _DOUBLED.sub(r"\1", t[:-3])
    elif len(t) > 4 and t.endswith("ed"):
        t = _DOUBLED.sub(r"\1", t[:-2])
    elif len(t) > 4 and t.endswith(("ches", "shes", "sses", "xes")):
        t = t[:-2]
    elif len(t) > 3 and t.endswith("s") and not t.endswith(("ss", "us", "is")):
        t = t[:-1]
    elif len(t) > 5 and t.endswith("ly"):
        t = t[:-2]
    if len(t) > 3 and t.endswith("e"):
        t = t[:-1]
    return t


def _lemmas(group: frozenset[str]) -> frozenset[str]:
    return frozenset(lemma(w) for w in group)


_ANTONYMS = tuple((_lemmas(a), _lemmas(b)) for a, b in lex.ANTONYM_GROUPS)
_SYNONYMS: dict[str, frozenset[str]] = {}
for _group in lex.SYNONYM_GROUPS:
    for _w in _lemmas(_group):
        _SYNONYMS[_w] = _SYNONYMS.get(_w, frozenset()) | _lemmas(_group)
_OPPOSITES: dict[str, frozenset[str]] = {}
for _a, _b in _ANTONYMS:
    for _x, _y in ((_a, _b), (_b, _a)):
        for _w in _x:
            _OPPOSITES[_w] = _OPPOSITES.get(_w, frozenset()) | _y
_MODALITY = {w: cls for cls, group in lex.MODALITY_CLASSES for w in group}
_FRAMING = _lemmas(lex.FRAMING_WORDS)


def _negation(token: str) -> bool:
    return token in lex.NEGATIONS or token.endswith(lex.NEGATED_SUFFIX)


# ---- quantities -------------------------------------------------------------------------

_DIGITS = re.compile(
    r"(?<![\w.,])(?P<cur>[$€£¥])?\s?(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?P<ord>st|nd|rd|th)?(?P<sc>bn|mn|m|k)?(?![\w,]*\d)(?:\s?(?P<pct>%|percent\b|per\s?cent\b))?"
)


@dataclass(frozen=True)
class Quantity:
    value: float
    kind: str  # cardinal, ordinal, percent, money, year, date, month
    qualifier: str  # "", "more than", "about", ... (``lex.QUANTITY_QUALIFIERS`` values)
    text: str
    start: int
    end: int
    counted: str = ""  # the lemma of the word after it ("missiles" in "two missiles")

    def same_value(self, other: Quantity) -> bool:
        kinds = {self.kind, other.kind}
        return self.value == other.value and (len(kinds) == 1 or kinds <= {"cardinal", "money"})

    def comparable(self, other: Quantity) -> bool:
        kinds = {self.kind, other.kind}
        return len(kinds) == 1 or kinds <= {"cardinal", "money"}


def quantities(text: str, ws: Words | None = None) -> list[Quantity]:
    """Every number, amount, percentage, ordinal, year and date in ``text``, in order."""
    ws = ws or words(text)
    found = _digit_quantities(text, ws) + _word_quantities(text, ws)
    found.sort(key=lambda q: q.start)
    return found


def _index_at(ws: Words, pos: int) -> int:
    """Index of the first word that starts at or after ``pos``."""
    for i, s in enumerate(ws.starts):
        if s >= pos:
            return i
    return len(ws)


def _scale_after(ws: Words, i: int) -> tuple[float, int]:
    if i < len(ws) and ws.tokens[i] in lex.SCALES:
        return float(lex.SCALES[ws.tokens[i]]), i + 1
    return 1.0, i


def _digit_quantities(text: str, ws: Words) -> list[Quantity]:
    out = []
    for m in _DIGITS.finditer(text):
        value = float(m.group("num").replace(",", ""))
        after = _index_at(ws, m.end())
        scale, after = _scale_after(ws, after)
        if m.group("sc"):
            scale = {"bn": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3}[m.group("sc")]
        kind = "cardinal"
        if m.group("pct"):
            kind = "percent"
        elif m.group("cur"):
            kind = "money"
        elif m.group("ord"):
            kind = "ordinal"
        elif "," not in m.group("num") and 1800 <= value <= 2100 and scale == 1.0:
            kind = "year"
        end = ws.ends[after - 1] if after > _index_at(ws, m.end()) else m.end()
        month = _month_near(text, ws, m.start(), end)
        if month and kind == "cardinal" and value <= 31:
            kind, value = "date", month * 100 + value
        first = _index_at(ws, m.start())
        out.append(_quantity(text, ws, value * scale, kind, m.start(), end, first, after))
    return out


def _month_near(text: str, ws: Words, start: int, end: int) -> int:
    """The month named right before or after a day number ("March 3", "3 March")."""
    before = re.search(r"([A-Z][a-z]+)\.?\s+$", text[max(0, start - 12) : start])
    after = re.match(r"\s+([A-Z][a-z]+)", text[end : end + 12])
    for m in (before, after):
        if m and m.group(1).lower() in MONTHS:
            return MONTHS[m.group(1).lower()]
    return 0


def _word_quantities(text: str, ws: Words) -> list[Quantity]:
    out, i = [], 0
    toks = ws.tokens
    while i < len(toks):
        t = toks[i]
        if t in lex.ORDINALS:
            out.append(_quantity(text, ws, lex.ORDINALS[t], "ordinal", -1, -1, i, i + 1))
            i += 1
            continue
        if t in lex.COUNT_NOUNS and (t in lex.FRACTIONS or (i and toks[i - 1] in ("a", "an"))):
            first = i - 1 if i and toks[i - 1] in ("a", "an") else i
            value, j = float(lex.COUNT_NOUNS[t]), i + 1
            out.append(_quantity(text, ws, value, "cardinal", -1, -1, first, j))
            i = j
            continue
        if t in lex.UNITS or t in lex.TENS or (t in lex.SCALES and i and toks[i - 1] == "a"):
            value, j = _number_words(toks, i)
            first = i - 1 if t in lex.SCALES else i
            out.append(_quantity(text, ws, value, "cardinal", -1, -1, first, j))
            i = j
            continue
        if _is_month(text, ws, i):
            value = float(MONTHS[t])
            out.append(_quantity(text, ws, value, "month", -1, -1, i, i + 1))
        i += 1
    return out


def _is_month(text: str, ws: Words, i: int) -> bool:
    t = ws.tokens[i]
    if t not in MONTHS or len(t) < 5 or not text[ws.starts[i]].isupper():
        return False  # "may" the verb, "march" the walk, "sept" too short to be sure
    return not re.match(r"\s*\d", text[ws.ends[i] : ws.ends[i] + 3]) and not re.search(
        r"\d\s*$", text[max(0, ws.starts[i] - 3) : ws.starts[i]]
    )  # (a day beside it makes it a date, read with the number)


def _number_words(toks: tuple[str, ...], i: int) -> tuple[float, int]:
    """The value of the number words starting at ``i`` ("twenty five thousand"), and the
    index after them. A leading "a" before a scale counts one ("a hundred")."""
    total, current, j = 0.0, 0.0, i
    while j < len(toks):
        t = toks[j]
        if t in lex.UNITS:
            current += lex.UNITS[t]
        elif t in lex.TENS:
            current += lex.TENS[t]
        elif t in lex.SCALES:
            current = (current or 1) * lex.SCALES[t]
            if lex.SCALES[t] >= 1000:
                total, current = total + current, 0.0
        elif t == "and" and j + 1 < len(toks) and toks[j + 1] in lex.UNITS | lex.TENS:
            pass
        else:
            break
        j += 1
    return total + current, j


def _quantity(
    text: str, ws: Words, value: float, kind: str, start: int, end: int, first: int, after: int
) -> Quantity:
    if start < 0:
        start, end = ws.starts[first], ws.ends[after - 1]
    counted = lemma(ws.tokens[after]) if after < len(ws) else ""
    return Quantity(
        value, kind, _qualifier(ws, first), text[start:end], start, end, counted=counted
    )


def _qualifier(ws: Words, first: int) -> str:
    for n in (3, 2, 1):
        if first >= n:
            phrase = " ".join(ws.tokens[first - n : first])
            if phrase in lex.QUANTITY_QUALIFIERS:
                return lex.QUANTITY_QUALIFIERS[phrase]
    return ""


# ---- the comparison ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Side:
    text: str
    ws: Words
    lemmas: tuple[str, ...]


def _side(text: str) -> _Side:
    ws = words(text)
    return _Side(text, ws, tuple(lemma(t) for t in ws.tokens))


def _covers(lem: str, have: set[str]) -> bool:
    """The source has the word, a synonym of it, or its opposite (which a difference shows)."""
    return lem in have or bool(
        (_SYNONYMS.get(lem, frozenset()) | _OPPOSITES.get(lem, frozenset())) & have
    )


def compare(claim: str, source: str, base: int = 0, speaker: str = "") -> Reading:
    """Read ``source`` (a quote, a reported clause) against ``claim``. Offsets of the
    differences are ``base`` + positions in ``source``. The ``speaker``'s own name in the
    claim ("Ukraine is fighting ...") needs no cover: the source is the speaker's."""
    c, s = _side(claim), _side(source)
    lo, hi = _region(c, s)
    have = set(s.lemmas)
    own = {lemma(t) for t in words(speaker).tokens}
    content: dict[str, int] = {}  # each content lemma at its first word
    for i, (t, lem) in enumerate(zip(c.ws.tokens, c.lemmas, strict=True)):
        if (
            is_content_word(t)
            and lem not in _FRAMING
            and lem not in own
            and t not in _MODALITY
            and not _negation(t)
        ):
            content.setdefault(lem, i)
    mine, theirs = quantities(claim, c.ws), quantities(source, s.ws)
    counted = [
        (i, lem)
        for lem, i in content.items()
        if not any(q.start <= c.ws.starts[i] < q.end for q in mine)
    ]
    held = [(i, lem, _covers(lem, have)) for i, lem in counted]
    covered = [lem for _, lem, ok in held if ok]
    uncovered = [i for i, _, ok in held if not ok]
    coverage = len(covered) / len(counted) if counted else 0.0
    matched = tuple(
        dict.fromkeys(
            source[s.ws.starts[j] : s.ws.ends[j]]
            for j, lem in enumerate(s.lemmas)
            if lo <= j < hi and lem in {x for _, x in counted} | _syn_all(covered)
        )
    )
    diffs = (
        _number_differences(mine, theirs, coverage, base)
        + _polarity_differences(c, s, lo, hi, base)
        + _modality_differences(c, s, lo, hi, base)
        + _role_differences(c, s, base)
    )
    missing = tuple(c.ws.tokens[i] for i in uncovered)
    names_missing = any(_capitalised(c, i) for i in uncovered)
    size = len(counted) + len(mine)  # the numbers count as content too
    return Reading(coverage, matched, missing, tuple(diffs), names_missing, size)


def _syn_all(lems: list[str]) -> set[str]:
    out = set(lems)
    for lem in lems:
        out |= _SYNONYMS.get(lem, frozenset())
    return out


def _region(c: _Side, s: _Side) -> tuple[int, int]:
    """The source's words that speak to the claim: from a few words before the first word
    they share to the last one (all of it when they share none)."""
    have = _syn_all([lem for t, lem in zip(c.ws.tokens, c.lemmas, strict=True) if len(t) > 1])
    shared = [
        j for j, lem in enumerate(s.lemmas) if lem in have and is_content_word(s.ws.tokens[j])
    ]
    if not shared:
        return 0, len(s.ws)
    return max(0, shared[0] - REGION_LEAD), min(len(s.ws), shared[-1] + 1 + REGION_LEAD)


def _span(s: _Side, lo: int, hi: int, base: int) -> tuple[int, int]:
    return base + s.ws.starts[lo], base + s.ws.ends[hi - 1]


def _number_differences(
    mine: list[Quantity], theirs: list[Quantity], coverage: float, base: int
) -> list[Difference]:
    out: list[Difference] = []
    used: set[int] = set()
    for q in mine:
        same = [k for k, t in enumerate(theirs) if k not in used and q.same_value(t)]
        if same:
            k = next((k for k in same if theirs[k].counted == q.counted), same[0])
            used.add(k)
            t = theirs[k]
            if q.qualifier != t.qualifier:
                out.append(_number_pair(q, t, base))
            continue
        rivals = [k for k, t in enumerate(theirs) if k not in used and q.comparable(t)]
        fitting = [k for k in rivals if q.counted and theirs[k].counted == q.counted]
        if fitting or (len(rivals) == 1 and coverage >= NUMBER_MIN_COVERAGE):
            k = (fitting or rivals)[0]
            used.add(k)
            out.append(_number_pair(q, theirs[k], base))
        else:
            out.append(Difference("added", q.text, ""))
    return out


def _number_pair(q: Quantity, t: Quantity, base: int) -> Difference:
    def shown(x: Quantity) -> str:
        return f"{x.qualifier} {x.text}" if x.qualifier else x.text

    return Difference("number", shown(q), shown(t), base + t.start, base + t.end)


def _polarity_differences(c: _Side, s: _Side, lo: int, hi: int, base: int) -> list[Difference]:
    """A negation added or dropped, or a word swapped for its opposite. One of each cancels
    ("not true" for "false")."""
    swaps = _antonym_swaps(c, s, lo, hi)
    swapped_c, swapped_s = {i for i, _ in swaps}, {j for _, j in swaps}
    neg_c = [i for i, t in enumerate(c.ws.tokens) if _negation(t) and i not in swapped_c]
    neg_s = [
        j for j in range(lo, hi) if _negation(s.ws.tokens[j]) and j not in swapped_s
    ]  # ("never" for "always" is one swap, not also a negation)
    negation_differs = len(neg_c) % 2 != len(neg_s) % 2
    if negation_differs and len(swaps) == 1:
        return []  # "is not true" says what "is false" says
    out = list(_swap_differences(c, s, swaps, base))
    if negation_differs:
        claimed = " ".join(c.ws.tokens[i] for i in neg_c)
        if neg_s:
            a, b = _span(s, neg_s[0], neg_s[-1] + 1, base)
            out.append(Difference("negation", claimed, _words(s, neg_s), a, b))
        else:
            out.append(Difference("negation", claimed, ""))
    return out


def _words(s: _Side, idx: list[int]) -> str:
    return " ".join(s.text[s.ws.starts[j] : s.ws.ends[j]] for j in idx)


def _antonym_swaps(c: _Side, s: _Side, lo: int, hi: int) -> list[tuple[int, int]]:
    """(claim word, source word) pairs where each has the other's opposite and not itself."""
    mine, theirs = set(c.lemmas), set(s.lemmas[lo:hi])
    swaps: list[tuple[int, int]] = []
    for i, lem in enumerate(c.lemmas):
        opposites = _OPPOSITES.get(lem)
        if not opposites or lem in theirs:
            continue
        j = next((j for j in range(lo, hi) if s.lemmas[j] in opposites - mine), -1)
        if j >= 0 and all(j != b for _, b in swaps):
            swaps.append((i, j))
    return swaps


def _swap_differences(
    c: _Side, s: _Side, swaps: list[tuple[int, int]], base: int
) -> list[Difference]:
    return [
        Difference(
            "antonym",
            c.text[c.ws.starts[i] : c.ws.ends[i]],
            s.text[s.ws.starts[j] : s.ws.ends[j]],
            *_span(s, j, j + 1, base),
        )
        for i, j in swaps
    ]


def _modality_differences(c: _Side, s: _Side, lo: int, hi: int, base: int) -> list[Difference]:
    out = []
    mine = {t: i for i, t in enumerate(c.ws.tokens) if t in _MODALITY}
    theirs = {s.ws.tokens[j]: j for j in range(lo, hi) if s.ws.tokens[j] in _MODALITY}
    classes_c = {_MODALITY[t] for t in mine}
    classes_s = {_MODALITY[t] for t in theirs}
    for t, i in mine.items():
        cls = _MODALITY[t]
        rival = lex.MODALITY_RIVALS[cls]
        if cls in classes_s or rival not in classes_s:
            continue
        j = next(j for u, j in theirs.items() if _MODALITY[u] == rival)
        if rival in classes_c:
            continue
        shown = s.text[s.ws.starts[j] : s.ws.ends[j]]
        out.append(
            Difference(
                "modality", c.text[c.ws.starts[i] : c.ws.ends[i]], shown, *_span(s, j, j + 1, base)
            )
        )
    return out


def _role_differences(c: _Side, s: _Side, base: int) -> list[Difference]:
    """Who did what to whom: two names around a shared word, in the opposite order."""
    once_c = _once(c)
    once_s = _once(s)
    shared = [lem for lem in once_c if lem in once_s]
    names = [lem for lem in shared if _capitalised(c, once_c[lem]) or _capitalised(s, once_s[lem])]
    for x in names:
        for z in names:
            if once_c[x] >= once_c[z] or once_s[z] >= once_s[x]:
                continue
            middle = [
                y
                for y in shared
                if y not in names
                and once_c[x] < once_c[y] < once_c[z]
                and once_s[z] < once_s[y] < once_s[x]
            ]
            if middle and not _passive_between(s, once_s[middle[0]], once_s[x]):
                a, b = _span(s, once_s[z], once_s[x] + 1, base)
                claimed = c.text[c.ws.starts[once_c[x]] : c.ws.ends[once_c[z]]]
                return [Difference("roles", claimed, s.text[a - base : b - base], a, b)]
    return []


def _once(side: _Side) -> dict[str, int]:
    seen: dict[str, int] = {}
    twice = set()
    for i, (t, lem) in enumerate(zip(side.ws.tokens, side.lemmas, strict=True)):
        if not is_content_word(t):
            continue
        if lem in seen:
            twice.add(lem)
        seen.setdefault(lem, i)
    return {lem: i for lem, i in seen.items() if lem not in twice}


def _capitalised(side: _Side, i: int) -> bool:
    return i > 0 and side.text[side.ws.starts[i]].isupper()


def _passive_between(s: _Side, lo: int, hi: int) -> bool:
    return "by" in s.ws.tokens[lo:hi]
