"""Load (issue 7): 20 chat users ask through ``gradio_client`` while an ingest runs.

CI: 4 seconds a mode with the fake embedder, on the embedded store (the articles go in
through the app's Library upload) and on a Chroma server (a separate ``quotecheck ingest``);
``QUOTECHECK_LONG_TESTS=1``: 60 seconds a mode. Every answer must come without an error and
be grounded in the stored articles. Figures with the real model: ``bench/load.py``, written
up in docs/reliability.md. Also here: the quote index is rebuilt without making questions
wait, the fix for the latency the load uncovered.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from bench.load import KINDS, grounding_problems, run_load, run_users, summary
from bot.index import holder as index_holder
from bot.index.holder import IndexHolder
from bot.service import Quotecheck
from tests.fictional_corpus import write_corpus

LONG = os.environ.get("QUOTECHECK_LONG_TESTS") == "1"
SECONDS, MORE = (60, 3000) if LONG else (4, 300)
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


@pytest.mark.parametrize("mode", ["embedded", pytest.param("server", marks=pytest.mark.server)])
def test_twenty_users_get_grounded_answers_while_articles_are_ingested(
    mode: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    more = write_corpus(tmp_path / "more", MORE)
    chroma = request.getfixturevalue("chroma_server") if mode == "server" else None
    result = run_load(
        mode, tmp_path / "run", [SAMPLES], more, seconds=SECONDS, fake=True, chroma=chroma
    )
    failed = [(r.question, r.error, r.problems) for r in result.records if r.error or r.problems]
    assert failed == []
    rows = {row["kind"]: row for row in summary(result.records)}
    assert set(rows) == {*KINDS, "all"}  # every kind of question was asked
    assert rows["all"]["requests"] >= 20 and rows["all"]["cited"] >= rows["all"]["requests"] * 0.9
    assert result.ingest.added > 0, "no article went in while the users asked"
    assert not result.ingest.errors

    # the check is live on these very answers: one changed word in a quotation fails it
    quoted = next(r.answer for r in result.records if r.answer and "“" in r.answer["answer"])
    before, after = quoted["answer"].split("“", 1)
    planted = {**quoted, "answer": f"{before}“Zebra {after}"}
    assert grounding_problems(quoted, result.texts.get) == []
    assert grounding_problems(planted, result.texts.get)


ARTICLE = 'Ferry returns. "We kept the water out," said Mara Quill, the city engineer.'
CITATION = {
    "article_id": "a1",
    "outlet": "Test Gazette",
    "title": "Ferry returns",
    "published": "2024-07-02",
    "url": "",
    "start": 15,
    "end": 75,
    "text": ARTICLE[15:75],
}
QUOTE = {"quote": "We kept the water out", "article_id": "a1", "start": 16, "end": 37}
ANSWER = {
    "answer": "Mara Quill said: “We kept the water out” [1]",
    "citations": [CITATION],
    "quotes": [QUOTE],
}


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({}, None),
        ({"answer": "Mara Quill said: “We kept the river out” [1]"}, "not verbatim"),
        ({"answer": "Mara Quill said: “We kept the water out”"}, "not verbatim"),
        ({"answer": "Mara Quill [2] said: “We kept the water out” [1]"}, "marker [2]"),
        ({"citations": [{**CITATION, "start": 14, "end": 74}]}, "was not retrieved"),
        ({"quotes": [{**QUOTE, "start": 17, "end": 38}]}, "is not at a1"),
        ({"citations": [{**CITATION, "article_id": "gone"}]}, "was not retrieved"),
    ],
)
def test_the_grounding_check_catches_what_is_not_in_the_article(
    change: dict[str, Any], problem: str | None
) -> None:
    problems = grounding_problems({**ANSWER, **change}, {"a1": ARTICLE}.get)
    if problem is None:
        assert problems == []
    else:
        assert any(problem in p for p in problems), problems


def test_failed_questions_are_counted_as_errors() -> None:
    def ask(question: str) -> dict[str, Any]:
        if "fail" in question:
            raise ConnectionError("the app went away")
        return ANSWER

    questions = [(k, f"{k} fine") for k in KINDS] + [("open", "fail please")]
    records = run_users([ask, ask], questions, seconds=0.2)
    rows = {row["kind"]: row for row in summary(records)}
    assert rows["open"]["errors"] > 0 and rows["who_said"]["errors"] == 0
    assert rows["all"]["errors"] == rows["open"]["errors"]
    assert any("ConnectionError" in r.error for r in records)


# --------------------------------------------------------------- the quote index under load
class GrowingStore:
    """Counts a test sets, and a full read that waits while ``reading`` is clear."""

    def __init__(self) -> None:
        self.articles = 1
        self.reads = 0
        self.reading = threading.Event()
        self.reading.set()

    def count(self) -> dict[str, int]:
        return {"articles": self.articles, "passages": 0, "quotes": 0}

    def all_quotes(self, articles: Any = None) -> list[Any]:
        self.reads += 1
        assert self.reading.wait(10)
        return []

    def list_articles(self) -> list[Any]:
        return []

    def all_passages(self) -> list[Any]:
        return []


def _wait_for(condition: Any) -> None:
    deadline = time.monotonic() + 10
    while not condition():
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture
def count_always(monkeypatch: pytest.MonkeyPatch) -> None:
    """Questions look for other processes' writes every time (not once a second)."""
    monkeypatch.setattr(index_holder, "COUNT_EVERY", 0.0)


