"""``quotecheck feed add|update|list|remove``: RSS and Atom feeds (fixtures in tests/data/links,
fictional outlets and people) served by a real HTTP server on 127.0.0.1; new items only."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.cli import EXIT_ERROR, EXIT_FAILED, EXIT_OK, main
from bot.service import Quotecheck
from ingest.config import load_settings
from ingest.errors import InputError, StoreError
from ingest.feed_book import FILE_NAME, FeedBook
from ingest.feeds import parse_feed
from tests.local_site import LINKS, Site, serve

PAGES = {
    "/courier/harbour-levy": "harbour-levy.html",
    "/courier/ferry-timetable": "ferry-timetable.html",
    "/courier/night-market": "night-market.html",
    "/gazette/bridge": "valley-bridge.html",
}


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    with serve() as s:
        for path, fixture in PAGES.items():
            s.page(path, fixture)
        yield s


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_rss_feed_update_twice_ingests_only_new_items(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    feed = site.page("/courier/rss.xml", "courier-rss.xml")
    code, out, _ = run(capsys, "feed", "add", feed, "--json")
    (added,) = json.loads(out)
    assert code == EXIT_OK and (added["title"], added["items"], added["new"]) == (
        "Brackwater Courier",
        2,
        2,
    )
    code, out, _ = run(capsys, "feed", "update", "--json")
    (same,) = json.loads(out)
    assert code == EXIT_OK and (same["items"], same["new_items"]) == (2, 0)
    assert site.hits["/courier/harbour-levy"] == site.hits["/courier/ferry-timetable"] == 1

    site.page("/courier/rss.xml", "courier-rss-later.xml")  # the outlet publishes a third story
    code, out, _ = run(capsys, "feed", "update")
    assert code == EXIT_OK
    assert out.startswith(
        "Brackwater Courier: 1 new of 3 items; 1 new, 0 updated, 0 unchanged, 0 failed; "
    )
    assert site.hits["/courier/night-market"] == 1 and site.hits["/courier/harbour-levy"] == 1
    code, out, _ = run(capsys, "list", "--json")
    titles = {a["title"]: a for a in json.loads(out)}
    assert set(titles) == {
        "Harbour levy to rise by a third",
        "Dunmore Bay ferry keeps its winter timetable",
        "Night market returns to the old fish hall",
    }
    market = titles["Night market returns to the old fish hall"]
    # the page gives no date: the feed's item date fills it; the outlet is the page's own
    assert (market["published"], market["outlet"]) == ("2024-05-24", "Brackwater Courier")
    assert market["url"] == site.url("/courier/night-market") and market["fetched_at"]
    code, out, _ = run(capsys, "quotes", "--speaker", "Ysolde Trevarrow", "--json")
    assert code == EXIT_OK and "deserves to be full of people again" in out


def test_atom_feed_with_a_relative_link(site: Site) -> None:
    feed = site.page("/gazette/atom.xml", "gazette-atom.xml")
    service = Quotecheck(load_settings())
    (report,) = service.feed_add([feed])
    assert (report.error, report.title, report.items) == ("", "Kestrel Valley Gazette", 1)
    (result,) = report.summary.results
    assert result.status == "new" and result.source == site.url("/gazette/bridge")
    article = service.get_article(result.article_id)
    assert article is not None and article.published == "2024-06-04"
    assert article.outlet == "Kestrel Valley Gazette"
    (followed,) = service.feeds()
    assert followed.url == feed and followed.seen == ("urn:uuid:0d9a7e41-footbridge",)


def test_a_failed_item_is_tried_again_at_the_next_update(site: Site) -> None:
    del site.routes["/courier/ferry-timetable"]  # not online yet: HTTP 404
    feed = site.page("/courier/rss.xml", "courier-rss.xml")
    service = Quotecheck(load_settings())
    (report,) = service.feed_add([feed])
    assert report.failed and report.summary.count("new") == 1
    (failed,) = [r for r in report.summary.results if r.status == "failed"]
    assert failed.error.startswith(site.url("/courier/ferry-timetable") + ": HTTP 404")
    site.page("/courier/ferry-timetable", "ferry-timetable.html")
    (report,) = service.feed_update()
    assert not report.failed and [r.source for r in report.summary.results] == [
        site.url("/courier/ferry-timetable")
    ]
    assert len(service.list_articles()) == 2


def test_feed_errors_name_the_address_and_spoil_no_other_feed(
    site: Site, capsys: pytest.CaptureFixture[str]
) -> None:
    page = site.url("/courier/harbour-levy")
    code, _, err = run(capsys, "feed", "add", page, site.url("/nowhere.xml"))
    lines = err.strip().splitlines()
    assert code == EXIT_FAILED and len(lines) == 2
    assert lines[0].startswith(f"error: {page}: the server says it is 'text/html'")
    assert "Give the address of the site's RSS or Atom feed" in lines[0]
    assert lines[1] == f"error: {site.url('/nowhere.xml')}: HTTP 404 Not Found: not found; " + (
        "check the address"
    )
    assert Quotecheck(load_settings()).feeds() == []  # neither is followed

    feed = site.page("/courier/rss.xml", "courier-rss.xml")
    run(capsys, "feed", "add", feed)
    code, out, err = run(capsys, "feed", "update", site.url("/never-added.xml"), feed)
    assert code == EXIT_FAILED
    assert f"{site.url('/never-added.xml')}: is not followed; add it" in err
    assert "Brackwater Courier: 0 new of 2 items" in out
    assert run(capsys, "feed", "add")[0] == EXIT_ERROR  # no address: a one-line error


def test_feed_list_and_remove(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    feed = site.page("/courier/rss.xml", "courier-rss.xml")
    run(capsys, "feed", "add", feed)
    code, out, _ = run(capsys, "feed", "list")
    (line,) = out.strip().splitlines()
    assert code == EXIT_OK and line.startswith(f"{feed}\tBrackwater Courier\t2 items in\t20")
    code, _, err = run(capsys, "feed", "remove", site.url("/other.xml"))
    assert code == EXIT_FAILED and "is not followed" in err
    code, out, _ = run(capsys, "feed", "remove", feed.replace("http://", "HTTP://"))
    assert code == EXIT_OK and out.startswith("stopped following")
    assert run(capsys, "feed", "list", "--json")[1].strip() == "[]"
    assert len(json.loads(run(capsys, "list", "--json")[1])) == 2  # its articles stay


def test_parse_feed_needs_a_feed() -> None:
    with pytest.raises(InputError, match="is not an RSS or Atom feed"):
        parse_feed(b"<html><body><p>hello</p></body></html>", "http://127.0.0.1/x")
    rss = (LINKS / "courier-rss.xml").read_bytes().replace(b"{base}", b"http://127.0.0.1:1")
    feed = parse_feed(rss, "http://127.0.0.1:1/rss.xml")
    assert [(i.key, i.link) for i in feed.items] == [
        ("courier-2024-0520-levy", "http://127.0.0.1:1/courier/harbour-levy"),
        ("courier-2024-0514-ferry", "http://127.0.0.1:1/courier/ferry-timetable"),
    ]
    # a file name as the body is never opened: the bytes are the document
    with pytest.raises(InputError):
        parse_feed(str(LINKS / "courier-rss.xml").encode(), "http://127.0.0.1/x")


def test_feed_book_is_written_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = FeedBook(tmp_path / FILE_NAME)
    book.add("https://courier.example/rss.xml", "Brackwater Courier", "2024-05-01T00:00:00+00:00")
    book.mark_seen("https://courier.example/rss.xml", ["a", "b", "a"], "", "2024-05-02")
    before = (tmp_path / FILE_NAME).read_bytes()
    assert json.loads(before)["feeds"]["https://courier.example/rss.xml"]["seen"] == ["a", "b"]

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(StoreError, match=r"cannot write .*feeds\.json \(No space left on device"):
        book.mark_seen("https://courier.example/rss.xml", ["c"], "", "2024-05-03")
    assert (tmp_path / FILE_NAME).read_bytes() == before  # the old file, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == [FILE_NAME, FILE_NAME + ".lock"]
    (tmp_path / FILE_NAME).write_text("{not json", "utf-8")
    with pytest.raises(StoreError, match=r"feeds\.json is damaged"):
        book.feeds()


def test_feed_progress_shows_unless_quiet(site: Site, capsys: pytest.CaptureFixture[str]) -> None:
    """``feed add``/``update`` count the items read on stderr; ``--quiet`` leaves stderr empty
    and the summary on stdout."""
    feed = site.page("/courier/rss.xml", "courier-rss.xml")
    code, out, err = run(capsys, "feed", "add", feed)
    assert code == EXIT_OK and "2 of 2 feed items read" in err, err
    site.page("/courier/rss.xml", "courier-rss-later.xml")
    code, out, err = run(capsys, "feed", "update", "--quiet")
    assert code == EXIT_OK and err == "", err
    assert out.startswith("Brackwater Courier: 1 new of 3 items")
