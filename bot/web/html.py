"""Answers, verdicts and comparisons as HTML, Markdown and JSON for the web chat and exports.

Pure functions, no Gradio. Every string that comes from an article (text, title, outlet,
speaker, url) is untrusted: :func:`esc` turns it into inert text for both HTML and Markdown
(angle brackets, ampersands and every character that could start Markdown syntax become
character references), and :func:`safe_url` lets only http(s) links through.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.answers.markdown import defuse_links, inert
from bot.answers.records import (
    Answer,
    Claim,
    Comparison,
    Difference,
    Evidence,
    ProvenanceEntry,
    QuoteUse,
    Verdict,
    citation_dict,
    make_citation,
)
from bot.verdicts.matching import DiffOp, format_diff
from bot.verdicts.meaning import Difference as MeaningDifference
from ingest.records import Citation, Quote

CONTEXT_CHARS = 240  # characters of article text shown either side of a cited span

VERDICT_STYLE: dict[str, tuple[str, str, str]] = {
    # verdict: (label, css colour class, one-line meaning)
    "verbatim": ("Verbatim", "qc-green", "these are the speaker's exact words"),
    "altered": ("Altered", "qc-amber", "the speaker said nearly this, with words changed"),
    "contradicted": (
        "Contradicted",
        "qc-purple",
        "the speaker said something about this, and it disagrees with the claim",
    ),
    "paraphrase": ("Paraphrase", "qc-blue", "the speaker said something like this in other words"),
    "misattributed": ("Misattributed", "qc-red", "the words exist, but someone else said them"),
    "not_found": ("Not found", "qc-grey", "nothing in the loaded articles supports it"),
}


def esc(text: object) -> str:
    """Untrusted text as inert HTML that no Markdown renderer turns into markup or a link
    (the one rule, :func:`bot.answers.markdown.inert`); line breaks kept."""
    return inert(str(text)).replace("\n", "<br>")


def safe_url(url: str) -> str:
    """The url when it is a plain http(s) link, else "" (no ``javascript:``, ``data:``...)."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    if any(ch in url for ch in "\"'<> \n\r\t`"):
        return ""
    return url


def link(url: str, label: str = "") -> str:
    """An outbound link (escaped, opened in a new tab) or the escaped label alone."""
    ok = safe_url(url)
    if not ok:
        return esc(label or url)
    return (
        f'<a href="{html.escape(ok, quote=True)}" target="_blank" '
        f'rel="noopener noreferrer nofollow">{esc(label or ok)}</a>'
    )


def safe_markdown(markdown: str) -> str:
    """The engine's Markdown with anything still able to become markup made inert.

    The engine already escapes article text (``bot.answers.markdown``); this is the second
    fence, and it keeps that escaping intact: raw ``<`` becomes ``&lt;``, and an unescaped
    ``[`` or ``]`` (the start of a link or image) is backslash-escaped, and a bare URL or
    address (``https://``, ``www.``, ``mailto:``, ``@``) cannot become a link. Emphasis, lists
    and ``>`` quote blocks at the start of a line survive.
    """
    lines = []
    for line in markdown.splitlines():
        m = re.match(r"^(\s*(?:>\s*)*)(.*)$", line)
        lead, rest = (m.group(1), m.group(2)) if m else ("", line)
        rest = rest.replace("<", "&lt;").replace(">", "&gt;")
        rest = re.sub(r"(?<!\\)([\[\]])", r"\\\1", rest)
        lines.append(lead + defuse_links(rest))
    return "\n".join(lines)


# ---------------------------------------------------------------- citations and passages
@dataclass(frozen=True)
class PassageView:
    """A cited span with the article text around it."""

    before: str
    span: str
    after: str
    clipped_start: bool
    clipped_end: bool


