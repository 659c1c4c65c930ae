"""Text that is not English gets a note that questions and articles are read as English
(issue 21, item 7): a cheap test of scripts and function words, never a model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import EXIT_OK, main
from bot.service import Quotecheck
from bot.web.callbacks import WebCallbacks
from ingest.config import load_settings
from ingest.language import other_language
from ingest.loaders import load_articles
from tests.conftest import SAMPLES


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¿Quién dijo que las compuertas nunca fueron diseñadas para esto?", "Spanish"),
        ("Qui a dit que les vannes n'ont jamais été conçues pour cela ?", "French"),
        ("Wer hat gesagt, dass die Schleusentore nie dafür gebaut wurden?", "German"),
        ("Chi ha detto che le paratoie non sono mai state progettate per questo?", "Italian"),
        ("Quem disse que as comportas nunca foram projetadas para isso?", "Portuguese"),
        ("Wie zei dat de sluizen hier nooit voor ontworpen waren?", "Dutch"),
        ("Кто сказал, что шлюзы не были рассчитаны на это?", "text in Cyrillic script"),
        ("誰がそう言いましたか", "Japanese"),
        ("谁说的", "Chinese"),
        ("누가 그렇게 말했습니까?", "Korean"),
        # English, whatever names and words from elsewhere it carries: nothing to say
        ("Who said that the sluice gates were never designed for this?", ""),
        ("What did Le Monde say about Jean de La Fontaine?", ""),
        ("What did the El Paso mayor say about the budget?", ""),
        ('Did Declan Morrow say "We will not be moved"?', ""),
        ("Was Mayor Müller right?", ""),
        ("hello", ""),
        ("", ""),
        ("2024-03-14", ""),
    ],
)
def test_other_language(text: str, expected: str) -> None:
    assert other_language(text) == expected


def test_no_sample_article_is_taken_for_another_language() -> None:
    for path in sorted(SAMPLES.iterdir()):
        for loaded in load_articles(path):
            assert loaded.article is not None
            assert other_language(loaded.article.text) == "", path.name


FRENCH = (
    "Les vannes de Marrowford\nSource: Le Courrier\nDate: 2024-03-15\n\n"
    "« Les vannes n'ont jamais été conçues pour cela », a dit l'ingénieure Priya Nandakumar "
    "devant le conseil. Elle a ajouté que la ville devait agir avant l'hiver, selon elle, "
    "et que les habitants du quai avaient été prévenus trop tard.\n"
)
ENGLISH = (
    "Ferry back on Monday\nSource: The Coastal Courier\nDate: 2024-05-06\n\n"
    '"The ferry runs again on Monday," said Edda Rusk, the harbour master.\n'
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "vannes.txt").write_text(FRENCH, encoding="utf-8")
    (tmp_path / "in" / "ferry.txt").write_text(ENGLISH, encoding="utf-8")
    return tmp_path / "in"


def test_an_ingest_notes_an_article_that_is_not_english(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest", str(folder), "--json"]) == EXIT_OK
    summary = json.loads(capsys.readouterr().out)
    assert summary["new"] == 2 and summary["errors"] == []
    (note,) = summary["notes"]
    assert note["source"].endswith("vannes.txt")
    assert "looks like French" in note["note"] and "reads articles as English" in note["note"]
    assert main(["ingest", str(folder)]) == EXIT_OK  # unchanged, and still said
    err = capsys.readouterr().err
    assert err.count("note:") == 1 and "vannes.txt" in err and "looks like French" in err


def test_an_english_ingest_has_no_notes_key(tmp_path: Path) -> None:
    (tmp_path / "ferry.txt").write_text(ENGLISH, encoding="utf-8")
    service = Quotecheck(load_settings(data_dir=tmp_path / "data", embed_model="fake"))
    assert "notes" not in service.ingest([tmp_path / "ferry.txt"]).as_dict()


def test_the_upload_table_shows_the_note(folder: Path, tmp_path: Path) -> None:
    web = WebCallbacks(Quotecheck(load_settings(data_dir=tmp_path / "d", embed_model="fake")))
    rows = {row[0]: row for row in web.upload([str(p) for p in sorted(folder.iterdir())])}
    assert rows["vannes.txt"][1] == "new" and "looks like French" in rows["vannes.txt"][5]
    assert rows["ferry.txt"][5] == ""


def test_a_question_in_another_language_says_it_is_read_as_english(tmp_path: Path) -> None:
    service = Quotecheck(load_settings(data_dir=tmp_path / "data", embed_model="fake"))
    service.load_samples()
    answer = service.ask("¿Quién dijo que las compuertas nunca fueron diseñadas para esto?")
    assert answer.markdown.startswith("*This question looks like Spanish.")
    assert "reads questions and articles as English" in answer.markdown
    assert (
        "looks like" not in service.ask("Who said the sluice gates were never designed?").markdown
    )
    assert set(answer.as_dict()) == {"question", "intent", "answer", "quotes", "citations"}
