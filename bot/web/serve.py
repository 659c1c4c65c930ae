"""Serving the web chat: ``quotecheck serve`` and ``python app.py`` both end here."""

from __future__ import annotations

import sys
from typing import Any

from bot.service import Quotecheck
from bot.web.callbacks import SampleLoad, load_samples
from bot.web.layout import CSS, HEAD, build_app, theme
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
        "head": HEAD,
        "theme": theme(),
        "show_error": True,
    }


def main(settings: Settings | None = None, samples: SampleLoad = "never") -> None:
    """Open the store, load the bundled samples if asked (``samples``), serve until interrupted."""
    settings = settings or load_settings()
    service = Quotecheck(settings)
    service.check_llm()  # prompts and QUOTECHECK_LLM checked before the page is served
    loaded = load_samples(service, samples)
    if loaded is not None:
        print(
            f"loaded the fictional sample corpus: {loaded.count('new')} new, "
            f"{loaded.count('unchanged')} already there",
            flush=True,
        )
    elif not service.store.count().get("articles", 0):
        print(
            "the store is empty: add articles in the Library tab or with `quotecheck ingest`, "
            "or start with `quotecheck serve --samples` to try the fictional samples",
            flush=True,
        )
    demo = build_app(service)
    demo.queue(default_concurrency_limit=2)
    demo.launch(**launch_options(settings))


def script() -> int:
    """``python app.py``: serve, a newcomer's empty store first filled with the samples; an
    error Quotecheck raises on purpose (a damaged store, a bad setting) is one line on stderr
    and exit code 2, as on the command line."""
    try:
        main(samples="if-empty")
    except QuotecheckError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
