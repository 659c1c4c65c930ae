"""``quotecheck ingest URL`` and the Library's "Add from link" box, against a real HTTP server
on 127.0.0.1 started here (tests/local_site.py); never the internet. Fake embedder."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from bot.cli import EXIT_FAILED, EXIT_OK, main
from bot.service import Quotecheck
from bot.web.callbacks import WebCallbacks
from ingest.config import Settings, load_settings
from ingest.errors import ConfigError
from ingest.fetch import PAGE, FetchError, fetch, is_address
from ingest.links import load_url
from tests.doc_files import make_pdf
from tests.local_site import Answer, Site, Writer, serve

FERRY_QUOTE = "We cannot add a summer sailing until the new engine has passed its sea trials,"


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)  # the local server, never through a proxy
    with serve() as s:
        yield s


def settings(**overrides: object) -> Settings:
    return load_settings(**overrides)


def sleeper(seconds: float) -> Writer:
    def answer(handler: BaseHTTPRequestHandler) -> None:
        time.sleep(seconds)
        handler.send_response(200)
        handler.end_headers()

    return answer


def dripper(handler: BaseHTTPRequestHandler) -> None:
    """A page that never ends: a byte every 50 ms (each read well within the timeout)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    with contextlib.suppress(OSError):  # the client hangs up at its deadline
        for _ in range(100):
            handler.wfile.write(b"<")
            handler.wfile.flush()
            time.sleep(0.05)


def unsized(handler: BaseHTTPRequestHandler) -> None:
    """A big body without a Content-Length (HTTP/1.0: it ends when the connection closes)."""
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html")
    handler.end_headers()
    with contextlib.suppress(OSError):  # the client hangs up at its limit
        handler.wfile.write(b"<p>" + b"x" * 50_000 + b"</p>")


def test_a_page_is_ingested_with_its_url_and_fetch_time(site: Site) -> None:
    url = site.page("/dunmore/ferry", "ferry-timetable.html")
    service = Quotecheck(settings())
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    summary = service.ingest([url])
    (result,) = summary.results
    assert (result.status, result.error) == ("new", "")
    article = service.get_article(result.article_id)
    assert article is not None
    assert (article.url, article.source_path) == (url, url)
    assert (article.outlet, article.published, article.author) == (
        "Brackwater Courier",
        "2024-05-14",
        "Tamsin Oakhurst",
    )
    assert article.title == "Dunmore Bay ferry keeps its winter timetable"
    fetched = dt.datetime.fromisoformat(article.fetched_at)
    assert before <= fetched <= dt.datetime.now(dt.timezone.utc)
    (info,) = service.list_articles()
    assert info.fetched_at == article.fetched_at and info.as_dict()["fetched_at"]
    verdict = service.verify(FERRY_QUOTE, "Marguerite Ellery")
    assert verdict.verdict == "verbatim" and verdict.found_speaker == "Marguerite Ellery"
    cite = verdict.evidence[0]
    assert cite.article.url == url and article.text[cite.start : cite.end] == cite.text

    again = service.ingest([url])  # the same page again: one article, unchanged
    assert again.results[0].status == "unchanged" and len(service.list_articles()) == 1


def test_a_redirect_is_followed_and_the_article_keeps_where_it_ended(site: Site) -> None:
    final = site.page("/dunmore/ferry", "ferry-timetable.html")
    site.routes["/short/f1"] = Answer(301, {"Location": "/dunmore/ferry"})
    service = Quotecheck(settings())
    (result,) = service.ingest([site.url("/short/f1")]).results
    article = service.get_article(result.article_id)
    assert article is not None and result.status == "new"
    assert article.url == final and article.source_path == site.url("/short/f1")
    assert service.ingest([final]).results[0].status == "unchanged"  # one article, one id


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/ferry.html"])
def test_a_redirect_to_another_scheme_is_refused(site: Site, target: str) -> None:
    site.routes["/sneaky"] = Answer(302, {"Location": target})
    with pytest.raises(FetchError) as caught:
        fetch(site.url("/sneaky"), settings(), PAGE)
    message = str(caught.value)
    assert message.startswith(site.url("/sneaky") + ": redirects to")
    assert target in message and "not an http(s) address; refused" in message


