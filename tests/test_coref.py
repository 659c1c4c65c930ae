"""The name model (kinds and genders of an article's names) and pronoun resolution over it.

All people, places and outlets here are fictional; each case names the feature it checks.
"""

from __future__ import annotations

import pytest

from ingest.quotes.entities import NameModel
from ingest.quotes.marks import find_marked
from ingest.quotes.names import NameIndex
from ingest.sentences import split_quoted
from tests.quote_cases import extracted, speakers_resolved


def model_of(text: str) -> NameModel:
    marked = find_marked(text)
    sentences = split_quoted(text, [(m.open_start, m.close_end) for m in marked])
    return NameModel(text, NameIndex(text), sentences)


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        pytest.param(
            "Officials met in Port Andrell on Monday. Residents of Port Andrell were calm.",
            "Port Andrell",
            "place",
            id="place-preposition-and-no-sign-of-a-person",
        ),
        pytest.param(
            "The storm reached the Gulf of Merrow. Tides in Merrow Bay rose.",
            "Merrow Bay",
            "place",
            id="place-word-ends-the-name",
        ),
        pytest.param(
            "Tobias Wendt, 52, said the line was safe.",
            "Tobias Wendt",
            "person",
            id="age-after-the-name",
        ),
        pytest.param(
            "Rhona Beale, the town\u2019s mayor, said the road would reopen.",
            "Rhona Beale",
            "person",
            id="role-after-a-possessive-in-apposition",
        ),
        pytest.param(
            "The plan came from Lowell Transit Authority, which runs the trams.",
            "Lowell Transit Authority",
            "organisation",
            id="organisation-word",
        ),
        pytest.param(
            "Voters in Kessing backed Sen. Oren Vale. Vale said he was grateful.",
            "Oren Vale",
            "person",
            id="title-beats-a-place-preposition",
        ),
        pytest.param(
            "Corvin Dask, executive director of Lowell Nurses, said the strike would go on.",
            "Corvin Dask",
            "person",
            id="role-in-apposition-without-an-article",
        ),
        pytest.param(
            "Corvin Dask, the union\u2019s campaign manager, said no.",
            "Corvin Dask",
            "person",
            id="role-word-last-in-the-apposition",
        ),
        pytest.param(
            "Allies say the plan is good. Allies want more.",
            "Allies",
            "other",
            id="a-capitalised-word-that-only-opens-sentences-is-no-person",
        ),
        pytest.param(
            "Democrats say the plan is good.",
            "Democrats",
            "other",
            id="a-party-is-no-person",
        ),
    ],
)
def test_kind_of_a_name(text: str, name: str, kind: str) -> None:
    assert model_of(text).kind_of(name) == kind


