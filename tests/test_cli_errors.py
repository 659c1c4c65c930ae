"""How ``quotecheck`` fails, and where its shared options go: one line per error, the
traceback only with ``--verbose``, bad ``-k`` refused up front, options before or after the
command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_OK, main
from tests.test_cli import run


@pytest.fixture
def broken_stats(monkeypatch: pytest.MonkeyPatch) -> None:
    """``stats`` fails the way a bug or a library failure would: not a QuotecheckError."""

    def boom(self: object) -> dict[str, int]:
        raise RuntimeError("disk on\nfire")

    monkeypatch.setattr("bot.service.Quotecheck.stats", boom)


@pytest.mark.usefixtures("broken_stats")
def test_unexpected_error_is_one_line_with_a_hint(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "stats")
    assert code == EXIT_ERROR and out == ""
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("error: quotecheck stats failed")
    assert "RuntimeError: disk on fire" in err
    assert "run with --verbose for the traceback" in err


@pytest.mark.usefixtures("broken_stats")
@pytest.mark.parametrize("argv", [["--verbose", "stats"], ["stats", "--verbose"]])
def test_verbose_shows_the_traceback_of_an_unexpected_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == EXIT_ERROR
    assert err.startswith("Traceback (most recent call last):")
    assert 'raise RuntimeError("disk on\\nfire")' in err  # the line that failed, from its frame
    assert err.rstrip().splitlines()[-1].startswith("error: quotecheck stats failed")
    assert "run with --verbose" not in err


@pytest.mark.parametrize("argv", [["--verbose", "show", "ghost"], ["show", "ghost", "--verbose"]])
def test_verbose_shows_the_traceback_of_a_reported_error(
    capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == EXIT_ERROR
    assert "Traceback (most recent call last):" in err and "QuotecheckError" in err
    assert err.rstrip().splitlines()[-1] == (
        "error: no article with id 'ghost'; `quotecheck list` shows the ids"
    )


@pytest.mark.parametrize(
    ("k", "message"),
    [
        ("0", "argument -k: must be 1 or more, got 0"),
        ("-3", "argument -k: must be 1 or more, got -3"),
        ("many", "argument -k: 'many' is not a whole number"),
    ],
)
def test_search_k_must_be_positive(
    capsys: pytest.CaptureFixture[str], k: str, message: str
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "strike", "-k", k])
    assert exit_info.value.code == EXIT_ERROR
    err = capsys.readouterr().err
    assert err.rstrip().splitlines()[-1] == f"quotecheck search: error: {message}"
    assert "damaged" not in err


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_before_or_after_the_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    other = tmp_path / "elsewhere"
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nSome words. More words.")
    option = ["--data-dir", str(other)]

    def argv(*command: str) -> list[str]:
        return option + list(command) if where == "before" else list(command) + option

    code, _, _ = run(capsys, *argv("ingest", str(article)))
    assert code == EXIT_OK and (other / "chroma").is_dir()
    _, out, _ = run(capsys, *argv("stats", "--json"))
    assert json.loads(out)["articles"] == 1
    _, out, _ = run(capsys, "stats", "--json")  # the environment's data dir is untouched
    assert json.loads(out)["articles"] == 0


def test_data_dir_after_the_command_wins_over_before(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Title\n\nSome words. More words.")
    first, second = tmp_path / "first", tmp_path / "second"
    run(capsys, "--data-dir", str(first), "ingest", str(article), "--data-dir", str(second))
    assert (second / "chroma").is_dir() and not first.exists()