def passage_window(text: str, start: int, end: int, radius: int = CONTEXT_CHARS) -> PassageView:
    """The span ``text[start:end]`` with up to ``radius`` characters around it, cut at spaces."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    lo, hi = max(0, start - radius), min(len(text), end + radius)
    if lo > 0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return PassageView(text[lo:start], text[start:end], text[end:hi], lo > 0, hi < len(text))


def passage_html(view: PassageView, anchor: str = "") -> str:
    dots = "…"
    where = f' id="{html.escape(anchor, quote=True)}"' if anchor else ""
    return (
        f'<div class="qc-passage"{where}>'
        f"{dots if view.clipped_start else ''}{esc(view.before)}"
        f'<mark class="qc-span">{esc(view.span)}</mark>'
        f"{esc(view.after)}{dots if view.clipped_end else ''}</div>"
    )


def source_line(outlet: str, title: str, published: str, first: bool = True) -> str:
    """``Outlet · Title · date``; after an article's ``first`` card only what is known."""
    parts: tuple[str, ...]
    if first:
        parts = (outlet or "outlet unknown", title or "untitled", published or "date unknown")
    else:
        parts = tuple(x for x in (outlet, title, published) if x) or ("the same article",)
    return " · ".join(esc(x) for x in parts)


ArticleText = Callable[[str], "str | None"]


def citation_html(
    number: int,
    c: Citation,
    article_text: str | None,
    first: bool = True,
    anchor: str = "",
    compact: bool = False,
) -> str:
    """A numbered citation that opens (``<details>``) on the passage, cited span marked;
    ``first``: the article's first card in a list (the later ones skip what is unknown);
    ``anchor``: the id an answer's ``[n]`` marker links to (on the passage, inside the
    ``<details>``, so that following the link opens it); ``compact``: the summary gives
    outlet, date and characters, not the title (a comparison lists the titles above)."""
    view = (
        passage_window(article_text, c.start, c.end)
        if article_text is not None and article_text[c.start : c.end] == c.text
        else PassageView("", c.text, "", False, False)
    )
    url = link(c.url, "open the article") if safe_url(c.url) else ""
    page = f"page {c.page}, " if c.page is not None else ""
    return (
        f'<details class="qc-cite" data-cite="{number}">'
        f'<summary><span class="qc-num">[{number}]</span> '
        f"{span_line(c, first) if compact else source_line(c.outlet, c.title, c.published, first)}"
        "</summary>"
        f"{passage_html(view, anchor)}"
        f'<div class="qc-meta">article {esc(c.article_id)}, {page}characters {c.start}–{c.end}'
        f"{' · ' + url if url else ''}</div></details>"
    )


def span_line(c: Citation, first: bool = True) -> str:
    """``Outlet · 2024-05-13 · characters 185–308`` (unknowns said on an article's first)."""
    if first:
        parts = [c.outlet or "outlet unknown", c.published or "date unknown"]
    else:
        parts = [x for x in (c.outlet, c.published) if x]
    page = [f"page {c.page}"] if c.page is not None else []
    return " · ".join(esc(x) for x in [*parts, *page, f"characters {c.start}–{c.end}"])


@dataclass
class Cards:
    """The numbered source cards of one answer, verdict or comparison: numbers count up, an
    article's first card says what is unknown about it, later ones only what is known; with
    ``key``, card n's passage has the id ``{key}-c{n}`` its ``[n]`` markers link to."""

    article_text: ArticleText
    key: str = ""
    compact: bool = False
    count: int = 0
    seen: set[str] = field(default_factory=set)

    def card(self, c: Citation) -> str:
        self.count += 1
        first = c.article_id not in self.seen
        self.seen.add(c.article_id)
        anchor = f"{self.key}-c{self.count}" if self.key else ""
        text = self.article_text(c.article_id)
        return citation_html(self.count, c, text, first, anchor, self.compact)


def citations_html(citations: Sequence[Citation], article_text: ArticleText, key: str = "") -> str:
    """The numbered source cards; with ``key``, card n's passage has the id ``{key}-c{n}``."""
    if not citations:
        return ""
    cards = Cards(article_text, key)
    items = "".join(cards.card(c) for c in citations)
    return f'<div class="qc-cites"><div class="qc-cites-head">Sources</div>{items}</div>'


_MARKER = re.compile(r"(?<!\\)\[(\d+)\]")  # the engine's own [n]; article text's is \[n\]
_HELD = re.compile("\ue000(\\d+)\ue001")  # a marker kept aside while the Markdown is defused


