"""Time from ``python app.py`` to a served page, and to the first answer, printed as figures.

    .venv/bin/python bench/startup.py            # the real bundled model
    .venv/bin/python bench/startup.py --fake     # the fake embedder (no model load)

Each run starts the app in a subprocess on a free port with a fresh data dir (so the first
start also loads the sample corpus), then a second time over the same, now filled, store.
The first answer is asked through ``gradio_client`` (api_name ``/ask``), as a user's script
would. Every server started here is stopped before the script ends.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.webapp import free_port

REPO = Path(__file__).resolve().parent.parent
QUESTION = "Who said that the sluice gates were never designed for this?"


def one_start(data_dir: Path, fake: bool) -> tuple[float, float, float]:
    """Seconds to a served page, to the first answer, and that answer's own latency."""
    from gradio_client import Client

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTECHECK_")}
    env.update(QUOTECHECK_DATA_DIR=str(data_dir), QUOTECHECK_PORT=str(port), HF_HUB_OFFLINE="1")
    if fake:
        env["QUOTECHECK_EMBED_MODEL"] = "fake"
    url = f"http://127.0.0.1:{port}/"
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(REPO / "app.py")],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            if proc.poll() is not None:
                raise SystemExit("app.py exited before serving a page")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        page = time.perf_counter() - t0
        client = Client(url, verbose=False)
        t1 = time.perf_counter()
        answer = client.predict(QUESTION, api_name="/ask")
        first = time.perf_counter() - t0
        assert "Priya Nandakumar" in str(answer), answer
        return page, first, time.perf_counter() - t1
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fake", action="store_true", help="use the fake embedder")
    args = parser.parse_args()
    model = "fake embedder" if args.fake else "bundled all-MiniLM-L6-v2"
    print(f"web app start-up, {model}, {os.cpu_count()} CPUs")
    print(f"{'store':<22}{'served page s':>14}{'first answer s':>16}{'ask latency s':>15}")
    with tempfile.TemporaryDirectory(prefix="qc-bench-startup-") as tmp:
        for label in ("empty (loads samples)", "filled"):
            page, first, latency = one_start(Path(tmp) / "data", args.fake)
            print(f"{label:<22}{page:>14.2f}{first:>16.2f}{latency:>15.2f}")


if __name__ == "__main__":
    main()
