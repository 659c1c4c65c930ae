"""Names in one article: split a speaker phrase into name and role, find the fullest
mention of a name (``Guterres`` -> ``Antonio Guterres``); pronouns are ``coref``'s job."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ingest.lexicon.abbreviations import KEEP_DOT, NAME_DOTTED
from ingest.lexicon.first_names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES
from ingest.lexicon.function_words import (
    CLAUSE_ADVERBS,
    NON_NAME_WORDS,
    NUMBER_WORDS,
    QUANTIFIERS,
    SHARE_OPENERS,
)
from ingest.lexicon.people import HONORIFICS, NAME_PREFIXES, ORG_LINKS, ORG_WORDS, TITLES
from ingest.lexicon.pronouns import FEMALE_MARKERS, PRONOUNS, REFLEXIVES
from ingest.quotes.cues import words
from ingest.quotes.phrases import Phrase, span_text

# Capitalised runs never cross a line break ("Hillary Clinton\n\nDonald Trump said").
_CAPSEQ = re.compile(
    r"[A-Z][\w\u2019'.-]*(?:[^\S\n]+(?:(?:de|van|von|da|del|bin|al|la|le|di)[^\S\n]+)?"
    r"[A-Z][\w\u2019'.-]*){0,4}"
)
_SENTENCE_DOT = re.compile(r"(\S+)\.\s+")
_PREPOSITIONS = (" of ", " for ", " at ", " from ", " with ", " in ", " close to ", " familiar ")


POSSESSIVE_ENDINGS = ("'s", "\u2019s", "s'", "s\u2019")  # "Trump's", "the Clintons'"


def is_possessive(word: str) -> bool:
    """``Trump's``, ``Clintons'``: a possessor, never a speaker or a subject itself."""
    return word.endswith(POSSESSIVE_ENDINGS)


def strip_possessive(word: str) -> str:
    for suffix in ("\u2019s", "'s", "\u2019", "'"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _word_key(word: str) -> str:
    return word.lower().rstrip(".")


def _negated(key: str) -> bool:
    """``Don't``, ``Can’t``: a verb with its negation, never a word of a name."""
    return key.endswith(("n't", "n\u2019t"))


def is_name_token(word: str) -> bool:
    key = _word_key(word)
    return (
        word[:1].isupper()
        and not _negated(key)
        and key not in TITLES
        and key not in NON_NAME_WORDS
        and key not in HONORIFICS
    )


def is_share(phrase: str) -> bool:
    """``Sixty-seven percent of Americans``, ``Nearly half``, ``Most``: a share of a group
    (a number or quantifier first, perhaps after "nearly"), a description and no name."""
    ws = [w.lower().split("-")[0] for w in phrase.split()]
    return bool(ws) and (
        _share_word(ws[0]) or (ws[0] in SHARE_OPENERS and ws[1:2] != [] and _share_word(ws[1]))
    )


def _share_word(word: str) -> bool:
    return word[:1].isdigit() or word in (NUMBER_WORDS | QUANTIFIERS) - {"a", "an"}


def is_org(name: str) -> bool:
    return any(_word_key(w) in ORG_WORDS for w in name.split())


def _after_last_title(words: list[str]) -> list[str]:
    """``Regional Commissioner Ana Greaves`` -> ``Ana Greaves``, ``Democrat Ana Greaves`` ->
    ``Ana Greaves`` (a title or party label followed by a name)."""
    last = -1
    for i, w in enumerate(words[:-1]):
        key = _word_key(w)
        if (key in TITLES or key in NAME_PREFIXES) and is_name_token(words[i + 1]):
            last = i
    return words if last < 0 else words[last + 1 :]


def _from_given_name(words: list[str]) -> list[str]:
    """``Miss Universe Alicia Machado``, ``Crooked Hillary Clinton``, ``Fox News Chris
    Wallace``: in a run of three or more words that does not open with a given name, the
    name starts at the first given name the lexicon knows (with a word after it)."""
    if len(words) < 3 or _is_given_name(words[0]):
        return words
    for i in range(1, len(words) - 1):
        if _is_given_name(words[i]):
            return words[i:]
    return words


def name_sized(words: list[str]) -> bool:
    """Three words at most, or four with an initial (``George H. W. Bush``): a longer run
    (``Ted Cruz Hints Trump``) is a headline's words, not a fuller name."""
    return len(words) <= 3 or (len(words) == 4 and any(len(w) == 2 for w in words[1:-1]))


