"""The meaning check: a changed number, a negation, an opposite, a modality or swapped roles
is a difference; a source that covers the claim with none of them supports it."""

from __future__ import annotations

import pytest

from bot.verdicts.meaning import compare, lemma, quantities

DIFFERENT = [  # claim, source, kind, claimed, source words
    (
        "Russia fired three missiles at the port",
        "Russia fired two missiles at the port",
        "number",
        "three",
        "two",
    ),
    (
        "the review comes after six months",
        "the review comes after 12 months",
        "number",
        "six",
        "12",
    ),
    (
        "more than 3,000 people marched",
        "3,000 people marched",
        "number",
        "more than 3,000",
        "3,000",
    ),
    ("turnout was 40%", "turnout was 45 percent", "number", "40%", "45 percent"),
    ("the bridge opened in 2019", "the bridge opened in 2021", "number", "2019", "2021"),
    (
        "she finished second in the race",
        "she finished third in the race",
        "number",
        "second",
        "third",
    ),
    (
        "the fund holds $2 million",
        "the fund holds $3 million",
        "number",
        "$2 million",
        "$3 million",
    ),
    (
        "the gates were designed for this",
        "the gates were never designed for this",
        "negation",
        "",
        "never",
    ),
    (
        "the council will not close the library",
        "the council will close the library",
        "negation",
        "not",
        "",
    ),
    (
        "the mayor's claims of fraud are true",
        "the mayor's claims of fraud are nonsense",
        "antonym",
        "true",
        "nonsense",
    ),
    ("prices rose sharply in May", "prices fell sharply in May", "antonym", "rose", "fell"),
    ("the union supports the deal", "the union opposes the deal", "antonym", "supports", "opposes"),
    ("the party won the vote", "the party lost the vote", "antonym", "won", "lost"),
    (
        "the council will close the library",
        "the council might close the library",
        "modality",
        "will",
        "might",
    ),
    ("all the wards flooded", "some wards flooded", "modality", "all", "some"),
    (
        "Halden attacked Mireval",
        "Mireval attacked Halden",
        "roles",
        "Halden attacked Mireval",
        "Mireval attacked Halden",
    ),
]


@pytest.mark.parametrize(("claim", "source", "kind", "claimed", "said"), DIFFERENT)
def test_a_difference_of_meaning_is_named(
    claim: str, source: str, kind: str, claimed: str, said: str
) -> None:
    reading = compare(claim, source)
    assert not reading.supports
    assert reading.contradicts
    found = [(d.kind, d.claimed, d.source) for d in reading.differences]
    assert (kind, claimed, said) in found
    d = next(d for d in reading.differences if d.kind == kind)
    if said:
        assert source[d.start : d.end] == said


SAME = [  # claim, source (a paraphrase or the same words), speaker
    ("Halden is fighting a land grab", "it is fighting an imperial-style land grab", "Halden"),
    ("the claims are not true", "the claims are false", ""),
    ("a dozen officers were hurt", "12 officers were hurt", ""),
    ("the budget is $2.5 million", "the budget is 2.5 million dollars", ""),
    ("we met on March 3, 2021", "we met on 3 March 2021", ""),
    ("the city needs a fast victory", "the city needs a quick victory", ""),
    ("the rockets were fired at dawn", "the missiles were fired at dawn", ""),
    ("the plant employs 300 workers", "the plant employs three hundred workers", ""),
]


@pytest.mark.parametrize(("claim", "source", "speaker"), SAME)
def test_a_source_that_says_it_supports_the_claim(claim: str, source: str, speaker: str) -> None:
    reading = compare(claim, source, speaker=speaker)
    assert reading.differences == ()
    assert reading.supports


def test_a_claim_about_something_else_is_neither_supported_nor_contradicted() -> None:
    reading = compare("the ferry fares rose by 10%", "we will never sell the harbour")
    assert not reading.supports and not reading.contradicts


def test_a_number_the_source_lacks_is_added_not_supported() -> None:
    reading = compare("the mayor counted three barges", "the mayor counted barges")
    assert [d.kind for d in reading.differences] == ["added"]
    assert not reading.supports and not reading.contradicts


def test_a_name_the_source_lacks_is_no_support() -> None:
    reading = compare("Orlen Vasby closed the dock", "the dock was closed by the council")
    assert not reading.supports


def test_matched_words_are_named() -> None:
    reading = compare("the sluice gates failed", "the old sluice gates failed at noon")
    assert {"sluice", "gates", "failed"} <= set(reading.matched)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("two hundred and five boats", [205]),
        ("twenty-five thousand people", [25000]),
        ("a dozen eggs and half a loaf", [12, 0.5]),
        ("$1.5bn and 3,200 jobs", [1.5e9, 3200]),
        ("the 3rd of 4 ships", [3, 4]),
    ],
)
def test_quantities_are_read_from_digits_and_words(text: str, values: list[float]) -> None:
    assert [q.value for q in quantities(text)] == values


def test_inflections_share_a_lemma() -> None:
    assert lemma("rose") == lemma("rising") == lemma("rises") == lemma("rise")
    assert lemma("stopped") == lemma("stop")
    assert lemma("denied") == lemma("deny")
