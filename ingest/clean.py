"""Clean article text into the stored form every character offset points into.

``clean_text`` normalises Unicode and whitespace and drops site boilerplate (comment-policy
notes, cookie and newsletter prompts, share buttons, wire credits, copyright lines). It never
changes quotation marks and never drops a paragraph that contains a quotation. Its output is
the single reference for offsets: passages and quotes are spans of it.
"""

from __future__ import annotations

import re
import unicodedata

# Characters removed outright: zero-width characters, the byte-order mark, the soft hyphen and
# the bidirectional controls (invisible; in untrusted text they can make a quote read other
# than it is stored, and a control before a mark hides the mark's position from the parser).
INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u00ad"
    "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Characters that are spaces in all but name: no-break, narrow no-break, figure, the
# typographic spaces, the medium mathematical space and the ideographic space.
SPACE_LIKE = (
    "\u00a0\u202f\u2007\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000"
)

# Opening or unambiguous double quotation marks. A paragraph holding one of these is never
# dropped as boilerplate. (The right single mark is left out: it is also the apostrophe.)
QUOTE_MARKS = '"“”„‟«»‘‚'

# A boilerplate paragraph is short; anything longer is kept whatever it says.
MAX_BOILERPLATE_CHARS = 400

_I = re.IGNORECASE

BOILERPLATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # comment policies
    re.compile(
        r"comments? (?:on|for|to) this (?:article|story|post|page) (?:are|is|have been|has been) "
        r"(?:now |temporarily )?(?:closed|disabled|turned off|suspended)\b.*",
        _I,
    ),
    re.compile(
        r".*\b(?:read|see) our (?:comment(?:ing)? policy|community (?:guidelines|standards))\b.*",
        _I,
    ),
    re.compile(r"we welcome comments\b.*", _I),
    re.compile(r"comments are (?:moderated|closed|disabled)\b.*", _I),
    re.compile(r"our goal is to create a safe and engaging place\b.*", _I),
    re.compile(
        r".*\bwe (?:are|have) temporarily (?:suspend(?:ing|ed)|disabl(?:ing|ed)) "
        r"(?:article )?comment.*",
        _I,
    ),
    # cookie prompts
    re.compile(r"(?:we|this (?:site|website)) uses? cookies\b.*", _I),
    re.compile(r"(?:accept|manage|reject) (?:all )?cookies\b.*", _I),
    re.compile(r"by continuing to (?:browse|use)\b.*\bcookies\b.*", _I),
    # subscription prompts
    re.compile(r"sign up (?:for|to) (?:our|the)\b.*\bnewsletters?\b.*", _I),
    re.compile(r"subscribe (?:now|today|here|to (?:our|the)\b)\b.*", _I),
    re.compile(r"already a subscriber\?.*", _I),
    # share and follow buttons
    re.compile(r"share (?:this|the) (?:article|story|page|post)\b.*", _I),
    re.compile(r"share on (?:facebook|twitter|x|whatsapp|linkedin|email)\b.*", _I),
    re.compile(r"follow us on (?:facebook|twitter|x|instagram|linkedin|threads|bluesky)\b.*", _I),
    re.compile(
        r"(?:(?:facebook|twitter|x|whatsapp|linkedin|email|e-mail|pinterest|reddit|telegram"
        r"|copy link|print)[\s|,/•·]*){2,}",
        _I,
    ),
    # wire credits: "Reporting by A in B; editing by C" (names must be capitalised)
    re.compile(
        r"\(?(?:[Ww]ith )?(?:[Aa]dditional )?(?:[Rr]eporting|[Ww]riting|[Cc]ompiled) by "
        r"[A-Z][\w'’.-]*(?:(?:,? (?:and |in |& )?| )[A-Z][\w'’.-]*)*"
        r"(?:[;,] (?:and )?(?:[Aa]dditional reporting|[Ww]riting|[Ee]diting|[Rr]eporting) by "
        r"[A-Z][\w'’.-]*(?:(?:,? (?:and |in |& )?| )[A-Z][\w'’.-]*)*)*\.?\)?"
    ),
    # copyright lines
    re.compile(r".*\ball rights reserved\b.*", _I),
    re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\b)?.{0,120}", _I),
    # separators: a paragraph of nothing but rule characters
    re.compile(r"[-–—_*=~•·\s]{3,}"),
)

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u0085\x0b\x0c]")
_PARAGRAPH_BREAKS = re.compile(r"\u2029")
_DROP = re.compile(
    "[" + INVISIBLE + "]|[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]"
)  # control characters except \t \n (handled below)
_SPACES = re.compile("[" + SPACE_LIKE + "\t ]+")
_BLANK_LINES = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")


def is_boilerplate(paragraph: str) -> bool:
    """True when the whole paragraph is site boilerplate and holds no quotation."""
    p = paragraph.strip()
    if not p or len(p) > MAX_BOILERPLATE_CHARS:
        return False
    if any(mark in p for mark in QUOTE_MARKS):
        return False
    return any(pattern.fullmatch(p) for pattern in BOILERPLATE_PATTERNS)


def normalise_whitespace(raw: str) -> str:
    """Unicode NFC, line endings, invisible characters and spaces; paragraphs kept apart."""
    text = _LINE_BREAKS.sub("\n", raw)
    text = _PARAGRAPH_BREAKS.sub("\n\n", text)
    text = unicodedata.normalize("NFC", text)
    text = _DROP.sub("", text)
    text = _SPACES.sub(" ", text)
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    return _BLANK_LINES.sub("\n\n", text).strip()


def drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Drop the boilerplate paragraphs that lead or trail the article; keep the middle."""
    start, end = 0, len(paragraphs)
    while start < end and is_boilerplate(paragraphs[start]):
        start += 1
    while end > start and is_boilerplate(paragraphs[end - 1]):
        end -= 1
    return paragraphs[start:end]


def clean_text(raw: str) -> str:
    """The stored text of an article: normalised, boilerplate-free, marks as written.

    Paragraphs are separated by exactly one blank line; single line breaks inside a
    paragraph are kept. Cleaning twice gives the same text as cleaning once.
    """
    text = normalise_whitespace(raw)
    if not text:
        return ""
    return "\n\n".join(drop_boilerplate(text.split("\n\n")))