def _given_and_surname(words: list[str]) -> list[str]:
    """In a headline a name is a given name, its initials and one more word; a run that
    does not open with a given name is kept as it is (and names no one fuller)."""
    if not words or not _is_given_name(words[0]):
        return words
    end = 1
    while end < len(words) - 1 and len(words[end].rstrip(".")) == 1:
        end += 1
    return words[: end + 1]


_TITLE_CASE_LINKS = frozenset({"And", "Or", "Of", "On", "In", "To", "For", "At", "Is", "Are"})


def _title_case(run: str) -> bool:
    """``Donald Trump And Marco Rubio Miss``: a link word with a capital inside a run is a
    headline's title case, whatever line it sits in."""
    return any(w in _TITLE_CASE_LINKS for w in run.split()[1:-1])


_GLUED_CAPS = re.compile(r"^[A-Z]{2,}(?=[A-Z][a-z]+$)")


def _drop_glued_caps(words: list[str]) -> list[str]:
    """``12:30 PMTed Cruz``: capitals glued to a given name (a live blog's time stamp)."""
    if words:
        rest = _GLUED_CAPS.sub("", words[0])
        if rest != words[0] and _is_given_name(rest):
            return [rest, *words[1:]]
    return words


def _is_given_name(word: str) -> bool:
    key = word.lower()
    return key in MALE_FIRST_NAMES or key in FEMALE_FIRST_NAMES


_INITIALS = re.compile(r"^(?:[A-Z]\.)+$")  # "E.", "H.W."


def _acronym(word: str) -> bool:
    """``UN``, ``U.S.``: an acronym; not the initials of a name (``J.M. Berger``)."""
    if _INITIALS.match(word) and word.lower() not in KEEP_DOT:
        return False
    return word.replace(".", "").isupper()


def _keep_initial_stop(word: str) -> str:
    """``Loretta E. Lynch``, ``George H.W. Bush``: initials inside a name keep their full
    stop; a comma goes."""
    word = word.rstrip(",")
    return word if _INITIALS.match(word) else word.rstrip(".")


HEADLINE_MIN_WORDS = 4


def headline_lines(text: str) -> list[tuple[int, int]]:
    """The spans of the title-case lines of ``text`` (a headline or a credit: ``Hedge Funds
    Support Hillary Clinton``): four or more words, nearly all long ones capitalised, and
    no full stop at the end. Such a line names someone only from a given name on."""
    spans = []
    for m in _LINE.finditer(text):
        words = m.group().split()
        long_words = [w for w in words if len(w) > 3]
        if len(words) < HEADLINE_MIN_WORDS or not long_words or words[-1].endswith("."):
            continue
        if sum(w[:1].isupper() for w in long_words) >= 0.8 * len(long_words):
            spans.append((m.start(), m.end()))
    return spans


_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True)
class NamePart:
    name: str  # the personal or organisation name inside the phrase ("" when none)
    role: str  # the title or role the phrase gives ("UN Secretary General")
    gender: str  # "m", "f" or "" from an honorific


