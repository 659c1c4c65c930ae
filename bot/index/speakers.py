"""Corpus-level speaker index: group spelling variants of one person, find people by name.

Grouping is conservative. Two names are one speaker when they are the same once case,
accents, honorifics and punctuation are set aside; when their first names agree and their
surnames are spelling variants (``Zelenskiy`` / ``Zelensky`` / ``Zelenskyy``, or one edit
apart in a long surname); when one differs by middle initials that only one form carries
(``Donald J. Trump`` / ``Donald Trump``); or when a bare surname (``Guterres``) matches
exactly one full name in the corpus. People who share a surname but not a first name stay
apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from ingest.lexicon.people import TITLES
from ingest.lexicon.pronouns import PRONOUNS
from ingest.records import Speaker

_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "the"})
_NON_WORD = re.compile(r"[^\w\s-]")


@lru_cache(maxsize=200_000)
def normalize_name(name: str) -> tuple[str, ...]:
    """Lowercase, accent-free name words without honorifics or possessive endings."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").lower()
    text = re.sub(r"'s\b", "", text)
    words = _NON_WORD.sub(" ", text).split()
    return tuple(w for w in words if w not in _HONORIFICS)


def _strip_titles(words: tuple[str, ...]) -> tuple[str, ...]:
    i = 0
    while i < len(words) - 1 and words[i] in TITLES:
        i += 1
    return words[i:]


def skeleton(word: str) -> str:
    """A spelling-insensitive form: ``zelenskiy``, ``zelensky``, ``zelenskyy`` -> ``zelensk``."""
    w = word.replace("y", "i").replace("-", "")
    out: list[str] = []
    for c in w:
        if not out or out[-1] != c:
            out.append(c)
    s = "".join(out)
    return s.rstrip("i") if len(s) > 4 else s


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, giving up (returning limit + 1) once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


def surname_variants(a: str, b: str) -> bool:
    """Two spellings of one surname (never two short, different names)."""
    if a == b:
        return True
    if skeleton(a) == skeleton(b):
        return True
    return min(len(a), len(b)) >= 6 and edit_distance(a, b, 1) <= 1


def _same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    if len(a) != len(b) or len(a) < 2:
        return False
    return a[:-1] == b[:-1] and surname_variants(a[-1], b[-1])


def _variant_pairs(
    keys: list[tuple[str, ...]],
) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The pairs of ``keys`` (names of one first name) whose surnames may be variants: the
    same skeleton, or one deletion apart (what an edit distance of one needs). Every pair
    ``surname_variants`` accepts is among them, without comparing every pair: one first
    name is shared by thousands of surnames in an archive."""
    buckets: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for k in keys:
        surname = k[-1]
        near = {"s:" + skeleton(surname)}
        if len(surname) >= 6:
            near |= {"d:" + surname[:i] + surname[i + 1 :] for i in range(len(surname))}
            near.add("d:" + surname)
        for near_key in near:
            buckets[near_key].append(k)
    seen: set[tuple[tuple[str, ...], tuple[str, ...]]] = set()
    for bucket in buckets.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1 :]:
                if (a, b) not in seen:
                    seen.add((a, b))
                    yield a, b


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[tuple[str, ...], tuple[str, ...]] = {}

    def find(self, k: tuple[str, ...]) -> tuple[str, ...]:
        self.parent.setdefault(k, k)
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def union(self, a: tuple[str, ...], b: tuple[str, ...]) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_speakers(entries: Iterable[tuple[str, str]]) -> list[Speaker]:
    """Speakers from ``(canonical_name, outlet)`` pairs, one per quote; most quoted first."""
    spellings: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    outlets: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for name, outlet in entries:
        key = _strip_titles(normalize_name(name))
        if not key or (len(key) == 1 and key[0] in PRONOUNS):
            continue  # an unresolved "he" is nobody the index can name
        spellings[key][name.strip()] += 1
        if outlet:
            outlets[key].add(outlet)
    groups = _Groups()
    keys = sorted(spellings)
    by_first: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for k in keys:
        groups.find(k)
        if len(k) >= 2:
            by_first[k[:-1]].append(k)
    for same_first in by_first.values():
        for a, b in _variant_pairs(same_first):
            if _same_person(a, b):
                groups.union(a, b)
    # "Donald J. Trump" joins "Donald Trump" when it is the only initialled form of that
    # name ("George W. Bush" and "George H.W. Bush" leave "George Bush" alone)
    initialled: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for k in keys:
        if len(k) >= 3 and all(len(w) == 1 for w in k[1:-1]):
            initialled[(k[0], k[-1])].add(groups.find(k))
    for plain, owners in initialled.items():
        if plain in spellings and len(owners) == 1:
            groups.union(plain, next(iter(owners)))
    # a bare surname joins the one full name that carries it, if only one does
    full_by_surname: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for k in keys:
        if len(k) >= 2 and "and" not in k:  # not "Peter Wendt and Ana Ruiz", two people
            full_by_surname[skeleton(k[-1])].add(groups.find(k))
    for k in keys:
        if len(k) == 1:
            owners = full_by_surname.get(skeleton(k[0]), set())
            if len(owners) == 1:
                groups.union(k, next(iter(owners)))
    members: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for k in keys:
        members[groups.find(k)].append(k)
    speakers = [_speaker(ks, spellings, outlets) for ks in members.values()]
    speakers.sort(key=lambda s: (-s.quote_count, s.key))
    return speakers


def _speaker(
    keys: list[tuple[str, ...]],
    spellings: dict[tuple[str, ...], Counter[str]],
    outlets: dict[tuple[str, ...], set[str]],
) -> Speaker:
    counts: Counter[str] = Counter()
    seen_outlets: set[str] = set()
    for k in keys:
        counts.update(spellings[k])
        seen_outlets |= outlets[k]
    # the display name: the fullest spelling, then the most used
    name = max(counts, key=lambda n: (len(normalize_name(n)), counts[n], n))
    key = "-".join(_strip_titles(normalize_name(name)))
    return Speaker(
        key=key,
        name=name,
        aliases=tuple(sorted(counts)),
        quote_count=sum(counts.values()),
        outlets=tuple(sorted(seen_outlets)),
    )


def find_speakers(index: Iterable[Speaker], query: str) -> list[Speaker]:
    """The speakers a user-typed name means: any alias, a surname, a known title, a typo."""
    q = normalize_name(query)
    if not q:
        return []
    bare = _strip_titles(q)
    speakers = list(index)
    forms = {s.key: [normalize_name(a) for a in (s.name, *s.aliases)] for s in speakers}

    def matches(test: Callable[[tuple[str, ...]], bool]) -> list[Speaker]:
        out = [s for s in speakers if any(test(f) for f in forms[s.key])]
        return sorted(out, key=lambda s: -s.quote_count)

    if len(bare) == 1:  # a surname: everybody who carries it (in any spelling)
        by_surname = matches(lambda f: bool(f) and surname_variants(f[-1], bare[0]))
        if by_surname:
            return by_surname
    exact = matches(lambda f: f == q or _strip_titles(f) == bare)
    if exact:
        return exact
    return matches(
        lambda f: (
            (
                len(f) == len(bare)
                and len(f) >= 1
                and f[:-1] == bare[:-1]
                and surname_variants(f[-1], bare[-1])
            )
            or (
                len(" ".join(bare)) >= 6
                and edit_distance(" ".join(_strip_titles(f)), " ".join(bare), 1) <= 1
            )
        )
    )
