"""The optional language model: a LangChain chat model named by ``QUOTECHECK_LLM``.

``PROVIDER:MODEL`` selects one of three providers, each an optional extra imported only when
it is configured:

- ``ollama:llama3.1``: a local Ollama server (``langchain-ollama``; ``OLLAMA_HOST`` if it
  is not on localhost:11434);
- ``openai:gpt-4o-mini``: OpenAI or any compatible server (``langchain-openai``;
  ``OPENAI_API_KEY`` and optionally ``OPENAI_BASE_URL`` from the environment, never from a
  settings file);
- ``llamacpp:/path/model.gguf``: a GGUF file run in-process (``langchain-community`` and
  ``llama-cpp-python``).

:func:`stream_text` runs a model with a deadline in a worker thread, so a server that does
not answer (or a model that writes forever) becomes a :class:`ModelError`, whatever the
provider's own timeouts do.
"""

from __future__ import annotations

import importlib
import os
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.errors import ConfigError, ModelError

FORMS = "ollama:MODEL, openai:MODEL or llamacpp:/path/to/model.gguf"
MAX_TOKENS = 700  # a short answer; the grounding check reads all of it


@dataclass(frozen=True)
class ModelSpec:
    provider: str
    model: str

    def __str__(self) -> str:
        return f"{self.provider}:{self.model}"

    @property
    def in_process(self) -> bool:
        """The model runs inside this process (llama.cpp), not behind a server."""
        return self.provider == "llamacpp"


# provider -> (modules it needs, extra that installs them)
_PACKAGES: dict[str, tuple[tuple[str, ...], str]] = {
    "ollama": (("langchain_ollama",), "ollama"),
    "openai": (("langchain_openai",), "openai"),
    "llamacpp": (("langchain_community", "llama_cpp"), "llamacpp"),
}


def parse_spec(spec: str) -> ModelSpec | None:
    """``provider:model`` read and checked; "" (no model configured) gives ``None``."""
    spec = (spec or "").strip()
    if not spec:
        return None
    provider, sep, model = spec.partition(":")
    provider, model = provider.strip().lower(), model.strip()
    if not sep or provider not in _PACKAGES or not model:
        raise ConfigError(
            f"QUOTECHECK_LLM={spec!r} is not a model Quotecheck can use; write {FORMS} "
            "(or leave it empty for extractive answers)"
        )
    if provider == "llamacpp" and not Path(model).expanduser().is_file():
        raise ConfigError(f"QUOTECHECK_LLM: the GGUF file {model} does not exist")
    return ModelSpec(provider, model)


def _import(provider: str, module: str) -> Any:
    extra = _PACKAGES[provider][1]
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ModelError(
            f"QUOTECHECK_LLM uses {provider}, but the package {module} is not installed; "
            f"install it with: pip install 'quotecheck[{extra}]'"
        ) from None


def check_spec(spec: ModelSpec) -> None:
    """Fail early: the provider's packages (with the install hint) and its key."""
    for module in _PACKAGES[spec.provider][0]:
        _import(spec.provider, module)
    if spec.provider == "openai" and not os.environ.get("OPENAI_API_KEY"):
        raise ConfigError(
            "QUOTECHECK_LLM uses openai, but OPENAI_API_KEY is not set; set it in the "
            "environment (any value for a local server that needs none)"
        )


def make_chat_model(spec: str | ModelSpec, timeout: float) -> Any:
    """A LangChain chat model for ``spec``, or ``None`` when no model is configured."""
    parsed = spec if isinstance(spec, ModelSpec) else parse_spec(spec)
    if parsed is None:
        return None
    check_spec(parsed)
    if parsed.provider == "ollama":
        ollama = _import("ollama", "langchain_ollama")
        return ollama.ChatOllama(
            model=parsed.model,
            temperature=0.1,
            num_predict=MAX_TOKENS,
            client_kwargs={"timeout": timeout},
        )
    if parsed.provider == "openai":
        openai = _import("openai", "langchain_openai")
        # The client reads OPENAI_API_KEY and OPENAI_BASE_URL from the environment itself.
        return openai.ChatOpenAI(
            model=parsed.model,
            temperature=0.1,
            max_tokens=MAX_TOKENS,
            timeout=timeout,
            max_retries=1,
        )
    community = _import("llamacpp", "langchain_community.chat_models")
    path = Path(parsed.model).expanduser()
    try:
        return community.ChatLlamaCpp(
            model_path=str(path), n_ctx=4096, max_tokens=MAX_TOKENS, temperature=0.1, verbose=False
        )
    except Exception as exc:  # llama.cpp reports a bad file in several ways
        raise ModelError(f"cannot load the GGUF model {path}: {exc}") from exc


def _text(chunk: Any) -> str:
    content = getattr(chunk, "content", chunk)
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # content blocks
        return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content)
    return str(content)


def stream_text(
    model: Any,
    messages: Sequence[Any],
    timeout: float,
    name: str = "",
    busy: threading.Lock | None = None,
) -> Iterator[str]:
    """The model's reply piece by piece; :class:`ModelError` if it fails or runs past ``timeout``.

    The call runs in a daemon thread: a stuck connection cannot hold the answer back past the
    deadline (the thread is abandoned, and ends when the provider's own timeout fires).
    ``busy``, when given, is held from the call until the model has really finished, even
    after the deadline: while it is held, the model is not called again and the reply is a
    :class:`ModelError` at once.
    """
    label = name or type(model).__name__
    if busy is not None and not busy.acquire(blocking=False):
        raise ModelError(
            f"the language model {label} is still busy with an earlier answer "
            "(one that ran past its time limit, or another chat's)"
        )
    pieces: queue.Queue[tuple[str, Any]] = queue.Queue()

    def work() -> None:
        try:
            try:
                for chunk in model.stream(list(messages)):
                    pieces.put(("text", _text(chunk)))
            finally:
                if busy is not None:
                    busy.release()  # before "done", so the next request finds it free
            pieces.put(("done", None))
        except Exception as exc:  # any provider failure (network, HTTP, model) -> ModelError
            pieces.put(("error", exc))

    try:
        threading.Thread(target=work, name="quotecheck-llm", daemon=True).start()
    except RuntimeError:
        if busy is not None:
            busy.release()
        raise
    deadline = time.monotonic() + timeout
    while True:
        try:
            kind, value = pieces.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise ModelError(
                f"the language model {label} did not finish within {timeout:g} s"
            ) from None
        if kind == "done":
            return
        if kind == "error":
            reason = " ".join(str(value).split())[:200] or type(value).__name__
            raise ModelError(f"the language model {label} could not be reached: {reason}")
        if value:
            yield value
