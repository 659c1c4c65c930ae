"""Finding quoted spans: every mark style, nesting, mismatches, apostrophes, paragraphs."""

from __future__ import annotations

import pytest

from ingest.quotes.marks import find_marked
from ingest.sentences import split_quoted


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
