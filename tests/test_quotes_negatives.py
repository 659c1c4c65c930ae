"""Cases that must yield nothing (or nothing more): titles, scare quotes, signs, words of
time or manner, clauses with no speaker."""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted, kind_speaker_cue_quote, quads, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Hale wanted to say that the plan would fail.",
            [],
            id="wanting-to-say-is-no-report",
        ),
        pytest.param(
            "The crews were praised as \u201cthe best on the coast\u201d this week.",
            [],
            id="passive-marked-cue-has-no-speaker",
        ),
        pytest.param(
            "The town was quiet on Friday, \u201clike a ghost town.\u201d",
            [],
            id="comma-before-quoted-words-alone-names-no-speaker",
        ),
        pytest.param(
            "The council plans to add 300 parking spaces. Please note that the office is shut.",
            [],
            id="base-form-verbs-without-reporting-are-no-cues",
        ),
    ],
)
def test_content_and_speaker_bounds(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected


def test_clause_adverb_after_a_quote_is_not_a_name() -> None:
    assert quads('"We were late," Then said.') == []


@pytest.mark.parametrize(
    "text",
    [
        pytest.param('She is reading the novel "The Salt Orchard" this summer.', id="book-title"),
        pytest.param('The film "Winter on Pell Street" opens on Friday.', id="film-title"),
        pytest.param('The so-called "hub" was closed in March.', id="scare-quote"),
        pytest.param(
            'Residents gathered by the river.\n\n"Free coffee for everyone" was painted on a wall.',
            id="no-speaker-anywhere-near",
        ),
        pytest.param("The candidates' views on the '90s economy differ.", id="only-apostrophes"),
    ],
)
def test_not_quotes_yield_nothing(text: str) -> None:
    assert extracted(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"We have lost the vote," the harbour pilots meeting in Vennby.',
            [],
            id="a-participle-after-a-quote-is-no-attribution",
        ),
        pytest.param(
            'The plan in the audit has two parts: "dredging" and "paving."',
            [],
            id="a-thing-opening-the-clause-before-the-colon-is-no-source",
        ),
        pytest.param(
            'Ida Moss wrote about the pier in her memoir, "Harbour Days." She was firm.',
            [],
            id="a-title-after-the-name-of-a-kind-of-work",
        ),
    ],
)
def test_attribution_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


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


def test_passive_attitude_verb_names_no_speaker() -> None:
    assert kind_speaker_cue_quote('The chief was accused of "gross negligence" by the panel.') == []


def test_quoted_name_in_next_sentence_is_not_carried_on() -> None:
    text = '"We will see," Ruiz said. "Sons of Rain" is a play about the town.'
    assert [t[3] for t in kind_speaker_cue_quote(text)] == ["We will see"]


def test_clause_opening_with_a_verb_names_no_speaker() -> None:
    assert (
        kind_speaker_cue_quote('This prompted the tabloid to run a cover saying "Go home, Hil!"')
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            'The plan, drawn up over the summer by the council, has three parts: "build, repair '
            'and wait."',
            [],
            id="colon-after-a-clause-with-no-speaker",
        ),
    ],
)
def test_colon_and_parenthesis_shapes(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "They pull the lever for \u201cR,\u201d or \u201cD,\u201d according to their "
            "instinctive preference.",
            [],
            id="according-to-a-possession-is-no-source",
        ),
    ],
)
def test_source_phrase_edges(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    assert kind_speaker_cue_quote(text) == expected
