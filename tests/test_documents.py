"""PDF and Word files (issue 21, item 1): fields, text and page offsets, the page of every
citation in the answers, the source card and the JSON, and each broken file as its own
error in a batch. Every file is made here (``tests.doc_files``); people and outlets are
fictional."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_FAILED, main
from bot.service import Quotecheck
from bot.web.html import citation_html
from ingest.config import load_settings
from ingest.documents import unwrap_lines
from ingest.loaders import load_articles
from ingest.records import Article, page_at
from tests.doc_files import make_docx, make_pdf, paginate
from tests.test_hostile_input import no_hang

PAGE_1 = [
    "Dunmere harbour wall to be rebuilt",
    "Source: The Coastal Courier",
    "Date: 2 April 2024",
    "By: Marit Solvang",
    "Repairs to the harbour wall in Dunmere began on Monday, three weeks after a storm "
    "breached it in two places and flooded the fish market.",
    "“We will have the wall rebuilt before the autumn tides,” Mayor Ines Callow said at "
    "the quayside.",
]
PAGE_2 = [
    "The council’s engineer, Oskar Brandvold, said the first phase would cost £2 million "
    "(about half of the total).",
    "“Every stone we lift tells us how old this wall is,” Brandvold said.",
]
PAGE_3 = ["“Nobody will be charged for the berths this winter,” Callow told the council."]


def _pdf(tmp_path: Path, name: str = "harbour.pdf", **kwargs: Any) -> Path:
    path = tmp_path / name
    path.write_bytes(make_pdf([PAGE_1, PAGE_2, [], PAGE_3], **kwargs))
    return path


def _one(path: Path) -> Article:
    loaded = load_articles(path)
    assert len(loaded) == 1 and loaded[0].error == "", loaded
    assert loaded[0].article is not None
    return loaded[0].article


def _error(path: Path) -> str:
    loaded = load_articles(path)
    assert len(loaded) == 1 and loaded[0].article is None, loaded
    assert loaded[0].error.startswith(f"{path}: ")
    return loaded[0].error


# -- PDF -----------------------------------------------------------------------------------


def test_pdf_fields_text_and_page_starts(tmp_path: Path) -> None:
    a = _one(_pdf(tmp_path))
    assert (a.title, a.outlet, a.published, a.author) == (
        "Dunmere harbour wall to be rebuilt",
        "The Coastal Courier",
        "2024-04-02",
        "Marit Solvang",
    )
    assert a.text.startswith("Repairs to the harbour wall in Dunmere began on Monday")
    assert len(a.page_starts) == 4  # the empty third page too
    assert a.text[a.page_starts[1] :].startswith("The council’s engineer, Oskar Brandvold")
    assert a.text[a.page_starts[3] :].startswith("“Nobody will be charged for the berths")
    assert a.page_starts[2] == a.page_starts[3]  # no offset is ever on the empty page
    at = a.text.index("Every stone we lift")
    assert page_at(a.page_starts, at) == 2
    assert page_at(a.page_starts, a.text.index("Nobody will")) == 4
    assert page_at(a.page_starts, 0) == 1 and page_at((), 5) is None
    assert "£2 million (about half of the total)" in " ".join(a.text.split())


def test_pdf_quotes_cite_their_page_in_answers_cards_and_json(tmp_path: Path) -> None:
    service = Quotecheck(load_settings({}, data_dir=tmp_path / "data", embed_model="fake"))
    summary = service.ingest([_pdf(tmp_path)])
    assert summary.count("new") == 1, summary.as_dict()
    (info,) = service.list_articles()
    assert info.as_dict()["pages"] == 4 and "page_starts" not in info.as_dict()

    answer = service.ask("What did Ines Callow say?")
    pages = {q["quote"]: q.get("page") for q in answer.as_dict()["quotes"]}
    assert pages == {
        "We will have the wall rebuilt before the autumn tides": 1,
        "Nobody will be charged for the berths this winter": 4,
    }
    cited = {c["text"]: c["page"] for c in answer.as_dict()["citations"]}
    assert cited["Nobody will be charged for the berths this winter"] == 4
    text = service.get_article(info.id).text  # type: ignore[union-attr]
    card = citation_html(1, answer.citations[-1], text)
    assert re.search(r"page 4, characters \d+–\d+", card)

    verdict = service.verify("Every stone we lift tells us how old this wall is", "Brandvold")
    assert verdict.verdict == "verbatim"
    assert verdict.as_dict()["evidence"][0]["page"] == 2


def test_a_text_file_has_no_page(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Wall\nSource: The Coastal Courier\n\n“It held,” said Ines Callow.\n", "utf-8")
    service = Quotecheck(load_settings({}, data_dir=tmp_path / "data", embed_model="fake"))
    service.ingest([path])
    answer = service.ask("What did Ines Callow say?").as_dict()
    assert answer["quotes"] and "page" not in answer["quotes"][0]
    assert "page" not in answer["citations"][0]


def test_a_scanned_pdf_says_it_has_no_text_layer(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[], []]))
    error = _error(path)
    assert "has no text layer" in error and "OCR it first" in error


def test_an_encrypted_pdf_is_its_own_error(tmp_path: Path) -> None:
    error = _error(_pdf(tmp_path, "locked.pdf", password="s3cret"))
    assert "encrypted (password-protected) PDF" in error


def test_an_encrypted_pdf_with_no_user_password_is_read(tmp_path: Path) -> None:
    path = tmp_path / "owner-only.pdf"
    path.write_bytes(make_pdf([PAGE_1], password=""))
    assert _one(path).outlet == "The Coastal Courier"


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.4\n1 0 obj << /Type /Catalog", b"not a pdf at all", b"%PDF-1.7\n" + b"\xff" * 300],
)
def test_a_broken_pdf_is_its_own_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with no_hang(20):
        error = _error(path)
    assert "PDF" in error or "could not be read" in error


def test_bad_pdfs_never_stop_the_batch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _pdf(folder, "good.pdf")
    (folder / "scan.pdf").write_bytes(make_pdf([[]]))
    _pdf(folder, "locked.pdf", password="s3cret")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4\ngarbage")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    with no_hang(60):
        code = main(["--data-dir", str(tmp_path / "data"), "ingest", str(folder), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == EXIT_FAILED
    assert (summary["new"], summary["failed"]) == (1, 4)
    errors = {Path(e["source"]).name: e["error"] for e in summary["errors"]}
    assert "has no text layer" in errors["scan.pdf"]
    assert "encrypted" in errors["locked.pdf"]
    assert "not a readable PDF" in errors["broken.pdf"]
    assert "not a readable Word .docx file" in errors["broken.docx"]


def test_pdf_text_quality_words_recovered(tmp_path: Path) -> None:
    """A 5-page PDF of wrapped paragraphs: every word written is read back, in order."""
    paragraphs = [
        f"Paragraph {n}: the harbour board of Dunmere met on day {n} and “agreed, on balance, "
        f"that berth {n} (the old one) would reopen,” said Councillor Edda Rusk-Havel; the "
        "vote followed a long debate about costs, tides and the fishing fleet’s future."
        for n in range(1, 41)
    ]
    path = tmp_path / "long.pdf"
    path.write_bytes(make_pdf([["Harbour board minutes"], *paginate(paragraphs)]))
    a = _one(path)
    assert len(a.page_starts) >= 5
    written = " ".join(paragraphs).split()
    assert a.text.split() == written


def test_layout_line_breaks_are_joined_and_paragraphs_kept() -> None:
    page = "“We will,” Mayor Ines\nCallow said of the fish-\nmarket.\n\nA new paragraph."
    assert unwrap_lines(page) == (
        "“We will,” Mayor Ines Callow said of the fish-market.\n\nA new paragraph."
    )


# -- Word ----------------------------------------------------------------------------------


def test_docx_fields_and_quotes(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "release.docx",
        [
            "Ferry timetable restored",
            "Source: Dunmere Harbour Board",
            "Date: 2024-05-06",
            "The winter ferry timetable returns on Monday.",
            "“Passengers asked for the early sailing back, and they have it,” said Edda Rusk.",
        ],
    )
    a = _one(path)
    assert (a.title, a.outlet, a.published) == (
        "Ferry timetable restored",
        "Dunmere Harbour Board",
        "2024-05-06",
    )
    assert a.text == (
        "The winter ferry timetable returns on Monday.\n\n"
        "“Passengers asked for the early sailing back, and they have it,” said Edda Rusk."
    )
    assert a.page_starts == ()
    service = Quotecheck(load_settings({}, data_dir=tmp_path / "data", embed_model="fake"))
    service.ingest([path])
    quotes = service.ask("What did Edda Rusk say?").as_dict()["quotes"]
    assert [q["quote"] for q in quotes] == [
        "Passengers asked for the early sailing back, and they have it"
    ]


def test_an_empty_docx_is_its_own_error(tmp_path: Path) -> None:
    error = _error(make_docx(tmp_path / "empty.docx", []))
    assert "has no text in its paragraphs" in error


def test_web_upload_takes_a_pdf_and_a_docx(tmp_path: Path) -> None:
    from bot.web.callbacks import WebCallbacks

    scan = tmp_path / "scan.pdf"
    scan.write_bytes(make_pdf([[]]))
    docx_file = make_docx(tmp_path / "note.docx", ["Note", "“We sail at six,” said Edda Rusk."])
    web = WebCallbacks(Quotecheck(load_settings(data_dir=tmp_path / "data")))
    rows = web.upload([str(_pdf(tmp_path)), str(docx_file), str(scan)])
    by_name = {r[0]: r for r in rows}
    assert by_name["harbour.pdf"][1] == "new" and by_name["note.docx"][1] == "new"
    assert by_name["scan.pdf"][1] == "failed"
    assert by_name["scan.pdf"][5].startswith("scan.pdf: has no text layer")
