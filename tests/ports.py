"""A free local port for the processes tests start (a Chroma server, the web app, a fake LLM).

The tests' own copy: ``tests/`` does not import ``bench/`` (the benchmarks keep theirs in
``bench/webapp.py``), so the suite runs without the benchmark scripts.
"""

from __future__ import annotations

import socket


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
