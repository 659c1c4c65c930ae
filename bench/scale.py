"""How ingest, disk, memory and question latency grow with the corpus (issue 7).

    python bench/scale.py SEEDS... --sizes 1000 10000 100000 --data-dir DIR [--json OUT]

Grows one embedded store through the sizes with articles from ``bench/synth_corpus.py``
(seeded from SEEDS: the PolNeAR ``train.jsonl`` and ``samples/``). At each size it records
the ingest rate of the new articles, the store's size on disk, and then, in a fresh process
(so ingest leaves nothing in its memory), the time to build the quote index, resident
memory once warm, and warm latency (p50/p95) of who-said and verify questions made from
quotes in the store.

Vectors: embedding 100,000 articles (~2.2 million texts) with the bundled model takes about
8 hours on 2 cores, so the store is built with a 384-dimension hashing embedder (the test
fake, at the model's dimension: the same vector index cost, no model cost). The model's own
cost is linear and measured apart: its texts/s on this machine, and its time to embed one
question (``--model``, default the bundled MiniLM), which each question pays once on top of
the latencies printed. ``--plot PNG`` draws the curves from the JSON results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bench.answers import SWAP_WORDS
from bench.stats import folder_mb, percentile, process_age_s
from bench.synth_corpus import Generator, read_seeds

DIMENSION = 384  # all-MiniLM-L6-v2's
QUESTIONS_PER_KIND = 60  # per kind of question, at each size


def service(data_dir: Path) -> Any:
    from bot.service import Quotecheck
    from ingest.config import load_settings
    from ingest.embedder import FakeEmbedder

    settings = load_settings(data_dir=data_dir, embed_model="fake")
    return Quotecheck(settings, embedder=FakeEmbedder(DIMENSION))


def memory_mb() -> dict[str, float]:
    """Resident memory now and at its peak, from /proc (Linux)."""
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return {"rss_mb": round(fields["VmRSS"], 1), "peak_rss_mb": round(fields["VmHWM"], 1)}


def grow(data_dir: Path, gen: Generator, have: int, want: int) -> dict[str, Any]:
    qc = service(data_dir)
    started = time.perf_counter()
    summary = qc.ingest_articles(gen.articles(want - have, start=have))
    seconds = time.perf_counter() - started
    d = summary.as_dict()
    words_s, speakers_s = qc.store.word_index_seconds, qc.speakers_seconds
    return {
        "word_index_s": round(words_s, 1),
        "speakers_s": round(speakers_s, 1),
        # ingest with the word index over ingest without it (its writing time taken out)
        "word_index_cost": round(seconds / max(1e-9, seconds - words_s), 3),
        "with_speakers_cost": round(seconds / max(1e-9, seconds - words_s - speakers_s), 3),
        "new_articles": d["new"],
        "failed": d["failed"],
        "new_passages": d["passages"],
        "new_quotes": d["quotes"],
        "ingest_s": round(seconds, 1),
        "articles_per_s": round(d["new"] / seconds, 1),
        "passages_per_s": round(d["passages"] / seconds, 1),
        "texts_per_s": round((d["passages"] + d["quotes"]) / seconds, 1),
    }


def questions(index: Any, rng: random.Random) -> dict[str, list[tuple[str, ...]]]:
    """Who-said and verify questions built from the direct quotes in the index."""
    direct = [
        e
        for e in index.entries
        if e.kind == "direct" and e.speaker_key and 6 <= len(e.words.tokens) <= 40
    ]
    direct.sort(key=lambda e: (e.article.id, e.start))  # the same picks from either index
    picked = rng.sample(direct, min(QUESTIONS_PER_KIND, len(direct)))
    speakers = sorted(index.speakers)  # (a stored index lists its keys sorted too)
    out: dict[str, list[tuple[str, ...]]] = {
        k: [] for k in ("who_said", "who_said_unquoted", "verbatim", "altered", "misattributed")
    }
    out["not_found"] = []
    for e in picked:
        name = index.display_name(e.speaker_key)
        text = e.text.strip()
        toks = text.split()
        i = rng.randrange(1, len(toks) - 1)
        half = " ".join(toks[: max(6, len(toks) // 2)])
        altered = " ".join([*toks[:i], rng.choice(SWAP_WORDS), *toks[i + 1 :]])
        other = index.display_name(rng.choice([k for k in speakers if k != e.speaker_key]))
        made_up = " ".join(rng.choice(SWAP_WORDS) for _ in range(4)) + " " + " ".join(toks[:3])
        key = e.speaker_key
        out["who_said"].append(("ask", f'Who said "{text}"?', key))
        out["who_said_unquoted"].append(("ask", f"Who said {half}?", key))
        out["verbatim"].append(("verify", text, name, "verbatim"))
        out["altered"].append(("verify", altered, name, "altered"))
        out["misattributed"].append(("verify", text, other, "misattributed"))
        out["not_found"].append(("verify", made_up, name, "not_found"))
    return out


def serve(data_dir: Path, seed: int, in_memory: bool = False) -> dict[str, Any]:
    """Run in a fresh process: index build time, warm memory, question latency and accuracy.

    Accuracy is a sanity check, not the answer figures (bench/answers.py has those): who-said
    is right when the quote's speaker is among the answer's, verify when the verdict is the
    expected one (an identical quote in another article can rightly change either).
    """
    from bot.index.quote_index import quote_speaker, speaker_key

    qc = service(data_dir)
    if in_memory:  # the same store read as before the word index: built in memory at start
        qc.store.text_index = None
    started = time.perf_counter()
    index = qc.engine.index
    build_s = time.perf_counter() - started
    qc.ask('Who said "we will rebuild the bridge"?')
    first_answer_s = process_age_s()  # from the process's start: imports included
    rng = random.Random(seed)
    asked = questions(index, rng)
    qc.ask("warm up")
    qc.verify("warm up the matcher please", "nobody")
    latency: dict[str, dict[str, float]] = {}
    for kind, items in asked.items():
        times = []
        right = 0
        for item in items:
            t = time.perf_counter()
            if item[0] == "ask":
                answer = qc.ask(item[1])
                times.append((time.perf_counter() - t) * 1000)
                said = {speaker_key(quote_speaker(q.quote)) for q in answer.quotes}
                right += item[2] in said
            else:
                verdict = qc.verify(item[1], item[2])
                times.append((time.perf_counter() - t) * 1000)
                right += verdict.verdict == item[3]
        latency[kind] = {
            "n": len(times),
            "accuracy": round(right / max(1, len(times)), 3),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 95), 1),
            "max_ms": round(max(times), 1),
        }
    return {
        "word_index": qc.store.text_index is not None,
        "first_answer_s": round(first_answer_s, 1),
        "index_build_s": round(build_s, 1),
        "index_entries": len(index.entries),
        "store": qc.store.count(),
        **memory_mb(),
        "latency": latency,
    }


def model_costs(model: str | None) -> dict[str, float]:
    """The real model's texts/s on seed-like texts and its time to embed one question."""
    from ingest.config import load_settings
    from ingest.embedder import make_embedder

    settings = load_settings(embed_model=model) if model else load_settings()
    embedder = make_embedder(settings.embed_model)
    embedder.embed(["warm up"])
    gen_texts = [
        f"The council said on day {i} that the bridge would reopen." * 3 for i in range(256)
    ]
    t = time.perf_counter()
    embedder.embed(gen_texts)
    bulk = len(gen_texts) / (time.perf_counter() - t)
    times = []
    for i in range(30):
        t = time.perf_counter()
        embedder.embed([f'Who said "we will rebuild the bridge by spring {i}"?'])
        times.append((time.perf_counter() - t) * 1000)
    return {
        "model_texts_per_s": round(bulk, 1),
        "question_embed_p50_ms": round(statistics.median(times), 1),
        "question_embed_p95_ms": round(percentile(times, 95), 1),
    }


