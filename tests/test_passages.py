"""Sentence splitting and passages: exact offsets, sensible boundaries, bounded size."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.config import DEFAULT_EMBED_MODEL, Settings
from ingest.embedder import resolve_model_path
from ingest.loaders import iter_input_files, load_articles
from ingest.passages import estimate_tokens, make_passages
from ingest.records import Article
from ingest.sentences import split_sentences


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("Mr. Ellis spoke. Dr. Vane left.", ["Mr. Ellis spoke.", "Dr. Vane left."]),
        ("John F. Kennedy was here. Then he left.", ["John F. Kennedy was here.", "Then he left."]),
        ("The U.S. Senate voted. It passed.", ["The U.S. Senate voted.", "It passed."]),
        (
            '"We will rebuild." She said so twice.',
            ['"We will rebuild."', "She said so twice."],
        ),
        ("It rose 3.5 percent. Prices fell.", ["It rose 3.5 percent.", "Prices fell."]),
        ("First line\n\nSecond paragraph", ["First line", "Second paragraph"]),
        ("Is it? Yes! Good.", ["Is it?", "Yes!", "Good."]),
        ("Ends with e.g. lowercase words. Next.", ["Ends with e.g. lowercase words.", "Next."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def _article(text: str) -> Article:
    return Article(id="x", title="t", text=text)


def test_passages_group_sentences_and_keep_offsets() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(10))
    passages = make_passages(_article(text), max_tokens=200, max_sentences=4)
    assert [p.text.count("Sentence") for p in passages] == [4, 4, 2]
    assert [p.index for p in passages] == [0, 1, 2]
    for p in passages:
        assert text[p.start : p.end] == p.text


def test_a_sentence_longer_than_the_budget_is_cut_at_word_breaks() -> None:
    text = "word " * 500 + "end."
    passages = make_passages(_article(text.strip()), max_tokens=50)
    assert len(passages) > 5
    for p in passages:
        assert estimate_tokens(p.text) <= 50
        assert text[p.start : p.end] == p.text
        assert not p.text.startswith(" ") and not p.text.endswith(" ")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\"“”'\n\t.AZ")), max_size=400))
def test_offsets_are_exact_for_any_text(text: str) -> None:
    for p in make_passages(_article(text), max_tokens=12, max_sentences=2):
        assert text[p.start : p.end] == p.text
        assert p.text.strip() == p.text and p.text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_sentences_cover_all_words_in_order(text: str) -> None:
    spans = split_sentences(text)
    assert all(0 <= s < e <= len(text) for s, e in spans)
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans))
    covered = "".join(text[s:e] for s, e in spans)
    assert "".join(covered.split()) == "".join(text.split())


@pytest.mark.slow
def test_sample_passages_fit_the_bundled_models_window() -> None:
    """The budget is an estimate; the real tokenizer must agree that nothing is cut off."""
    from transformers import AutoTokenizer

    model_dir = Path(resolve_model_path(DEFAULT_EMBED_MODEL))  # offline: HF_HUB_OFFLINE=1
    window = json.loads((model_dir / "sentence_bert_config.json").read_text())["max_seq_length"]
    assert window == 256
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    defaults = Settings()
    articles = [
        loaded.article
        for path in iter_input_files([Path(__file__).resolve().parent.parent / "samples"])
        for loaded in load_articles(path)
        if loaded.article is not None
    ]
    assert len(articles) >= 10
    too_long = []
    for article in articles:
        for p in make_passages(
            article, defaults.passage_max_tokens, defaults.passage_max_sentences
        ):
            n = len(tokenizer(p.text)["input_ids"])  # with [CLS] and [SEP], as the model reads it
            if n > window:
                too_long.append((article.id, p.index, n))
    assert too_long == []


def test_other_scripts_count_a_piece_per_character() -> None:
    assert estimate_tokens("Harbour workers") == 2
    assert estimate_tokens("港湾労働者がストライキ") == 11  # no spaces: still counted
    assert estimate_tokens("Οι λιμενεργάτες") == 2 + 12


def test_a_long_sentence_without_spaces_is_still_cut() -> None:
    text = "港湾労働者がストライキを始めた。" * 40  # fictional; one "word" for \\S+
    article = Article("cjk", "t", text.replace("。", "、"))
    passages = make_passages(article, max_tokens=100)
    assert len(passages) > 1
    assert all(estimate_tokens(p.text) <= 100 for p in passages)
    assert all(article.text[p.start : p.end] == p.text for p in passages)


@pytest.mark.slow
def test_passages_in_other_scripts_fit_the_bundled_models_window() -> None:
    from transformers import AutoTokenizer

    model_dir = Path(resolve_model_path(DEFAULT_EMBED_MODEL))
    tokenizer = AutoTokenizer.from_pretrained(str(model_dir))
    defaults = Settings()
    texts = {  # fictional sentences, repeated into long articles
        "cjk": "マロウフォード港の労働者は夜勤手当をめぐり火曜日にストライキを始めた。" * 30,
        "greek": "Οι λιμενεργάτες του Μάροουφορντ απεργούν για τις νυχτερινές βάρδιες. " * 30,
        "cyrillic": "Портовые рабочие Мароуфорда начали забастовку из-за ночных смен. " * 30,
    }
    for name, text in texts.items():
        article = Article(name, "t", text)
        for p in make_passages(
            article, defaults.passage_max_tokens, defaults.passage_max_sentences
        ):
            n = len(tokenizer(p.text)["input_ids"])
            assert n <= 256, (name, p.index, n)
