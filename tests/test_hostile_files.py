"""Hostile files in a batch (issue 22): each is reported on its own, the rest are stored.

Deep JSON, a FIFO named like an article, a symlink loop, a link out of the folder, a
UTF-16 file: real files in ``tmp_path``, through the loaders, the CLI and the web upload.
"""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import Any

import pytest

from bot.cli import EXIT_FAILED, EXIT_OK, main
from bot.service import Quotecheck
from bot.web.callbacks import WebCallbacks
from ingest.config import load_settings
from ingest.loaders import iter_input_files, load_articles
from tests.test_hostile_input import no_hang

GOOD = "Harbour wall holds\nSource: Test Gazette\n\n“The wall held,” said Mara Quill.\n"
DEEP_JSON = "[" * 1000 + "]" * 1000
DEEP_LINE = '{"text": ' + "[" * 5000 + "]" * 5000 + "}"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    return folder


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    with no_hang(30):
        code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.mark.parametrize(
    ("name", "content", "line"),
    [
        ("deep.json", DEEP_JSON, None),
        ("deep.jsonl", json.dumps({"text": "Fine words."}) + "\n" + DEEP_LINE + "\n", 2),
    ],
)
def test_deep_json_is_one_error_naming_the_file(
    tmp_path: Path, name: str, content: str, line: int | None
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    loaded = load_articles(path)
    bad = [item for item in loaded if not item.ok]
    assert len(bad) == 1 and len(loaded) == (2 if line else 1)
    where = f"{path} line {line}" if line else str(path)
    assert bad[0].error.startswith(f"{where}: JSON nested deeper than 100 levels")
    assert "fix the file" in bad[0].error


def test_a_parser_failure_of_any_kind_stays_with_its_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ingest.loaders

    def explode(text: str, source: str) -> dict[str, str]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest.loaders, "parse_markdown", explode)
    path = tmp_path / "a.md"
    path.write_text("# Title\n\nBody.\n", encoding="utf-8")
    (item,) = load_articles(path)
    assert item.error.startswith(f"{path}: could not be read (RecursionError: maximum recursion")
    assert "report" in item.error


def test_cli_ingest_keeps_the_good_files_beside_deep_json(tmp_path: Path, capsys: Any) -> None:
    folder = _folder(tmp_path)
    (folder / "deep.json").write_text(DEEP_JSON, encoding="utf-8")
    (folder / "deep.jsonl").write_text(DEEP_LINE + "\n", encoding="utf-8")
    code, out, err = _cli(capsys, "--data-dir", str(tmp_path / "data"), "ingest", str(folder))
    assert code == EXIT_FAILED
    assert out.startswith("1 new, 0 updated, 0 unchanged, 2 failed")
    assert f"error: {folder / 'deep.json'}: JSON nested deeper" in err
    assert f"error: {folder / 'deep.jsonl'} line 1: JSON nested deeper" in err


def test_web_upload_keeps_the_good_file_beside_deep_json(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "deep.json").write_text(DEEP_JSON, encoding="utf-8")
    web = WebCallbacks(Quotecheck(load_settings(data_dir=tmp_path / "data")))
    rows = web.upload([str(folder / "good.txt"), str(folder / "deep.json")])
    by_name = {r[0]: r for r in rows}
    assert by_name["good.txt"][1] == "new"
    assert by_name["deep.json"][1] == "failed"
    error = by_name["deep.json"][5]
    assert error.startswith("deep.json: JSON nested deeper than 100 levels"), error


def test_web_upload_errors_name_the_file_without_a_stray_slash(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("  \n", encoding="utf-8")
    web = WebCallbacks(Quotecheck(load_settings(data_dir=tmp_path / "data")))
    (row,) = web.upload([str(bad)])
    assert row[5] == "empty.txt: file is empty; remove it or add the article text"


def _fifo(folder: Path) -> Path:
    fifo = folder / "x.txt"
    os.mkfifo(fifo)
    return fifo


def test_a_fifo_named_like_an_article_is_skipped_unopened(tmp_path: Path, capsys: Any) -> None:
    folder = _folder(tmp_path)
    fifo = _fifo(folder)
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(folder / "y.md"))
        code, out, err = _cli(capsys, "--data-dir", str(tmp_path / "data"), "ingest", str(folder))
    assert code == EXIT_FAILED and out.startswith("1 new, 0 updated, 0 unchanged, 2 failed")
    assert f"{fifo}: is a FIFO (named pipe), not a regular file; skipped unread" in err
    assert f"{folder / 'y.md'}: is a socket, not a regular file" in err
    (item,) = load_articles(fifo)  # named directly: the same, and no hang
    assert "is a FIFO (named pipe), not a regular file" in item.error


def test_a_symlink_loop_is_reported_and_the_batch_goes_on(tmp_path: Path, capsys: Any) -> None:
    folder = _folder(tmp_path)
    (folder / "a.txt").symlink_to("b.txt")
    (folder / "b.txt").symlink_to("a.txt")
    code, out, err = _cli(capsys, "--data-dir", str(tmp_path / "data"), "ingest", str(folder))
    assert code == EXIT_FAILED and out.startswith("1 new, 0 updated, 0 unchanged, 2 failed")
    assert f"{folder / 'a.txt'}: is a symbolic link loop; fix or remove the link" in err
    (item,) = load_articles(folder / "a.txt")
    assert "symbolic link loop" in item.error


def test_links_out_of_the_folder_only_with_follow_links(tmp_path: Path, capsys: Any) -> None:
    from ingest.inputs import find_input_files

    folder = _folder(tmp_path)
    outside = tmp_path / "secret.txt"
    outside.write_text("Private\n\n“Not for the store,” said Ada Vance.\n", encoding="utf-8")
    (folder / "passwd.txt").symlink_to(outside)
    (folder / "inside.txt").symlink_to(folder / "good.txt")  # stays inside: read once
    found = list(find_input_files([folder]))
    assert [f.path.name for f in found] == ["good.txt", "passwd.txt"]
    assert "links to a file outside" in found[1].skipped
    assert "--follow-links" in found[1].skipped
    assert list(iter_input_files([folder])) == [folder / "good.txt"]
    data = str(tmp_path / "data")
    code, out, err = _cli(capsys, "--data-dir", data, "ingest", str(folder))
    assert out.startswith("1 new, 0 updated, 0 unchanged, 1 failed")
    assert f"{folder / 'passwd.txt'}: links to a file outside {folder}" in err
    code, out, err = _cli(capsys, "--data-dir", data, "ingest", "--follow-links", str(folder))
    assert code == EXIT_OK and out.startswith("1 new, 0 updated, 1 unchanged, 0 failed"), err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_a_utf16_file_with_a_bom_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.txt"
    bom = {"utf-16-be": b"\xfe\xff"}.get(encoding, b"")
    path.write_bytes(bom + GOOD.encode(encoding))
    (item,) = load_articles(path)
    assert item.article is not None, item.error
    assert item.article.title == "Harbour wall holds"
    assert "said Mara Quill" in item.article.text


def test_a_deep_line_in_a_verify_batch_names_its_line(tmp_path: Path) -> None:
    from bot.web.uploads import read_verify_batch
    from ingest.errors import InputError

    batch = tmp_path / "batch.jsonl"
    batch.write_text('{"quote": "x"}\n' + DEEP_LINE + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"batch.jsonl line 2: JSON nested deeper than 100"):
        read_verify_batch(batch, "batch.jsonl")
