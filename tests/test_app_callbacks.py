"""The web app's callbacks without a browser: fake embedder, the sample corpus, a temp store."""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.service import Quotecheck
from bot.web.callbacks import ChatSession, WebCallbacks, load_samples_if_empty
from bot.web.uploads import read_verify_batch, stage_uploads
from ingest.config import load_settings, parse_auth
from ingest.errors import ConfigError, InputError, QuotecheckError

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> WebCallbacks:
    settings = load_settings({}, data_dir=tmp_path_factory.mktemp("web-data"), embed_model="fake")
    service = Quotecheck(settings)
    summary = load_samples_if_empty(service)
    assert summary is not None and summary.count("new") == 13
    assert load_samples_if_empty(service) is None  # only into an empty store
    return WebCallbacks(service)


def test_importing_app_opens_nothing(tmp_path: Path) -> None:
    data = tmp_path / "store"
    code = (
        "import sys, app, bot.web.layout as layout, bot.web.serve as serve; "
        "assert 'sentence_transformers' not in sys.modules, 'model loaded on import'; "
        "assert not any(k.startswith('torch') for k in sys.modules), 'torch on import'; "
        "import types; "
        "mutable = [k for m in (app, layout, serve) for k, v in vars(m).items() "
        "if not k.startswith('__') and isinstance(v, (list, dict, set))]; "
        "assert not mutable, mutable"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "QUOTECHECK_DATA_DIR": str(data)}
    subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, check=True)
    assert not data.exists() and not (tmp_path / "data").exists(), "a store was opened on import"


def test_build_app_has_the_five_tabs_and_api_endpoints(web: WebCallbacks) -> None:
    from bot.web.layout import build_app

    demo = build_app(web.service)
    config = demo.get_config_file()
    labels = {c.get("props", {}).get("label") for c in config["components"]}
    assert {"Chat", "Verify a quote", "Compare accounts", "Library", "Speakers"} <= labels
    names = {d.get("api_name") for d in config["dependencies"]}
    assert {"ask", "verify", "compare"} <= names


def test_launch_options_never_share_and_read_settings() -> None:
    from bot.web.serve import launch_options

    opts = launch_options(load_settings({"QUOTECHECK_HOST": "0.0.0.0", "QUOTECHECK_PORT": "8123"}))
    assert (opts["server_name"], opts["server_port"], opts["share"]) == ("0.0.0.0", 8123, False)
    assert opts["auth"] is None


def test_auth_from_value_or_file(tmp_path: Path) -> None:
    assert parse_auth("ana:s3cret:x") == [("ana", "s3cret:x")]
    logins = tmp_path / "logins"
    logins.write_text("# users\nana:one\nbo:two\n", encoding="utf-8")
    assert parse_auth(str(logins)) == [("ana", "one"), ("bo", "two")]
    with pytest.raises(ConfigError, match="user:password"):
        parse_auth("just-a-name")


def test_chat_streams_then_answers_with_speaker_and_citation(web: WebCallbacks) -> None:
    steps = list(web.chat("Who said that the sluice gates were never designed for this?", [], None))
    assert len(steps) >= 2
    assert steps[0][0][-1]["content"].startswith("*Searching")
    history, session = steps[-1]
    assert [m["role"] for m in history] == ["user", "assistant"]
    reply = history[-1]["content"]
    assert "Priya Nandakumar" in reply and 'class="qc-cite"' in reply and "<mark" in reply
    assert len(session.answers) == 1
    # a follow-up in the same session
    more = list(web.chat("What else did she say?", history, session))[-1]
    assert len(more[0]) == 4 and len(more[1].answers) == 2
    md = Path(web.export(session, "md")).read_text(encoding="utf-8")
    assert "## Who said that the sluice gates" in md and "The Daily Ledger" in md
    data = json.loads(Path(web.export(session, "json")).read_text(encoding="utf-8"))
    assert data["conversation"][0]["citations"][0]["outlet"]


