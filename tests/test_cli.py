"""The ``quotecheck`` command as a user runs it: output, JSON, exit codes, error lines."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, main
from tests.conftest import SAMPLES


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_list_show_search_remove(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "ingest", str(SAMPLES), "--json")
    summary = json.loads(out)
    assert code == EXIT_OK and summary["failed"] == 0 and summary["new"] >= 10

    code, out, _ = run(capsys, "list", "--json")
    articles = json.loads(out)
    assert len(articles) == summary["new"]
    assert {"id", "title", "outlet", "author", "published", "url", "passages", "quotes"} <= set(
        articles[0]
    )
    first = articles[0]["id"]

    code, out, _ = run(capsys, "show", first, "--json")
    shown = json.loads(out)
    assert shown["id"] == first and shown["text"]

    code, out, _ = run(capsys, "search", "dockworkers night shift pay", "-k", "3", "--json")
    hits = json.loads(out)
    assert code == EXIT_OK and len(hits) == 3
    texts = {
        a["id"]: json.loads(run(capsys, "show", a["id"], "--json")[1])["text"] for a in articles
    }
    for hit in hits:
        assert texts[hit["article_id"]][hit["start"] : hit["end"]] == hit["text"]

    code, out, _ = run(capsys, "remove", first)
    assert code == EXIT_OK and f"removed {first}" in out
    code, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == summary["new"] - 1


def test_search_filters_by_outlet_and_date(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(SAMPLES))
    _, out, _ = run(capsys, "search", "strike", "-k", "20", "--outlet", "northern wire", "--json")
    hits = json.loads(out)
    assert hits and {h["outlet"] for h in hits} == {"Northern Wire"}
    _, out, _ = run(capsys, "search", "strike", "-k", "50", "--since", "2024-05-01", "--json")
    assert all(h["published"] >= "2024-05-01" for h in json.loads(out))


def test_search_until_is_inclusive_and_drops_later_and_undated_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "ingest", str(SAMPLES))
    undated = tmp_path / "undated.txt"
    undated.write_text("Dock strike diary\n\nThe strike at the dock went on. Nobody knows when.\n")
    run(capsys, "ingest", str(undated))
    _, out, _ = run(capsys, "search", "strike", "-k", "50", "--json")
    every = {h["published"] for h in json.loads(out)}
    assert "2024-05-13" in every and "" in every  # the strike itself, and the undated diary
    code, out, _ = run(capsys, "search", "strike", "-k", "50", "--until", "2024-03-14", "--json")
    dated = [h["published"] for h in json.loads(out)]
    assert code == EXIT_OK and set(dated) == {"2024-02-28", "2024-03-14"}  # no unknown date
    _, out, _ = run(
        capsys,
        "search",
        "flood",
        "-k",
        "50",
        "--since",
        "2024-03-01",
        "--until",
        "March 31, 2024",
        "--json",
    )
    dated = {h["published"] for h in json.loads(out)}
    assert dated == {"2024-03-14", "2024-03-15", "2024-03-20"}


def test_failed_files_set_the_exit_code_and_name_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "good.txt").write_text("Title\n\nA sentence. Another one.")
    (tmp_path / "bad.jsonl").write_text('{"id": "x", "text": "ok text here."}\n{broken\n')
    code, out, err = run(capsys, "ingest", str(tmp_path))
    assert code == EXIT_FAILED
    assert "bad.jsonl line 2" in err
    assert "2 new" in out and "1 failed" in out


def test_mixed_batch_with_the_size_limit_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTECHECK_MAX_FILE_BYTES", "2000")
    batch = tmp_path / "batch"
    batch.mkdir()
    (batch / "good.txt").write_text("Harbour reopens\n\nThe harbour reopened on Monday.")
    (batch / "latin1.txt").write_bytes("Caf\u00e9 closes\n\nThe caf\u00e9 shut.".encode("latin-1"))
    (batch / "huge.txt").write_text("Long report\n\n" + "The tide came in. " * 200)
    code, out, _ = run(capsys, "ingest", str(batch), "--json")
    summary = json.loads(out)
    assert code == EXIT_FAILED
    assert (summary["new"], summary["failed"]) == (1, 2)
    errors = {Path(e["source"]).name: e["error"] for e in summary["errors"]}
    assert set(errors) == {"latin1.txt", "huge.txt"}
    assert "latin1.txt" in errors["latin1.txt"] and "is not valid UTF-8" in errors["latin1.txt"]
    assert "huge.txt" in errors["huge.txt"]
    assert "over the limit of 2,000 bytes" in errors["huge.txt"]
    assert "QUOTECHECK_MAX_FILE_BYTES" in errors["huge.txt"]
    _, out, _ = run(capsys, "list", "--json")
    assert [a["title"] for a in json.loads(out)] == ["Harbour reopens"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["show", "no-such-id"], "no article with id 'no-such-id'"),
        (["search", "x", "--since", "someday"], "cannot read the date 'someday'"),
        (["search", "   "], "search text is empty"),
    ],
)
def test_errors_are_one_line(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == EXIT_ERROR
    assert message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_remove_unknown_id_fails(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "remove", "ghost")
    assert code == EXIT_FAILED and "ghost" in err


def test_data_dir_flag_overrides_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "elsewhere"
    (tmp_path / "a.txt").write_text("Title\n\nSome words. More words.")
    run(capsys, "--data-dir", str(other), "ingest", str(tmp_path / "a.txt"))
    assert (other / "chroma").is_dir()
    _, out, _ = run(capsys, "stats", "--json")
    assert json.loads(out)["articles"] == 0


def test_quotes_by_any_spelling_and_the_speaker_index(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "ingest", str(SAMPLES))
    _, out, _ = run(capsys, "speakers", "--json")
    speakers = json.loads(out)
    fenwick = next(s for s in speakers if "Odile Fenwick" in s["aliases"])
    assert "Odile Fenwicke" in fenwick["aliases"]  # the Northern Wire spelling, grouped
    for spelling in ("Fenwick", "Odile Fenwicke", "fenwik"):
        code, out, _ = run(capsys, "quotes", "--speaker", spelling, "--json")
        rows = json.loads(out)
        assert code == EXIT_OK and rows
        said = {r.get("linked_speaker") or r["canonical_speaker"] for r in rows}
        assert said <= set(fenwick["aliases"])
        assert {r["outlet"] for r in rows} >= {"The Daily Ledger", "Northern Wire"}
        # the dam review says only "The city's mayor"; Northern Wire named her elsewhere
        linked = [r for r in rows if r["article_id"] == "nw-20240320-dam-review"]
        assert [(r["speaker"], r["link"]) for r in linked] == [
            ("The city's mayor", "named in another Northern Wire article")
        ]
    code, _, err = run(capsys, "quotes", "--speaker", "Nobody Anywhere")
    assert code == EXIT_ERROR and "quotecheck speakers" in err


def test_extract_and_eval_quotes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = '"The bridge stays shut," said Nora Tell, the county engineer.'
    gold = {
        "id": "g1",
        "text": text,
        "quotes": [
            {
                "quote": "The bridge stays shut,",
                "start": 1,
                "end": 23,
                "kind": "direct",
                "speaker": "Nora Tell",
                "speaker_resolution": "as_written",
            }
        ],
    }
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(json.dumps(gold) + "\n")
    out_path = tmp_path / "pred.jsonl"
    code, _, _ = run(capsys, "extract", str(gold_path), "--out", str(out_path))
    assert code == EXIT_OK
    (pred,) = [json.loads(line) for line in out_path.read_text().splitlines()]
    (quote,) = pred["quotes"]
    assert quote["quote"].rstrip(",") == "The bridge stays shut" and quote["speaker"] == "Nora Tell"
    assert text[quote["start"] : quote["end"]] == quote["quote"]
    code, out, _ = run(capsys, "eval-quotes", str(gold_path), "--pred", str(out_path), "--json")
    report = json.loads(out)
    assert code == EXIT_OK and report["articles"] == 1
    assert report["overlap"]["direct"]["f1"] == 1.0
    assert report["speaker_accuracy"]["direct"] == {"accuracy": 1.0, "n": 1}


def test_a_long_article_reports_its_embedding_as_it_goes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A big file is minutes of embedding: the CLI says how far it is (plain lines when
    stderr is no terminal), not only when it ends."""
    sentences = [
        f"The ferry board of Lowbridge met for session number {i} today." for i in range(3000)
    ]
    paragraphs = ["\n".join(sentences[i : i + 5]) for i in range(0, len(sentences), 5)]
    big = tmp_path / "minutes.txt"
    big.write_text("Title: Ferry board minutes\n\n" + "\n\n".join(paragraphs), encoding="utf-8")
    code, _, err = run(capsys, "ingest", str(big))
    assert code == EXIT_OK, err
    reports = [line for line in err.splitlines() if "texts embedded" in line]
    assert reports, err
    done, total = (int(x.replace(",", "")) for x in reports[-1].split()[0:3:2])
    assert done == total and total > 256


@pytest.mark.parametrize(
    ("terminal", "flags", "shown"),
    [
        pytest.param(True, [], "bar", id="terminal-bar"),
        pytest.param(False, [], "lines", id="pipe-lines"),
        pytest.param(True, ["--quiet"], None, id="terminal-quiet"),
        pytest.param(False, ["-q"], None, id="pipe-quiet"),
        pytest.param(True, ["--json"], None, id="terminal-json"),
    ],
)
def test_ingest_progress_is_a_bar_on_a_terminal_lines_on_a_pipe_none_when_quiet(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    terminal: bool,
    flags: list[str],
    shown: str | None,
) -> None:
    monkeypatch.setattr(sys.stderr, "isatty", lambda: terminal)
    code, out, err = run(capsys, "ingest", str(SAMPLES), *flags)
    assert code == EXIT_OK, err
    bar = re.search(r"\b(\d+)/\1 \[.*file/s", err) is not None  # tqdm's last frame
    lines = re.search(r"^(\d+) of \1 files read$", err, re.M) is not None
    assert (bar, lines) == (shown == "bar", shown == "lines"), err
    if shown is None:
        assert err == ""  # the summary (or the JSON) still goes to stdout
        assert out.strip()