def test_questions_look_for_other_writers_at_most_once_a_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = GrowingStore()
    counted = []
    monkeypatch.setattr(store, "count", lambda: counted.append(1) or GrowingStore.count(store))
    holder = IndexHolder(store)  # type: ignore[arg-type]
    first = holder.get()
    store.articles = 0  # removed by another process
    asked = [holder.get() for _ in range(50)]
    assert all(i is first for i in asked) and len(counted) <= 3  # the build's, and get()'s
    monkeypatch.setattr(index_holder, "COUNT_EVERY", 0.0)  # a second later, in effect
    assert holder.get() is not first


@pytest.mark.usefixtures("count_always")
def test_questions_are_answered_from_the_old_index_while_a_new_one_is_built() -> None:
    store = GrowingStore()
    holder = IndexHolder(store)  # type: ignore[arg-type]
    first = holder.get()
    store.articles, store.reading = 2, threading.Event()  # an ingest committed; reads are slow
    deadline = time.monotonic() + 10
    while store.reads < 2:  # questions go on coming; one of them starts the rebuild
        asked = time.monotonic()
        assert holder.get() is first and time.monotonic() - asked < 0.5  # none waits
        assert asked < deadline
        time.sleep(0.01)
    assert holder.get() is first  # still building: still the old index
    store.reading.set()
    _wait_for(lambda: holder.get() is not first)
    assert store.reads == 2  # one rebuild, however many questions came meanwhile


@pytest.mark.usefixtures("count_always")
def test_after_a_removal_the_next_question_waits_for_a_new_index() -> None:
    store = GrowingStore()
    holder = IndexHolder(store)  # type: ignore[arg-type]
    first = holder.get()
    store.articles = 0  # a count went down: something was removed
    assert holder.get() is not first and store.reads == 2
    holder.invalidate()
    assert store.reads == 2 and holder.get() is not first and store.reads == 3


def test_the_writers_next_question_sees_its_articles_and_not_removed_ones(
    tmp_path: Path,
) -> None:
    qc = Quotecheck()
    qc.ingest([SAMPLES])
    claim = 'Who said "the lighthouse keeper kept a ledger of every gull"?'
    assert not qc.ask(claim).quotes  # the index is built
    (tmp_path / "gulls.txt").write_text(
        "Gulls counted at Port Kelsey\nSource: Test Gazette\nDate: 2024-07-02\n\n"
        '"The lighthouse keeper kept a ledger of every gull," said Ada Quill, the warden.\n',
        encoding="utf-8",
    )
    added = qc.ingest([tmp_path / "gulls.txt"]).results[0].article_id
    assert qc.ask(claim).quotes[0].quote.speaker == "Ada Quill"
    qc.remove([added])
    assert not qc.ask(claim).quotes


def test_only_large_indexes_are_frozen_out_of_the_garbage_collector(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    gc.unfreeze()
    try:
        monkeypatch.setattr(index_holder, "FREEZE_ABOVE", 1)  # this store's 0 records: small
        IndexHolder(GrowingStore()).get()  # type: ignore[arg-type]
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        monkeypatch.setattr(index_holder, "FREEZE_ABOVE", 0)  # now every index is large
        IndexHolder(GrowingStore()).get()  # type: ignore[arg-type]
        assert gc.get_freeze_count() > 0 and gc.isenabled()
    finally:
        gc.unfreeze()
