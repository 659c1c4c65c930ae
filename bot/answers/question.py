"""What a question asks: its intent and slots, read by rules (no model).

Intents: ``who_said`` (who said these words), ``what_said`` (what did X say, about Z),
``verify`` (did X really say "..."), ``compare`` (how do the accounts of Z differ) and
``passages`` (anything else). Slots: the quoted words, the speaker, the topic, outlets and a
date range. Follow-ups ("What else did she say?", "And the other outlet?") are resolved
against a :class:`Conversation`, which the caller keeps between questions.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from bot.answers.question_shapes import CLAIM_INTENTS, QUOTED, match_shape, strip_quotes
from bot.answers.records import Intent
from ingest.dates import parse_date

_ELSE = re.compile(
    r"^\s*(?:and\s+)?what\s+else\s+(?:did|has|does)\s+(?P<who>he|she|they|him|her|it)\s+(?:say|said)",
    re.I,
)
_OTHER_OUTLET = re.compile(
    r"^\s*(?:and|what\s+about|how\s+about)\s+(?:in\s+|at\s+)?(?:the\s+)?other\s+"
    r"(?:outlets?|papers?|sources?|ones?)",
    re.I,
)
_AND_WHAT_ABOUT = re.compile(
    r"^\s*(?:and|what\s+about|how\s+about)\s+(?P<rest>.+?)\s*\??\s*$", re.I | re.S
)
_OUTLET_CUE = re.compile(
    r"\s*,?\s*\b(?:according\s+to|in|from|by|at|as\s+reported\s+by|reported\s+by)\s+"
    r"(?:the\s+)?(?P<name>{names})\b",
    re.I,
)
_SINCE = re.compile(
    r"\s*,?\s*\b(?:since|after|from)\s+(?P<d>\d{4}-\d{2}-\d{2}|\w+\s+\d{1,2},?\s+\d{4})", re.I
)
_UNTIL = re.compile(
    r"\s*,?\s*\b(?:until|before|till|up\s+to)\s+(?P<d>\d{4}-\d{2}-\d{2}|\w+\s+\d{1,2},?\s+\d{4})",
    re.I,
)
_MONTH = re.compile(
    r"\s*,?\s*\bin\s+(?P<m>" + "|".join(calendar.month_name[1:]) + r")(?:\s+(?P<y>\d{4}))?\b",
    re.I,
)
_RELATIVE = re.compile(
    r"\s*,?\s*\b(?P<r>last\s+week|this\s+week|last\s+month|this\s+month|yesterday|today|"
    r"last\s+year|this\s+year)\b",
    re.I,
)


@dataclass(frozen=True)
class Parsed:
    intent: Intent
    text: str  # the question as asked
    quote: str = ""  # the words asked about (who_said, verify)
    speaker: str = ""
    topic: str = ""
    outlets: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    follow_up: str = ""  # "", "more", "other_outlet"
    bare: bool = False  # a statement asked as nothing: who said it, else a passage search


@dataclass
class Conversation:
    """What the next question may refer back to. Kept by the caller, one per user session."""

    last: Parsed | None = None
    speaker_key: str = ""
    outlets_seen: tuple[str, ...] = ()
    shown: set[str] = field(default_factory=set)  # quote ids already shown


def _dates(text: str, today: dt.date, years: Sequence[int]) -> tuple[str, str, str, str]:
    """(text without date phrases, since, until, description)."""
    since = until = ""
    m = _SINCE.search(text)
    if m and parse_date(m.group("d")):
        since = parse_date(m.group("d"))
        text = text[: m.start()] + text[m.end() :]
    m = _UNTIL.search(text)
    if m and parse_date(m.group("d")):
        until = parse_date(m.group("d"))
        text = text[: m.start()] + text[m.end() :]
    m = _MONTH.search(text)
    if m:
        month = list(calendar.month_name).index(m.group("m").capitalize())
        year = int(m.group("y")) if m.group("y") else _year_for(month, today, years)
        last = calendar.monthrange(year, month)[1]
        since, until = f"{year}-{month:02d}-01", f"{year}-{month:02d}-{last:02d}"
        text = text[: m.start()] + text[m.end() :]
    m = _RELATIVE.search(text)
    if m:
        since, until = _relative(m.group("r").lower().split()[-1], m.group("r").lower(), today)
        text = text[: m.start()] + text[m.end() :]
    return text, since, until, ""


def _year_for(month: int, today: dt.date, years: Sequence[int]) -> int:
    """The year a bare month means: the latest year of the corpus with it, else the last one."""
    for year in sorted(years, reverse=True):
        if dt.date(year, month, 1) <= today:
            return year
    return today.year if month <= today.month else today.year - 1


def _relative(unit: str, phrase: str, today: dt.date) -> tuple[str, str]:
    if unit == "yesterday":
        d = today - dt.timedelta(days=1)
        return d.isoformat(), d.isoformat()
    if unit == "today":
        return today.isoformat(), today.isoformat()
    if unit == "week":
        start = today - dt.timedelta(days=today.weekday())
        if phrase.startswith("last"):
            start -= dt.timedelta(days=7)
            return start.isoformat(), (start + dt.timedelta(days=6)).isoformat()
        return start.isoformat(), today.isoformat()
    if unit == "month":
        first = today.replace(day=1)
        if phrase.startswith("last"):
            end = first - dt.timedelta(days=1)
            return end.replace(day=1).isoformat(), end.isoformat()
        return first.isoformat(), today.isoformat()
    first = today.replace(month=1, day=1)
    if phrase.startswith("last"):
        return first.replace(year=today.year - 1).isoformat(), (
            first - dt.timedelta(days=1)
        ).isoformat()
    return first.isoformat(), today.isoformat()


def _outlets(text: str, known: Sequence[str]) -> tuple[str, tuple[str, ...]]:
    if not known:
        return text, ()
    names = "|".join(re.escape(k) for k in sorted(known, key=len, reverse=True))
    found: list[str] = []
    pattern = re.compile(_OUTLET_CUE.pattern.format(names=names), re.I)
    for m in list(pattern.finditer(text))[::-1]:
        name = m.group("name").casefold()
        found.extend(k for k in known if k.casefold() == name)
        text = text[: m.start()] + text[m.end() :]
    return text, tuple(dict.fromkeys(found))


def parse_question(
    question: str,
    outlets: Sequence[str] = (),
    today: dt.date | None = None,
    years: Sequence[int] = (),
    conversation: Conversation | None = None,
) -> Parsed:
    """Intent and slots of ``question``; follow-ups are filled in from ``conversation``."""
    today = today or dt.date.today()
    text = " ".join(question.split())
    last = conversation.last if conversation else None
    if last is not None:
        follow = _follow_up(text, last, outlets, conversation)
        if follow is not None:
            return follow
    quoted = QUOTED.search(text)
    if quoted:  # filters only outside the quoted words
        outside = text[: quoted.start()] + " " + text[quoted.end() :]
        _, outlet_names = _outlets(outside, outlets)
        _, since, until, _ = _dates(outside, today, years)
        body = dated = text
    else:
        body, outlet_names = _outlets(text, outlets)
        dated, since, until, _ = _dates(body, today, years)
    found = match_shape(body)
    if found and found[0].intent in CLAIM_INTENTS:
        if not quoted:  # time words inside the claim are part of it, never a filter
            since = until = ""
    else:
        found = match_shape(dated)
    slots: dict[str, Any] = {"outlets": outlet_names, "since": since, "until": until}
    if found is None:
        return Parsed("passages", text, topic=dated.strip().rstrip("?").strip(), **slots)
    shape, m = found
    groups = {k: (v or "").strip() for k, v in m.groupdict().items()}
    if shape.intent in CLAIM_INTENTS:
        slots |= {"quote": strip_quotes(groups["rest"]), "speaker": groups.get("speaker", "")}
    elif shape.intent == "what_said":
        slots |= {"speaker": groups["speaker"], "topic": groups.get("topic", "")}
        slots["follow_up"] = "more" if re.search(r"\belse\b", body, re.I) else ""
    else:
        slots["topic"] = groups.get("topic") or groups.get("topic2") or groups.get("topic3", "")
    return Parsed(shape.intent, text, bare=shape.bare, **slots)


def _follow_up(
    text: str, last: Parsed, outlets: Sequence[str], conversation: Conversation | None
) -> Parsed | None:
    if _ELSE.match(text):
        return replace(last, intent="what_said", text=text, quote="", follow_up="more")
    if _OTHER_OUTLET.match(text):
        seen = set(conversation.outlets_seen if conversation else ())
        others = tuple(o for o in outlets if o not in seen and o not in last.outlets)
        return replace(last, text=text, outlets=others, follow_up="other_outlet")
    m = _AND_WHAT_ABOUT.match(text)
    if m:
        rest, named = _outlets(" in " + m.group("rest"), outlets)
        if named and not rest.strip():
            return replace(last, text=text, outlets=named, follow_up="other_outlet")
        bare = [o for o in outlets if o.casefold() == m.group("rest").strip(" ?").casefold()]
        if bare:
            return replace(last, text=text, outlets=(bare[0],), follow_up="other_outlet")
    return None
