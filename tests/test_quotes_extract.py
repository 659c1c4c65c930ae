"""Quote extraction: text -> expected (speaker, cue, quote) tuples, positives and negatives.

All sentences are made up: fictional people, places and outlets.
"""

from __future__ import annotations

import pytest

from tests.quote_cases import extracted


def triples(text: str) -> list[tuple[str, str, str]]:
    return [(q.speaker, q.cue, q.text) for q in extracted(text)]


DIRECT_CASES = [
    pytest.param(
        '"We will rebuild the bridge by spring," Mayor Lena Okafor said on Monday.',
        [("Mayor Lena Okafor", "said", "We will rebuild the bridge by spring")],
        id="straight-marks-speaker-after",
    ),
    pytest.param(
        "\u201cThe harbour is safe again,\u201d said Tomas Varga, the port director.",
        [("Tomas Varga", "said", "The harbour is safe again")],
        id="curly-marks-inverted-said-X",
    ),
    pytest.param(
        "''Nobody expected the turnout to be this high,'' Ms. Adeyemi said.",
        [("Ms. Adeyemi", "said", "Nobody expected the turnout to be this high")],
        id="two-apostrophe-marks",
    ),
    pytest.param(
        "\u00ab Nous restons ici \u00bb, Paul Brandt said in French.",
        [("Paul Brandt", "said", "Nous restons ici")],
        id="guillemets",
    ),
    pytest.param(
        "Kessler told the Daily Meridian: \u201eDas ist unser Plan.\u201c",
        [("Kessler", "told", "Das ist unser Plan.")],
        id="low-high-marks",
    ),
    pytest.param(
        'Senator Ruth Alvarez said: "The vote is tomorrow and we have the numbers."',
        [("Senator Ruth Alvarez", "said", "The vote is tomorrow and we have the numbers.")],
        id="speaker-before-colon",
    ),
    pytest.param(
        'Said Ellis: "Nobody in this town will forget what happened."',
        [("Ellis", "Said", "Nobody in this town will forget what happened.")],
        id="inverted-said-ellis",
    ),
    pytest.param(
        '"We stand with the farmers," said the senator, who chairs the farm panel.',
        [("the senator", "said", "We stand with the farmers")],
        id="said-the-senator-who",
    ),
    pytest.param(
        '"The audit is complete," Mark Duval, a spokesman for the Orvane Group, said.',
        [("Mark Duval", "said", "The audit is complete")],
        id="appositive-spokesman-for",
    ),
    pytest.param(
        '"Go register," she said.',
        [("she", "said", "Go register")],
        id="short-quote",
    ),
    pytest.param(
        "\u201cI said \u2018enough\u2019 and walked out,\u201d Priya Nand told reporters.",
        [("Priya Nand", "told", "I said \u2018enough\u2019 and walked out")],
        id="nested-single-inside-double",
    ),
    pytest.param(
        'The candidates\' debate ended late. "It was a rough night," Coach Bell said.',
        [("Coach Bell", "said", "It was a rough night")],
        id="stray-apostrophe-candidates",
    ),
    pytest.param(
        "\u201cDon\u2019t worry about the \u201990s,\u201d Harlan Ode said of Kyiv\u2019s past.",
        [("Harlan Ode", "said", "Don\u2019t worry about the \u201990s")],
        id="apostrophes-are-not-marks",
    ),
    pytest.param(
        '"The plant will stay open. Nobody loses a job," the Velmora Company said.',
        [("the Velmora Company", "said", "The plant will stay open. Nobody loses a job")],
        id="organisation-speaker-multi-sentence",
    ),
]


@pytest.mark.parametrize(("text", "expected"), DIRECT_CASES)
def test_direct_quotes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected
    assert all(q.kind == "direct" for q in extracted(text))


NEGATIVE_CASES = [
    pytest.param('She is reading the novel "The Salt Orchard" this summer.', id="book-title"),
    pytest.param('The film "Winter on Pell Street" opens on Friday.', id="film-title"),
    pytest.param('The so-called "hub" was closed in March.', id="scare-quote"),
    pytest.param(
        'Residents gathered by the river.\n\n"Free coffee for everyone" was painted on a wall.',
        id="no-speaker-anywhere-near",
    ),
    pytest.param("The candidates' views on the '90s economy differ.", id="only-apostrophes"),
]


@pytest.mark.parametrize("text", NEGATIVE_CASES)
def test_not_quotes_yield_nothing(text: str) -> None:
    assert extracted(text) == []


def test_interrupted_quote_shares_group() -> None:
    text = '"We fixed the roof," Dana Pike said. "Next we fix the windows."'
    found = extracted(text)
    assert [(q.speaker, q.text) for q in found] == [
        ("Dana Pike", "We fixed the roof"),
        ("Dana Pike", "Next we fix the windows."),
    ]
    assert found[0].group == found[1].group
    assert found[1].method == "inherited"