def linked_markers(markdown: str, count: int, key: str) -> str:
    """:func:`safe_markdown`, with each citation marker ``[n]`` (1 <= n <= ``count``) a
    link to its source card ``#{key}-c{n}``; a forged marker in article text stays text."""

    def hold(m: re.Match[str]) -> str:
        return f"\ue000{m[1]}\ue001" if 1 <= int(m[1]) <= count else m[0]

    held = _MARKER.sub(hold, markdown.replace("\ue000", "").replace("\ue001", ""))
    return _HELD.sub(
        lambda m: f'<a class="qc-ref" href="#{key}-c{m[1]}" title="source {m[1]}">[{m[1]}]</a>',
        safe_markdown(held),
    )


def answer_message(answer: Answer, article_text: ArticleText, turn: int = 0) -> str:
    """The chat message for an answer: its Markdown made safe, then the numbered sources;
    each ``[n]`` links to its card (ids made unique by the conversation's ``turn``)."""
    key = f"qc-t{turn}"
    text = linked_markers(answer.markdown, len(answer.citations), key)
    parts = [text or "I could not find this in the loaded articles."]
    if answer.verdict is not None:
        parts.insert(0, verdict_card(answer.verdict))
    cites = citations_html(answer.citations, article_text, key)
    if cites:
        parts.append(cites)
    return "\n\n".join(parts)


def answer_chunks(message: str, size: int = 3) -> list[str]:
    """Growing prefixes of a message, paragraph by paragraph, for a streamed reply."""
    paragraphs = message.split("\n\n")
    out = ["\n\n".join(paragraphs[: i + 1]) for i in range(0, len(paragraphs), size)]
    return out if out and out[-1] == message else [*out, message]


# ------------------------------------------------------------------ verdicts and diffs
def verdict_card(v: Verdict) -> str:
    label, colour, meaning = VERDICT_STYLE.get(v.verdict, (v.verdict, "qc-grey", ""))
    who = ""
    if v.found_speaker and v.verdict == "misattributed":
        who = f"<div>Said by <b>{esc(v.found_speaker)}</b></div>"
    elif v.found_speaker:
        who = f"<div>Speaker: <b>{esc(v.found_speaker)}</b></div>"
    claimed = f" (claimed: {esc(v.speaker)})" if v.speaker else ""
    return (
        f'<div class="qc-verdict {colour}" data-verdict="{html.escape(v.verdict, quote=True)}">'
        f'<div class="qc-verdict-label">{esc(label)}</div>'
        f'<div class="qc-verdict-quote">“{esc(v.quote)}”{claimed}</div>'
        f"{who}<div class='qc-verdict-meaning'>{esc(v.note or meaning)}</div>"
        f"{differences_html(v.differences)}{matched_html(v)}</div>"
    )


_DIFF_HTML = {
    "equal": "{claimed}",
    "delete": '<del title="not in the source">{claimed}</del>',
    "insert": '<ins title="in the source">{source}</ins>',
    "replace": "<del>{claimed}</del> <ins>{source}</ins>",
}


def differences_html(differences: Sequence[MeaningDifference]) -> str:
    """Each difference of meaning: its kind, the claimed words and the source's, marked."""
    if not differences:
        return ""
    items = "".join(
        f'<li data-difference="{html.escape(d.kind, quote=True)}"><b>{esc(d.kind)}</b>: '
        f"the claim says “{esc(d.claimed or '—')}”, the source says "
        f'<mark class="qc-differs">{esc(d.source or "—")}</mark></li>'
        for d in differences
    )
    return f'<ul class="qc-differences">{items}</ul>'


def matched_html(v: Verdict) -> str:
    matched = v.evidence[0].matched if v.evidence and v.verdict == "paraphrase" else ()
    if not matched:
        return ""
    return f'<div class="qc-matched">Words matched: {esc(", ".join(matched))}</div>'


def highlighted_html(e: Evidence) -> str:
    """The evidence's words as text, the source's words of each difference marked."""
    inner = "".join(
        f'<mark class="qc-differs">{esc(t)}</mark>' if marked else esc(t)
        for t, marked in e.pieces()
    )
    return f'<div class="qc-highlighted">{inner}</div>'


def diff_html(diff: Iterable[DiffOp]) -> str:
    """Word diff: dropped claimed words struck through, the source's words underlined."""
    out = format_diff(diff, _DIFF_HTML, esc)
    if not out:
        return ""
    return f'<div class="qc-diff">{" ".join(out)}</div>'


