"""Verdicts that need the claimed words themselves, and attributions the articles dispute.

A short claim made mostly of stop words ("We will not be moved") must never match another
quote on "we will ... be" alone: absent means ``not_found``, present means ``verbatim``.
When outlets credit the same words to different people, the verdict follows the attribution
in the most articles (the earliest when tied) and the answer shows every attribution.
Quotes are placed by hand so these tests pin the engine, not the extractor.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answers.engine import Engine
from bot.verdicts.matching import match
from bot.verdicts.normalise import words
from ingest.config import Settings
from ingest.embedder import FakeEmbedder
from ingest.records import Article
from ingest.store import ArticleStore
from tests.corpus_builders import quote_at, write_corpus

STRIKE = (
    "“Nobody takes this decision lightly, but our members have waited eighteen months,” "
    "{who} said on Monday. "
    "“In two years we will be standing here with an empty reserve,” said Tomasz Brennan. "
    "“It is what it is,” said Ingrid Solberg. "
    "Pickets carried signs reading “Fair pay for the night shift now” past the gates."
)
ARTICLES = [  # (id, outlet, date, speaker of the first quote)
    ("w1", "Northern Wire", "2024-05-13", "Declan Morrow"),
    ("h1", "Harbour Times", "2024-05-13", "Declan Morrow"),
    ("d1", "The Daily Ledger", "2024-05-14", "Ingrid Solberg"),
]
FIRST = "Nobody takes this decision lightly, but our members have waited eighteen months,"


@pytest.fixture
def engine(tmp_path: Path) -> Engine:
    store = ArticleStore.open(Settings(data_dir=tmp_path / "data", embed_model="fake"))
    corpus = []
    for aid, outlet, date, who in ARTICLES:
        a = Article(aid, "Dock strike", STRIKE.format(who=who), outlet=outlet, published=date)
        quotes = [
            quote_at(a, FIRST, who, 0),
            quote_at(
                a, "In two years we will be standing here with an empty reserve,", "Brennan", 1
            ),
            quote_at(a, "It is what it is,", "Ingrid Solberg", 2),
        ]
        corpus.append((a, quotes))
    write_corpus(store, corpus)
    return Engine(store, FakeEmbedder(), today=dt.date(2024, 6, 1))


@pytest.mark.parametrize(
    ("claim", "speaker"),
    [
        ("We will not be moved", "Declan Morrow"),
        ("We will not be moved", ""),
        ("we will be leaving", "Tomasz Brennan"),
        ("It is not what we are", "Ingrid Solberg"),
    ],
)
def test_short_absent_claims_are_not_found(engine: Engine, claim: str, speaker: str) -> None:
    v = engine.verify(claim, speaker)
    assert v.verdict == "not_found", v.markdown
    assert v.evidence == []


@pytest.mark.parametrize(
    ("claim", "speaker", "found"),
    [
        ("It is what it is", "Ingrid Solberg", "Ingrid Solberg"),
        ("It is what it is", "", "Ingrid Solberg"),
        ("we will be standing here", "Brennan", "Brennan"),
        ("In two years we will be", "", "Brennan"),
    ],
)
def test_short_present_claims_are_verbatim(
    engine: Engine, claim: str, speaker: str, found: str
) -> None:
    v = engine.verify(claim, speaker)
    assert v.verdict == "verbatim" and v.found_speaker == found
    assert all(claim.lower() in e.text.lower() for e in v.evidence)


def test_short_claim_by_someone_else_is_misattributed(engine: Engine) -> None:
    v = engine.verify("It is what it is", "Tomasz Brennan")
    assert v.verdict == "misattributed" and v.found_speaker == "Ingrid Solberg"


def test_changed_content_word_in_a_short_claim_is_altered(engine: Engine) -> None:
    v = engine.verify("In two years we will be sitting here with an empty reserve", "Brennan")
    assert v.verdict == "altered"
    assert [(d.claimed, d.source) for d in v.diff if d.op != "equal"] == [("sitting", "standing")]


def test_disputed_words_verified_with_the_majority_speaker_are_verbatim(engine: Engine) -> None:
    v = engine.verify(FIRST, "Declan Morrow")
    assert v.verdict == "verbatim" and v.found_speaker == "Declan Morrow"
    assert [a.speaker for a in v.attributions] == ["Declan Morrow", "Ingrid Solberg"]
    assert "Attribution disputed" in v.markdown and "The Daily Ledger" in v.markdown
    assert {e.speaker for e in v.evidence} == {"Declan Morrow", "Ingrid Solberg"}


def test_disputed_words_verified_with_the_minority_speaker_are_misattributed(
    engine: Engine,
) -> None:
    v = engine.verify(FIRST, "Ingrid Solberg")
    assert v.verdict == "misattributed" and v.found_speaker == "Declan Morrow"
    assert "Ingrid Solberg in 1 article" in v.markdown
    assert v.evidence[0].speaker == "Declan Morrow"


def test_who_said_disputed_words_names_the_majority_first(engine: Engine) -> None:
    a = engine.ask(f"Who said “{FIRST}”?")
    assert a.markdown.startswith("**Declan Morrow** said it.")
    assert "Attribution disputed" in a.markdown
    assert a.quotes[0].quote.speaker == "Declan Morrow"


@pytest.mark.parametrize(
    ("claim", "target", "kind"),
    [
        ("We will not be moved", "In two years we will be standing here", "none"),
        ("we will be leaving", "we will be standing here", "none"),
        ("it is not what we are", "it is what it is", "none"),
        ("You can't do that any more", "you can't do that", "none"),
        ("we will not be moved", "they said we will not be moved today", "verbatim"),
        ("There is no question about it", "there is no question about it", "verbatim"),
        ("There is purple question about it", "there is no question about it", "altered"),
        ("we will not be cowed by threats", "we will not be moved by threats", "altered"),
    ],
)
def test_stop_words_alone_never_make_a_match(claim: str, target: str, kind: str) -> None:
    assert match(words(claim).tokens, words(target).tokens).kind == kind


def test_what_did_x_say_about_a_topic_named_only_around_the_quote(engine: Engine) -> None:
    a = engine.ask("What did Brennan say about strikes?")  # "strike" is only in the title
    assert [q.quote.text for q in a.quotes][:1] == [
        "In two years we will be standing here with an empty reserve,"
    ]
    assert "nothing" in engine.ask("What did Brennan say about bananas?").markdown


def test_who_said_words_in_marks_without_a_speaker_says_so(engine: Engine) -> None:
    a = engine.ask("Who said “fair pay for the night shift now”?")
    assert "in quotation marks, but I could not tell who said them" in a.markdown
    assert a.quotes == [] and a.citations
    b = engine.ask("Who said “pickets carried signs reading”?")
    assert "the reporter's own words" in b.markdown
