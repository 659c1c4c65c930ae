"""Quote extraction figures on a PolNeAR-format file: F1 per kind, speaker accuracy, speed.

Usage: python bench/extraction.py PATH.jsonl [--split dev|heldout] [--json]

``--split dev`` keeps the lines whose 0-based index i has i % 5 < 3 (the lines rules may be
developed on), ``--split heldout`` the others (for a final check only). Speed is extraction
only (``extract_quotes`` on articles already in memory), one process, one core; the scores
come from the scorer of ``quotecheck eval-quotes`` (``ingest.quote_eval``).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.quote_eval import Report, predict_record, score_article
from ingest.quotes import extract_quotes
from ingest.records import Article

SPLITS = {
    "all": lambda i: True,
    "dev": lambda i: i % 5 < 3,
    "heldout": lambda i: i % 5 >= 3,
}


def read_split(path: str, split: str) -> list[dict[str, Any]]:
    """The records of ``path`` on the chosen split (line index counts non-blank lines)."""
    keep = SPLITS[split]
    with open(path, encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip()]
    return [json.loads(line) for i, line in enumerate(lines) if keep(i)]


def score(records: list[dict[str, Any]]) -> Report:
    report = Report()
    for rec in records:
        score_article(report, rec["text"], rec["quotes"], predict_record(rec))
    return report


def speed(records: list[dict[str, Any]], rounds: int = 3) -> tuple[float, int]:
    """Best-of-``rounds`` articles per second, and the number of quotes found."""
    articles = [
        Article(id=rec["id"], title=rec.get("title", ""), text=rec["text"]) for rec in records
    ]
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
    split = "all"
    if "--split" in argv:
        at = argv.index("--split") + 1
        if at >= len(argv) or argv[at] not in SPLITS:
            print(f"--split takes one of: {', '.join(SPLITS)}")
            return 2
        split = argv[at]
    records = read_split(path, split)
    report = score(records)
    rate, found = speed(records)
    if "--json" in argv:
        out = report.as_dict()
        out["split"] = split
        out["articles_per_second"] = round(rate, 1)
        out["quotes_found"] = found
        print(json.dumps(out, indent=2))
        return 0
    print(f"split: {split} ({len(records)} articles)")
    print(report.format())
    print(f"extraction speed: {rate:.0f} articles/s on one core ({found} quotes found)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