def evidence_html(evidence: Sequence[Evidence], article_text: ArticleText) -> str:
    if not evidence:
        return '<div class="qc-empty">No evidence in the loaded articles.</div>'
    rows = []
    cards = Cards(article_text)
    for e in evidence:
        c = make_citation(e.article, e.start, e.end, e.text)
        who = esc(e.speaker) if e.speaker else "the reporter (not a quote)"
        rows.append(
            f'<div class="qc-evidence"><div><b>{who}</b> · {esc(e.match)} · '
            f"score {e.score:.2f}</div>{highlighted_html(e) if e.differences else ''}"
            f"{cards.card(c)}</div>"
        )
    return "".join(rows)


def provenance_html(entries: Sequence[ProvenanceEntry]) -> str:
    if not entries:
        return ""
    items = "".join(
        f"<li><b>{esc(p.role)}</b>: "
        f"{source_line(p.article.outlet, p.article.title, p.article.published)}"
        f"{' · ' + link(p.article.url, 'link') if safe_url(p.article.url) else ''}</li>"
        for p in entries
    )
    return f'<ol class="qc-provenance">{items}</ol>'


# ---------------------------------------------------------------------------- compare
LEFT_OUT_SHOWN = 8  # quotes other outlets used, listed per outlet column


def comparison_html(cmp: Comparison, article_text: ArticleText | None = None) -> str:
    """The outlets side by side; every quote with its numbered source card (outlet, date,
    characters, the passage), as in a chat answer."""
    if not cmp.outlets:
        return '<div class="qc-empty">No articles about this topic in the loaded articles.</div>'
    infos = {a.id: a for o in cmp.outlets for a in o.articles}
    cards = Cards(article_text or (lambda _id: None), compact=True)

    def left_card(use: QuoteUse) -> str:
        info = infos.get(use.article_id)
        return cards.card(make_citation(info, use.start, use.end, use.text)) if info else ""

    cols = []
    for o in cmp.outlets:
        arts = "".join(
            f"<li>{link(a.url, a.title or a.id)} · {esc(a.published or 'date unknown')}</li>"
            for a in o.articles
        )
        quotes = "".join(
            f"<li>{quote_words_html(q.quote)} — <b>{esc(q.speaker_name or 'unattributed')}</b>"
            f"{cards.card(make_citation(q.article, q.quote.start, q.quote.end, q.quote.text))}"
            "</li>"
            for q in o.quotes
        )
        left_quotes = "".join(
            f"<li>“{esc(x.quote)}” — <b>{esc(x.speaker or 'unattributed')}</b>"
            f" (used by {esc(', '.join(x.used_by))}){left_card(x.occurrence)}</li>"
            for x in o.quotes_left_out[:LEFT_OUT_SHOWN]
        )
        if len(o.quotes_left_out) > LEFT_OUT_SHOWN:
            left_quotes += f"<li>and {len(o.quotes_left_out) - LEFT_OUT_SHOWN} more</li>"
        left = ", ".join(esc(s) for s in o.speakers_left_out) or "none"
        cols.append(
            f'<div class="qc-col"><h3>{esc(o.outlet or "outlet unknown")}</h3><ul>{arts}</ul>'
            f"<div><b>Quotes used</b></div><ul>{quotes or '<li>none</li>'}</ul>"
            f"<div><b>Quotes other outlets used, left out here</b></div>"
            f"<ul>{left_quotes or '<li>none</li>'}</ul>"
            f"<div><b>Speakers left out</b>: {left}</div></div>"
        )
    parts = [f'<div class="qc-compare">{"".join(cols)}</div>']
    if cmp.variants:
        parts.append(
            "<h3>Same quote, different wording</h3>"
            + _dict_list([v.as_dict() for v in cmp.variants])
        )
    if cmp.differences:
        parts.append("<h3>Claims that differ</h3>" + _differences_html(cmp.differences))
    if cmp.shared_quotes:
        parts.append(
            "<h3>Quoted by several outlets</h3>"
            + _dict_list([q.as_dict() for q in cmp.shared_quotes])
        )
    return "".join(parts)


