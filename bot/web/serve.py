"""Serving the web chat: ``quotecheck serve`` and ``python app.py`` both end here."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import Any

from bot.data_files import SAMPLES
from bot.service import Quotecheck
from bot.web.callbacks import SampleLoad, load_samples, samples_wanted
from bot.web.layout import CSS, HEAD, build_app, theme
from ingest.config import Settings, load_settings, parse_auth
from ingest.errors import QuotecheckError
from ingest.inputs import iter_input_files


class StartupLog:
    """One line on stdout as each start-up phase begins, stamped with the seconds since
    start-up (``[ 12.3 s] loading the model``): a slow phase says what it is doing while it
    runs, and the next line's stamp gives how long it took."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self._clock = clock
        self._started = clock()

    def phase(self, what: str) -> None:
        print(f"[{self._clock() - self._started:6.1f} s] {what}", flush=True)


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
    """Open the store, load the model (so the first question does not wait for it), load
    the bundled samples if asked (``samples``), build the page and serve until interrupted;
    each phase is a line of :class:`StartupLog`."""
    log = StartupLog()
    settings = settings or load_settings()
    service = Quotecheck(settings)
    log.phase(f"opening the store in {settings.data_dir}")
    service.store.count()
    log.phase(f"loading the model ({settings.embedder_name})")
    service.embedder.embed(["Quotecheck is starting."])
    if settings.llm:
        log.phase(f"checking the language model ({settings.llm}) and its prompts")
        service.check_llm()  # before the page is served, so a bad QUOTECHECK_LLM stops here
    _load_samples(service, samples, log)
    log.phase("building the interface")
    demo = build_app(service)
    demo.queue(default_concurrency_limit=2)
    demo.launch(prevent_thread_lock=True, **launch_options(settings))
    log.phase(f"serving on {demo.local_url}")
    demo.block_thread()


def _load_samples(service: Quotecheck, when: SampleLoad, log: StartupLog) -> None:
    if not samples_wanted(service, when):
        if not service.store.count().get("articles", 0):
            print(
                "the store is empty: add articles in the Library tab or with "
                "`quotecheck ingest`, or start with `quotecheck serve --samples` to try the "
                "fictional samples",
                flush=True,
            )
        return
    log.phase(f"loading the samples ({sum(1 for _ in iter_input_files([SAMPLES]))} files)")
    loaded = load_samples(service, when)
    if loaded is not None:
        print(
            f"loaded the fictional sample corpus: {loaded.count('new')} new, "
            f"{loaded.count('unchanged')} already there",
            flush=True,
        )


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