def test_quote_with_speaker_inside() -> None:
    text = '"We fixed the roof," Dana Pike said, "and next we fix the windows."'
    found = extracted(text)
    assert [(q.speaker, q.cue, q.text) for q in found] == [
        ("Dana Pike", "said", "We fixed the roof"),
        ("Dana Pike", "said", "and next we fix the windows."),
    ]
    assert found[0].group == found[1].group


def test_multi_paragraph_quote() -> None:
    text = (
        'Irene Castell said: "The first year was hard.\n\n'
        '"The second year was harder.\n\n'
        '"The third year we finally made money."\n\nThe shop opened in 2019.'
    )
    found = extracted(text)
    assert [q.text for q in found] == [
        "The first year was hard.",
        "The second year was harder.",
        "The third year we finally made money.",
    ]
    assert {q.canonical_speaker for q in found} == {"Irene Castell"}
    assert len({q.group for q in found}) == 1


def test_mixed_quote_keeps_fragments_and_mismatched_marks() -> None:
    text = (
        'Orlov\u2019s chief of staff said the blasts were "proof\u2019 that the city needs '
        '\u2018a quick victory\u2019 over the rebels "because every day costs lives.\u201d'
    )
    (q,) = extracted(text)
    assert q.kind == "mixed"
    assert q.speaker == "Orlov\u2019s chief of staff"  # the possessor is not the speaker
    assert q.canonical_speaker == "Orlov\u2019s chief of staff"
    assert q.cue == "said"
    assert [f.text for f in q.fragments] == [
        "proof",
        "a quick victory",
        "because every day costs lives.",
    ]
    assert q.text.startswith("the blasts were")


INDIRECT_CASES = [
    pytest.param(
        "Aldovia says it is fighting an imperial-style land grab.",
        [("Aldovia", "says", "it is fighting an imperial-style land grab")],
        id="country-says",
    ),
    pytest.param(
        "Crews rushed to the scene after the city's mayor said two missiles hit the depot.",
        [("the city's mayor", "said", "two missiles hit the depot")],
        id="possessive-subject-mid-sentence",
    ),
    pytest.param(
        "According to Nadia Ferro, the budget will be cut by a third.",
        [("Nadia Ferro", "According to", "the budget will be cut by a third")],
        id="according-to-first",
    ),
    pytest.param(
        "The budget will be cut by a third, according to the finance ministry.",
        [("the finance ministry", "according to", "The budget will be cut by a third")],
        id="according-to-last",
    ),
    pytest.param(
        "The Kremlin said that the talks would resume next week.",
        [("The Kremlin", "said", "that the talks would resume next week")],
        id="organisation-said-that",
    ),
    pytest.param(
        "The bridge will reopen in May, Rosa Lind told the Harbor Gazette.",
        [("Rosa Lind", "told", "The bridge will reopen in May")],
        id="content-before-X-told-Y",
    ),
]


@pytest.mark.parametrize(("text", "expected"), INDIRECT_CASES)
def test_indirect_speech(text: str, expected: list[tuple[str, str, str]]) -> None:
    found = extracted(text)
    assert [(q.speaker, q.cue, q.text) for q in found] == expected
    assert all(q.kind == "indirect" for q in found)


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


def test_pronoun_resolved_to_nearest_person() -> None:
    text = (
        'Dr. Helen Marsh runs the clinic in Lowbridge.\n\n"We see forty patients a day," she said.'
    )
    (q,) = extracted(text)
    assert (q.speaker, q.canonical_speaker, q.method) == ("she", "Helen Marsh", "pronoun")


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


def test_offsets_kinds_and_indexes_on_a_longer_article() -> None:
    text = (
        "Port Alder Council votes on the ferry budget\n\n"
        "Councillor Maya Irwin said on Tuesday that the ferry would run all winter. "
        '"We promised that in the spring and we keep our promises," Irwin said.\n\n'
        "The harbour master disagreed. He said the ice would close the route by January."
    )
    found = extracted(text)
    assert [q.kind for q in found] == ["indirect", "direct", "indirect"]
    assert found[1].canonical_speaker == "Maya Irwin"
    assert found[2].speaker == "He"
    assert 0 < found[0].confidence <= 1


def test_pronoun_prefers_the_previous_speaker_over_a_nearer_name() -> None:
    text = (
        '"The vote was fair," Senator Ines Carvalho said of her rival Joao Pereira.\n\n'
        '"We will work together," she added.'
    )
    found = extracted(text)
    assert [(q.speaker, q.canonical_speaker, q.method) for q in found] == [
        ("Senator Ines Carvalho", "Ines Carvalho", "explicit"),
        ("she", "Ines Carvalho", "pronoun"),
    ]
