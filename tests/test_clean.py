"""clean_text: normalisation, boilerplate rules, and the quotation marks left alone."""

from __future__ import annotations

import pytest

from ingest.clean import BOILERPLATE_PATTERNS, clean_text, is_boilerplate

BODY = "The dam held until Wednesday.\n\n“We did what we could,” she said."


def test_nfc_normalisation() -> None:
    assert clean_text("Cafe\u0301 owner") == "Caf\u00e9 owner"


def test_zero_width_and_control_characters_removed() -> None:
    assert clean_text("a\u200bb\u200dc\ufeffd\u00ade\x07f\x00g") == "abcdefg"


def test_bidirectional_controls_removed() -> None:
    assert (
        clean_text("\u202a\u201cNo\u201d \u202ewas\u202c \u2066it\u2069\u200e")
        == "\u201cNo\u201d was it"
    )


def test_non_breaking_and_typographic_spaces_become_spaces() -> None:
    assert clean_text("£18\u00a0million on\u202fMonday\u3000now") == "£18 million on Monday now"


def test_runs_of_spaces_and_tabs_collapse() -> None:
    assert clean_text("one  \t two\t\tthree") == "one two three"


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n", "\u2028"])
def test_line_endings_normalised(newline: str) -> None:
    raw = f"First para.{newline}{newline}Second para."
    assert clean_text(raw) == "First para.\n\nSecond para."


def test_paragraphs_separated_by_exactly_one_blank_line() -> None:
    raw = "\n\n  First para.  \n \n\n\t\nSecond para.\nstill second.\n\n\n"
    assert clean_text(raw) == "First para.\n\nSecond para.\nstill second."


def test_quotation_marks_stay_as_written() -> None:
    raw = (
        '“Curly,” he said. "Straight," she said. ‘Single’ and „low“ and «guillemets» '
        'and “mismatched".'
    )
    assert clean_text(raw) == raw


def test_idempotent() -> None:
    raw = " A\u00a0b \r\n\r\n\r\n“C,” d.\u200b\n\nShare this article\n\n"
    once = clean_text(raw)
    assert clean_text(once) == once


def test_empty_and_whitespace_only() -> None:
    assert clean_text("") == ""
    assert clean_text(" \n\u200b\t\n ") == ""


BOILERPLATE_EXAMPLES = [
    "Comments on this article are closed.",
    "Comments are moderated and may take a while to appear.",
    "Please read our comment policy before posting.",
    "We welcome comments that follow our community guidelines.",
    "Our goal is to create a safe and engaging place for users to connect over interests and "
    "passions. In order to improve our community experience, we are temporarily suspending "
    "article commenting",
    "We use cookies to improve your experience. By continuing to browse you accept our cookies.",
    "Accept all cookies",
    "This website uses cookies.",
    "Sign up for our newsletter to get the Harbour Times in your inbox every morning.",
    "Sign up for our newsletter: the morning briefing, free in your inbox.",
    "Subscribe now for unlimited access.",
    "Already a subscriber? Log in.",
    "Share this article: Facebook | X | WhatsApp | Email",
    "Share on Facebook",
    "Facebook Twitter Email",
    "Follow us on Facebook and X for the latest news from Marrowford.",
    "Reporting by Tobias Lindqvist; editing by Mara Quist",
    "(Reporting by Tobias Lindqvist in Marrowford; Editing by Mara Quist and Ann Lee)",
    "With reporting by Northern Wire.",
    "This article is © 2024 Northern Wire. All rights reserved.",
    "© 2024 Harbour Times Media Ltd.",
    "---",
    "* * *",
    "By continuing to use this site you agree to our use of cookies.",
]


@pytest.mark.parametrize("paragraph", BOILERPLATE_EXAMPLES)
def test_trailing_boilerplate_paragraph_dropped(paragraph: str) -> None:
    assert is_boilerplate(paragraph)
    assert clean_text(f"{BODY}\n\n{paragraph}") == BODY


def test_every_rule_is_exercised() -> None:
    """Each compiled rule matches at least one of the examples above."""
    unused = [
        p.pattern
        for p in BOILERPLATE_PATTERNS
        if not any(p.fullmatch(e) for e in BOILERPLATE_EXAMPLES)
    ]
    assert unused == []


def test_leading_cookie_banner_dropped() -> None:
    assert clean_text(f"We use cookies to improve your experience.\n\n{BODY}") == BODY


def test_several_trailing_boilerplate_paragraphs_dropped() -> None:
    tail = (
        "---\n\nComments on this article are closed.\n\nShare this article\n\nAll rights reserved."
    )
    raw = f"{BODY}\n\n{tail}"
    assert clean_text(raw) == BODY


@pytest.mark.parametrize(
    "paragraph",
    [
        # a quotation is never dropped, whatever words it uses
        "“Share this article with everyone you know,” the mayor said.",
        '"We use cookies at the bakery, not crumbs," said Margit Osei.',
        "Sign up for our newsletter, the campaign told voters, “before the vote”.",
        # lower-case "reporting by" is prose, not a credit
        "Reporting by the Ledger showed the mayor had been warned.",
        # ordinary sentences that share a word with a rule
        "The comments were moderated by the council's own lawyers.",
        "Shipping agents said the share price fell.",
    ],
)
def test_content_paragraphs_kept(paragraph: str) -> None:
    assert not is_boilerplate(paragraph)
    assert clean_text(f"{BODY}\n\n{paragraph}") == f"{BODY}\n\n{paragraph}"


def test_boilerplate_in_the_middle_is_kept() -> None:
    raw = f"First para.\n\nShare this article\n\n{BODY}"
    assert clean_text(raw) == raw


def test_long_paragraph_never_boilerplate() -> None:
    long = "All rights reserved, " + "the council said the budget was sound. " * 12
    assert not is_boilerplate(long)


def test_seed_like_article_end() -> None:
    raw = (
        "Reuters could not independently verify the cause.\n\n"
        "Our goal is to create a safe and engaging place for users to connect over interests and "
        "passions. In order to improve our community experience, we are temporarily suspending "
        "article commenting"
    )
    assert clean_text(raw) == "Reuters could not independently verify the cause."