def test_downloads_share_one_folder_and_the_oldest_go(
    web: WebCallbacks, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.web import callbacks as web_module

    monkeypatch.setattr(web_module, "KEEP_DOWNLOADS", 3)
    _, session = list(web.chat("Who said that the sluice gates were never designed?", [], None))[-1]
    paths = [Path(web.export(session, "md")) for _ in range(5)]
    assert len({p.parent.parent for p in paths}) == 1  # one root, a folder per file
    assert [p.exists() for p in paths] == [False, False, True, True, True]
    assert paths[-1].name == "quotecheck-conversation.md"  # the name the browser saves


def test_export_before_asking_is_a_clear_error(web: WebCallbacks) -> None:
    with pytest.raises(QuotecheckError, match="ask a question first"):
        web.export(ChatSession(), "md")


def test_verify_misattributed_shows_the_real_speaker(web: WebCallbacks) -> None:
    card, _diff, evidence, _prov = web.verify(
        "We were running them past their limit for three days", "Odile Fenwick", None, "", ""
    )
    assert 'data-verdict="misattributed"' in card and "Priya Nandakumar" in card
    assert "qc-cite" in evidence


def test_verify_rejects_an_unreadable_date(web: WebCallbacks) -> None:
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        web.verify("some words", "", None, "someday", "")


def test_verify_batch_from_csv(web: WebCallbacks, tmp_path: Path) -> None:
    batch = tmp_path / "quotes.csv"
    batch.write_text(
        'quote,speaker\n"The sluice gates were never designed for this",Priya Nandakumar\n'
        "Bananas are the future of Marrowford,\n",
        encoding="utf-8",
    )
    calls: list[int] = []
    rows, out = web.verify_batch(str(batch), lambda d, t, s: calls.append(d))
    assert [r[2] for r in rows] == ["verbatim", "not_found"]
    assert calls == [0, 1]
    jsonl, table = out
    lines = Path(jsonl).read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[0])["verdict"] == "verbatim"
    with Path(table).open(encoding="utf-8", newline="") as f:
        assert [r[2] for r in csv.reader(f)] == ["verdict", "verbatim", "not_found"]


