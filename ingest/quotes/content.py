"""Where the reported words are, around a cue: after it (``said that ...``, ``said: "..."``)
or before it (``..., she said``). Pure functions over the article text."""

from __future__ import annotations

import re

from ingest.lexicon import word_set
from ingest.lexicon.cues import TITLE_INTRODUCERS
from ingest.lexicon.function_words import (
    ADJUNCT_CORE,
    APPROXIMATORS,
    CONTENT_PREAMBLE,
    FINITE_AUXILIARIES,
    MANNER_NEXT,
    NO_CONTENT,
    NOT_CLAUSE_OPENERS,
    NUMBER_WORDS,
    QUESTION_WORDS,
    RELATIVE_OPENERS,
    TIME_PREPOSITIONS,
)
from ingest.lexicon.marks import DOUBLE_OPEN_MARKS, OPEN_CHARS
from ingest.lexicon.pronouns import DUMMY_SUBJECTS, SUBJECT_PRONOUNS
from ingest.lexicon.time import TIME_WORDS
from ingest.quotes.cues import WINDOW, Cue, Word, words
from ingest.quotes.rules import Found

_LEAD_WORD = r"\s+(?!that\b|'')[\w.'\u2019-]+(?:,\d+)*"
_MARK_AHEAD = r"\s*[,:]\s*(?=[\"\u201c\u00ab]|'')"
# 'told the crowd on Tuesday, "..."': a few words, a comma, then the quote
_LEAD_TO_QUOTE = re.compile(rf"(?:{_LEAD_WORD}){{0,6}}{_MARK_AHEAD}")
# 'said in May, when the story broke, "..."', 'replied by saying, "..."': adjuncts set off
# by commas ('said the plan, drafted in May, "is dead"' is reported speech around a quote)
_ADJUNCT_WORDS = "|".join(sorted(ADJUNCT_CORE | word_set("by from with earlier later again")))
_ADJUNCTS_TO_QUOTE = re.compile(
    rf"\s+(?:{_ADJUNCT_WORDS})\b"
    rf"(?:(?:{_LEAD_WORD}){{0,8}},){{0,2}}(?:{_LEAD_WORD}){{0,8}}{_MARK_AHEAD}"
)


def title_word_before(
    text: str, lo: int, pos: int, vocabulary: frozenset[str] = TITLE_INTRODUCERS
) -> bool:
    """'a column titled "..."': a title word (of ``vocabulary``) right before the mark, in
    the same sentence ('"...," the column noted. "..."' goes on quoting the column)."""
    before = text[max(lo, pos - 30) : pos].lower().split()
    return any(w.strip(",:") in vocabulary for w in before[-2:])


def prev_char(text: str, pos: int) -> int:
    """Offset of the last non-space character before ``pos``."""
    pos -= 1
    while pos > 0 and (text[pos].isspace() or text[pos] in "\"\u201d\u2019'"):
        pos -= 1
    return pos


def is_question(text: str, span: tuple[int, int]) -> bool:
    ws = text[span[0] : span[1]].split()
    return (bool(ws) and ws[0].lower().strip('"\u201c') in QUESTION_WORDS) or "?" in text[
        span[0] : span[1]
    ]


# A dash that opens (or closes) a parenthetical quote: '- "Born rich," X said - but ...'
_DASH_TO_QUOTE = re.compile(r"(?:\s--?\s|\s?[\u2013\u2014]\s?)(?=[\"\u201c]|'')")
_DASH_AFTER = re.compile(r"\s*(?:--?(?=\s)|[\u2013\u2014])\s*")


def after_content(text: str, pos: int, end: int, cue: Cue) -> tuple[int, int] | None:
    """Where the words a cue reports start after it (``pos``), to ``end``; ``None`` when
    what follows says how or where it was said, not what."""
    early = _after_dash(text, pos, end, cue) or _quote_after_lead(text, pos, end)
    if early is not None:
        return early.value
    ws = words(text, pos, min(end, pos + WINDOW))
    k = _past_manner(ws)
    if k < 0:
        return None
    early = _after_comma(text, end, ws, k) or _after_colon(text, pos, end)
    if early is not None:
        return early.value
    if (
        ws
        and ws[0].key in CONTENT_PREAMBLE
        and not (ws[0].key in ("this", "last") and (len(ws) < 2 or ws[1].key not in TIME_WORDS))
    ):
        k = _past_preamble(ws, k)
        if k < 0:
            return None
    return _content_from(text, pos, end, cue, ws, k)


