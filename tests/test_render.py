"""Rendering answers, verdicts and citations: untrusted text stays inert, spans are marked."""

from __future__ import annotations

import json
import re

import pytest

from bot.answers.records import Answer, Verdict
from bot.verdicts.matching import DiffOp
from bot.web import html as render
from ingest.records import Citation

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[tickets](javascript:alert(1))",
    "![x](javascript:alert(1))",
    "<javascript:alert(1)>",
    '"><svg onload=alert(1)>',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_esc_leaves_no_markup(text: str) -> None:
    out = render.esc(text)
    assert not re.search(r"[<>\[\]()\"']", out)
    assert "javascript:" not in out
    # the reader still sees the characters: entities decode back to the original text
    import html

    assert html.unescape(out) == text


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://www.dailyledger.example/a", True),
        ("http://x.example/b?c=1", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>", False),
        ('https://x.example/"onmouseover=alert(1)', False),
        ("", False),
    ],
)
def test_safe_url_allows_only_plain_http_links(url: str, ok: bool) -> None:
    assert bool(render.safe_url(url)) is ok


def test_safe_markdown_keeps_engine_escapes_and_neutralises_raw_markup() -> None:
    md = "> “We said \\[no\\]” [1]\n**Priya** <script>x</script> [a](javascript:alert(1))"
    out = render.safe_markdown(md)
    assert out.startswith("> “We said \\[no\\]” \\[1\\]")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "[a](" not in out and "\\[a\\](javascript" in out


ARTICLE = "Intro words here. The sluice gates were never designed for this, she said. More text."
SPAN = "The sluice gates were never designed for this,"


def _citation(**kw: object) -> Citation:
    start = ARTICLE.index(SPAN)
    values: dict[str, object] = dict(
        article_id="a1",
        outlet="The Daily Ledger",
        title="Dam <b>pumps</b>",
        published="2024-03-14",
        url="https://www.dailyledger.example/x",
        start=start,
        end=start + len(SPAN),
        text=SPAN,
    )
    values.update(kw)
    return Citation(**values)  # type: ignore[arg-type]


def test_citation_opens_on_the_passage_with_the_cited_span_marked() -> None:
    out = render.citation_html(2, _citation(), ARTICLE)
    assert out.startswith('<details class="qc-cite" data-cite="2">')
    assert "[2]" in out and "The Daily Ledger" in out and "2024-03-14" in out
    marked = re.search(r'<mark class="qc-span">(.*?)</mark>', out)
    assert marked and render.esc(SPAN) == marked.group(1)
    assert render.esc("Intro words here. ") in out  # context before the span
    assert "<b>" not in out  # the title is text, not markup
    assert 'href="https://www.dailyledger.example/x"' in out


def test_citation_with_a_stale_span_shows_only_the_cited_text() -> None:
    out = render.citation_html(1, _citation(), "a different article text altogether")
    assert f'<mark class="qc-span">{render.esc(SPAN)}</mark>' in out


def test_citation_drops_a_javascript_url() -> None:
    out = render.citation_html(1, _citation(url="javascript:alert(1)"), ARTICLE)
    assert "href" not in out and "javascript:" not in out


def test_passage_window_cuts_at_spaces_and_flags_clipping() -> None:
    text = "word " * 200 + "TARGET" + " tail" * 200
    start = text.index("TARGET")
    view = render.passage_window(text, start, start + 6, radius=20)
    assert view.span == "TARGET"
    assert view.clipped_start and view.clipped_end
    assert view.before.startswith("word") and view.after.endswith("tail")


@pytest.mark.parametrize(
    ("verdict", "colour", "label"),
    [
        ("verbatim", "qc-green", "Verbatim"),
        ("altered", "qc-amber", "Altered"),
        ("paraphrase", "qc-blue", "Paraphrase"),
        ("misattributed", "qc-red", "Misattributed"),
        ("not_found", "qc-grey", "Not found"),
    ],
)
def test_verdict_card_colour_and_label(verdict: str, colour: str, label: str) -> None:
    v = Verdict("some words", "Odile Fenwick", verdict, found_speaker="Priya <i>N</i>")  # type: ignore[arg-type]
    out = render.verdict_card(v)
    assert colour in out and label in out and f'data-verdict="{verdict}"' in out
    assert "<i>" not in out


def test_diff_marks_dropped_and_source_words() -> None:
    ops = (
        DiffOp("equal", "the gates were", "the gates were"),
        DiffOp("replace", "built", "designed"),
        DiffOp("delete", "really", ""),
        DiffOp("insert", "", "never"),
    )
    out = render.diff_html(ops)
    assert "<del>built</del> <ins>designed</ins>" in out
    assert '<del title="not in the source">really</del>' in out
    assert '<ins title="in the source">never</ins>' in out


