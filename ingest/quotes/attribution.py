"""Find reporting cues in a sentence and the speaker each one belongs to.

Works on words with offsets; a speaker is a short noun phrase right before its cue
(``the city's mayor said``), right after it (``said the senator, who ...``, ``Said Ellis:``,
``according to X``), or, with an appositive, around it (``X, a spokesman for Z, said``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingest.quotes.constants import (
    AUX_ADVERBS,
    MARKED_CUES,
    NON_NAME_WORDS,
    NOT_AFTER,
    OBJECT_STOPS,
    PRONOUNS,
    SPEAKER_NOUNS,
    SPEECH_CUES,
    SUBJECT_STOPS,
    TITLES,
    word_set,
)

_WORD = re.compile(r"[A-Za-z0-9][\w\u2019'&.-]*|[,:;()\u2014\"\u201c\u201d]")
_PHRASES = "|".join(sorted((re.escape(k) for k in SPEECH_CUES if " " in k), key=len, reverse=True))
_CUE = re.compile(rf"\b(?:[Aa]ccording to|{_PHRASES}|[A-Za-z][a-z]+)\b")
_KEEP_DOT = frozenset({"jr.", "sr.", "inc.", "co.", "corp.", "u.s.", "u.k.", "u.n.", "d.c."})
_DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "this", "that"})
_QUANTIFIERS = word_set(
    """
    one another some many most all several few each every both two three four those these
    """
)
_AFTER_SPEAKER = word_set(
    """
    in on at during after before who which whose last this next earlier later monday
    tuesday wednesday thursday friday saturday sunday yesterday today tonight when while
    as
    """
)
_QUOTE_CHARS = "\"\u201c\u201d\u201e\u00ab\u00bb''"


@dataclass(frozen=True)
class Cue:
    start: int
    end: int
    text: str
    lemma: str


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase as written, with offsets, and an appositive role if any."""

    start: int
    end: int
    text: str
    role: str = ""


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        return self.text.lower()


def words(text: str, start: int, end: int) -> list[Word]:
    out = []
    for m in _WORD.finditer(text, start, end):
        s, e, w = m.start(), m.end(), m.group()
        if (
            w.endswith(".")
            and len(w) > 2
            and w.lower() not in _KEEP_DOT
            and w[:-1].lower().rstrip(".") not in TITLES
        ):
            e -= 1
            w = w[:-1]
        out.append(Word(s, e, w))
    return out


def find_cues(text: str, start: int, end: int, blocked: list[tuple[int, int]]) -> list[Cue]:
    """Reporting cues of ``text[start:end]`` that are outside the ``blocked`` (quoted) ranges."""
    out: list[Cue] = []
    for m in _CUE.finditer(text, start, end):
        w = m.group()
        lw = w.lower()
        lemma = "according to" if lw == "according to" else SPEECH_CUES.get(lw)
        if lemma is None and lw in MARKED_CUES:
            lemma = "marked"
        if lemma is None:
            continue
        s = m.start()
        # "Said Ellis: ..." only opens a sentence or follows a quote (or is a headline)
        if (
            w[0].isupper()
            and lemma != "according to"
            and text[start:s].strip(" \"'\u201c\u201d\u2019,")
            and not _title_case(text, start, end)
        ):
            continue
        if s > 0 and text[s - 1] == "-":  # so-called
            continue
        if any(bs <= s < be for bs, be in blocked):
            continue
        prev = text[max(start, s - 12) : s].split()
        if prev and prev[-1].lower() in NOT_AFTER and lemma != "according to":
            continue
        if prev and prev[-1].lower() == "all" and lw == "told":
            continue
        out.append(Cue(s, m.end(), w, lemma))
    return out


def _title_case(text: str, start: int, end: int) -> bool:
    """A headline: (nearly) every word of the sentence is capitalised."""
    ws = [w for w in text[start:end].split() if w[:1].isalpha()]
    return len(ws) >= 4 and sum(w[0].isupper() for w in ws) >= 0.8 * len(ws)


def _np_ok(ws: list[Word]) -> bool:
    if not ws:
        return False
    last = ws[-1].key
    if last in SUBJECT_STOPS or last in AUX_ADVERBS or last in _DETERMINERS:
        return False
    if len(ws) == 1 and last in PRONOUNS:
        return True
    if any(w.text[:1].isupper() and w.key not in NON_NAME_WORDS for w in ws):
        return True
    head = last.rstrip(".").replace("\u2019s", "").replace("'s", "")
    if head in SPEAKER_NOUNS or head in TITLES:
        return True
    # "the moderator", "his nephew", "one senior aide": a determined noun phrase
    return len(ws) <= 8 and ws[0].key in _DETERMINERS | _QUANTIFIERS


