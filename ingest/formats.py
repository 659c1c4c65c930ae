"""The raw fields of one article in each format: .txt header lines, Markdown with front
matter, HTML through trafilatura, and JSON records under their common field names.

Each parser returns plain strings by field (``title``, ``text``, ``outlet``, ``published``,
``url``, ``author``, ``id``); ``ingest.loaders`` reads the files and builds the articles.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from ingest.errors import InputError

# Field names accepted in JSON records and Markdown front matter, first match wins. The
# outlet looks at `source` last: exports often use it for the data set, not the outlet.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "publisher", "site", "source"),
    "published": ("published", "date", "published_at"),
    "url": ("url", "link"),
    "author": ("author", "byline"),
    "id": ("id",),
}

# Header lines a .txt article may carry right after its title, and the field each fills.
TXT_HEADERS: dict[str, str] = {
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "date": "published",
    "published": "published",
    "url": "url",
    "by": "author",
    "author": "author",
}

_TXT_HEADER = re.compile(r"(?P<key>[A-Za-z]+)\s*:\s*(?P<value>.*)")
_STORY_LEAD = re.compile(r"STORY:\s*")


def field_value(value: Any) -> str:
    """A record value as text: names of nested objects, lists joined, dates in ISO."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return ""
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, Mapping):
        return field_value(value.get("name", ""))
    if isinstance(value, (list, tuple)):
        return ", ".join(v for v in (field_value(item) for item in value) if v)
    return ""


def record_fields(
    record: Mapping[str, Any], source: str, line: int | None = None, *, need_text: bool = True
) -> dict[str, str]:
    """The article fields of one JSON record (or front matter), by their common names."""
    fields: dict[str, str] = {}
    for field, names in FIELD_NAMES.items():
        for name in names:
            value = field_value(record.get(name))
            if value.strip():
                fields[field] = value
                break
    if need_text and "text" not in fields:
        names = FIELD_NAMES["text"]
        present = [n for n in names if n in record]
        if present:
            problem = f"field {present[0]!r} is empty"
        else:
            problem = f"field 'text' is missing (accepted names: {', '.join(names)})"
        raise InputError(source, f"{problem}; every record needs the article text", line)
    return fields


# -- plain text ----------------------------------------------------------------------------


def parse_txt(text: str) -> dict[str, str]:
    """Title, header lines and body of a .txt article."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    fields: dict[str, str] = {"title": lines[i].strip() if i < len(lines) else ""}
    i += 1
    body_start = i
    while i < len(lines):
        line = lines[i].strip()
        if not line:
            i += 1
            continue
        m = _TXT_HEADER.fullmatch(line)
        key = m["key"].lower() if m else ""
        if key not in TXT_HEADERS:
            break
        fields.setdefault(TXT_HEADERS[key], m["value"].strip() if m else "")
        i += 1
        body_start = i
    body = "\n".join(lines[body_start:]).strip()
    fields["text"] = _STORY_LEAD.sub("", body, count=1) if _STORY_LEAD.match(body) else body
    return fields


# -- Markdown ------------------------------------------------------------------------------

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<yaml>.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_H1 = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*#*[ \t]*$", re.MULTILINE)
# A link destination in parentheses, which may itself hold one level of parentheses.
_MD_URL = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.MULTILINE), ""),  # link definitions
    (re.compile(r"!\[[^\]\n]*\]" + _MD_URL), ""),  # images
    (re.compile(r"\[([^\]\n]+)\]" + _MD_URL), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # <autolinks>
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # headings
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE), ""),  # block quote markers
    (re.compile(r"(?<![\w*\\])\*\*(?=\S)(.+?)(?<=\S)\*\*(?![\w*])"), r"\1"),  # **strong**
    (re.compile(r"(?<![\w\\])__(?=\S)(.+?)(?<=\S)__(?!\w)"), r"\1"),  # __strong__
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"), r"\1"),  # *em*
    (re.compile(r"(?<![\w\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?!\w)"), r"\1"),  # _em_
    (re.compile(r"(?<!`)`([^`\n]+)`(?!`)"), r"\1"),  # `code`
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # backslash escapes
)


def markdown_to_prose(text: str) -> str:
    """Markdown as plain prose: link text kept, URLs, emphasis and heading marks dropped.

    Quotation marks and apostrophes are never touched.
    """
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def parse_markdown(text: str, source: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    m = _FRONT_MATTER.match(text)
    if m:
        meta = _front_matter(m["yaml"], source)
        fields.update(record_fields(meta, source, need_text=False))
        fields.pop("text", None)
        text = text[m.end() :]
    if not fields.get("title"):
        h1 = _H1.search(text)
        if h1:
            fields["title"] = markdown_to_prose(h1["title"])
            text = text[: h1.start()] + text[h1.end() :]
    fields["text"] = markdown_to_prose(text)
    return fields


def _front_matter(raw: str, source: str) -> Mapping[str, Any]:
    import yaml

    try:
        meta = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else None  # +1 for 1-based, +1 for the '---'
        raise InputError(
            source, "front matter is not valid YAML; fix it or remove it", line
        ) from exc
    if meta is None:
        return {}
    if not isinstance(meta, Mapping):
        raise InputError(source, "front matter must be 'key: value' lines; fix it or remove it")
    return meta


# -- HTML ----------------------------------------------------------------------------------


def parse_html(html: str, source: str) -> dict[str, str]:
    """Main text and metadata of a web page, found by trafilatura."""
    try:
        import trafilatura
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise InputError(
            source, "reading HTML needs trafilatura; install it with: pip install trafilatura"
        ) from exc
    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    fields: dict[str, str] = {}
    if doc is not None:
        for field, key in (
            ("title", "title"),
            ("author", "author"),
            ("published", "date"),
            ("outlet", "sitename"),
            ("url", "url"),
        ):
            value = field_value(getattr(doc, key, None))
            if value:
                fields[field] = value
        body = field_value(getattr(doc, "text", None))
        lines = [line.strip() for line in body.split("\n") if line.strip()]
        title = fields.get("title") or _html_title(html)
        if title:
            fields["title"] = title
        if lines and title and lines[0] == title:
            lines = lines[1:]
        fields["text"] = "\n\n".join(lines)
    else:
        title = _html_title(html)
        if title:
            fields["title"] = title
    if not fields.get("text"):
        raise InputError(source, "no article text found in the page; check that it is an article")
    return fields


def _html_title(html: str) -> str:
    import lxml.html

    try:
        titles = lxml.html.fromstring(html).xpath("//title")
    except (ValueError, lxml.etree.ParserError):
        return ""
    return " ".join(titles[0].text_content().split()) if titles else ""
