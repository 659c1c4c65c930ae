"""End to end: the web app in real headless Chromium (Debian's), driven by Playwright.

One app process serves the module: ``python app.py`` on a free port, a temporary data dir,
the fake embedder, and the sample corpus it loads itself on first start. A screenshot per
test goes to ``artifacts/screenshots/`` (git-ignored; CI keeps it as an artefact).
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.ports import free_port

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
HOSTILE = Path(__file__).resolve().parent / "data" / "hostile"
SHOTS = REPO / "artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WAIT_MS = 30_000


def _need_chromium() -> None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "playwright is not installed (pip install -e '.[test]')"
    else:
        if CHROMIUM.exists():
            return
        reason = f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_chromium()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTECHECK_")}
    env.update(
        QUOTECHECK_DATA_DIR=str(tmp_path_factory.mktemp("browser-data")),
        QUOTECHECK_EMBED_MODEL="fake",
        QUOTECHECK_PORT=str(port),
        GRADIO_ANALYTICS_ENABLED="False",
        HF_HUB_OFFLINE="1",
    )
    log = tmp_path_factory.mktemp("browser-log") / "app.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, str(REPO / "app.py")], cwd=REPO, env=env, stdout=out, stderr=out
        )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail(f"app did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)
    yield url
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(scope="module")
def browser(app_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, app_url: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    pg.goto(app_url, wait_until="load")
    pg.wait_for_selector("#qc-ask textarea", timeout=WAIT_MS)
    yield pg
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    pg.close()


def _tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def _ask(page: Any, question: str) -> Any:
    before = page.locator('[data-testid="bot"]').count()
    page.locator("#qc-ask textarea").fill(question)
    page.locator("#qc-ask textarea").press("Enter")
    reply = page.locator('[data-testid="bot"]').nth(before)
    reply.locator(".qc-cites, :text('could not find')").first.wait_for(timeout=WAIT_MS)
    return reply


def _upload(page: Any, paths: list[Path]) -> str:
    _tab(page, "Library")
    page.locator("#qc-upload input[type=file]").set_input_files([str(p) for p in paths])
    page.locator("#qc-add").click()
    results = page.locator("#qc-results")
    results.get_by_role("gridcell", name="new").or_(
        results.get_by_role("gridcell", name="unchanged")
    ).first.wait_for(timeout=WAIT_MS)
    return str(results.inner_text())


def test_chat_who_said_names_the_speaker_and_opens_the_citation(page: Any) -> None:
    reply = _ask(page, "Who said that the sluice gates were never designed for this?")
    assert "Priya Nandakumar" in reply.inner_text()
    cite = reply.locator("details.qc-cite").first
    assert "The Daily Ledger" in cite.locator("summary").inner_text()
    cite.locator("summary").click()
    mark = cite.locator("mark.qc-span")
    mark.wait_for(state="visible", timeout=WAIT_MS)
    assert "sluice gates were never designed for this" in mark.inner_text()


def test_verify_reads_a_misattributed_verdict(page: Any) -> None:
    _tab(page, "Verify a quote")
    page.locator("#qc-quote textarea").fill("We were running them past their limit for three days")
    page.locator("#qc-speaker input, #qc-speaker textarea").first.fill("Odile Fenwick")
    page.locator("#qc-verify").click()
    card = page.locator(".qc-verdict")
    card.wait_for(timeout=WAIT_MS)
    assert card.get_attribute("data-verdict") == "misattributed"
    assert "Said by Priya Nandakumar" in card.inner_text()
    assert page.locator(".qc-evidence details.qc-cite").count() >= 1


def test_compare_puts_the_outlets_side_by_side(page: Any) -> None:
    _tab(page, "Compare accounts")
    page.get_by_label("Topic").fill("the Port Kelsey dock strike")
    page.get_by_role("button", name="Compare accounts").click()
    columns = page.locator("#qc-compare .qc-col")
    columns.first.wait_for(timeout=WAIT_MS)
    outlets = {columns.nth(i).locator("h3").inner_text() for i in range(columns.count())}
    assert {"The Daily Ledger", "Harbour Times", "Northern Wire"} <= outlets
    assert "Port Kelsey" in page.locator("#qc-compare").inner_text()


def test_phone_screen_has_no_sideways_scrolling(browser: Any, app_url: str) -> None:
    phone = browser.new_page(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        phone.goto(app_url, wait_until="load")
        phone.wait_for_selector("#qc-ask textarea", timeout=WAIT_MS)
        widths = phone.evaluate(
            "() => [document.documentElement.clientWidth, document.documentElement.scrollWidth]"
        )
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "test_phone_screen.png"))
    finally:
        phone.close()
    assert widths[1] <= widths[0], f"page is {widths[1]} px wide on a {widths[0]} px screen"


def test_upload_an_article_and_find_it_in_the_library(page: Any, tmp_path: Path) -> None:
    article = tmp_path / "my article (1).txt"
    article.write_text(
        "Marrowford library opens a new reading room\nSource: Test Gazette\nDate: 2024-07-01\n\n"
        '"Books belong to everyone," said librarian Wren Halloway at the opening.\n',
        encoding="utf-8",
    )
    results = _upload(page, [article])
    assert "my article (1).txt" in results
    page.locator("#qc-lib-search input, #qc-lib-search textarea").first.fill("reading room")
    row = page.locator("#qc-lib").get_by_role("gridcell", name="Test Gazette")
    row.first.wait_for(timeout=WAIT_MS)
    assert "Marrowford library opens a new reading room" in page.locator("#qc-lib").inner_text()
    _tab(page, "Verify a quote")  # the new outlet is offered without a restart
    page.get_by_label("Only this outlet").first.click()
    page.get_by_role("option", name="Test Gazette").first.wait_for(timeout=WAIT_MS)


def test_the_readme_api_example_answers_ask_verify_and_compare(app_url: str) -> None:
    from gradio_client import Client

    client = Client(app_url, verbose=False)
    answer = client.predict(
        'Who said "the sluice gates were never designed for this"?', api_name="/ask"
    )
    verdict = client.predict(
        "We were running them past their limit", "Odile Fenwick", api_name="/verify"
    )
    accounts = client.predict("the Port Kelsey dock strike", api_name="/compare")
    assert answer["quotes"][0]["canonical_speaker"] == "Priya Nandakumar"
    assert verdict["verdict"] == "misattributed"
    assert verdict["found_speaker"] == "Priya Nandakumar"
    assert {"The Daily Ledger", "Harbour Times"} <= {o["outlet"] for o in accounts["outlets"]}


def test_speakers_index_lists_quotes_with_citations(page: Any) -> None:
    _tab(page, "Speakers")
    page.locator("#qc-sp-search input, #qc-sp-search textarea").first.fill("Fenwick")
    cell = page.locator("#qc-sp").get_by_role("gridcell", name="Odile Fenwick", exact=False)
    cell.first.wait_for(timeout=WAIT_MS)
    cell.first.click()
    quotes = page.locator("#qc-sp-quotes .qc-quote")
    quotes.first.wait_for(timeout=WAIT_MS)
    assert quotes.count() >= 2
    quotes.first.locator("summary").click()
    assert quotes.first.locator("mark.qc-span").inner_text().strip()


def test_hostile_article_stays_inert(page: Any) -> None:
    _upload(page, [HOSTILE / "script-tags.md", HOSTILE / "script-tags.html"])
    page.locator("#qc-lib-search input, #qc-lib-search textarea").first.fill("gala")
    page.locator("#qc-lib").get_by_text("<script>alert(1)</script>", exact=False).first.wait_for(
        timeout=WAIT_MS
    )
    _tab(page, "Chat")
    reply = _ask(page, 'Who said "It was a wonderful evening"?')
    for summary in reply.locator("details.qc-cite summary").all():
        summary.click()
    text = reply.inner_text()
    assert "Petra Lindgren" in text
    page.wait_for_timeout(500)
    assert page.dialogs == []
    assert page.locator("img[src='x'], img[onerror], iframe[src*='evil']").count() == 0
    assert page.locator("a[href^='javascript']").count() == 0
    scripts = page.eval_on_selector_all("script", "els => els.map(e => e.textContent)")
    assert not any("alert(1)" in s for s in scripts)
    assert "<img src=x onerror=alert(1)>" in text or "onerror" in text


EVIL_LINKS = "a[href*='evil'], a[href^='mailto'], img, iframe"


def test_urls_in_articles_and_the_users_html_stay_text(page: Any) -> None:
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(r.url))
    _upload(page, [HOSTILE / "links.txt"])
    _tab(page, "Chat")
    payload = 'hello <img src="http://127.0.0.1:9/a.png"> <iframe src="http://127.0.0.1:9/f">'
    before = page.locator('[data-testid="user"]').count()
    page.locator("#qc-ask textarea").fill(payload)
    page.locator("#qc-ask textarea").press("Enter")
    mine = page.locator('[data-testid="user"]').nth(before)
    mine.wait_for(timeout=WAIT_MS)
    reply = _ask(page, 'Who said "Visit https://evil.example/a"?')
    for summary in reply.locator("details.qc-cite summary").all():
        summary.click()
    page.wait_for_timeout(500)
    text = reply.inner_text()
    assert "Tomas Oyelaran" in text and "https://evil.example/a" in text
    for shown in ("www.evil.example/b", "x@evil.example", "[here](https://evil.example/d)"):
        assert shown in text
    assert "<img src=" in mine.inner_text()
    chat = page.locator("#qc-chat")
    assert chat.locator(EVIL_LINKS).count() == 0
    own = chat.locator("a[href='https://news.example/harbour-gala-links']")
    assert own.count() >= 1  # the source's own url field is the one link
    _tab(page, "Verify a quote")
    page.locator("#qc-quote textarea").fill("Visit https://evil.example/a and www.evil.example/b")
    page.locator("#qc-verify").click()
    page.locator(".qc-verdict").wait_for(timeout=WAIT_MS)
    page.wait_for_timeout(500)
    assert "https://evil.example/a" in page.locator(".qc-verdict").inner_text()
    assert page.locator(f"#qc-verdict :is({EVIL_LINKS})").count() == 0
    anywhere = "a[href*='evil'], a[href^='mailto'], img[src*='evil'], img[src*=':9/'], iframe"
    assert page.locator(anywhere).count() == 0  # (Gradio's own images aside)
    assert not [u for u in fetched if "127.0.0.1:9/" in u or "evil" in u]


def test_the_library_edit_form_corrects_an_outlet(page: Any, tmp_path: Path) -> None:
    article = tmp_path / "undated.txt"
    article.write_text(
        "Dunmere ferry returns\n\n“We sail at six,” said skipper Edda Rusk on the quay.\n",
        encoding="utf-8",
    )
    _upload(page, [article])
    page.locator("#qc-edit").get_by_text("Correct an article's details").click()
    page.locator("#qc-edit-article input").click()
    page.get_by_role("option", name="Dunmere ferry returns").first.click()
    title = page.locator("#qc-edit-title textarea, #qc-edit-title input").first
    page.wait_for_function(
        "el => el.value === 'Dunmere ferry returns'", arg=title.element_handle(), timeout=WAIT_MS
    )
    page.locator("#qc-edit-outlet textarea, #qc-edit-outlet input").first.fill("Coastal Courier")
    page.locator("#qc-edit-published textarea, #qc-edit-published input").first.fill("2024-05-06")
    page.locator("#qc-edit-save").click()
    page.get_by_text("Saved: Dunmere ferry returns · Coastal Courier · 2024-05-06.").wait_for(
        timeout=WAIT_MS
    )
    page.locator("#qc-lib-search input, #qc-lib-search textarea").first.fill("ferry returns")
    page.locator("#qc-lib").get_by_role("gridcell", name="Coastal Courier").first.wait_for(
        timeout=WAIT_MS
    )
