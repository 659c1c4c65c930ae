"""Shared fixtures: every test gets its own data dir, the fake embedder and no network."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.config import Settings, load_settings
from tests.ports import free_port

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("QUOTECHECK_"):
            monkeypatch.delenv(key)
    monkeypatch.setenv("QUOTECHECK_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("QUOTECHECK_EMBED_MODEL", "fake")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")


_LOOPBACK = ("127.", "::1", "localhost")


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection beyond this machine fails the test: nothing may download anything."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: object) -> None:
        host = address[0] if isinstance(address, tuple) else str(address)
        if self.family in (socket.AF_INET, socket.AF_INET6) and not str(host).startswith(_LOOPBACK):
            raise AssertionError(f"test tried to reach the network: {address!r}")
        real_connect(self, address)  # type: ignore[arg-type]

    monkeypatch.setattr(socket.socket, "connect", guarded)


def start_chroma(path: Path, port: int) -> subprocess.Popen[bytes]:
    """``chroma run`` over ``path`` on ``port``, once it accepts connections (30 s at most)."""
    chroma = shutil.which("chroma") or str(Path(sys.executable).parent / "chroma")
    proc = subprocess.Popen(
        [chroma, "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail("chroma run did not start within 30 s")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    """A real ``chroma run`` server: the one CI started (env), or one started here."""
    host = os.environ.get("QUOTECHECK_TEST_CHROMA_HOST")
    if host:
        yield host, int(os.environ.get("QUOTECHECK_TEST_CHROMA_PORT", "8000"))
        return
    port = free_port()
    proc = start_chroma(tmp_path_factory.mktemp("chroma-server"), port)
    yield "127.0.0.1", port
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(params=["embedded", "server"])
def store_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings for the embedded store and for a real Chroma server, each test isolated."""
    prefix = "t" + uuid.uuid4().hex[:10]
    if request.param == "server":
        host, port = request.getfixturevalue("chroma_server")
        return load_settings(chroma_host=host, chroma_port=port, collection_prefix=prefix)
    return load_settings(collection_prefix=prefix)