def split_speaker(phrase: str) -> NamePart:
    """``UN Secretary General Antonio Guterres`` -> name ``Antonio Guterres``, role ``UN ...``.

    The possessor of a phrase is not the speaker: ``Zelenskiy's chief of staff`` has no name.
    """
    head, tail = phrase, ""
    if head.endswith(")") and "(" in head:  # "Sen. Ana Ruiz (D-Ore.)": the party is no name
        head = head[: head.rindex("(")].rstrip()
    org_of = False
    for prep in _PREPOSITIONS:
        cut = head.find(prep)
        if cut > 0 and prep == " of " and _org_of(head, cut):
            org_of = True
        elif cut > 0:
            head, tail = head[:cut], head[cut:]
    joint = _joint_names(head)
    if joint is not None:
        return joint
    words = head.split()
    if len(words) > 1 and words[-1].lower() in REFLEXIVES:
        words = words[:-1]  # "Ford itself said": the reflexive stresses the name
    article = ""
    if words and words[0].lower() in ("the", "a", "an"):
        article, words = words[0].lower(), words[1:]
    gender = ""
    if words and _word_key(words[0]) in HONORIFICS:
        gender = "f" if _word_key(words[0]) in FEMALE_MARKERS else "m"
    # The name: the longest run of name tokens at the end of the head.
    org_of = org_of or is_org(head)  # "Harbour and Dock Workers' Union": "and" joins it
    i = len(words)
    while i > 0 and (
        is_name_token(words[i - 1])
        or (org_of and i > 1 and words[i - 1] in ORG_LINKS and is_name_token(words[i - 2]))
    ):
        i -= 1
    if i == len(words) >= 2 and _word_key(words[-2]) in HONORIFICS and words[-1][:1].isupper():
        i -= 1  # "Mr. King": after an honorific even a title word is a surname
    # "Democrat Ana Ruiz", "Miss Lowland Ana Ruiz": a party label or a title before the
    # given name is the role's
    while i < len(words) - 1 and _word_key(words[i]) in NAME_PREFIXES:
        i += 1
    i = len(words) - len(_from_given_name(words[i:]))
    name_words = _drop_glued_caps(words[i:])
    role_words = [w for w in words[:i] if _word_key(w) not in HONORIFICS]
    if name_words and any(w.endswith(("'s", "\u2019s")) for w in name_words[:-1]):
        name_words = []  # "Zelenskiy's Office" style: the possessor is not the speaker
    if name_words and name_words[-1].endswith(("'s", "\u2019s")):
        name_words = []
    if tail.startswith((" close to ", " familiar ")):
        name_words = []  # "People close to Ruiz": not Ruiz, nor a person called People
    if not name_words:  # a role as written: "the city's mayor", "a spokesman for X"
        return NamePart("", " ".join([article, *words]).strip() + tail, gender)
    role = " ".join(role_words)
    if tail and not name_words:
        role = (role + tail).strip()
    return NamePart(" ".join(name_words), role, gender)


def _joint_names(head: str) -> NamePart | None:
    """``Donald J. Wendt and Senator Ana Ruiz``: two people who said it together, each by
    their name (the titles go, as for one person); not an organisation's name with "and" in
    it (``Harbour and Dock Workers' Union``)."""
    first, sep, second = head.partition(" and ")
    if not sep or " and " in second or is_org(head) or not first[:1].isupper():
        return None
    a, b = split_speaker(first), split_speaker(second)
    if not a.name or not b.name or not second[:1].isupper():
        return None
    return NamePart(f"{a.name}{JOINT}{b.name}", "", "")


JOINT = " and "  # between the names of two people who said something together


def joint_members(canonical: str) -> list[str]:
    """The people of a joint speaker (``Peter Wendt and Ana Ruiz``); none for one speaker
    or an organisation's name (``Harbour and Dock Workers' Union``)."""
    members = canonical.split(JOINT)
    if len(members) != 2 or is_org(canonical) or not all(m[:1].isupper() for m in members):
        return []
    return members


def _org_of(phrase: str, cut: int) -> bool:
    """``Bank of England``, ``Chamber of Commerce``: an organisation's name goes on past
    "of" (``Ana Ruiz of Lowell Police`` is a person, then her organisation)."""
    before = phrase[:cut].split()
    after = phrase[cut + 4 :].split()
    return (
        bool(before)
        and before[-1][:1].isupper()
        and _word_key(before[-1]) in ORG_WORDS
        and bool(after)
        and all(w[:1].isupper() or w in ("and", "the", "&") for w in after)
    )


@dataclass(frozen=True)
class Mention:
    start: int
    name: str
    person: bool
    written: str


def _runs(text: str) -> list[tuple[int, str]]:
    """Capitalised runs of ``text`` with their offsets, cut after a word whose full stop
    ends a sentence ("... in America. So Donald Trump said": two runs)."""
    out: list[tuple[int, str]] = []
    for m in _CAPSEQ.finditer(text):
        run, begin = m.group(), m.start()
        if ". " not in run:
            out.append((begin, run))
            continue
        for w in _SENTENCE_DOT.finditer(run):
            stem = w.group(1)
            if (
                len(stem) <= 1
                or "." in stem
                or stem.lower() in NAME_DOTTED
                or _word_key(stem) in TITLES
            ):
                continue  # an initial, "U.S.", "Sen."
            end = m.start() + w.end(1) + 1
            out.append((begin, text[begin:end]))
            begin = m.start() + w.end()
        if begin < m.end():
            out.append((begin, text[begin : m.end()]))
    return out


