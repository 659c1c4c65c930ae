"""Speaker attribution edge cases found by the answer engine's evaluation, with made-up
sentences: the main clause over a subordinate one, unclosed appositives, listeners after
"speaking to", possessed speakers, surnames that spell function words, and role nouns
resolved to the person the article introduced in that role. Plus the bundled samples
checked against their gold speakers."""

from __future__ import annotations

import pytest

from ingest.quotes import extract_quotes
from tests.corpus_builders import sample_articles, sample_gold
from tests.quote_cases import extracted


def quads(text: str) -> list[tuple[str, str, str, str]]:
    return [(q.speaker, q.role, q.cue, q.text) for q in extracted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "After former Nevada Sen. Rolf Dwyer attacked Ida Pell at a forum, Marta shot back, "
            "\u201cI suppose I could have said less.\u201d",
            [("Marta", "", "shot back", "I suppose I could have said less.")],
            id="main-clause-subject-not-subordinate-one",
        ),
        pytest.param(
            "When the councillor Abe Lusk mocked the plan on Monday, Tova Grieg fired back: "
            '"We will build it anyway."',
            [("Tova Grieg", "", "fired back", "We will build it anyway.")],
            id="subordinate-clause-then-colon",
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
            id="unclosed-appositive-role",
        ),
        pytest.param(
            '"Thanks, Varlow, for welcoming us," said master of ceremonies Asab Tenner, '
            "a retired engineer.",
            [("Asab Tenner", "master of ceremonies", "said", "Thanks, Varlow, for welcoming us")],
            id="inverted-lowercase-role-with-of-before-the-name",
        ),
        pytest.param(
            'Nell Hardy, a nurse at Westfold Clinic said "the wards are full."',
            [("Nell Hardy", "a nurse at Westfold Clinic", "said", "the wards are full.")],
            id="unclosed-appositive-with-article",
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
            id="listener-after-speaking-to-is-not-the-speaker",
        ),
        pytest.param(
            'One aide talking with Channel 12 said "the vote is lost."',
            [("One aide", "One aide", "said", "the vote is lost.")],
            id="listener-after-talking-with",
        ),
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
            id="possessor-is-not-the-speaker",
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
            id="possessed-adviser-straight-apostrophe",
        ),
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
            id="surname-spelling-a-function-word",
        ),
        pytest.param(
            '"We lost the count," By said.',
            [("By", "By", "said", "We lost the count")],
            id="surname-after-a-direct-quote",
        ),
    ],
)
def test_attribution_fixes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert quads(text) == expected


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.cue, q.text) for q in extracted(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "The Tamworth Bakers Guild said at least 40 shops in the district had closed.",
            [("The Tamworth Bakers Guild", "said", "at least 40 shops in the district had closed")],
            id="content-opens-with-at-least",
        ),
        pytest.param(
            "Its secretary, Orla Penhale, said about sixty households were still without power.",
            [("Orla Penhale", "said", "about sixty households were still without power")],
            id="content-opens-with-about-a-number",
        ),
        pytest.param(
            "Ferry agents said at least nine boats were waiting offshore, and the hauliers' "
            "association warned that queues were forming.",
            [
                ("Ferry agents", "said", "at least nine boats were waiting offshore"),
                ("the hauliers' association", "warned", "that queues were forming"),
            ],
            id="a-new-clause-with-its-own-cue-ends-the-content",
        ),
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
            id="according-to-covers-every-clause-after-it",
        ),
        pytest.param(
            "Its chair, Bram Tolliver, said the board would publish the records in full.",
            [("Bram Tolliver", "said", "the board would publish the records in full")],
            id="noun-before-a-modal-after-the-cue-is-no-inverted-speaker",
        ),
        pytest.param(
            '"It is a costly model," said Will Oduya, a professor at Fenwick College.',
            [("Will Oduya", "said", "It is a costly model")],
            id="a-first-name-that-spells-a-modal",
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
            id="source-close-to",
        ),
        pytest.param(
            "People familiar with the talks said the deal was nearly done.",
            [("People familiar with the talks", "said", "the deal was nearly done")],
            id="people-familiar-with",
        ),
        pytest.param(
            "A weary Lena Brook said, \u201cWe have run out of sandbags.\u201d",
            [("A weary Lena Brook", "said", "We have run out of sandbags.")],
            id="determiner-and-adjective-before-a-name",
        ),
        pytest.param(
            'As Ana Ruiz, author of "The Long Bench," put it, "A compromise today may be better."',
            [("Ana Ruiz", "put it", "A compromise today may be better.")],
            id="as-x-with-a-quoted-title-put-it",
        ),
        pytest.param(
            'The hall was so quiet that Mr. Hale was prompted to say, "So far it has been civil."',
            [("Mr. Hale", "say", "So far it has been civil.")],
            id="was-prompted-to-say",
        ),
        pytest.param(
            "Hale wanted to say that the plan would fail.",
            [],
            id="wanting-to-say-is-no-report",
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
            id="progressive-marked-cue-is-not-passive",
        ),
        pytest.param(
            "The crews were praised as \u201cthe best on the coast\u201d this week.",
            [],
            id="passive-marked-cue-has-no-speaker",
        ),
        pytest.param(
            "Ivo Marr called for more \u201cflexibility\u201d for the river wardens.",
            [("Ivo Marr", "called", "for more \u201cflexibility\u201d for the river wardens")],
            id="called-for-quoted-words",
        ),
        pytest.param(
            "Columnist Ola Brenn went so far as to say: "
            "\u201cThe ferry as we know it is over.\u201d",
            [("Columnist Ola Brenn", "say", "The ferry as we know it is over.")],
            id="went-so-far-as-to-say",
        ),
        pytest.param(
            "After the flood, Ida Moss issued a statement, \u201cWe are safe and dry.\u201d",
            [("Ida Moss", "", "We are safe and dry.")],
            id="statement-then-comma-then-its-words",
        ),
        pytest.param(
            "The town was quiet on Friday, \u201clike a ghost town.\u201d",
            [],
            id="comma-before-quoted-words-alone-names-no-speaker",
        ),
        pytest.param(
            "\u201cIt was all lies,\u201d said Pia Lund."
            "\u201cWe were deceived into coming here.\u201d",
            [
                ("Pia Lund", "said", "It was all lies"),
                ("Pia Lund", "", "We were deceived into coming here."),
            ],
            id="next-quote-glued-to-the-full-stop",
        ),
        pytest.param(
            'Wren Abara said on the Harbour FM show that "the ferry timetable is a fiction."',
            [("Wren Abara", "said", 'that "the ferry timetable is a fiction."')],
            id="on-a-programme-then-that",
        ),
        pytest.param(
            "Ivo Maren posted on his campaign page that the count had been rigged.",
            [("Ivo Maren", "posted", "that the count had been rigged")],
            id="on-a-page-then-that",
        ),
        pytest.param(
            "Oren Vail was quick to add that the toll would not rise.",
            [("Oren Vail", "add", "that the toll would not rise")],
            id="base-form-cue-after-to-before-that",
        ),
        pytest.param(
            "The council plans to add 300 parking spaces. Please note that the office is shut.",
            [],
            id="base-form-verbs-without-reporting-are-no-cues",
        ),
        pytest.param(
            "The mayor said on Monday the roads would reopen by noon.",
            [("The mayor", "said", "the roads would reopen by noon")],
            id="on-a-day-then-the-content",
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
            id="pronoun-takes-the-previous-sentence-subject-not-its-last-name",
        ),
        pytest.param(
            "Ada Pim said her team had warned the authority in May that the pumps were failing. "
            "She described the warning as \u201cclear and ignored\u201d.",
            ("She", "Ada Pim", "pronoun"),
            id="a-subject-never-runs-back-past-said",
        ),
        pytest.param(
            "Detective Sergeant Ana Ruiz of Lowell Police said the door was forced at night.\n\n"
            "According to police, the alarm sounded at 3am.",
            ("police", "Lowell Police", "role"),
            id="bare-organisation-word-to-its-full-name",
        ),
        pytest.param(
            "The Kelby Chamber of Commerce said at least 40 shops had closed.",
            ("The Kelby Chamber of Commerce", "Kelby Chamber of Commerce", "explicit"),
            id="organisation-name-with-of",
        ),
        pytest.param(
            "The mayor's office said the forecast assumed no growth in rates.",
            ("The mayor's office", "the mayor's office", "explicit"),
            id="sentence-initial-determiner-is-not-part-of-the-canonical-speaker",
        ),
        pytest.param(
            "Voters queued in Ashby. So Dara Venn left early.\n\nVenn said the count was fair.",
            ("Venn", "Dara Venn", "explicit"),
            id="full-name-does-not-run-across-a-full-stop",
        ),
        pytest.param(
            "A rally in Ashby\nTomas Hale spoke first.\n\nHale said the count was fair.",
            ("Hale", "Tomas Hale", "explicit"),
            id="full-name-does-not-run-across-a-line-break",
        ),
    ],
)
def test_canonical_speaker(text: str, expected: tuple[str, str, str]) -> None:
    found = extracted(text)
    assert [(q.speaker, q.canonical_speaker, q.method) for q in found][-1:] == [expected]


