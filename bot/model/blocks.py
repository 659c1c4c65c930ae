"""The cited spans given to the model, numbered like the answer's citations, as DATA blocks.

Article text is untrusted: it is escaped inside its block so that it can never close it or
pass for instructions, and each block says who the index records speaking its quotes.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from bot.index.quote_index import Entry, QuoteIndex
from ingest.records import Citation

KIND_NAMES = {"direct": "direct", "fragment": "direct", "mixed": "mixed", "indirect": "reported"}


def _attr(value: str) -> str:
    return html.escape(" ".join(value.split()), quote=True)


def _body(text: str) -> str:
    """Article text inside a block: ``<``, ``>`` and ``&`` escaped, so it cannot close it."""
    return html.escape(text, quote=False)


def quotes_in(index: QuoteIndex, c: Citation) -> list[Entry]:
    """Quote entries of the index inside (or around) a cited span."""
    out = []
    for i in index.by_article.get(c.article_id, []):
        e = index.entries[i]
        if e.kind != "text" and e.quote is not None and e.start < c.end and e.end > c.start:
            out.append(e)
    return out


def passages_block(citations: Sequence[Citation], index: QuoteIndex) -> str:
    """The spans given to the model, numbered like the answer's citations, as DATA blocks."""
    blocks = []
    for n, c in enumerate(citations, 1):
        attrs = f'id="{n}" outlet="{_attr(c.outlet)}" date="{_attr(c.published)}"'
        attrs += f' title="{_attr(c.title)}"'
        quotes = quotes_in(index, c)
        own = [e for e in quotes if e.start <= c.start and e.end >= c.end]
        if own and own[0].speaker_key:
            e = own[0]
            kind = KIND_NAMES.get(e.quote.kind if e.quote else e.kind, "reported")
            attrs += f' speaker="{_attr(index.display_name(e.speaker_key))}" kind="{kind}"'
            blocks.append(f"<passage {attrs}>\n{_body(c.text)}\n</passage>")
            continue
        inner = [
            f'<quote speaker="{_attr(index.display_name(e.speaker_key))}" '
            f'kind="{KIND_NAMES.get(e.quote.kind, "reported")}">{_body(e.text)}</quote>'
            for e in quotes
            if e.speaker_key and e.quote is not None
        ]
        quoted = ("\n<quotes>\n" + "\n".join(inner) + "\n</quotes>") if inner else ""
        blocks.append(f"<passage {attrs}>\n{_body(c.text)}{quoted}\n</passage>")
    return "\n\n".join(blocks)
