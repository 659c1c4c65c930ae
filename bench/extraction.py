"""Quote extraction figures on a PolNeAR-format file: F1 per kind, speaker accuracy, speed.

Usage: python bench/extraction.py PATH.jsonl [--json]

Speed is extraction only (``extract_quotes`` on articles already in memory), one process,
one core; the scores come from ``ingest.quote_eval.evaluate``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.quote_eval import evaluate
from ingest.quotes import extract_quotes
from ingest.records import Article


def speed(path: str, rounds: int = 3) -> tuple[float, int]:
    """Best-of-``rounds`` articles per second, and the number of quotes found."""
    articles = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rec = json.loads(line)
                articles.append(Article(id=rec["id"], title=rec.get("title", ""), text=rec["text"]))
    best = 0.0
    found = 0
    for _ in range(rounds):
        t0 = time.perf_counter()
        found = sum(len(extract_quotes(a)) for a in articles)
        best = max(best, len(articles) / (time.perf_counter() - t0))
    return best, found


def main(argv: list[str]) -> int:
    if not argv or argv[0].startswith("-"):
        print(__doc__)
        return 2
    path = argv[0]
    report = evaluate(path)
    rate, found = speed(path)
    if "--json" in argv:
        out = report.as_dict()
        out["articles_per_second"] = round(rate, 1)
        out["quotes_found"] = found
        print(json.dumps(out, indent=2))
        return 0
    print(report.format())
    print(f"extraction speed: {rate:.0f} articles/s on one core ({found} quotes found)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