def test_answer_message_has_markdown_then_numbered_sources() -> None:
    answer = Answer(
        "Who said it?", "who_said", "**Priya Nandakumar** said “x” [1]", [], [_citation()]
    )
    out = render.answer_message(answer, lambda _id: ARTICLE)
    assert out.index("Priya") < out.index('data-cite="1"')
    assert '<a class="qc-ref" href="#qc-t0-c1" title="source 1">[1]</a>' in out


def test_markers_link_to_their_cards_and_forged_ones_stay_text() -> None:
    """The engine's [n] links to card n (its passage, inside the ``<details>``, so that
    following the link opens it); a [1] written in an article, or a number with no card,
    is text."""
    markdown = "“x” [1] and “y” [2]; the article wrote \\[1\\] and [7]"
    answer = Answer("q", "who_said", markdown, [], [_citation(), _citation(article_id="a2")])
    out = render.answer_message(answer, lambda _id: ARTICLE, turn=3)
    links = re.findall(r'<a class="qc-ref" href="#(qc-t3-c\d)"', out)
    assert links == ["qc-t3-c1", "qc-t3-c2"]
    for target in links:
        card = re.search(rf'<details class="qc-cite"[^>]*>(?:(?!</details>).)*id="{target}"', out)
        assert card, f"no card holds #{target}"
    assert "\\[1\\]" in out and "\\[7\\]" in out
    assert "<b>" not in out


def test_later_cards_of_one_article_skip_what_is_unknown() -> None:
    unknown = _citation(outlet="", published="")
    out = render.citations_html([unknown, unknown], lambda _id: ARTICLE)
    summaries = re.findall(r"<summary>(.*?)</summary>", out)
    assert "outlet unknown" in summaries[0] and "date unknown" in summaries[0]
    assert "unknown" not in summaries[1] and "Dam" in summaries[1]


def test_streamed_chunks_end_with_the_whole_message() -> None:
    message = "\n\n".join(f"para {i}" for i in range(7))
    chunks = render.answer_chunks(message)
    assert chunks[-1] == message and len(chunks) > 1
    assert all(message.startswith(c) for c in chunks)


def test_exports_carry_question_answer_and_citations() -> None:
    answer = Answer("Who said it?", "who_said", "Priya said it [1]", [], [_citation()])
    turn = render.turn_record(answer)
    data = json.loads(render.conversation_json([turn]))
    cite = data["conversation"][0]["citations"][0]
    assert cite["text"] == ARTICLE[cite["start"] : cite["end"]]
    md = render.conversation_markdown([turn])
    assert "## Who said it?" in md and "1. The Daily Ledger" in md and f"> {SPAN}" in md


def test_shared_quotes_name_where_they_appear_not_raw_records() -> None:
    from bot.answers.records import Comparison, OutletAccount, QuoteUse, SharedQuote

    occurrence = QuoteUse(
        article_id="a1",
        outlet="Harbour <b>Times</b>",
        published="2024-05-13",
        start=185,
        end=308,
        text="Nobody takes this decision lightly",
        speaker="Declan Morrow",
    )
    cmp = Comparison(
        topic="strike",
        outlets=[OutletAccount("Harbour Times")],
        shared_quotes=[SharedQuote("Nobody takes this decision lightly", [], [], [occurrence])],
    )
    html = render.comparison_html(cmp)
    assert render.esc("Harbour <b>Times</b> 2024-05-13 (chars 185-308)") in html
    assert "article_id" not in html and "<b>Times</b>" not in html


LINK_PAYLOADS = [
    "https://evil.example/a",
    "www.evil.example/b",
    "mailto:x@evil.example",
    "y@evil.example",
    "<https://evil.example/c>",
    "[here](https://evil.example/d)",
]


@pytest.mark.parametrize("payload", LINK_PAYLOADS)
def test_no_url_or_address_can_become_a_link(payload: str) -> None:
    from bot.answers.markdown import escape_markdown
    from bot.model.quoted import unescape
    from bot.web.html import esc, safe_markdown

    for out in (esc(payload), escape_markdown(payload), safe_markdown(payload)):
        assert "://" not in out and "www." not in out.lower() and "@" not in out
        assert "mailto:" not in out and "<" not in out
        assert re.search(r"(?<!\\)\]\(", out) is None  # no unescaped link syntax
    assert unescape(escape_markdown(payload)) == payload
