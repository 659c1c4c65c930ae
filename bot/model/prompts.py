"""The language model's prompts: text files in ``prompts/``, loaded and checked at start-up.

Each task prompt is a LangChain chat template (``system.md`` as the system message, the task
file as the human message). Placeholders are ``{name}``; a literal brace is written ``{{``.
A file that is missing, empty, lacks a required placeholder or names an unknown one is a
:class:`PromptError` naming the file, raised when the service starts, not at the first
question.
"""

from __future__ import annotations

import string
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.data_files import data_folder
from ingest.errors import ConfigError

_CODE_DIR = Path(__file__).resolve().parent.parent  # bot/, beside prompts/


def prompts_dir(code: Path = _CODE_DIR, prefix: str = sys.prefix) -> Path:
    """``prompts/`` beside the code (a checkout, an editable install), else the copy a wheel
    installs under ``<prefix>/share/quotecheck/prompts``."""
    return data_folder("prompts", code, prefix)


PROMPTS_DIR = prompts_dir()

# file stem -> the placeholders it must use (and the only ones it may use)
PLACEHOLDERS: dict[str, frozenset[str]] = {
    "system": frozenset(),
    "answer": frozenset({"question", "passages"}),
    "compare": frozenset({"topic", "passages"}),
    "query": frozenset({"question"}),
}
TASKS = ("answer", "compare", "query")


class PromptError(ConfigError):
    """A prompt file is missing or does not fit what the code fills in."""


def placeholders(path: Path, text: str) -> set[str]:
    """The ``{names}`` a template uses; a malformed brace is an error naming the file."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as exc:
        raise PromptError(f"{path}: {exc}; write a literal brace as {{{{ or }}}}") from None
    names = set()
    for _, name, _, _ in parsed:
        if name is None:
            continue
        if not name.isidentifier():
            raise PromptError(f"{path}: placeholder {{{name}}} is not a plain name")
        names.add(name)
    return names


def _read(folder: Path, stem: str) -> str:
    path = folder / f"{stem}.md"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PromptError(
            f"{path}: prompt file is missing; restore it from the repository"
        ) from None
    except OSError as exc:
        raise PromptError(f"{path}: cannot read the prompt file ({exc.strerror})") from exc
    if not text.strip():
        raise PromptError(f"{path}: prompt file is empty")
    used = placeholders(path, text)
    wanted = PLACEHOLDERS[stem]
    missing, unknown = sorted(wanted - used), sorted(used - wanted)
    if missing:
        raise PromptError(
            f"{path}: placeholder {', '.join('{' + m + '}' for m in missing)} is missing; "
            f"the file must use {_names(wanted)}"
        )
    if unknown:
        raise PromptError(
            f"{path}: unknown placeholder {', '.join('{' + u + '}' for u in unknown)}; "
            f"the file may use only {_names(wanted)}"
        )
    return text.strip()


def _names(names: frozenset[str]) -> str:
    return ", ".join("{" + n + "}" for n in sorted(names)) or "no placeholders"


@dataclass(frozen=True)
class Prompts:
    """The loaded prompt texts; :meth:`messages` fills one task's template."""

    system: str
    tasks: dict[str, str]

    def messages(self, task: str, **values: str) -> list[Any]:
        """LangChain messages (system, then the task) with ``values`` filled in."""
        from langchain_core.prompts import ChatPromptTemplate

        template = ChatPromptTemplate.from_messages(
            [("system", self.system), ("human", self.tasks[task])]
        )
        return list(template.format_messages(**values))


def load_prompts(folder: Path | None = None) -> Prompts:
    """Every prompt file read and checked; the first problem raises :class:`PromptError`."""
    folder = folder or PROMPTS_DIR
    system = _read(folder, "system")
    return Prompts(system, {task: _read(folder, task) for task in TASKS})