def test_batch_file_errors_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "q.jsonl"
    bad.write_text('{"quote": "a"}\nnot json\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"q\.jsonl line 2"):
        read_verify_batch(bad, "q.jsonl")
    with pytest.raises(InputError, match=r"csv or \.jsonl"):
        read_verify_batch(bad, "q.txt")


def test_compare_lists_outlets_side_by_side(web: WebCallbacks) -> None:
    out = web.compare("the Port Kelsey dock strike", None, "", "")
    assert out.count('class="qc-col"') >= 2 and "Northern Wire" in out


def test_compare_tab_cites_every_quote_like_a_chat_answer(web: WebCallbacks) -> None:
    """Each quote in a column has its numbered card: outlet, date, the characters, and the
    passage with exactly the quoted words marked (issue 21, item 6)."""
    out = web.compare("the Port Kelsey dock strike", None, "", "")
    used = re.search(r"<b>Quotes used</b></div><ul>(.*?)</ul>", out)
    assert used
    items = re.findall(r"<li>(.*?)</details></li>", used.group(1))
    assert items
    for item in items:
        shown = html.unescape(re.sub(r"<[^>]+>", "", item.split(" — ")[0]))
        card = re.search(r'<summary><span class="qc-num">\[(\d+)\]</span> (.*?)</summary>', item)
        chars = re.search(r"article (\S+), characters (\d+)–(\d+)", item)
        assert card and chars, item
        assert "2024-05-13" in card.group(2) and "·" in card.group(2)
        article = web.service.get_article(chars.group(1))
        assert article is not None
        span = article.text[int(chars.group(2)) : int(chars.group(3))]
        assert span in shown  # the shown words are the cited characters
        mark = re.search(r'<mark class="qc-span">(.*?)</mark>', item)
        assert mark and html.unescape(mark.group(1)) == span
    numbers = [int(n) for n in re.findall(r'<span class="qc-num">\[(\d+)\]</span>', out)]
    assert numbers == list(range(1, len(numbers) + 1))


def test_compare_tab_shows_left_out_quotes_names_and_reported_speech_unquoted(
    web: WebCallbacks,
) -> None:
    out = web.compare("the Marrowford flood", None, "", "")
    assert "Quotes other outlets used, left out here" in out
    assert "A name spelt differently" in out
    assert "The Daily Ledger: Odile Fenwick;" in out and "Northern Wire: Odile Fenwicke" in out
    # Harbour Times reports Nandakumar's view without marks: it must not gain any
    reported = "the failure had been coming for months"
    assert reported in out and f"“{reported}" not in out
    assert "reported, not exact words" in out


def test_library_filters_by_words_outlet_and_date(web: WebCallbacks) -> None:
    rows = web.library()
    assert len(rows) == 13
    assert all(r[1] == "Northern Wire" for r in web.library(outlet="Northern Wire"))
    assert all("strike" in r[3].lower() for r in web.library(search="strike"))
    assert all(r[2] >= "2024-05-01" for r in web.library(since="2024-05-01"))
    assert "13" in web.stats_markdown()


def test_upload_copies_under_safe_names_and_reports_each_file(
    web: WebCallbacks, tmp_path: Path
) -> None:
    good = tmp_path / "etc passwd; rm -rf (copy).txt"
    good.write_text(
        "Ferry returns to Port Kelsey\nSource: Test Gazette\nDate: 2024-07-02\n\n"
        '"We missed the ferry," said commuter Ada Quill.\n',
        encoding="utf-8",
    )
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    exe = tmp_path / "evil.exe"
    exe.write_bytes(b"MZ")
    rows = web.upload([str(good), str(broken), str(exe)])
    by_name = {r[0]: r for r in rows}
    assert by_name["etc passwd; rm -rf (copy).txt"][1] == "new"
    assert by_name["broken.json"][1] == "failed" and by_name["broken.json"][5]
    assert "unsupported" in by_name["evil.exe"][5]
    assert any(r[3] == "Ferry returns to Port Kelsey" for r in web.library(search="ferry"))
    assert len(web.library()) == 14  # the broken file spoiled nothing
    article_id = by_name["etc passwd; rm -rf (copy).txt"][2]
    assert web.remove([article_id]).startswith("Removed 1")
    assert len(web.library()) == 13


def test_stage_uploads_limits(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_text("x" * 100, encoding="utf-8")
    with pytest.raises(InputError, match="at most 2"):
        stage_uploads([str(f)] * 3, tmp_path / "out", max_files=2)
    (staged,) = stage_uploads([str(f)], tmp_path / "out", max_bytes=10)
    assert staged.path is None and "limit" in staged.error
    (ok,) = stage_uploads([str(f)], tmp_path / "out2")
    assert ok.path is not None and ok.path.parent == tmp_path / "out2"
    assert ok.path.name.startswith("upload-000-") and ok.path.suffix == ".txt"


def test_speakers_search_and_quotes(web: WebCallbacks) -> None:
    rows = web.speakers("fenwicke")
    assert rows and rows[0][0].startswith("Odile Fenwick")
    html = web.speaker_quotes("Fenwicke")
    assert "Odile Fenwick" in html and html.count('class="qc-quote"') >= 2
    # a quote whose article says only "The city's mayor" says how it was credited to her
    assert "the article says “The city&#39;s mayor”, named in another Northern Wire" in html
    assert "No speaker called" in web.speaker_quotes("Nobody Atall")
    reported = "emergency housing had been found for 212 people"  # indirect, no marks
    assert reported in html and f"“{reported}" not in html


def test_hostile_article_renders_inert(web: WebCallbacks) -> None:
    rows = web.upload([str(HOSTILE / "script-tags.md")])
    assert rows[0][1] in ("new", "unchanged")
    html = web.speaker_quotes("the organiser")
    assert "<img" not in html and "<script" not in html and "javascript:" not in html
    assert "onerror" in html  # shown as text
    steps = list(web.chat('Who said "It was a wonderful evening"?', [], None))
    reply = steps[-1][0][-1]["content"]
    assert "<img" not in reply and "<script" not in reply
    assert not any(r[3] for r in web.library() if "<script>" in r[3] and "&" in r[3])


def test_a_wheel_carries_every_sample_file_and_the_app_finds_them(tmp_path: Path) -> None:
    import tomllib

    from bot.data_files import data_folder
    from bot.web.callbacks import SAMPLES

    meta = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = meta["tool"]["setuptools"]["data-files"]["share/quotecheck/samples"]
    assert sorted(listed) == sorted(f"samples/{p.name}" for p in SAMPLES.iterdir() if p.is_file())
    site = tmp_path / "venv" / "lib" / "site-packages" / "bot"  # a non-editable install
    installed = tmp_path / "venv" / "share" / "quotecheck" / "samples"
    site.mkdir(parents=True)
    installed.mkdir(parents=True)
    assert data_folder("samples", site, str(tmp_path / "venv")) == installed
    assert SAMPLES == REPO / "samples"  # a checkout uses its own folder
