"""Reaching the store: opening a Chroma client, the writers' lock, and errors that say what to do.

Several processes may use one store:

- a Chroma server (``chroma run``) serialises requests itself, so any number of app
  instances and ingest processes may share it;
- the embedded store (a ``PersistentClient`` on ``data_dir/chroma``) is not documented by
  Chroma as safe for several writing processes ("having many clients that are loading and
  saving to the same path can cause strange behavior including data deletion"), so every
  writer here takes an exclusive ``flock`` on ``data_dir/chroma/.quotecheck-write.lock``
  first. Writers wait for each other; the kernel releases the lock when its holder dies,
  even by SIGKILL, so a crashed ingest never blocks the next one.
"""

from __future__ import annotations

import errno
import functools
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import chromadb
from chromadb.api import ClientAPI
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings

from ingest.config import Settings
from ingest.errors import QuotecheckError, StoreError
from ingest.store_check import check_store

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows; the embedded store is then unlocked
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = ".quotecheck-write.lock"


class RefuseToEmbed(EmbeddingFunction[Documents]):
    """Stands in for Chroma's default embedding function, which would download a model."""

    def __init__(self) -> None:
        pass

    def __call__(self, input: Documents) -> Embeddings:
        raise StoreError("Quotecheck passes its own vectors; Chroma was asked to embed text")

    @staticmethod
    def name() -> str:
        return "quotecheck-refuse"

    def get_config(self) -> dict[str, Any]:
        return {}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> RefuseToEmbed:
        return RefuseToEmbed()


def server_hint(settings: Settings) -> str:
    host, port = settings.chroma_host, settings.chroma_port
    return (
        f"is the Chroma server at {host}:{port} running? Start it with `chroma run --host "
        f"{host} --port {port} --path <its data folder>`, or unset QUOTECHECK_CHROMA_HOST "
        "for the embedded store"
    )


def open_client(settings: Settings) -> ClientAPI:
    """The embedded store in ``settings.data_dir``, or a Chroma server when a host is set."""
    chroma_settings = chromadb.Settings(anonymized_telemetry=False, allow_reset=False)
    if settings.server_mode:
        try:
            client = chromadb.HttpClient(
                host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
            )
            client.heartbeat()
        except Exception as exc:  # connection errors come in many types
            raise StoreError(
                f"cannot reach the Chroma server ({exc}); {server_hint(settings)}"
            ) from exc
        return client
    path = settings.data_dir / "chroma"
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_text("ok")
        probe.unlink()
    except OSError as exc:
        raise StoreError(
            f"data directory {path} is not writable ({exc.strerror}); "
            "choose another with --data-dir or QUOTECHECK_DATA_DIR"
        ) from exc
    try:
        with exclusive(path / LOCK_NAME):  # two processes creating one store would collide
            check_store(path)  # under the lock: no writer is persisting an index meanwhile
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
    except StoreError:
        raise
    except Exception as exc:
        raise StoreError(
            f"cannot open the store in {path}: {exc}. If the store is damaged, move {path} "
            "aside (or restore a backup) and ingest your files again"
        ) from exc


def lock_path(settings: Settings) -> Path | None:
    """The writers' lock file of an embedded store; None for a server (it serialises itself)."""
    return None if settings.server_mode else settings.data_dir / "chroma" / LOCK_NAME


@contextmanager
def exclusive(path: Path | None) -> Iterator[None]:
    """Hold the writers' lock at ``path`` (blocking until other writers are done)."""
    if path is None or fcntl is None:
        yield
        return
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError as exc:
        raise StoreError(
            f"cannot create the lock file {path} ({exc.strerror}); "
            "choose a writable --data-dir or QUOTECHECK_DATA_DIR"
        ) from exc
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


@contextmanager
def try_exclusive(path: Path | None) -> Iterator[bool]:
    """Hold the writers' lock at ``path`` if no other writer holds it now: yields whether it
    was got (True without a lock file: a server serialises itself)."""
    if path is None or fcntl is None:
        yield True
        return
    try:
        handle = open(path, "a+b")  # noqa: SIM115 - held for the whole block
    except OSError:
        yield False
        return
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def store_error(doing: str, exc: BaseException, settings: Settings | None) -> QuotecheckError:
    """A ``StoreError`` for a failure of Chroma while ``doing`` something, with what to do."""
    if isinstance(exc, QuotecheckError):
        return exc
    text = str(exc)
    if (isinstance(exc, OSError) and exc.errno == errno.ENOSPC) or "disk is full" in text:
        where = settings.data_dir if settings and not settings.server_mode else "the store"
        hint = (
            f"the disk holding {where} is full; free some space and run the same ingest "
            "again: articles already written are kept and the rest are completed"
        )
    elif settings is not None and settings.server_mode:
        hint = f"{server_hint(settings)}. The store stays consistent; try again when it is back"
    else:
        hint = "try again; if it keeps failing, the store may be damaged"
    return StoreError(f"{doing} failed ({type(exc).__name__}: {text}); {hint}")


F = TypeVar("F", bound=Callable[..., Any])

# Chroma 1.x answers a read of a collection whose vector segment another process (or the
# server's compactor) is creating with this error; it passes within a second or so
# (chroma-core/chroma#4212). Seen with 3 concurrent ingests on one `chroma run` server.
_TRANSIENT = "Nothing found on disk"
_RETRY_DELAYS = (0.2, 0.5, 1.0, 2.0, 4.0)


def guarded(doing: str) -> Callable[[F], F]:
    """Turn any failure of a store method into a ``StoreError`` saying what to do."""

    def wrap(method: F) -> F:
        @functools.wraps(method)
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            for delay in (*_RETRY_DELAYS, None):
                try:
                    return method(self, *args, **kwargs)
                except QuotecheckError:
                    raise
                except Exception as exc:  # Chroma and its HTTP client raise many types
                    if delay is not None and _TRANSIENT in str(exc):
                        time.sleep(delay)  # idempotent reads and upserts: safe to repeat
                        continue
                    raise store_error(doing, exc, getattr(self, "settings", None)) from exc
            raise AssertionError("unreachable")

        return call  # type: ignore[return-value]

    return wrap