def plot(results: list[dict[str, Any]], png: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    sizes = [r["articles"] for r in results]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7.5))
    ax = axes[0][0]
    for kind in (
        "who_said",
        "who_said_unquoted",
        "verbatim",
        "altered",
        "misattributed",
        "not_found",
    ):
        ax.plot(sizes, [r["serve"]["latency"][kind]["p95_ms"] for r in results], "o-", label=kind)
    ax.axhline(200, color="grey", linestyle="--", linewidth=1, label="goal: 200 ms")
    ax.set(title="warm question latency, p95", ylabel="ms")
    ax.legend(fontsize=7)
    ax = axes[0][1]
    ax.plot(sizes, [r["serve"]["rss_mb"] for r in results], "o-", label="serving (warm)")
    ax.plot(sizes, [r["serve"]["peak_rss_mb"] for r in results], "s--", label="serving peak")
    ax.set(title="resident memory (log-log: slope 1 = linear)", ylabel="MiB", yscale="log")
    ax.legend(fontsize=7)
    ax = axes[1][0]
    ax.plot(sizes, [r["disk_mb"] for r in results], "o-")
    ax.set(title="store on disk (log-log)", ylabel="MiB", yscale="log")
    ax = axes[1][1]
    ax.plot(sizes, [r["grow"]["articles_per_s"] for r in results], "o-", label="without model")
    ax.set(title="ingest rate of the added articles (shared cores)", ylabel="articles/s")
    ax.legend(fontsize=7)
    for row in axes:
        for a in row:
            a.set_xscale("log")
            a.set_xlabel("articles in the store")
            a.grid(True, alpha=0.3)
    fig.suptitle("Quotecheck at scale (bench/scale.py)")
    fig.tight_layout()
    fig.savefig(png, dpi=110)


