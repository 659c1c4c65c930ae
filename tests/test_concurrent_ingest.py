"""Several ``quotecheck ingest`` processes load one corpus into one store at the same time.

The embedded store serialises its writers with a file lock; a Chroma server serialises
requests itself and the records' ids are deterministic. Either way: every article once,
every article with all its passages and quotes, nothing duplicated.
"""

from __future__ import annotations

import json
import os
import subprocess
import uuid
from pathlib import Path

import pytest

from tests.fictional_corpus import write_corpus
from tests.test_crash_safety import LONG, QUOTECHECK, assert_consistent, audit

PROCESSES = 3
ARTICLES = 1500 if LONG else 200


def _run_together(env: dict[str, str], corpus: Path) -> list[dict[str, object]]:
    procs = [
        subprocess.Popen(
            [*QUOTECHECK, "ingest", "--json", str(corpus)],
            env={**os.environ, **env},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    summaries = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        summaries.append(json.loads(out))
    return summaries


@pytest.mark.parametrize("mode", ["embedded", pytest.param("server", marks=pytest.mark.server)])
def test_three_processes_ingest_one_corpus(
    tmp_path: Path, mode: str, request: pytest.FixtureRequest
) -> None:
    corpus = tmp_path / "corpus"
    write_corpus(corpus, ARTICLES, seed=11, per_file=20)
    env = {"QUOTECHECK_DATA_DIR": str(tmp_path / "data")}
    if mode == "server":
        host, port = request.getfixturevalue("chroma_server")
        env.update(
            QUOTECHECK_CHROMA_HOST=host,
            QUOTECHECK_CHROMA_PORT=str(port),
            QUOTECHECK_COLLECTION_PREFIX="cc" + uuid.uuid4().hex[:8],
        )
    summaries = _run_together(env, corpus)
    assert all(s["failed"] == 0 for s in summaries)
    assert all(s["new"] + s["unchanged"] == ARTICLES for s in summaries)

    report = audit(tmp_path / "data", repair=False, **env)
    assert_consistent(report)
    assert report["articles"] == ARTICLES, "an article is missing or duplicated"
    assert report["debris"] == {"passages": 0, "quotes": 0}
    news = [s["new"] for s in summaries]
    print(f"\n{mode}: {PROCESSES} processes, new per process {news}, store {report['raw']}")
