"""SIGKILL ``quotecheck ingest`` at random points: the store stays consistent, a re-run completes.

CI runs 3 kills on 300 articles; ``QUOTECHECK_LONG_TESTS=1`` runs 10 kills on 3,000
(results in docs/reliability.md). Kill times are seeded, so a failure can be replayed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import postgres_available
from tests.fictional_corpus import write_corpus

LONG = os.environ.get("QUOTECHECK_LONG_TESTS") == "1"
KILLS, ARTICLES = (10, 3000) if LONG else (3, 300)
SEED = 20261125
# `quotecheck` with spread-apart fake vectors, so the index check can trust its searches
QUOTECHECK = [sys.executable, str(Path(__file__).resolve().parent / "spread_ingest.py")]
AUDIT = str(Path(__file__).resolve().parent / "store_audit.py")


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    return {**os.environ, "QUOTECHECK_DATA_DIR": str(data_dir), **extra}


def ingest(data_dir: Path, corpus: Path, **extra: str) -> tuple[dict[str, Any], float]:
    started = time.perf_counter()
    done = subprocess.run(
        [*QUOTECHECK, "ingest", "--json", str(corpus)],
        env=_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout), time.perf_counter() - started


def audit(data_dir: Path, repair: bool = True, **extra: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, AUDIT, *(["--repair"] if repair else [])],
        env=_env(data_dir, **extra),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return dict(json.loads(done.stdout))


def assert_consistent(report: dict[str, Any]) -> None:
    assert report["leaked"] == 0, "a reader saw an uncommitted passage or quote"
    assert report["problem_count"] == 0, report["problems"]
    assert report["unindexed"] == 0, "committed records are missing from the vector index"
    assert report["word_leaked"] == 0, "the word index holds an uncommitted article version"


def assert_level(report: dict[str, Any]) -> None:
    """Consistent, and the word index holds every committed article."""
    assert_consistent(report)
    assert report["word_missing"] == 0, "committed articles are missing from the word index"


def _kill_after(data: Path, corpus: Path, delay: float) -> bool:
    """Start an ingest into ``data`` and SIGKILL it after ``delay`` s; False if it had ended."""
    proc = subprocess.Popen(
        [*QUOTECHECK, "ingest", "--json", str(corpus)],
        env=_env(data),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(delay)
    killed = proc.poll() is None
    if killed:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    return killed


def test_sigkill_during_ingest_leaves_a_consistent_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES)
    clean, seconds = ingest(tmp_path / "clean", corpus)
    assert clean["new"] == ARTICLES and clean["failed"] == 0
    expected = audit(tmp_path / "clean", repair=False)["raw"]
    assert expected["articles"] == ARTICLES

    rng = random.Random(SEED)
    figures = []
    for round_ in range(KILLS):
        delay = rng.uniform(0.35, 0.95) * seconds
        for attempt in range(4):  # a run that finished before its kill is tried again sooner
            data = tmp_path / f"killed-{round_}-{attempt}"
            killed = _kill_after(data, corpus, delay)
            if killed:
                break
            delay *= 0.6

        after_kill = audit(data)
        assert_consistent(after_kill)
        assert_level(after_kill["after_repair"])
        repaired = after_kill["after_repair"]
        assert repaired["debris"] == {"passages": 0, "quotes": 0}

        rerun, _ = ingest(data, corpus)
        assert rerun["failed"] == 0 and rerun["new"] + rerun["unchanged"] == ARTICLES
        final = audit(data, repair=False)
        assert_level(final)
        assert final["raw"] == expected, "the re-run left duplicates or missed records"
        assert final["debris"] == {"passages": 0, "quotes": 0}
        figures.append(
            f"kill {round_ + 1}: at {delay:.2f}s ({'killed' if killed else 'had finished'}), "
            f"{after_kill['articles']}/{ARTICLES} articles committed, "
            f"{after_kill['word_missing']} not yet in the word index, debris "
            f"{sum(after_kill['debris'].values())} records, repair removed "
            f"{after_kill['repaired']}; re-run {rerun['new']} new {rerun['unchanged']} unchanged"
        )
    print(f"\nclean ingest of {ARTICLES} articles: {seconds:.2f}s, {expected}")
    print("\n".join(figures))
    assert all("(killed)" in f for f in figures), "a run finished before every kill"


@pytest.mark.server
def test_sigkill_during_ingest_on_a_chroma_server(
    tmp_path: Path, chroma_server: tuple[str, int], request: pytest.FixtureRequest
) -> None:
    """On a server there is no writers' lock: debris stays until old, but never shows. With
    PostgreSQL here (always in CI), the store has the shared word index, which never holds
    an uncommitted version and is level after the re-run."""
    host, port = chroma_server
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 300)
    server = {"QUOTECHECK_CHROMA_HOST": host, "QUOTECHECK_CHROMA_PORT": str(port)}
    words = postgres_available()
    if words:
        server["QUOTECHECK_WORDS_URL"] = request.getfixturevalue("postgres_url")
    _, seconds = ingest(tmp_path / "x", corpus, QUOTECHECK_COLLECTION_PREFIX="crashclean", **server)
    expected = audit(tmp_path / "x", False, QUOTECHECK_COLLECTION_PREFIX="crashclean", **server)
    killed_env = {**server, "QUOTECHECK_COLLECTION_PREFIX": f"crash{os.getpid()}"}
    proc = subprocess.Popen(
        [*QUOTECHECK, "ingest", str(corpus)],
        env=_env(tmp_path / "y", **killed_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(random.Random(SEED).uniform(0.4, 0.9) * seconds)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    after_kill = audit(tmp_path / "y", False, **killed_env)
    assert_consistent(after_kill)  # with the word index: no uncommitted version in it
    assert after_kill["word_index"] == ("PgWordIndex" if words else "none")
    rerun, _ = ingest(tmp_path / "y", corpus, **killed_env)
    assert rerun["failed"] == 0
    final = audit(tmp_path / "y", False, **killed_env)
    (assert_level if words else assert_consistent)(final)
    assert final["raw"] == expected["raw"]
    kind = "PostgreSQL" if words else "none"
    print(
        f"\nkilled on a server: {after_kill['articles']}/300 committed, "
        f"{after_kill['word_missing']} not yet in the word index ({kind})"
    )