_RUN_OPENERS = NON_NAME_WORDS - {"the", "a", "an"}
_MODIFIER = re.compile(r"\w-[a-z]")  # "Angeles-area", "Trump-backed"; not "Seitz-Wald"


class NameIndex:
    """Every capitalised name of an article, its fullest form and where it is mentioned."""

    def __init__(self, text: str) -> None:
        self.fullest: dict[str, str] = {}
        self.mentions: list[Mention] = []
        self.headlines = headline_lines(text)
        self._headline_starts = [a for a, _ in self.headlines]
        for start, written in _runs(text):
            # "When Wallace died", "Here's Clinton": a capitalised function word opening the
            # run is no part of the name ("The" stays: "The Washington Post" is written so)
            while True:
                first = written.split(maxsplit=1)
                key = _word_key(strip_possessive(first[0])) if first else ""
                if len(first) < 2 or not (key in _RUN_OPENERS or _negated(key)):
                    break
                cut = written.index(first[1], len(first[0]))
                start, written = start + cut, written[cut:]
            words = written.split()
            # "a Los Angeles-area Sanders volunteer": a compound modifier is no part of it
            modifier = max((i for i, w in enumerate(words[:-1]) if _MODIFIER.search(w)), default=-1)
            words = words[modifier + 1 :]
            lead = 0
            while lead < len(words) and not is_name_token(words[lead]):
                lead += 1
            # an all-caps acronym before a name is an organisation prefix ("UN", "U.S.")
            while lead < len(words) - 1 and _acronym(words[lead]):
                lead += 1
            words = _from_given_name(_after_last_title(_drop_glued_caps(words[lead:])))
            headline = self.in_headline(start) or _title_case(written)
            if headline:
                words = _given_and_surname(words)  # "Ted Cruz Hints Trump": "Ted Cruz"
            if not words:
                continue
            words = [_keep_initial_stop(w) for w in words[:-1]] + [words[-1].rstrip(".,")]
            last = strip_possessive(words[-1])
            words[-1] = last
            if not last or (last.isupper() and len(words) == 1):
                continue
            full = " ".join(words)
            key = last.lower()
            best = self.fullest.get(key)
            longer = name_sized(words) and (best is None or len(full.split()) > len(best.split()))
            if longer and (_is_given_name(words[0]) or not headline):
                self.fullest[key] = full
            self.mentions.append(Mention(start, full, not is_org(full), written))
        self._starts = [mn.start for mn in self.mentions]

    def in_headline(self, pos: int) -> bool:
        """``pos`` lies in one of the article's title-case lines (``headline_lines``)."""
        i = bisect_right(self._headline_starts, pos) - 1
        return i >= 0 and pos < self.headlines[i][1]

    def canonical(self, name: str) -> str:
        """The fullest mention in the article that ends with ``name``'s surname (an
        honorific before it is no part of it: ``Mr. Obama`` -> ``Barack Obama``)."""
        words = name.split()
        while len(words) > 1 and _word_key(words[0]) in HONORIFICS:
            words = words[1:]
        name = " ".join(words)
        if not words:
            return name
        full = self.fullest.get(strip_possessive(words[-1]).lower())
        if full and full.endswith(" ".join(words[1:] if len(words) > 1 else words[-1:])):
            fw = full.split()
            if len(words) == 1 or fw[-len(words) :] == words:
                return full
        return name

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self._starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            out.append(self.mentions[i])
            i += 1
        return out

    def last_before(self, pos: int) -> int:
        """The index in ``mentions`` of the last mention starting before ``pos`` (-1: none)."""
        return bisect_left(self._starts, pos) - 1


_CLOSED_WITH_COMMA = re.compile(r"[,?!](?:[\"\u201d]|'')\s*$")


def name_after_quote(text: str, lo: int, cue_start: int) -> Phrase | None:
    """``"...," From said.``: one or two capitalised words between a quote closed with a
    comma and its cue are the speaker's name, even when they spell a function word."""
    if not _CLOSED_WITH_COMMA.search(text, max(0, lo - 4), lo):
        return None
    ws = words(text, lo, cue_start)
    if not 1 <= len(ws) <= 2 or not all(w.text[:1].isupper() and w.text.isalpha() for w in ws):
        return None
    if ws[-1].key in PRONOUNS or ws[-1].key in TITLES or ws[0].key in CLAUSE_ADVERBS:
        return None
    return Phrase(ws[0].start, ws[-1].end, span_text(text, ws))
