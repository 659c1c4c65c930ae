"""What the ``quotecheck`` commands share: exit codes, JSON output, the service, a
progress bar."""

from __future__ import annotations

import argparse
import json
import sys
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


def progress_bar() -> Callable[[int, int, str], None] | None:
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar: dict[str, Any] = {}

    def update(done: int, total: int, source: str) -> None:
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", file=sys.stderr)
        bar["bar"].set_postfix_str(Path(source).name[:30])
        bar["bar"].update(done - bar["bar"].n)
        if done >= total:
            bar["bar"].close()

    return update
