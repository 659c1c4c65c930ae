"""The ONNX Runtime backend of the sentence-transformers embedder, exported locally.

The first use of a model exports its transformer to ONNX (fp32) and a dynamically quantised
int8 copy into a cache folder (``<data dir>/models`` by default), never into the model's
own folder or site-packages: the files are written to a temporary folder beside the cache
and renamed into place, so a crash leaves no half-written export and every later process
reuses it. Nothing is downloaded: the export reads only the local model folder.

Why not sentence-transformers' own ``backend="onnx"``: it needs ``optimum-onnx``, whose
releases pin ``transformers<4.58`` while sentence-transformers 6 needs ``transformers>=5``,
so the two cannot be installed together. This module does the same work with ``torch.onnx``
(already installed), ``onnxruntime`` and ``onnx`` (``pip install 'quotecheck[onnx]'``) and
reproduces the model's pooling from its sentence-transformers configuration.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ingest.errors import ModelError
from ingest.model_cache import build_once, cache_folder

FP32_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
EXPORT_FORMAT = 1  # bump to invalidate every cached export when the export recipe changes
INSTALL_HINT = "pip install 'quotecheck[onnx]'"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")
_TORCH = "sentence_transformers.models.Transformer"
_POOLING = "sentence_transformers.models.Pooling"
_NORMALIZE = "sentence_transformers.models.Normalize"


def require_onnx() -> None:
    """Fail with the install hint unless onnxruntime and onnx can be imported."""
    for module in ("onnxruntime", "onnx"):
        try:
            __import__(module)
        except ImportError:
            raise ModelError(
                f"the onnx embedding backends need the packages onnx and onnxruntime "
                f"({module} is missing): {INSTALL_HINT}, or set QUOTECHECK_EMBED_BACKEND=torch"
            ) from None


def export_dir(model_path: str | Path, cache_dir: Path) -> Path:
    """The folder holding the exports of the model at ``model_path`` (see ``model_cache``)."""
    return cache_folder(model_path, cache_dir, str(EXPORT_FORMAT))


def ensure_export(model_path: str | Path, cache_dir: Path) -> Path:
    """The export folder for ``model_path``, exporting it first if it is not there yet."""
    final = export_dir(model_path, cache_dir)
    if (final / INT8_FILE).exists():
        return final
    require_onnx()
    return build_once(
        final,
        INT8_FILE,
        lambda out: _export(Path(model_path), out),
        what=f"export the embedding model {model_path} to onnx",
        fallback="set QUOTECHECK_EMBED_BACKEND=torch",
    )


def _export(model_path: Path, out: Path) -> None:
    """fp32 ONNX of the transformer (token embeddings out) and its int8 dynamic quantisation."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(model_path))
    model = AutoModel.from_pretrained(str(model_path), attn_implementation="eager").eval()
    sample = tokenizer(["an example sentence", "a second one"], padding=True, return_tensors="pt")
    names = [n for n in _INPUTS if n in sample]

    class TokenEmbeddings(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.model = model

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.model(**dict(zip(names, inputs, strict=True))).last_hidden_state

    axes = {n: {0: "batch", 1: "tokens"} for n in [*names, "token_embeddings"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # tracer and deprecation notes, not problems
        torch.onnx.export(
            TokenEmbeddings(),
            tuple(sample[n] for n in names),
            str(out / FP32_FILE),
            input_names=names,
            output_names=["token_embeddings"],
            dynamic_axes=axes,
            opset_version=17,
            dynamo=False,
        )
    # Per-channel int8 weights for the matrix products only: quantising per tensor costs far
    # more agreement with fp32 (cosine ~0.95 instead of ~0.99).
    with _quiet_root_logger():  # the quantiser logs advice on the root logger
        quantize_dynamic(
            str(out / FP32_FILE),
            str(out / INT8_FILE),
            weight_type=QuantType.QInt8,
            per_channel=True,
            op_types_to_quantize=["MatMul"],
        )


@contextlib.contextmanager
def _quiet_root_logger() -> Iterator[None]:
    """Drop the records logged on the root logger itself, without configuring logging."""
    root = logging.getLogger()
    quiet = logging.Filter("\0")  # matches no logger name: the filter rejects every record
    guard = logging.NullHandler()
    added = not root.handlers  # logging.warning() would otherwise call basicConfig()
    if added:
        root.addHandler(guard)
    root.addFilter(quiet)
    try:
        yield
    finally:
        root.removeFilter(quiet)
        if added:
            root.removeHandler(guard)


class OnnxSentenceEncoder:
    """Tokenizer + ONNX Runtime transformer + the model's pooling, like SentenceTransformer."""

    def __init__(self, model_path: str | Path, onnx_file: Path) -> None:
        import onnxruntime as ort
        from transformers import AutoTokenizer

        model_path = Path(model_path)
        self.pooling, self.max_length = _read_pipeline(model_path)
        self.tokenizer = AutoTokenizer.from_pretrained(str(model_path))
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self.session = ort.InferenceSession(
            str(onnx_file), options, providers=["CPUExecutionProvider"]
        )
        self.inputs = [i.name for i in self.session.get_inputs()]
        self._tokenizer_lock = threading.Lock()  # a fast tokenizer is not safe across threads

    def encode(self, texts: list[str], batch_size: int = 64) -> Any:
        """Unit-length vectors (numpy, one row per text); batches by length like ST does."""
        import numpy as np

        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        rows: list[Any] = [None] * len(texts)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            with self._tokenizer_lock:
                enc = self.tokenizer(
                    [texts[i] for i in idx],
                    padding=True,
                    truncation=True,
                    max_length=self.max_length,
                    return_tensors="np",
                )
            feeds = {n: enc[n].astype(np.int64) for n in self.inputs}
            tokens = self.session.run(None, feeds)[0]
            mask = feeds["attention_mask"][..., None].astype(np.float32)
            if self.pooling == "cls":
                pooled = tokens[:, 0]
            else:
                pooled = (tokens * mask).sum(axis=1) / np.clip(mask.sum(axis=1), 1e-9, None)
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            for row, i in zip(pooled, idx, strict=True):
                rows[i] = row
        return np.vstack(rows) if rows else np.zeros((0, 0), dtype=np.float32)


def _read_pipeline(model_path: Path) -> tuple[str, int]:
    """(pooling mode, max tokens) from a Transformer + Pooling (+ Normalize) model's config."""
    try:
        modules = json.loads((model_path / "modules.json").read_text())
        types = [m["type"] for m in modules]
        pooling_path = next(m["path"] for m in modules if m["type"] == _POOLING)
        pooling = json.loads((model_path / pooling_path / "config.json").read_text())
        bert_config = model_path / "sentence_bert_config.json"
        max_length = json.loads(bert_config.read_text()).get("max_seq_length", 512)
    except (OSError, ValueError, KeyError, StopIteration) as exc:
        raise ModelError(
            f"cannot read the sentence-transformers configuration in {model_path} ({exc}); "
            "the onnx backends need modules.json, a Pooling module and sentence_bert_config.json"
        ) from exc
    modes = [k for k, v in pooling.items() if k.startswith("pooling_mode_") and v]
    mode = {"pooling_mode_mean_tokens": "mean", "pooling_mode_cls_token": "cls"}.get(
        modes[0] if len(modes) == 1 else ""
    )
    if types[:2] != [_TORCH, _POOLING] or types[2:] not in ([], [_NORMALIZE]) or mode is None:
        raise ModelError(
            f"the onnx backends support Transformer + mean/cls Pooling (+ Normalize) models; "
            f"{model_path} has {types} with pooling {modes}: set QUOTECHECK_EMBED_BACKEND=torch"
        )
    return mode, int(max_length)
