"""Answer-engine figures on a PolNeAR-format JSONL file (issue 4).

    python bench/answers.py ../shared/data/polnear/train.jsonl [--n 150] [--holdout 40]
        [--backend torch|onnx|onnx-int8|static]

Builds a store in a temporary folder with the configured embedding model (default: the
bundled MiniLM), holding out some articles. From the gold direct quotes it generates a
seeded evaluation set: who-said questions (with the words in marks, without marks, and with
one word wrong as "Whose words are these: ..."); verify with the right speaker (verbatim), a wrong
speaker (misattributed), one word changed and one word dropped (altered); and quotes of the
held-out articles (not_found). Prints accuracies, the count of fabricated quotes (quoted
strings in an answer that are not in the article text at the cited offsets) and warm
latency per question on the full store (the held-out articles added back), also per intent
(who-said, what-did-X-say, verify, open questions and comparisons).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from rapidfuzz import fuzz

from bench.meaning_cases import meaning_items, shape_items
from bot.index.quote_index import QuoteIndex
from bot.service import Quotecheck
from bot.verdicts.matching import match
from bot.verdicts.normalise import key, words
from ingest.config import EMBED_BACKENDS, load_settings
from ingest.records import Article

GOLD_SPEAKERS = {"as_written", "trimmed"}
SWAP_WORDS = ["orange", "window", "seventeen", "carefully", "mountain", "bicycle", "purple"]
_QUOTED = re.compile(r"“([^“”\n]*)”|\"([^\"\n]*)\"")
_MARKER = re.compile(r"\[(\d+)\]")


def read(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def article(row: dict[str, Any]) -> Article:
    return Article(
        id=row["id"],
        title=row.get("title", ""),
        text=row["text"],
        outlet=row.get("publisher", ""),
        published=row.get("date", ""),
        author=row.get("author", ""),
    )


WHO_SAID = {  # how a who-said question is asked, by item form
    "": 'Who said "{quote}"?',
    "plain": "Who said that {quote}?",
    "altered": "Whose words are these: {quote}",
}


def same_person(a: str, b: str) -> bool:
    ta, tb = words(a).tokens, words(b).tokens
    if not ta or not tb:
        return False
    return (
        ta[-1] == tb[-1]
        or set(ta) <= set(tb)
        or set(tb) <= set(ta)
        or fuzz.ratio(" ".join(ta), " ".join(tb)) >= 85
    )


def gold_quotes(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for r in rows:
        for q in r["quotes"]:
            text = q["quote"].strip(" \"“”'‘’,.")
            if q["kind"] != "direct" or q.get("speaker_resolution") not in GOLD_SPEAKERS:
                continue
            if len(words(text)) < 6 or not q.get("speaker"):
                continue
            out.append(
                {"quote": text, "gold_quote": text, "speaker": q["speaker"], "article_id": r["id"]}
            )
    return out


def make_items(
    loaded: list[dict[str, Any]], held: list[dict[str, Any]], n: int, seed: int
) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    pool = gold_quotes(loaded)
    rng.shuffle(pool)
    chosen = pool[:n]
    speakers = sorted({q["speaker"] for q in pool})
    items: list[dict[str, Any]] = []
    for q in chosen:
        items.append({"task": "who_said", **q})
        items.append({"task": "verify", "expect": "verbatim", **q})
        wrong = rng.choice([s for s in speakers if not same_person(s, q["speaker"])])
        items.append(
            {
                "task": "verify",
                "expect": "misattributed",
                **q,
                "speaker": wrong,
                "true_speaker": q["speaker"],
            }
        )
        toks = q["quote"].split()
        # change or drop a real word, never a dash or an ellipsis (that would stay verbatim)
        i = rng.choice([k for k in range(1, len(toks) - 1) if words(toks[k]).tokens] or [1])
        changed = [*toks[:i], rng.choice(SWAP_WORDS), *toks[i + 1 :]]
        items.append({"task": "verify", "expect": "altered", **q, "quote": " ".join(changed)})
        dropped = toks[:i] + toks[i + 1 :]
        items.append({"task": "verify", "expect": "altered", **q, "quote": " ".join(dropped)})
        # who-said asked as people type it: no quotation marks, or with a word wrong
        items.append({"task": "who_said", "form": "plain", **q})
        items.append({"task": "who_said", "form": "altered", **q, "quote": " ".join(changed)})
    loaded_text = " ".join(key(r["text"]) for r in loaded)
    outside = [q for q in gold_quotes(held) if key(q["quote"]) not in loaded_text]
    rng.shuffle(outside)
    for q in outside[:n]:
        items.append({"task": "verify", "expect": "not_found", **q})
    return items


def extraction(index: QuoteIndex, q: dict[str, Any]) -> str:
    """Did ingest extract the gold quote ("ok"), without its speaker, or not at all?"""
    claim = words(q["gold_quote"]).tokens
    found = [
        e
        for i in index.by_article.get(q["article_id"], [])
        if (e := index.entries[i]).kind != "text" and match(claim, e.words.tokens).found
    ]
    if not found:
        return "quote not extracted"
    if any(same_person(index.display_name(e.speaker_key), q["speaker"]) for e in found):
        return "ok"
    return "extracted without its speaker"


def _cited(markers: str, citations: list[Any], texts: dict[str, str]) -> list[str]:
    """The article text of each citation ``[n]`` in ``markers``."""
    cs = [citations[k - 1] for k in map(int, _MARKER.findall(markers)) if 0 < k <= len(citations)]
    return [texts[c.article_id][c.start : c.end] for c in cs]


def fabricated(markdown: str, citations: list[Any], texts: dict[str, str]) -> int:
    """Quoted strings not found in the article text at the offsets of the citation they cite."""
    bad = 0
    for c in citations:
        if texts[c.article_id][c.start : c.end] != c.text:
            bad += 1
    for line in markdown.split("\n"):
        excerpt = re.fullmatch(r"> (.*?)((?:\s*\[\d+\])+)", line)
        if excerpt:  # a block-quoted passage: the whole line is the cited article text
            inner = key(excerpt.group(1).replace("\\", ""))
            cited = _cited(excerpt.group(2), citations, texts)
            bad += not any(inner in key(t) for t in cited)
            continue
        for m in re.finditer(r"(“[^“”\n]*”|\"[^\"\n]*\")((?:\s*\[\d+\])*)", line):
            inner = key(m.group(1)[1:-1].replace("\\", ""))
            cited = _cited(m.group(2), citations, texts)
            if not inner or not any(inner in key(t) for t in cited):
                bad += 1
    return bad


def meaning_figures(
    qc: Quotecheck,
    rows: list[dict[str, Any]],
    loaded: list[dict[str, Any]],
    n: int,
    seed: int,
    texts: dict[str, str],
    final: bool = False,
) -> None:
    """Issue 17: changes of meaning are never a paraphrase; the question shapes people type
    reach who-said; by split (dev lines were developed on, heldout lines were not)."""
    lines = {r["id"]: i for i, r in enumerate(rows)}
    right: Counter[tuple[str, str]] = Counter()
    total: Counter[tuple[str, str]] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    fabricated_count = 0
    for it in meaning_items(loaded, lines, n, seed):
        v = qc.verify(it["quote"], it["speaker"])
        at = (it["task"], it["split"])
        total[at] += 1
        right[at] += v.verdict in it["accept"]
        if final or it["split"] == "dev":
            confusion[it["task"]][v.verdict] += 1
        fabricated_count += fabricated(v.markdown, v.citations, texts)
    for it in shape_items(loaded, lines, n, seed):
        a = qc.ask(it["question"])
        if it.get("verify"):
            ok = a.intent == "verify" and a.verdict is not None and a.verdict.verdict == "verbatim"
        else:
            got = (
                a.quotes[0].quote.canonical_speaker or a.quotes[0].quote.speaker if a.quotes else ""
            )
            ok = a.intent == "who_said" and same_person(got, it["speaker"])
        at = (it["task"], it["split"])
        total[at] += 1
        right[at] += ok
        fabricated_count += fabricated(a.markdown, a.citations, texts)
    print("\nmeaning and question shapes (issue 17): accuracy by split")
    for task in dict.fromkeys(t for t, _ in total):
        cells = []
        for split in ("dev", "heldout", "all") if final else ("dev",):
            r = (
                sum(right[(task, s)] for s in ("dev", "heldout"))
                if split == "all"
                else right[(task, split)]
            )
            t = (
                sum(total[(task, s)] for s in ("dev", "heldout"))
                if split == "all"
                else total[(task, split)]
            )
            cells.append(f"{split} {r / max(1, t):.3f} ({r}/{t})")
        extra = f"  {dict(confusion[task])}" if task in confusion else ""
        print(f"  {task:20s} " + "  ".join(cells) + extra)
    print(f"fabricated quotes in these answers: {fabricated_count}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("path", type=Path)
    ap.add_argument("--n", type=int, default=150, help="gold quotes per task")
    ap.add_argument("--holdout", type=int, default=40, help="articles kept out of the store")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--data-dir", type=Path, help="reuse a store built by an earlier run")
    ap.add_argument("--backend", choices=EMBED_BACKENDS, help="embedder (default: settings)")
    ap.add_argument("--skip-latency", action="store_true", help="accuracy figures only")
    ap.add_argument(
        "--final", action="store_true", help="also the heldout lines (a final check only)"
    )
    args = ap.parse_args()
    rows = read(args.path)
    rng = random.Random(args.seed)
    order = list(range(len(rows)))
    rng.shuffle(order)
    held = [rows[i] for i in order[: args.holdout]]
    loaded = [rows[i] for i in order[args.holdout :]]
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="qc-bench-"))
    qc = Quotecheck(load_settings(data_dir=data_dir, embed_backend=args.backend))
    qc.remove([r["id"] for r in held])  # a reused store may still hold them from the timing
    t = time.perf_counter()
    summary = qc.ingest_articles(article(r) for r in loaded)
    print(
        f"store: {data_dir} ({len(loaded)} articles, {summary.failed} failed, "
        f"{time.perf_counter() - t:.0f} s to ingest; model {qc.settings.embedder_name})"
    )
    texts = {a.id: a.text for a in (article(r) for r in rows)}
    items = make_items(loaded, held, args.n, args.seed)
    t = time.perf_counter()
    qc.engine.index  # noqa: B018  (build the quote index once, outside the timings)
    print(f"quote index built in {time.perf_counter() - t:.1f} s")
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusion: dict[str, Counter[str]] = defaultdict(Counter)
    fabricated_count = 0
    misses: dict[str, Counter[str]] = defaultdict(Counter)  # task -> extraction status
    for it in items:
        if it["task"] == "who_said":
            form = it.get("form", "")
            task = f"who_said_{form}" if form else "who_said"
            a = qc.ask(WHO_SAID[form].format(quote=it["quote"]))
            got = (
                a.quotes[0].quote.canonical_speaker or a.quotes[0].quote.speaker if a.quotes else ""
            )
            total[task] += 1
            ok = same_person(got, it["speaker"])
            right[task] += ok
            if not ok:
                misses[task][extraction(qc.engine.index, it)] += 1
            fabricated_count += fabricated(a.markdown, a.citations, texts)
        else:
            v = qc.verify(it["quote"], it["speaker"])
            exp = it["expect"]
            total[exp] += 1
            ok = v.verdict == exp
            if ok and exp == "misattributed":
                ok = same_person(v.found_speaker, it["true_speaker"])
            right[exp] += ok
            if not ok and exp != "not_found":
                misses[exp][
                    extraction(
                        qc.engine.index, {**it, "speaker": it.get("true_speaker", it["speaker"])}
                    )
                ] += 1
            confusion[exp][v.verdict] += 1
            fabricated_count += fabricated(v.markdown, v.citations, texts)
    print("\naccuracy")
    for task in (
        "who_said",
        "who_said_plain",
        "who_said_altered",
        "verbatim",
        "altered",
        "misattributed",
        "not_found",
    ):
        if total[task]:
            print(
                f"  {task:14s} {right[task] / total[task]:.3f}  ({right[task]}/{total[task]})"
                f"  {dict(confusion[task]) if task in confusion else ''}"
            )
    print(f"fabricated quotes in answers: {fabricated_count}")
    print(
        "\nmisses by how ingest extracted the gold quote (extraction misses are not the engine's)"
    )
    for task, by in misses.items():
        engine_only = total[task] - sum(n for why, n in by.items() if why != "ok")
        print(
            f"  {task:14s} {dict(by)}; engine accuracy on well-extracted quotes "
            f"{right[task] / max(1, engine_only):.3f} ({right[task]}/{engine_only})"
        )
    meaning_figures(qc, rows, loaded, args.n, args.seed, texts, args.final)
    if args.skip_latency:
        return
    # Latency on the full store: add the held-out articles back, warm up, then time.
    qc.ingest_articles(article(r) for r in held)
    qc.engine.index  # noqa: B018
    questions = []
    for it in [it for it in items if not it.get("form")][: 5 * 40]:
        if it["task"] == "who_said":
            questions.append(f'Who said "{it["quote"]}"?')
        elif it["expect"] == "verbatim":
            questions.append(f'Did {it["speaker"]} really say "{it["quote"]}"?')
            questions.append(f"What did {it['speaker']} say?")
        elif it["expect"] == "altered":
            questions.append(f"Who said {it['quote']}?")
    questions += [
        f'Did {q["speaker"]} say "{q["quote"]}"?' for q in items if q.get("expect") == "not_found"
    ][:40]
    # open questions and comparisons too: an article's title as the topic
    titles = [r.get("title") or " ".join(r["text"].split()[:8]) for r in loaded[:20]]
    questions += [f"What happened in {t.rstrip('.?!')}?" for t in titles]
    questions += [f"Compare accounts of {t.rstrip('.?!')}" for t in titles[:10]]
    qc.ask("warm up")
    times = []
    by_intent: dict[str, list[float]] = defaultdict(list)
    for q in questions:
        t = time.perf_counter()
        intent = qc.ask(q).intent
        times.append((time.perf_counter() - t) * 1000)
        by_intent[intent].append(times[-1])
    times.sort()
    p95 = times[int(0.95 * (len(times) - 1))]
    print(
        f"\nwarm latency over {len(times)} questions on {len(rows)} articles: "
        f"p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, max {times[-1]:.1f} ms"
    )
    for name, ts in sorted(by_intent.items()):
        ts.sort()
        print(
            f"  {name:10s} n {len(ts):3d}  p50 {statistics.median(ts):6.1f} ms"
            f"  p95 {ts[int(0.95 * (len(ts) - 1))]:6.1f} ms"
        )
    qc.remove([r["id"] for r in held])  # leave the store reusable for the accuracy figures


if __name__ == "__main__":
    main()
