"""Less common attribution shapes seen in real news, with made-up sentences."""

from __future__ import annotations

import pytest

from ingest.quotes.cues import find_cues
from tests.quote_cases import kind_speaker_cue_quote


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
        pytest.param(
            'Marta Ruiz spoke last. "It is not true." She said the levy would pass anyway.',
            [("indirect", "She", "said", "the levy would pass anyway")],
            id="full-stop-in-quote-then-capital-pronoun-opens-a-sentence",
        ),
        pytest.param(
            'Ida Moss says she will "work hard" until 7 p.m. She says "the turnout is good."',
            [
                ("mixed", "Ida Moss", "says", 'she will "work hard" until 7 p.m'),
                ("direct", "She", "says", "the turnout is good."),
            ],
            id="p-m-ends-a-sentence-before-a-pronoun",
        ),
        pytest.param(
            '"People are tired," said Sen. Al Roe, R-S.C. "I get that."',
            [
                ("direct", "Sen. Al Roe", "said", "People are tired"),
                ("direct", "Sen. Al Roe", "", "I get that."),
            ],
            id="party-tag-ends-a-sentence-before-a-quote",
        ),
        pytest.param(
            'Rep. Al Roe (R-S.C.): "I have not seen the report."',
            [("direct", "Rep. Al Roe", "", "I have not seen the report.")],
            id="headline-name-with-party-colon",
        ),
        pytest.param(
            'She greeted 2,000 supporters and told them, "We will build it."',
            [("direct", "She", "told", "We will build it.")],
            id="pronoun-subject-of-joined-clause",
        ),
        pytest.param(
            'Ida Moss asked the council to "think twice" about the levy.',
            [("mixed", "Ida Moss", "asked", 'to "think twice" about the levy')],
            id="request-with-quoted-words-is-reported",
        ),
        pytest.param(
            'Ida Moss says "the pier is gone" because "nobody paid for it."',
            [("mixed", "Ida Moss", "says", '"the pier is gone" because "nobody paid for it."')],
            id="two-quoted-fragments-make-one-mixed-quote",
        ),
        pytest.param(
            'Jan Ode joked that the tide had won, but went on to say, "We rebuild in May."',
            [
                ("indirect", "Jan Ode", "joked", "that the tide had won"),
                ("direct", "Jan Ode", "say", "We rebuild in May."),
            ],
            id="later-cue-with-its-own-quote-ends-the-first-content",
        ),
        pytest.param(
            'As for the levy \u2014 "We will see," she said.',
            [("direct", "she", "said", "We will see")],
            id="dash-lead-in-is-the-reporters",
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
            id="bare-verb-goes-on-the-reported-clause",
        ),
        pytest.param(
            '"Not us!" Ann Lee, the head of the ferry union, said on Friday.',
            [("direct", "Ann Lee", "said", "Not us!")],
            id="exclamation-then-speaker-with-appositive",
        ),
        pytest.param(
            'Ida Moss boasted of her plan to fix "every single pier" by June.',
            [("mixed", "Ida Moss", "boasted", 'of her plan to fix "every single pier" by June')],
            id="of-clause-with-quoted-words-is-content",
        ),
        pytest.param(
            "The votes are not in, but Ida Moss's campaign is already claiming victory"
            ' in the "harbour race."',
            [("mixed", "Ida Moss's campaign", "claiming", 'victory in the "harbour race."')],
            id="progressive-cue-after-adverb",
        ),
        pytest.param(
            'He\'s predicting the levy will do "very, very well" in June.',
            [("mixed", "He", "predicting", 'the levy will do "very, very well" in June')],
            id="contracted-is-before-progressive-cue",
        ),
        pytest.param(
            'The levy drew a reaction from Mayor Ida Moss, who called it "unfit to serve" as law.',
            [("mixed", "Mayor Ida Moss", "called", 'it "unfit to serve" as law')],
            id="relative-who-speaks-for-its-antecedent",
        ),
        pytest.param(
            "Lars Bo took a call from the port spokesman, who said the pier was unsafe.",
            [("indirect", "the port spokesman", "said", "the pier was unsafe")],
            id="relative-who-after-a-person-noun",
        ),
        pytest.param(
            '"Not again," said Rob Stone, 59, from Alder Head, Maine, who said he would vote.'
            ' "I cringe."',
            [
                ("direct", "Rob Stone", "said", "Not again"),
                ("direct", "Rob Stone", "", "I cringe."),
            ],
            id="relative-who-after-a-place-is-not-the-place",
        ),
        pytest.param(
            'Ida Moss jokes, "The ferry is faster."',
            [("direct", "Ida Moss", "jokes", "The ferry is faster.")],
            id="jokes-with-a-quote",
        ),
        pytest.param(
            '"We need a new board," she writes. "So, who?" Her notes were redacted.',
            [("direct", "she", "writes", "We need a new board"), ("direct", "she", "", "So, who?")],
            id="short-follow-on-quote-then-a-new-sentence",
        ),
        pytest.param(
            '"The vote was rushed," the column noted. "The council owes the town an answer."',
            [
                ("direct", "the column", "noted", "The vote was rushed"),
                ("direct", "the column", "", "The council owes the town an answer."),
            ],
            id="follow-on-quote-of-a-column",
        ),
        pytest.param(
            "Nell Ames said in May, when the dock plan was filed,"
            " \u201cWe will not pay for it.\u201d",
            [("direct", "Nell Ames", "said", "We will not pay for it.")],
            id="adjuncts-set-off-by-commas-then-quote",
        ),
        pytest.param(
            'Nell Ames said the dock plan, which was filed in May, "is dead."',
            [("mixed", "Nell Ames", "said", 'the dock plan, which was filed in May, "is dead."')],
            id="reported-subject-with-a-clause-stays-mixed",
        ),
        pytest.param(
            "The banks grew into what they called ''money stores,'' all under one roof.",
            [("direct", "they", "called", "money stores")],
            id="called-then-the-quoted-name",
        ),
        pytest.param(
            'The levy means "we must be doing something right," Ada Holm says, "but I do not'
            ' know."',
            [
                ("mixed", "Ada Holm", "says", 'The levy means "we must be doing something right,"'),
                ("direct", "Ada Holm", "says", "but I do not know."),
            ],
            id="part-quoted-words-before-the-cue-and-a-quote-after",
        ),
        pytest.param(
            'In his book, "Tide Lines," Ivo Sand wrote, "We lost the harbour."',
            [("direct", "Ivo Sand", "wrote", "We lost the harbour.")],
            id="a-title-in-an-adjunct-before-the-cue-is-not-said",
        ),
        pytest.param(
            'Sunday on "Harbour Talk," Ivo Sand said, "We lost the harbour."',
            [("direct", "Ivo Sand", "said", "We lost the harbour.")],
            id="a-show-in-a-time-adjunct-before-the-cue-is-not-said",
        ),
        pytest.param(
            'Otto Kerr called the deal a "total giveaway," pointing to the tax breaks.',
            [("mixed", "Otto Kerr", "called", 'the deal a "total giveaway,"')],
            id="participle-after-the-quote-is-the-reporter-s",
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
            id="a-reported-claim-before-the-colon-is-said-too",
        ),
        pytest.param(
            'Ines Varga told reporters at the depot where she was asked about fares: "We will'
            ' appeal."',
            [("direct", "Ines Varga", "told", "We will appeal.")],
            id="a-frame-with-a-relative-clause-before-the-colon-is-not-said",
        ),
        pytest.param(
            'Ines Varga replied with a line that could have come from her rival: "Do not'
            ' lecture me."',
            [("direct", "Ines Varga", "replied", "Do not lecture me.")],
            id="a-frame-with-that-before-the-colon-is-not-said",
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
            id="a-short-claim-before-the-colon-is-said-too",
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
            id="a-pronoun-subject-before-the-colon-makes-a-claim",
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
            id="a-contracted-verb-before-the-colon-makes-a-claim",
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
            id="a-colon-inside-a-time-is-no-colon",
        ),
        pytest.param(
            '"We have lost the vote," the harbour pilots state in their letter.',
            [("direct", "the harbour pilots", "state", "We have lost the vote")],
            id="plural-subject-and-any-present-verb-after-opening-quote",
        ),
        pytest.param(
            '"We have lost the vote," the harbour pilots meeting in Vennby.',
            [],
            id="a-participle-after-a-quote-is-no-attribution",
        ),
        pytest.param(
            '"We lost the vote," the pilot grumbled in the hall.',
            [("direct", "the pilot", "grumbled", "We lost the vote")],
            id="the-shortest-subject-before-any-verb-after-opening-quote",
        ),
        pytest.param(
            'A footnote in the audit makes that plain: "The figures exclude the harbour board."',
            [("direct", "A footnote", "", "The figures exclude the harbour board.")],
            id="a-written-source-opening-the-clause-before-the-colon",
        ),
        pytest.param(
            'The plan in the audit has two parts: "dredging" and "paving."',
            [],
            id="a-thing-opening-the-clause-before-the-colon-is-no-source",
        ),
        pytest.param(
            'Mira Holt said on the programme "Harbour Hour" that "the ferry is finished."',
            [("mixed", "Mira Holt", "said", 'that "the ferry is finished."')],
            id="a-show-title-after-on-then-that",
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
            id="that-inside-the-quote-after-on-is-not-the-content-start",
        ),
        pytest.param(
            "Ivo Marsh \u2014 a pilot from Vennby for thirty years \u2014 told the board that"
            ' the channel was "silting up fast."',
            [("mixed", "Ivo Marsh", "told", 'that the channel was "silting up fast."')],
            id="appositive-between-dashes-before-the-cue",
        ),
        pytest.param(
            "A former harbour master -- Ivo Marsh, who lost the 2019 vote -- said the channel"
            ' was "silting up fast."',
            [("mixed", "Ivo Marsh", "said", 'the channel was "silting up fast."')],
            id="the-name-between-dashes-speaks-for-a-description",
        ),
        pytest.param(
            'Ada Holm backs "fair fares," opposes "fare caps" and recalled the two-year freeze'
            ' on harbour wages: "Nobody could pay the rent."',
            [("direct", "Ada Holm", "recalled", "Nobody could pay the rent.")],
            id="a-thing-after-and-cue-is-no-inverted-speaker",
        ),
        pytest.param(
            "Harbour news.\n\n\u202a\u201dSorry Ines, the ferry is late again!!\u201d posted Ola"
            " Brandt.",
            [("direct", "Ola Brandt", "posted", "Sorry Ines, the ferry is late again!!")],
            id="a-bidi-control-before-the-opening-mark-hides-nothing",
        ),
        pytest.param(
            "When Wallace Gray died in 1998, Mayor Ines Varga released the following"
            " statement:\n\n\u201cWe mourn a builder of this harbour.\u201d",
            [("direct", "Mayor Ines Varga", "", "We mourn a builder of this harbour.")],
            id="the-main-clause-subject-gives-the-statement-not-the-adjunct-s-name",
        ),
        pytest.param(
            'As the columnist Ada Holm had written years earlier, "Nobody rides the ferry for'
            ' fun."',
            [("direct", "the columnist Ada Holm", "written", "Nobody rides the ferry for fun.")],
            id="had-written-before-the-quote",
        ),
        pytest.param(
            'His friends jeered, "Go home!" - harbour slang for "we won."',
            [("direct", "His friends", "jeered", "Go home!")],
            id="a-sound-verb-utters-only-the-marked-words",
        ),
        pytest.param(
            'Ada Holm waved, mouthing "thank you" toward the crowd.',
            [("direct", "Ada Holm", "mouthing", "thank you")],
            id="mouthed-words-end-at-the-mark",
        ),
        pytest.param(
            "Ada Holm issued a statement: \u201cLast night, our harbour was hit.\u201d",
            [("direct", "Ada Holm", "", "Last night, our harbour was hit.")],
            id="a-short-clause-before-the-colon-names-its-subject",
        ),
        pytest.param(
            "Here\u2019s Ada Holm in 1992: \u201cThe harbour is the town.\u201d",
            [("direct", "Ada Holm", "", "The harbour is the town.")],
            id="a-contracted-function-word-is-no-part-of-the-name",
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
            id="a-linking-word-opens-the-clause-before-its-subject",
        ),
        pytest.param(
            "Ivo Marsh, who has been feuding with the council, on Friday said the ferry"
            " \u201cwas a relic.\u201d",
            [("mixed", "Ivo Marsh", "said", "the ferry \u201cwas a relic.\u201d")],
            id="a-day-between-the-relative-clause-and-the-cue",
        ),
        pytest.param(
            "Ruiz won an endorsement from Ivo Marsh, who declared in the spin room,"
            ' "It is time to unite."',
            [("direct", "Ivo Marsh", "declared", "It is time to unite.")],
            id="relative-who-after-a-thing-from-someone",
        ),
        pytest.param(
            '"It was all lies," said one shop owner who declined to be named."We were deceived."',
            [
                ("direct", "one shop owner", "said", "It was all lies"),
                ("direct", "one shop owner", "", "We were deceived."),
            ],
            id="an-opening-mark-glued-to-the-sentence-before",
        ),
        pytest.param(
            '"We have to look at the whole budget," she went on.',
            [("direct", "she", "went on", "We have to look at the whole budget")],
            id="went-on-after-a-quote",
        ),
        pytest.param(
            'Asked about the ferry, Ada Holm cracked, "It floats, mostly."',
            [("direct", "Ada Holm", "cracked", "It floats, mostly.")],
            id="a-verb-of-a-quip-before-marks",
        ),
        pytest.param(
            'The vote was so late that a spokesman for Ivo Marsh could only quip: "Bring coffee."',
            [("direct", "a spokesman for Ivo Marsh", "quip", "Bring coffee.")],
            id="base-form-after-a-modal-and-an-adverb",
        ),
        pytest.param(
            'When she returned she began by saying, "Nobody goes to prison today."',
            [("direct", "she", "saying", "Nobody goes to prison today.")],
            id="began-by-saying",
        ),
        pytest.param(
            'As the harbour board\'s website notes: "The quay opened in 1901."',
            [("direct", "the harbour board's website", "notes", "The quay opened in 1901.")],
            id="an-s-form-that-is-also-a-noun-before-a-colon",
        ),
        pytest.param(
            'At the gate, they held banners proclaiming: "Save the ferry!"',
            [("direct", "they", "proclaiming", "Save the ferry!")],
            id="participle-of-a-marked-cue-before-a-colon",
        ),
        pytest.param(
            'Nobody warmed to Ms. Ruiz - "Born with a silver spoon," Mr. Elm said - but they'
            " stayed home.",
            [("direct", "Mr. Elm", "said", "Born with a silver spoon")],
            id="a-quote-between-dashes-is-all-its-cue-reports",
        ),
        pytest.param(
            "The mayor announced \u2014 on the radio, as it happens \u2014 that the pier would"
            " reopen.",
            [("indirect", "The mayor", "announced", "that the pier would reopen")],
            id="an-aside-between-dashes-after-the-cue",
        ),
        pytest.param(
            'The page was replaced by a message that said, "Sorry, the ferry is gone."',
            [("direct", "a message", "said", "Sorry, the ferry is gone.")],
            id="a-written-thing-that-said",
        ),
        pytest.param(
            'To sell tickets, Ida Moss released a video that said, "We sail at dawn."',
            [("direct", "Ida Moss", "said", "We sail at dawn.")],
            id="whoever-made-the-written-thing-that-said",
        ),
        pytest.param(
            "Ida Moss cited a report that said the pier was unsafe.",
            [("indirect", "a report", "said", "the pier was unsafe")],
            id="a-cited-report-speaks-for-itself",
        ),
        pytest.param(
            '"He is always grumpy," she said, but despite the tone, "he will do it," said Ida'
            " Moss.",
            [
                ("direct", "she", "said", "He is always grumpy"),
                ("direct", "Ida Moss", "said", "he will do it"),
            ],
            id="a-second-quote-with-its-own-speaker-after-an-attributed-one",
        ),
        pytest.param(
            'Lund said the talks take time but added, "I back the deal," Lund said.',
            [
                ("indirect", "Lund", "said", "the talks take time"),
                ("direct", "Lund", "added", "I back the deal"),
            ],
            id="a-trailing-cue-does-not-take-an-earlier-cue-s-words",
        ),
        pytest.param(
            'Ida Moss wrote about the pier in her memoir, "Harbour Days." She was firm.',
            [],
            id="a-title-after-the-name-of-a-kind-of-work",
        ),
        pytest.param(
            'Ida Moss argued that the pier was safe: "Nobody fell in," she said.',
            [
                ("indirect", "Ida Moss", "argued", "that the pier was safe"),
                ("direct", "she", "said", "Nobody fell in"),
            ],
            id="a-claim-then-a-quote-with-its-own-cue",
        ),
        pytest.param(
            '"Our count is right," Ida Moss is quoted as saying.',
            [("direct", "Ida Moss", "saying", "Our count is right")],
            id="quoted-as-saying",
        ),
        pytest.param(
            'Ida Moss, herself a ferry user, drew boos upon saying, "The ferry can wait."',
            [("direct", "Ida Moss", "saying", "The ferry can wait.")],
            id="upon-saying",
        ),
        pytest.param(
            'Ida Moss said the vote "was fair." Adding, "Nobody lost a ballot."',
            [
                ("mixed", "Ida Moss", "said", 'the vote "was fair."'),
                ("direct", "Ida Moss", "Adding", "Nobody lost a ballot."),
            ],
            id="a-sentence-opening-with-adding-goes-on-with-the-speaker",
        ),
        pytest.param(
            "The ferry ran late.\n\n\u201d \u2026 the quay was empty,\u201d wrote the Harbour"
            " Times.",
            [("direct", "the Harbour Times", "wrote", "\u2026 the quay was empty")],
            id="a-closing-mark-typed-to-open-a-paragraph",
        ),
        pytest.param(
            '"We waited," Ana Lund said. Noting the delay, Ida Moss said she had waited for hours.',
            [
                ("direct", "Ana Lund", "said", "We waited"),
                ("indirect", "Ida Moss", "said", "she had waited for hours"),
            ],
            id="an-opening-participle-with-a-subject-of-its-own-is-not-adding",
        ),
        pytest.param(
            'Ida Moss wrote in her memoir, "We had no idea what we were doing."',
            [("direct", "Ida Moss", "wrote", "We had no idea what we were doing.")],
            id="a-sentence-after-the-name-of-a-kind-of-work",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_show_name_after_on_is_not_the_quote() -> None:
    text = '"We expected this," Lars Bo said on "Weekend Talk."'
    assert kind_speaker_cue_quote(text) == [("direct", "Lars Bo", "said", "We expected this")]


def test_sign_with_no_speaker_opening_a_sentence_is_not_inherited() -> None:
    text = (
        '"We will fix the pier," Rosa Amat said.\n\n"Sons of the Harbour" is a play about the town.'
    )
    assert [t[3] for t in kind_speaker_cue_quote(text)] == ["We will fix the pier"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("On May 5, Ida Moss posted a photo.", id="date-before-comma"),
        pytest.param("After the vote, Ida Moss posted a photo.", id="event-before-comma"),
        pytest.param("Ida Moss said softly into the phone.", id="manner-adverb-after-cue"),
        pytest.param("Ida Moss took notes on the meeting.", id="a-noun-that-is-also-a-cue"),
        pytest.param("The strike went on for a week.", id="went-on-without-a-quote"),
        pytest.param(
            'A tourist from Alder, who said little, left "early".', id="who-after-a-place"
        ),
    ],
)
def test_time_or_manner_is_not_what_was_said(text: str) -> None:
    assert kind_speaker_cue_quote(text) == []


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
