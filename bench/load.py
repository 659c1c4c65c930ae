"""Load: concurrent chat users ask the web app questions while an ingest runs (issue 7).

    .venv/bin/python bench/load.py                        # real model, both modes, 20 users, 120 s
    .venv/bin/python bench/load.py --fake --seconds 20    # the fake embedder
    .venv/bin/python bench/load.py --more ../shared/data/polnear/train.jsonl [--preload 500]

Per mode, a fresh store is filled with CORPUS (default ``samples/``) by ``quotecheck ingest``,
questions are built from its quotes (``quotecheck quotes --json``: who said "…", what did X
say about Y, did X say "…" with the right or another speaker, compare accounts of …, an open
question), then ``app.py`` is started on a free port and USERS ``gradio_client`` users ask
``/ask`` back to back for SECONDS (on, if need be, until one new article is in) while the
``--more`` articles (default: generated fictional ones; ``--preload N`` puts the first N of
them in the store beforehand) are ingested:

- embedded (one ``PersistentClient`` folder): only the app may open it, so the articles go
  in through the app itself, as the Library tab's upload (the same HTTP request a browser
  sends; the upload event is private, so ``gradio_client`` refuses to call it);
- server (``chroma run``): a separate ``quotecheck ingest`` process writes while the app reads.

Afterwards every answer is checked against the stored article texts: no error, every
citation equal to the article at its offsets, every quoted string verbatim in the citation
it points at (``bot.model.grounding.ground_answer``), every listed quote at its offsets. Prints
requests, errors, ungrounded answers and p50/p95/max latency per kind, and the ingest's
progress. Every process started here is stopped before the script ends.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.stats import percentile
from bench.webapp import (
    BIN,
    REPO,
    app_env,
    chroma_server,
    free_port,
    page_ready,
    quotecheck,
    serving,
    stop_process,
    upload_articles,
)
from bot.model.grounding import Source, ground_answer
from ingest.config import load_settings
from ingest.loaders import iter_input_files, load_articles
from ingest.records import Citation
from ingest.store import ArticleStore

KINDS = ("who_said", "what_said", "did_say", "compare", "open")
PRONOUNS = {"he", "she", "they", "it", "i", "we", "you", "him", "her", "them"}
Ask = Callable[[str], dict[str, Any]]


@dataclass
class Record:
    kind: str
    question: str
    started: float  # seconds since the run started
    seconds: float
    error: str = ""
    answer: dict[str, Any] | None = None
    problems: list[str] = field(default_factory=list)


@dataclass
class Ingested:
    """The ingest running beside the users: (seconds, articles in the store) samples."""

    before: int = 0
    timeline: list[tuple[float, int]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def added(self) -> int:
        return (self.timeline[-1][1] if self.timeline else self.before) - self.before


@dataclass
class Result:
    mode: str
    users: int
    seconds: float
    records: list[Record]
    ingest: Ingested
    texts: dict[str, str | None]  # the cited articles' stored texts, for re-checking


# ----------------------------------------------------------------------------- questions
def _words(text: str, n: int) -> str:
    return " ".join(re.sub(r"[^\w'’-]+", " ", text).split()[:n])


def make_questions(quotes: Sequence[dict[str, Any]], seed: int = 7) -> list[tuple[str, str]]:
    """(kind, question) pairs built from stored quotes (``quotecheck quotes --json`` rows)."""
    rng = random.Random(seed)
    said = [
        (q, who)
        for q in quotes
        if q["kind"] == "direct"
        and len(q["quote"].split()) >= 4
        and (who := (q["canonical_speaker"] or q["speaker"]).strip())
        and who[0].isupper()
        and who.casefold() not in PRONOUNS
    ]
    if not said:
        raise SystemExit("the store holds no direct quote with a named speaker to ask about")
    speakers = sorted({who for _, who in said})
    out = []
    for q, who in said:
        words = q["quote"].strip(" \"“”'‘’,.;:").split()[:12]
        claim = " ".join(words)
        other = rng.choice([s for s in speakers if s != who] or [who])
        topic = _words(q["title"], 5) or _words(claim, 3)
        out += [
            ("who_said", f'Who said "{claim}"?'),
            ("what_said", f"What did {who} say about {_words(q['title'], 3)}?"),
            ("did_say", f'Did {rng.choice([who, other])} say "{claim}"?'),
            ("compare", f"Compare accounts of {topic}"),
            ("open", f"What happened with {topic}?"),
        ]
    return out


# ----------------------------------------------------------------------------- grounding
def grounding_problems(answer: dict[str, Any], text_of: Callable[[str], str | None]) -> list[str]:
    """What in an ``/ask`` answer is not verbatim in the stored article it cites."""
    citations = [
        Citation(**{k: c[k] for k in Citation.__dataclass_fields__ if k in c})
        for c in answer["citations"]
    ]
    texts = {a: text_of(a) for a in {c.article_id for c in citations}}
    sources = [Source(a, 0, len(t), t) for a, t in texts.items() if t is not None]
    problems = list(ground_answer(answer["answer"], citations, sources).problems)
    for q in answer.get("quotes", []):
        text = text_of(q["article_id"])
        if text is None or text[q["start"] : q["end"]] != q["quote"]:
            problems.append(f"quote {q['quote'][:40]!r} is not at {q['article_id']} {q['start']}")
    return problems


def check_answers(records: Sequence[Record], store: ArticleStore) -> dict[str, str | None]:
    """Fills each record's ``problems`` from the store; returns the cited articles' texts."""
    cache: dict[str, str | None] = {}

    def text_of(article_id: str) -> str | None:
        if article_id not in cache:
            article = store.get_article(article_id)
            cache[article_id] = article.text if article else None
        return cache[article_id]

    for r in records:
        if r.answer is not None:
            r.problems = grounding_problems(r.answer, text_of)
    return cache


# --------------------------------------------------------------------------------- users
def user_loop(
    ask: Ask,
    questions: Sequence[tuple[str, str]],
    t0: float,
    going: Callable[[], bool],
    out: list[Record],
) -> None:
    """One user: asks the questions in turn, back to back, while ``going()``."""
    n = 0
    while going():
        kind, question = questions[n % len(questions)]
        n += 1
        started = time.perf_counter()
        record = Record(kind, question, started - t0, 0.0)
        try:
            record.answer = ask(question)
        except Exception as exc:  # the figure counts every failure, whatever it is
            record.error = f"{type(exc).__name__}: {exc}"[:300]
        record.seconds = time.perf_counter() - started
        out.append(record)


def run_users(
    asks: Sequence[Ask],
    questions: Sequence[tuple[str, str]],
    seconds: float,
    waiting: Callable[[], bool] = lambda: False,
    seed: int = 7,
) -> list[Record]:
    """One thread per user, each with its own shuffled questions, the kinds interleaved.

    They ask for ``seconds``, and on (at most a minute) while ``waiting()`` is true.
    """
    by_kind = {k: [q for q in questions if q[0] == k] for k in KINDS}
    t0 = time.perf_counter()

    def going() -> bool:
        now = time.perf_counter() - t0
        return now < seconds or (now < seconds + 60 and waiting())

    records: list[Record] = []
    threads = []
    for i, ask in enumerate(asks):
        rng = random.Random(seed + i)
        mine = [rng.sample(by_kind[k], len(by_kind[k])) for k in KINDS if by_kind[k]]
        turns = [q for group in itertools.zip_longest(*mine) for q in group if q]
        shift = i % len(mine)
        args = (ask, turns[shift:] + turns[:shift], t0, going, records)
        threads.append(threading.Thread(target=user_loop, args=args, daemon=True))
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return records


def gradio_asks(url: str, users: int, timeout: float) -> list[Ask]:
    """One ``gradio_client`` session per user, asking through the app's ``/ask`` endpoint."""
    from gradio_client import Client

    def asker(client: Client) -> Ask:
        return lambda q: client.submit(q, api_name="/ask").result(timeout=timeout)

    with ThreadPoolExecutor(8) as pool:
        clients = pool.map(lambda _: Client(url, verbose=False), range(users))
        return [asker(c) for c in clients]