def _tail_np(ws: list[Word], limit: int = 8) -> list[Word]:
    """The noun phrase that ends the word list (walking backward until a stop word)."""
    i = len(ws)
    while i > 0 and len(ws) - i < limit:
        w = ws[i - 1]
        if w.text == ")" and "(" in [x.text for x in ws[max(0, i - 12) : i]]:
            while i > 0 and ws[i - 1].text != "(":  # "Sen. Ted Cruz (Tex.) said"
                i -= 1
            i -= 1
            continue
        if w.key in SUBJECT_STOPS or not w.text[0].isalnum():
            if w.key in ("who", "which", "that") and i - 1 > 0:
                # "Republicans who oppose the bill said": the head is before "who"
                head = _tail_np(ws[: i - 1], limit)
                if head and _np_ok(head):
                    return head
            if (
                w.key == "and"
                and i < len(ws)
                and ws[i].text[:1].isupper()
                and i - 1 > 0
                and ws[i - 2].text[:1].isupper()
            ):  # "Smith and Jones said"
                i -= 1
                continue
            break
        i -= 1
    np = ws[i:]
    # drop leading words that cannot open a noun phrase
    while (
        (len(np) > 1 or (np and np[0].key not in PRONOUNS))
        and np[0].key in NON_NAME_WORDS
        and np[0].key not in _DETERMINERS
    ):
        if np[0].key in _QUANTIFIERS:
            break
        np = np[1:]
    return np


_TO_PHRASES = frozenset(
    {
        ("on", "went"),
        ("on", "goes"),
        ("on", "go"),
        ("quick", "was"),
        ("quick", "is"),
        ("continued", "to"),
        ("went", "on"),
        ("proceeded", "to"),
        ("on", "going"),
    }
)


def _lead_np(ws: list[Word]) -> list[Word]:
    """The name that opens a clause (``Mrs. Clinton`` of ``Mrs. Clinton shook her head``)."""
    np: list[Word] = []
    for w in ws:
        if w.text[:1].isupper() or (w.key in _DETERMINERS and not np):
            np.append(w)
        elif (np and np[-1].key in _DETERMINERS | {"the"}) or (np and np[-1].text.endswith("'s")):
            np.append(w)  # "The mayor", "the city's mayor"
        else:
            break
    while np and np[0].key in NON_NAME_WORDS and np[0].key not in _DETERMINERS:
        np = np[1:]
    return np if _np_ok(np) else []


def _first_named_segment(ws: list[Word]) -> tuple[list[Word], list[Word]] | None:
    """The first comma-separated segment that is a name, and the segments after it."""
    segs: list[list[Word]] = [[]]
    for w in ws[:-1]:
        if w.text == ",":
            segs.append([])
        else:
            segs[-1].append(w)
    if len(segs) < 2:
        return None
    for i, seg in enumerate(segs[:-1]):
        while i == 0 and len(seg) > 1 and seg[0].key in NON_NAME_WORDS:
            seg = seg[1:]  # "As Akhil Amar, a law professor, put it"
        if (
            seg
            and len(seg) <= 6
            and all(w.text[:1].isupper() or w.key in ("of", "de", "van") for w in seg)
            and seg[0].key not in NON_NAME_WORDS
            and seg[-1].key not in TITLES
        ):
            rest = [w for s in segs[i + 1 :] for w in s]
            return seg, rest
        if i == 0 and len(seg) > 3:
            return None  # the first segment is a clause, not a name
    return None


def clause_subject(text: str, start: int, end: int) -> Phrase | None:
    """The subject opening the last clause before ``end`` (``he sounded a note, saying``)."""
    ws = words(text, start, end)
    cut = max((i for i, w in enumerate(ws[:-1]) if w.text in (",", ";")), default=-1)
    clause = ws[cut + 1 :]
    if clause and clause[-1].text == ",":
        clause = clause[:-1]
        cut2 = max((i for i, w in enumerate(clause) if w.text in (",", ";")), default=-1)
        clause = clause[cut2 + 1 :]
    if not clause:
        return None
    if clause[0].key in PRONOUNS:
        return Phrase(clause[0].start, clause[0].end, clause[0].text)
    head = _lead_np(clause)
    return Phrase(head[0].start, head[-1].end, _span(text, head)) if head else None