def test_an_organisation_after_role_of_the_is_never_the_speaker() -> None:
    found = extracted('"Go home," said director of the Varlow Museum Lena Hart.')
    assert found and all("Museum" not in q.speaker + q.canonical_speaker for q in found)


def test_question_opening_the_previous_sentence_is_no_subject() -> None:
    found = extracted("Was Ida Rowe satisfied with the answer?\n\n\u201cNot quite,\u201d he said.")
    assert [(q.speaker, q.canonical_speaker) for q in found] == [("he", "Ida Rowe")]


def test_clause_adverb_after_a_quote_is_not_a_name() -> None:
    assert quads('"We were late," Then said.') == []


@pytest.mark.parametrize(
    ("text", "speaker", "canonical"),
    [
        pytest.param(
            "The town's mayor, Wilma Forsyth, visited the shelter.\n\n"
            '"We will rebuild," the mayor said.',
            "the mayor",
            "Wilma Forsyth",
            id="role-then-name-appositive",
        ),
        pytest.param(
            "Piet Aalders, the project's chief engineer, inspected the weir.\n\n"
            '"The gates held," the engineer said.',
            "the engineer",
            "Piet Aalders",
            id="name-then-role-appositive",
        ),
        pytest.param(
            "Minister Ruth Okafor toured the port on Friday.\n\n"
            "The minister said the berths would reopen within a week.",
            "The minister",
            "Ruth Okafor",
            id="title-before-name",
        ),
        pytest.param(
            "The Glass and Ceramic Workers' Union called a stoppage.\n\n"
            "The union said pay had not risen since 2020.",
            "The union",
            "Glass and Ceramic Workers' Union",
            id="organisation-named-by-its-head-noun",
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
            id="place-before-comma-is-no-person",
        ),
        pytest.param(
            "The harbour reopened on Monday.\n\nThe mayor said the roads were clear.",
            id="no-introduction",
        ),
    ],
)
def test_role_noun_without_introduction_stays_as_written(text: str) -> None:
    found = extracted(text)
    assert [(q.canonical_speaker.lower(), q.method) for q in found] == [("the mayor", "explicit")]


