"""Quotecheck's processes for the benchmarks: ``app.py``, ``chroma run``, the CLI.

Each runs as a user would start it, on a free port, with its output in a log file, and is
stopped when its ``with`` block ends. ``upload_articles`` adds files through the web app's
Library tab, sending the request a browser sends.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def app_env(data_dir: Path, fake: bool, chroma: tuple[str, int] | None = None) -> dict[str, str]:
    """The environment of every process of one run: its own data dir or server collections."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("QUOTECHECK_")}
    env.update(
        QUOTECHECK_DATA_DIR=str(data_dir),
        QUOTECHECK_COLLECTION_PREFIX="l" + uuid.uuid4().hex[:8],
        HF_HUB_OFFLINE="1",
        ANONYMIZED_TELEMETRY="False",
        GRADIO_ANALYTICS_ENABLED="False",
    )
    if fake:
        env["QUOTECHECK_EMBED_MODEL"] = "fake"
    if chroma:
        env.update(QUOTECHECK_CHROMA_HOST=chroma[0], QUOTECHECK_CHROMA_PORT=str(chroma[1]))
    return env


def quotecheck(env: dict[str, str], *args: str) -> Any:
    """``quotecheck ARGS --json`` in a subprocess; its JSON output."""
    done = subprocess.run(
        [str(BIN / "quotecheck"), *args, "--json"], env=env, capture_output=True, text=True
    )
    if done.returncode not in (0, 1):  # 1: some file failed, reported in the JSON
        raise SystemExit(f"quotecheck {args[0]} failed: {done.stderr.strip()[-2000:]}")
    return json.loads(done.stdout)


def stop_process(proc: subprocess.Popen[Any]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_until(
    ready: Callable[[], bool], proc: subprocess.Popen[Any], what: str, log: Path
) -> None:
    deadline = time.monotonic() + 300
    while not ready():
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-3000:] if log.exists() else ""
            raise SystemExit(f"{what} did not start:\n{tail}")
        time.sleep(0.2)


@contextmanager
def serving(
    cmd: list[str], env: dict[str, str], log: Path, ready: Callable[[], bool]
) -> Iterator[None]:
    """Runs ``cmd`` until the block ends, once ``ready()`` says it serves."""
    with log.open("w") as out:
        proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        _wait_until(ready, proc, cmd[1] if len(cmd) > 1 else cmd[0], log)
        yield
    finally:
        stop_process(proc)


def _listening(port: int) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            return False

    return ready


def page_ready(url: str) -> Callable[[], bool]:
    def ready() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                return bool(r.status == 200)
        except OSError:
            return False

    return ready


@contextmanager
def chroma_server(folder: Path) -> Iterator[tuple[str, int]]:
    """A ``chroma run`` server on a free port over ``folder``."""
    port = free_port()
    cmd = [
        str(BIN / "chroma"),
        "run",
        "--path",
        str(folder / "chroma-server"),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    with serving(cmd, dict(os.environ), folder / "chroma.log", _listening(port)):
        yield "127.0.0.1", port


def upload_articles(url: str, files: Sequence[Path], timeout: float = 600) -> list[list[Any]]:
    """Sends files to the Library tab's "Add to the library" as a browser does; its rows."""
    import httpx

    api = url.rstrip("/") + "/gradio_api"
    with httpx.Client(timeout=timeout) as http:
        config = http.get(url.rstrip("/") + "/config").json()
        button = next(
            c["id"] for c in config["components"] if c["props"].get("elem_id") == "qc-add"
        )
        dep = next(d for d in config["dependencies"] if [button, "click"] in d["targets"])
        props = {c["id"]: c["props"] for c in config["components"]}
        handles = [("files", (f.name, f.read_bytes())) for f in files]
        paths = http.post(api + "/upload", files=handles).raise_for_status().json()
        data: list[Any] = [
            [
                {"path": p, "orig_name": f.name, "meta": {"_type": "gradio.FileData"}}
                for p, f in zip(paths, files, strict=True)
            ],
            *(props[i].get("value") for i in dep["inputs"][1:]),
        ]
        session = uuid.uuid4().hex[:12]
        join = {"data": data, "fn_index": dep["id"], "trigger_id": button, "session_hash": session}
        http.post(api + "/queue/join", json={**join, "event_data": None}).raise_for_status()
        with http.stream("GET", api + "/queue/data", params={"session_hash": session}) as sse:
            for line in sse.iter_lines():
                msg = json.loads(line[5:]) if line.startswith("data:") else {}
                if msg.get("msg") == "process_completed":
                    if not msg.get("success"):
                        raise RuntimeError(f"upload failed: {msg.get('output')}")
                    return list(msg["output"]["data"][0]["data"])
    raise RuntimeError("the upload's event stream ended without a result")
