"""Who speaks: the subject and inverted-speaker rules (test ids are the deciding rule's
name), roles and appositives, canonical names, role nouns, inheritance."""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted, kind_speaker_cue_quote, quads, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "After former Nevada Sen. Rolf Dwyer attacked Ida Pell at a forum, Marta shot back, "
            "\u201cI suppose I could have said less.\u201d",
            [("Marta", "", "shot back", "I suppose I could have said less.")],
            id="rule_noun_phrase_before_cue/main-clause-subject-not-subordinate-one",
        ),
        pytest.param(
            "When the councillor Abe Lusk mocked the plan on Monday, Tova Grieg fired back: "
            '"We will build it anyway."',
            [("Tova Grieg", "", "fired back", "We will build it anyway.")],
            id="rule_noun_phrase_before_cue/subordinate-clause-then-colon",
        ),
        pytest.param(
            "Bram Ostrow, president and CEO of Lakeside Grocers Guild stated, "
            "\u201cIt is a supply problem, not a price problem.\u201d",
            [
                (
                    "Bram Ostrow",
                    "president and CEO of Lakeside Grocers Guild",
                    "stated",
                    "It is a supply problem, not a price problem.",
                )
            ],
            id="rule_noun_phrase_before_cue/unclosed-appositive-role",
        ),
        pytest.param(
            '"Thanks, Varlow, for welcoming us," said master of ceremonies Asab Tenner, '
            "a retired engineer.",
            [("Asab Tenner", "master of ceremonies", "said", "Thanks, Varlow, for welcoming us")],
            id="rule_said_before_speaker/inverted-lowercase-role-with-of-before-the-name",
        ),
        pytest.param(
            'Nell Hardy, a nurse at Westfold Clinic said "the wards are full."',
            [("Nell Hardy", "a nurse at Westfold Clinic", "said", "the wards are full.")],
            id="rule_noun_phrase_before_cue/unclosed-appositive-with-article",
        ),
        pytest.param(
            "A senior customs official speaking to Radio Norwick said, "
            "\u201cThe inspectors are checking every crate.\u201d",
            [
                (
                    "A senior customs official",
                    "a senior customs official",
                    "said",
                    "The inspectors are checking every crate.",
                )
            ],
            id="rule_noun_phrase_before_cue/listener-after-speaking-to-is-not-the-speaker",
        ),
        pytest.param(
            'One aide talking with Channel 12 said "the vote is lost."',
            [("One aide", "One aide", "said", "the vote is lost.")],
            id="rule_noun_phrase_before_cue/listener-after-talking-with",
        ),
        pytest.param(
            '"We lost the count," By said.',
            [("By", "By", "said", "We lost the count")],
            id="rule_speaker_before_cue/surname-after-a-direct-quote",
        ),
    ],
)
def test_speaker_role_cue_and_quote(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert quads(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"It is a costly model," said Will Oduya, a professor at Fenwick College.',
            [("Will Oduya", "said", "It is a costly model")],
            id="rule_said_before_speaker/a-first-name-that-spells-a-modal",
        ),
        pytest.param(
            "A weary Lena Brook said, \u201cWe have run out of sandbags.\u201d",
            [("A weary Lena Brook", "said", "We have run out of sandbags.")],
            id="rule_noun_phrase_before_cue/determiner-and-adjective-before-a-name",
        ),
        pytest.param(
            'As Ana Ruiz, author of "The Long Bench," put it, "A compromise today may be better."',
            [("Ana Ruiz", "put it", "A compromise today may be better.")],
            id="rule_name_then_appositive/as-x-with-a-quoted-title-put-it",
        ),
        pytest.param(
            'The hall was so quiet that Mr. Hale was prompted to say, "So far it has been civil."',
            [("Mr. Hale", "say", "So far it has been civil.")],
            id="rule_noun_phrase_before_cue/was-prompted-to-say",
        ),
        pytest.param(
            "Columnist Ola Brenn went so far as to say: "
            "\u201cThe ferry as we know it is over.\u201d",
            [("Columnist Ola Brenn", "say", "The ferry as we know it is over.")],
            id="rule_noun_phrase_before_cue/went-so-far-as-to-say",
        ),
        pytest.param(
            "After the flood, Ida Moss issued a statement, \u201cWe are safe and dry.\u201d",
            [("Ida Moss", "", "We are safe and dry.")],
            id="headline_speaker/statement-then-comma-then-its-words",
        ),
        pytest.param(
            "\u201cIt was all lies,\u201d said Pia Lund."
            "\u201cWe were deceived into coming here.\u201d",
            [
                ("Pia Lund", "said", "It was all lies"),
                ("Pia Lund", "", "We were deceived into coming here."),
            ],
            id="rule_said_before_speaker/next-quote-glued-to-the-full-stop",
        ),
    ],
)
def test_content_and_speaker_bounds(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mereford's mayor, Ada Quist, faces a vote next week.\n\n"
            "The mayor defended the plan at a meeting in the Wool Hall on Monday. "
            "\u201cThe fund is there for a rainy day,\u201d she said.",
            ("she", "Ada Quist", "pronoun"),
            id="rule_noun_phrase_before_cue/pronoun-takes-the-previous-sentence-subject-not-its-last-name",
        ),
        pytest.param(
            "Ada Pim said her team had warned the authority in May that the pumps were failing. "
            "She described the warning as \u201cclear and ignored\u201d.",
            ("She", "Ada Pim", "pronoun"),
            id="rule_noun_phrase_before_cue/a-subject-never-runs-back-past-said",
        ),
        pytest.param(
            "Detective Sergeant Ana Ruiz of Lowell Police said the door was forced at night.\n\n"
            "According to police, the alarm sounded at 3am.",
            ("police", "Lowell Police", "role"),
            id="rule_noun_phrase_before_cue/bare-organisation-word-to-its-full-name",
        ),
        pytest.param(
            "The Kelby Chamber of Commerce said at least 40 shops had closed.",
            ("The Kelby Chamber of Commerce", "Kelby Chamber of Commerce", "explicit"),
            id="rule_noun_phrase_before_cue/organisation-name-with-of",
        ),
        pytest.param(
            "The mayor's office said the forecast assumed no growth in rates.",
            ("The mayor's office", "the mayor's office", "explicit"),
            id="rule_noun_phrase_before_cue/sentence-initial-determiner-is-not-part-of-the-canonical-speaker",
        ),
        pytest.param(
            "Voters queued in Ashby. So Dara Venn left early.\n\nVenn said the count was fair.",
            ("Venn", "Dara Venn", "explicit"),
            id="rule_noun_phrase_before_cue/full-name-does-not-run-across-a-full-stop",
        ),
        pytest.param(
            "A rally in Ashby\nTomas Hale spoke first.\n\nHale said the count was fair.",
            ("Hale", "Tomas Hale", "explicit"),
            id="rule_noun_phrase_before_cue/full-name-does-not-run-across-a-line-break",
        ),
    ],
)
def test_canonical_speaker(text: str, expected: tuple[str, str, str]) -> None:
    found = extracted(text)
    assert [(q.speaker, q.canonical_speaker, q.method) for q in found][-1:] == [expected]