# -------------------------------------------------------------------------------- ingest
def upload_while(
    url: str, files: Sequence[Path], stop: threading.Event, t0: float, got: Ingested
) -> None:
    """Uploads the files one request at a time until they run out or ``stop`` is set."""
    total = got.before
    for f in files:
        if stop.is_set():
            return
        try:
            rows = upload_articles(url, [f])
        except Exception as exc:  # reported with the figures
            got.errors.append(f"{f.name}: {exc}"[:300])
            continue
        total += sum(1 for r in rows if r[1] == "new")
        got.errors += [f"{r[0]}: {r[5]}" for r in rows if r[1] == "failed"]
        got.timeline.append((time.perf_counter() - t0, total))


def poll_count(store: ArticleStore, stop: threading.Event, t0: float, got: Ingested) -> None:
    """Samples the store's article count every second (server mode: any process may read)."""
    while not stop.wait(1.0):
        got.timeline.append((time.perf_counter() - t0, store.count()["articles"]))


def write_batches(paths: Sequence[Path], folder: Path, per_file: int) -> list[Path]:
    """The articles of ``paths`` as JSONL files of ``per_file`` records (ids kept)."""
    loaded = [x for f in iter_input_files(paths) for x in load_articles(f)]
    articles = [x.article for x in loaded if x.article is not None]
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(0, len(articles), per_file):
        f = folder / f"more-{n // per_file:05d}.jsonl"
        keys = ("id", "title", "text", "outlet", "published", "url", "author")
        rows = [{k: getattr(a, k) for k in keys} for a in articles[n : n + per_file]]
        f.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
        files.append(f)
    return files


