"""What the ``quotecheck`` commands share: exit codes, JSON output, the service, a
progress bar."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ingest.config import load_settings

EXIT_OK, EXIT_FAILED, EXIT_ERROR = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def open_service(args: argparse.Namespace) -> Any:
    from bot.service import Quotecheck

    settings = load_settings(
        data_dir=args.data_dir,
        embed_model=args.embed_model,
        llm=getattr(args, "llm", None),
        follow_links=getattr(args, "follow_links", None) or None,
    )
    return Quotecheck(settings)


def progress_lines(unit: str, every_s: float = 5.0) -> Callable[[int, int, str], None]:
    """Progress as a plain line on stderr at most every ``every_s`` seconds, and at the
    end: what a log or a pipe gets instead of a bar."""
    last = [0.0]

    def update(done: int, total: int, source: str) -> None:
        now = time.monotonic()
        if done < total and now - last[0] < every_s:
            return
        last[0] = now
        print(f"{done:,} of {total:,} {unit}", file=sys.stderr, flush=True)

    return update


def progress_for(
    args: argparse.Namespace, unit: str, lines: str
) -> Callable[[int, int, str], None] | None:
    """The progress a command shows: none with ``--json`` or ``--quiet``, else
    :func:`progress_bar` (a bar on a terminal, plain lines on a pipe or in a log)."""
    if args.json or getattr(args, "quiet", False):
        return None
    return progress_bar(unit, lines)


def progress_bar(unit: str = "file", lines: str = "files") -> Callable[[int, int, str], None]:
    """A bar counting ``unit`` on a terminal, plain lines ("3 of 9 ``lines``") elsewhere."""
    if not sys.stderr.isatty():
        return progress_lines(lines)
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int, source: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit=unit, file=sys.stderr)
        bar["bar"].set_postfix_str(Path(source).name[:30])
        bar["bar"].update(done - bar["bar"].n)
        if done >= total:
            bar.pop("bar").close()  # the next batch (or file list) gets its own bar

    return update
