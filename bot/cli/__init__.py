"""The ``quotecheck`` command line: parser and store commands in ``main``, the answer
commands in ``answers``, the quote commands in ``quotes``, what they share in ``common``."""

from bot.cli.parser import EXIT_ERROR, EXIT_FAILED, EXIT_OK, build_parser, main

__all__ = ["EXIT_ERROR", "EXIT_FAILED", "EXIT_OK", "build_parser", "main"]
