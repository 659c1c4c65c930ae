"""Role-noun speakers (``the mayor said``) resolved to the person the article introduced in
that role: ``Odile Fenwicke, the city's mayor``, ``the city's mayor, Odile Fenwicke``,
``Mayor Odile Fenwicke``; and ``the union`` to the ``Harbour and Dock Workers' Union``."""

from __future__ import annotations

import re

from ingest.lexicon.function_words import NON_NAME_WORDS
from ingest.lexicon.people import (
    BARE_ORGS,
    NOT_ROLES,
    ORG_WORDS,
    ROLE_ORG_LINKS,
    SPEAKER_HEADS,
    TITLES,
)
from ingest.quotes.names import strip_possessive

_PARTICLE = r"(?:(?:de|van|von|da|del|bin|al|la|le|di)\s+)?"
_NAME = rf"[A-Z][\w\u2019'.-]*(?:\s+{_PARTICLE}[A-Z][\w\u2019'.-]*){{0,3}}"
_NAME_AFTER = re.compile(rf"\s*,?\s*(?:[a-z]+\s+)?({_NAME})")
_NAME_BEFORE = re.compile(rf"({_NAME})\s*,\s*$")
_SENTENCE_END = re.compile(r"(?<=\w\w)\.\s")
_AGE_BEFORE = re.compile(r",\s*\d{1,3}\s*,\s*$")
_AGE_DESCRIPTION = re.compile(r"(?i)^the\s+(\d{1,3})-year-old(?:\s+[a-z]+)?$")
# How far back an introduction is looked for, and the longest appositive role (characters).
WINDOW = 6000
_ROLE_SPAN = 80


def role_head(written: str) -> str:
    """The role noun of a determined phrase without a name (``the city's mayor`` -> mayor)."""
    ws = written.split()
    if len(ws) < 2 or ws[0].lower() not in ("the", "this"):
        return ""
    head = ws[-1].lower()
    if head in NOT_ROLES or not (head in SPEAKER_HEADS or head in ORG_WORDS):
        return ""
    if any(w[:1].isupper() for w in ws[1:]):
        return ""  # "the Ohio senator" names no one in particular: leave it as written
    return head


def bare_org_head(written: str) -> str:
    """``police said``, ``according to police``: an organisation named by its kind alone."""
    low = written.lower()
    return low if " " not in low and low in BARE_ORGS else ""


def resolve_role(text: str, head: str, pos: int, org_only: bool = False) -> str:
    """The name introduced with ``head`` nearest before ``pos``, or "" (``org_only``: only
    an organisation's name ending with ``head``, ``Lowell Police`` for ``police``)."""
    lo = max(0, pos - WINDOW)
    for m in reversed(list(re.finditer(rf"\b{re.escape(head)}\b", text[lo:pos], re.I))):
        s, e = lo + m.start(), lo + m.end()
        if org_only:
            name = _org_name(text, s, e) if text[s : s + 1].isupper() else ""
        else:
            name = _introduced(text, s, e)
        if name:
            return name
    return ""


def resolve_age(text: str, written: str, pos: int) -> str:
    """``the 39-year-old`` (or ``the 39-year-old founder``): the person the article gave
    that age before (``Odile Fenwicke, 39,``), when exactly one was."""
    m = _AGE_DESCRIPTION.match(written.strip())
    if m is None:
        return ""
    lo = max(0, pos - WINDOW)
    pattern = rf"({_NAME})\s*,\s*{m.group(1)}\s*,"
    names = {strip_possessive(n.group(1)) for n in re.finditer(pattern, text[lo:pos])}
    named = [n for n in names if _is_name(n)]
    return named[0] if len(named) == 1 else ""


def _is_name(name: str) -> bool:
    ws = name.split()
    return bool(ws) and ws[0].lower() not in NON_NAME_WORDS and ws[-1].lower() not in TITLES


def _introduced(text: str, s: int, e: int) -> str:
    word = text[s:e]
    if word[:1].isupper():
        org = _org_name(text, s, e)
        if org:
            return org  # "the Harbour and Dock Workers' Union"
        after = _NAME_AFTER.match(text, e)  # "Mayor Odile Fenwicke"
        if after and after.start(1) == e + 1 and _is_name(after.group(1)):
            return strip_possessive(after.group(1).rstrip(".,"))
    if text[e : e + 1] == ",":  # "the city's mayor, Odile Fenwicke,"
        after = _NAME_AFTER.match(text, e)
        if after and _is_name(after.group(1)):
            return strip_possessive(after.group(1).rstrip(".,"))
    after = _NAME_AFTER.match(text, e)  # "Lowell Bikes founder Odile Fenwicke"
    named = after.group(1) if after and after.start(1) == e + 1 else ""
    named = _SENTENCE_END.split(named, maxsplit=1)[0]  # "the company Theranos. Forbes"
    if len(named.split()) >= 2 and _is_name(named) and not any(w in TITLES for w in named.split()):
        return strip_possessive(named.rstrip(".,"))
    lead = text[max(0, s - _ROLE_SPAN) : s]
    cut = max(lead.rfind(","), 0)
    role = lead[cut:]
    if any(c in role[1:] for c in '.;:"\u201c\u201d()') or "," not in lead:
        return ""
    opener = role[1:].split()
    if opener and not (opener[0].lower() in ("the", "a", "an") or opener[0].lower() in TITLES):
        return ""
    # "Odile Fenwicke, the city's mayor", "Odile Fenwicke, 39, founder of"
    before = _NAME_BEFORE.search(_AGE_BEFORE.sub(",", lead[: cut + 1]))
    prev = lead[: before.start()].split()[-1:] if before else []
    if (
        before
        and len(before.group(1).split()) >= 2
        and _is_name(before.group(1))
        and not (prev and prev[0].islower())  # "in Boston, the mayor": a place
    ):
        return before.group(1).rstrip(".,")
    return ""


def _org_name(text: str, s: int, e: int) -> str:
    """The capitalised name that ends with the role noun (``... Dock Workers' Union``)."""
    ws = text[max(0, s - 80) : s].split()
    k = len(ws)
    while k > 0 and (ws[k - 1][:1].isupper() or (ws[k - 1] in ROLE_ORG_LINKS and k > 1)):
        k -= 1
    while k < len(ws) and (ws[k] in ROLE_ORG_LINKS or ws[k].lower() in ("the", "a")):
        k += 1
    if k == len(ws) or any(c in "".join(ws[k:]) for c in '.,;:"\u201c\u201d'):
        return ""
    name = ws[k:]
    for i in range(len(name) - 1, 0, -1):
        if name[i] == "of" and name[i - 1].lower() not in ORG_WORDS:
            name = name[i + 1 :]  # "Inspector Ana Ruiz of Lowell Police": the police
            break
    return " ".join([*name, text[s:e]])
