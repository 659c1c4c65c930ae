"""Pronoun speakers: resolved to the previous speaker, the sentence-opening person or the
nearest person named (test ids are the deciding rule's name)."""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted, kind_speaker_cue_quote


def test_question_opening_the_previous_sentence_is_no_subject() -> None:
    found = extracted("Was Ida Rowe satisfied with the answer?\n\n\u201cNot quite,\u201d she said.")
    assert [(q.speaker, q.canonical_speaker) for q in found] == [("she", "Ida Rowe")]


def test_pronoun_resolved_to_nearest_person() -> None:
    text = (
        'Dr. Helen Marsh runs the clinic in Lowbridge.\n\n"We see forty patients a day," she said.'
    )
    (q,) = extracted(text)
    assert (q.speaker, q.canonical_speaker, q.method) == ("she", "Helen Marsh", "pronoun")


def test_pronoun_prefers_the_previous_speaker_over_a_nearer_name() -> None:
    text = (
        '"The vote was fair," Senator Ines Carvalho said of her rival Joao Pereira.\n\n'
        '"We will work together," she added.'
    )
    found = extracted(text)
    assert [(q.speaker, q.canonical_speaker, q.method) for q in found] == [
        ("Senator Ines Carvalho", "Ines Carvalho", "explicit"),
        ("she", "Ines Carvalho", "pronoun"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Marta Ruiz spoke last. "It is not true." She said the levy would pass anyway.',
            [("indirect", "She", "said", "the levy would pass anyway")],
            id="rule_noun_phrase_before_cue/full-stop-in-quote-then-capital-pronoun-opens-a-sentence",
        ),
        pytest.param(
            'Ida Moss says she will "work hard" until 7 p.m. She says "the turnout is good."',
            [
                ("mixed", "Ida Moss", "says", 'she will "work hard" until 7 p.m'),
                ("direct", "She", "says", "the turnout is good."),
            ],
            id="rule_noun_phrase_before_cue/p-m-ends-a-sentence-before-a-pronoun",
        ),
        pytest.param(
            'She greeted 2,000 supporters and told them, "We will build it."',
            [("direct", "She", "told", "We will build it.")],
            id="rule_speaker_before_cue/pronoun-subject-of-joined-clause",
        ),
        pytest.param(
            'As for the levy \u2014 "We will see," she said.',
            [("direct", "she", "said", "We will see")],
            id="rule_noun_phrase_before_cue/dash-lead-in-is-the-reporters",
        ),
        pytest.param(
            'He\'s predicting the levy will do "very, very well" in June.',
            [("mixed", "He", "predicting", 'the levy will do "very, very well" in June')],
            id="rule_noun_phrase_before_cue/contracted-is-before-progressive-cue",
        ),
        pytest.param(
            '"We need a new board," she writes. "So, who?" Her notes were redacted.',
            [("direct", "she", "writes", "We need a new board"), ("direct", "she", "", "So, who?")],
            id="rule_noun_phrase_before_cue/short-follow-on-quote-then-a-new-sentence",
        ),
        pytest.param(
            "The banks grew into what they called ''money stores,'' all under one roof.",
            [("direct", "they", "called", "money stores")],
            id="rule_noun_phrase_before_cue/called-then-the-quoted-name",
        ),
        pytest.param(
            '"We have to look at the whole budget," she went on.',
            [("direct", "she", "went on", "We have to look at the whole budget")],
            id="rule_noun_phrase_before_cue/went-on-after-a-quote",
        ),
        pytest.param(
            'When she returned she began by saying, "Nobody goes to prison today."',
            [("direct", "she", "saying", "Nobody goes to prison today.")],
            id="rule_noun_phrase_before_cue/began-by-saying",
        ),
        pytest.param(
            'At the gate, they held banners proclaiming: "Save the ferry!"',
            [("direct", "they", "proclaiming", "Save the ferry!")],
            id="rule_speaker_before_cue/participle-of-a-marked-cue-before-a-colon",
        ),
        pytest.param(
            '"He is always grumpy," she said, but despite the tone, "he will do it," said Ida'
            " Moss.",
            [
                ("direct", "she", "said", "He is always grumpy"),
                ("direct", "Ida Moss", "said", "he will do it"),
            ],
            id="rule_noun_phrase_before_cue/a-second-quote-with-its-own-speaker-after-an-attributed-one",
        ),
        pytest.param(
            'Ida Moss argued that the pier was safe: "Nobody fell in," she said.',
            [
                ("indirect", "Ida Moss", "argued", "that the pier was safe"),
                ("direct", "she", "said", "Nobody fell in"),
            ],
            id="rule_noun_phrase_before_cue/a-claim-then-a-quote-with-its-own-cue",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "She declared \u201cWhat a night!\u201d and said that her campaign would go on "
            "\u201cto break barriers\u201d across the state.",
            [
                ("direct", "She", "declared", "What a night!"),
                (
                    "mixed",
                    "She",
                    "said",
                    "that her campaign would go on \u201cto break barriers\u201d across the state",
                ),
            ],
            id="rule_noun_phrase_before_cue/and-said-after-a-whole-quote",
        ),
    ],
)
def test_reported_speech_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'At a rally she called him "kind." (She also noted, "When you attack him, he hits '
            'back.")',
            [
                ("mixed", "she", "called", 'him "kind."'),
                ("direct", "She", "noted", "When you attack him, he hits back."),
            ],
            id="rule_noun_phrase_before_cue/pronoun-after-a-setting-and-quote-in-parentheses",
        ),
    ],
)
def test_colon_and_parenthesis_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected
