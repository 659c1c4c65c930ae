"""Corpus speaker index: conservative grouping of spellings and lookup by typed name."""

from __future__ import annotations

import random

import pytest

from bot.index.speakers import _same_person, _variant_pairs, find_speakers, group_speakers
from ingest.records import Speaker

ENTRIES = [
    ("Volodar Zelenskiy", "wire"),
    ("Volodar Zelensky", "gazette"),
    ("Volodar Zelenskyy", "gazette"),
    ("Volodar Zelenskiyy", "wire"),
    ("Zelenskiy", "post"),
    ("Marta Okonjo", "wire"),
    ("Tobias Okonjo", "post"),
    ("Okonjo", "post"),
    ("Antonia Greaves", "wire"),
    ("Antonia Greaves", "wire"),
    ("Greaves", "gazette"),
    ("the Kremlin", "wire"),
    ("Kremlin", "post"),
]


@pytest.fixture
def index() -> list[Speaker]:
    return group_speakers(ENTRIES)


def by_alias(index: list[Speaker], alias: str) -> Speaker:
    (speaker,) = [s for s in index if alias in s.aliases]
    return speaker


def test_spelling_variants_are_one_speaker(index: list[Speaker]) -> None:
    z = by_alias(index, "Volodar Zelensky")
    assert set(z.aliases) == {
        "Volodar Zelenskiy",
        "Volodar Zelensky",
        "Volodar Zelenskyy",
        "Volodar Zelenskiyy",
        "Zelenskiy",
    }
    assert z.quote_count == 5
    assert z.outlets == ("gazette", "post", "wire")


def test_people_sharing_a_surname_stay_apart(index: list[Speaker]) -> None:
    marta = by_alias(index, "Marta Okonjo")
    tobias = by_alias(index, "Tobias Okonjo")
    assert marta.key != tobias.key
    # a bare "Okonjo" could be either: it is not merged into one of them
    assert by_alias(index, "Okonjo").key not in (marta.key, tobias.key)


def test_bare_surname_joins_the_only_full_name(index: list[Speaker]) -> None:
    greaves = by_alias(index, "Greaves")
    assert greaves.name == "Antonia Greaves"
    assert greaves.quote_count == 3


def test_one_letter_typo_in_a_long_surname_is_merged() -> None:
    (s,) = group_speakers([("Ingrid Halvorsen", "a"), ("Ingrid Halvorson", "b")])
    assert s.quote_count == 2


def test_short_different_surnames_are_not_merged() -> None:
    assert len(group_speakers([("Ann Lee", "a"), ("Ann Lei", "b")])) == 2


def test_organisation_with_and_without_article(index: list[Speaker]) -> None:
    assert by_alias(index, "Kremlin").quote_count == 2


@pytest.mark.parametrize(
    ("query", "alias"),
    [
        pytest.param("Zelensky", "Volodar Zelenskiy", id="surname-variant"),
        pytest.param("volodar zelenskyy", "Volodar Zelenskiy", id="full-alias-any-case"),
        pytest.param("President Zelenskiy", "Volodar Zelenskiy", id="title-stripped"),
        pytest.param("Antonia Graves", "Antonia Greaves", id="one-letter-typo"),
        pytest.param("Greaves", "Antonia Greaves", id="surname"),
        pytest.param("the Kremlin", "Kremlin", id="organisation"),
    ],
)
def test_find_speakers(index: list[Speaker], query: str, alias: str) -> None:
    found = find_speakers(index, query)
    assert found and found[0] is by_alias(index, alias)


def test_find_ambiguous_surname_returns_everyone(index: list[Speaker]) -> None:
    names = {s.name for s in find_speakers(index, "Okonjo")}
    assert {"Marta Okonjo", "Tobias Okonjo"} <= names


def test_find_unknown_name(index: list[Speaker]) -> None:
    assert find_speakers(index, "Somebody Else") == []
    assert find_speakers(index, "") == []


def test_a_middle_initial_only_one_form_carries_is_one_speaker() -> None:
    index = group_speakers([("Peter J. Wendt", "wire"), ("Peter Wendt", "post")])
    assert [s.aliases for s in index] == [("Peter J. Wendt", "Peter Wendt")]


def test_two_initialled_forms_keep_the_plain_name_apart() -> None:
    entries = [("Peter J. Wendt", "wire"), ("Peter K.L. Wendt", "wire"), ("Peter Wendt", "post")]
    assert len(group_speakers(entries)) == 3


def test_an_unresolved_pronoun_is_no_speaker() -> None:
    index = group_speakers([("he", "wire"), ("She", "post"), ("Ana Ruiz", "post")])
    assert [s.name for s in index] == ["Ana Ruiz"]


def test_a_joint_speaker_leaves_a_bare_surname_to_the_one_full_name() -> None:
    index = group_speakers(
        [("Ana Ruiz", "wire"), ("Ruiz", "wire"), ("Peter Wendt and Ana Ruiz", "wire")]
    )
    assert by_alias(index, "Ruiz").name == "Ana Ruiz"
    assert by_alias(index, "Peter Wendt and Ana Ruiz").aliases == ("Peter Wendt and Ana Ruiz",)


def test_variant_pairs_are_every_pair_the_pairwise_rule_accepts() -> None:
    # The grouping compares only names that share a skeleton or a deletion, not every pair
    # of one first name: it must still find every pair the rule accepts.
    rng = random.Random(5)
    letters = "abdeiklmnorstuvyz"
    surnames = ["".join(rng.choice(letters) for _ in range(rng.randint(4, 9))) for _ in range(150)]
    for s in list(surnames):
        i = rng.randrange(len(s))
        surnames += [s[:i] + s[i + 1 :], s[:i] + rng.choice(letters) + s[i:], s.replace("i", "y")]
    keys = sorted({("ana", s) for s in surnames if s})
    found = {frozenset(p) for p in _variant_pairs(keys) if _same_person(*p)}
    every = {
        frozenset((a, b)) for i, a in enumerate(keys) for b in keys[i + 1 :] if _same_person(a, b)
    }
    assert every and found == every