# -- the bundled samples against their gold ------------------------------------------------

GOLD = sample_gold()
# Known gaps (found with the wrong or no speaker); every other gold quote must be found and
# credited to its gold speaker. Shrink this set as the extractor improves. The 4 left need
# another article: in daily-ledger-briefs.json "Morrow" and "the union" (twice) are never
# named in full, and in northern-wire-updates.jsonl "The city's mayor" is never named; the
# gold takes the names from other reports of the same events. The corpus-level links do
# that (tests/test_speaker_links.py checks every gold quote with them).
KNOWN_GAPS = 4


def test_sample_quotes_found_with_their_gold_speakers() -> None:
    articles = sample_articles()
    wrong = []
    total = 0
    for gold in GOLD["articles"]:
        article = articles[gold["id"]]
        found = extract_quotes(article)
        for g in gold["quotes"]:
            total += 1
            start = article.text.index(g["text"])
            end = start + len(g["text"])
            hit = [q for q in found if q.start < end and start < q.end]
            if not hit or hit[0].canonical_speaker != g["speaker"]:
                wrong.append((gold["file"], g["text"][:40], g["speaker"]))
    assert total >= 100
    assert len(wrong) <= KNOWN_GAPS, wrong
    fixed = {("samples/northern-wire-marrowford-flood.txt", "Odile Fenwicke")}
    assert not [w for w in wrong if (w[0], w[2]) in fixed], wrong
