"""The shapes of questions people type, as one table: the first shape that matches wins.

Each row names its shape, the intent it asks for, its pattern (named groups ``rest`` for the
words asked about, ``speaker``, ``topic``) and an example with the slots it must give; the
tests read every example (``tests/test_question_shapes.py``). A new way of asking is a new
row here, with its example, and nothing else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.answers.records import Intent

_OPEN = "[\"“„«]|''"
_CLOSE = "[\"”“»]|''"
QUOTED = re.compile(rf"(?:{_OPEN})(.+?)(?:{_CLOSE})", re.S)
_SAY = r"(?:say|said|says|write|wrote|tell|told|claim|claimed|state|stated)"
_QUESTION_START = (
    r"who|whom|what|when|where|why|how|which|whose|is|are|was|were|do|does|did|can|could|"
    r"should|would|will|has|have|had|tell|show|list|give|find|compare|search|explain|summari[sz]e"
)


@dataclass(frozen=True)
class Shape:
    name: str
    intent: Intent
    pattern: re.Pattern[str]
    example: str
    expect: dict[str, Any] = field(default_factory=dict)
    bare: bool = False  # a statement with no question: who-said, else a passage search


def _shape(name: str, intent: Intent, pattern: str, example: str, **expect: Any) -> Shape:
    bare = bool(expect.pop("bare", False))
    return Shape(name, intent, re.compile(pattern, re.I | re.S), example, expect, bare)


SHAPES: tuple[Shape, ...] = (
    _shape(
        "who_called_it",
        "who_said",
        r"^\s*who\s+(?:first\s+)?(?:called|calls|described|describes|labell?ed|termed|dubbed|"
        rf"branded|likened)\b(?=.*(?:{_OPEN}))(?P<rest>.*)$",
        'Who called it a "special military operation"?',
        quote="special military operation",
    ),
    _shape(
        "who_said",
        "who_said",
        r"^\s*(?:who\s+(?:really\s+|actually\s+|first\s+|ever\s+)?(?:said|says|say|told|wrote|"
        r"tweeted|posted|is\s+quoted\s+as\s+saying|was\s+quoted\s+(?:as\s+)?saying|made\s+"
        r"(?:the|this)\s+(?:statement|remark|claim))|whose\s+(?:words|quote)\s+(?:are|is)\s+"
        r"(?:these|this|that)|who\s+is\s+the\s+source\s+of|what\s+is\s+the\s+source\s+of)"
        r"\s*[:,]?\s*(?:that\s+)?(?P<rest>.*)$",
        'Who said "the sluice gates were never designed for this"?',
        quote="the sluice gates were never designed for this",
    ),
    _shape(
        "where_does_it_come_from",
        "who_said",
        r"^\s*where\s+(?:does|did)\s+(?:this|the|that)\s+(?:quote|line|phrase|sentence)\s*[:,]?"
        r"\s*(?P<rest>.*?)\s*(?:come\s+from|originate)?\s*\??\s*$",
        'Where does the quote "we will not be moved" come from?',
        quote="we will not be moved",
    ),
    _shape(
        "is_it_true_that",
        "verify",
        r"^\s*is\s+it\s+true\s+that\s+(?P<speaker>.+?)\s+(?:said|says|wrote|told\s+\w+)\s*"
        r"(?:that\s+)?[:,]?\s*(?P<rest>.+)$",
        "Is it true that Odile Fenwick said the gates failed?",
        speaker="Odile Fenwick",
        quote="the gates failed",
    ),
    _shape(
        "did_x_say",
        "verify",
        r"^\s*(?:did|has|have|was\s+it)\s+(?P<speaker>.+?)\s+(?:really\s+|actually\s+|ever\s+|"
        rf"truly\s+)?{_SAY}\s*(?:that\s+)?[:,]?\s*(?P<rest>.+)$",
        'Did Odile Fenwick ever say "we were running them past their limit"?',
        speaker="Odile Fenwick",
        quote="we were running them past their limit",
    ),
    _shape(
        "x_said_true",
        "verify",
        rf"^\s*(?P<speaker>.+?)\s+(?:said|says|wrote|told\s+\w+)\s*[:,]?\s*(?P<rest>(?:{_OPEN})"
        rf".+?(?:{_CLOSE}))\s*[,.;:!-]*\s*(?:(?:is\s+)?(?:that|it|this)\s+)?(?:true|right|"
        r"correct|real|accurate|really)\s*\??\s*$",
        'Odile Fenwick said "we were running them past their limit", true?',
        speaker="Odile Fenwick",
        quote="we were running them past their limit",
    ),
    _shape(
        "what_did_x_say",
        "what_said",
        r"^\s*what\s+(?:else\s+)?(?:did|does|do|has|have|had)\s+(?P<speaker>.+?)\s+"
        r"(?:else\s+)?(?:say|said|tell|told|claim|claimed|state|stated)\b"
        r"(?:\s+(?:about|on|regarding|concerning)\s+(?P<topic>.+?))?\s*\??\s*$",
        "What did Odile Fenwick say about the flood?",
        speaker="Odile Fenwick",
        topic="the flood",
    ),
    _shape(
        "quotes_by",
        "what_said",
        r"^\s*(?:show\s+me\s+|list\s+|give\s+me\s+)?(?:quotes|statements|remarks)\s+(?:by|from)\s+"
        r"(?P<speaker>.+?)(?:\s+(?:about|on|regarding)\s+(?P<topic>.+?))?\s*\??\s*$",
        "Quotes by Odile Fenwick about the sluice gates",
        speaker="Odile Fenwick",
        topic="the sluice gates",
    ),
    _shape(
        "compare",
        "compare",
        r"^\s*(?:compare\s+(?:the\s+)?(?:accounts|coverage|reports|reporting|stories)?\s*"
        r"(?:of|on|about)?\s*(?P<topic>.+?)|how\s+do\s+(?:the\s+)?(?:accounts|reports|outlets|"
        r"stories)\s+(?:of|on|about)\s+(?P<topic2>.+?)\s+differ|how\s+did\s+(?:the\s+)?(?:outlets|"
        r"papers|media)\s+(?:cover|report(?:\s+on)?)\s+(?P<topic3>.+?))\s*\??\s*$",
        "How do the accounts of the dock strike differ?",
        topic="the dock strike",
    ),
    _shape(
        "bare_quote",
        "who_said",
        rf"^\s*(?P<rest>(?:{_OPEN})[^\"“”„«»]+(?:{_CLOSE}))\s*[.?!]?\s*$",
        '"We will rebuild every street of this city."',
        quote="We will rebuild every street of this city",
    ),
    _shape(
        "bare_statement",
        "who_said",
        rf"^(?!\s*(?:{_QUESTION_START})\b)(?P<rest>[^?]*?\S(?:\s+\S+){{5,}})\s*[.!]?\s*$",
        "We will rebuild every street of this city",
        quote="We will rebuild every street of this city",
        bare=True,
    ),
)
CLAIM_INTENTS = ("who_said", "verify")  # the shapes whose words asked about are a claim


def match_shape(text: str) -> tuple[Shape, re.Match[str]] | None:
    for shape in SHAPES:
        m = shape.pattern.match(text)
        if m:
            return shape, m
    return None


def strip_quotes(text: str) -> str:
    """The words asked about: those in quotation marks if any, else the text itself."""
    text = text.strip().rstrip("?").strip()
    m = QUOTED.search(text)
    if m:
        return m.group(1).strip().strip(",.;:").strip()
    return text.strip("\"“”'‘’«»„ ").strip()