def test_an_organisation_after_role_of_the_is_never_the_speaker() -> None:
    found = extracted('"Go home," said director of the Varlow Museum Lena Hart.')
    assert found and all("Museum" not in q.speaker + q.canonical_speaker for q in found)


@pytest.mark.parametrize(
    ("text", "speaker", "canonical"),
    [
        pytest.param(
            "The town's mayor, Wilma Forsyth, visited the shelter.\n\n"
            '"We will rebuild," the mayor said.',
            "the mayor",
            "Wilma Forsyth",
            id="rule_noun_phrase_before_cue/role-then-name-appositive",
        ),
        pytest.param(
            "Piet Aalders, the project's chief engineer, inspected the weir.\n\n"
            '"The gates held," the engineer said.',
            "the engineer",
            "Piet Aalders",
            id="rule_noun_phrase_before_cue/name-then-role-appositive",
        ),
        pytest.param(
            "Minister Ruth Okafor toured the port on Friday.\n\n"
            "The minister said the berths would reopen within a week.",
            "The minister",
            "Ruth Okafor",
            id="rule_noun_phrase_before_cue/title-before-name",
        ),
        pytest.param(
            "The Glass and Ceramic Workers' Union called a stoppage.\n\n"
            "The union said pay had not risen since 2020.",
            "The union",
            "Glass and Ceramic Workers' Union",
            id="rule_noun_phrase_before_cue/organisation-named-by-its-head-noun",
        ),
    ],
)
def test_role_noun_resolves_to_introduced_person(text: str, speaker: str, canonical: str) -> None:
    found = extracted(text)
    assert [(q.speaker, q.canonical_speaker, q.method) for q in found] == [
        (speaker, canonical, "role")
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "In Brackley, the mayor said the roads were clear.",
            id="rule_noun_phrase_before_cue/place-before-comma-is-no-person",
        ),
        pytest.param(
            "The harbour reopened on Monday.\n\nThe mayor said the roads were clear.",
            id="rule_noun_phrase_before_cue/no-introduction",
        ),
    ],
)
def test_role_noun_without_introduction_stays_as_written(text: str) -> None:
    found = extracted(text)
    assert [(q.canonical_speaker.lower(), q.method) for q in found] == [("the mayor", "explicit")]


