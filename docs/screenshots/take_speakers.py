"""The Speakers tab on a store of real news (issue 18): names as a reader sees them.

    .venv/bin/python docs/screenshots/take_speakers.py PATH/train.jsonl [--n 200] [--fake]

Loads the first ``--n`` dev lines (i % 5 < 3) of a PolNeAR-format file into a fresh store
(the articles stay out of the repository; only the screenshot is saved), starts ``app.py`` on
it, and saves ``speakers-polnear.png`` (the Speakers tab, most quoted first) and
``speakers-polnear.txt`` (``quotecheck speakers`` on the same store, the top 60 lines).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from take import ARGS, HERE, REPO, app_env, free_port, serving

QUOTECHECK = [str(Path(sys.executable).with_name("quotecheck"))]


def main() -> None:
    from playwright.sync_api import sync_playwright

    ap = argparse.ArgumentParser()
    ap.add_argument("path", type=Path)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--fake", action="store_true", help="the fake embedder (faster ingest)")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="qc-speakers-"))
    lines = args.path.read_text(encoding="utf-8").splitlines()
    dev = [s for i, s in enumerate(lines) if i % 5 < 3 and s.strip()][: args.n]
    source = tmp / "articles.jsonl"
    source.write_text("\n".join(dev) + "\n", encoding="utf-8")
    env = app_env(tmp / "store", free_port(), args.fake)
    subprocess.run([*QUOTECHECK, "ingest", str(source)], cwd=REPO, env=env, check=True)
    listing = subprocess.run(
        [*QUOTECHECK, "speakers"], cwd=REPO, env=env, check=True, capture_output=True, text=True
    ).stdout
    (HERE / "speakers-polnear.txt").write_text(
        "\n".join(listing.splitlines()[:60]) + "\n", encoding="utf-8"
    )
    try:
        with serving(env) as url, sync_playwright() as p:
            b = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
            pg = b.new_page(viewport={"width": 1280, "height": 1100})
            pg.goto(url, wait_until="load")
            pg.get_by_role("tab", name="Speakers").click()
            pg.locator("#qc-sp [role=gridcell]").first.wait_for(timeout=60000)
            pg.wait_for_timeout(800)
            pg.screenshot(path=str(HERE / "speakers-polnear.png"))
            b.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"{len(dev)} articles: {HERE / 'speakers-polnear.png'}, speakers-polnear.txt")
    print(json.dumps({"speakers_listed": len(listing.splitlines())}))


if __name__ == "__main__":
    main()