def _after_dash(text: str, pos: int, end: int, cue: Cue) -> Found[tuple[int, int]] | None:
    """``said — on Twitter, as it happens — that ...``: the words follow the aside;
    ``- "...," X said - but they ...``: the dash closes the parenthetical (no words)."""
    dash = _DASH_AFTER.match(text, pos, end)
    if dash is None or text.startswith(DOUBLE_OPEN_MARKS, dash.end()):
        return None
    aside = _DASH_AFTER.search(text, dash.end(), min(end, dash.end() + 100))
    if aside is not None and aside.start() > dash.end():
        return Found(after_content(text, aside.end(), end, cue))
    return Found(None)


def _quote_after_lead(text: str, pos: int, end: int) -> Found[tuple[int, int]] | None:
    """``told the crowd on Tuesday, "..."``: the quote after a few words is the content."""
    lead = _LEAD_TO_QUOTE.match(text, pos, end) or _ADJUNCTS_TO_QUOTE.match(text, pos, end)
    if lead is not None and not _claim_before_colon(text, pos, lead.end()):
        return Found((lead.end(), end))
    return None


def _past_manner(ws: list[Word]) -> int:
    """Past a manner adverb (``replied evenly, "..."``: 1); -1 when the adverb and a
    preposition say how it was said (``said pleasantly into the phone``); else 0."""
    if len(ws) > 1 and ws[0].key.endswith("ly") and ws[1].text in (",", ":"):
        return 1
    if (
        len(ws) > 1
        and ws[0].key.endswith("ly")
        and ws[1].key in MANNER_NEXT
        and not any(w.key == "that" for w in ws[2:14])
    ):
        return -1
    return 0


def _after_comma(text: str, end: int, ws: list[Word], k: int) -> Found[tuple[int, int]] | None:
    """``..., he says, because ...``: an adjunct (no words); ``A, X said, B.``: B goes on;
    ``said at least 40 shops had closed``: an approximate number opens the words."""
    if k < len(ws) and ws[k].text == ",":
        nxt = text[ws[k].end : ws[k].end + 3].lstrip()
        rest = text[ws[k].end : end]
        if not nxt or (nxt[0] not in OPEN_CHARS and not any(c in rest for c in DOUBLE_OPEN_MARKS)):
            tail = ws[k + 1 :]
            if len(tail) < 4 or tail[0].key in NOT_CLAUSE_OPENERS or tail[0].key.endswith("ing"):
                return Found(None)
            return Found((tail[0].start, end))
    if _approximate_number(ws, k):
        return Found((ws[k].start, end))
    return None


def _after_colon(text: str, pos: int, end: int) -> Found[tuple[int, int]] | None:
    """``said in a statement: "..."``: the words after a colon a few words on (``said the
    plan was dead: "..."`` reports a claim first: both were reported, left to the caller)."""
    colon = text.find(":", pos, end)
    while colon > 0 and text[colon - 1 : colon].isdigit() and text[colon + 1 : colon + 2].isdigit():
        colon = text.find(":", colon + 1, end)  # "about 9:42 p.m.": a time, not a colon
    if (
        colon > 0
        and len(text[pos:colon].split()) <= 14
        and not any(c in text[pos:colon] for c in OPEN_CHARS)
    ):
        if not text[colon + 1 : end].strip():
            return Found(None)
        if not reported_clause(text[pos:colon]):
            return Found((colon + 1, end))
    return None


_TIME_OR_ON = TIME_WORDS | {"on", "last", "this", "today"}


def _time_words(ws: list[Word]) -> tuple[int, bool]:
    """How many time words open ``ws``, and whether a lower-case word follows them; ``said
    on the show that ...``: "on" is no time word, the content starts at "that" when it
    comes before any comma or mark (past a short title: ``on the show "Morning Joe" that``)."""
    t = 0
    while t < len(ws) and ws[t].key in _TIME_OR_ON:
        t += 1
    timed = 0 < t <= 3 and t < len(ws) and ws[t].text[:1].islower()
    if timed and not any(w.key in TIME_WORDS for w in ws[:t]):
        for j in range(t, min(len(ws), t + 10)):
            if ws[j].text[:1] in OPEN_CHARS:
                t = next(
                    (
                        i
                        for i in range(j + 2, min(len(ws), j + 9))
                        if ws[i].key == "that" and ws[i - 1].text in ('"', "\u201d")
                    ),
                    t,
                )
                break
            if ws[j].text in (",", ":"):
                break
            if ws[j].key == "that":
                t = j
                break
    return t, timed


def _past_preamble(ws: list[Word], k: int) -> int:
    """Past a time or place preamble (``said in a statement that ...``, ``said Tuesday,
    ...``) to that/comma/quote; ``said on "Meet the Press"``: a title, not what was said,
    unless "that" follows. -1 when no reported words follow."""
    t, timed = _time_words(ws)
    if timed:
        return t
    for j, w in enumerate(ws[:14]):
        if w.key == "that" or w.text in (",", ":"):
            return j
        if w.text[:1] in '"\u201c':
            return next((i for i in range(j + 1, min(len(ws), j + 16)) if ws[i].key == "that"), -1)
    # "said Thursday he would leave": skip the time words only
    while k < len(ws) and ws[k].key in _TIME_OR_ON:
        k += 1
    return -1 if k == 0 or k > 3 else k


