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
from tests import postgres
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


def postgres_available() -> bool:
    """Whether ``postgres_url`` can give a server: CI's, or one started from the binaries."""
    return bool(os.environ.get("QUOTECHECK_TEST_WORDS_URL")) or postgres.binaries() is not None


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL for the shared word index: the one CI started (env), or one started
    here from Debian's binaries; the test is skipped, saying why, where there are none."""
    url = os.environ.get("QUOTECHECK_TEST_WORDS_URL")
    if url:
        yield url
        return
    bin_dir = postgres.binaries()
    if bin_dir is None:
        pytest.skip(
            "no PostgreSQL here (initdb, pg_ctl): apt-get install postgresql, or set "
            "QUOTECHECK_TEST_WORDS_URL to a database the tests may write (.ci/run starts one)"
        )
    server = postgres.start(bin_dir)
    yield server.url
    postgres.stop(server.folder, bin_dir)


def server_words_settings(request: pytest.FixtureRequest, **extra: object) -> Settings:
    """Settings for a real Chroma server and a real PostgreSQL word index, isolated by a
    collection prefix of their own (the word index's schema is named after it)."""
    host, port = request.getfixturevalue("chroma_server")
    url = request.getfixturevalue("postgres_url")
    prefix = "t" + uuid.uuid4().hex[:10]
    return load_settings(
        chroma_host=host, chroma_port=port, collection_prefix=prefix, words_url=url, **extra
    )


@pytest.fixture(params=["sqlite", "postgres"])
def words_settings(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """Settings of a store with each kind of word index: the embedded store's SQLite file,
    and a Chroma server with PostgreSQL. The environment says the same, for the CLI."""
    if request.param == "sqlite":
        return load_settings()
    settings = server_words_settings(request)
    for name in ("chroma_host", "chroma_port", "collection_prefix", "words_url"):
        monkeypatch.setenv(f"QUOTECHECK_{name.upper()}", str(getattr(settings, name)))
    return settings


@pytest.fixture(params=["embedded", "server"])
def store_settings(request: pytest.FixtureRequest) -> Settings:
    """Settings for the embedded store and for a real Chroma server, each test isolated."""
    prefix = "t" + uuid.uuid4().hex[:10]
    if request.param == "server":
        host, port = request.getfixturevalue("chroma_server")
        return load_settings(chroma_host=host, chroma_port=port, collection_prefix=prefix)
    return load_settings(collection_prefix=prefix)
