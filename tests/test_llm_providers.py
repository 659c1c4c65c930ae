"""The real provider classes (``quotecheck[ollama]``, ``quotecheck[openai]``), no server.

The test extra installs both packages, so CI builds the real ``ChatOllama`` and
``ChatOpenAI`` from a ``QUOTECHECK_LLM`` spec and sends each to a port where nothing
listens: the arguments Quotecheck passes must be accepted, and the answer must fall back to
the extractive one with a clear note. Skipped where a package is missing.
"""

from __future__ import annotations

import pytest

from bot.answers.engine import Engine
from bot.model.fluent import FluentEngine
from bot.model.llm import make_chat_model
from bot.model.writer import Writer
from tests.ports import free_port
from tests.test_llm import QUESTION, engine

__all__ = ["engine"]  # the corpus fixture of test_llm, reused


def _falls_back(engine: Engine, spec: str) -> None:
    base = engine.ask(QUESTION)
    answer = FluentEngine(engine, Writer(spec, timeout=20)).ask(QUESTION)
    assert answer.markdown.startswith(base.markdown)
    assert "could not be reached" in answer.markdown and "extractive answer" in answer.markdown
    assert answer.citations == base.citations


def test_ollama_model_is_built_and_an_absent_server_falls_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("langchain_ollama")
    monkeypatch.setenv("OLLAMA_HOST", f"127.0.0.1:{free_port()}")
    model = make_chat_model("ollama:llama3.1", timeout=5)
    assert type(model).__name__ == "ChatOllama" and model.model == "llama3.1"
    _falls_back(engine, "ollama:llama3.1")


def test_openai_compatible_model_is_built_and_an_absent_server_falls_back(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("langchain_openai")
    monkeypatch.setenv("OPENAI_BASE_URL", f"http://127.0.0.1:{free_port()}/v1")
    monkeypatch.setenv("OPENAI_API_KEY", "not-a-real-key")
    model = make_chat_model("openai:gpt-4o-mini", timeout=5)
    assert type(model).__name__ == "ChatOpenAI" and model.model_name == "gpt-4o-mini"
    _falls_back(engine, "openai:gpt-4o-mini")