def quote_words_html(q: Quote) -> str:
    """A quote's words as shown: a direct quote in marks; reported speech without added marks.

    Mixed and indirect quotes are the reporter's words (a mixed quote's own quotation marks
    stay, around the only verbatim fragments), so they are labelled and never wrapped in marks.
    """
    if q.kind == "direct":
        return f"“{esc(q.text)}”"
    label = "reported, quoted words in marks" if q.kind == "mixed" else "reported, not exact words"
    return f'<span class="qc-kind">{label}:</span> {esc(q.text)}'


_DIFFERENCE_KINDS = {
    "number": "Numbers differ",
    "speaker": "The same words, credited to different speakers",
    "name": "A name spelt differently",
}


def _claim_html(d: Difference, c: Claim) -> str:
    mark = "" if d.kind == "name" else "“"
    said_by = c.speaker if isinstance(c, QuoteUse) and d.kind == "speaker" else ""
    return f"{esc(c.outlet or 'outlet unknown')}: {mark}{esc(c.text)}{mark and '”'}" + (
        f" ({esc(said_by)})" if said_by else ""
    )


def _differences_html(differences: Sequence[Difference]) -> str:
    """Each difference as a headline and what each outlet wrote, every value escaped."""
    rows = []
    for d in differences:
        kind = _DIFFERENCE_KINDS.get(d.kind, d.kind)
        claims = "; ".join(_claim_html(d, c) for c in d.claims)
        rows.append(f"<li><b>{esc(kind)}</b> ({esc(_flat(d.about))}): {claims}</li>")
    return f'<ul class="qc-list">{"".join(rows)}</ul>'


def _dict_list(items: Sequence[Mapping[str, Any]]) -> str:
    """Generic rows of the comparison's dict lists, every value escaped."""
    rows = []
    for item in items:
        cells = []
        for key, value in item.items():
            if key == "diff" and isinstance(value, list):
                ops = [DiffOp(d["op"], d["claimed"], d["source"]) for d in value]
                cells.append(diff_html(ops))
            elif key == "occurrences" and isinstance(value, list):
                where = "; ".join(
                    f"{o.get('outlet') or 'outlet unknown'} {o.get('published') or ''}".strip()
                    + f" (chars {o.get('start')}-{o.get('end')})"
                    for o in value
                    if isinstance(o, Mapping)
                )
                cells.append(f"<b>in</b>: {esc(where)}")
            elif isinstance(value, (list, tuple)):
                cells.append(f"<b>{esc(key)}</b>: {esc('; '.join(map(_flat, value)))}")
            else:
                cells.append(f"<b>{esc(key)}</b>: {esc(_flat(value))}")
        rows.append(f"<li>{' · '.join(cells)}</li>")
    return f'<ul class="qc-list">{"".join(rows)}</ul>'


def _flat(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_flat(v)}" for k, v in value.items())
    return str(value)


# ----------------------------------------------------------------------------- exports
def conversation_json(turns: Sequence[Mapping[str, Any]]) -> str:
    """The conversation as JSON: one object per turn, the engine's ``as_dict`` contract."""
    return json.dumps({"conversation": list(turns)}, ensure_ascii=False, indent=2)


def conversation_markdown(turns: Sequence[Mapping[str, Any]]) -> str:
    """The conversation as a Markdown document, each answer followed by its citations."""
    out = ["# Quotecheck conversation", ""]
    for turn in turns:
        out += [f"## {turn.get('question', '')}", "", str(turn.get("answer", "")), ""]
        for n, c in enumerate(turn.get("citations", []), 1):
            where = " · ".join(
                x for x in (c.get("outlet"), c.get("title"), c.get("published")) if x
            )
            out.append(
                f"{n}. {where} — article `{c.get('article_id')}` characters "
                f"{c.get('start')}–{c.get('end')}{' — ' + c['url'] if c.get('url') else ''}"
            )
            out.append(f"   > {c.get('text', '')}")
        out.append("")
    return "\n".join(out)


def turn_record(answer: Answer) -> dict[str, Any]:
    """What an exported turn holds: the answer's JSON contract."""
    record = answer.as_dict()
    record.setdefault("citations", [citation_dict(c) for c in answer.citations])
    return record
