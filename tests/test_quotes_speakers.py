"""Who speaks: subjects, appositives, roles, sources after "according to", colons and
signatures, with made-up sentences."""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted, kind_speaker_cue_quote


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        pytest.param(
            '"It is over," said the organiser, Petra Lindgren.',
            "Petra Lindgren",
            "the organiser",
            id="name-after-role-noun-is-the-speaker",
        ),
        pytest.param(
            "The city's mayor said the bridge would reopen soon.",
            "The city's mayor",
            "the city's mayor",
            id="role-kept-as-written",
        ),
        pytest.param(
            '"The levy is a scam," Senate Minority Leader Harry M. Reid (D-Nev.) said.',
            "Senate Minority Leader Harry M. Reid (D-Nev.)",
            "Senate Minority Leader",
            id="party-in-parentheses-not-in-role",
        ),
        pytest.param(
            'Mayor Tom Hale, speaking on WXR, said the plan "works" for now.',
            "Mayor Tom Hale",
            "Mayor",
            id="participle-clause-is-no-role",
        ),
        pytest.param(
            '"A," said Rafe Panto, director of studies at the Lowell Institute.',
            "Rafe Panto",
            "director of studies at the Lowell Institute",
            id="role-without-article-after-name",
        ),
    ],
)
def test_speaker_and_role(text: str, speaker: str, role: str) -> None:
    found = extracted(text)
    assert [(q.speaker, q.role) for q in found] == [(speaker, role)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"Let me help you - the answer is no," the Republican vice-presidential nominee '
            "riffed on the reply.",
            [
                (
                    "direct",
                    "the Republican vice-presidential nominee",
                    "riffed",
                    "Let me help you - the answer is no",
                )
            ],
            id="trailing-role-with-capitalised-words",
        ),
        pytest.param(
            "\u201cThey are all here for free stuff,\u201d Bennett shot back with a laugh.",
            [("direct", "Bennett", "shot back", "They are all here for free stuff")],
            id="trailing-verb-particle-then-with",
        ),
        pytest.param(
            "Senate Leader Ida Moss, R-Ky., delivered a blunt message to Lund: "
            '"It is time to quit attacking people."',
            [("direct", "Senate Leader Ida Moss", "", "It is time to quit attacking people.")],
            id="subject-with-party-appositive-then-colon",
        ),
        pytest.param(
            "In response to the loss of life, the Republican presidential nominee Ida Moss "
            "issued the following statement:\n\n\u201cOur prayers are with the families.\u201d",
            [("direct", "Ida Moss", "", "Our prayers are with the families.")],
            id="statement-announced-far-into-the-sentence",
        ),
        pytest.param(
            '"The port is run by a lunatic," the Florida senator and Republican candidate said.',
            [
                (
                    "direct",
                    "the Florida senator and Republican candidate",
                    "said",
                    "The port is run by a lunatic",
                )
            ],
            id="opening-quote-when-the-speaker-has-and",
        ),
    ],
)
def test_more_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "As for Lund's continual attacks on the process, Ruiz said she was focused on "
            "\u201ctransparency\u201d in the vote.",
            [("mixed", "Ruiz", "said", "she was focused on \u201ctransparency\u201d in the vote")],
            id="plural-noun-is-no-cue",
        ),
        pytest.param(
            "Lund during a rally on Sunday thanked its members \u201cfor their support\u201d here.",
            [("mixed", "Lund", "thanked", "its members \u201cfor their support\u201d here")],
            id="subject-before-setting-phrases",
        ),
        pytest.param(
            'Ruiz in a statement said the port was "closed for good."',
            [("mixed", "Ruiz", "said", 'the port was "closed for good."')],
            id="subject-before-in-a-statement",
        ),
        pytest.param(
            "The two argued over which Senate bill was better so long that Gov. Ana Ruiz said, "
            '"I need a translator."',
            [("direct", "Gov. Ana Ruiz", "said", "I need a translator.")],
            id="that-clause-subject-not-relative",
        ),
    ],
)
def test_subject_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_party_and_state_after_a_name_are_no_appositive() -> None:
    text = '"Perpetual motion!" Rep. Glenn Tam, R-Pa., said of the swirl of events.'
    assert kind_speaker_cue_quote(text) == [
        ("direct", "Rep. Glenn Tam", "said", "Perpetual motion!")
    ]


def test_clause_opening_with_a_verb_names_no_speaker() -> None:
    assert (
        kind_speaker_cue_quote('This prompted the tabloid to run a cover saying "Go home, Hil!"')
        == []
    )


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
            id="pronoun-after-a-setting-and-quote-in-parentheses",
        ),
        pytest.param(
            "The fear of softness (''This is less a crisis than an occupation,'' Mona Crow "
            "wrote last week) is everywhere.",
            [("direct", "Mona Crow", "wrote", "This is less a crisis than an occupation")],
            id="quote-opening-a-parenthesis",
        ),
        pytest.param(
            "In a radio interview later that day, Lund went even further: \u201cIf he loses, "
            "it is the end of his career.\u201d",
            [("direct", "Lund", "", "If he loses, it is the end of his career.")],
            id="colon-after-a-long-clause-with-a-named-subject",
        ),
        pytest.param(
            'The plan, drawn up over the summer by the council, has three parts: "build, repair '
            'and wait."',
            [],
            id="colon-after-a-clause-with-no-speaker",
        ),
        pytest.param(
            "Lund wrote to his 20,000 followers, \u201cIt is time to end her career,\u201d and "
            "shared a link.",
            [("direct", "Lund", "wrote", "It is time to end her career")],
            id="told-object-with-a-number-then-quote",
        ),
    ],
)
def test_colon_and_parenthesis_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_quote_paragraph_signed_on_the_next_line() -> None:
    text = (
        "We do not award points.\n\n"
        '"Almost all new income is going to the top one percent."\n\n'
        "- Ana Ruiz.\n\nThe figure is outdated."
    )
    assert kind_speaker_cue_quote(text) == [
        ("direct", "Ana Ruiz", "", "Almost all new income is going to the top one percent.")
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "They pull the lever for \u201cR,\u201d or \u201cD,\u201d according to their "
            "instinctive preference.",
            [],
            id="according-to-a-possession-is-no-source",
        ),
        pytest.param(
            'CHICAGO - Rahm Emmet said the worst was "over" for the city.',
            [("mixed", "Rahm Emmet", "said", 'the worst was "over" for the city')],
            id="dateline-is-not-part-of-the-speaker",
        ),
        pytest.param(
            "The plan will pass, according to his spokesman.",
            [("indirect", "his spokesman", "according to", "The plan will pass")],
            id="sentence-full-stop-is-not-part-of-the-speaker",
        ),
    ],
)
def test_source_phrase_edges(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_show_title_between_cue_and_that_clause() -> None:
    text = 'Sanders said on ABC\'s "This Week" that he would "take a look" at the bill.'
    assert kind_speaker_cue_quote(text) == [
        ("mixed", "Sanders", "said", 'that he would "take a look" at the bill')
    ]
