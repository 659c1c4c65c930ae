"""Serving the web chat: ``quotecheck serve`` and ``python app.py`` both end here."""

from __future__ import annotations

import sys
from typing import Any

import gradio as gr

from bot.service import Quotecheck
from bot.web.callbacks import load_samples_if_empty
from bot.web.layout import CSS, build_app
from ingest.config import Settings, load_settings, parse_auth
from ingest.errors import QuotecheckError


def launch_options(settings: Settings) -> dict[str, Any]:
    """Keyword arguments of ``Blocks.launch``: address, login, limits; never a share link."""
    return {
        "server_name": settings.host,
        "server_port": settings.port,
        "auth": parse_auth(settings.auth),
        "share": False,
        "max_file_size": settings.max_file_bytes,
        "css": CSS,
        "theme": gr.themes.Soft(),
        "show_error": True,
    }


def main(settings: Settings | None = None) -> None:
    """Open the store, load the samples into an empty one, and serve until interrupted."""
    settings = settings or load_settings()
    service = Quotecheck(settings)
    service.check_llm()  # prompts and QUOTECHECK_LLM checked before the page is served
    loaded = load_samples_if_empty(service)
    if loaded is not None:
        print(f"loaded the sample corpus: {loaded.count('new')} articles", flush=True)
    demo = build_app(service)
    demo.queue(default_concurrency_limit=2)
    demo.launch(**launch_options(settings))


def script() -> int:
    """``python app.py``: serve; an error Quotecheck raises on purpose (a damaged store, a
    bad setting) is one line on stderr and exit code 2, as on the command line."""
    try:
        main()
    except QuotecheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
