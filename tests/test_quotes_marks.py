"""Quotation marks and direct quotes: mark styles, quote-aware sentences, spans that
share a group, multi-paragraph quotes, fragments of mixed quotes, offsets."""

from __future__ import annotations

import pytest

from ingest.quotes.marks import find_marked
from ingest.sentences import split_quoted
from tests.quote_cases import extracted, triples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            '"We will rebuild the bridge by spring," Mayor Lena Okafor said on Monday.',
            [("Mayor Lena Okafor", "said", "We will rebuild the bridge by spring")],
            id="rule_noun_phrase_before_cue/straight-marks-speaker-after",
        ),
        pytest.param(
            "\u201cThe harbour is safe again,\u201d said Tomas Varga, the port director.",
            [("Tomas Varga", "said", "The harbour is safe again")],
            id="rule_said_before_speaker/curly-marks-inverted-said-X",
        ),
        pytest.param(
            "''Nobody expected the turnout to be this high,'' Ms. Adeyemi said.",
            [("Ms. Adeyemi", "said", "Nobody expected the turnout to be this high")],
            id="rule_noun_phrase_before_cue/two-apostrophe-marks",
        ),
        pytest.param(
            "\u00ab Nous restons ici \u00bb, Paul Brandt said in French.",
            [("Paul Brandt", "said", "Nous restons ici")],
            id="rule_noun_phrase_before_cue/guillemets",
        ),
        pytest.param(
            "Kessler told the Daily Meridian: \u201eDas ist unser Plan.\u201c",
            [("Kessler", "told", "Das ist unser Plan.")],
            id="rule_noun_phrase_before_cue/low-high-marks",
        ),
        pytest.param(
            'Senator Ruth Alvarez said: "The vote is tomorrow and we have the numbers."',
            [("Senator Ruth Alvarez", "said", "The vote is tomorrow and we have the numbers.")],
            id="rule_noun_phrase_before_cue/speaker-before-colon",
        ),
        pytest.param(
            'Said Ellis: "Nobody in this town will forget what happened."',
            [("Ellis", "Said", "Nobody in this town will forget what happened.")],
            id="rule_said_before_speaker/inverted-said-ellis",
        ),
        pytest.param(
            '"We stand with the farmers," said the senator, who chairs the farm panel.',
            [("the senator", "said", "We stand with the farmers")],
            id="rule_said_before_speaker/said-the-senator-who",
        ),
        pytest.param(
            '"The audit is complete," Mark Duval, a spokesman for the Orvane Group, said.',
            [("Mark Duval", "said", "The audit is complete")],
            id="rule_name_then_appositive/appositive-spokesman-for",
        ),
        pytest.param(
            '"Go register," she said.',
            [("she", "said", "Go register")],
            id="rule_noun_phrase_before_cue/short-quote",
        ),
        pytest.param(
            "\u201cI said \u2018enough\u2019 and walked out,\u201d Priya Nand told reporters.",
            [("Priya Nand", "told", "I said \u2018enough\u2019 and walked out")],
            id="rule_noun_phrase_before_cue/nested-single-inside-double",
        ),
        pytest.param(
            'The candidates\' debate ended late. "It was a rough night," Coach Bell said.',
            [("Coach Bell", "said", "It was a rough night")],
            id="rule_noun_phrase_before_cue/stray-apostrophe-candidates",
        ),
        pytest.param(
            "\u201cDon\u2019t worry about the \u201990s,\u201d Harlan Ode said of "
            "Kyiv\u2019s past.",
            [("Harlan Ode", "said", "Don\u2019t worry about the \u201990s")],
            id="rule_noun_phrase_before_cue/apostrophes-are-not-marks",
        ),
        pytest.param(
            '"The plant will stay open. Nobody loses a job," the Velmora Company said.',
            [("the Velmora Company", "said", "The plant will stay open. Nobody loses a job")],
            id="rule_noun_phrase_before_cue/organisation-speaker-multi-sentence",
        ),
    ],
)
def test_direct_quotes(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert triples(text) == expected
    assert all(q.kind == "direct" for q in extracted(text))


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


def spans(text: str) -> list[str]:
    return [text[m.start : m.end] for m in find_marked(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('He said "yes" twice.', ["yes"], id="straight"),
        pytest.param("He said \u201cyes\u201d twice.", ["yes"], id="curly"),
        pytest.param(
            "\u202a\u201dSorry, no.\u201d posted Ola.",
            ["Sorry, no."],
            id="right-mark-opening-after-an-invisible-bidi-control",
        ),
        pytest.param("He said ''yes'' twice.", ["yes"], id="two-apostrophes"),
        pytest.param("Il a dit \u00ab oui \u00bb deux fois.", ["oui"], id="guillemets"),
        pytest.param("Er sagte \u201eja\u201c zweimal.", ["ja"], id="low-high"),
        pytest.param(
            "\u201cShe told me \u2018never again\u2019 and left,\u201d he said.",
            ["She told me \u2018never again\u2019 and left,"],
            id="single-nested-in-double-is-not-a-span",
        ),
        pytest.param(
            'It was "proof\u2019 of a need for \u2018a quick win\u2019 "because time runs.\u201d',
            ["proof", "a quick win", "because time runs."],
            id="double-closed-by-single",
        ),
        pytest.param(
            "The candidates\u2019 plans don\u2019t match Brill\u2019s \u201990s ideas.",
            [],
            id="apostrophes-only",
        ),
        pytest.param(
            "The voters' mood soured. \"It's late,\" Ames said.",
            ["It's late,"],
            id="stray-apostrophe-before-a-quote",
        ),
    ],
)
def test_mark_styles(text: str, expected: list[str]) -> None:
    assert spans(text) == expected


def test_multi_paragraph_quote_is_one_span_per_paragraph() -> None:
    text = '"First part.\n\n"Second part.\n\n"Last part," she said.'
    found = find_marked(text)
    assert [text[m.start : m.end] for m in found] == ["First part.", "Second part.", "Last part,"]
    assert [m.closed for m in found] == [False, False, True]
    assert [m.continued for m in found] == [False, True, True]


def test_unclosed_quote_without_continuation_runs_to_paragraph_end() -> None:
    text = 'He wrote: "We will not stop\n\nThe end.'
    (m,) = find_marked(text)
    assert text[m.start : m.end] == "We will not stop"
    assert not m.closed


def test_sentences_do_not_split_inside_quotes_or_before_attribution() -> None:
    text = '"It failed. We tried," Reyes said. "Great!" Ames said. Next came the vote.'
    found = split_quoted(text, [(m.open_start, m.close_end) for m in find_marked(text)])
    assert [text[s.start : s.end] for s in found] == [
        '"It failed. We tried," Reyes said.',
        '"Great!" Ames said.',
        "Next came the vote.",
    ]
