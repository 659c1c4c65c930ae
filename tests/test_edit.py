"""Editable metadata (issue 21, item 2): ``quotecheck edit`` re-versions an article through
the write protocol; text and offsets stay, quotes, passages, answers and provenance follow
the new outlet and date, the old version is gone, and bad input names its field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK
from bot.service import Quotecheck
from ingest.config import load_settings
from ingest.edits import MetadataEdit
from ingest.errors import QuotecheckError
from tests.doc_files import make_pdf
from tests.test_cli import run

UNDATED = (
    "Ferry timetable restored\n\n"
    "The winter ferry timetable returns on Monday.\n\n"
    "“Passengers asked for the early sailing back, and they have it,” said Edda Rusk, "
    "who chairs the Dunmere harbour board.\n"
)
SAID = "Passengers asked for the early sailing back, and they have it"


@pytest.fixture
def article_id(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    path = tmp_path / "ferry.txt"
    path.write_text(UNDATED, encoding="utf-8")
    code, out, _ = run(capsys, "ingest", str(path), "--json")
    assert code == EXIT_OK and json.loads(out)["new"] == 1
    (info,) = json.loads(run(capsys, "list", "--json")[1])
    assert (info["outlet"], info["published"]) == ("", "")
    return str(info["id"])


def _verify(capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    code, out, _ = run(capsys, "verify", SAID, "--speaker", "Edda Rusk", "--json")
    assert code == EXIT_OK
    return dict(json.loads(out))


def test_edit_re_versions_and_show_list_verify_follow(
    article_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    before = json.loads(run(capsys, "show", article_id, "--json")[1])
    old_evidence = _verify(capsys)["evidence"][0]  # type: ignore[index]
    code, out, err = run(
        capsys,
        "edit",
        article_id,
        "--outlet",
        "The Coastal Courier",
        "--published",
        "6 May 2024",
        "--title",
        "Early ferry back from Monday",
        "--author",
        "By Marit Solvang",
        "--url",
        "https://coastal-courier.example/ferry",
        "--json",
    )
    assert (code, err) == (EXIT_OK, "")
    assert json.loads(out) == {
        "status": "updated",
        "id": article_id,
        "title": "Early ferry back from Monday",
        "outlet": "The Coastal Courier",
        "author": "Marit Solvang",
        "published": "2024-05-06",
        "url": "https://coastal-courier.example/ferry",
    }
    shown = json.loads(run(capsys, "show", article_id, "--json")[1])
    assert (shown["outlet"], shown["published"], shown["title"]) == (
        "The Coastal Courier",
        "2024-05-06",
        "Early ferry back from Monday",
    )
    assert shown["text"] == before["text"] and shown["id"] == before["id"]
    assert shown["content_hash"] != before["content_hash"]
    listed = json.loads(run(capsys, "list", "--json")[1])
    assert [(a["id"], a["outlet"], a["published"]) for a in listed] == [
        (article_id, "The Coastal Courier", "2024-05-06")
    ]
    verdict = _verify(capsys)
    assert verdict["verdict"] == "verbatim"
    evidence = verdict["evidence"][0]  # type: ignore[index]
    assert (evidence["outlet"], evidence["published"]) == ("The Coastal Courier", "2024-05-06")
    assert (evidence["start"], evidence["end"]) == (old_evidence["start"], old_evidence["end"])
    provenance = verdict["provenance"][0]  # type: ignore[index]
    assert (provenance["outlet"], provenance["url"]) == (
        "The Coastal Courier",
        "https://coastal-courier.example/ferry",
    )
    code, out, _ = run(capsys, "ask", "What did Edda Rusk say?")
    assert "The Coastal Courier, 2024-05-06, *Early ferry back from Monday*" in out
    assert "unknown outlet" not in out


def test_the_old_version_is_gone(article_id: str, capsys: pytest.CaptureFixture[str]) -> None:
    service = Quotecheck(load_settings())
    old = service.store.current_version(article_id)
    counts = service.store.count()
    _, result = service.edit(article_id, MetadataEdit(outlet="The Coastal Courier"))
    assert result.status == "updated"
    new = service.store.current_version(article_id)
    assert new != old and service.store.count() == counts
    for col in (service.store.passages, service.store.quotes):
        versions = {m["version"] for m in col.get(include=["metadatas"])["metadatas"] or []}
        outlets = {m["outlet"] for m in col.get(include=["metadatas"])["metadatas"] or []}
        assert versions == {new} and outlets == {"The Coastal Courier"}
    assert service.store.repair() == 0
    _, again = service.edit(article_id, MetadataEdit(outlet="The Coastal Courier"))
    assert again.status == "unchanged"


def test_an_edit_keeps_a_pdfs_pages(tmp_path: Path) -> None:
    path = tmp_path / "note.pdf"
    path.write_bytes(make_pdf([["Note", "Intro line."], ["“We sail at six,” said Edda Rusk."]]))
    service = Quotecheck(load_settings())
    service.ingest([path])
    (info,) = service.list_articles()
    article, _ = service.edit(info.id, MetadataEdit(published="2024-05-06"))
    assert article.page_starts == service.get_article(info.id).page_starts  # type: ignore[union-attr]
    quote = service.ask("What did Edda Rusk say?").as_dict()["quotes"][0]
    assert (quote["page"], quote["published"]) == (2, "2024-05-06")


@pytest.mark.parametrize(
    ("flags", "field", "words"),
    [
        (["--published", "sometime in spring"], "published", "is not a date; give it as YYYY"),
        (["--published", "2024-02-30"], "published", "is not a date"),
        (["--url", "ftp://coastal.example/x"], "url", "is not an http:// or https:// address"),
        (["--url", "javascript:alert(1)"], "url", "is not an http:// or https:// address"),
        (["--title", "  "], "title", "is empty"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    article_id: str, capsys: pytest.CaptureFixture[str], flags: list[str], field: str, words: str
) -> None:
    code, out, err = run(capsys, "edit", article_id, *flags)
    assert code == EXIT_ERROR and out == ""
    assert err.startswith(f"error: field '{field}': ") and words in err
    assert err.count("\n") == 1
    shown = json.loads(run(capsys, "show", article_id, "--json")[1])
    assert (shown["outlet"], shown["published"], shown["title"]) == (
        "",
        "",
        "Ferry timetable restored",
    )


def test_an_unknown_id_or_no_change_is_one_line(
    article_id: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "edit", "no-such-id", "--outlet", "X")
    assert code == EXIT_ERROR
    assert err == "error: no article with id 'no-such-id'; `quotecheck list` shows the ids\n"
    code, _, err = run(capsys, "edit", article_id)
    assert code == EXIT_ERROR and "nothing to change; give at least one of --outlet" in err


def test_clearing_a_field_with_an_empty_value(article_id: str) -> None:
    service = Quotecheck(load_settings())
    service.edit(article_id, MetadataEdit(outlet="X", published="2024-01-02"))
    article, _ = service.edit(article_id, MetadataEdit(outlet="", published=""))
    assert (article.outlet, article.published) == ("", "")
    with pytest.raises(QuotecheckError, match="field 'title'"):
        service.edit(article_id, MetadataEdit(title=""))


def test_the_library_edit_form(article_id: str) -> None:
    from bot.web.callbacks import WebCallbacks

    web = WebCallbacks(Quotecheck(load_settings()))
    assert web.article_fields(article_id) == ("", "", "Ferry timetable restored", "", "")
    assert web.article_fields(None) == ("", "", "", "", "")
    note = web.edit(article_id, "The <b>Coastal</b> Courier", "2024-05-06", "Ferry back", "", "")
    assert note == "Saved: Ferry back · The &#60;b&#62;Coastal&#60;/b&#62; Courier · 2024-05-06."
    row = next(r for r in web.library() if r[0] == article_id)
    assert row[1:4] == ["The <b>Coastal</b> Courier", "2024-05-06", "Ferry back"]
    unchanged = web.edit(
        article_id, "The <b>Coastal</b> Courier", "2024-05-06", "Ferry back", "", ""
    )
    assert unchanged.startswith("Nothing to save")
    with pytest.raises(QuotecheckError, match="field 'published'"):
        web.edit(article_id, "X", "next week", "Ferry back", "", "")
    with pytest.raises(QuotecheckError, match="pick the article"):
        web.edit(None, "X", "", "T", "", "")
