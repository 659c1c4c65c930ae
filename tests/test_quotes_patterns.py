"""Less common attribution shapes seen in real news, with made-up sentences."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from ingest.records import Article


def triples(text: str) -> list[tuple[str, str, str, str]]:
    found = extract_quotes(Article(id="t", title="t", text=text))
    for q in found:
        assert text[q.start : q.end] == q.text
    return [(q.kind, q.speaker, q.cue, q.text) for q in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"Would the levy pass?" Hanna Roos pressed.',
            [("direct", "Hanna Roos", "pressed", "Would the levy pass?")],
            id="any-verb-after-opening-quote",
        ),
        pytest.param(
            '"The audit is closed," read the statement.',
            [("direct", "the statement", "read", "The audit is closed")],
            id="inverted-any-verb-document",
        ),
        pytest.param(
            "Orla Finch: \u2018We Will Win The County.\u2019",
            [("direct", "Orla Finch", "", "We Will Win The County.")],
            id="headline-name-colon",
        ),
        pytest.param(
            "The mayor shook her head and said, \u201cNo.\u201d",
            [("direct", "The mayor", "said", "No.")],
            id="coordinated-verbs",
        ),
        pytest.param(
            'Dale Ortiz went on to say, "The port will be rebuilt."',
            [("direct", "Dale Ortiz", "say", "The port will be rebuilt.")],
            id="went-on-to-say",
        ),
        pytest.param(
            'Pia Lund told the crowd on Sunday, "We are not done yet."',
            [("direct", "Pia Lund", "told", "We are not done yet.")],
            id="told-object-then-quote",
        ),
        pytest.param(
            '"Thank you, Marlow!" Gus Ivers tweeted on Friday.',
            [("direct", "Gus Ivers", "tweeted", "Thank you, Marlow!")],
            id="exclamation-then-attribution-same-sentence",
        ),
        pytest.param(
            "Like the old budget, Ms. Vance said, the new plan cuts the bus routes in half.",
            [("indirect", "Ms. Vance", "said", "the new plan cuts the bus routes in half")],
            id="parenthetical-attribution",
        ),
        pytest.param(
            "Ruth Kell said Thursday she would leave the board in June.",
            [("indirect", "Ruth Kell", "said", "she would leave the board in June")],
            id="time-word-after-cue",
        ),
        pytest.param(
            'Tomas Reyes, 67, a retired welder in Alder, Ore., said, "It broke my heart."',
            [("direct", "Tomas Reyes", "said", "It broke my heart.")],
            id="age-and-place-appositives",
        ),
        pytest.param(
            "Mia Dorn said she would speak on \u201cMorning Forum.\u201d",
            [("mixed", "Mia Dorn", "said", "she would speak on \u201cMorning Forum.\u201d")],
            id="show-title-inside-reported-speech",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert triples(text) == expected


def test_show_name_after_on_is_not_the_quote() -> None:
    text = '"We expected this," Lars Bo said on "Weekend Talk."'
    assert triples(text) == [("direct", "Lars Bo", "said", "We expected this")]


def test_sign_with_no_speaker_opening_a_sentence_is_not_inherited() -> None:
    text = (
        '"We will fix the pier," Rosa Amat said.\n\n"Sons of the Harbour" is a play about the town.'
    )
    assert [t[3] for t in triples(text)] == ["We will fix the pier"]