def test_canonical_name_from_fullest_mention() -> None:
    text = (
        "Regional Commissioner Antonia Greaves visited the dam on Tuesday.\n\n"
        '"The repairs are on schedule," Greaves said.'
    )
    (q,) = extracted(text)
    assert q.speaker == "Greaves"
    assert q.canonical_speaker == "Antonia Greaves"
    assert q.method == "explicit"


def test_role_is_split_from_name() -> None:
    (q,) = extracted('"We are ready," Fire Chief Omar Haddad said.')
    assert q.canonical_speaker == "Omar Haddad"
    assert q.role == "Fire Chief"


def test_following_paragraph_inherits_speaker() -> None:
    text = (
        '"The river rose two metres overnight," Warden Elio Brandt said.\n\n'
        '"We moved the families to the school before midnight."'
    )
    found = extracted(text)
    assert [(q.canonical_speaker, q.method) for q in found] == [
        ("Elio Brandt", "explicit"),
        ("Elio Brandt", "inherited"),
    ]


def test_inheritance_stops_after_a_gap() -> None:
    text = (
        '"The river rose two metres overnight," Warden Elio Brandt said.\n\n'
        "The school opened its gym to families.\n\n"
        "Volunteers brought blankets from the next town.\n\n"
        '"Every bed in the gym was taken by ten."'
    )
    assert [q.text for q in extracted(text)] == ["The river rose two metres overnight"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"Would the levy pass?" Hanna Roos pressed.',
            [("direct", "Hanna Roos", "pressed", "Would the levy pass?")],
            id="rule_noun_phrase_before_cue/any-verb-after-opening-quote",
        ),
        pytest.param(
            '"The audit is closed," read the statement.',
            [("direct", "the statement", "read", "The audit is closed")],
            id="rule_said_before_speaker/inverted-any-verb-document",
        ),
        pytest.param(
            "Orla Finch: \u2018We Will Win The County.\u2019",
            [("direct", "Orla Finch", "", "We Will Win The County.")],
            id="headline_speaker/headline-name-colon",
        ),
        pytest.param(
            "The mayor shook her head and said, \u201cNo.\u201d",
            [("direct", "The mayor", "said", "No.")],
            id="rule_subject_of_joined_clause/coordinated-verbs",
        ),
        pytest.param(
            'Dale Ortiz went on to say, "The port will be rebuilt."',
            [("direct", "Dale Ortiz", "say", "The port will be rebuilt.")],
            id="rule_noun_phrase_before_cue/went-on-to-say",
        ),
        pytest.param(
            'Pia Lund told the crowd on Sunday, "We are not done yet."',
            [("direct", "Pia Lund", "told", "We are not done yet.")],
            id="rule_noun_phrase_before_cue/told-object-then-quote",
        ),
        pytest.param(
            '"Thank you, Marlow!" Gus Ivers tweeted on Friday.',
            [("direct", "Gus Ivers", "tweeted", "Thank you, Marlow!")],
            id="rule_noun_phrase_before_cue/exclamation-then-attribution-same-sentence",
        ),
        pytest.param(
            'Tomas Reyes, 67, a retired welder in Alder, Ore., said, "It broke my heart."',
            [("direct", "Tomas Reyes", "said", "It broke my heart.")],
            id="rule_name_then_appositive/age-and-place-appositives",
        ),
        pytest.param(
            '"People are tired," said Sen. Al Roe, R-S.C. "I get that."',
            [
                ("direct", "Sen. Al Roe", "said", "People are tired"),
                ("direct", "Sen. Al Roe", "", "I get that."),
            ],
            id="rule_said_before_speaker/party-tag-ends-a-sentence-before-a-quote",
        ),
        pytest.param(
            'Rep. Al Roe (R-S.C.): "I have not seen the report."',
            [("direct", "Rep. Al Roe", "", "I have not seen the report.")],
            id="headline_speaker/headline-name-with-party-colon",
        ),
        pytest.param(
            'Jan Ode joked that the tide had won, but went on to say, "We rebuild in May."',
            [
                ("indirect", "Jan Ode", "joked", "that the tide had won"),
                ("direct", "Jan Ode", "say", "We rebuild in May."),
            ],
            id="rule_noun_phrase_before_cue/later-cue-with-its-own-quote-ends-the-first-content",
        ),
        pytest.param(
            '"Not us!" Ann Lee, the head of the ferry union, said on Friday.',
            [("direct", "Ann Lee", "said", "Not us!")],
            id="rule_name_then_appositive/exclamation-then-speaker-with-appositive",
        ),
        pytest.param(
            '"Not again," said Rob Stone, 59, from Alder Head, Maine, who said he would vote.'
            ' "I cringe."',
            [
                ("direct", "Rob Stone", "said", "Not again"),
                ("direct", "Rob Stone", "", "I cringe."),
            ],
            id="rule_said_before_speaker/relative-who-after-a-place-is-not-the-place",
        ),
        pytest.param(
            'Ida Moss jokes, "The ferry is faster."',
            [("direct", "Ida Moss", "jokes", "The ferry is faster.")],
            id="rule_noun_phrase_before_cue/jokes-with-a-quote",
        ),
        pytest.param(
            '"The vote was rushed," the column noted. "The council owes the town an answer."',
            [
                ("direct", "the column", "noted", "The vote was rushed"),
                ("direct", "the column", "", "The council owes the town an answer."),
            ],
            id="rule_noun_phrase_before_cue/follow-on-quote-of-a-column",
        ),
        pytest.param(
            "Nell Ames said in May, when the dock plan was filed,"
            " \u201cWe will not pay for it.\u201d",
            [("direct", "Nell Ames", "said", "We will not pay for it.")],
            id="rule_noun_phrase_before_cue/adjuncts-set-off-by-commas-then-quote",
        ),
        pytest.param(
            'The levy means "we must be doing something right," Ada Holm says, "but I do not'
            ' know."',
            [
                ("mixed", "Ada Holm", "says", 'The levy means "we must be doing something right,"'),
                ("direct", "Ada Holm", "says", "but I do not know."),
            ],
            id="rule_noun_phrase_before_cue/part-quoted-words-before-the-cue-and-a-quote-after",
        ),
        pytest.param(
            'In his book, "Tide Lines," Ivo Sand wrote, "We lost the harbour."',
            [("direct", "Ivo Sand", "wrote", "We lost the harbour.")],
            id="rule_noun_phrase_before_cue/a-title-in-an-adjunct-before-the-cue-is-not-said",
        ),
        pytest.param(
            'Sunday on "Harbour Talk," Ivo Sand said, "We lost the harbour."',
            [("direct", "Ivo Sand", "said", "We lost the harbour.")],
            id="rule_noun_phrase_before_cue/a-show-in-a-time-adjunct-before-the-cue-is-not-said",
        ),
        pytest.param(
            'Ines Varga told reporters at the depot where she was asked about fares: "We will'
            ' appeal."',
            [("direct", "Ines Varga", "told", "We will appeal.")],
            id="rule_noun_phrase_before_cue/a-frame-with-a-relative-clause-before-the-colon-is-not-said",
        ),
        pytest.param(
            'Ines Varga replied with a line that could have come from her rival: "Do not'
            ' lecture me."',
            [("direct", "Ines Varga", "replied", "Do not lecture me.")],
            id="rule_noun_phrase_before_cue/a-frame-with-that-before-the-colon-is-not-said",
        ),
        pytest.param(
            '"We have lost the vote," the harbour pilots state in their letter.',
            [("direct", "the harbour pilots", "state", "We have lost the vote")],
            id="trailing_attribution/plural-subject-and-any-present-verb-after-opening-quote",
        ),
        pytest.param(
            '"We lost the vote," the pilot grumbled in the hall.',
            [("direct", "the pilot", "grumbled", "We lost the vote")],
            id="trailing_attribution/the-shortest-subject-before-any-verb-after-opening-quote",
        ),
        pytest.param(
            'A footnote in the audit makes that plain: "The figures exclude the harbour board."',
            [("direct", "A footnote", "", "The figures exclude the harbour board.")],
            id="headline_speaker/a-written-source-opening-the-clause-before-the-colon",
        ),
        pytest.param(
            'Ada Holm backs "fair fares," opposes "fare caps" and recalled the two-year freeze'
            ' on harbour wages: "Nobody could pay the rent."',
            [("direct", "Ada Holm", "recalled", "Nobody could pay the rent.")],
            id="rule_subject_of_joined_clause/a-thing-after-and-cue-is-no-inverted-speaker",
        ),
        pytest.param(
            "Harbour news.\n\n\u202a\u201dSorry Ines, the ferry is late again!!\u201d posted Ola"
            " Brandt.",
            [("direct", "Ola Brandt", "posted", "Sorry Ines, the ferry is late again!!")],
            id="rule_said_before_speaker/a-bidi-control-before-the-opening-mark-hides-nothing",
        ),
        pytest.param(
            "When Wallace Gray died in 1998, Mayor Ines Varga released the following"
            " statement:\n\n\u201cWe mourn a builder of this harbour.\u201d",
            [("direct", "Mayor Ines Varga", "", "We mourn a builder of this harbour.")],
            id="inherit_source/the-main-clause-subject-gives-the-statement-not-the-adjunct-s-name",
        ),
        pytest.param(
            'As the columnist Ada Holm had written years earlier, "Nobody rides the ferry for'
            ' fun."',
            [("direct", "the columnist Ada Holm", "written", "Nobody rides the ferry for fun.")],
            id="rule_noun_phrase_before_cue/had-written-before-the-quote",
        ),
        pytest.param(
            'His friends jeered, "Go home!" - harbour slang for "we won."',
            [("direct", "His friends", "jeered", "Go home!")],
            id="rule_noun_phrase_before_cue/a-sound-verb-utters-only-the-marked-words",
        ),
        pytest.param(
            "Ada Holm issued a statement: \u201cLast night, our harbour was hit.\u201d",
            [("direct", "Ada Holm", "", "Last night, our harbour was hit.")],
            id="headline_speaker/a-short-clause-before-the-colon-names-its-subject",
        ),
        pytest.param(
            "Here\u2019s Ada Holm in 1992: \u201cThe harbour is the town.\u201d",
            [("direct", "Ada Holm", "", "The harbour is the town.")],
            id="headline_speaker/a-contracted-function-word-is-no-part-of-the-name",
        ),
        pytest.param(
            "Ruiz won an endorsement from Ivo Marsh, who declared in the spin room,"
            ' "It is time to unite."',
            [("direct", "Ivo Marsh", "declared", "It is time to unite.")],
            id="rule_antecedent_of_who/relative-who-after-a-thing-from-someone",
        ),
        pytest.param(
            '"It was all lies," said one shop owner who declined to be named."We were deceived."',
            [
                ("direct", "one shop owner", "said", "It was all lies"),
                ("direct", "one shop owner", "", "We were deceived."),
            ],
            id="rule_said_before_speaker/an-opening-mark-glued-to-the-sentence-before",
        ),
        pytest.param(
            'Asked about the ferry, Ada Holm cracked, "It floats, mostly."',
            [("direct", "Ada Holm", "cracked", "It floats, mostly.")],
            id="rule_noun_phrase_before_cue/a-verb-of-a-quip-before-marks",
        ),
        pytest.param(
            'The vote was so late that a spokesman for Ivo Marsh could only quip: "Bring coffee."',
            [("direct", "a spokesman for Ivo Marsh", "quip", "Bring coffee.")],
            id="rule_noun_phrase_before_cue/base-form-after-a-modal-and-an-adverb",
        ),
        pytest.param(
            'As the harbour board\'s website notes: "The quay opened in 1901."',
            [("direct", "the harbour board's website", "notes", "The quay opened in 1901.")],
            id="rule_noun_phrase_before_cue/an-s-form-that-is-also-a-noun-before-a-colon",
        ),
        pytest.param(
            'Nobody warmed to Ms. Ruiz - "Born with a silver spoon," Mr. Elm said - but they'
            " stayed home.",
            [("direct", "Mr. Elm", "said", "Born with a silver spoon")],
            id="rule_noun_phrase_before_cue/a-quote-between-dashes-is-all-its-cue-reports",
        ),
        pytest.param(
            'The page was replaced by a message that said, "Sorry, the ferry is gone."',
            [("direct", "a message", "said", "Sorry, the ferry is gone.")],
            id="rule_written_thing_that_said/a-written-thing-that-said",
        ),
        pytest.param(
            'To sell tickets, Ida Moss released a video that said, "We sail at dawn."',
            [("direct", "Ida Moss", "said", "We sail at dawn.")],
            id="rule_written_thing_that_said/whoever-made-the-written-thing-that-said",
        ),
        pytest.param(
            'Lund said the talks take time but added, "I back the deal," Lund said.',
            [
                ("indirect", "Lund", "said", "the talks take time"),
                ("direct", "Lund", "added", "I back the deal"),
            ],
            id="rule_noun_phrase_before_cue/a-trailing-cue-does-not-take-an-earlier-cue-s-words",
        ),
        pytest.param(
            '"Our count is right," Ida Moss is quoted as saying.',
            [("direct", "Ida Moss", "saying", "Our count is right")],
            id="rule_noun_phrase_before_cue/quoted-as-saying",
        ),
        pytest.param(
            'Ida Moss, herself a ferry user, drew boos upon saying, "The ferry can wait."',
            [("direct", "Ida Moss", "saying", "The ferry can wait.")],
            id="rule_speaker_before_cue/upon-saying",
        ),
        pytest.param(
            'Ida Moss said the vote "was fair." Adding, "Nobody lost a ballot."',
            [
                ("mixed", "Ida Moss", "said", 'the vote "was fair."'),
                ("direct", "Ida Moss", "Adding", "Nobody lost a ballot."),
            ],
            id="rule_noun_phrase_before_cue/a-sentence-opening-with-adding-goes-on-with-the-speaker",
        ),
        pytest.param(
            "The ferry ran late.\n\n\u201d \u2026 the quay was empty,\u201d wrote the Harbour"
            " Times.",
            [("direct", "the Harbour Times", "wrote", "\u2026 the quay was empty")],
            id="rule_said_before_speaker/a-closing-mark-typed-to-open-a-paragraph",
        ),
        pytest.param(
            '"We waited," Ana Lund said. Noting the delay, Ida Moss said she had waited for hours.',
            [
                ("direct", "Ana Lund", "said", "We waited"),
                ("indirect", "Ida Moss", "said", "she had waited for hours"),
            ],
            id="rule_noun_phrase_before_cue/an-opening-participle-with-a-subject-of-its-own-is-not-adding",
        ),
        pytest.param(
            'Ida Moss wrote in her memoir, "We had no idea what we were doing."',
            [("direct", "Ida Moss", "wrote", "We had no idea what we were doing.")],
            id="rule_noun_phrase_before_cue/a-sentence-after-the-name-of-a-kind-of-work",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


def test_show_name_after_on_is_not_the_quote() -> None:
    text = '"We expected this," Lars Bo said on "Weekend Talk."'
    assert kind_speaker_cue_quote(text) == [("direct", "Lars Bo", "said", "We expected this")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"Jeb wants to be a tough guy tonight," Lund shot back.',
            [("direct", "Lund", "shot back", "Jeb wants to be a tough guy tonight")],
            id="rule_noun_phrase_before_cue/trailing-verb-with-particle",
        ),
        pytest.param(
            "\u201cGo back to the studio,\u201d Lund barked and a guard led Ramos out.",
            [("direct", "Lund", "barked", "Go back to the studio")],
            id="trailing_attribution/trailing-verb-then-and",
        ),
        pytest.param(
            "''Why do the richest pay lower rates than you do?'' Mrs. Okoro asked.",
            [("direct", "Mrs. Okoro", "asked", "Why do the richest pay lower rates than you do?")],
            id="rule_noun_phrase_before_cue/abbreviation-in-trailing-attribution",
        ),
        pytest.param(
            '"This was our back yard," said Rafe Panto, director of studies at the Lowell '
            'Institute, "but it is their orbit now."',
            [
                ("direct", "Rafe Panto", "said", "This was our back yard"),
                ("direct", "Rafe Panto", "said", "but it is their orbit now."),
            ],
            id="rule_said_before_speaker/second-quote-after-long-appositive",
        ),
        pytest.param(
            "The singer posted a note online: \u201cMen, you will not vanish,\u201d she wrote.",
            [("direct", "The singer", "posted", "Men, you will not vanish")],
            id="rule_noun_phrase_before_cue/colon-quote-then-trailing-attribution",
        ),
        pytest.param(
            '"By December, the coast was the place to be," Lund\'s campaign manager, Jeff Weaver, '
            "said.",
            [("direct", "Jeff Weaver", "said", "By December, the coast was the place to be")],
            id="rule_appositive_before_cue/quote-then-role-and-name-appositive",
        ),
        pytest.param(
            'Ruiz asked the Cleveland crowd "If Lund cannot tell us the truth, why trust her?"',
            [("direct", "Ruiz", "asked", "If Lund cannot tell us the truth, why trust her?")],
            id="rule_noun_phrase_before_cue/asked-capitalised-object-then-quote",
        ),
    ],
)
def test_reported_speech_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


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
            id="rule_noun_phrase_before_cue/next-sentence-quote-then-phrase",
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
            id="rule_said_before_speaker/next-sentence-lead-clause-then-quote",
        ),
    ],
)
def test_partial_quotation_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "role"),
    [
        pytest.param(
            '"It is over," said the organiser, Petra Lindgren.',
            "Petra Lindgren",
            "the organiser",
            id="rule_said_before_speaker/name-after-role-noun-is-the-speaker",
        ),
        pytest.param(
            "The city's mayor said the bridge would reopen soon.",
            "The city's mayor",
            "the city's mayor",
            id="rule_noun_phrase_before_cue/role-kept-as-written",
        ),
        pytest.param(
            '"The levy is a scam," Senate Minority Leader Harry M. Reid (D-Nev.) said.',
            "Senate Minority Leader Harry M. Reid (D-Nev.)",
            "Senate Minority Leader",
            id="rule_noun_phrase_before_cue/party-in-parentheses-not-in-role",
        ),
        pytest.param(
            'Mayor Tom Hale, speaking on WXR, said the plan "works" for now.',
            "Mayor Tom Hale",
            "Mayor",
            id="rule_name_then_appositive/participle-clause-is-no-role",
        ),
        pytest.param(
            '"A," said Rafe Panto, director of studies at the Lowell Institute.',
            "Rafe Panto",
            "director of studies at the Lowell Institute",
            id="rule_said_before_speaker/role-without-article-after-name",
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
            id="rule_noun_phrase_before_cue/trailing-role-with-capitalised-words",
        ),
        pytest.param(
            "\u201cThey are all here for free stuff,\u201d Bennett shot back with a laugh.",
            [("direct", "Bennett", "shot back", "They are all here for free stuff")],
            id="rule_noun_phrase_before_cue/trailing-verb-particle-then-with",
        ),
        pytest.param(
            "Senate Leader Ida Moss, R-Ky., delivered a blunt message to Lund: "
            '"It is time to quit attacking people."',
            [("direct", "Senate Leader Ida Moss", "", "It is time to quit attacking people.")],
            id="headline_speaker/subject-with-party-appositive-then-colon",
        ),
        pytest.param(
            "In response to the loss of life, the Republican presidential nominee Ida Moss "
            "issued the following statement:\n\n\u201cOur prayers are with the families.\u201d",
            [("direct", "Ida Moss", "", "Our prayers are with the families.")],
            id="inherit_source/statement-announced-far-into-the-sentence",
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
            id="rule_noun_phrase_before_cue/opening-quote-when-the-speaker-has-and",
        ),
    ],
)
def test_more_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The two argued over which Senate bill was better so long that Gov. Ana Ruiz said, "
            '"I need a translator."',
            [("direct", "Gov. Ana Ruiz", "said", "I need a translator.")],
            id="rule_noun_phrase_before_cue/that-clause-subject-not-relative",
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The fear of softness (''This is less a crisis than an occupation,'' Mona Crow "
            "wrote last week) is everywhere.",
            [("direct", "Mona Crow", "wrote", "This is less a crisis than an occupation")],
            id="rule_noun_phrase_before_cue/quote-opening-a-parenthesis",
        ),
        pytest.param(
            "In a radio interview later that day, Lund went even further: \u201cIf he loses, "
            "it is the end of his career.\u201d",
            [("direct", "Lund", "", "If he loses, it is the end of his career.")],
            id="headline_speaker/colon-after-a-long-clause-with-a-named-subject",
        ),
        pytest.param(
            "Lund wrote to his 20,000 followers, \u201cIt is time to end her career,\u201d and "
            "shared a link.",
            [("direct", "Lund", "wrote", "It is time to end her career")],
            id="rule_noun_phrase_before_cue/told-object-with-a-number-then-quote",
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
