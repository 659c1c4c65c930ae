"""The bundled, fictional samples stay apart (issue 21, item 3): they load only on request
(``quotecheck serve --samples``; ``python app.py`` into a newcomer's empty store) and leave with
one command (``quotecheck remove --samples``) or the Library's button."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK, main
from bot.service import Quotecheck
from bot.web import serve
from bot.web.callbacks import WebCallbacks, load_samples
from ingest.config import load_settings

MINE = (
    "Ferry back on Monday\nSource: The Coastal Courier\nDate: 2024-05-06\n\n"
    '"The ferry runs again on Monday," said Edda Rusk, the harbour master.\n'
)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine" / "ferry.txt"
    path.parent.mkdir()
    path.write_text(MINE, encoding="utf-8")
    return path


def _service(tmp_path: Path) -> Quotecheck:
    return Quotecheck(load_settings(data_dir=tmp_path / "data", embed_model="fake"))


def test_samples_load_only_when_asked(tmp_path: Path, mine: Path) -> None:
    service = _service(tmp_path)
    assert load_samples(service, "never") is None
    assert service.list_articles() == []  # `quotecheck serve` alone: an empty store stays empty
    service.ingest([mine])
    assert load_samples(service, "if-empty") is None  # app.py: never into a store in use
    assert [a.title for a in service.list_articles()] == ["Ferry back on Monday"]
    summary = load_samples(service, "always")  # serve --samples: added beside the user's own
    assert summary is not None and summary.count("new") == 13
    assert len(service.sample_articles()) == 13 and len(service.list_articles()) == 14


def test_a_newcomers_empty_store_starts_on_the_samples(tmp_path: Path) -> None:
    summary = load_samples(_service(tmp_path), "if-empty")
    assert summary is not None and summary.count("new") == 13


def test_serve_loads_samples_only_with_the_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Any] = []
    monkeypatch.setattr(serve, "main", lambda settings, samples="never": asked.append(samples))
    assert main(["serve"]) == EXIT_OK
    assert main(["serve", "--samples"]) == EXIT_OK
    assert asked == ["never", "always"]


def test_app_py_starts_a_newcomer_on_the_samples(monkeypatch: pytest.MonkeyPatch) -> None:
    """``python app.py``, the README's first command."""
    asked: list[str] = []
    monkeypatch.setattr(serve, "main", lambda samples="never": asked.append(samples))
    assert serve.script() == 0
    assert asked == ["if-empty"]


def test_remove_samples_takes_every_sample_and_nothing_else(
    tmp_path: Path, mine: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = str(tmp_path / "data")
    assert run(capsys, "--data-dir", data, "ingest", str(mine))[0] == EXIT_OK
    load_samples(_service(tmp_path), "always")
    code, out, _ = run(capsys, "--data-dir", data, "remove", "--samples", "--json")
    removed = json.loads(out)
    assert code == EXIT_OK and len(removed) == 13 and all(removed.values())
    code, out, _ = run(capsys, "--data-dir", data, "list", "--json")
    assert [a["title"] for a in json.loads(out)] == ["Ferry back on Monday"]
    code, out, _ = run(capsys, "--data-dir", data, "remove", "--samples")
    assert code == EXIT_OK and "no sample articles in the store" in out


def test_remove_needs_ids_or_samples(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "remove")
    assert code == EXIT_ERROR and "--samples" in err and err.count("\n") == 1


def test_the_library_button_removes_the_samples(tmp_path: Path, mine: Path) -> None:
    service = _service(tmp_path)
    service.ingest([mine])
    load_samples(service, "always")
    web = WebCallbacks(service)
    assert web.has_samples() and "fictional samples" in web.stats_markdown()
    assert web.remove_samples() == "Removed the 13 fictional sample article(s)."
    assert not web.has_samples() and "fictional samples" not in web.stats_markdown()
    assert [row[3] for row in web.library()] == ["Ferry back on Monday"]
    assert web.remove_samples() == "There are no sample articles in the library."
