"""Quotecheck's web chat: ``python app.py`` (or ``quotecheck serve``) on 127.0.0.1:7860.

Only the web edge's script: the interface is built by :func:`bot.web.layout.build_app` and
served by :func:`bot.web.serve.main`, so the command line can serve it without importing
this file. Importing it loads no model and opens no store; ``main()`` does that.
"""

from __future__ import annotations

import sys

from bot.web.layout import build_app
from bot.web.serve import launch_options, main, script

__all__ = ["build_app", "launch_options", "main"]

if __name__ == "__main__":
    sys.exit(script())