def _content_from(
    text: str, pos: int, end: int, cue: Cue, ws: list[Word], k: int
) -> tuple[int, int] | None:
    """The words from ``ws[k]`` on (past a comma or colon), unless they open an adjunct
    (``pledged to "win"``, ``called for more "flexibility"`` carry the quoted words)."""
    if k < len(ws) and ws[k].text in (",", ":"):
        k += 1
    if k >= len(ws):
        return None
    if ws[k].key in NO_CONTENT and not (
        (ws[k].key in ("to", "of", "about") or (ws[k].key == "for" and cue.lemma == "call"))
        and any(c in text[ws[k].start : end] for c in DOUBLE_OPEN_MARKS)
    ):
        return None
    start = ws[k].start
    while start > pos and text[start - 1] in OPEN_CHARS:
        start -= 1
    return (start, _before_participle(text, start, end))


# '"ultimate hypocrite," linking him to': a participle clause after a closing mark is the
# reporter's, not part of what was said
_PARTICIPLE_AFTER_QUOTE = re.compile(r"(?:,(?:\"|\u201d|'')|(?:\"|\u201d|''),)\s+[a-z]+ing\b")


def _before_participle(text: str, start: int, end: int) -> int:
    m = _PARTICIPLE_AFTER_QUOTE.search(text, start, end)
    return end if m is None else m.start() + len(m.group().split()[0])


_CONTRACTED = ("'s", "'re", "'ll", "'ve", "'d", "'m")


def reported_clause(lead: str) -> bool:
    """``said Trump was a candidate in the spirit of the valley:`` reports a claim before
    the colon (a finite verb with no relative word before it); ``told reporters in a
    statement:`` and ``said in an interview where he was asked:`` only frame the quote."""
    ws = lead.lower().replace("\u2019", "'").split()
    if ws[:1] == ["that"]:
        return True
    for i, w in enumerate(ws):
        if w in RELATIVE_OPENERS or w == "that":  # 'with a phrase that could have come from X:'
            return False
        if w in FINITE_AUXILIARIES:
            return True
        if w in SUBJECT_PRONOUNS and i + 1 < len(ws):
            return True  # 'said he responded:', 'said she often thinks of it:'
        if w.endswith(_CONTRACTED) and w[: w.index("'")] in SUBJECT_PRONOUNS | DUMMY_SUBJECTS:
            return True  # "said there's a simple explanation:"
    return False


def _claim_before_colon(text: str, pos: int, lead_end: int) -> bool:
    """``said the judge was from Texas: "..."``: a short claim, not a frame, before a colon."""
    colon = text.rfind(":", pos, lead_end)
    return colon >= 0 and reported_clause(text[pos:colon])


def _approximate_number(ws: list[Word], k: int) -> bool:
    """``at least 40``, ``about sixty``, ``more than half``: an amount opens the content."""
    if k + 2 >= len(ws):
        return False
    first, second, third = ws[k].key, ws[k + 1].key, ws[k + 2].key
    if (first, second) in APPROXIMATORS:
        return third[:1].isdigit() or third in NUMBER_WORDS
    return first in ("about", "around", "nearly", "almost") and (
        second[:1].isdigit() or (second in NUMBER_WORDS and second not in ("a", "an"))
    )


def before_content(text: str, start: int, phrase_start: int) -> tuple[int, int] | None:
    """``CONTENT, X said``: the words before the comma that ends right before the speaker."""
    j = phrase_start
    while j > start and (text[j - 1].isspace() or text[j - 1] in "\"\u201d\u2019'\u00bb\u201c"):
        j -= 1
    if (
        start < j < phrase_start
        and text[j] in "\"\u201d\u2019'\u00bb"
        and text[j - 1] not in ",?!."
    ):
        return (start, j + 1)  # '"A battle of niches" Grubbs said': no comma at all
    if j <= start or text[j - 1] not in ",?!." or (text[j - 1] != "," and j == phrase_start):
        return None
    lead = text[start : j - 1].split()
    if not lead or (len(lead) <= 4 and lead[0].lower() in TIME_PREPOSITIONS):
        return None  # "On May 5, Trump posted a photo": a time, not the words reported
    paren = text.rfind("(", start, j)
    if paren >= 0 and ")" not in text[paren:j]:
        start = paren + 1  # 'An argument (''A,'' X wrote)': the content opens the parenthesis
    dashes = list(_DASH_TO_QUOTE.finditer(text, start, j))
    if dashes:  # 'by Mrs. Ruiz - "Born rich," Mr. Elkins said - but': the dashes' quote
        start = dashes[-1].end()
    return (start, j - 1)
