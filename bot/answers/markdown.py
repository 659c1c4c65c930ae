"""Markdown composition: escaping untrusted article text, quotes, excerpts and citations.

Article text is data. Everything taken from an article (quotes, passages, titles, names) is
escaped so that it renders as text: no markdown, no HTML, no forged ``[n]`` citation markers.
Only this module puts double quotation marks around article words, always followed by the
citation marker of the span they come from, so ``bot.model.grounding`` can check every one.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from bot.answers.records import Attribution, make_citation
from bot.data_files import is_sample
from bot.model.grounding import Grounded, Source, ground_answer
from bot.verdicts.matching import DiffOp, format_diff
from ingest.language import other_language
from ingest.records import Citation
from ingest.store import ArticleInfo

NOT_FOUND = "I could not find this in the loaded articles."
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|~])")
_LEADING = re.compile(r"^(?:([-+])|(\d+)([.)]))")
_DOUBLE_MARKS = str.maketrans({'"': "‘", "“": "‘", "”": "’", "„": "‘", "«": "‘", "»": "’"})

# The escaping rule for untrusted text (article text, quotes, titles, outlets, names, the
# user's own message) wherever it is shown, kept in this module only: every character that
# can start HTML, Markdown or an autolink (Gradio's Markdown is GFM: bare ``https://``,
# ``www.``, ``mailto:`` and e-mail addresses become links) is a numeric character reference,
# which renders as the character itself and starts nothing. ``bot.web.html.esc`` is this
# rule; the answers' Markdown (``escape_markdown``) backslashes its specials instead and
# shares ``_AUTOLINK``.
_UNSAFE = re.compile(r"[&<>\"'\[\]()!*_`#|\\~{}=:@]|(?<=www)\.", re.IGNORECASE)
# What turns plain text into a link in GFM, for text that must keep its Markdown.
_AUTOLINK = re.compile(r":(?=//)|(?<=mailto):|(?<=www)\.|@", re.IGNORECASE)


def _reference(m: re.Match[str]) -> str:
    return f"&#{ord(m.group(0))};"


def inert(text: str) -> str:
    """Untrusted text that renders as itself in HTML and in Markdown, never as markup."""
    return _UNSAFE.sub(_reference, text)


def defuse_links(markdown: str) -> str:
    """Markdown (already escaped otherwise) in which no bare URL or address becomes a link."""
    return _AUTOLINK.sub(_reference, markdown)


def escape_markdown(text: str) -> str:
    """Article text as inert markdown on one line: HTML escaped, Markdown specials and a
    leading list marker backslashed (so a forged ``[1]`` reads ``\\[1\\]``), no autolink."""
    flat = " ".join(text.split())
    escaped = _MD_SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))
    escaped = _LEADING.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", escaped)
    return defuse_links(escaped)


def plain(text: str) -> str:
    """Escaped text that may not carry double quotation marks (titles, names, user input)."""
    return escape_markdown(text.translate(_DOUBLE_MARKS))


def suggestion(question: str) -> str:
    """A question the app suggests asking, in italics and never in quotation marks: the
    grounding check takes every quoted string for article words that must be verbatim."""
    return f"*{plain(question)}*"


SAMPLE_MARK = " (a fictional sample article)"


SAME_ARTICLE = "the same article"


def source_line(info: ArticleInfo, first: bool = True) -> str:
    """``Outlet, 2024-03-01, *Title*``; an article of the bundled samples says it is one.

    ``first``: the article's first line in the answer says what is unknown about it
    ("unknown outlet", "date unknown") and that it is a sample; later lines say only what
    is known, so an answer does not repeat "unknown outlet, date unknown" on every line.
    """
    if first:
        parts = [plain(info.outlet or "unknown outlet"), info.published or "date unknown"]
    else:
        parts = [x for x in (plain(info.outlet), info.published) if x]
    if info.title:
        parts.append(f"*{plain(info.title)}*")
    line = ", ".join(parts) or SAME_ARTICLE
    return line + (SAMPLE_MARK if first and is_sample(info.source_path) else "")


def language_note(question: str) -> str:
    """The note of an answer to a question that is not in English, else ""."""
    language = other_language(question)
    if not language:
        return ""
    return (
        f"*This question looks like {language}. Quotecheck reads questions and articles as "
        "English: ask in English (an article in another language is not understood either).*"
    )


def attribution_note(attributions: Sequence[Attribution]) -> str:
    """The articles disagree on who said the words: every attribution, most articles first."""
    parts = []
    for a in attributions:
        outlets = ", ".join(
            dict.fromkeys(
                f"{plain(i.outlet or 'unknown outlet')} {i.published}" for i in a.articles
            )
        )
        n = len(a.articles)
        parts.append(f"{plain(a.speaker)} in {n} article{'s' if n > 1 else ''} ({outlets})")
    return (
        "**Attribution disputed.** The articles credit these words to "
        + "; ".join(parts)
        + ". The verdict follows the attribution in the most articles (the earliest when tied)."
    )


_DIFF_MARKDOWN = {
    "equal": "{claimed}",
    "delete": "~~{claimed}~~",
    "insert": "**{source}**",
    "replace": "~~{claimed}~~ **{source}**",
}


def render_diff(diff: tuple[DiffOp, ...]) -> str:
    """Word diff of a claim against the source: ~~claimed~~ and **source** words."""
    return " ".join(format_diff(diff, _DIFF_MARKDOWN, plain))


@dataclass
class Composer:
    """Collects the answer's lines, its citations and the spans they may point into."""

    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    described: set[str] = field(default_factory=set)  # articles whose source line was given

    def source(self, info: ArticleInfo) -> str:
        """The article's source line: in full the first time, its known parts after."""
        first = info.id not in self.described
        self.described.add(info.id)
        return source_line(info, first)

    def cite(self, info: ArticleInfo, start: int, end: int, text: str) -> int:
        """The marker number of a cited span (the same span twice gets one number)."""
        for n, c in enumerate(self.citations, 1):
            if (c.article_id, c.start, c.end) == (info.id, start, end):
                return n
        self.citations.append(make_citation(info, start, end, text))
        self.sources.append(Source(info.id, start, end, text))
        return len(self.citations)

    def allow(self, source: Source) -> None:
        """A retrieved span citations may point into (besides the cited spans themselves)."""
        self.sources.append(source)

    def quote(self, info: ArticleInfo, start: int, end: int, text: str) -> str:
        """Article words in quotation marks with their citation marker."""
        n = self.cite(info, start, end, text)
        return f"“{escape_markdown(text.translate(_DOUBLE_MARKS))}” [{n}]"

    def excerpt(self, info: ArticleInfo, start: int, end: int, text: str) -> str:
        """A passage as a block-quote line with its citation marker."""
        n = self.cite(info, start, end, text)
        return f"> {escape_markdown(text)} [{n}]"

    def add(self, *lines: str) -> None:
        self.lines.extend(lines)

    def finish(self) -> Grounded:
        return ground_answer("\n".join(self.lines).strip(), self.citations, self.sources)
