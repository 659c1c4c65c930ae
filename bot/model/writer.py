"""The language model's handle: prompts, a chat model created on first use, its deadline."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from bot.model.llm import ModelSpec, check_spec, make_chat_model, parse_spec, stream_text
from bot.model.prompts import Prompts, load_prompts


class Writer:
    """Prompts, a chat model (created on first use) and the time it may take per answer."""

    def __init__(
        self,
        spec: str | ModelSpec,
        timeout: float = 60.0,
        prompts: Prompts | None = None,
        model: Any = None,
    ) -> None:
        parsed = spec if isinstance(spec, ModelSpec) else parse_spec(spec)
        if parsed is None:
            raise ValueError(
                "Writer needs a model spec; leave the model out for extractive answers"
            )
        self.spec = parsed
        self.timeout = timeout
        self.prompts = prompts or load_prompts()  # checked now, at start-up
        if model is None:
            check_spec(parsed)  # a missing package or key is reported at start-up too
        self._model = model
        self._lock = threading.Lock()
        # An in-process model (llama.cpp) runs one generation at a time: one that ran past
        # its deadline holds this until it really ends, and a new request meanwhile falls
        # back at once instead of driving the same model concurrently.
        self._running = threading.Lock() if parsed.in_process else None

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                self._model = make_chat_model(self.spec, self.timeout)
            return self._model

    def stream(self, task: str, **values: str) -> Iterator[str]:
        messages = self.prompts.messages(task, **values)
        return stream_text(self.model, messages, self.timeout, str(self.spec), self._running)

    def complete(self, task: str, **values: str) -> str:
        return "".join(self.stream(task, **values))


def make_writer(spec: str, timeout: float) -> Writer | None:
    """The writer for ``QUOTECHECK_LLM``, or ``None`` when it is empty (extractive answers)."""
    parsed = parse_spec(spec)
    return Writer(parsed, timeout) if parsed is not None else None
