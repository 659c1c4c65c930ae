"""A real HTTP server on 127.0.0.1 for the tests that fetch links and feeds: never the internet.

Each route is a path with what to answer (status, headers, body), or a function that writes
the answer itself (a server that sleeps, one that drips bytes). Bodies may hold ``{base}``,
replaced by the server's own address, so a feed's items link back to it. ``hits`` counts the
requests per path: what a test reads to see that an item was not fetched again.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

LINKS = Path(__file__).resolve().parent / "data" / "links"

Writer = Callable[[BaseHTTPRequestHandler], None]


@dataclass
class Answer:
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""


@dataclass
class Site:
    base: str = ""
    routes: dict[str, Answer | Writer] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, fixture: str, content_type: str = "") -> str:
        """Serve ``tests/data/links/<fixture>`` at ``path``; returns its address."""
        body = (LINKS / fixture).read_text("utf-8").replace("{base}", self.base)
        kind = content_type or (
            "application/rss+xml"
            if fixture.endswith("rss.xml") or "rss-" in fixture
            else "application/atom+xml"
            if fixture.endswith("atom.xml")
            else "text/html; charset=utf-8"
        )
        self.routes[path] = Answer(200, {"Content-Type": kind}, body.encode("utf-8"))
        return self.url(path)


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # http.server's name for it
            path = self.path.split("?")[0]
            site.hits[path] += 1
            route = site.routes.get(path)
            if callable(route):
                route(self)
                return
            answer = route or Answer(404, {"Content-Type": "text/html"}, b"<h1>Not found</h1>")
            self.send_response(answer.status)
            for name, value in answer.headers.items():
                self.send_header(name, value)
            if "Content-Length" not in answer.headers and answer.status != 204:
                self.send_header("Content-Length", str(len(answer.body)))
            self.end_headers()
            self.wfile.write(answer.body)

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

    return Handler


@contextmanager
def serve() -> Iterator[Site]:
    site = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    server.daemon_threads = True
    server.block_on_close = False  # a handler that sleeps must not hold the test up at the end
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
