"""Reported speech: indirect and mixed quotes, partial quotation, the content's bounds
(test ids are the deciding rule's name)."""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted, kind_speaker_cue_quote, quads, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'Reformers were branded "the party of endless committees," Of said.',
            [
                (
                    "Of",
                    "Of",
                    "said",
                    'Reformers were branded "the party of endless committees,"',
                )
            ],
            id="rule_speaker_before_cue/surname-spelling-a-function-word",
        ),
    ],
)
def test_speaker_role_cue_and_quote(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert quads(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Tamworth Bakers Guild said at least 40 shops in the district had closed.",
            [("The Tamworth Bakers Guild", "said", "at least 40 shops in the district had closed")],
            id="rule_noun_phrase_before_cue/content-opens-with-at-least",
        ),
        pytest.param(
            "Its secretary, Orla Penhale, said about sixty households were still without power.",
            [("Orla Penhale", "said", "about sixty households were still without power")],
            id="rule_appositive_before_cue/content-opens-with-about-a-number",
        ),
        pytest.param(
            "Ferry agents said at least nine boats were waiting offshore, and the hauliers' "
            "association warned that queues were forming.",
            [
                ("Ferry agents", "said", "at least nine boats were waiting offshore"),
                ("the hauliers' association", "warned", "that queues were forming"),
            ],
            id="rule_noun_phrase_before_cue/a-new-clause-with-its-own-cue-ends-the-content",
        ),
        pytest.param(
            "Its chair, Bram Tolliver, said the board would publish the records in full.",
            [("Bram Tolliver", "said", "the board would publish the records in full")],
            id="rule_appositive_before_cue/noun-before-a-modal-after-the-cue-is-no-inverted-speaker",
        ),
        pytest.param(
            "People familiar with the talks said the deal was nearly done.",
            [("People familiar with the talks", "said", "the deal was nearly done")],
            id="rule_noun_phrase_before_cue/people-familiar-with",
        ),
        pytest.param(
            "Mara Vell is praising the crews as \u201cthe best on the coast\u201d this week.",
            [
                (
                    "Mara Vell",
                    "praising",
                    "the crews as \u201cthe best on the coast\u201d this week",
                )
            ],
            id="rule_noun_phrase_before_cue/progressive-marked-cue-is-not-passive",
        ),
        pytest.param(
            "Ivo Marr called for more \u201cflexibility\u201d for the river wardens.",
            [("Ivo Marr", "called", "for more \u201cflexibility\u201d for the river wardens")],
            id="rule_noun_phrase_before_cue/called-for-quoted-words",
        ),
        pytest.param(
            'Wren Abara said on the Harbour FM show that "the ferry timetable is a fiction."',
            [("Wren Abara", "said", 'that "the ferry timetable is a fiction."')],
            id="rule_noun_phrase_before_cue/on-a-programme-then-that",
        ),
        pytest.param(
            "Ivo Maren posted on his campaign page that the count had been rigged.",
            [("Ivo Maren", "posted", "that the count had been rigged")],
            id="rule_noun_phrase_before_cue/on-a-page-then-that",
        ),
        pytest.param(
            "Oren Vail was quick to add that the toll would not rise.",
            [("Oren Vail", "add", "that the toll would not rise")],
            id="rule_noun_phrase_before_cue/base-form-cue-after-to-before-that",
        ),
        pytest.param(
            "The mayor said on Monday the roads would reopen by noon.",
            [("The mayor", "said", "the roads would reopen by noon")],
            id="rule_noun_phrase_before_cue/on-a-day-then-the-content",
        ),
    ],
)
def test_content_and_speaker_bounds(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Aldovia says it is fighting an imperial-style land grab.",
            [("Aldovia", "says", "it is fighting an imperial-style land grab")],
            id="rule_noun_phrase_before_cue/country-says",
        ),
        pytest.param(
            "Crews rushed to the scene after the city's mayor said two missiles hit the depot.",
            [("the city's mayor", "said", "two missiles hit the depot")],
            id="rule_noun_phrase_before_cue/possessive-subject-mid-sentence",
        ),
        pytest.param(
            "According to Nadia Ferro, the budget will be cut by a third.",
            [("Nadia Ferro", "According to", "the budget will be cut by a third")],
            id="rule_according_to/according-to-first",
        ),
        pytest.param(
            "The budget will be cut by a third, according to the finance ministry.",
            [("the finance ministry", "according to", "The budget will be cut by a third")],
            id="rule_according_to/according-to-last",
        ),
        pytest.param(
            "The Kremlin said that the talks would resume next week.",
            [("The Kremlin", "said", "that the talks would resume next week")],
            id="rule_noun_phrase_before_cue/organisation-said-that",
        ),
        pytest.param(
            "The bridge will reopen in May, Rosa Lind told the Harbor Gazette.",
            [("Rosa Lind", "told", "The bridge will reopen in May")],
            id="rule_noun_phrase_before_cue/content-before-X-told-Y",
        ),
    ],
)
def test_indirect_speech(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = extracted(text)
    assert [(q.speaker, q.cue, q.text) for q in found] == expected
    assert all(q.kind == "indirect" for q in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Like the old budget, Ms. Vance said, the new plan cuts the bus routes in half.",
            [("indirect", "Ms. Vance", "said", "the new plan cuts the bus routes in half")],
            id="rule_noun_phrase_before_cue/parenthetical-attribution",
        ),
        pytest.param(
            "Ruth Kell said Thursday she would leave the board in June.",
            [("indirect", "Ruth Kell", "said", "she would leave the board in June")],
            id="rule_noun_phrase_before_cue/time-word-after-cue",
        ),
        pytest.param(
            "Mia Dorn said she would speak on \u201cMorning Forum.\u201d",
            [("mixed", "Mia Dorn", "said", "she would speak on \u201cMorning Forum.\u201d")],
            id="rule_noun_phrase_before_cue/show-title-inside-reported-speech",
        ),
        pytest.param(
            'Ida Moss asked the council to "think twice" about the levy.',
            [("mixed", "Ida Moss", "asked", 'to "think twice" about the levy')],
            id="rule_noun_phrase_before_cue/request-with-quoted-words-is-reported",
        ),
        pytest.param(
            'Ida Moss says "the pier is gone" because "nobody paid for it."',
            [("mixed", "Ida Moss", "says", '"the pier is gone" because "nobody paid for it."')],
            id="rule_noun_phrase_before_cue/two-quoted-fragments-make-one-mixed-quote",
        ),
        pytest.param(
            'Ida Moss says she\'d sit the mayor down and tell him "no more delays" on the pier.',
            [
                (
                    "mixed",
                    "Ida Moss",
                    "says",
                    'she\'d sit the mayor down and tell him "no more delays" on the pier',
                )
            ],
            id="rule_noun_phrase_before_cue/bare-verb-goes-on-the-reported-clause",
        ),
        pytest.param(
            'Ida Moss boasted of her plan to fix "every single pier" by June.',
            [("mixed", "Ida Moss", "boasted", 'of her plan to fix "every single pier" by June')],
            id="rule_noun_phrase_before_cue/of-clause-with-quoted-words-is-content",
        ),
        pytest.param(
            "The votes are not in, but Ida Moss's campaign is already claiming victory"
            ' in the "harbour race."',
            [("mixed", "Ida Moss's campaign", "claiming", 'victory in the "harbour race."')],
            id="rule_noun_phrase_before_cue/progressive-cue-after-adverb",
        ),
        pytest.param(
            'The levy drew a reaction from Mayor Ida Moss, who called it "unfit to serve" as law.',
            [("mixed", "Mayor Ida Moss", "called", 'it "unfit to serve" as law')],
            id="rule_antecedent_of_who/relative-who-speaks-for-its-antecedent",
        ),
        pytest.param(
            "Lars Bo took a call from the port spokesman, who said the pier was unsafe.",
            [("indirect", "the port spokesman", "said", "the pier was unsafe")],
            id="rule_antecedent_of_who/relative-who-after-a-person-noun",
        ),
        pytest.param(
            'Nell Ames said the dock plan, which was filed in May, "is dead."',
            [("mixed", "Nell Ames", "said", 'the dock plan, which was filed in May, "is dead."')],
            id="rule_noun_phrase_before_cue/reported-subject-with-a-clause-stays-mixed",
        ),
        pytest.param(
            'Otto Kerr called the deal a "total giveaway," pointing to the tax breaks.',
            [("mixed", "Otto Kerr", "called", 'the deal a "total giveaway,"')],
            id="rule_noun_phrase_before_cue/participle-after-the-quote-is-the-reporter-s",
        ),
        pytest.param(
            'Ines Varga said the ferry plan was a relic of another era: "Nobody rides it in'
            ' winter."',
            [
                (
                    "mixed",
                    "Ines Varga",
                    "said",
                    'the ferry plan was a relic of another era: "Nobody rides it in winter."',
                )
            ],
            id="rule_noun_phrase_before_cue/a-reported-claim-before-the-colon-is-said-too",
        ),
        pytest.param(
            'Ines Varga said the ferry was from Norway: "Nobody rides it in winter."',
            [
                (
                    "mixed",
                    "Ines Varga",
                    "said",
                    'the ferry was from Norway: "Nobody rides it in winter."',
                )
            ],
            id="rule_noun_phrase_before_cue/a-short-claim-before-the-colon-is-said-too",
        ),
        pytest.param(
            'Ines Varga said she often thinks of what her father told her: "Keep the boats'
            ' running."',
            [
                (
                    "mixed",
                    "Ines Varga",
                    "said",
                    'she often thinks of what her father told her: "Keep the boats running."',
                )
            ],
            id="rule_noun_phrase_before_cue/a-pronoun-subject-before-the-colon-makes-a-claim",
        ),
        pytest.param(
            'Ines Varga said there\'s a simple reason: "Nobody rides it in winter."',
            [
                (
                    "mixed",
                    "Ines Varga",
                    "said",
                    'there\'s a simple reason: "Nobody rides it in winter."',
                )
            ],
            id="rule_noun_phrase_before_cue/a-contracted-verb-before-the-colon-makes-a-claim",
        ),
        pytest.param(
            "Ines Varga said the ferry left the quay at 9:42 p.m. and sank within an hour.",
            [
                (
                    "indirect",
                    "Ines Varga",
                    "said",
                    "the ferry left the quay at 9:42 p.m. and sank within an hour",
                )
            ],
            id="rule_noun_phrase_before_cue/a-colon-inside-a-time-is-no-colon",
        ),
        pytest.param(
            'Mira Holt said on the programme "Harbour Hour" that "the ferry is finished."',
            [("mixed", "Mira Holt", "said", 'that "the ferry is finished."')],
            id="rule_noun_phrase_before_cue/a-show-title-after-on-then-that",
        ),
        pytest.param(
            'Mira Holt called on voters to "remember the ferries that sank in the storm."',
            [
                (
                    "mixed",
                    "Mira Holt",
                    "called",
                    'voters to "remember the ferries that sank in the storm."',
                )
            ],
            id="rule_noun_phrase_before_cue/that-inside-the-quote-after-on-is-not-the-content-start",
        ),
        pytest.param(
            "Ivo Marsh \u2014 a pilot from Vennby for thirty years \u2014 told the board that"
            ' the channel was "silting up fast."',
            [("mixed", "Ivo Marsh", "told", 'that the channel was "silting up fast."')],
            id="rule_dashed_appositive/appositive-between-dashes-before-the-cue",
        ),
        pytest.param(
            "A former harbour master -- Ivo Marsh, who lost the 2019 vote -- said the channel"
            ' was "silting up fast."',
            [("mixed", "Ivo Marsh", "said", 'the channel was "silting up fast."')],
            id="rule_dashed_appositive/the-name-between-dashes-speaks-for-a-description",
        ),
        pytest.param(
            "But Ada Holm made a point of saying the harbour \u201cwas a place of"
            " solidarity.\u201d",
            [
                (
                    "mixed",
                    "Ada Holm",
                    "saying",
                    "the harbour \u201cwas a place of solidarity.\u201d",
                )
            ],
            id="rule_speaker_before_cue/a-linking-word-opens-the-clause-before-its-subject",
        ),
        pytest.param(
            "Ivo Marsh, who has been feuding with the council, on Friday said the ferry"
            " \u201cwas a relic.\u201d",
            [("mixed", "Ivo Marsh", "said", "the ferry \u201cwas a relic.\u201d")],
            id="rule_name_then_appositive/a-day-between-the-relative-clause-and-the-cue",
        ),
        pytest.param(
            "The mayor announced \u2014 on the radio, as it happens \u2014 that the pier would"
            " reopen.",
            [("indirect", "The mayor", "announced", "that the pier would reopen")],
            id="rule_noun_phrase_before_cue/an-aside-between-dashes-after-the-cue",
        ),
        pytest.param(
            "Ida Moss cited a report that said the pier was unsafe.",
            [("indirect", "a report", "said", "the pier was unsafe")],
            id="rule_noun_phrase_before_cue/a-cited-report-speaks-for-itself",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


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
            id="rule_noun_phrase_before_cue/and-said-after-a-quoted-fragment",
        ),
        pytest.param(
            'Ana Ruiz waved a "peace" sign and said the talks would go on.',
            [("indirect", "Ana Ruiz", "said", "the talks would go on")],
            id="rule_subject_of_joined_clause/and-said-subject-opens-the-sentence",
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
            id="rule_noun_phrase_before_cue/accused-with-quoted-fragment",
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
            id="rule_noun_phrase_before_cue/described-as-fragments",
        ),
        pytest.param(
            'Lund thanked the crowd for "an exciting and inspiring campaign."',
            [("mixed", "Lund", "thanked", 'the crowd for "an exciting and inspiring campaign."')],
            id="rule_noun_phrase_before_cue/attitude-verb-with-fragment",
        ),
        pytest.param(
            'Ana Ruiz issued a statement saying his comment "has no place here" in the town.',
            [("mixed", "Ana Ruiz", "saying", 'his comment "has no place here" in the town')],
            id="rule_noun_phrase_before_cue/statement-saying-subject-not-the-clause",
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
            id="rule_noun_phrase_before_cue/single-marks-only-stay-indirect",
        ),
    ],
)
def test_reported_speech_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Lund\u2019s \u201cexcesses\u201d are sickening, Ruiz said Tuesday in Paris.",
            [("mixed", "Ruiz", "said", "Lund\u2019s \u201cexcesses\u201d are sickening")],
            id="rule_noun_phrase_before_cue/content-before-speaker-over-short-adjunct-after",
        ),
        pytest.param(
            'Hemsley, the author of "Going Viral," said the days of "one story" are gone.',
            [("mixed", "Hemsley", "said", 'the days of "one story" are gone')],
            id="rule_name_then_appositive/appositive-with-quoted-title-then-said",
        ),
    ],
)
def test_partial_quotation_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "As for Lund's continual attacks on the process, Ruiz said she was focused on "
            "\u201ctransparency\u201d in the vote.",
            [("mixed", "Ruiz", "said", "she was focused on \u201ctransparency\u201d in the vote")],
            id="rule_noun_phrase_before_cue/plural-noun-is-no-cue",
        ),
        pytest.param(
            "Lund during a rally on Sunday thanked its members \u201cfor their support\u201d here.",
            [("mixed", "Lund", "thanked", "its members \u201cfor their support\u201d here")],
            id="rule_noun_phrase_before_cue/subject-before-setting-phrases",
        ),
        pytest.param(
            'Ruiz in a statement said the port was "closed for good."',
            [("mixed", "Ruiz", "said", 'the port was "closed for good."')],
            id="rule_noun_phrase_before_cue/subject-before-in-a-statement",
        ),
    ],
)
def test_subject_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'CHICAGO - Rahm Emmet said the worst was "over" for the city.',
            [("mixed", "Rahm Emmet", "said", 'the worst was "over" for the city')],
            id="rule_noun_phrase_before_cue/dateline-is-not-part-of-the-speaker",
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