@pytest.mark.parametrize(
    ("route", "overrides", "expected"),
    [
        ("/missing", {}, "HTTP 404 Not Found: not found; check the address"),
        ("/slow", {"fetch_timeout": 0.3}, "no answer within 0.3 s (connect/read timeout)"),
        ("/drip", {"fetch_max_seconds": 0.5}, "took longer than 0.5 s to download"),
        ("/big", {"fetch_max_bytes": 2_000}, "larger than the limit of 2,000 bytes (5,000 bytes)"),
        ("/unsized", {"fetch_max_bytes": 2_000}, "larger than the limit of 2,000 bytes"),
        ("/logo.png", {}, "the server says it is 'image/png', not an article page"),
        ("/feed.xml", {}, "It is a feed: follow it with `quotecheck feed add http://"),
        ("/private", {}, "HTTP 403 Forbidden: the site refuses access"),
    ],
)
def test_a_bad_link_is_one_clear_error_that_names_it(
    site: Site, route: str, overrides: dict[str, object], expected: str
) -> None:
    site.routes.update(
        {
            "/slow": sleeper(3),
            "/drip": dripper,
            "/big": Answer(200, {"Content-Type": "text/html"}, b"x" * 5_000),
            "/unsized": unsized,
            "/logo.png": Answer(200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
            "/private": Answer(403, {"Content-Type": "text/html"}, b"no"),
        }
    )
    site.page("/feed.xml", "courier-rss.xml")
    started = time.monotonic()
    (loaded,) = load_url(site.url(route), settings(**overrides))
    assert time.monotonic() - started < 2.5, "a limit did not stop the fetch"
    assert loaded.article is None
    assert loaded.error.startswith(site.url(route) + ": ") and "\n" not in loaded.error
    assert expected in loaded.error


def test_a_pdf_link_goes_through_the_pdf_loader_with_its_pages(site: Site) -> None:
    pages = [
        ["Harbour board minutes", "Source: Dunmore Harbour Board", "Date: 2024-05-13"],
        ['"The engine trials come first," said Marguerite Ellery, who chairs the board.'],
    ]
    body = make_pdf(pages)
    site.routes["/minutes"] = Answer(200, {"Content-Type": "application/pdf"}, body)
    site.routes["/untyped"] = Answer(200, {}, body)  # no content type: known by its start
    service = Quotecheck(settings())
    for route in ("/minutes", "/untyped"):
        (result,) = service.ingest([site.url(route)]).results
        assert result.status in ("new", "updated") and result.quotes == 1, result.error
        article = service.get_article(result.article_id)
        assert article is not None and article.outlet == "Dunmore Harbour Board"
        assert len(article.page_starts) == 2 and article.url == site.url(route)


def test_one_failing_link_never_spoils_the_batch(site: Site, tmp_path: Path) -> None:
    url = site.page("/dunmore/ferry", "ferry-timetable.html")
    note = tmp_path / "note.txt"
    note.write_text(
        "Quay lights fixed\nSource: Test Gazette\nDate: 2024-07-02\n\n"
        '"The lights are on again," said engineer Ada Quill.\n',
        encoding="utf-8",
    )
    service = Quotecheck(settings())
    summary = service.ingest([site.url("/gone"), url, str(note), "gopher://127.0.0.1/x"])
    status = {r.source: r.status for r in summary.results}
    assert status == {
        site.url("/gone"): "failed",
        url: "new",
        str(note): "new",
        "gopher://127.0.0.1/x": "failed",
    }
    errors = [r.error for r in summary.results if r.error]
    assert any("HTTP 404" in e for e in errors)
    assert any("is not an http:// or https:// address" in e for e in errors)
    assert len(service.list_articles()) == 2


def test_cli_ingest_mixes_links_and_files(
    site: Site, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = site.page("/dunmore/levy", "harbour-levy.html")
    code = main(["ingest", url, site.url("/nothing-here"), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == EXIT_FAILED and (summary["new"], summary["failed"]) == (1, 1)
    assert summary["errors"][0]["source"] == site.url("/nothing-here")
    code = main(["ingest", site.url("/nothing-here")])
    err = capsys.readouterr().err
    assert err.strip().splitlines()[-1] == (
        f"error: {site.url('/nothing-here')}: HTTP 404 Not Found: not found; check the address"
    )
    code = main(["list", "--json"])
    (listed,) = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK and listed["url"] == url and listed["fetched_at"]


def test_library_link_box_ingests_pages_and_never_reads_a_path(site: Site, tmp_path: Path) -> None:
    secret = tmp_path / "server-secret.txt"
    secret.write_text("Secret\n\nThe server's own file must never be read.\n", "utf-8")
    ferry = site.page("/dunmore/ferry", "ferry-timetable.html")
    levy = site.page("/dunmore/levy", "harbour-levy.html")
    web = WebCallbacks(Quotecheck(settings()))
    steps: list[tuple[int, int]] = []
    rows = web.add_links(
        f"{ferry}\n {levy}  {secret}\n{site.url('/gone')}\n{ferry}",
        lambda done, total, what: steps.append((done, total)),
    )
    by_source = {r[0]: r for r in rows}
    assert by_source[ferry][1] == by_source[levy][1] == "new"
    refused = by_source[str(secret)]
    assert refused[1] == "failed" and "not a web address" in refused[5]
    assert "HTTP 404" in by_source[site.url("/gone")][5]
    assert len(rows) == 4  # the repeated address is fetched once
    assert steps[-1] == (3, 3)  # Gradio's progress is told each page
    assert {r[3] for r in web.library()} == {
        "Dunmore Bay ferry keeps its winter timetable",
        "Harbour levy to rise by a third",
    }


def test_library_has_the_add_from_link_box() -> None:
    from bot.web.layout import build_app

    config = build_app(Quotecheck(settings())).get_config_file()
    ids = {c.get("props", {}).get("elem_id") for c in config["components"]}
    assert {"qc-links", "qc-add-links"} <= ids


def test_addresses_and_fetch_settings() -> None:
    assert is_address("https://courier.example/a") and is_address("file:///etc/passwd")
    assert not is_address("articles/ferry.txt") and not is_address(Path("/x"))
    assert not is_address(r"C:\articles\ferry.txt")
    env = {"QUOTECHECK_FETCH_TIMEOUT": "2.5", "QUOTECHECK_FETCH_MAX_BYTES": "1000"}
    s = load_settings(env)
    assert (s.fetch_timeout, s.fetch_max_bytes, s.fetch_max_seconds) == (2.5, 1000, 60.0)
    assert load_settings({}).fetch_max_bytes == 10 * 1024 * 1024
    for bad in ("soon", "0", "-1", "nan"):
        with pytest.raises(ConfigError, match="QUOTECHECK_FETCH_TIMEOUT"):
            load_settings({"QUOTECHECK_FETCH_TIMEOUT": bad})
