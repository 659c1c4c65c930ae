"""Fuzz (hypothesis) the loaders and the quote extractor with random and adversarial input.

Never a crash or a hang; every span the extractor returns lies inside the text and points at
exactly its text; extraction time grows roughly linearly with input size. CI runs a few
dozen examples per property; ``QUOTECHECK_LONG_TESTS=1`` runs 1,000.
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.loaders import SUPPORTED_SUFFIXES, load_articles
from ingest.pipeline import check_quotes
from ingest.quotes import extract_quotes
from ingest.records import Article

LONG = os.environ.get("QUOTECHECK_LONG_TESTS") == "1"
EXAMPLES = 1000 if LONG else 40
HANG_SECONDS = 20

MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "‹", "›", "„", "‚", "「", "」", "『", "』"]
ODD = ["\u200b", "\u200d", "\ufeff", "\u202e", "\u202d", "\u2066", "\u0000", "\x1b", "\r", "\t"]
WORDS = ["said", "says", "told", "according to", "Mara Quill", "Dr.", "he", "she", "the mayor"]
SCRIPTS = ["שלום", "مرحبا بالعالم", "Привет", "你好世界", "नमस्ते", "🙂", "e\u0301", "İ", "ß"]

adversarial_text = st.lists(
    st.one_of(
        st.sampled_from(MARKS),
        st.sampled_from(ODD),
        st.sampled_from(WORDS),
        st.sampled_from(SCRIPTS),
        st.sampled_from([" ", "\n", "\n\n", ", ", ". ", ": "]),
        st.text(max_size=20),
    ),
    max_size=400,
).map("".join)

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@contextmanager
def no_hang(seconds: int = HANG_SECONDS) -> Iterator[None]:
    def fail(*_: object) -> None:
        raise AssertionError(f"no result within {seconds} s: a hang")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def check_extraction(text: str) -> int:
    article = Article(id="fuzz", title="t", text=text)
    with no_hang():
        quotes = extract_quotes(article)
    check_quotes(article, quotes)  # every span inside the text and equal to its words
    return len(quotes)


@FUZZ
@given(adversarial_text)
def test_extractor_survives_adversarial_text(text: str) -> None:
    check_extraction(text)


@FUZZ
@given(st.text(max_size=3000))
def test_extractor_survives_random_text(text: str) -> None:
    check_extraction(text)


@pytest.mark.parametrize("mark", ['"', "“", "«"])
def test_extractor_survives_hundreds_of_marks(mark: str) -> None:
    check_extraction(("said Mara " + mark) * 150)
    check_extraction(mark * 2000 + " x" * 10)


def test_extractor_survives_thousands_of_marks() -> None:
    with no_hang(8):
        extract_quotes(Article(id="marks", title="t", text='said Mara "' * 3000))


def test_extractor_survives_a_very_long_line() -> None:
    check_extraction('"' + "word " * 40_000 + '," said Mara Quill. ' + "«" * 2000)


@FUZZ
@given(st.sampled_from(SUPPORTED_SUFFIXES), st.binary(max_size=4000) | st.text(max_size=2000))
def test_loaders_never_raise_on_garbage(suffix: str, content: bytes | str) -> None:
    folder = Path(os.environ["QUOTECHECK_DATA_DIR"]).parent / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"input{suffix}"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    else:
        path.write_bytes(content)
    with no_hang():
        loaded = load_articles(path)
    for item in loaded:
        assert (item.article is None) != (item.error == "")
        if item.article is not None:
            check_extraction(item.article.text)


nesting = st.lists(
    st.sampled_from(["[", "{", '{"text": ', "]", "}", ", ", '"x"', "1"]), max_size=40
)


@FUZZ
@given(st.sampled_from([".json", ".jsonl"]), nesting, st.integers(0, 5000), st.booleans())
def test_loaders_never_raise_on_random_nesting(
    suffix: str, pieces: list[str], depth: int, as_line: bool
) -> None:
    """Random brackets at any depth, whole files or JSONL lines: an error per file or line,
    never an exception (a deep one was a RecursionError that ended the run)."""
    folder = Path(os.environ["QUOTECHECK_DATA_DIR"]).parent / "fuzz"
    folder.mkdir(parents=True, exist_ok=True)
    body = "[" * depth + "".join(pieces) + "]" * (depth // 2)
    good = '{"id": "ok", "title": "Fine", "text": "Ana Ruiz said the dam was safe."}'
    content = f"{good}\n{body}\n" if as_line else body
    path = folder / f"nested{suffix}"
    path.write_text(content, encoding="utf-8")
    with no_hang():
        loaded = load_articles(path)
    for item in loaded:
        assert (item.article is None) != (item.error == "")
    if as_line and suffix == ".jsonl":
        assert any(item.article is not None for item in loaded)  # the good line is kept


def _seconds(text: str) -> float:
    best = float("inf")
    for _ in range(3):
        t0 = time.perf_counter()
        extract_quotes(Article(id="lin", title="t", text=text))
        best = min(best, time.perf_counter() - t0)
    return best


def test_extraction_time_grows_about_linearly() -> None:
    """10x the text may take at most 30x the time (a generous bound; figures: bench/)."""
    unit = (
        '"We kept the water out," said Mara Quill. “Unbalanced ‘marks « here, said he. '
        "שלום \u200b עולם 'x' — “nested ‘quotes’ inside,” she told reporters.\n\n"
    )
    small, large = unit * 40, unit * 400
    ratio = _seconds(large) / max(_seconds(small), 1e-6)
    assert ratio < 30, f"10x input took {ratio:.1f}x the time"
