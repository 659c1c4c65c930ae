"""Screenshots of each tab of the web app into docs/screenshots/ (headless Chromium).

    .venv/bin/python docs/screenshots/take.py          # the real bundled model
    .venv/bin/python docs/screenshots/take.py --fake   # the fake embedder

Starts ``app.py`` on a free port with a fresh data dir (it loads the sample corpus), drives
each tab with Playwright in the light and the dark theme, saves ``chat.png``, ``verify.png``,
``compare.png``, ``contradicted.png``, ``library.png``, ``speakers.png`` (and each as
``*-dark.png``) and ``phone.png``, and stops the app.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_for(url: str) -> None:
    """Until the app at ``url`` answers (a minute at most)."""
    for _ in range(300):
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)


def app_env(data_dir: str | Path, port: int, fake: bool) -> dict[str, str]:
    """The environment of an app on ``port`` over ``data_dir``: none of the caller's
    ``QUOTECHECK_`` settings, offline, the fake embedder if asked."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTECHECK_")}
    env.update(QUOTECHECK_DATA_DIR=str(data_dir), QUOTECHECK_PORT=str(port), HF_HUB_OFFLINE="1")
    if fake:
        env["QUOTECHECK_EMBED_MODEL"] = "fake"
    return env


@contextmanager
def serving(env: dict[str, str]) -> Iterator[str]:
    """``app.py`` running with ``env`` until the block ends; yields its URL."""
    proc = subprocess.Popen([sys.executable, str(REPO / "app.py")], cwd=REPO, env=env)
    url = f"http://127.0.0.1:{env['QUOTECHECK_PORT']}/"
    try:
        wait_for(url)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=15)


def shoot_tabs(pg: Any, url: str, suffix: str = "") -> None:
    """Every tab, used as a reader would, saved as ``<tab>{suffix}.png``."""
    pg.goto(url, wait_until="load")
    pg.wait_for_selector("#qc-ask textarea", timeout=30000)
    pg.locator("#qc-ask textarea").fill(
        "Who said that the sluice gates were never designed for this?"
    )
    pg.locator("#qc-ask textarea").press("Enter")
    bot = pg.locator('[data-testid="bot"]').first
    bot.locator(".qc-cites").wait_for(timeout=60000)
    bot.locator("a.qc-ref").first.click()  # an [n] opens its source card
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"chat{suffix}.png"))

    pg.get_by_role("tab", name="Verify a quote").click()
    pg.locator("#qc-quote textarea").fill("We were running them past their limit for three days")
    pg.locator("#qc-speaker input, #qc-speaker textarea").first.fill("Odile Fenwick")
    pg.locator("#qc-verify").click()
    pg.locator(".qc-verdict").wait_for(timeout=60000)
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"verify{suffix}.png"))

    # a claim with a changed number: the contradicted card, the source's words marked
    pg.locator("#qc-quote textarea").fill("the strike would last at least 48 hours")
    pg.locator("#qc-speaker input, #qc-speaker textarea").first.fill("Declan Morrow")
    pg.locator("#qc-verify").click()
    pg.locator('#qc-verdict [data-verdict="contradicted"]').wait_for(timeout=60000)
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"contradicted{suffix}.png"))

    pg.get_by_role("tab", name="Compare accounts").click()
    topic = pg.get_by_label("Topic")
    topic.fill("the Port Kelsey dock strike")
    topic.press("Enter")
    pg.locator("#qc-compare .qc-col").first.wait_for(timeout=60000)
    pg.locator("#qc-compare details.qc-cite summary").first.click()
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"compare{suffix}.png"))

    pg.get_by_role("tab", name="Library").click()
    pg.locator("#qc-lib [role=gridcell]").first.wait_for(timeout=30000)
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"library{suffix}.png"))

    pg.get_by_role("tab", name="Speakers").click()
    cell = pg.locator("#qc-sp").get_by_role("gridcell", name="Priya Nandakumar")
    cell.first.click()
    pg.locator("#qc-sp-quotes .qc-quote").first.wait_for(timeout=30000)
    pg.locator("#qc-sp-quotes details.qc-cite summary").first.click()
    pg.wait_for_timeout(500)
    pg.screenshot(path=str(HERE / f"speakers{suffix}.png"))


def main() -> None:
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser()
    parser.add_argument("--fake", action="store_true")
    fake = parser.parse_args().fake
    tmp = tempfile.mkdtemp(prefix="qc-shots-")
    try:
        with serving(app_env(tmp, free_port(), fake)) as url, sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            for theme, suffix in (("light", ""), ("dark", "-dark")):
                pg = b.new_page(viewport={"width": 1280, "height": 1000})
                shoot_tabs(pg, f"{url}?__theme={theme}", suffix)
                pg.close()

            phone = b.new_page(
                viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True
            )
            phone.goto(url, wait_until="load")
            phone.wait_for_selector("#qc-ask textarea", timeout=30000)
            phone.locator("#qc-ask textarea").fill("What did Odile Fenwick say about the budget?")
            phone.locator("#qc-ask textarea").press("Enter")
            phone.locator('[data-testid="bot"] .qc-cites').first.wait_for(timeout=60000)
            phone.wait_for_timeout(500)
            phone.screenshot(path=str(HERE / "phone.png"))
            b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"screenshots ({'fake embedder' if fake else 'real model'}) in {HERE}")


if __name__ == "__main__":
    main()
