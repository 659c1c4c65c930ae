"""Claims whose meaning differs from what the speaker said are never a paraphrase.

The five shapes a fact-checker tried on a real wire story, on a fictional article of the same
shape (tests/data/meaning), ingested with the real extractor: a changed number, an opposite
word, a paraphrase of reported speech, a changed number in a paraphrased quote, and words
added to a near quote. Each is checked in the CLI, the chat and the Verify tab.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from bot.service import Quotecheck
from bot.web.callbacks import WebCallbacks
from bot.web.html import verdict_card
from ingest.config import load_settings

ARTICLE = Path(__file__).resolve().parent / "data" / "meaning" / "varnholm-blasts.txt"

SEED_SHAPES = [  # claim, speaker, verdict, (difference kind, claimed, source) or None
    (
        "Kestria fired three missiles into the Halden capital",
        "the city's mayor",
        "contradicted",
        ("number", "three", "two"),
    ),
    (
        "the Kestrian claims of persecution are true",
        "Halden",
        "contradicted",
        ("antonym", "true", "nonsense"),
    ),
    ("Halden is fighting a land grab", "Halden", "paraphrase", None),
    (
        "review the lane after six months",
        "Ilse Varga",
        "contradicted",
        ("number", "six", "twelve"),
    ),
    ("Halden needs a quick and total victory", "Halden's chief of staff", "altered", None),
]
IDS = ["number", "opposite", "reported-paraphrase", "number-in-paraphrase", "words-added"]


@pytest.fixture
def service() -> Quotecheck:
    qc = Quotecheck(load_settings())
    assert qc.ingest([str(ARTICLE)]).count("new") == 1
    return qc


def _check(verdict: dict[str, object], expected: str, difference: tuple | None) -> None:
    assert verdict["verdict"] == expected
    found = [(d["kind"], d["claimed"], d["source"]) for d in verdict["differences"]]  # type: ignore[attr-defined]
    if difference is not None:
        assert difference in found
    if expected == "paraphrase":
        assert found == [] and verdict["evidence"][0]["matched"]  # type: ignore[index]


@pytest.mark.parametrize(("claim", "speaker", "expected", "difference"), SEED_SHAPES, ids=IDS)
def test_cli_verify(
    claim: str,
    speaker: str,
    expected: str,
    difference: tuple | None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["ingest", str(ARTICLE)]) == 0
    capsys.readouterr()
    assert main(["verify", claim, "--speaker", speaker, "--json"]) == 0
    _check(json.loads(capsys.readouterr().out), expected, difference)


@pytest.mark.parametrize(("claim", "speaker", "expected", "difference"), SEED_SHAPES, ids=IDS)
def test_chat(
    service: Quotecheck, claim: str, speaker: str, expected: str, difference: tuple | None
) -> None:
    answer = service.ask(f"Did {speaker} say {claim}?")
    assert answer.intent == "verify" and answer.verdict is not None
    _check(answer.verdict.as_dict(), expected, difference)
    assert f"**{expected.capitalize()}.**" in answer.markdown
    if difference is not None:
        kind, claimed, said = difference
        assert f"{kind}: claimed *{claimed}*, the source says *{said}*" in answer.markdown
        assert f" **{said}** " in answer.markdown  # the source's word highlighted, spaced


@pytest.mark.parametrize(("claim", "speaker", "expected", "difference"), SEED_SHAPES, ids=IDS)
def test_verify_tab(
    service: Quotecheck, claim: str, speaker: str, expected: str, difference: tuple | None
) -> None:
    card, diff, evidence, _provenance = WebCallbacks(service).verify(claim, speaker, None, "", "")
    assert f'data-verdict="{expected}"' in card
    if difference is not None:
        assert f'data-difference="{difference[0]}"' in card
        assert f'<mark class="qc-differs">{difference[2]}</mark>' in evidence
    if expected == "altered":
        assert "<del" in diff and "and total" in diff


def test_words_added_to_a_near_quote_are_shown_as_the_change(service: Quotecheck) -> None:
    v = service.verify("Halden needs a quick and total victory", "Halden's chief of staff")
    assert {"op": "delete", "claimed": "and total", "source": ""} in [d.as_dict() for d in v.diff]


def test_a_replaced_word_shows_both_sides_everywhere(service: Quotecheck) -> None:
    claim = "The lane will be reviewed once twelve weeks are up"
    v = service.verify(claim, "Ilse Varga")
    assert v.verdict == "altered"
    replace = {"op": "replace", "claimed": "weeks", "source": "months"}
    assert replace in v.as_dict()["diff"]
    assert "~~weeks~~ **months**" in v.markdown  # chat and the Markdown export
    _card, diff, _ev, _prov = WebCallbacks(service).verify(claim, "Ilse Varga", None, "", "")
    assert "<del>weeks</del> <ins>months</ins>" in diff  # the Verify tab


def test_a_number_changed_in_a_near_quote_is_altered_and_flagged(service: Quotecheck) -> None:
    v = service.verify("The lane will be reviewed once six months are up", "Ilse Varga")
    assert v.verdict == "altered"
    assert [(d.kind, d.claimed, d.source) for d in v.differences] == [("number", "six", "twelve")]
    assert "Change of meaning" in v.markdown


def test_a_negation_added_to_reported_speech_is_contradicted(service: Quotecheck) -> None:
    v = service.verify("the city would not open a bus lane on the bridge", "Ilse Varga")
    assert v.verdict == "contradicted"
    assert [d.kind for d in v.differences] == ["negation"]


def test_the_reported_clause_itself_is_a_paraphrase(service: Quotecheck) -> None:
    v = service.verify("the city would open a bus lane on the bridge", "Ilse Varga")
    assert v.verdict in ("paraphrase", "verbatim") and v.differences == ()


def test_a_stitched_quote_is_altered_with_both_places(service: Quotecheck) -> None:
    v = service.verify(
        "There was an attack that shocked me, because every day Halden pays a high price",
        "Maren Oduya",
    )
    assert v.verdict != "paraphrase" and v.verdict != "verbatim"


def test_a_claim_with_an_ellipsis_matches_the_words_in_order(service: Quotecheck) -> None:
    v = service.verify(
        "The lane will be reviewed once twelve months are up ... every figure will be published",
        "Ilse Varga",
    )
    assert v.verdict == "verbatim" and v.found_speaker.endswith("Varga")
    wrong_order = service.verify(
        "every figure will be published ... The lane will be reviewed", "Ilse Varga"
    )
    assert wrong_order.verdict != "verbatim"


@pytest.mark.parametrize(
    "question",
    [
        'Who called it an "imperial-style land grab"?',
        "Whose words are these: it is fighting an imperial-style land grab",
        'Where does the quote "fighting an imperial-style land grab" come from?',
        "it is fighting an imperial-style land grab",
    ],
)
def test_question_shapes_reach_who_said(service: Quotecheck, question: str) -> None:
    answer = service.ask(question)
    assert answer.intent == "who_said"
    assert answer.quotes and answer.quotes[0].quote.speaker == "Halden"


def test_a_bare_statement_no_one_said_falls_back_to_a_passage_search(service: Quotecheck) -> None:
    answer = service.ask("the weather in the northern hills was mild and dry all week")
    assert answer.intent == "passages"


@pytest.mark.parametrize("claim", ["the", "of the", "X"])
def test_a_claim_of_no_content_word_is_not_checked(service: Quotecheck, claim: str) -> None:
    v = service.verify(claim, "Ilse Varga")
    assert v.verdict == "not_found" and v.evidence == []
    assert "nothing to check" in v.markdown
    assert "nothing to check" in v.as_dict()["note"]  # the CLI's --json and the web card
    assert "nothing to check" in verdict_card(v)
