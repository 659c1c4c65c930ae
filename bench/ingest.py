"""Ingest throughput with the real model, and the bare model's time on the same texts.

    python bench/ingest.py /path/to/articles.jsonl [--limit N] [--model NAME] [--backend B]

Prints articles/s and passages/s for a full ingest into a fresh embedded store, then the time
the bare embedder takes for the same unique passage and quote texts, and their ratio (the
overhead of everything that is not the model: parsing, extraction, Chroma writes).
``--backend static`` distils the static model into the fresh store's data dir first: that
time is in ``model_load_s``, not in the ingest.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def machine() -> str:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    cores = os.cpu_count()
    return f"{cpu or platform.processor()} ({cores} cores), Python {platform.python_version()}"


def main() -> None:
    from ingest.config import EMBED_BACKENDS, load_settings

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="only the first N records")
    parser.add_argument("--model", default=None, help="embedding model (default: settings)")
    parser.add_argument(
        "--backend", choices=EMBED_BACKENDS, help="how the model runs (default: settings)"
    )
    args = parser.parse_args()

    from bench.stats import folder_mb
    from bot.service import Quotecheck
    from ingest.loaders import load_articles
    from ingest.passages import make_passages
    from ingest.quotes import extract_quotes
    from ingest.records import text_hash

    source = args.path
    if args.limit:
        tmp = Path(tempfile.mkdtemp()) / source.name
        with source.open() as f, tmp.open("w") as out:
            out.writelines(itertools.islice(f, args.limit))
        source = tmp

    with tempfile.TemporaryDirectory() as data_dir:
        settings = load_settings(
            data_dir=Path(data_dir), embed_model=args.model, embed_backend=args.backend
        )
        service = Quotecheck(settings)
        t0 = time.perf_counter()
        service.embedder.embed(["warm up"])  # model load is start-up cost, reported apart
        load_s = time.perf_counter() - t0

        summary = service.ingest([source])
        ingest_s = summary.seconds
        d = summary.as_dict()

        articles = [x.article for x in load_articles(source) if x.article is not None]
        texts: dict[str, str] = {}
        for a in articles:
            for p in make_passages(a, settings.passage_max_tokens, settings.passage_max_sentences):
                texts.setdefault(text_hash(p.text), p.text)
            for q in extract_quotes(a):
                texts.setdefault(text_hash(q.text), q.text)
        t0 = time.perf_counter()
        batch = 512
        unique = list(texts.values())
        for start in range(0, len(unique), batch):
            service.embedder.embed(unique[start : start + batch])
        bare_s = time.perf_counter() - t0
        store_mb = folder_mb(Path(data_dir))

    n_articles = d["new"] + d["updated"]
    report = {
        "machine": machine(),
        "date": time.strftime("%Y-%m-%d"),
        "model": settings.embedder_name,
        "backend": settings.embed_backend,
        "articles": n_articles,
        "failed": d["failed"],
        "passages": d["passages"],
        "quotes": d["quotes"],
        "unique_texts_embedded": len(unique),
        "model_load_s": round(load_s, 2),
        "ingest_s": round(ingest_s, 1),
        "articles_per_s": round(n_articles / ingest_s, 2),
        "passages_per_s": round(d["passages"] / ingest_s, 1),
        "bare_model_s": round(bare_s, 1),
        "ingest_over_model_ratio": round(ingest_s / bare_s, 3),
        "store_mb": round(store_mb, 1),
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