def table(results: list[dict[str, Any]]) -> str:
    """The results as the Markdown rows of docs/benchmarks.md."""
    kinds = ("who_said", "who_said_unquoted", "verbatim", "altered", "misattributed", "not_found")
    lines = [
        "| articles | passages + quotes | ingest of the added articles (no model) | store on disk "
        "| index build | memory (warm) | " + " | ".join(kinds) + " |",
        "|---" * (6 + len(kinds)) + "|",
    ]
    for r in results:
        g, v = r["grow"], r["serve"]
        lat = v["latency"]
        cells = [
            f"{r['articles']:,}",
            f"{v['store']['passages'] + v['store']['quotes']:,}",
            f"{g['articles_per_s']} art/s, {g['texts_per_s']} texts/s" if g else "",
            f"{r['disk_mb'] / 1024:.2f} GiB" if r["disk_mb"] > 1024 else f"{r['disk_mb']:.0f} MiB",
            f"{v['index_build_s']} s",
            f"{v['rss_mb']:,.0f} MiB",
            *(
                f"{lat[k]['p50_ms']} / {lat[k]['p95_ms']} ms ({lat[k]['accuracy']:.2f})"
                for k in kinds
            ),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _serve_apart(data_dir: Path, *flags: str) -> dict[str, Any]:
    """``serve`` in a fresh process (so ingest leaves nothing in its memory)."""
    done = subprocess.run(
        [sys.executable, __file__, "--serve", "--data-dir", str(data_dir), *flags],
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or ["?"])[-1]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("seeds", type=Path, nargs="*")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--data-dir", type=Path, help="the store to grow (required to measure)")
    ap.add_argument("--json", type=Path, help="append one JSON line per size here")
    ap.add_argument("--model", help="the model whose cost is measured apart")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--keep", action="store_true", help="copy the store at each size to DATA_DIR-SIZE"
    )
    ap.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument(
        "--in-memory",
        action="store_true",
        help="serve as before the word index: build the index in memory (with --serve, or "
        "at each size beside the word index)",
    )
    ap.add_argument("--plot", type=Path, help="draw the curves from --json into this PNG")
    ap.add_argument("--table", action="store_true", help="print --json as Markdown rows")
    args = ap.parse_args()
    if args.plot or args.table:
        rows = [json.loads(x) for x in args.json.read_text().splitlines() if x.strip()]
        rows = [r for r in rows if "latency" in r["serve"]]  # not the sizes that failed
        if args.plot:
            plot(rows, args.plot)
        if args.table:
            print(table(rows))
        return
    if args.data_dir is None:
        ap.error("--data-dir is required, except with --plot or --table")
    if args.serve:  # also by hand, to re-measure a kept store on a quiet machine
        print(json.dumps(serve(args.data_dir, args.seed, args.in_memory)))
        return
    print(json.dumps(model_costs(args.model)), flush=True)
    gen = Generator(read_seeds(args.seeds), args.seed)
    have = service(args.data_dir).store.count()["articles"]
    for size in sorted(args.sizes):
        if size > have:
            grown = grow(args.data_dir, gen, have, size)
            have = size
        else:
            grown = {}
        row: dict[str, Any] = {
            "date": time.strftime("%Y-%m-%d %H:%M"),
            "articles": size,
            "grow": grown,
            "disk_mb": round(folder_mb(args.data_dir), 1),
        }
        print(json.dumps(row), flush=True)  # the ingest figures, before serving can fail
        row["serve"] = _serve_apart(args.data_dir)
        if args.in_memory:
            row["serve_in_memory"] = _serve_apart(args.data_dir, "--in-memory")
        print(json.dumps(row), flush=True)
        if args.keep:
            shutil.copytree(args.data_dir, f"{args.data_dir}-{size}", dirs_exist_ok=True)
        if args.json:
            with args.json.open("a") as f:
                f.write(json.dumps(row) + "\n")
        if "error" in row["serve"]:
            sys.exit(f"serving the store of {size} articles failed: {row['serve']['error']}")


if __name__ == "__main__":
    main()
