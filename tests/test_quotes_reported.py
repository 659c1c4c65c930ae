"""Reported speech with quoted fragments, attitude cues, partial quotes and speaker/role
shapes seen in real news, with made-up sentences."""

from __future__ import annotations

import pytest

from tests.quote_cases import kind_speaker_cue_quote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mayor Tom Hale called Lund a \u201cclown,\u201d and said his remarks were a "
            "\u201cgift\u201d for the gangs.",
            [
                ("mixed", "Mayor Tom Hale", "called", "Lund a \u201cclown,\u201d"),
                (
                    "mixed",
                    "Mayor Tom Hale",
                    "said",
                    "his remarks were a \u201cgift\u201d for the gangs",
                ),
            ],
            id="and-said-after-a-quoted-fragment",
        ),
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
            id="and-said-after-a-whole-quote",
        ),
        pytest.param(
            'Ana Ruiz waved a "peace" sign and said the talks would go on.',
            [("indirect", "Ana Ruiz", "said", "the talks would go on")],
            id="and-said-subject-opens-the-sentence",
        ),
        pytest.param(
            'Palmer accused Lund of taking cues from the mayor and "using a cheap attack" here.',
            [
                (
                    "mixed",
                    "Palmer",
                    "accused",
                    'Lund of taking cues from the mayor and "using a cheap attack" here',
                ),
            ],
            id="accused-with-quoted-fragment",
        ),
        pytest.param(
            "Gail Moss described Lund as a \u201cparody of politics\u201d and \u201crude.\u201d",
            [
                (
                    "mixed",
                    "Gail Moss",
                    "described",
                    "Lund as a \u201cparody of politics\u201d and \u201crude.\u201d",
                ),
            ],
            id="described-as-fragments",
        ),
        pytest.param(
            'Lund thanked the crowd for "an exciting and inspiring campaign."',
            [("mixed", "Lund", "thanked", 'the crowd for "an exciting and inspiring campaign."')],
            id="attitude-verb-with-fragment",
        ),
        pytest.param(
            'Ana Ruiz issued a statement saying his comment "has no place here" in the town.',
            [("mixed", "Ana Ruiz", "saying", 'his comment "has no place here" in the town')],
            id="statement-saying-subject-not-the-clause",
        ),
        pytest.param(
            "Orla Dunn says the levy is \u2018dead on arrival\u2019 in the council.",
            [
                (
                    "indirect",
                    "Orla Dunn",
                    "says",
                    "the levy is \u2018dead on arrival\u2019 in the council",
                )
            ],
            id="single-marks-only-stay-indirect",
        ),
        pytest.param(
            '"Jeb wants to be a tough guy tonight," Lund shot back.',
            [("direct", "Lund", "shot back", "Jeb wants to be a tough guy tonight")],
            id="trailing-verb-with-particle",
        ),
        pytest.param(
            "\u201cGo back to the studio,\u201d Lund barked and a guard led Ramos out.",
            [("direct", "Lund", "barked", "Go back to the studio")],
            id="trailing-verb-then-and",
        ),
        pytest.param(
            "''Why do the richest pay lower rates than you do?'' Mrs. Okoro asked.",
            [("direct", "Mrs. Okoro", "asked", "Why do the richest pay lower rates than you do?")],
            id="abbreviation-in-trailing-attribution",
        ),
        pytest.param(
            '"This was our back yard," said Rafe Panto, director of studies at the Lowell '
            'Institute, "but it is their orbit now."',
            [
                ("direct", "Rafe Panto", "said", "This was our back yard"),
                ("direct", "Rafe Panto", "said", "but it is their orbit now."),
            ],
            id="second-quote-after-long-appositive",
        ),
        pytest.param(
            "The singer posted a note online: \u201cMen, you will not vanish,\u201d she wrote.",
            [("direct", "The singer", "posted", "Men, you will not vanish")],
            id="colon-quote-then-trailing-attribution",
        ),
        pytest.param(
            '"By December, the coast was the place to be," Lund\'s campaign manager, Jeff Weaver, '
            "said.",
            [("direct", "Jeff Weaver", "said", "By December, the coast was the place to be")],
            id="quote-then-role-and-name-appositive",
        ),
        pytest.param(
            'Ruiz asked the Cleveland crowd "If Lund cannot tell us the truth, why trust her?"',
            [("direct", "Ruiz", "asked", "If Lund cannot tell us the truth, why trust her?")],
            id="asked-capitalised-object-then-quote",
        ),
    ],
)
def test_reported_speech_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_passive_attitude_verb_names_no_speaker() -> None:
    assert kind_speaker_cue_quote('The chief was accused of "gross negligence" by the panel.') == []


def test_quote_after_no_break_space_continues_the_speaker() -> None:
    text = 'The moderator pressed him.\n"They sue," he said.\u00a0"Everybody sues, right?"'
    assert [t[3] for t in kind_speaker_cue_quote(text)] == ["They sue", "Everybody sues, right?"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"People are angry," Ruiz said. "That is the fight we are taking" to the state.',
            [
                ("direct", "Ruiz", "said", "People are angry"),
                ("mixed", "Ruiz", "", '"That is the fight we are taking" to the state'),
            ],
            id="next-sentence-quote-then-phrase",
        ),
        pytest.param(
            "''It is a big moment,'' said Tom Hale, a strategist. Unless his rivals quit, "
            "''it is hard to see how he is stopped.''",
            [
                ("direct", "Tom Hale", "said", "It is a big moment"),
                (
                    "mixed",
                    "Tom Hale",
                    "",
                    "Unless his rivals quit, ''it is hard to see how he is stopped.''",
                ),
            ],
            id="next-sentence-lead-clause-then-quote",
        ),
        pytest.param(
            "Lund\u2019s \u201cexcesses\u201d are sickening, Ruiz said Tuesday in Paris.",
            [("mixed", "Ruiz", "said", "Lund\u2019s \u201cexcesses\u201d are sickening")],
            id="content-before-speaker-over-short-adjunct-after",
        ),
        pytest.param(
            'Hemsley, the author of "Going Viral," said the days of "one story" are gone.',
            [("mixed", "Hemsley", "said", 'the days of "one story" are gone')],
            id="appositive-with-quoted-title-then-said",
        ),
    ],
)
def test_partial_quotation_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_quoted_name_in_next_sentence_is_not_carried_on() -> None:
    text = '"We will see," Ruiz said. "Sons of Rain" is a play about the town.'
    assert [t[3] for t in kind_speaker_cue_quote(text)] == ["We will see"]


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
            id="according-to-a-document-by-a-person",
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
            id="according-to-after-a-subordinate-clause",
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
            id="according-to-after-because",
        ),
        pytest.param(
            "According to Tom Hale, a spokesman for the port, the ferry will run on Sunday.",
            [("indirect", "Tom Hale", "According to", "the ferry will run on Sunday")],
            id="according-to-with-appositive-role",
        ),
    ],
)
def test_according_to_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected
