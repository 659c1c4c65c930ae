"""The web app's polish in real Chromium (issue 21, item 6): markers that open their source,
cited Compare quotes, a readable Library, every tab on a phone, an upload box for the
supported types only, a note for text that is not English, a legible verdict card in both
themes, and no serious or critical axe-core violation on any tab in either theme.

The app, browser and page fixtures are those of ``tests/test_browser.py`` (this module gets an
app of its own, over the samples it loads into its empty store).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests import test_browser as base
from tests.test_browser import SHOTS, WAIT_MS, _ask, _tab, _upload

pytestmark = pytest.mark.browser

app_url = base.app_url
browser = base.browser
page = base.page

AXE_VERSION = "4.14.1"  # npm axe-core, installed into a cache folder on first use
AXE_CACHE = Path(os.environ.get("QUOTECHECK_AXE_DIR", Path.home() / ".cache" / "quotecheck"))
TABS = ("Chat", "Verify a quote", "Compare accounts", "Library", "Speakers")
THEMES = ("light", "dark")
AA = 4.5  # WCAG AA contrast for body text

# WCAG contrast of an element's text against the nearest opaque background behind it
CONTRAST_JS = """el => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = el, back;
  while (bg) {
    const c = rgb(getComputedStyle(bg).backgroundColor);
    if (c.length === 3 || c[3] === 1) { back = c; break; }
    bg = bg.parentElement;
  }
  const fore = rgb(getComputedStyle(el).color);
  const [a, b] = [lum(fore), lum(back)].sort((x, y) => y - x);
  return {ratio: (a + 0.05) / (b + 0.05), color: getComputedStyle(el).color,
          background: back.join(',')};
}"""


# how many lines the text of an element takes (the tops of its text's line boxes)
LINES_JS = """el => {
  const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const tops = new Set();
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent.trim()) continue;
    const r = document.createRange();
    r.selectNodeContents(n);
    for (const box of r.getClientRects()) if (box.width) tops.add(Math.round(box.top));
  }
  return tops.size;
}"""


def _themed(browser: Any, app_url: str, theme: str, width: int = 1280) -> Any:
    pg = browser.new_page(viewport={"width": width, "height": 900})
    pg.goto(f"{app_url}?__theme={theme}", wait_until="load")
    pg.wait_for_selector("#qc-ask textarea", timeout=WAIT_MS)
    return pg


def _verify(pg: Any, quote: str, speaker: str) -> Any:
    _tab(pg, "Verify a quote")
    pg.locator("#qc-quote textarea").fill(quote)
    pg.locator("#qc-speaker input, #qc-speaker textarea").first.fill(speaker)
    before = pg.locator(".qc-verdict").count() and pg.locator(".qc-verdict").inner_text()
    pg.locator("#qc-verify").click()
    pg.wait_for_function(
        "before => { const c = document.querySelector('.qc-verdict');"
        " return c && c.innerText !== before; }",
        arg=before or "",
        timeout=WAIT_MS,
    )
    return pg.locator(".qc-verdict")


def _compare(pg: Any, topic: str) -> Any:
    _tab(pg, "Compare accounts")
    pg.get_by_label("Topic").fill(topic)
    pg.get_by_role("button", name="Compare accounts").click()
    pg.locator("#qc-compare .qc-col").first.wait_for(timeout=WAIT_MS)
    return pg.locator("#qc-compare")


# ------------------------------------------------------------------- [n] and Compare
def test_a_click_on_a_marker_opens_and_shows_its_source(browser: Any, app_url: str) -> None:
    """In the same page: a link to "#id" under Gradio's <base href> would load it again."""
    pg = _themed(browser, app_url, "dark")  # a query string a reload would lose
    try:
        reply = _ask(pg, "What did the mayor say?")
        refs = reply.locator("a.qc-ref")
        assert refs.count() >= 3
        cards = reply.locator("details.qc-cite")
        assert not any(d.evaluate("d => d.open") for d in cards.all())
        pg.evaluate("window.qcStayed = true")
        refs.nth(2).click()
        target = cards.nth(2)
        pg.wait_for_function("d => d.open", arg=target.element_handle(), timeout=WAIT_MS)
        passage = target.locator(".qc-passage")
        passage.wait_for(state="visible", timeout=WAIT_MS)
        box, height = passage.bounding_box(), pg.viewport_size["height"]
        assert box is not None and 0 <= box["y"] < height, "the source is not in view"
        assert target.locator("summary .qc-num").inner_text() == "[3]"
        assert [d.evaluate("d => d.open") for d in cards.all()].count(True) == 1
        assert pg.evaluate("window.qcStayed === true") and "__theme=dark" in pg.url
        assert pg.evaluate("document.activeElement.closest('details') !== null")
    finally:
        pg.close()


def test_compare_quotes_cite_outlet_date_and_characters(page: Any) -> None:
    out = _compare(page, "the Port Kelsey dock strike")
    column = out.locator(".qc-col").first
    quotes = column.locator("li:has(> details.qc-cite)")
    assert quotes.count() >= 3
    summary = quotes.first.locator("summary").inner_text()
    outlet = column.locator("h3").inner_text()
    assert summary.startswith("[") and outlet in summary and "2024-05-13" in summary
    assert "characters" in summary
    quotes.first.locator("summary").click()
    mark = quotes.first.locator("mark.qc-span")
    mark.wait_for(state="visible", timeout=WAIT_MS)
    assert mark.inner_text().strip() in quotes.first.inner_text()


# --------------------------------------------------------------------------- layout
def test_the_library_table_is_readable_at_1280_px(page: Any) -> None:
    _tab(page, "Library")
    table = page.locator("#qc-lib")
    table.get_by_role("gridcell", name="Northern Wire").first.wait_for(timeout=WAIT_MS)
    heads = table.locator("th")
    for i in range(heads.count()):
        head = heads.nth(i)
        text = head.inner_text().strip()
        if not text:
            continue
        lines = head.evaluate(LINES_JS)
        assert lines == 1, f"header {text!r} wraps over {lines} lines"
    frame = table.evaluate(
        "t => { const box = t.getBoundingClientRect(); const cells = [...t.querySelectorAll('th')]"
        ".map(c => c.getBoundingClientRect().right); return [box.right, Math.max(...cells)]; }"
    )
    assert frame[1] <= frame[0] + 1, "the last column runs past the table's edge"
    assert "quotes" in heads.last.inner_text()


def test_every_tab_is_reachable_on_a_phone(browser: Any, app_url: str) -> None:
    phone = browser.new_page(
        viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
    )
    try:
        phone.goto(app_url, wait_until="load")
        phone.wait_for_selector("#qc-ask textarea", timeout=WAIT_MS)
        ask = phone.locator("#qc-ask").bounding_box()
        assert ask is not None and ask["width"] >= 300, "the ask box is not the full width"
        for name in TABS:
            tab = phone.get_by_role("tab", name=name)
            assert tab.is_visible(), f"tab {name!r} is hidden"
            box = tab.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
        assert phone.locator(".overflow-menu:visible").count() == 0
        _tab(phone, "Speakers")
        phone.locator("#qc-sp-search").wait_for(state="visible", timeout=WAIT_MS)
        SHOTS.mkdir(parents=True, exist_ok=True)
        phone.screenshot(path=str(SHOTS / "test_every_tab_on_a_phone.png"))
    finally:
        phone.close()


def test_the_upload_box_takes_only_the_supported_types(page: Any, tmp_path: Path) -> None:
    from bot.web.uploads import SUPPORTED_SUFFIXES

    _tab(page, "Library")
    picker = page.locator("#qc-upload input[type=file]")
    accepted = {s.strip() for s in (picker.get_attribute("accept") or "").split(",")}
    assert accepted == set(SUPPORTED_SUFFIXES)
    program = tmp_path / "setup.exe"
    program.write_bytes(b"MZ not an article")
    picker.set_input_files([str(program)])
    page.get_by_text("Invalid file type: setup.exe").first.wait_for(timeout=WAIT_MS)


# ---------------------------------------------------------------------- not English
def test_a_question_and_an_article_not_in_english_get_a_note(page: Any, tmp_path: Path) -> None:
    reply = _ask(page, "¿Quién dijo que las compuertas nunca fueron diseñadas para esto?")
    text = reply.inner_text()
    assert "This question looks like Spanish" in text and "as English" in text
    article = tmp_path / "vannes.txt"
    article.write_text(
        "Les vannes de Marrowford\nSource: Le Courrier\nDate: 2024-03-15\n\n« Les vannes n'ont "
        "jamais été conçues pour cela », a dit l'ingénieure devant le conseil, et elle a "
        "ajouté que la ville devait agir avant l'hiver.\n",
        encoding="utf-8",
    )
    results = _upload(page, [article])
    assert "looks like French" in results and "reads articles as English" in results


# ---------------------------------------------------------------------------- themes
@pytest.mark.parametrize("theme", THEMES)
def test_the_verdict_card_is_legible_in_both_themes(browser: Any, app_url: str, theme: str) -> None:
    pg = _themed(browser, app_url, theme)
    try:
        dark = pg.evaluate("document.body.classList.contains('dark')")
        assert dark == (theme == "dark"), "the page is not in the theme asked for"
        for quote, speaker, verdict in (
            (
                "We were running them past their limit for three days",
                "Odile Fenwick",
                "misattributed",
            ),
            ("We were running them past their limit for three days", "", "verbatim"),
            ("the strike would last at least 48 hours", "Declan Morrow", "contradicted"),
        ):
            card = _verify(pg, quote, speaker)
            assert card.get_attribute("data-verdict") == verdict
            for part in [*card.locator("div, b, li, mark").all(), card]:
                if not part.inner_text().strip():
                    continue
                seen = part.evaluate(CONTRAST_JS)
                assert seen["ratio"] >= AA, f"{theme} {verdict}: {part.inner_text()!r} {seen}"
        SHOTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(SHOTS / f"test_verdict_card_{theme}.png"))
    finally:
        pg.close()


# --------------------------------------------------------------------- accessibility
@pytest.fixture(scope="module")
def axe_script() -> Path:
    """axe.min.js of npm axe-core ``AXE_VERSION``, installed into the cache on first use."""
    folder = AXE_CACHE / f"axe-core-{AXE_VERSION}"
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if script.is_file():
        return script
    npm = shutil.which("npm")
    if npm is None:
        reason = f"npm is not installed, and axe-core {AXE_VERSION} is not in {folder}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    command = [npm, "install", "--prefix", str(folder), f"axe-core@{AXE_VERSION}"]
    done = subprocess.run(
        [*command, "--no-audit", "--no-fund", "--no-package-lock", "--silent"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if done.returncode or not script.is_file():
        pytest.fail(f"{' '.join(command)} failed: {done.stderr.strip()[-500:]}")
    return script


AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x, e.g. ${v.nodes[0].target})`);
}"""


def _fill_tab(pg: Any, tab: str) -> None:
    """The tab with what a user sees in it after using it (an answer, a verdict, …)."""
    if tab == "Chat":
        _ask(pg, "What did the mayor say?").locator("a.qc-ref").first.click()
    elif tab == "Verify a quote":
        _verify(pg, "the strike would last at least 48 hours", "Declan Morrow")
    elif tab == "Compare accounts":
        _compare(pg, "the Port Kelsey dock strike").locator("summary").first.click()
    elif tab == "Library":
        _tab(pg, tab)
        pg.locator("#qc-lib").get_by_role("gridcell").first.wait_for(timeout=WAIT_MS)
    else:
        _tab(pg, tab)
        pg.locator("#qc-sp-search input, #qc-sp-search textarea").first.fill("Fenwick")
        cell = pg.locator("#qc-sp").get_by_role("gridcell", name="Odile Fenwick", exact=False)
        cell.first.click()
        pg.locator("#qc-sp-quotes .qc-quote").first.wait_for(timeout=WAIT_MS)


@pytest.mark.parametrize("theme", THEMES)
def test_no_tab_has_a_serious_accessibility_violation(
    browser: Any, app_url: str, axe_script: Path, theme: str
) -> None:
    pg = _themed(browser, app_url, theme)
    try:
        pg.add_script_tag(path=str(axe_script))
        found = {}
        for tab in TABS:
            _fill_tab(pg, tab)
            pg.wait_for_timeout(300)
            found[tab] = pg.evaluate(AXE_RUN)
    finally:
        pg.close()
    assert found == {tab: [] for tab in TABS}
