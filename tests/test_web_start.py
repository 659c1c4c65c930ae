"""``python app.py`` / ``quotecheck serve`` log one line per start-up phase (issue 21: the
first start spent ~40 s with nothing in the log), and the last one names the address that
really serves the page."""

from __future__ import annotations

import re
import urllib.request

import gradio as gr
import pytest

from bot.data_files import SAMPLES
from bot.web.serve import main
from ingest.config import load_settings
from ingest.inputs import iter_input_files
from tests.ports import free_port

STAMP = r"^\[\s*(\d+\.\d) s\] "


def _serve_once(monkeypatch: pytest.MonkeyPatch, fetched: list[int]) -> None:
    """Instead of waiting for Ctrl-C: fetch the page once, then stop the server."""

    def fetch_then_close(demo: gr.Blocks) -> None:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(demo.local_url, timeout=30) as page:
            fetched.append(page.status)
        demo.close()

    monkeypatch.setattr(gr.Blocks, "block_thread", fetch_then_close)


def test_each_start_up_phase_is_one_stamped_line_in_order(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched: list[int] = []
    _serve_once(monkeypatch, fetched)
    port = free_port()
    settings = load_settings(port=port)  # the test data dir and fake embedder of conftest
    main(settings, samples="if-empty")
    out = capsys.readouterr().out
    phases = [
        (float(m[1]), line[m.end() :]) for line in out.splitlines() if (m := re.match(STAMP, line))
    ]
    n = sum(1 for _ in iter_input_files([SAMPLES]))
    assert [what for _, what in phases] == [
        f"opening the store in {settings.data_dir}",
        "loading the model (fake)",
        f"loading the samples ({n} files)",
        "building the interface",
        f"serving on http://127.0.0.1:{port}/",
    ], out
    stamps = [t for t, _ in phases]
    assert stamps == sorted(stamps)
    assert fetched == [200]  # the address logged is the one serving the page
    assert "loaded the fictional sample corpus: 13 new, 0 already there" in out


def test_without_samples_there_is_no_samples_phase_and_an_empty_store_is_named(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fetched: list[int] = []
    _serve_once(monkeypatch, fetched)
    main(load_settings(port=free_port()), samples="never")
    out = capsys.readouterr().out
    assert "loading the samples" not in out and "the store is empty" in out
    assert re.search(STAMP + r"building the interface$", out, re.M), out
    assert fetched == [200]
