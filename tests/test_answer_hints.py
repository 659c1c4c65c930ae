"""The engine's own words in an answer over the sample corpus: its hints are never taken for
quotes, and a role that fits two people says whom it answers for (issue 21, item 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers.markdown import SAMPLE_MARK
from bot.service import Quotecheck
from bot.web.callbacks import WebCallbacks, load_samples_if_empty
from ingest.config import load_settings
from ingest.records import Article

SECOND_MAYOR = Article(
    id="fict-dunmere-harbour",
    title="Dunmere begins harbour wall repairs",
    outlet="The Coastal Courier",
    published="2024-04-02",
    text=(
        "Repairs to the harbour wall in Dunmere began on Monday, three weeks after a storm "
        "breached it in two places.\n\n"
        "“We will have the wall rebuilt before the autumn tides,” Mayor Ines Callow said at "
        "the quayside. “Every fishing family here depends on it.”\n\n"
        "The work is expected to cost £2 million."
    ),
)


def _service(data_dir: Path) -> Quotecheck:
    service = Quotecheck(load_settings({}, data_dir=data_dir, embed_model="fake"))
    summary = load_samples_if_empty(service)
    assert summary is not None and summary.count("new") == 13
    return service


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Quotecheck:
    return _service(tmp_path_factory.mktemp("hint-samples"))


def test_the_more_hint_is_kept_and_nothing_is_removed(samples: Quotecheck) -> None:
    answer = samples.ask("What did the mayor say?")
    assert "**Odile Fenwick**" in answer.markdown
    assert "4 more; ask *What else did they say?*" in answer.markdown
    assert "quote removed" not in answer.markdown and answer.removed == []


def test_the_follow_up_the_hint_suggests_answers(samples: Quotecheck) -> None:
    from bot.answers.question import Conversation

    conversation = Conversation()
    first = samples.ask("What did the mayor say?", conversation)
    more = samples.ask("What else did they say?", conversation)
    assert more.quotes and not {q.quote.id for q in more.quotes} & {
        q.quote.id for q in first.quotes
    }


def test_a_role_of_two_people_says_whom_it_answers_for(tmp_path: Path) -> None:
    service = _service(tmp_path / "data")
    assert service.ingest_articles([SECOND_MAYOR]).count("new") == 1
    answer = service.ask("What did the mayor say?")
    md = answer.markdown
    assert "*the mayor* may mean Odile Fenwick or Ines Callow" in md
    assert "these are the words of Odile Fenwick" in md
    assert "ask *What did Ines Callow say?*" in md
    assert "quote removed" not in md and answer.removed == []
    assert "Ines Callow" not in {q.quote.canonical_speaker for q in answer.quotes}
    callow = service.ask("What did Ines Callow say?")
    assert "may mean" not in callow.markdown
    assert "“We will have the wall rebuilt before the autumn tides” [1]" in callow.markdown


def test_answers_from_the_bundled_samples_say_they_are_fictional(tmp_path: Path) -> None:
    """The samples load into an empty store: an answer from them must not pass for news."""
    service = Quotecheck(load_settings(data_dir=tmp_path / "data", embed_model="fake"))
    load_samples_if_empty(service)
    answer = service.ask("What did Odile Fenwick say about the budget?")
    assert SAMPLE_MARK in answer.markdown
    assert "fictional samples" in WebCallbacks(service).stats_markdown()


def test_answers_from_loaded_articles_carry_no_sample_mark(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Ferry back on Monday\nSource: The Coastal Courier\nDate: 2024-05-06\n\n"
        '"The ferry runs again on Monday," said Edda Rusk, the harbour master.\n',
        encoding="utf-8",
    )
    service = Quotecheck(load_settings(data_dir=tmp_path / "data", embed_model="fake"))
    service.ingest([folder])
    answer = service.ask("What did Edda Rusk say?")
    assert "The Coastal Courier" in answer.markdown and SAMPLE_MARK not in answer.markdown
    assert "fictional samples" not in WebCallbacks(service).stats_markdown()


def test_unknown_outlet_date_and_the_sample_mark_once_per_source(samples: Quotecheck) -> None:
    """Two lines from one undated article without an outlet: the first says so and that it is
    a sample, the second names it by its title only (issue 21, item 2)."""
    answer = samples.ask("What did the mayor say?")
    md = answer.markdown
    undated = "*Mayor's plan to raid reserves splits Marrowford council*"
    assert md.count(undated) == 2
    assert md.count("unknown outlet, date unknown") == 1
    assert f"unknown outlet, date unknown, {undated}{SAMPLE_MARK}" in md
    assert f"({undated})" in md  # the later line
    assert md.count(SAMPLE_MARK) == len({c.article_id for c in answer.citations})


def test_a_verdict_says_an_articles_unknowns_once(samples: Quotecheck) -> None:
    verdict = samples.verify("The reserve is there for a rainy day", "Odile Fenwick")
    assert verdict.verdict == "verbatim"
    assert verdict.markdown.count("date unknown") == 1, verdict.markdown
