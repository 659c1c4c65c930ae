"""Reporting cues: which words are cues, and the cue rules that attribute around them
(``rule_according_to``, the participle rules); test ids are the deciding rule's name."""

from __future__ import annotations

import pytest

from ingest.quotes.cues import find_cues
from tests.quote_cases import kind_speaker_cue_quote, quads, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Dora Quill\u2019s right-hand man rallied volunteers, saying: "
            "\u201cWe have to be ready on day one.\u201d",
            [
                (
                    "Dora Quill\u2019s right-hand man",
                    "Dora Quill\u2019s right-hand man",
                    "saying",
                    "We have to be ready on day one.",
                )
            ],
            id="rule_participle_after_comma/possessor-is-not-the-speaker",
        ),
        pytest.param(
            'Hal Brook\'s longtime adviser greeted donors, saying "the race is close."',
            [
                (
                    "Hal Brook's longtime adviser",
                    "Hal Brook's longtime adviser",
                    "saying",
                    "the race is close.",
                )
            ],
            id="rule_participle_after_comma/possessed-adviser-straight-apostrophe",
        ),
    ],
)
def test_speaker_role_cue_and_quote(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert quads(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "According to Harbour Watch, the mayor praised the \u201cloyal crews\u201d on the "
            "quay, and she asked the owners to wait.",
            [
                (
                    "Harbour Watch",
                    "According to",
                    "the mayor praised the \u201cloyal crews\u201d on the quay, and she asked the "
                    "owners to wait",
                )
            ],
            id="rule_according_to/according-to-covers-every-clause-after-it",
        ),
        pytest.param(
            "According to a source close to the inquiry, detectives believe three people were "
            "involved.",
            [
                (
                    "a source close to the inquiry",
                    "According to",
                    "detectives believe three people were involved",
                )
            ],
            id="rule_according_to/source-close-to",
        ),
    ],
)
def test_content_and_speaker_bounds(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Ada Holm waved, mouthing "thank you" toward the crowd.',
            [("direct", "Ada Holm", "mouthing", "thank you")],
            id="rule_participle_after_comma/mouthed-words-end-at-the-mark",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        pytest.param('As Ada Holm had written, "No."', ["written"], id="perfect-participle"),
        pytest.param('A memo written by Ada Holm "on the quay".', [], id="participle-before-by"),
        pytest.param('The plan, praised by Ada Holm as "bold".', [], id="passive-praise"),
    ],
)
def test_marked_cue_before_by_is_a_participle(text: str, cues: list[str]) -> None:
    assert [c.text for c in find_cues(text, 0, len(text), [])] == cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'A "living wage" in Orvale is about $12 an hour, according to calculations by '
            "Amy Glas of the Lowell Institute.",
            [
                (
                    "mixed",
                    "Amy Glas",
                    "according to",
                    'A "living wage" in Orvale is about $12 an hour',
                )
            ],
            id="rule_according_to/according-to-a-document-by-a-person",
        ),
        pytest.param(
            "While most were rated \u201cconfidential,\u201d according to a ministry official, "
            "two were raised to the \u201cSecret\u201d level.",
            [
                (
                    "mixed",
                    "a ministry official",
                    "according to",
                    "two were raised to the \u201cSecret\u201d level",
                )
            ],
            id="rule_according_to/according-to-after-a-subordinate-clause",
        ),
        pytest.param(
            "He will attend because, according to Lund, the press would call him a "
            "\u201cchicken\u201d if he did not.",
            [
                (
                    "mixed",
                    "Lund",
                    "according to",
                    "the press would call him a \u201cchicken\u201d if he did not",
                )
            ],
            id="rule_according_to/according-to-after-because",
        ),
        pytest.param(
            "According to Tom Hale, a spokesman for the port, the ferry will run on Sunday.",
            [("indirect", "Tom Hale", "According to", "the ferry will run on Sunday")],
            id="rule_according_to/according-to-with-appositive-role",
        ),
    ],
)
def test_according_to_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The plan will pass, according to his spokesman.",
            [("indirect", "his spokesman", "according to", "The plan will pass")],
            id="rule_according_to/sentence-full-stop-is-not-part-of-the-speaker",
        ),
    ],
)
def test_source_phrase_edges(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected
