"""Every row of the question-shape table reads its own example to its intent and slots."""

from __future__ import annotations

import datetime as dt

import pytest

from bot.answers.question import parse_question
from bot.answers.question_shapes import SHAPES, match_shape

TODAY = dt.date(2026, 5, 20)


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_each_shape_reads_its_example(shape) -> None:  # type: ignore[no-untyped-def]
    found = match_shape(shape.example)
    assert found is not None and found[0].name == shape.name  # no earlier row takes it
    p = parse_question(shape.example, [], TODAY, [2026])
    assert p.intent == shape.intent
    for slot, value in shape.expect.items():
        assert getattr(p, slot) == value, slot


@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ('Who called it a "special military operation"?', "special military operation"),
        (
            'Who described the dam as "a disaster waiting to happen"?',
            "a disaster waiting to happen",
        ),
        (
            "Whose words are these: the gates were never designed for this",
            "the gates were never designed for this",
        ),
        ('Where does the quote "we will not be moved" come from?', "we will not be moved"),
        ("“We were running them past their limit”", "We were running them past their limit"),
    ],
)
def test_who_said_shapes(question: str, quote: str) -> None:
    p = parse_question(question, [], TODAY, [2026])
    assert (p.intent, p.quote) == ("who_said", quote)


@pytest.mark.parametrize(
    ("question", "speaker", "quote"),
    [
        (
            "Is it true that Odile Fenwick said the gates failed?",
            "Odile Fenwick",
            "the gates failed",
        ),
        ('Odile Fenwick said "the gates failed", true?', "Odile Fenwick", "the gates failed"),
        ('Fenwick said "the gates failed" - is that right?', "Fenwick", "the gates failed"),
        ("Did Fenwick ever say the gates failed?", "Fenwick", "the gates failed"),
    ],
)
def test_verify_shapes(question: str, speaker: str, quote: str) -> None:
    p = parse_question(question, [], TODAY, [2026])
    assert (p.intent, p.speaker, p.quote) == ("verify", speaker, quote)


def test_time_words_inside_a_claim_are_part_of_it() -> None:
    for q in (
        'Who said "I have also talked to the council today"?',
        "Who said I have also talked to the council today?",
    ):
        p = parse_question(q, [], TODAY, [2026])
        assert p.quote == "I have also talked to the council today"
        assert (p.since, p.until) == ("", "")


def test_a_date_filter_comes_from_around_the_claim() -> None:
    p = parse_question('Who said "the gates failed" in March?', [], TODAY, [2026])
    assert (p.quote, p.since, p.until) == ("the gates failed", "2026-03-01", "2026-03-31")
    p = parse_question("What did Fenwick say last week?", [], TODAY, [2026])
    assert (p.intent, p.speaker, p.since) == ("what_said", "Fenwick", "2026-05-11")


def test_a_bare_statement_is_a_who_said_that_may_fall_back() -> None:
    p = parse_question("We will rebuild every street of this city", [], TODAY, [2026])
    assert p.intent == "who_said" and p.bare
    assert parse_question("Why did the Lower Quay flood?", [], TODAY).intent == "passages"
    assert parse_question("flooding in the quay", [], TODAY).intent == "passages"