@pytest.mark.parametrize(
    ("text", "name", "gender"),
    [
        pytest.param(
            "Ms. Quill spoke first. Quill said the vote was late.", "Quill", "f", id="honorific"
        ),
        pytest.param(
            "Maria Tenbrook said the vote was late.", "Maria Tenbrook", "f", id="given-name"
        ),
        pytest.param(
            "The spokeswoman, Dana Orlo, said no.", "Dana Orlo", "f", id="role-word-in-apposition"
        ),
        pytest.param(
            "Corvin Ashby said the talks had failed. He said his team would try again, and he "
            "left.",
            "Corvin Ashby",
            "m",
            id="pronouns-that-follow-the-only-person-named",
        ),
        pytest.param(
            "Roseann Beale said the vote was late.",
            "Roseann Beale",
            "f",
            id="given-name-from-the-us-records",
        ),
        pytest.param(
            "Will Beale said the vote was late. Will said no more.",
            "Will Beale",
            "m",
            id="a-given-name-before-a-surname",
        ),
        pytest.param(
            "Corvin Ashby said the talks had failed. Nobody knew why.",
            "Corvin Ashby",
            "",
            id="no-evidence-no-gender",
        ),
    ],
)
def test_gender_of_a_name(text: str, name: str, gender: str) -> None:
    assert model_of(text).gender_of(name) == gender


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Sen. Oren Vale visited Port Andrell on Monday.\n\n"
            '"We will rebuild the harbour," he said.',
            ("he", "Oren Vale", "pronoun"),
            id="a-place-is-never-a-he",
        ),
        pytest.param(
            'Maria Tenbrook met Tobias Wendt at the depot.\n\n"The trams will run," she said.',
            ("she", "Maria Tenbrook", "pronoun"),
            id="gender-agreement-skips-the-nearer-man",
        ),
        pytest.param(
            '"The budget is balanced," Mayor Tobias Wendt said.\n\n'
            "Councillor Corvin Ashby was even more blunt. He called the plan reckless.\n\n"
            '"Nobody asked us," he said.',
            ("he", "Corvin Ashby", "pronoun"),
            id="a-new-subject-beats-the-last-speaker",
        ),
        pytest.param(
            '"The budget is balanced," Mayor Tobias Wendt said on Tuesday.\n\n'
            "Corvin Ashby at the depot\n\n"
            '"We will not raise fares," he said.',
            ("he", "Tobias Wendt", "pronoun"),
            id="a-caption-line-is-no-antecedent",
        ),
        pytest.param(
            "The Lowell Transit Authority published its figures on Monday.\n\n"
            '"Ridership is up," it said.',
            ("it", "Lowell Transit Authority", "pronoun"),
            id="it-is-an-organisation",
        ),
        pytest.param(
            'Peter Wendt and Thomas Ashby toured the depot together.\n\n"It is a mess," he said.',
            ("he", "he", "pronoun-unresolved"),
            id="two-equal-candidates-stay-unresolved",
        ),
        pytest.param(
            "Ana Ruiz spoke first.\n\nOn Sunday, Peter Wendt praised Tom Baker in a round of "
            "interviews. Turning to the budget, he said the fares would fall.",
            ("he", "Peter Wendt", "pronoun"),
            id="the-subject-after-an-opening-adjunct",
        ),
        pytest.param(
            '"The depot is safe," Ana Ruiz said.\n\nThe Lowell Courier columnist Maria '
            'Okafor praised Ana Ruiz on Tuesday. "The depot is a disgrace," she said.',
            ("she", "Maria Okafor", "pronoun"),
            id="a-title-phrase-before-the-subject",
        ),
        pytest.param(
            'Peter Wendt spoke on Monday.\n\nAllies say that he wants to win. "We will win," '
            "he said.",
            ("he", "Peter Wendt", "pronoun"),
            id="a-sentence-opening-plural-is-no-antecedent",
        ),
        pytest.param(
            "Peter Wendt spoke at the depot. Plans from the mayor, Thomas Ashby, to raise fares "
            "were unfair, he said.",
            ("he", "Peter Wendt", "pronoun"),
            id="a-name-in-apposition-after-a-comma-is-no-subject",
        ),
        pytest.param(
            "Peter Wendt turned the story back on the Courier, pointing out that its reporter "
            'Thomas Ashby had reported in June that the plan was failing.\n\n"Apparently not," '
            "he said.",
            ("he", "Peter Wendt", "pronoun"),
            id="a-speaker-inside-another-subjects-sentence-is-no-last-speaker",
        ),
        pytest.param(
            "Sanders spoke first. But his wife, Jane, offered a preview on Monday.\n\n"
            '"He wants to keep going," she said.',
            ("she", "Jane", "pronoun"),
            id="a-role-word-before-a-one-word-name",
        ),
        pytest.param(
            'Was Thomas Ashby satisfied with Peter Wendt\'s answer?\n\n"To a point," he said.',
            ("he", "Thomas Ashby", "pronoun"),
            id="the-subject-of-a-question-and-no-possessor",
        ),
        pytest.param(
            '"We lost the room," said J.M. Orvell, a fellow at the Lowell Institute. He '
            "added that the count was fair.",
            ("He", "J.M. Orvell", "pronoun"),
            id="initials-run-together-keep-their-stops-and-the-sentence",
        ),
        pytest.param(
            "Ana Ruiz spoke on Monday. Ruiz spokeswoman Dana Holt criticized the council for "
            'the delay. "Nice try, not true," she said.',
            ("she", "Dana Holt", "pronoun"),
            id="a-name-modifying-a-role-is-no-subject",
        ),
        pytest.param(
            '"The depot will close," said Peter Wendt. Mr. Wendt also said the union agreed to '
            'it. In an interview last week, Mr. Ashby described the meeting. "I said no," he '
            "recalled.",
            ("he", "Ashby", "pronoun"),
            id="the-latest-subject-beats-an-earlier-speaker",
        ),
        pytest.param(
            "Thomas Ashby had spoken to the council before. Ashby also did not sound hopeful "
            'when Wendt asked about the vote. "We will see," he said.',
            ("he", "Thomas Ashby", "pronoun"),
            id="a-subordinate-clause-subject-is-not-the-latest-subject",
        ),
        pytest.param(
            "Tomas Vell opened the market on Monday. Marta Vell stood beside him. Mrs. Vell "
            'wrote about it later. "I did not speak," she wrote. Mr. Vell said on Sunday that '
            'he would return. "We are not done," he said.',
            ("he", "Tomas Vell", "pronoun"),
            id="two-people-of-one-surname-he",
        ),
        pytest.param(
            "Tomas Vell opened the market on Monday. Marta Vell stood beside him. Mrs. Vell "
            'wrote about it later. "I did not speak," she wrote.',
            ("she", "she", "pronoun-unresolved"),
            id="two-people-of-one-surname-she-is-not-guessed",
        ),
        pytest.param(
            'Marta Vell spoke on Monday. But Others said so. "It is over," she said.',
            ("she", "Marta Vell", "pronoun"),
            id="a-capitalised-indefinite-pronoun-is-no-antecedent",
        ),
        pytest.param(
            'The statement came on Monday. It was short.\n\n"We are done," it said.',
            ("it", "it", "pronoun-unresolved"),
            id="a-pronoun-opening-a-sentence-is-no-name",
        ),
    ],
)
def test_pronoun_resolution(text: str, expected: tuple[str, str, str]) -> None:
    assert speakers_resolved(text)[-1] == expected


def test_a_possessive_before_a_cue_word_is_no_speaker() -> None:
    text = "Peter Wendt met Ana Ruiz. Despite Wendt's continued support for the plan, it failed."
    assert extracted(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        pytest.param(
            "But what if Ana Ruiz wins? Don\u2019t Republicans run the risk?",
            ["Ana Ruiz", "Republicans"],
            id="a-negated-verb-opening-a-run-is-no-part-of-the-name",
        ),
        pytest.param(
            "Bernie Wendt spoke. Ana Ruiz, a Los Angeles-area Wendt volunteer, was there.",
            ["Bernie Wendt", "Ana Ruiz", "Wendt"],
            id="a-compound-modifier-before-a-name-is-no-part-of-it",
        ),
        pytest.param(
            "Alex Seitz-Wald spoke on Monday.",
            ["Alex Seitz-Wald"],
            id="negative-a-double-barrelled-surname-stays-whole",
        ),
    ],
)
def test_name_mentions(text: str, names: list[str]) -> None:
    assert [mn.name for mn in NameIndex(text).mentions] == names
