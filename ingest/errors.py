"""Specific errors whose messages say what was wrong and what to do.

Only the edges (the CLI and the web app) translate these into exit codes or UI messages.
"""

from __future__ import annotations


class QuotecheckError(Exception):
    """Base of every error Quotecheck raises on purpose."""


class InputError(QuotecheckError):
    """An input file (or one record of it) cannot be read as an article."""

    def __init__(self, source: str, message: str, line: int | None = None) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source} line {line}" if line is not None else source
        super().__init__(f"{where}: {message}")


class StoreError(QuotecheckError):
    """The store cannot be opened, read or written."""


class ConfigError(QuotecheckError):
    """A setting has a value Quotecheck cannot use."""


class ModelError(QuotecheckError):
    """A model (embedder or language model) cannot be loaded or called."""