# ------------------------------------------------------------------------------- one run
def run_load(
    mode: str,
    workdir: Path,
    corpus: Sequence[Path],
    more: Sequence[Path],
    users: int = 20,
    seconds: float = 120,
    fake: bool = False,
    chroma: tuple[str, int] | None = None,
    per_upload: int = 5,
    preload: int = 0,
) -> Result:
    """Fill a store, serve it with ``app.py``, and run the users while more articles go in.

    ``mode`` is "embedded" or "server" (then ``chroma`` is the server's host and port).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    env = app_env(workdir / "data", fake, chroma if mode == "server" else None)
    files = write_batches(more, workdir / "more", per_upload)
    first, files = (
        files[: math.ceil(preload / per_upload)],
        files[math.ceil(preload / per_upload) :],
    )
    filled = quotecheck(env, "ingest", *map(str, [*corpus, *first]))
    questions = make_questions(quotecheck(env, "quotes"))
    got = Ingested(before=int(filled["new"]))  # the store was empty
    settings = load_settings(env)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    app = [sys.executable, str(REPO / "app.py")]
    with serving(app, {**env, "QUOTECHECK_PORT": str(port)}, workdir / "app.log", page_ready(url)):
        asks = gradio_asks(url, users, timeout=seconds + 300)
        asks[0](questions[0][1])  # warm: the model loads on the first question
        stop = threading.Event()
        t0 = time.perf_counter()
        if mode == "embedded":
            worker = threading.Thread(target=upload_while, args=(url, files, stop, t0, got))
            worker.start()
            records = run_users(asks, questions, seconds, lambda: got.added == 0)
            stop.set()
            worker.join()
        else:
            store = ArticleStore.open(settings)
            cmd = [str(BIN / "quotecheck"), "ingest", *map(str, files)]
            with (workdir / "ingest.log").open("w") as log:
                proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
            poller = threading.Thread(target=poll_count, args=(store, stop, t0, got))
            poller.start()
            records = run_users(asks, questions, seconds, lambda: got.added == 0)
            stop.set()
            poller.join()
            if proc.poll() not in (None, 0):  # it ended early, and not because it was done
                got.errors.append(f"quotecheck ingest exited with {proc.returncode}")
            stop_process(proc)
            got.timeline.append((time.perf_counter() - t0, store.count()["articles"]))
    texts = check_answers(records, ArticleStore.open(settings))  # embedded: the app stopped
    return Result(mode, users, seconds, records, got, texts)


# ------------------------------------------------------------------------------- figures
def summary(records: Sequence[Record]) -> list[dict[str, Any]]:
    """Per question kind, then all: requests, errors, ungrounded, cited, p50/p95/max seconds."""
    rows = []
    for kind in (*KINDS, "all"):
        mine = [r for r in records if kind in ("all", r.kind)]
        if not mine:
            continue
        times = [r.seconds for r in mine]
        rows.append(
            {
                "kind": kind,
                "requests": len(mine),
                "errors": sum(1 for r in mine if r.error),
                "ungrounded": sum(1 for r in mine if r.problems),
                "cited": sum(1 for r in mine if r.answer and r.answer["citations"]),
                "p50": percentile(times, 50),
                "p95": percentile(times, 95),
                "max": max(times),
            }
        )
    return rows


def report(result: Result) -> str:
    got = result.ingest
    rate = got.added / result.seconds
    lines = [
        f"\n== {result.mode}: {result.users} users, {result.seconds:.0f} s; ingest: "
        f"{got.before} -> {got.before + got.added} articles (+{got.added}, {rate:.2f}/s), "
        f"{len(got.errors)} ingest errors",
        f"{'kind':<10}{'requests':>9}{'errors':>8}{'ungrounded':>11}{'cited':>7}"
        f"{'p50 s':>8}{'p95 s':>8}{'max s':>8}",
    ]
    for r in summary(result.records):
        lines.append(
            f"{r['kind']:<10}{r['requests']:>9}{r['errors']:>8}{r['ungrounded']:>11}"
            f"{r['cited']:>7}{r['p50']:>8.2f}{r['p95']:>8.2f}{r['max']:>8.2f}"
        )
    steps = got.timeline[:: max(1, len(got.timeline) // 8)]
    lines.append("ingest progress (s: articles): " + ", ".join(f"{t:.0f}: {n}" for t, n in steps))
    for r in [r for r in result.records if r.error or r.problems][:5]:
        lines.append(f"  {r.kind} {r.question!r}: {r.error or '; '.join(r.problems)}")
    lines += [f"  ingest: {e}" for e in got.errors[:5]]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="*", type=Path, default=[REPO / "samples"])
    ap.add_argument("--more", nargs="+", type=Path, help="articles to ingest during the run")
    ap.add_argument("--articles", type=int, default=3000, help="generated articles (no --more)")
    ap.add_argument("--mode", choices=["embedded", "server", "both"], default="both")
    ap.add_argument("--users", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--per-upload", type=int, default=5, help="articles per upload (embedded)")
    ap.add_argument("--preload", type=int, default=0, help="of the --more articles, into the fill")
    ap.add_argument("--fake", action="store_true", help="the fake embedder, not the real model")
    ap.add_argument("--json", type=Path, help="also write the figures and every failure here")
    args = ap.parse_args()
    model = "fake embedder" if args.fake else "the app's default model"
    print(f"load: {args.users} users, {args.seconds:.0f} s, {model}, {os.cpu_count()} CPUs")
    results = []
    with tempfile.TemporaryDirectory(prefix="qc-bench-load-") as tmp:
        more = args.more
        if not more:
            from tests.fictional_corpus import write_corpus  # the crash tests' generated corpus

            more = write_corpus(Path(tmp) / "generated", args.articles)
        for mode in ("embedded", "server") if args.mode == "both" else (args.mode,):
            work = Path(tmp) / mode
            work.mkdir()
            common: dict[str, Any] = dict(
                users=args.users,
                seconds=args.seconds,
                fake=args.fake,
                preload=args.preload,
                per_upload=args.per_upload,
            )
            if mode == "server":
                with chroma_server(work) as chroma:
                    result = run_load(mode, work, args.corpus, more, chroma=chroma, **common)
            else:
                result = run_load(mode, work, args.corpus, more, **common)
            print(report(result), flush=True)
            results.append(result)
    if args.json:
        args.json.write_text(json.dumps([as_json(r) for r in results], indent=2), "utf-8")


def as_json(result: Result) -> dict[str, Any]:
    return {
        "mode": result.mode,
        "users": result.users,
        "seconds": result.seconds,
        "summary": summary(result.records),
        "ingest": {
            "before": result.ingest.before,
            "added": result.ingest.added,
            "timeline": result.ingest.timeline,
            "errors": result.ingest.errors,
        },
        "failures": [r.__dict__ for r in result.records if r.error or r.problems],
        "requests": [(r.kind, round(r.started, 2), round(r.seconds, 3)) for r in result.records],
    }


if __name__ == "__main__":
    main()
