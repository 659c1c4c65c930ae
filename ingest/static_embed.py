"""The static backend (``QUOTECHECK_EMBED_BACKEND=static``): a model2vec model, made locally.

model2vec's ``distill`` runs each word piece of the local sentence-transformers model's
vocabulary through the model once, reduces those vectors with PCA and weights them by token
rank; a text's vector is then the mean of its word pieces' rows, with no transformer at
embedding time. The first use distils the model into the model cache
(``<data dir>/models/<model>-static-<fingerprint>``, built then renamed into place, see
``ingest/model_cache.py``) from the local folder only, with the hub switched off; every later
process loads that copy. A folder that already holds a model2vec model is used as it is.

Dependencies: ``model2vec`` and ``skeletoken`` (what ``model2vec.distill`` imports), not the
``model2vec[distill]`` extra, whose ``transformers<5.4`` pin would downgrade transformers,
tokenizers and huggingface-hub under sentence-transformers; the slow test distils with the
installed transformers.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from ingest.errors import ModelError
from ingest.model_cache import build_once, cache_folder

DISTIL_FORMAT = 1  # bump when the recipe below changes: every cached distillation is redone
PCA_DIMS = 256  # model2vec's default; 384 -> 256 dimensions (docs/benchmarks.md)
READY_FILE = "model.safetensors"
INSTALL_HINT = (
    "reinstall Quotecheck, which depends on it (pip install -c constraints/cpu-torch.txt -e .)"
)


def require_model2vec() -> None:
    """Fail with the install hint unless model2vec and its distillation can be imported."""
    for module in ("model2vec", "skeletoken"):
        try:
            __import__(module)
        except ImportError:
            raise ModelError(
                f"the static embedding backend needs the package {module}: {INSTALL_HINT}, "
                "or set QUOTECHECK_EMBED_BACKEND=torch"
            ) from None


def is_static_model(folder: str | Path) -> bool:
    """Whether ``folder`` holds a model2vec model: its config says ``model2vec`` (distilled
    and published models), or its ``modules.json`` starts with a StaticEmbedding in the folder
    itself beside the table and the tokenizer (what ``StaticModel.save_pretrained`` writes)."""
    folder = Path(folder)
    config = _read_json(folder / "config.json")
    if isinstance(config, dict) and config.get("model_type") == "model2vec":
        return True
    modules = _read_json(folder / "modules.json")
    first = modules[0] if isinstance(modules, list) and modules else {}
    return (
        isinstance(first, dict)
        and str(first.get("type", "")).endswith(".StaticEmbedding")
        and first.get("path") in (".", "")
        and (folder / READY_FILE).is_file()
        and (folder / "tokenizer.json").is_file()
    )


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def distil_dir(model_path: str | Path, cache_dir: Path) -> Path:
    """The cache folder of the static model distilled from the model at ``model_path``."""
    recipe = f"static {DISTIL_FORMAT} pca {PCA_DIMS}"
    return cache_folder(model_path, cache_dir, recipe, kind="static")


def ensure_static(model_path: str | Path, cache_dir: Path) -> Path:
    """A model2vec folder for ``model_path``: itself if it is one, else its distillation."""
    if is_static_model(model_path):
        return Path(model_path)
    final = distil_dir(model_path, cache_dir)
    if (final / READY_FILE).exists():
        return final
    require_model2vec()
    return build_once(
        final,
        READY_FILE,
        lambda out: distil(Path(model_path), out),
        what=f"distil a static model from the embedding model {model_path}",
        fallback="set QUOTECHECK_EMBED_BACKEND=torch",
    )


def distil(model_path: Path, out: Path) -> None:
    """Distil the sentence-transformers model at ``model_path`` into ``out`` (a model2vec folder).

    Reads the local folder only: ``HF_HUB_OFFLINE`` is set, and model2vec asks the hub for a
    model card only for a model given by hub name, never for a path.
    """
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    from model2vec.distill import distill

    model = distill(str(model_path), pca_dims=PCA_DIMS, device="cpu", quantize_to="float32")
    _fix_signs(model)
    model.save_pretrained(str(out))


def _fix_signs(model: Any) -> None:
    """Each dimension's sign fixed by its largest entry, as sklearn's PCA does.

    An eigenvector's sign is arbitrary: two machines distilling the same model could get
    dimensions of opposite sign, and vectors that do not match a store the other one built.
    """
    import numpy as np

    emb = np.asarray(model.embedding, dtype=np.float32)
    biggest = np.abs(emb).argmax(axis=0)
    signs = np.sign(emb[biggest, np.arange(emb.shape[1])])
    signs[signs == 0] = 1.0
    model.embedding = emb * signs


class StaticEncoder:
    """A model2vec model loaded from a local folder: unit-length float32 vectors."""

    def __init__(self, folder: Path) -> None:
        from model2vec import StaticModel

        self.folder = folder
        self.model = StaticModel.from_pretrained(str(folder), normalize=True, force_download=False)
        self._lock = threading.Lock()  # encode sets the tokenizer's truncation each call

    def encode(self, texts: list[str], batch_size: int = 1024) -> Any:
        import numpy as np

        with self._lock:
            vectors = self.model.encode(
                texts, batch_size=max(batch_size, 1024), use_multiprocessing=False
            )
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        empty = norms[:, 0] == 0  # no known word piece (blank text): one fixed unit vector
        vectors[empty] = 1.0
        norms[empty] = np.sqrt(vectors.shape[1])
        return vectors / norms