def subject_before(text: str, lo: int, cue_start: int) -> Phrase | None:
    """The speaker written right before a cue (``X said``, ``X, a spokesman for Z, said``)."""
    ws = words(text, lo, cue_start)
    cue_word = text[cue_start : cue_start + 20].split(maxsplit=1)
    if cue_word and cue_word[0].endswith("ing"):
        while ws and ws[-1].key in ("is", "are", "was", "were", "been", "be"):
            ws.pop()  # "Trump is telling supporters that ..."
    while ws and (
        ws[-1].key in AUX_ADVERBS or (ws[-1].text.endswith("ly") and ws[-1].text.islower())
    ):
        ws.pop()
    while len(ws) >= 3 and ws[-1].key == "to" and (ws[-2].key, ws[-3].key) in _TO_PHRASES:
        del ws[-3:]  # "went on to say", "was quick to add"
        while ws and ws[-1].key in AUX_ADVERBS:
            ws.pop()
    if ws and ws[-1].key in ("and", "but") and ws[0].text[:1].isupper():
        # "Mrs. Clinton shook her head and said": the subject opens the clause
        lead = ws[:-1]
        comma = next((i for i, w in enumerate(lead[:6]) if w.text == ","), -1)
        if comma > 0 and not _lead_np(lead):
            lead = lead[comma + 1 :]  # "Last week, the campaign ... and said"
        head = _lead_np(lead)
        if head:
            return Phrase(head[0].start, head[-1].end, _span(text, head), "")
    if not ws:
        return None
    role = ""
    if ws[-1].text == ",":
        named = _first_named_segment(ws)
        if named is not None:  # "Ana Ruiz, 67, a nurse in Lowell, Mass., said"
            seg, rest = named
            role = _span(text, rest) if rest else ""
            return Phrase(seg[0].start, seg[-1].end, _span(text, seg), role)
        # an appositive: "X, a spokesman for Z, said" / "the chief, John Doe, said"
        commas = [i for i, w in enumerate(ws[:-1]) if w.text == ","]
        if not commas:
            return None
        c = commas[-1]
        appos = ws[c + 1 : -1]
        before = _tail_np(ws[:c])
        if appos and appos[0].key in ("who", "which"):
            appos_text = text[appos[0].start : appos[-1].end]
            if before and _np_ok(before):
                return Phrase(before[0].start, before[-1].end, _span(text, before), appos_text)
            return None
        if (
            appos
            and all(w.text[:1].isupper() for w in appos)
            and appos[0].key not in _DETERMINERS
            and _np_ok(appos)
            and len(appos) <= 5
        ):
            role = _span(text, before) if before else ""
            return Phrase(appos[0].start, appos[-1].end, _span(text, appos), role)
        if before and _np_ok(before) and appos:
            return Phrase(before[0].start, before[-1].end, _span(text, before), _span(text, appos))
        return None
    np = _tail_np(ws)
    who = [i for i, w in enumerate(ws) if w.key in ("who", "which")]
    if who and who[-1] > 0 and not any(w.text == "," for w in ws[who[-1] :]):
        head = _tail_np(ws[: who[-1]])  # "an official who spoke anonymously said"
        if _np_ok(head):
            return Phrase(head[0].start, head[-1].end, _span(text, head), "")
    if not _np_ok(np):
        return None
    return Phrase(np[0].start, np[-1].end, _span(text, np), role)


def speaker_after(text: str, cue_end: int, hi: int, strict: bool = False) -> Phrase | None:
    """The speaker written right after a cue (``said the senator, who ...``, ``Said X:``).

    ``strict``: the phrase must be followed by punctuation, the end, or a word that cannot
    continue a noun phrase (``said Smith in a statement``), not by a verb (``said the
    plan was``)."""
    ws = words(text, cue_end, hi)
    if not ws or any(c in _QUOTE_CHARS for c in text[cue_end : ws[0].start]):
        return None  # called ''our foe'': quoted words are never the speaker
    np: list[Word] = []
    for w in ws:
        if w.key in OBJECT_STOPS or w.key in SUBJECT_STOPS or not w.text[0].isalnum():
            break
        if len(np) >= 8:
            return None
        np.append(w)
    if np and np[-1].key in _DETERMINERS:
        return None
    while np and np[-1].key in AUX_ADVERBS:
        np.pop()
    if not _np_ok(np):
        return None
    rest = ws[len(np) :]
    if strict and rest and rest[0].text[0].isalnum() and rest[0].key not in _AFTER_SPEAKER:
        return None
    role = ""
    if len(rest) > 1 and rest[0].text == "," and rest[1].key in ("a", "an", "the", "who"):
        k = 1
        while k < len(rest) and rest[k].text not in (",", ":", ";") and k < 14:
            k += 1
        role = _span(text, rest[1:k])
    return Phrase(np[0].start, np[-1].end, _span(text, np), role)


def skip_object(text: str, pos: int, hi: int) -> int:
    """Past the object of ``told``/``asked`` (``told reporters``, ``told The Times``)."""
    ws = words(text, pos, hi)
    if not ws:
        return pos
    if ws[0].key in ("that", "whether", "if", "how", "why", "what"):
        return pos
    if ws[0].text[:1].isupper():
        k = 0
        while k < len(ws) and (ws[k].text[:1].isupper() or ws[k].key in ("of", "the")):
            k += 1
        return ws[k - 1].end
    k = 1 if ws[0].key in _DETERMINERS else 0
    if k < len(ws) and ws[k].text[:1].isupper():
        while k + 1 < len(ws) and ws[k + 1].text[:1].isupper():
            k += 1
    if k < len(ws):
        return ws[k].end
    return pos


def _span(text: str, ws: list[Word]) -> str:
    return text[ws[0].start : ws[-1].end]


def strip_quote_chars(s: str) -> str:
    return s.strip(_QUOTE_CHARS + " ,.;:!?\u2019\u2018")
