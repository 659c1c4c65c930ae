"""The engine's pure parts: matching, the grounding check, escaping, question reading."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answers.markdown import Composer, escape_markdown
from bot.answers.question import Conversation, parse_question
from bot.model.grounding import REMOVED_NOTE, Source, ground_answer
from bot.model.quoted import unescape
from bot.verdicts.matching import match
from bot.verdicts.normalise import words
from ingest.records import Citation
from ingest.store import ArticleInfo

TEXT = "“Kyiv is a sacred city, and we will never give it up,” she said."


@pytest.mark.parametrize(
    ("claim", "kind", "changed"),
    [
        ("KYIV is a sacred city", "verbatim", []),
        ('"and we will never give it up"', "verbatim", []),
        ("Kyiv is a holy city", "altered", [("holy", "sacred")]),
        ("Kyiv is sacred city and we will never", "altered", [("", "a")]),
        ("bananas grow on trees in Peru", "none", None),
    ],
)
def test_match(claim: str, kind: str, changed: list[tuple[str, str]] | None) -> None:
    m = match(words(claim).tokens, words(TEXT).tokens)
    assert m.kind == kind
    if changed is not None:
        assert [(d.claimed, d.source) for d in m.diff if d.op != "equal"] == changed


def test_match_offsets_map_back_to_the_text() -> None:
    w = words(TEXT)
    m = match(words("sacred city, and we").tokens, w.tokens)
    start, end = w.span(m.first, m.last)
    assert TEXT[start:end] == "sacred city, and we"


INFO = ArticleInfo("a1", "T", "Outlet", "", "2024-01-01", "", "", "v", 1, 1)
PASSAGE = "The mayor said “we will rebuild the bridge” on Monday."


def _cite(start: int, end: int) -> Citation:
    return Citation("a1", "Outlet", "T", "2024-01-01", "", start, end, PASSAGE[start:end])


def test_ground_answer_keeps_a_faithful_answer() -> None:
    md = "The mayor: “we will rebuild the bridge” [1]"
    g = ground_answer(md, [_cite(0, len(PASSAGE))], [Source("a1", 0, len(PASSAGE), PASSAGE)])
    assert g.clean and g.markdown == md


def test_ground_answer_removes_a_forged_quote_and_an_unretrieved_citation() -> None:
    forged = (
        "The mayor: “we will tear down the bridge” [1]\n"
        "Also “we will rebuild the bridge” [2]\n"
        'And an unmarked "invented words" here.'
    )
    outside = Citation("a9", "X", "T", "", "", 0, 5, "hello")
    g = ground_answer(
        forged, [_cite(0, len(PASSAGE)), outside], [Source("a1", 0, len(PASSAGE), PASSAGE)]
    )
    assert "tear down" not in g.markdown and "invented words" not in g.markdown
    assert g.removed == [
        "we will tear down the bridge",
        "we will rebuild the bridge",
        "invented words",
    ]
    assert g.markdown.count(REMOVED_NOTE) == 3
    assert [c.article_id for c in g.citations] == ["a1"] and "[2]" not in g.markdown


def test_ground_answer_rejects_a_citation_whose_text_differs_from_the_source() -> None:
    bad = Citation("a1", "Outlet", "T", "", "", 0, 9, "The maYor")
    g = ground_answer("x [1]", [bad], [Source("a1", 0, len(PASSAGE), PASSAGE)])
    assert g.citations == [] and not g.clean


def test_composer_escapes_article_text_and_quotes_survive_the_check() -> None:
    text = 'He said "<script>alert(1)</script> *now* [1]" twice'
    c = Composer()
    c.add(c.quote(INFO, 10, 10 + len(text), text), c.excerpt(INFO, 10, 10 + len(text), text))
    g = c.finish()
    assert g.clean, g.problems
    assert "<script>" not in g.markdown and r"\[1\]" in g.markdown
    assert unescape(escape_markdown("a *b* <c> & [d] #e")) == "a *b* <c> & [d] #e"


OUTLETS = ["The Daily Ledger", "Harbour Times"]
TODAY = dt.date(2024, 3, 20)


@pytest.mark.parametrize(
    ("question", "intent", "slots"),
    [
        ('Who said "Kyiv is a sacred city"?', "who_said", {"quote": "Kyiv is a sacred city"}),
        (
            "Who said that every day Ukraine pays a high price?",
            "who_said",
            {"quote": "every day Ukraine pays a high price"},
        ),
        (
            "Whose words are these: we will never give up",
            "who_said",
            {"quote": "we will never give up"},
        ),
        (
            'Did Guterres really say "Kyiv is a sacred city"?',
            "verify",
            {"speaker": "Guterres", "quote": "Kyiv is a sacred city"},
        ),
        (
            "What did Zelensky say about the blasts according to the Daily Ledger?",
            "what_said",
            {"speaker": "Zelensky", "topic": "the blasts", "outlets": ("The Daily Ledger",)},
        ),
        (
            "What did the mayor say in March?",
            "what_said",
            {"speaker": "the mayor", "since": "2024-03-01", "until": "2024-03-31"},
        ),
        ("What did Okafor say since 2022-03-01?", "what_said", {"since": "2022-03-01"}),
        (
            "What did Okafor say last week?",
            "what_said",
            {"since": "2024-03-11", "until": "2024-03-17"},
        ),
        ("Compare accounts of the Kyiv blasts", "compare", {"topic": "the Kyiv blasts"}),
        ("How do the accounts of the flood differ?", "compare", {"topic": "the flood"}),
        ("Why was Guterres in Kyiv?", "passages", {"topic": "Why was Guterres in Kyiv"}),
    ],
)
def test_parse_question(question: str, intent: str, slots: dict[str, object]) -> None:
    p = parse_question(question, OUTLETS, TODAY, [2024])
    assert p.intent == intent
    for name, value in slots.items():
        assert getattr(p, name) == value, name


def test_follow_ups_use_the_conversation() -> None:
    conv = Conversation(last=parse_question("What did Okafor say in the Harbour Times?", OUTLETS))
    more = parse_question("What else did he say?", OUTLETS, conversation=conv)
    assert more.intent == "what_said" and more.follow_up == "more"
    other = parse_question("And the other outlet?", OUTLETS, conversation=conv)
    assert other.outlets == ("The Daily Ledger",) and other.speaker == "Okafor"
